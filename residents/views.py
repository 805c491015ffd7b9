"""Pages of the resident's own space: the home, the profile's steps, the CV, the consents."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from residents import cv, selectors, services, steps
from residents.consent_forms import ConsentForm, FinishForm, NotificationsForm
from residents.forms import FORMS
from residents.models import Consent
from residents.permissions import resident_required


def _step_url(slug: str | None) -> str:
    return reverse("residents:step", args=[slug]) if slug else reverse("residents:finish")


@resident_required
def home(request):
    profile = selectors.profile_of(request.user)
    state = selectors.steps_state(profile)
    context = {
        "profile": profile,
        "steps": state,
        "done_count": sum(done for _step, done in state),
        "next_step": selectors.first_step_to_do(profile),
        "matching": selectors.has_consent(profile, Consent.Kind.MATCHING),
    }
    return render(request, "residents/home.html", context)


@resident_required
@require_http_methods(["GET", "POST"])
def step(request, slug: str):
    current = steps.BY_SLUG[slug]
    profile = selectors.profile_of(request.user)
    form_class = FORMS[slug]
    posted = request.method == "POST"
    form = form_class(
        request.POST if posted else None, request.FILES if posted else None, profile=profile
    )
    if posted and form.is_valid():
        try:
            form.save(by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "C'est enregistré.")
            return redirect(_step_url(steps.next_slug(slug)))
    number = steps.SLUGS.index(slug) + 1
    context = {
        "profile": profile,
        "step": current,
        "form": form,
        "number": number,
        "total": len(steps.STEPS),
        "next_url": _step_url(steps.next_slug(slug)),
        "previous_url": (
            _step_url(steps.previous_slug(slug)) if steps.previous_slug(slug) else None
        ),
    }
    return render(request, f"residents/steps/{slug}.html", context)


@resident_required
@require_POST
def cv_remove(request):
    services.cv_remove(profile=selectors.profile_of(request.user), by=request.user)
    messages.success(request, "Votre CV est supprimé.")
    return redirect("residents:step", "mon-cv")


@resident_required
@never_cache
def cv_download(request):
    """The resident's own CV, as an attachment; nobody else can reach it (404)."""
    profile = selectors.profile_of(request.user)
    if not profile.cv:
        raise Http404("Pas de CV.")
    kind = cv.kind_of_name(profile.cv.name)
    try:
        handle = profile.cv.open("rb")
    except FileNotFoundError as error:
        raise Http404("Pas de CV.") from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=profile.cv_name or f"cv.{kind.extension}",
        content_type=kind.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@resident_required
@require_http_methods(["GET", "POST"])
def finish(request):
    """The end of the steps: the matching consent is proposed, unticked."""
    profile = selectors.profile_of(request.user)
    form = FinishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["matching"]:
            services.consent_give(profile=profile, kind=Consent.Kind.MATCHING, by=request.user)
            messages.success(request, "Merci. Vous recevrez des offres qui vous correspondent.")
        return redirect("residents:home")
    context = {
        "form": form,
        "matching": selectors.has_consent(profile, Consent.Kind.MATCHING),
        "previous_url": _step_url(steps.SLUGS[-1]),
    }
    return render(request, "residents/finish.html", context)


CONSENT_MESSAGES = {
    ("give", Consent.Kind.MATCHING): "Vous recevrez des offres qui vous correspondent.",
    ("revoke", Consent.Kind.MATCHING): "Vous ne recevrez plus d'offres choisies pour vous.",
    ("give", Consent.Kind.VISIBILITY): "Les employeurs peuvent voir votre profil, sans vos "
    "coordonnées.",
    ("revoke", Consent.Kind.VISIBILITY): "Les employeurs ne voient plus votre profil.",
    ("give", Consent.Kind.FOLLOWUP): "La structure choisie peut vous suivre.",
    ("revoke", Consent.Kind.FOLLOWUP): "Cette structure ne vous suit plus.",
}


@resident_required
@require_http_methods(["GET", "POST"])
def consents(request):
    profile = selectors.profile_of(request.user)
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        service = services.consent_give if data["action"] == "give" else services.consent_revoke
        try:
            service(
                profile=profile, kind=data["kind"], structure=data["structure"], by=request.user
            )
        except ValidationError as error:
            form.add_error("structure", error)
        else:
            messages.success(request, CONSENT_MESSAGES[(data["action"], data["kind"])])
            # Only the form that carries it goes back (the page's own URL keeps its ?next=).
            return redirect(_same_site(request, request.POST.get("next")) or "residents:consents")
    return _consents_page(request, profile, form=form)


def _same_site(request, url: str | None) -> str:
    """``url`` when it is a page of this site (a path), to bring the person back there once
    their accord is saved; "" for anything else, another site above all."""
    url = url or ""
    same_site = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if same_site and url.startswith("/") else ""


def _consents_page(request, profile, *, form=None, emails=None):
    active = list(selectors.active_consents(profile).select_related("structure"))
    followed = [c for c in active if c.kind == Consent.Kind.FOLLOWUP]
    followed_ids = {c.structure_id for c in followed}
    context = {
        "active": {c.kind: c for c in active if c.kind != Consent.Kind.FOLLOWUP},
        "followed": followed,
        "structures": [
            s
            for s in selectors.followup_structures().select_related("commune")
            if s.pk not in followed_ids
        ],
        "form": form if form is not None and form.is_bound else ConsentForm(),
        "history": selectors.consent_history(profile),
        "emails": emails if emails is not None else NotificationsForm.for_profile(None, profile),
        "next": _same_site(request, request.POST.get("next") or request.GET.get("next")),
    }
    return render(request, "residents/consents.html", context)


@resident_required
@require_POST
def emails(request):
    profile = selectors.profile_of(request.user)
    form = NotificationsForm.for_profile(request.POST, profile)
    if not form.is_valid():
        return _consents_page(request, profile, emails=form)
    services.profile_update(profile=profile, by=request.user, **form.cleaned_data)
    messages.success(request, "Vos choix d'e-mails sont enregistrés.")
    return redirect("residents:consents")
