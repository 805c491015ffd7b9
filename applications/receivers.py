"""The applications floor listens to the floors below: offers (filled) and residents (erasure,
export of their data)."""

import logging

from django.dispatch import receiver

from applications import services
from applications.models import Application, Notification
from offers.signals import offers_changed
from residents.privacy import files_delete_on_commit
from residents.signals import personal_data_requested, resident_erasing

logger = logging.getLogger(__name__)


@receiver(offers_changed)
def on_offers_changed(sender, offer_ids, **kwargs):
    # Runs after the offer's transaction committed: a failure here must not turn the employer's
    # saved change into an error page.
    try:
        services.applications_notify_filled(offer_ids=offer_ids)
    except Exception:
        logger.exception("Could not queue the 'offer filled' notices of offers %s", offer_ids)


@receiver(resident_erasing)
def on_resident_erasing(sender, user, **kwargs):
    """Inside the erasure's transaction, before the account goes: the applications lose the
    person, their message and CV (deleted from disk after the commit) and keep what the
    statistics count (offer, state, dates, commune, QPV flag). E-mails not sent yet to the
    person are dropped. Errors are not caught: they roll the erasure back."""
    applications = Application.objects.filter(resident=user)
    files = list(applications.exclude(cv="").values_list("cv", flat=True))
    applications.update(resident=None, message="", cv="", cv_name="")
    Notification.objects.filter(recipient=user, sent_at__isnull=True).delete()
    files_delete_on_commit(Application._meta.get_field("cv").storage, files)


def _by(by_id: int | None, user, employer_name: str) -> str:
    """Who moved an application, told to its resident: the employer's members are named by
    their organisation only."""
    if by_id is None:
        return "la plateforme"
    return "vous" if by_id == user.pk else employer_name


def _application(application: Application, user) -> dict:
    offer = application.offer
    return {
        "offre": {
            "titre": offer.title,
            "employeur": offer.employer.name,
            "commune": offer.commune.name if offer.commune else None,
        },
        "etat": application.get_status_display(),
        "message": application.message,
        "cv": application.cv_name or None,
        "envoyee_le": application.created_at,
        "modifiee_le": application.updated_at,
        "repondue_le": application.answered_at,
        "raison_du_refus": application.get_refusal_reason_display() or None,
        "date_d_embauche": application.hired_start,
        "historique": [
            {
                "action": step.name,
                "de": step.get_from_status_display(),
                "vers": step.get_to_status_display(),
                "le": step.at,
                "par": _by(step.by_id, user, offer.employer.name),
                "raison": step.reason,
            }
            for step in application.transitions.all()
        ],
    }


@receiver(personal_data_requested)
def on_personal_data_requested(sender, user, **kwargs):
    """The resident's applications with their history, and the e-mails sent to them."""
    applications = (
        Application.objects.filter(resident=user)
        .select_related("offer__employer", "offer__commune")
        .prefetch_related("transitions")
        .order_by("created_at", "pk")
    )
    notifications = (
        Notification.objects.filter(recipient=user)
        .select_related("application__offer")
        .order_by("created_at", "pk")
    )
    return {
        "candidatures": [_application(application, user) for application in applications],
        "e_mails_sur_vos_candidatures": [
            {
                "sujet": notification.get_kind_display(),
                "offre": notification.application.offer.title,
                "cree_le": notification.created_at,
                "envoye_le": notification.sent_at,
            }
            for notification in notifications
        ],
    }
