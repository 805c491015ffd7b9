"""The moderation queue (staff) and the "Signaler cette offre" form (anyone).

Permissions: flagging answers anyone on a public offer (404 otherwise); every other view is
staff only (``staff_required``: the login page for anonymous visitors, 403 for others).
"""

from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts import services as account_services
from accounts.models import Organisation
from accounts.permissions import staff_required
from accounts.ratelimit import client_address
from moderation import selectors, services
from moderation.forms import FlagForm, UnpublishForm
from moderation.models import OfferFlag
from offers.models import Offer, Status
from offers.workflow import TransitionError

FLAGS_PER_HOUR = 10  # per client address: enough for a person, not for a script
SESSION_KEY = "moderation:flagged"


def _throttled(request) -> bool:
    key = f"moderation:flags:{client_address(request)}"
    try:
        cache.add(key, 0, timeout=3600)
        return cache.incr(key) > FLAGS_PER_HOUR
    except Exception:  # the cache is down: flagging still works
        return False


def _already_flagged(request, offer: Offer) -> bool:
    if request.user.is_authenticated:
        return OfferFlag.objects.filter(
            offer=offer, by=request.user, resolved_at__isnull=True
        ).exists()
    return offer.pk in request.session.get(SESSION_KEY, [])


@require_POST
def offer_flag(request, pk: int):
    """``POST /offres/<pk>/signaler/``: anyone may flag a public offer, once while it is open."""
    offer = get_object_or_404(
        Offer, pk=pk, status=Status.PUBLISHED, employer__suspended_at__isnull=True
    )
    form = FlagForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez ce qui ne va pas dans cette offre pour la signaler.")
    elif _already_flagged(request, offer):
        messages.success(request, "Vous avez déjà signalé cette offre : l'équipe va la regarder.")
    elif _throttled(request):
        messages.error(
            request, "Trop de signalements depuis cette connexion : réessayez plus tard."
        )
    else:
        by = request.user if request.user.is_authenticated else None
        services.offer_flag(offer=offer, by=by, **form.cleaned_data)
        if by is None:
            request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), offer.pk][-50:]
        messages.success(request, "Merci : l'équipe du territoire va regarder cette offre.")
    return redirect("offers:detail", pk=offer.pk)


@staff_required
@require_GET
def queue(request):
    """``/espace-equipe/moderation/``: flagged offers, structures to validate, new employers."""
    context = {
        "flagged": selectors.flagged_offers(),
        "structures": selectors.structures_awaiting(),
        "employers": selectors.employers_new(),
        "days": selectors.NEW_EMPLOYER_DAYS,
        "unpublish_form": UnpublishForm(auto_id=False),
    }
    return render(request, "moderation/queue.html", context)


@staff_required
@require_POST
def flags_dismiss(request, pk: int):
    offer = get_object_or_404(Offer, pk=pk)
    count = services.flags_dismiss(offer=offer, by=request.user)
    messages.success(request, f"« {offer.title} » : {count} signalement(s) classé(s) sans suite.")
    return redirect("moderation:queue")


@staff_required
@require_POST
def flags_unpublish(request, pk: int):
    offer = get_object_or_404(Offer, pk=pk)
    form = UnpublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Donnez la raison : l'employeur la recevra.")
        return redirect("moderation:queue")
    try:
        services.flags_unpublish(offer=offer, by=request.user, reason=form.cleaned_data["reason"])
    except TransitionError as error:
        messages.error(request, f"« {offer.title} » : {error}")
    else:
        messages.success(request, f"« {offer.title} » est dépubliée ; l'employeur est prévenu.")
    return redirect("moderation:queue")


@staff_required
@require_POST
def structure_validate(request, pk: int):
    structure = get_object_or_404(Organisation, pk=pk, kind=Organisation.Kind.STRUCTURE)
    if services.structure_validate(organisation=structure, by=request.user):
        messages.success(request, f"{structure.name} est validée : ses conseillers peuvent agir.")
    else:
        messages.success(request, f"{structure.name} était déjà validée.")
    return redirect("moderation:queue")


@staff_required
@require_POST
def organisation_suspend(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk)
    suspend = request.POST.get("suspend") == "1"
    account_services.organisation_suspend(organisation=organisation, suspended=suspend)
    if suspend:
        messages.success(request, f"{organisation.name} est suspendue : ses offres disparaissent.")
    else:
        messages.success(request, f"{organisation.name} n'est plus suspendue.")
    return redirect("moderation:queue")
