"""The advisory structure's own records about the residents it follows: notes, and the
invitations sent to residents whose account an advisor created.

Notes are seen by the structure's members only: never by the resident's other structures, never
by employers, never in the API of another structure.
"""

from django.conf import settings
from django.db import models

from accounts.models import Organisation
from residents.models import Profile


class Note(models.Model):
    structure = models.ForeignKey(
        Organisation, verbose_name="structure", on_delete=models.CASCADE, related_name="+"
    )
    profile = models.ForeignKey(
        Profile, verbose_name="profil", on_delete=models.CASCADE, related_name="advisor_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField("note")
    created_at = models.DateTimeField("écrite le", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "note de suivi"
        verbose_name_plural = "notes de suivi"
        indexes = [
            models.Index(fields=["structure", "profile", "-created_at"], name="note_structure")
        ]

    def __str__(self):
        return f"Note {self.pk} ({self.structure_id} → {self.profile_id})"


class AccountInvitation(models.Model):
    """An advisor created a resident's account and invites them to take it over (choose a
    password). The row is also the e-mail's outbox (see ``applications.notifications``): the
    set-password link is made when the e-mail is sent, never stored."""

    key = models.CharField("clé", max_length=80, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="destinataire",
        on_delete=models.CASCADE,
        related_name="+",
    )
    structure = models.ForeignKey(
        Organisation, verbose_name="structure", on_delete=models.CASCADE, related_name="+"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="invitée par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    queued_at = models.DateTimeField("mise en file d'envoi le", null=True, blank=True)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    last_error = models.CharField("dernière erreur", max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "invitation d'une personne suivie"
        verbose_name_plural = "invitations des personnes suivies"

    def __str__(self):
        return f"Invitation de {self.recipient_id}"
