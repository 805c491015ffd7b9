"""Offers flagged by visitors, waiting for the territory's staff to look at them.

A flag is a signal, not a verdict: staff dismiss it or unpublish the offer with a reason that
the employer receives (``offers.services.offer_transition(name="unpublish")``).
"""

from django.conf import settings
from django.db import models

from offers.models import Offer


class OfferFlag(models.Model):
    class Reason(models.TextChoices):
        DISCRIMINATION = "discrimination", "Critère discriminatoire (âge, origine, sexe…)"
        SCAM = "scam", "Offre douteuse ou frauduleuse (argent demandé, faux employeur)"
        FILLED = "filled", "Le poste n'existe plus ou est déjà pourvu"
        WRONG = "wrong", "Informations fausses (salaire, lieu, contrat)"
        OTHER = "other", "Autre raison"

    class Outcome(models.TextChoices):
        DISMISSED = "dismissed", "Classé sans suite"
        UNPUBLISHED = "unpublished", "Offre dépubliée"

    offer = models.ForeignKey(
        Offer, verbose_name="offre", on_delete=models.CASCADE, related_name="flags"
    )
    reason = models.CharField("raison", max_length=15, choices=Reason.choices)
    message = models.TextField("précisions", blank=True, max_length=1000)
    # Null for a visitor without an account; never shown to the employer.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="signalée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("signalée le", auto_now_add=True)
    resolved_at = models.DateTimeField("traitée le", null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="traitée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField("suite donnée", max_length=11, choices=Outcome.choices, blank=True)
    note = models.TextField("raison donnée à l'employeur", blank=True)

    class Meta:
        verbose_name = "signalement d'offre"
        verbose_name_plural = "signalements d'offres"
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["offer", "created_at"],
                condition=models.Q(resolved_at__isnull=True),
                name="offerflag_open",
            )
        ]

    def __str__(self):
        return f"{self.offer_id}: {self.get_reason_display()}"
