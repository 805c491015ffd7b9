"""E-mails about referrals, through the outbox (``accounts.outbox``): recorded in the transaction
of the change, queued after it commits, swept hourly, sent once.

The resident is written to only if they keep "propositions de mon conseiller" on
(``Profile.notify_referrals``); employers and advisors always. Employers hear of a referral when
it reaches them and when it is withdrawn (cancelled once sent), never of the reason.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import User
from accounts.outbox import outbox_enqueue, outbox_record, outbox_requeue, outbox_send
from referrals import workflow
from referrals.models import Notification, Referral, ReferralTransition, Status
from residents.models import Profile


def _task():
    from referrals.tasks import send_referral_email  # the tasks module imports this one

    return send_referral_email


def _resident_wants(user_id: int | None) -> bool:
    if user_id is None:
        return False
    wants = Profile.objects.filter(user_id=user_id).values_list("notify_referrals", flat=True)
    return next(iter(wants), True)


def _record(rows: list[Notification]) -> None:
    outbox_record(model=Notification, task=_task(), rows=rows)


def _row(kind, referral, recipient_id, step=None) -> Notification:
    key = f"{kind}:{referral.pk}:{step.pk if step else 0}:{recipient_id}"
    return Notification(
        key=key, kind=kind, referral=referral, transition=step, recipient_id=recipient_id
    )


def notify_proposed(*, referral: Referral) -> None:
    """Tell the resident an advisor proposes them an offer."""
    if _resident_wants(referral.resident_id):
        _record([_row(Notification.Kind.PROPOSED, referral, referral.resident_id)])


def notify_sent(*, referral: Referral, step: ReferralTransition) -> None:
    """Tell every active member of the offer's employer that a referral arrived."""
    members = User.objects.filter(
        is_active=True, memberships__organisation_id=referral.offer.employer_id
    ).distinct()
    _record([_row(Notification.Kind.SENT, referral, user.pk, step) for user in members])


def notify_answered(*, referral: Referral, step: ReferralTransition) -> None:
    """Tell the advisor who proposed it that the resident accepted or declined."""
    if referral.advisor_id:
        _record([_row(Notification.Kind.ANSWERED, referral, referral.advisor_id, step)])


def notify_changed(*, referral: Referral, step: ReferralTransition, advisor: bool) -> None:
    """Tell the resident (if they want it) and, with ``advisor``, the advisor, that the
    referral moved."""
    rows = []
    if _resident_wants(referral.resident_id):
        rows.append(_row(Notification.Kind.CHANGED, referral, referral.resident_id, step))
    if advisor and referral.advisor_id:
        rows.append(_row(Notification.Kind.CHANGED, referral, referral.advisor_id, step))
    _record(rows)


def notify_withdrawn(*, referral: Referral, step: ReferralTransition) -> None:
    """Tell every active member of the offer's employer that a referral they had received was
    cancelled: the candidacy is withdrawn. The reason written on the cancellation is for the
    structure and the person only; the e-mail does not give it."""
    members = User.objects.filter(
        is_active=True, memberships__organisation_id=referral.offer.employer_id
    ).distinct()
    _record([_row(Notification.Kind.CHANGED, referral, user.pk, step) for user in members])


def _render(row: Notification) -> tuple[str, str] | None:
    referral = row.referral
    step = row.transition
    site = settings.SITE_URL.rstrip("/")
    for_resident = row.recipient_id == referral.resident_id
    # A "changed" e-mail goes to the resident, the advisor, or (a withdrawal) the employer.
    for_employer = row.kind == Notification.Kind.CHANGED and row.recipient_id not in {
        referral.resident_id,
        referral.advisor_id,
    }
    context = {
        "row": row,
        "referral": referral,
        "offer": referral.offer,
        "employer": referral.offer.employer,
        "structure": referral.structure,
        "recipient": row.recipient,
        "for_resident": for_resident,
        "for_employer": for_employer,
        "site_url": site,
        "mine_url": reverse("referrals:mine"),
        "employer_url": reverse("referrals:employer_detail", args=[referral.pk]),
        "advisor_url": reverse("referrals:advisor_detail", args=[referral.pk]),
    }
    if step is not None:
        context.update(
            step=step,
            status_label=Status(step.to_status).label,
            meaning=workflow.MEANINGS[step.to_status],
        )
    template = f"referrals/email/{row.kind}"
    subject = render_to_string(f"{template}_subject.txt", context)
    return subject, render_to_string(f"{template}.txt", context)


def notification_send(*, notification_id: int) -> str:
    return outbox_send(
        model=Notification,
        notification_id=notification_id,
        render=_render,
        related=(
            "referral__offer__employer",
            "referral__structure",
            "referral__resident",
            "referral__advisor",
            "transition",
        ),
    )


def enqueue(*, ids: list[int]) -> int:
    return outbox_enqueue(model=Notification, task=_task(), ids=ids)


def notifications_requeue(*, now=None) -> int:
    return outbox_requeue(model=Notification, task=_task(), now=now)
