"""People and the organisations they belong to.

A ``User`` logs in with an e-mail address and has one role. Employers and advisory structures are
both ``Organisation`` rows (kind ``employer`` or ``structure``) with several members through
``Membership``.
"""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from accounts.validators import validate_siret
from referentiel.models import Commune, Naf


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True, role=User.Role.STAFF)
        return self._create(email, password, **fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    class Role(models.TextChoices):
        RESIDENT = "resident", "Habitant en recherche d'emploi"
        EMPLOYER = "employer", "Employeur"
        ADVISOR = "advisor", "Conseiller"
        STAFF = "staff", "Équipe du territoire"

    email = models.EmailField("adresse e-mail", max_length=254, unique=True)
    first_name = models.CharField("prénom", max_length=150)
    last_name = models.CharField("nom", max_length=150)
    role = models.CharField("rôle", max_length=10, choices=Role.choices)
    is_active = models.BooleanField("actif", default=True)
    is_staff = models.BooleanField("accès à l'administration", default=False)
    date_joined = models.DateTimeField("inscrit le", default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        EMPLOYER = "employer", "Employeur"
        STRUCTURE = "structure", "Structure d'accompagnement"

    class EmployerKind(models.TextChoices):
        COMPANY = "company", "Entreprise"
        SIAE = "siae", "Structure d'insertion par l'activité économique (SIAE)"
        ASSOCIATION = "association", "Association"
        PUBLIC = "public", "Employeur public"

    class StructureKind(models.TextChoices):
        MISSION_LOCALE = "mission_locale", "Mission locale"
        PLIE = "plie", "PLIE"
        FRANCE_TRAVAIL = "france_travail", "Agence France Travail"
        CAP_EMPLOI = "cap_emploi", "Cap emploi"
        CLAUSE_FACILITATOR = "clause_facilitator", "Facilitateur des clauses sociales"
        OTHER = "other", "Autre structure"

    class SizeBand(models.TextChoices):
        MICRO = "0-9", "Moins de 10 salariés"
        SMALL = "10-49", "10 à 49 salariés"
        MEDIUM = "50-249", "50 à 249 salariés"
        LARGE = "250+", "250 salariés ou plus"

    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    name = models.CharField("nom", max_length=200)
    siret = models.CharField(
        "SIRET", max_length=14, blank=True, validators=[validate_siret], db_index=True
    )
    naf = models.ForeignKey(
        Naf, verbose_name="code NAF", null=True, blank=True, on_delete=models.PROTECT
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name="commune",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    contact_email = models.EmailField("e-mail de contact", blank=True)
    contact_phone = models.CharField("téléphone de contact", max_length=20, blank=True)
    website = models.URLField("site internet", blank=True)
    # Employers
    employer_kind = models.CharField(
        "catégorie d'employeur", max_length=12, choices=EmployerKind.choices, blank=True
    )
    ess = models.BooleanField("économie sociale et solidaire", default=False)
    size_band = models.CharField("effectif", max_length=6, choices=SizeBand.choices, blank=True)
    charter_signed = models.BooleanField(
        "signataire de la charte territoriale pour l'emploi local", default=False
    )
    # Advisory structures
    structure_kind = models.CharField(
        "type de structure", max_length=20, choices=StructureKind.choices, blank=True
    )
    communes_served = models.ManyToManyField(
        Commune, verbose_name="communes couvertes", blank=True, related_name="structures"
    )
    # Moderation: a structure acts once staff validated it; staff can suspend an employer.
    validated_at = models.DateTimeField("validée le", null=True, blank=True)
    suspended_at = models.DateTimeField("suspendue le", null=True, blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    members = models.ManyToManyField(
        User, verbose_name="membres", through="Membership", related_name="organisations"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "organisation"
        verbose_name_plural = "organisations"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="structure") | ~models.Q(structure_kind__gt=""),
                name="structure_kind_only_for_structures",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        if self.suspended_at:
            return False
        return self.kind == self.Kind.EMPLOYER or self.validated_at is not None


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", "Administrateur"
        MEMBER = "member", "Membre"

    user = models.ForeignKey(
        User, verbose_name="utilisateur", on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField("rôle", max_length=6, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField("ajouté le", auto_now_add=True)

    class Meta:
        verbose_name = "membre"
        verbose_name_plural = "membres"
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]

    def __str__(self):
        return f"{self.user} — {self.organisation}"


class Invitation(models.Model):
    """An organisation's admin invites someone, by e-mail, to become a member."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField("adresse e-mail")
    role = models.CharField(
        "rôle", max_length=6, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token = models.CharField("jeton", max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, verbose_name="envoyée par", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    accepted_at = models.DateTimeField("acceptée le", null=True, blank=True)

    class Meta:
        verbose_name = "invitation"
        verbose_name_plural = "invitations"

    def __str__(self):
        return f"{self.email} → {self.organisation}"


class OutboxEntry(models.Model):
    """What every outbox row has (``accounts.outbox``): a key that makes recording the same
    notice twice a no-op, and the state of its sending."""

    key = models.CharField("clé", max_length=80, unique=True)
    created_at = models.DateTimeField("date de création", auto_now_add=True)
    queued_at = models.DateTimeField("date de mise en file d'envoi", null=True, blank=True)
    sent_at = models.DateTimeField("date d'envoi", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    last_error = models.CharField("dernière erreur", max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]


class Mail(OutboxEntry):
    """An e-mail already written (invitation, notice to an employer's members), kept until sent.

    The row is the outbox (``accounts.outbox``): written with the change it reports, handed to
    Celery after the commit, sent at most once (``sent_at``); the rows left behind while the
    broker was down are queued again by an hourly sweep.
    """

    email = models.EmailField("destinataire")
    subject = models.CharField("objet", max_length=300)
    body = models.TextField("texte")

    class Meta(OutboxEntry.Meta):
        verbose_name = "e-mail"
        verbose_name_plural = "e-mails"
        indexes = [
            models.Index(
                fields=["created_at"], name="mail_unsent", condition=models.Q(sent_at__isnull=True)
            )
        ]

    def __str__(self):
        return f"{self.subject} → {self.email}"
