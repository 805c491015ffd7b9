"""Job offers posted by employers, and the log of their life cycle."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse

from accounts.models import Organisation
from referentiel.models import Appellation, Commune, Occupation, QualificationLevel, Skill
from referentiel.permits import LANGUAGES, PERMITS


class Contract(models.TextChoices):
    """France Travail ``typeContrat`` codes."""

    CDI = "CDI", "CDI"
    CDD = "CDD", "CDD"
    MIS = "MIS", "Intérim (mission)"
    SAI = "SAI", "Saisonnier"
    DDI = "DDI", "CDD d'insertion"
    DIN = "DIN", "CDI intérimaire"
    TTI = "TTI", "Contrat de travail temporaire d'insertion"
    LIB = "LIB", "Indépendant, libéral"


class Status(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publiée"
    FILLED = "filled", "Pourvue"
    CLOSED = "closed", "Fermée"
    EXPIRED = "expired", "Expirée"


class Offer(models.Model):
    class Experience(models.TextChoices):
        NONE = "none", "Débutant accepté"
        WISHED = "wished", "Expérience souhaitée"
        REQUIRED = "required", "Expérience exigée"

    class SalaryPeriod(models.TextChoices):
        HOUR = "hour", "de l'heure"
        MONTH = "month", "par mois"
        YEAR = "year", "par an"

    class Source(models.TextChoices):
        MANUAL = "manual", "Saisie"
        CSV = "csv", "Import CSV"
        FRANCE_TRAVAIL = "france_travail", "France Travail"

    employer = models.ForeignKey(
        Organisation,
        verbose_name="employeur",
        on_delete=models.CASCADE,
        related_name="offers",
        limit_choices_to={"kind": Organisation.Kind.EMPLOYER},
    )
    title = models.CharField("intitulé du poste", max_length=200)
    appellation = models.ForeignKey(
        Appellation, verbose_name="métier", on_delete=models.PROTECT, related_name="offers"
    )
    # Copied from the appellation on save: the matcher and search read it without a join.
    occupation = models.ForeignKey(
        Occupation,
        verbose_name="fiche métier (ROME)",
        on_delete=models.PROTECT,
        related_name="offers",
    )
    description = models.TextField("description du poste")
    commune = models.ForeignKey(
        Commune, verbose_name="lieu de travail", on_delete=models.PROTECT, related_name="offers"
    )
    contract = models.CharField("type de contrat", max_length=3, choices=Contract.choices)
    hours_per_week = models.DecimalField(
        "heures par semaine", max_digits=4, decimal_places=1, default=35
    )
    salary_min = models.DecimalField(
        "salaire minimum", max_digits=9, decimal_places=2, null=True, blank=True
    )
    salary_max = models.DecimalField(
        "salaire maximum", max_digits=9, decimal_places=2, null=True, blank=True
    )
    salary_period = models.CharField(
        "salaire", max_length=5, choices=SalaryPeriod.choices, default=SalaryPeriod.MONTH
    )
    level = models.ForeignKey(
        QualificationLevel,
        verbose_name="niveau de qualification demandé",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    level_strict = models.BooleanField("niveau exigé (pas seulement souhaité)", default=False)
    experience = models.CharField(
        "expérience", max_length=8, choices=Experience.choices, default=Experience.NONE
    )
    skills = models.ManyToManyField(
        Skill, verbose_name="compétences", through="OfferSkill", related_name="offers"
    )
    permits = ArrayField(
        models.CharField(max_length=20, choices=PERMITS),
        default=list,
        blank=True,
        verbose_name="permis et habilitations exigés",
    )
    languages = ArrayField(
        models.CharField(max_length=3, choices=LANGUAGES),
        default=list,
        blank=True,
        verbose_name="langues demandées",
    )
    positions = models.PositiveSmallIntegerField("postes à pourvoir", default=1)
    start_date = models.DateField("date de début", null=True, blank=True)
    insertion_clause = models.BooleanField("relève d'une clause d'insertion", default=False)

    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    ended_at = models.DateTimeField("pourvue ou fermée le", null=True, blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("mise à jour le", auto_now=True)
    expiry_warned_at = models.DateTimeField(
        "employeur prévenu de l'expiration le", null=True, blank=True
    )

    source = models.CharField(
        "origine", max_length=15, choices=Source.choices, default=Source.MANUAL
    )
    source_id = models.CharField("identifiant à l'origine", max_length=64, blank=True)

    # Kept up to date by a database trigger (migration 0002): title, trade, description.
    search_vector = SearchVectorField("index de recherche", null=True, editable=False)
    search_text = models.TextField("texte de recherche", default="", editable=False)

    class Meta:
        verbose_name = "offre"
        verbose_name_plural = "offres"
        ordering = ["-published_at", "-created_at"]
        indexes = [
            GinIndex(fields=["search_vector"], name="offer_search_vector"),
            GinIndex(fields=["search_text"], name="offer_search_trgm", opclasses=["gin_trgm_ops"]),
            models.Index(fields=["status", "-published_at"], name="offer_status_published"),
            models.Index(fields=["status", "updated_at"], name="offer_status_updated"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~models.Q(source_id=""),
                name="unique_offer_source_id",
            ),
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="offer_salary_range",
            ),
            models.CheckConstraint(
                condition=models.Q(positions__gte=1), name="offer_positions_positive"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.appellation_id:
            self.occupation_id = (
                Appellation.objects.filter(pk=self.appellation_id)
                .values_list("occupation_id", flat=True)
                .get()
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("offers:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.employer.suspended_at is None

    @property
    def full_time(self) -> bool:
        return self.hours_per_week >= 35


class OfferSkill(models.Model):
    offer = models.ForeignKey(
        Offer, verbose_name="offre", on_delete=models.CASCADE, related_name="skill_links"
    )
    skill = models.ForeignKey(
        Skill, verbose_name="compétence", on_delete=models.PROTECT, related_name="offer_links"
    )
    required = models.BooleanField("exigée", default=True)

    class Meta:
        verbose_name = "compétence d'une offre"
        verbose_name_plural = "compétences des offres"
        constraints = [
            models.UniqueConstraint(fields=["offer", "skill"], name="unique_offer_skill")
        ]

    def __str__(self):
        return f"{self.offer_id} → {self.skill_id}"


class OfferTransition(models.Model):
    """One step of an offer's life cycle: who moved it, from where to where, when, why."""

    offer = models.ForeignKey(
        Offer, verbose_name="offre", on_delete=models.CASCADE, related_name="transitions"
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
    reason = models.TextField("raison", blank=True)

    class Meta:
        verbose_name = "changement d'état d'une offre"
        verbose_name_plural = "changements d'état des offres"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.offer_id}: {self.from_status} → {self.to_status}"
