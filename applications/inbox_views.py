"""The employer's side: the inbox (one offer or all of them), an application, its CV.

Every application is reached through ``selectors`` scoped to the member's employers: another
employer's application, its CV or its offer's inbox answer 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from applications import selectors, services, workflow
from applications.forms import BulkMoveForm, HireForm, InboxFilterForm, RefuseForm
from applications.models import RefusalReason
from offers import selectors as offer_selectors
from residents.cv import kind_of_name

PAGE_SIZE = 50


def _bulk_message(request, report: services.MoveReport, name: str, reason: str) -> None:
    if report.moved:
        messages.success(
            request, workflow.done_message(name, reason=reason, count=len(report.moved))
        )
    for application, error in report.failed:
        name = application.resident.get_full_name() if application.resident else "Compte supprimé"
        messages.error(request, f"{name} ({application.offer.title}) : {error}")


@login_required
@require_http_methods(["GET", "POST"])
def inbox(request, pk: int | None = None):
    """``/espace-employeur/candidatures/`` (every offer) or ``…/offres/<pk>/candidatures/``."""
    user = request.user
    if pk is not None:
        offer = offer_selectors.offer_for_member(user=user, pk=pk)
        choices = None
    else:
        if not offer_selectors.employers_of(user=user).exists():
            raise Http404
        offer = None
        choices = offer_selectors.offers_of_member(user=user).order_by("title", "-created_at")
    bulk = BulkMoveForm(
        request.POST if request.method == "POST" else None,
        applications=selectors.applications_of_member(user=user),
    )
    if request.method == "POST" and bulk.is_valid():
        name = bulk.cleaned_data["action"]
        report = services.applications_move(
            applications=bulk.cleaned_data["applications"].order_by("created_at"),
            name=name,
            by=user,
            reason=bulk.cleaned_data["reason"],
        )
        _bulk_message(request, report, name, bulk.cleaned_data["reason"])
        return redirect(request.get_full_path())
    filters = InboxFilterForm(request.GET or None, offers=choices)
    chosen = filters.filters()
    applications = selectors.inbox(
        user=user,
        offer=offer or chosen.get("offer"),
        status=chosen.get("status", ""),
        since=chosen.get("since"),
        until=chosen.get("until"),
    )
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "applications/inbox.html",
        {
            "offer": offer,
            "filters": filters,
            "bulk": bulk,
            # After a refused bulk move, the rows stay ticked.
            "ticked": set(request.POST.getlist("applications")) if request.method == "POST" else (),
            "page": page,
            "params": params.urlencode(),
            "reasons": RefusalReason.choices,
            "bulk_actions": [workflow.TRANSITIONS[name] for name in workflow.BULK],
        },
        status=400 if request.method == "POST" else 200,
    )


def _detail(request, application, *, hire=None, refuse=None, status=200):
    """The application's page. When the hire or refusal form does not validate, the top of the
    page, where it reloads, says so and links to the field (the form is far below)."""
    available = {t.name for t in workflow.available(application.status, workflow.Actor.EMPLOYER)}
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "profile": selectors.applicant_profile(application=application),
            "meaning": workflow.EMPLOYER_MEANINGS[application.status],
            "can": available,
            "hire_form": hire or HireForm(),
            "refuse_form": refuse or RefuseForm(),
            "invalid": next((form for form in (hire, refuse) if form and form.errors), None),
        },
        status=status,
    )


@login_required
@require_GET
def detail(request, pk: int):
    application = selectors.application_for_member(user=request.user, pk=pk)
    previous = application.status
    application = services.application_open(application=application, by=request.user)
    if application.status != previous:
        application = selectors.application_for_member(user=request.user, pk=pk)
    return _detail(request, application)


@login_required
@require_POST
def move(request, pk: int, name: str):
    application = selectors.application_for_member(user=request.user, pk=pk)
    if name not in {"interview", "hire", "refuse"}:
        raise Http404
    hire = HireForm(request.POST) if name == "hire" else None
    refuse = RefuseForm(request.POST) if name == "refuse" else None
    form = hire or refuse
    if form is not None and not form.is_valid():
        return _detail(request, application, hire=hire, refuse=refuse, status=400)
    data = form.cleaned_data if form is not None else {}
    try:
        services.application_transition(
            application=application,
            name=name,
            by=request.user,
            reason=data.get("reason", ""),
            hired_start=data.get("hired_start"),
        )
    except workflow.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, workflow.done_message(name, reason=data.get("reason", "")))
    return redirect("applications:inbox_detail", pk=application.pk)


def cv_response(application) -> FileResponse:
    """The application's CV as a download, never shown inline; 404 when there is none."""
    if not application.cv:
        raise Http404
    try:
        handle = application.cv.open("rb")
    except OSError as error:
        raise Http404 from error
    kind = kind_of_name(application.cv.name)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=application.cv_name or f"cv.{kind.extension}",
        content_type=kind.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def cv(request, pk: int):
    application = get_object_or_404(selectors.applications_of_member(user=request.user), pk=pk)
    return cv_response(application)
