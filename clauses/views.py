"""Pages of the insertion clauses, in the advisor's space.

Permissions, in one place: every page needs an advisor of an active structure
(``advisor_required``). The dashboard shows every operation's hours against its target, and the
structure's own eligible residents matched to open clause offers. An operation's page, its
offers and the hours of its hires answer its facilitator only (404 for anyone else); the people
hired are named there only. Eligibility is recorded on a resident the structure follows (404).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from advisors.permissions import advisor_required
from advisors.selectors import resident_for_structure
from applications.models import Application
from clauses import selectors, services
from clauses.forms import AttachForm, EligibilityForm, HoursForm, OperationForm, hours_text
from matching.models import Run
from referrals.models import Referral


@advisor_required
@require_GET
def dashboard(request):
    """``/espace-conseiller/clauses/``: hours achieved against the target, per operation; the
    eligible residents of the structure matched to open clause offers."""
    structure = request.structure
    facilitator = selectors.is_facilitator(structure)
    run = Run.current()
    matches = selectors.eligible_matches(structure=structure, run=run)
    return render(
        request,
        "clauses/dashboard.html",
        {
            "structure": structure,
            "facilitator": facilitator,
            "items": selectors.progress(with_hires=facilitator),
            "matches": matches,
            # Why the list is empty, said on the page rather than a bare "no one".
            "state": None if matches else selectors.eligible_state(structure=structure, run=run),
        },
    )


def _facilitator_only(request) -> None:
    if not selectors.is_facilitator(request.structure):
        raise Http404("Réservé aux facilitateurs des clauses sociales.")


@advisor_required
@require_http_methods(["GET", "POST"])
def operation_create(request):
    _facilitator_only(request)
    form = OperationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        operation = services.operation_create(
            structure=request.structure, by=request.user, **form.cleaned_data
        )
        messages.success(request, "L'opération est créée : rattachez-lui ses offres.")
        return redirect("clauses:operation", pk=operation.pk)
    return render(
        request,
        "clauses/operation_form.html",
        {"structure": request.structure, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _operation_page(request, operation, *, attach=None, status=200):
    [item] = selectors.progress(
        operations_qs=selectors.operations().filter(pk=operation.pk), with_hires=True
    )
    return render(
        request,
        "clauses/operation.html",
        {
            "structure": request.structure,
            "item": item,
            "operation": operation,
            "offers": operation.offers.select_related("employer", "commune").order_by("title"),
            "attach": attach or AttachForm(offers=selectors.attachable_offers(operation=operation)),
        },
        status=status,
    )


@advisor_required
@require_http_methods(["GET", "POST"])
def operation(request, pk: int):
    """An operation of this facilitator: its offers (attach, detach) and its hires' hours."""
    operation = selectors.operation_for_facilitator(structure=request.structure, pk=pk)
    if request.method == "POST":
        if "detach" in request.POST:
            detach = request.POST.get("detach", "")
            if not detach.isdecimal():
                raise Http404
            offer = get_object_or_404(operation.offers.all(), pk=int(detach))
            services.operation_offers(
                operation=operation,
                structure=request.structure,
                by=request.user,
                offer=offer,
                attach=False,
            )
            messages.success(request, f"« {offer.title} » est retirée de l'opération.")
            return redirect("clauses:operation", pk=operation.pk)
        form = AttachForm(request.POST, offers=selectors.attachable_offers(operation=operation))
        if form.is_valid():
            offer = form.cleaned_data["offer"]
            services.operation_offers(
                operation=operation,
                structure=request.structure,
                by=request.user,
                offer=offer,
                attach=True,
            )
            messages.success(request, f"« {offer.title} » est rattachée à l'opération.")
            return redirect("clauses:operation", pk=operation.pk)
        return _operation_page(request, operation, attach=form, status=400)
    return _operation_page(request, operation)


@advisor_required
@require_POST
def hours(request, pk: int):
    operation = selectors.operation_for_facilitator(structure=request.structure, pk=pk)
    form = HoursForm(request.POST)
    if not form.is_valid():
        # The hours field says its own rule; kind and hire come from the page, not from a person.
        said = form.errors.get("hours") or ["Embauche inconnue : rechargez la page."]
        messages.error(request, " ".join(said))
        return redirect("clauses:operation", pk=operation.pk)
    data = form.cleaned_data
    model = Referral if data["kind"] == "referral" else Application
    hire = model.objects.filter(pk=data["hire"], offer__in=operation.offers.all()).first()
    if hire is None:
        raise Http404
    try:
        services.hours_record(
            operation=operation,
            structure=request.structure,
            by=request.user,
            hours=data["hours"],
            **{data["kind"]: hire},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        hours = data["hours"]
        said = "heures enregistrées" if hours >= 2 else "heure enregistrée"  # 1,5 heure
        messages.success(request, f"{hours_text(hours)} {said}.")
    return redirect("clauses:operation", pk=operation.pk)


@advisor_required
@require_POST
def eligibility(request, pk: int):
    """Record the eligible publics of a resident the structure follows (from their file)."""
    profile = resident_for_structure(structure=request.structure, pk=pk)
    form = EligibilityForm(request.POST)
    if form.is_valid():
        services.eligibility_set(
            structure=request.structure,
            by=request.user,
            profile=profile,
            publics=form.cleaned_data["publics"],
        )
        messages.success(request, "Éligibilité aux clauses enregistrée.")
    else:
        messages.error(request, "Choisissez les publics dans la liste.")
    return redirect("advisors:resident", pk=profile.pk)
