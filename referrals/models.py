"""Referrals: an advisor proposes a resident for an offer; the log of their life cycle; the
residents' delegations; the e-mails about them.

A referral belongs to the advisory structure that made it. The employer sees it only once it was
sent (``sent_at``), with the structure's name, never the QPV status nor the structure's notes.
"""

from django.conf import settings
from django.db import models

from accounts.models import Organisation, OutboxEntry
from applications.models import RefusalReason
from offers.models import Offer
from residents.models import Profile


class Status(models.TextChoices):
    PROPOSED = "proposed", "Proposée à la personne"
    ACCEPTED = "accepted", "Acceptée par la personne"
    DECLINED = "declined", "Déclinée par la personne"
    SENT = "sent", "Envoyée à l'employeur"
    INTERVIEW = "interview", "Entretien"
    HIRED = "hired", "Embauche"
    REFUSED = "refused", "Refusée par l'employeur"
    CANCELLED = "cancelled", "Annulée"


# States in which a referral is still under way: one at a time per resident and offer.
OPEN = (Status.PROPOSED, Status.ACCEPTED, Status.SENT, Status.INTERVIEW)


class Referral(models.Model):
    structure = models.ForeignKey(
        Organisation,
        verbose_name="structure",
        on_delete=models.CASCADE,
        related_name="referrals",
        limit_choices_to={"kind": Organisation.Kind.STRUCTURE},
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="conseiller",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Null once the resident's account is erased: the referral survives for statistics.
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="personne orientée",
        null=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    offer = models.ForeignKey(
        Offer, verbose_name="offre", on_delete=models.CASCADE, related_name="referrals"
    )
    message = models.TextField("message", blank=True)
    status = models.CharField(
        "état", max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    refusal_reason = models.CharField(
        "raison du refus", max_length=15, choices=RefusalReason.choices, blank=True
    )
    hired_start = models.DateField("date d'embauche", null=True, blank=True)
    # Sent without asking the resident, who had delegated it to the structure.
    delegated = models.BooleanField("envoyée par délégation", default=False)
    # For the statistics of the structure and the observatory only; never shown to employers.
    resident_commune = models.ForeignKey(
        "referentiel.Commune",
        verbose_name="commune de la personne",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resident_in_qpv = models.BooleanField("personne habitant un QPV", default=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("mise à jour le", auto_now=True)
    answered_at = models.DateTimeField(
        "réponse de la personne le", null=True, blank=True
    )  # the resident's answer
    sent_at = models.DateTimeField(
        "envoyée à l'employeur le", null=True, blank=True
    )  # from then on, the employer sees it

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "orientation"
        verbose_name_plural = "orientations"
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "offer"],
                condition=models.Q(status__in=[s.value for s in OPEN], resident__isnull=False),
                name="one_open_referral_per_offer",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="refused") | ~models.Q(refusal_reason=""),
                name="referral_refusal_has_a_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["structure", "-created_at"], name="referral_structure_created"),
            models.Index(fields=["resident", "offer"], name="referral_resident_offer"),
            models.Index(fields=["offer", "-sent_at"], name="referral_offer_sent"),
        ]

    def __str__(self):
        return f"{self.resident_id} → {self.offer_id} ({self.status})"


class ReferralTransition(models.Model):
    referral = models.ForeignKey(
        Referral, verbose_name="orientation", on_delete=models.CASCADE, related_name="transitions"
    )
    name = models.CharField("action", max_length=20)
    from_status = models.CharField("état de départ", max_length=10, choices=Status.choices)
    to_status = models.CharField("nouvel état", max_length=10, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("date", auto_now_add=True)
    reason = models.CharField("raison", max_length=200, blank=True)

    class Meta:
        verbose_name = "changement d'état d'une orientation"
        verbose_name_plural = "changements d'état des orientations"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"


class Delegation(models.Model):
    """The resident asked the structure to send referrals to employers without asking them
    each time. Ticked by an advisor, with who and when; revoked the same way."""

    structure = models.ForeignKey(
        Organisation, verbose_name="structure", on_delete=models.CASCADE, related_name="+"
    )
    profile = models.ForeignKey(
        Profile, verbose_name="profil", on_delete=models.CASCADE, related_name="delegations"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="enregistrée par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField("accordée le", auto_now_add=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="retirée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField("retirée le", null=True, blank=True)

    class Meta:
        verbose_name = "délégation"
        verbose_name_plural = "délégations"
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "profile"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_delegation",
            )
        ]

    def __str__(self):
        return f"{self.profile_id} → {self.structure_id}"


class Notification(OutboxEntry):
    """An e-mail about a referral, recorded in the transaction that made it (an outbox, like
    ``applications.Notification``): queued after the commit, swept hourly, sent once."""

    class Kind(models.TextChoices):
        PROPOSED = "proposed", "Proposition (à la personne)"
        SENT = "sent", "Orientation reçue (à l'employeur)"
        ANSWERED = "answered", "Réponse de la personne (au conseiller)"
        CHANGED = "changed", "Réponse de l'employeur (à la personne et au conseiller)"

    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    referral = models.ForeignKey(
        Referral, verbose_name="orientation", on_delete=models.CASCADE, related_name="notifications"
    )
    transition = models.ForeignKey(
        ReferralTransition,
        verbose_name="changement d'état",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="destinataire",
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta(OutboxEntry.Meta):
        verbose_name = "notification d'orientation"
        verbose_name_plural = "notifications d'orientation"
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="referral_notification_unsent",
            )
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id}"
