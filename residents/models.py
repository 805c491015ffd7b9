"""Residents looking for a job: their profile, their consents, who opened their profile.

A resident's QPV status, qualification and contact details are personal data. The QPV status is
never shown to an employer and never used to score; it serves fairness reporting and lets
advisors prioritise.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from accounts.models import Organisation
from referentiel.models import Appellation, Commune, Qpv, Skill
from referentiel.permits import LANGUAGES, PERMITS
from vitrine.phone import validate_phone

# Level 0 is "no diploma", an answer of its own (not a level of the national framework).
LEVELS = [
    (0, "Sans diplôme"),
    (1, "Savoirs de base"),
    (2, "Activités simples"),
    (3, "CAP, BEP"),
    (4, "Bac, brevet professionnel"),
    (5, "Bac+2 : BTS, DUT, DEUST"),
    (6, "Bac+3, Bac+4 : licence, BUT"),
    (7, "Bac+5 : master, diplôme d'ingénieur"),
    (8, "Bac+8 : doctorat"),
]


class Hours(models.TextChoices):
    ANY = "any", "Peu importe"
    FULL = "full", "Temps plein"
    PART = "part", "Temps partiel"


class Profile(models.Model):
    class QpvAnswer(models.TextChoices):
        QPV = "qpv", "J'habite ce quartier"
        NONE = "none", "Aucun de ces quartiers"
        UNKNOWN = "unknown", "Je ne sais pas"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        on_delete=models.CASCADE,
        related_name="profile",
    )
    phone = models.CharField(
        "téléphone", max_length=20, blank=True, validators=[validate_phone]
    )  # as vitrine.phone stores it: 06 12 34 56 78, or + and the digits for another country
    commune = models.ForeignKey(
        Commune,
        verbose_name="commune où vous habitez",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="residents",
    )
    qpv_answer = models.CharField(
        "réponse sur le quartier", max_length=8, choices=QpvAnswer.choices, blank=True
    )
    qpv = models.ForeignKey(
        Qpv,
        verbose_name="quartier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="residents",
    )
    qpv_asserted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="quartier indiqué par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    qpv_asserted_at = models.DateTimeField("quartier indiqué le", null=True, blank=True)
    qpv_verified = models.BooleanField("confirmé par un conseiller", default=False)
    level = models.PositiveSmallIntegerField(
        "diplôme le plus élevé", choices=LEVELS, null=True, blank=True
    )
    sought = models.ManyToManyField(
        Appellation, verbose_name="métiers recherchés", blank=True, related_name="seekers"
    )
    past = models.ManyToManyField(
        Appellation, verbose_name="métiers déjà exercés", blank=True, related_name="+"
    )
    skills = models.ManyToManyField(Skill, verbose_name="compétences", blank=True, related_name="+")
    permits = ArrayField(
        models.CharField(max_length=20, choices=PERMITS),
        default=list,
        blank=True,
        verbose_name="permis et habilitations",
    )
    languages = ArrayField(
        models.CharField(max_length=3, choices=LANGUAGES),
        default=list,
        blank=True,
        verbose_name="langues parlées",
    )
    max_commute = models.PositiveSmallIntegerField("trajet maximum (minutes)", default=45)
    contracts = ArrayField(
        models.CharField(max_length=3),
        default=list,
        blank=True,
        verbose_name="contrats souhaités",
    )
    hours = models.CharField(
        "temps de travail", max_length=4, choices=Hours.choices, default=Hours.ANY
    )
    available_from = models.DateField("disponible à partir du", null=True, blank=True)
    cv = models.FileField("CV", upload_to="cv/%Y/%m/", blank=True)
    cv_name = models.CharField("nom du fichier du CV", max_length=200, blank=True)
    cv_uploaded_at = models.DateTimeField("CV envoyé le", null=True, blank=True)
    # Steps of the profile the resident saved at least once (slugs of residents.steps).
    steps_done = ArrayField(
        models.CharField(max_length=20),
        default=list,
        blank=True,
        verbose_name="étapes enregistrées",
    )
    # ROME fiches whose core skills the resident has reviewed: they are no longer pre-ticked.
    skills_reviewed = ArrayField(
        models.CharField(max_length=5),
        default=list,
        blank=True,
        verbose_name="fiches métier dont les compétences ont été revues",
    )
    # E-mails the resident chose to receive.
    notify_applications = models.BooleanField("suivi de mes candidatures", default=True)
    notify_referrals = models.BooleanField("propositions de mon conseiller", default=True)
    notify_offers = models.BooleanField("nouvelles offres pour moi", default=False)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)
    last_activity_at = models.DateTimeField(
        "dernière activité le", default=timezone.now, db_index=True
    )
    inactivity_warned_at = models.DateTimeField("prévenu de l'inactivité le", null=True, blank=True)
    anonymised_at = models.DateTimeField("anonymisé le", null=True, blank=True)

    class Meta:
        verbose_name = "profil"
        verbose_name_plural = "profils"

    def __str__(self):
        return f"Profil de {self.user}"

    @property
    def in_qpv(self) -> bool:
        return self.qpv_id is not None


class Consent(models.Model):
    """A dated, revocable consent. The current one is the last not revoked."""

    class Kind(models.TextChoices):
        MATCHING = "matching", "Recevoir des offres qui me correspondent"
        VISIBILITY = "visibility", "Être visible des employeurs"
        FOLLOWUP = "followup", "Être suivi par une structure d'accompagnement"

    profile = models.ForeignKey(
        Profile, verbose_name="profil", on_delete=models.CASCADE, related_name="consents"
    )
    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    structure = models.ForeignKey(
        Organisation,
        verbose_name="structure",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consents",
        limit_choices_to={"kind": Organisation.Kind.STRUCTURE},
    )
    given_at = models.DateTimeField("donné le", default=timezone.now)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="enregistré par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField("retiré le", null=True, blank=True)

    class Meta:
        verbose_name = "consentement"
        verbose_name_plural = "consentements"
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "kind"],
                condition=models.Q(revoked_at__isnull=True, structure__isnull=True),
                name="one_active_consent_per_kind",
            ),
            models.UniqueConstraint(
                fields=["profile", "structure"],
                condition=models.Q(revoked_at__isnull=True, kind="followup"),
                name="one_active_followup_per_structure",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="followup", structure__isnull=False)
                | (~models.Q(kind="followup") & models.Q(structure__isnull=True)),
                name="followup_names_its_structure",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({'révoqué' if self.revoked_at else 'actif'})"


class ProfileView(models.Model):
    """Who opened a resident's profile: shown to the resident."""

    profile = models.ForeignKey(
        Profile, verbose_name="profil", on_delete=models.CASCADE, related_name="views"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="consulté par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField("motif", max_length=100, blank=True)
    at = models.DateTimeField("date", auto_now_add=True)

    class Meta:
        verbose_name = "consultation d'un profil"
        verbose_name_plural = "consultations des profils"
        ordering = ["-at"]

    def __str__(self):
        return f"{self.viewer} → {self.profile_id}"
