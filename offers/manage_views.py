"""The employer space: offers of one's organisations, one form to create and edit them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import staff_required
from offers import selectors, services, workflow
from offers.forms import OfferForm, UnpublishForm
from offers.models import Offer


@login_required
def dashboard(request):
    offers = selectors.offers_of_member(user=request.user).order_by("-updated_at")
    employers = selectors.employers_of(user=request.user)
    if not employers.exists():
        raise Http404
    return render(
        request,
        "offers/manage/dashboard.html",
        {
            "offers": offers,
            "employers": employers,
            "counts": selectors.status_counts(user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request, pk: int | None = None):
    if pk is None:
        employers = selectors.employers_of(user=request.user).order_by("name")
        if not employers:
            raise Http404
        offer = Offer()
    else:
        offer = selectors.offer_for_member(user=request.user, pk=pk)
        employers = None
    form = OfferForm(request.POST or None, instance=offer, employers=employers)
    if request.method == "POST" and form.is_valid():
        required, nice = form.skill_codes()
        offer = services.offer_save(
            offer=form.save(commit=False),
            by=request.user,
            required_skills=required,
            nice_skills=nice,
        )
        done = "L'offre est enregistrée." if pk else "L'offre est créée (brouillon)."
        count = offer.skill_links.filter(required=True).count() if required is None else 0
        if count:
            done += (
                f" Les compétences essentielles du métier ({count}) sont exigées : "
                "retirez celles qui ne comptent pas pour ce poste."
            )
        messages.success(request, done)
        return redirect("offers:manage", pk=offer.pk)
    return render(request, "offers/manage/form.html", {"form": form, "offer": offer})


@login_required
def offer_manage(request, pk: int):
    offer = selectors.offer_for_member(user=request.user, pk=pk)
    required, nice = selectors.skills_of(offer=offer)
    return render(
        request,
        "offers/manage/offer.html",
        {
            "offer": offer,
            "actions": workflow.available(offer.status),
            "transitions": offer.transitions.select_related("by"),
            "required_skills": required,
            "nice_skills": nice,
        },
    )


@login_required
@require_POST
def offer_move(request, pk: int, name: str):
    offer = selectors.offer_for_member(user=request.user, pk=pk)
    if name == "confirm":
        try:
            services.offer_confirm(offer=offer, by=request.user)
        except workflow.TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Merci : l'offre reste en ligne.")
        return redirect("offers:manage", pk=offer.pk)
    if name not in {t.name for t in workflow.available(offer.status)}:
        messages.error(request, "Cette action n'est pas possible pour cette offre.")
        return redirect("offers:manage", pk=offer.pk)
    transition = workflow.TRANSITIONS[name]
    if transition.needs_confirm and request.POST.get("confirm") != "1":
        messages.error(request, "Cochez la case pour confirmer : cette action est définitive.")
        return redirect("offers:manage", pk=offer.pk)
    try:
        services.offer_transition(offer=offer, name=name, by=request.user)
    except workflow.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, transition.done)
    return redirect("offers:manage", pk=offer.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def offer_unpublish(request, pk: int):
    offer = get_object_or_404(Offer.objects.select_related("employer"), pk=pk)
    form = UnpublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_transition(
                offer=offer, name="unpublish", by=request.user, reason=form.cleaned_data["reason"]
            )
        except workflow.TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "L'offre est dépubliée ; l'employeur est prévenu.")
            return redirect("offers:detail", pk=offer.pk)
    return render(request, "offers/manage/unpublish.html", {"form": form, "offer": offer})
