"""The outbox: e-mails recorded in the transaction, queued after it commits, sent once.

A model used as an outbox extends ``accounts.models.OutboxEntry`` (``key``, ``created_at``,
``queued_at``, ``sent_at``, ``attempts``, ``last_error``): ``accounts.Mail``,
``applications.Notification``, ``referrals.Notification``; its app's Celery task sends one row
by id. A row is written with
the change it reports, so a rolled-back change sends nothing. After the commit each row is handed
to Celery; if the broker is down the row stays unqueued and the hourly sweep
(``outbox_requeue``) hands it over again, unless it already failed ``MAX_ATTEMPTS`` times. Sending
locks the row and skips it once ``sent_at`` is set, so a task delivered twice sends once. A
permanent refusal (the mail server refuses the address) is recorded with ``outbox_give_up`` and
never tried again.
"""

import logging
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

logger = logging.getLogger(__name__)

# A queued row still unsent after this long is queued again (its task was lost).
REQUEUE_AFTER = timedelta(hours=1)
# Older rows are given up: a week-old notice is no longer news.
GIVE_UP_AFTER = timedelta(days=7)
# So are rows that failed this many times (each task run tries a few times already): an address
# that always fails is not tried again every hour for a week.
MAX_ATTEMPTS = 10


def outbox_record(*, model, task, rows: list) -> None:
    """Insert ``rows`` of the outbox ``model`` (existing keys are skipped) and hand the new ones
    to ``task`` once the transaction commits; nothing is sent if it rolls back."""
    if not rows:
        return
    model.objects.bulk_create(rows, ignore_conflicts=True)
    keys = [row.key for row in rows]
    transaction.on_commit(lambda: outbox_enqueue(model=model, task=task, keys=keys))


def outbox_enqueue(*, model, task, keys: list[str] | None = None, ids: list[int] | None = None):
    """Hand unsent rows of ``model`` to ``task``; a broker error is logged, not raised (the
    sweep retries). Returns how many rows were queued."""
    rows = model.objects.filter(sent_at__isnull=True)
    rows = rows.filter(key__in=keys) if keys is not None else rows.filter(pk__in=ids or [])
    queued = []
    for pk in rows.values_list("pk", flat=True):
        try:
            task.delay(pk)
        except Exception:  # kombu, redis and socket errors alike: the broker is unreachable
            logger.exception(
                "%s %s not queued (broker down); the sweep will retry", model.__name__, pk
            )
            break
        queued.append(pk)
    if queued:
        model.objects.filter(pk__in=queued).update(queued_at=timezone.now())
    return len(queued)


def outbox_requeue(*, model, task, now=None) -> int:
    """Queue again the rows of ``model`` never queued or queued long ago and still unsent, unless
    given up (too old, or failed ``MAX_ATTEMPTS`` times)."""
    now = now or timezone.now()
    ids = list(
        model.objects.filter(
            sent_at__isnull=True,
            created_at__gte=now - GIVE_UP_AFTER,
            attempts__lt=MAX_ATTEMPTS,
        )
        .filter(Q(queued_at__isnull=True) | Q(queued_at__lte=now - REQUEUE_AFTER))
        .values_list("pk", flat=True)
    )
    return outbox_enqueue(model=model, task=task, ids=ids) if ids else 0


def outbox_send(*, model, notification_id: int, render, related=(), address=None) -> str:
    """Send one row of ``model`` once: ``render(row)`` gives ``(subject, body)``, or None when
    there is nothing to say any more; ``address(row)`` the e-mail address, or None when nobody
    should receive it (default: the row's ``recipient`` user, if active). Returns what happened
    (for the task's result)."""
    if address is None:
        address, related = _user_address, ("recipient", *related)
    try:
        with transaction.atomic():
            row = (
                model.objects.select_for_update(of=("self",))
                .select_related(*related)
                .filter(pk=notification_id)
                .first()
            )
            if row is None:
                return "missing"
            if row.sent_at:
                return "already sent"
            to = address(row)
            message = render(row) if to else None
            if message is not None:
                subject, body = message
                send_mail(" ".join(subject.split()), body, None, [to], fail_silently=False)
                outcome = "sent"
            else:
                outcome = "nothing to send"
            row.sent_at = timezone.now()
            row.attempts = F("attempts") + 1
            row.last_error = "" if outcome == "sent" else outcome
            row.save(update_fields=["sent_at", "attempts", "last_error"])
            return outcome
    except Exception as error:
        model.objects.filter(pk=notification_id).update(
            attempts=F("attempts") + 1, last_error=str(error)[:300]
        )
        raise


def outbox_give_up(*, model, notification_id: int, reason: str) -> None:
    """Record that the row will never be sent (e.g. the mail server refused the address for
    good): the reason is kept as its last error and the sweep no longer queues it."""
    logger.warning("%s %s given up: %s", model.__name__, notification_id, reason)
    model.objects.filter(pk=notification_id, sent_at__isnull=True).update(
        attempts=MAX_ATTEMPTS, last_error=reason[:300]
    )


def _user_address(row) -> str | None:
    recipient = row.recipient
    return recipient.email if recipient.is_active and recipient.email else None
