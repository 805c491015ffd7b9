"""Factories shared by every test file."""

import factory
from django.utils import timezone

from accounts.models import Membership, Organisation, User
from referentiel.models import Commune

PASSWORD = "correct-horse-battery"


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ["code_insee"]

    code_insee = "94054"
    name = "Orly"
    departement_code = "94"
    departement_name = "Val-de-Marne"
    population = 24000
    latitude = 48.7433
    longitude = 2.3925
    in_territory = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    role = User.Role.RESIDENT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):
        if create:
            self.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.EMPLOYER
    name = factory.Sequence(lambda n: f"Entreprise {n}")
    siret = "73282932000074"
    employer_kind = Organisation.EmployerKind.COMPANY
    commune = factory.SubFactory(CommuneFactory)


class StructureFactory(OrganisationFactory):
    kind = Organisation.Kind.STRUCTURE
    name = factory.Sequence(lambda n: f"Structure {n}")
    siret = ""
    employer_kind = ""
    structure_kind = Organisation.StructureKind.MISSION_LOCALE
    validated_at = factory.LazyFunction(timezone.now)


def member(user: User, organisation: Organisation, role: str = Membership.Role.ADMIN) -> User:
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def offer(employer, *, publish=True, **fields):
    """An offer built with the real reference data (default: a cariste at Orly, published)."""
    from offers import services
    from offers.models import Offer
    from referentiel.models import Appellation, Commune

    values = {
        "title": "Cariste (H/F)",
        "appellation": Appellation.objects.get(pk=fields.pop("appellation_code", "11679")),
        "description": "Conduite de chariots élévateurs dans un entrepôt frigorifique.",
        "commune": Commune.objects.get(pk=fields.pop("commune_code", "94054")),
        "contract": "CDI",
        "hours_per_week": 35,
    }
    values.update(fields)
    created = services.offer_save(offer=Offer(employer=employer, **values), by=None)
    if publish:
        created = services.offer_transition(offer=created, name="publish", by=None)
    return created


def resident(
    *,
    commune_code="94054",
    sought=("11679",),
    skills=None,
    level=3,
    max_commute=45,
    permits=(),
    consent=True,
    qpv=None,
    **fields,
):
    """A resident with a profile (default: seeks "Cariste" from Orly, has the trade's core
    skills, consented to matching)."""
    from referentiel.models import Appellation, OccupationSkill
    from residents.models import Consent, Profile

    user = UserFactory(first_name=fields.pop("first_name", "Inès"))
    profile = Profile.objects.create(
        user=user,
        commune_id=commune_code,
        level=level,
        max_commute=max_commute,
        permits=list(permits),
        qpv_id=qpv,
        qpv_answer="qpv" if qpv else "none",
        **fields,
    )
    profile.sought.set(Appellation.objects.filter(pk__in=sought))
    if skills is None:
        fiches = Appellation.objects.filter(pk__in=sought).values_list("occupation_id", flat=True)
        skills = OccupationSkill.objects.filter(occupation_id__in=fiches, core=True).values_list(
            "skill_id", flat=True
        )
    profile.skills.set(list(skills))
    if consent:
        Consent.objects.create(profile=profile, kind=Consent.Kind.MATCHING)
    return profile


def clause_operation(facilitator=None, **fields):
    """An insertion-clause operation running this month, for ``facilitator`` (a new clause
    facilitator structure when None)."""
    from datetime import timedelta

    from clauses.models import ClauseOperation

    if facilitator is None:
        facilitator = StructureFactory(
            name="Facilitateur", structure_kind=Organisation.StructureKind.CLAUSE_FACILITATOR
        )
    today = timezone.localdate()
    values = {
        "name": "Ligne 14 sud",
        "contracting_authority": "Société des grands projets",
        "hours_target": 10,
        "starts_on": today - timedelta(days=10),
        "ends_on": today + timedelta(days=10),
        **fields,
    }
    return ClauseOperation.objects.create(facilitator=facilitator, **values)
