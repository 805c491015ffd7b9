"""The resident's and the employer's pages of referrals.

Permissions, in one place per side: the resident's page answers residents only and shows their
own referrals; the employer's page answers the members of the offer's employer, for referrals
already sent. Anyone else gets 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from applications.forms import HireForm, RefuseForm
from referrals import selectors, services, workflow
from referrals.models import Status
from residents.permissions import resident_required

# --- The resident -------------------------------------------------------------------------------

ANSWERS = {"accepter": "accept", "refuser": "decline"}


@resident_required
@require_GET
def mine(request):
    """``/mes-propositions/``: "Propositions de mon conseiller", those to answer first."""
    referrals = list(selectors.referrals_of_resident(user=request.user))
    for referral in referrals:
        referral.meaning = workflow.MEANINGS[referral.status]
    waiting = [r for r in referrals if r.status == Status.PROPOSED]
    others = [r for r in referrals if r.status != Status.PROPOSED]
    return render(request, "referrals/mine.html", {"waiting": waiting, "others": others})


@resident_required
@require_POST
def answer(request, pk: int, answer: str):
    """Accept (the referral goes to the employer at once) or decline a proposal."""
    referral = selectors.referral_of_resident(user=request.user, pk=pk)
    name = ANSWERS.get(answer)
    if name is None:
        raise Http404
    try:
        if name == "accept":
            services.referral_accept(referral=referral, by=request.user)
        else:
            services.referral_transition(
                referral=referral,
                name="decline",
                by=request.user,
                reason=request.POST.get("reason", "")[:200],
            )
    except workflow.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, workflow.done_message(name, employer=referral.offer.employer.name)
        )
    return redirect("referrals:mine")


# --- The employer -------------------------------------------------------------------------------

# Said where the employer picks the reason of a refusal: « Autre raison » tells them nothing.
REASON_HELP = (
    "La structure qui accompagne la personne et la personne elle-même la verront. "
    "« Autre raison » ne leur dit pas pourquoi : écrivez-leur si vous voulez l'expliquer."
)


def _employer_page(request, referral, *, hire=None, refuse=None, status=200):
    """The referral's page. When the hire or refusal form does not validate, the top of the
    page, where it reloads, says so and links to the field (the form is far below)."""
    available = {t.name for t in workflow.available(referral.status, workflow.Actor.EMPLOYER)}
    return render(
        request,
        "referrals/employer_detail.html",
        {
            "referral": referral,
            "profile": selectors.referred_profile(referral=referral),
            "meaning": workflow.STATE_WORDS[referral.status],
            "can": available,
            "hire_form": hire or HireForm(),
            "refuse_form": refuse or RefuseForm(help_text=REASON_HELP),
            "invalid": next((form for form in (hire, refuse) if form and form.errors), None),
        },
        status=status,
    )


@login_required
@require_GET
def employer_detail(request, pk: int):
    """``/espace-employeur/orientations/<pk>/``: the resident as an application shows them,
    the advisor's message and the structure; never the QPV status nor the structure's notes."""
    referral = selectors.referral_for_employer(user=request.user, pk=pk)
    services.referral_open(referral=referral, by=request.user)
    return _employer_page(request, referral)


@login_required
@require_POST
def employer_move(request, pk: int, name: str):
    referral = selectors.referral_for_employer(user=request.user, pk=pk)
    if name not in workflow.EMPLOYER_MOVES:
        raise Http404
    hire = HireForm(request.POST) if name == "hire" else None
    refuse = RefuseForm(request.POST, help_text=REASON_HELP) if name == "refuse" else None
    form = hire or refuse
    if form is not None and not form.is_valid():
        return _employer_page(request, referral, hire=hire, refuse=refuse, status=400)
    data = form.cleaned_data if form is not None else {}
    try:
        services.referral_transition(
            referral=referral,
            name=name,
            by=request.user,
            reason=data.get("reason", ""),
            hired_start=data.get("hired_start"),
        )
    except workflow.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, workflow.done_message(name, reason=data.get("reason", "")))
    return redirect("referrals:employer_detail", pk=referral.pk)
