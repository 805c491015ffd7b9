"""The advisor's space: the caseload, a new resident, a resident's file and what an advisor does
on it (confirm QPV and level, notes, delegation, invitation, refer).

Every view goes through ``advisor_required`` (an active structure, ``request.structure``) and
reaches residents through the structure's caseload: anyone else's resident answers 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from advisors import selectors, services
from advisors.forms import (
    CaseloadFilterForm,
    DelegationForm,
    NoteForm,
    ReferForm,
    ResidentCreateForm,
    VerifyForm,
)
from advisors.permissions import advisor_required
from matching import selectors as matching_selectors
from matching.explain import explain
from matching.models import Run
from matching.training import DEMO_LABEL, trainings_for
from offers.models import Offer
from referrals import selectors as referral_selectors
from referrals import services as referral_services
from residents.models import Consent

PAGE_SIZE = 50
# Said to the advisor when a referral skipped the resident's answer because of a delegation.
DELEGATED_SENT = (
    "La candidature a été transmise directement à l'employeur : "
    "la personne vous a délégué cet envoi."
)


@advisor_required
@require_GET
def home(request):
    """``/espace-conseiller/``: the caseload, filtered, sorted (by priority unless another
    order is chosen; the table's caption says which), paginated."""
    structure = request.structure
    choices = selectors.caseload_choices(structure=structure)
    form = CaseloadFilterForm(request.GET or None, **choices)
    filters = form.filters()
    run = Run.current()
    profiles = selectors.caseload(structure=structure, run=run, filters=filters)
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "advisors/home.html",
        {
            "structure": structure,
            "form": form,
            "page": page,
            "params": params.urlencode(),
            "run": run,
            "filtered": form.is_bound,
            "sorted_by": selectors.SORT_CAPTIONS[selectors.applied_sort(filters)],
        },
    )


