"""Offers seen by an advisor: the open offers with how many of the caseload fit them, and one
offer with the best residents of the caseload, to refer one or several at once.

Residents are those of the structure's caseload only; the offer must be published (404).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from advisors import selectors
from advisors.forms import BulkReferForm
from advisors.permissions import advisor_required
from advisors.views import DELEGATED_SENT
from matching import runs
from matching import tasks as matching_tasks
from matching.explain import explain
from matching.models import Dirty, Run
from referrals import services as referral_services

PAGE_SIZE = 20


@advisor_required
@require_GET
def offers(request):
    """``/espace-conseiller/offres/``: open offers, newest first, with the number of the
    structure's residents who have a good match with each."""
    q = request.GET.get("q", "").strip()[:100]
    clause = request.GET.get("clause") == "on"
    run = Run.current()
    listed = selectors.offers_for_advisor(structure=request.structure, run=run, q=q, clause=clause)
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "advisors/offers.html",
        {
            "structure": request.structure,
            "page": page,
            "q": q,
            "clause": clause,
            "params": params.urlencode(),
        },
    )


def _bulk_messages(request, report) -> None:
    if report.made:
        sent = sum(1 for r in report.made if r.status == "sent")
        asked = len(report.made) - sent
        parts = []
        if asked:
            parts.append(f"Offre proposée à {asked} personne{'s' if asked > 1 else ''}")
        if sent:
            s = "s" if sent > 1 else ""
            parts.append(f"{sent} profil{s} envoyé{s} directement à l'employeur")
        messages.success(request, " ; ".join(parts) + ".")
        if sent:
            messages.info(
                request,
                DELEGATED_SENT
                if sent == 1
                else "Les candidatures ont été transmises directement à l'employeur : "
                "ces personnes vous ont délégué cet envoi.",
            )
    for profile, error in report.failed:
        messages.error(request, f"{profile.user.get_full_name()} : {error}")


def _rescore_later(offer) -> None:
    """Mark the offer for re-scoring and wake a worker once this commits, as a saved offer
    does (``matching.receivers``): the page never waits for the matcher. When the broker is
    down, the mark stays and the minute sweep of Celery beat picks it up."""
    with transaction.atomic():
        runs.dirty_mark(Dirty.Kind.OFFER, [offer.pk])
        transaction.on_commit(matching_tasks.schedule_dirty)


@advisor_required
@require_http_methods(["GET", "POST"])
def offer(request, pk: int):
    """``/espace-conseiller/offres/<pk>/``: the best residents of the caseload for the offer,
    from the current run, with reasons; tick several to refer them at once. "Recalculer" asks
    a Celery worker to re-score this offer against everyone (the caseload included) in the
    current run, within a minute."""
    structure = request.structure
    offer = selectors.offer_for_advisor(pk=pk)
    followed = selectors.followed(structure=structure)
    form = BulkReferForm(request.POST or None, profiles=followed.select_related("user"))
    if request.method == "POST":
        if request.POST.get("action") == "rescore":
            _rescore_later(offer)
            messages.success(
                request,
                "Le recalcul est demandé : rechargez la page dans une minute pour voir "
                "les personnes les plus proches de cette offre.",
            )
            return redirect("advisors:offer", pk=offer.pk)
        if form.is_valid():
            report = referral_services.referrals_propose(
                structure=structure,
                by=request.user,
                profiles=list(form.cleaned_data["profiles"].order_by("pk")),
                offer=offer,
                message=form.cleaned_data["message"],
            )
            _bulk_messages(request, report)
            return redirect("advisors:offer", pk=offer.pk)
    run = Run.current()
    matches = selectors.offer_residents(structure=structure, offer=offer, run=run)
    return render(
        request,
        "advisors/offer.html",
        {
            "structure": structure,
            "offer": offer,
            "run": run,
            "items": explain(matches, for_employer=True),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )
