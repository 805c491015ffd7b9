"""Reference data: places (communes, QPV), trades (ROME 4.0), sectors (NAF), qualification levels.

Loaded from the files of ``referentiel/data`` by ``manage.py load_referentiel``; never edited by
hand. Codes are the official ones and serve as primary keys, so that offers, profiles and matches
speak in codes that mean the same thing everywhere.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models


class Commune(models.Model):
    code_insee = models.CharField("code INSEE", max_length=5, primary_key=True)
    name = models.CharField("nom", max_length=100)
    postal_codes = ArrayField(
        models.CharField(max_length=5), default=list, blank=True, verbose_name="codes postaux"
    )
    departement_code = models.CharField("département", max_length=3)
    departement_name = models.CharField("nom du département", max_length=60)
    population = models.PositiveIntegerField("population", default=0)
    latitude = models.FloatField("latitude")
    longitude = models.FloatField("longitude")
    in_territory = models.BooleanField("dans le territoire", default=False, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "commune"
        verbose_name_plural = "communes"

    def __str__(self):
        return f"{self.name} ({self.departement_code})"


class Qpv(models.Model):
    """A quartier prioritaire de la politique de la ville, 2024 generation (ANCT)."""

    code = models.CharField("code", max_length=8, primary_key=True)
    name = models.CharField("nom", max_length=150)
    communes = models.ManyToManyField(
        Commune, verbose_name="communes", related_name="qpvs", blank=True
    )
    # False for the multi-commune QPV whose communes the source does not give (see DATA.md).
    communes_confirmed = models.BooleanField("communes confirmées par la source", default=True)
    multi_commune = models.BooleanField("sur plusieurs communes", default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "QPV"
        verbose_name_plural = "QPV"

    def __str__(self):
        return self.name


class GrandDomain(models.Model):
    code = models.CharField("code", max_length=1, primary_key=True)
    label = models.CharField("libellé", max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = "grand domaine"
        verbose_name_plural = "grands domaines"

    def __str__(self):
        return self.label


class ProfessionalDomain(models.Model):
    code = models.CharField("code", max_length=3, primary_key=True)
    label = models.CharField("libellé", max_length=200)
    grand_domain = models.ForeignKey(
        GrandDomain,
        verbose_name="grand domaine",
        on_delete=models.PROTECT,
        related_name="domains",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "domaine professionnel"
        verbose_name_plural = "domaines professionnels"

    def __str__(self):
        return self.label


class Occupation(models.Model):
    """A ROME 4.0 fiche métier (e.g. J1501 Aide-soignant / Aide-soignante)."""

    code = models.CharField("code ROME", max_length=5, primary_key=True)
    title = models.CharField("intitulé", max_length=200)
    # ROME 4.0 groups fiches under historical parent codes; a parent is its own parent.
    parent_code = models.CharField("code ROME parent", max_length=5, db_index=True)
    domain = models.ForeignKey(
        ProfessionalDomain,
        verbose_name="domaine professionnel",
        on_delete=models.PROTECT,
        related_name="occupations",
    )
    definition = models.TextField("définition", blank=True)
    access = models.TextField("accès au métier", blank=True)
    regulated = models.BooleanField("métier réglementé", default=False)
    skills = models.ManyToManyField(
        "Skill", verbose_name="compétences", through="OccupationSkill", related_name="occupations"
    )
    mobilities = models.ManyToManyField(
        "self",
        verbose_name="mobilités",
        through="Mobility",
        symmetrical=False,
        related_name="mobility_sources",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "métier"
        verbose_name_plural = "métiers"

    def __str__(self):
        return f"{self.code} {self.title}"


class Appellation(models.Model):
    """A job title of the ROME, pointing to its fiche."""

    code_ogr = models.CharField("code OGR", max_length=10, primary_key=True)
    label = models.CharField("libellé", max_length=250)
    short_label = models.CharField("libellé court", max_length=250)
    occupation = models.ForeignKey(
        Occupation, verbose_name="métier", on_delete=models.PROTECT, related_name="appellations"
    )
    main = models.BooleanField("intitulé principal de la fiche", default=False)
    rare = models.BooleanField("peu usité", default=False)

    class Meta:
        ordering = ["label"]
        verbose_name = "appellation"
        verbose_name_plural = "appellations"

    def __str__(self):
        return self.label


class Skill(models.Model):
    """A skill (savoir-faire, savoir-être) or knowledge item (savoir) of the ROME."""

    class Kind(models.TextChoices):
        KNOW_HOW = "savoir-faire", "Savoir-faire"
        SOFT = "savoir-etre", "Savoir-être professionnel"
        KNOWLEDGE = "savoir", "Savoir"

    code = models.CharField("code", max_length=10, primary_key=True)
    label = models.CharField("libellé", max_length=300)
    kind = models.CharField("type", max_length=12, choices=Kind.choices)
    category = models.CharField("catégorie", max_length=100, blank=True)
    subcategory = models.CharField("sous-catégorie", max_length=150, blank=True)

    class Meta:
        ordering = ["label"]
        verbose_name = "compétence"
        verbose_name_plural = "compétences"

    def __str__(self):
        return self.label


class OccupationSkill(models.Model):
    occupation = models.ForeignKey(
        Occupation, verbose_name="métier", on_delete=models.CASCADE, related_name="skill_links"
    )
    skill = models.ForeignKey(
        Skill, verbose_name="compétence", on_delete=models.CASCADE, related_name="occupation_links"
    )
    core = models.BooleanField("cœur de métier", default=False)
    emerging = models.BooleanField("émergente", default=False)

    class Meta:
        verbose_name = "compétence d'un métier"
        verbose_name_plural = "compétences des métiers"
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="unique_occupation_skill")
        ]

    def __str__(self):
        return f"{self.occupation_id} → {self.skill_id}"


class Mobility(models.Model):
    """A professional mobility from one fiche to another (ROME "mobilités")."""

    source = models.ForeignKey(
        Occupation,
        verbose_name="métier de départ",
        on_delete=models.CASCADE,
        related_name="mobility_links",
    )
    target = models.ForeignKey(
        Occupation, verbose_name="métier proposé", on_delete=models.CASCADE, related_name="+"
    )
    rank = models.PositiveSmallIntegerField("rang", default=0)

    class Meta:
        verbose_name = "mobilité professionnelle"
        verbose_name_plural = "mobilités professionnelles"
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="unique_mobility")]

    def __str__(self):
        return f"{self.source_id} → {self.target_id}"


class Naf(models.Model):
    """A NAF rév. 2 code at any level (section A, division 49, … sous-classe 49.41A)."""

    class Level(models.TextChoices):
        SECTION = "section", "Section"
        DIVISION = "division", "Division"
        GROUP = "groupe", "Groupe"
        CLASS = "classe", "Classe"
        SUBCLASS = "sous-classe", "Sous-classe"

    code = models.CharField("code", max_length=6, primary_key=True)
    label = models.CharField("libellé", max_length=250)
    level = models.CharField("niveau", max_length=12, choices=Level.choices)
    section = models.CharField("section", max_length=1, db_index=True)
    division = models.CharField("division", max_length=2, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "code NAF"
        verbose_name_plural = "codes NAF"

    def __str__(self):
        return f"{self.code} {self.label}"


class QualificationLevel(models.Model):
    """Levels 1–8 of the French national framework of certifications (decree 2019-14)."""

    level = models.PositiveSmallIntegerField("niveau", primary_key=True)
    label = models.CharField("repère", max_length=100)
    former_level = models.CharField("ancien niveau", max_length=4, blank=True)
    examples = models.CharField("exemples de diplômes", max_length=250, blank=True)

    class Meta:
        ordering = ["level"]
        verbose_name = "niveau de qualification"
        verbose_name_plural = "niveaux de qualification"

    def __str__(self):
        return f"Niveau {self.level} — {self.label}"


class Dataset(models.Model):
    """What was loaded from each reference file, so that a reload that changes nothing is seen."""

    name = models.CharField("nom", max_length=100, primary_key=True)
    version = models.CharField("version", max_length=100, blank=True)
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    rows = models.PositiveIntegerField("lignes", default=0)
    loaded_at = models.DateTimeField("chargé le", auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "fichier de référence chargé"
        verbose_name_plural = "fichiers de référence chargés"

    def __str__(self):
        return f"{self.name} {self.version}"