@advisor_required
@require_http_methods(["GET", "POST"])
def resident_create(request):
    """``/espace-conseiller/personnes/nouvelle/``: create a resident's account on their behalf."""
    form = ResidentCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.resident_create(
                structure=request.structure, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("email" if error.code == "exists" else None, error)
        else:
            messages.success(
                request,
                f"Le compte de {profile.user.get_full_name()} est créé. Une invitation à choisir "
                f"un mot de passe part à {profile.user.email}.",
            )
            return redirect("advisors:resident", pk=profile.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "advisors/resident_create.html",
        {"structure": request.structure, "form": form},
        status=status,
    )


def _file_context(request, profile, **forms) -> dict:
    structure = request.structure
    run = Run.current()
    matching = profile.consents.filter(kind=Consent.Kind.MATCHING, revoked_at__isnull=True).exists()
    # The advisor reads about the resident, in the third person as the employer does.
    prefetch_related_objects([profile], "past")
    matches = explain(
        matching_selectors.resident_matches(profile=profile, run=run), for_employer=True
    )
    referrals = list(selectors.referrals_of(profile=profile))
    taken = {r.offer_id for r in referrals if r.status != "cancelled"}
    applications = list(selectors.applications_of(profile=profile))
    taken |= {a.offer_id for a in applications}
    delegation = referral_selectors.delegation_of(structure=structure, profile=profile)
    return {
        "structure": structure,
        "profile": profile,
        "run": run,
        "matching": matching,
        "matches": matches,
        "taken": taken,
        "trainings": trainings_for(profile) if matching else [],
        "demo_label": DEMO_LABEL,
        "applications": applications,
        "referrals": referrals,
        "notes": selectors.notes_of(structure=structure, profile=profile),
        "invitation": selectors.last_invitation(profile=profile),
        "delegation": delegation,
        "verify_form": forms.get("verify") or VerifyForm(profile=profile),
        "note_form": forms.get("note") or NoteForm(),
        "delegation_form": DelegationForm(initial={"active": delegation is not None}),
        "refer_error": forms.get("refer_error"),
    }


@advisor_required
@require_GET
def resident(request, pk: int):
    """``/espace-conseiller/personnes/<pk>/``: the resident's file for the advisor."""
    profile = selectors.resident_for_structure(structure=request.structure, pk=pk)
    return render(request, "advisors/resident.html", _file_context(request, profile))


@advisor_required
@require_POST
def resident_verify(request, pk: int):
    profile = selectors.resident_for_structure(structure=request.structure, pk=pk)
    form = VerifyForm(request.POST, profile=profile)
    if form.is_valid():
        quartier = form.cleaned_data["quartier"]
        try:
            services.profile_verify(
                structure=request.structure,
                by=request.user,
                profile=profile,
                qpv_answer=("qpv" if quartier != "none" else "none") if quartier else None,
                qpv=quartier if quartier not in ("", "none") else None,
                level=form.cleaned_data["level"],
            )
        except ValidationError as error:
            form.add_error("quartier", error)
        else:
            messages.success(request, "C'est confirmé.")
            return redirect("advisors:resident", pk=profile.pk)
    context = _file_context(request, profile, verify=form)
    return render(request, "advisors/resident.html", context, status=400)


@advisor_required
@require_http_methods(["GET", "POST"])
def notes(request, pk: int):
    """The structure's notes about the resident (GET: the list alone; POST: add one)."""
    profile = selectors.resident_for_structure(structure=request.structure, pk=pk)
    form = NoteForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            services.note_add(
                structure=request.structure,
                by=request.user,
                profile=profile,
                text=form.cleaned_data["text"],
            )
            messages.success(request, "Note ajoutée.")
            return redirect("advisors:resident", pk=profile.pk)
        context = _file_context(request, profile, note=form)
        return render(request, "advisors/resident.html", context, status=400)
    notes = selectors.notes_of(structure=request.structure, profile=profile)
    return render(request, "advisors/_notes.html", {"notes": notes, "profile": profile})


@advisor_required
@require_POST
def delegation(request, pk: int):
    profile = selectors.resident_for_structure(structure=request.structure, pk=pk)
    form = DelegationForm(request.POST)
    active = form.is_valid() and form.cleaned_data["active"]
    referral_services.delegation_set(
        structure=request.structure, profile=profile, by=request.user, active=active
    )
    messages.success(
        request,
        "C'est noté : vos orientations partiront directement chez l'employeur."
        if active
        else "C'est noté : la personne sera consultée avant chaque envoi.",
    )
    return redirect("advisors:resident", pk=profile.pk)


@advisor_required
@require_POST
def invitation(request, pk: int):
    profile = selectors.resident_for_structure(structure=request.structure, pk=pk)
    try:
        services.invitation_send(structure=request.structure, by=request.user, profile=profile)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, f"L'invitation part à {profile.user.email}.")
    return redirect("advisors:resident", pk=profile.pk)


@advisor_required
@require_POST
def refer(request, pk: int):
    """Propose one offer to the resident (from the file's suggested offers)."""
    profile = selectors.resident_for_structure(structure=request.structure, pk=pk)
    form = ReferForm(request.POST)
    if not form.is_valid():
        raise Http404
    # An offer never published (a draft) is none of the advisor's business: 404, not its title.
    # One closed since it was shown gets a message saying so.
    offer = Offer.objects.filter(pk=form.cleaned_data["offer"], published_at__isnull=False).first()
    if offer is None:
        raise Http404
    try:
        referral = referral_services.referral_propose(
            structure=request.structure,
            by=request.user,
            profile=profile,
            offer=offer,
            message=form.cleaned_data["message"],
            direct=form.cleaned_data["direct"],
        )
    except referral_services.ReferralError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            DELEGATED_SENT
            if referral.delegated
            else f"« {offer.title} » est proposée à {profile.user.first_name}, qui va répondre.",
        )
    return redirect("advisors:resident", pk=profile.pk)
