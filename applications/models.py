"""Applications of residents to offers, and the log of their life cycle."""

from django.conf import settings
from django.db import models

from accounts.models import OutboxEntry
from offers.models import Offer


class Status(models.TextChoices):
    SENT = "sent", "Envoyée"
    SEEN = "seen", "Vue par l'employeur"
    INTERVIEW = "interview", "Entretien"
    HIRED = "hired", "Embauche"
    REFUSED = "refused", "Refusée"
    WITHDRAWN = "withdrawn", "Retirée"
    CLOSED = "closed", "Close sans réponse"


class RefusalReason(models.TextChoices):
    POSITION_FILLED = "filled", "Le poste est déjà pourvu"
    SKILLS = "skills", "Les compétences ne correspondent pas"
    EXPERIENCE = "experience", "Pas assez d'expérience pour ce poste"
    QUALIFICATION = "qualification", "Le diplôme demandé manque"
    DISTANCE = "distance", "Le lieu de travail est trop loin"
    AVAILABILITY = "availability", "Les horaires ou la date ne conviennent pas"
    NO_SHOW = "no_show", "Absence à l'entretien"
    OTHER = "other", "Autre raison"


class Application(models.Model):
    offer = models.ForeignKey(
        Offer, verbose_name="offre", on_delete=models.CASCADE, related_name="applications"
    )
    # Null once the resident's account is erased: the application survives for statistics.
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="personne candidate",
        null=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    message = models.TextField("message", blank=True)
    cv = models.FileField("CV", upload_to="applications/%Y/%m/", blank=True)
    cv_name = models.CharField("nom du fichier du CV", max_length=200, blank=True)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.SENT)
    refusal_reason = models.CharField(
        "raison du refus", max_length=15, choices=RefusalReason.choices, blank=True
    )
    hired_start = models.DateField("date d'embauche", null=True, blank=True)
    # Kept when the account is erased, for the observatory: where the person lived then.
    resident_commune = models.ForeignKey(
        "referentiel.Commune",
        verbose_name="commune de la personne",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resident_in_qpv = models.BooleanField("personne habitant un QPV", default=False)
    created_at = models.DateTimeField("envoyée le", auto_now_add=True)
    updated_at = models.DateTimeField("mise à jour le", auto_now=True)
    answered_at = models.DateTimeField("réponse de l'employeur le", null=True, blank=True)

    class Meta:
        verbose_name = "candidature"
        verbose_name_plural = "candidatures"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "resident"],
                condition=models.Q(resident__isnull=False),
                name="one_application_per_offer",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="refused") | ~models.Q(refusal_reason=""),
                name="refusal_has_a_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "updated_at"], name="application_status_updated")]

    def __str__(self):
        return f"{self.resident_id} → {self.offer_id} ({self.status})"


class ApplicationTransition(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name="candidature",
        on_delete=models.CASCADE,
        related_name="transitions",
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
        verbose_name = "changement d'état d'une candidature"
        verbose_name_plural = "changements d'état des candidatures"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class Notification(OutboxEntry):
    """An e-mail about an application, recorded before it is queued.

    The row is the outbox: the task sends it once (``sent_at``) and a sweep re-queues the rows
    left behind when the broker was down. ``key`` makes queuing the same notice twice a no-op.
    """

    class Kind(models.TextChoices):
        RECEIVED = "received", "Candidature reçue (à l'employeur)"
        CHANGED = "changed", "Changement d'état (à la personne)"
        FILLED = "filled", "Offre pourvue (à la personne)"

    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    application = models.ForeignKey(
        Application,
        verbose_name="candidature",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    transition = models.ForeignKey(
        ApplicationTransition,
        verbose_name="changement d'état",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="destinataire",
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta(OutboxEntry.Meta):
        verbose_name = "notification de candidature"
        verbose_name_plural = "notifications de candidature"
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="notification_unsent",
            )
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id} ({'envoyé' if self.sent_at else 'en attente'})"
