"""The resident's side: apply to an offer, follow "Mes candidatures", withdraw one."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.models import User
from applications import selectors, services, workflow
from applications.forms import ApplyForm
from offers.selectors import offer_visible
from residents.models import Profile


def _resident_only(user: User) -> None:
    if user.role != User.Role.RESIDENT:
        raise PermissionDenied("Seules les personnes en recherche d'emploi peuvent postuler.")


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, pk: int):
    offer = offer_visible(user=request.user, pk=pk)
    if not offer.is_public:
        raise Http404
    _resident_only(request.user)
    existing = selectors.application_to(user=request.user, offer=offer)
    profile = Profile.objects.filter(user=request.user).first()
    profile_cv = ""
    if profile is not None and profile.cv:
        profile_cv = profile.cv_name or PurePath(profile.cv.name).name
    form = ApplyForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        profile_cv_name=profile_cv,
    )
    if request.method == "POST" and existing is None and form.is_valid():
        choice = form.cleaned_data["cv_choice"]
        try:
            application = services.application_create(
                offer=offer,
                resident=request.user,
                message=form.cleaned_data["message"],
                use_profile_cv=choice == "profile",
                cv=form.cleaned_data["cv"] if choice == "upload" else None,
            )
        except services.ApplicationError as error:
            form.add_error(None, str(error))
        else:
            return redirect("applications:sent", pk=application.pk)
    return render(
        request, "applications/apply.html", {"offer": offer, "form": form, "existing": existing}
    )


@login_required
def sent(request, pk: int):
    application = selectors.application_of_resident(user=request.user, pk=pk)
    return render(request, "applications/sent.html", {"application": application})


@login_required
def mine(request):
    if request.user.role != User.Role.RESIDENT:
        raise Http404
    applications = list(selectors.applications_of_resident(user=request.user))
    for application in applications:
        application.meaning = workflow.MEANINGS[application.status]
        application.can_withdraw = application.status in workflow.OPEN
    return render(request, "applications/mine.html", {"applications": applications})


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk: int):
    application = selectors.application_of_resident(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            services.application_transition(
                application=application, name="withdraw", by=request.user
            )
        except workflow.TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, workflow.done_message("withdraw", offer=application.offer.title)
            )
        return redirect("applications:mine")
    return render(request, "applications/withdraw.html", {"application": application})
