"""Insertion clauses: public works and purchases that reserve hours of work to people far from
employment. An operation (e.g. a Grand Paris Express lot) has a target of hours; offers are
attached to it; hires on those offers record the hours worked; advisors record which residents
belong to the publics eligible.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from accounts.models import Organisation
from applications.models import Application
from offers.models import Offer
from referrals.models import Referral
from residents.models import Profile

# Hours one person hired worked on one operation, as the facilitator records them. A full-time
# year is 1,607 hours (35 h a week, less paid leave and public holidays): 2,000 h leaves room
# for overtime and a contract a little longer than a year, while 999,999.5 is a typing slip.
HOURS_MAX = Decimal(2000)
# Hundredths of an hour, as payslips write them (151,67 h a month at full time); quarters would
# refuse a figure copied from a payslip.
HOURS_PLACES = 2


def validate_hours(value: Decimal) -> None:
    """More than 0, at most ``HOURS_MAX``, at most two decimals: said in French as it is."""
    if value <= 0:
        raise ValidationError(
            "Indiquez plus de 0 heure : les heures travaillées par la personne embauchée.",
            code="min_value",
        )
    if value > HOURS_MAX:
        raise ValidationError(
            "2 000 heures au plus par embauche : une année à temps plein en compte 1 607.",
            code="max_value",
        )
    if value != value.quantize(Decimal(1).scaleb(-HOURS_PLACES)):
        raise ValidationError(
            "Deux décimales au plus (centièmes d'heure, comme sur la fiche de paie : 151,67).",
            code="max_decimal_places",
        )


class ClauseOperation(models.Model):
    name = models.CharField("opération", max_length=200)
    contracting_authority = models.CharField("maître d'ouvrage ou acheteur", max_length=200)
    lot = models.CharField("lot ou marché", max_length=200, blank=True)
    facilitator = models.ForeignKey(
        Organisation,
        verbose_name="facilitateur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clause_operations",
        limit_choices_to={"structure_kind": Organisation.StructureKind.CLAUSE_FACILITATOR},
    )
    hours_target = models.PositiveIntegerField(
        "heures d'insertion à réaliser",
        validators=[
            MinValueValidator(
                1, "Indiquez au moins 1 heure : les heures que le marché réserve à l'insertion."
            )
        ],
    )
    starts_on = models.DateField("début")
    ends_on = models.DateField("fin")
    offers = models.ManyToManyField(
        Offer, verbose_name="offres", blank=True, related_name="clause_operations"
    )
    synthetic = models.BooleanField("donnée de démonstration", default=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        ordering = ["ends_on", "name"]
        verbose_name = "opération sous clause d'insertion"
        verbose_name_plural = "opérations sous clause d'insertion"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="clause_period"
            )
        ]

    def __str__(self):
        return self.name


class Public(models.TextChoices):
    """The publics eligible to insertion clauses (as the facilitators' guides list them)."""

    QPV = "qpv", "Habitant d'un quartier prioritaire (QPV)"
    LONG_TERM = "long_term", "Demandeur d'emploi depuis 12 mois ou plus"
    RSA = "rsa", "Allocataire du RSA"
    YOUNG = "young", "Moins de 26 ans sans qualification"
    DISABILITY = "disability", "Reconnaissance de handicap (RQTH)"
    SENIOR = "senior", "50 ans et plus"


class Eligibility(models.Model):
    """A resident belongs to an eligible public, as an advisor recorded it."""

    profile = models.ForeignKey(
        Profile,
        verbose_name="profil",
        on_delete=models.CASCADE,
        related_name="clause_eligibilities",
    )
    public = models.CharField("public", max_length=12, choices=Public.choices)
    structure = models.ForeignKey(
        Organisation, verbose_name="structure", on_delete=models.CASCADE, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="enregistrée par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField("enregistrée le", auto_now_add=True)

    class Meta:
        ordering = ["public"]
        verbose_name = "éligibilité aux clauses"
        verbose_name_plural = "éligibilités aux clauses"
        constraints = [
            models.UniqueConstraint(fields=["profile", "public"], name="one_eligibility_per_public")
        ]

    def __str__(self):
        return f"{self.profile_id}: {self.public}"


class ClauseHours(models.Model):
    """Hours worked by a person hired on an offer of an operation (through a referral or an
    application), as the facilitator recorded them."""

    operation = models.ForeignKey(
        ClauseOperation, verbose_name="opération", on_delete=models.CASCADE, related_name="hours"
    )
    referral = models.ForeignKey(
        Referral,
        verbose_name="orientation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    application = models.ForeignKey(
        Application,
        verbose_name="candidature",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # 8 digits: the hundredths added to the 7 digits of the tenths, so that no row recorded
    # before the cap (up to 999,999.9) overflows the wider column.
    hours = models.DecimalField(
        "heures travaillées", max_digits=8, decimal_places=HOURS_PLACES, validators=[validate_hours]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisies par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField("saisies le", auto_now=True)

    class Meta:
        verbose_name = "heures d'insertion"
        verbose_name_plural = "heures d'insertion"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(referral__isnull=False, application__isnull=True)
                | models.Q(referral__isnull=True, application__isnull=False),
                name="clause_hours_one_hire",
            ),
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="clause_hours_positive"),
            models.UniqueConstraint(fields=["operation", "referral"], name="clause_hours_referral"),
            models.UniqueConstraint(
                fields=["operation", "application"], name="clause_hours_application"
            ),
        ]

    def __str__(self):
        return f"{self.hours} h ({self.operation_id})"
