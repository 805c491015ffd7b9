"""E-mails about applications, through the outbox (``accounts.outbox``): a ``Notification`` row
is recorded in the transaction of the change, queued after it commits, swept hourly by
``notifications_requeue`` when the broker was down, and sent once.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import User
from accounts.outbox import outbox_record, outbox_requeue, outbox_send
from applications import workflow
from applications.models import Application, ApplicationTransition, Notification, RefusalReason
from residents.models import Profile


def _wants_emails(user: User | None) -> bool:
    if user is None or not user.is_active:
        return False
    notify = Profile.objects.filter(user=user).values_list("notify_applications", flat=True)
    # No profile yet: the default of the profile applies (e-mails on).
    return next(iter(notify), True)


def _task():
    from applications.tasks import send_email_task  # the tasks module imports this one

    return send_email_task


def _record(rows: list[Notification]) -> None:
    """Insert ``rows`` (existing keys are skipped) and queue the new ones after the commit."""
    outbox_record(model=Notification, task=_task(), rows=rows)


def notify_received(*, application: Application) -> None:
    """Tell every active member of the offer's employer that an application arrived."""
    members = User.objects.filter(
        is_active=True, memberships__organisation_id=application.offer.employer_id
    ).distinct()
    _record(
        [
            Notification(
                key=f"received:{application.pk}:{user.pk}",
                kind=Notification.Kind.RECEIVED,
                application=application,
                recipient=user,
            )
            for user in members
        ]
    )


def notify_changed(*, application: Application, transition: ApplicationTransition) -> None:
    """Tell the resident their application changed state, if they want these e-mails."""
    if not _wants_emails(application.resident):
        return
    _record(
        [
            Notification(
                key=f"changed:{transition.pk}",
                kind=Notification.Kind.CHANGED,
                application=application,
                transition=transition,
                recipient_id=application.resident_id,
            )
        ]
    )


def notify_filled(*, applications: list[Application]) -> None:
    """Tell the residents of these still-open applications that the offer is filled."""
    opted_out = set(
        Profile.objects.filter(
            user_id__in=[a.resident_id for a in applications], notify_applications=False
        ).values_list("user_id", flat=True)
    )
    _record(
        [
            Notification(
                key=f"filled:{application.pk}",
                kind=Notification.Kind.FILLED,
                application=application,
                recipient_id=application.resident_id,
            )
            for application in applications
            if application.resident_id and application.resident_id not in opted_out
        ]
    )


def notifications_requeue(*, now=None) -> int:
    """Queue again the rows never queued (broker down) or queued long ago and still unsent."""
    return outbox_requeue(model=Notification, task=_task(), now=now)


def _context(notification: Notification) -> dict:
    application = notification.application
    step = notification.transition
    context = {
        "notification": notification,
        "application": application,
        "offer": application.offer,
        "employer": application.offer.employer,
        "recipient": notification.recipient,
        "site_url": settings.SITE_URL.rstrip("/"),
        "mine_url": reverse("applications:mine"),
        "inbox_url": reverse("applications:inbox_detail", args=[application.pk]),
    }
    if step is not None:
        context.update(
            step=step,
            status_label=workflow.Status(step.to_status).label,
            meaning=workflow.MEANINGS[step.to_status],
            reason_label=RefusalReason(application.refusal_reason).label
            if step.to_status == workflow.Status.REFUSED and application.refusal_reason
            else "",
        )
    return context


def _render(notification: Notification) -> tuple[str, str]:
    template = f"applications/email/{notification.kind}"
    context = _context(notification)
    subject = render_to_string(f"{template}_subject.txt", context)
    return subject, render_to_string(f"{template}.txt", context)


def notification_send(*, notification_id: int) -> str:
    """Send one notification, once. Returns what happened (for the task's result)."""
    return outbox_send(
        model=Notification,
        notification_id=notification_id,
        render=_render,
        related=("transition", "application__offer__employer", "application"),
    )
