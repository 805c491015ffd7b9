"""Matching runs, their matches, the changes waiting to be re-scored, and trainings.

Readers always see one complete run: the current run is the latest full run that finished
(``Run.current()``); its matches are replaced row by row by incremental re-scores, never half
old, half new for one resident or one offer.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from offers.models import Offer
from referentiel.models import Commune, Skill
from residents.models import Profile


class Run(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "En cours"
        DONE = "done", "Terminé"
        FAILED = "failed", "Échec"

    status = models.CharField("état", max_length=8, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField("commencé le", auto_now_add=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lancé par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    chunks_total = models.PositiveIntegerField("lots à calculer", default=0)
    chunks_done = models.PositiveIntegerField("lots calculés", default=0)
    residents = models.PositiveIntegerField("personnes", default=0)
    offers = models.PositiveIntegerField("offres", default=0)
    candidate_pairs = models.BigIntegerField("paires examinées", default=0)
    valid_pairs = models.BigIntegerField("paires compatibles", default=0)
    rows = models.PositiveIntegerField("correspondances enregistrées", default=0)
    seconds = models.FloatField("durée (secondes)", default=0)
    # Fairness and crowding figures of the run (see matching/report.py).
    figures = models.JSONField("chiffres", default=dict, blank=True)
    error = models.TextField("erreur", blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "calcul des correspondances"
        verbose_name_plural = "calculs des correspondances"

    def __str__(self):
        return f"Calcul {self.pk} ({self.get_status_display()})"

    @classmethod
    def current(cls) -> "Run | None":
        return cls.objects.filter(status=cls.Status.DONE).order_by("-finished_at", "-pk").first()

    @property
    def progress(self) -> int:
        return round(100 * self.chunks_done / self.chunks_total) if self.chunks_total else 0


class Match(models.Model):
    """A resident and an offer of one run, with the score, its parts and the skill gap.

    ``for_resident``: the offer is in the resident's best list; ``for_offer``: the resident is in
    the offer's best list. ``components`` follow ``matching.engine.COMPONENTS``;
    ``missing`` are skill codes, core skills first, ``missing_core`` how many of them are core.
    """

    run = models.ForeignKey(
        Run, verbose_name="calcul", on_delete=models.CASCADE, related_name="matches"
    )
    profile = models.ForeignKey(
        Profile, verbose_name="profil", on_delete=models.CASCADE, related_name="matches"
    )
    offer = models.ForeignKey(
        Offer, verbose_name="offre", on_delete=models.CASCADE, related_name="matches"
    )
    score = models.FloatField("score")
    components = ArrayField(models.FloatField(), size=6, verbose_name="composantes du score")
    required = models.PositiveSmallIntegerField("compétences exigées", default=0)
    missing = ArrayField(
        models.CharField(max_length=10), default=list, verbose_name="compétences manquantes"
    )
    missing_core = models.PositiveSmallIntegerField(
        "compétences cœur de métier manquantes", default=0
    )
    minutes = models.PositiveSmallIntegerField("trajet (minutes)", null=True)
    for_resident = models.BooleanField("dans la liste de la personne", default=False)
    for_offer = models.BooleanField("dans la liste de l'offre", default=False)

    class Meta:
        verbose_name = "correspondance"
        verbose_name_plural = "correspondances"
        constraints = [
            models.UniqueConstraint(fields=["run", "profile", "offer"], name="unique_match")
        ]
        indexes = [
            models.Index(fields=["run", "profile", "-score"], name="match_by_profile"),
            models.Index(fields=["run", "offer", "-score"], name="match_by_offer"),
        ]

    def __str__(self):
        return f"{self.profile_id} × {self.offer_id}: {self.score:.0f}"


class Dirty(models.Model):
    """An offer or a profile changed since it was last scored: re-score it.

    Written in the same transaction as the change, so that nothing is lost when the broker is
    down; the re-scoring task deletes the rows it handled.
    """

    class Kind(models.TextChoices):
        OFFER = "offer", "Offre"
        PROFILE = "profile", "Profil"

    kind = models.CharField("type", max_length=7, choices=Kind.choices)
    object_id = models.BigIntegerField("identifiant")
    changed_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "changement à recalculer"
        verbose_name_plural = "changements à recalculer"
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="unique_dirty")]

    def __str__(self):
        return f"{self.kind} {self.object_id}"


class Training(models.Model):
    class Funding(models.TextChoices):
        REGION = "region", "Région Île-de-France"
        FRANCE_TRAVAIL = "france_travail", "France Travail"
        CPF = "cpf", "Compte personnel de formation"
        EMPLOYER = "employer", "Employeur (POEI, alternance)"
        OTHER = "other", "Autre"

    title = models.CharField("intitulé", max_length=200)
    provider = models.CharField("organisme", max_length=200)
    commune = models.ForeignKey(
        Commune, verbose_name="lieu", on_delete=models.PROTECT, related_name="trainings"
    )
    duration_hours = models.PositiveIntegerField("durée (heures)")
    level_reached = models.PositiveSmallIntegerField(
        "niveau atteint", null=True, blank=True, help_text="1 à 8, vide si aucun diplôme"
    )
    skills = models.ManyToManyField(Skill, verbose_name="compétences enseignées", related_name="+")
    next_starts = ArrayField(
        models.DateField(), default=list, blank=True, verbose_name="prochaines sessions"
    )
    funding = models.CharField("financement", max_length=15, choices=Funding.choices)
    description = models.TextField("description", blank=True)
    url = models.URLField("adresse du site", blank=True)
    synthetic = models.BooleanField("donnée de démonstration", default=False)
    active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["title"]
        verbose_name = "formation"
        verbose_name_plural = "formations"

    def __str__(self):
        return self.title
