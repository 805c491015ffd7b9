"""E-mails about applications: recorded in the transaction, queued after it commits, sent once.

A ``Notification`` row is written with the change it reports, so a rolled-back change sends
nothing. After the commit each row is handed to Celery; if the broker is down the row simply
stays unqueued and ``notifications_requeue`` (hourly) hands it over again. The task sends a row
at most once: it locks it and skips it when ``sent_at`` is set.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.outbox import GIVE_UP_AFTER, MAX_ATTEMPTS, REQUEUE_AFTER
from applications import workflow
from applications.models import Application, ApplicationTransition, Notification, RefusalReason
from residents.models import Profile

logger = logging.getLogger(__name__)


def _wants_emails(user: User | None) -> bool:
    if user is None or not user.is_active:
        return False
    notify = Profile.objects.filter(user=user).values_list("notify_applications", flat=True)
    # No profile yet: the default of the profile applies (e-mails on).
    return next(iter(notify), True)


def _record(rows: list[Notification]) -> None:
    """Insert ``rows`` (existing keys are skipped) and queue the new ones after the commit."""
    if not rows:
        return
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    keys = [row.key for row in rows]
    transaction.on_commit(lambda: enqueue(keys=keys))


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


def enqueue(*, keys: list[str] | None = None, ids: list[int] | None = None) -> int:
    """Hand rows to Celery. A broker error is logged, not raised: the save it follows stands,
    and the row waits for the hourly sweep. Returns how many rows were queued."""
    from applications.tasks import send_email_task  # the tasks module imports this one

    rows = Notification.objects.filter(sent_at__isnull=True)
    rows = rows.filter(key__in=keys) if keys is not None else rows.filter(pk__in=ids or [])
    queued = []
    for pk in rows.values_list("pk", flat=True):
        try:
            send_email_task.delay(pk)
        except Exception:  # kombu, redis and socket errors alike: the broker is unreachable
            logger.exception("Notification %s not queued (broker down); the sweep will retry", pk)
            break
        queued.append(pk)
    if queued:
        Notification.objects.filter(pk__in=queued).update(queued_at=timezone.now())
    return len(queued)


def notifications_requeue(*, now=None) -> int:
    """Queue again the rows never queued (broker down) or queued long ago and still unsent,
    unless given up (too old, or failed ``MAX_ATTEMPTS`` times)."""
    now = now or timezone.now()
    ids = list(
        Notification.objects.filter(
            sent_at__isnull=True, created_at__gte=now - GIVE_UP_AFTER, attempts__lt=MAX_ATTEMPTS
        )
        .filter(Q(queued_at__isnull=True) | Q(queued_at__lte=now - REQUEUE_AFTER))
        .values_list("pk", flat=True)
    )
    return enqueue(ids=ids) if ids else 0


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


def notification_send(*, notification_id: int) -> str:
    """Send one notification, once. Returns what happened (for the task's result)."""
    try:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(of=("self",))
                .select_related(
                    "recipient", "transition", "application__offer__employer", "application"
                )
                .filter(pk=notification_id)
                .first()
            )
            if notification is None:
                return "missing"
            if notification.sent_at:
                return "already sent"
            recipient = notification.recipient
            if recipient.is_active and recipient.email:
                template = f"applications/email/{notification.kind}"
                context = _context(notification)
                subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
                body = render_to_string(f"{template}.txt", context)
                send_mail(subject, body, None, [recipient.email], fail_silently=False)
                outcome = "sent"
            else:
                outcome = "recipient inactive"
            notification.sent_at = timezone.now()
            notification.attempts = F("attempts") + 1
            notification.last_error = "" if outcome == "sent" else outcome
            notification.save(update_fields=["sent_at", "attempts", "last_error"])
            return outcome
    except Exception as error:
        Notification.objects.filter(pk=notification_id).update(
            attempts=F("attempts") + 1, last_error=str(error)[:300]
        )
        raise
