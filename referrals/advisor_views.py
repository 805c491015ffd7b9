"""The structure's side of referrals: its list, one referral with its log, send or cancel.

Every page goes through ``advisor_required`` (an active structure) and reaches referrals
through ``selectors`` scoped to that structure: another structure's referral answers 404.
Referrals are proposed from the advisors' pages (the resident's file, the offer's page).
"""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from referrals import selectors, services, workflow
from referrals.models import Status
from referrals.permissions import advisor_required

PAGE_SIZE = 50
ADVISOR_MOVES = ("send", "cancel")


class StatusFilter(forms.Form):
    status = forms.ChoiceField(
        label="État", required=False, choices=[("", "Tous les états"), *Status.choices]
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Pourquoi l'annuler ?",
        required=False,
        max_length=200,
        help_text=(
            "Facultatif. Si la candidature était déjà chez l'employeur, il apprend seulement "
            "qu'elle est retirée, sans cette raison."
        ),
    )


@advisor_required
@require_GET
def index(request):
    """``/espace-conseiller/orientations/``: the structure's referrals, newest first."""
    form = StatusFilter(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    referrals = selectors.referrals_of_structure(structure=request.structure, status=status)
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "referrals/advisor_list.html",
        {"structure": request.structure, "form": form, "page": page, "params": params.urlencode()},
    )


@advisor_required
@require_GET
def detail(request, pk: int):
    referral = selectors.referral_for_structure(structure=request.structure, pk=pk)
    available = {t.name for t in workflow.available(referral.status, workflow.Actor.ADVISOR)}
    return render(
        request,
        "referrals/advisor_detail.html",
        {
            "structure": request.structure,
            "referral": referral,
            "meaning": workflow.STATE_WORDS[referral.status],
            "can": available & set(ADVISOR_MOVES),
            "cancel_form": CancelForm(),
        },
    )


@advisor_required
@require_POST
def move(request, pk: int, name: str):
    referral = selectors.referral_for_structure(structure=request.structure, pk=pk)
    if name not in ADVISOR_MOVES:
        raise Http404
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.referral_transition(referral=referral, name=name, by=request.user, reason=reason)
    except workflow.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, workflow.done_message(name))
    return redirect("referrals:advisor_detail", pk=referral.pk)
