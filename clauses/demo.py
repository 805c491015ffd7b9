"""Demo data of the advisory side (synthetic, labelled "(démo)"): the demo Mission locale made
valid and given its communes, a PLIE, a clause facilitator with its own demo account, a Grand
Paris Express clause operation with a few clause offers of the demo employer, and follow-up
consents for some demo residents when there are any. Idempotent: run it again, nothing doubles.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from accounts.demo import PASSWORD
from accounts.models import Membership, Organisation, User
from clauses.models import ClauseOperation
from offers import services as offer_services
from offers.models import Offer, Status
from referentiel.models import Appellation, Commune
from residents.models import Consent, Profile

MISSION_LOCALE = "Mission locale Orly-Choisy (démo)"
PLIE = "PLIE Grand-Orly Seine Bièvre (démo)"
FACILITATOR = "Facilitateur des clauses sociales du Grand-Orly (démo)"
FACILITATOR_EMAIL = "clauses@demo.test"
OPERATION = "Grand Paris Express — ligne 15 Sud, gare de Vitry Centre (démo)"
SOURCE_PREFIX = "clause-demo-"  # not "demo-": offers.demo counts those as its own
# (source id, title, appellation, commune): jobs of a logistics firm on a metro worksite.
CLAUSE_OFFERS = [
    ("1", "Cariste de chantier — Grand Paris Express (H/F)", "11679", "94081"),
    ("2", "Aide-magasinier de chantier (H/F)", "10880", "94081"),
    ("3", "Coffreur bancheur en insertion (H/F)", "11490", "94076"),
]
FOLLOWED = {"mission": 150, "plie": 60}  # demo residents followed by each structure, at most


@dataclass
class Report:
    structures: int = 0
    offers: int = 0
    attached: int = 0
    followed: int = 0


def _structure(name: str, kind: str, communes: list[str], **extra) -> Organisation:
    structure, _ = Organisation.objects.get_or_create(
        kind=Organisation.Kind.STRUCTURE,
        name=name,
        defaults={"structure_kind": kind, "validated_at": timezone.now(), **extra},
    )
    if structure.validated_at is None:
        structure.validated_at = timezone.now()
        structure.save(update_fields=["validated_at"])
    structure.communes_served.add(*Commune.objects.filter(pk__in=communes))
    return structure


def _facilitator_account(structure: Organisation) -> User:
    user = User.objects.filter(email=FACILITATOR_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            email=FACILITATOR_EMAIL,
            password=PASSWORD,
            first_name="Karim",
            last_name="Haddad",
            role=User.Role.ADVISOR,
        )
    Membership.objects.get_or_create(
        user=user, organisation=structure, defaults={"role": Membership.Role.ADMIN}
    )
    return user


def _clause_offers(employer: Organisation) -> list[Offer]:
    offers = []
    for key, title, appellation, commune in CLAUSE_OFFERS:
        source_id = SOURCE_PREFIX + key
        offer = Offer.objects.filter(source=Offer.Source.MANUAL, source_id=source_id).first()
        if offer is None:
            offer = offer_services.offer_save(
                offer=Offer(
                    employer=employer,
                    title=title,
                    appellation=Appellation.objects.get(pk=appellation),
                    description=(
                        "Poste sur le chantier d'une gare du Grand Paris Express, réservé aux "
                        "heures d'insertion de la clause sociale du marché. Offre fictive "
                        "(données de démonstration)."
                    ),
                    commune=Commune.objects.get(pk=commune),
                    contract="CDD",
                    hours_per_week=35,
                    insertion_clause=True,
                    source=Offer.Source.MANUAL,
                    source_id=source_id,
                ),
                by=None,
            )
        if offer.status == Status.DRAFT:
            offer = offer_services.offer_transition(offer=offer, name="publish", by=None)
        offers.append(offer)
    return offers


@transaction.atomic
def seed_advisory_demo(*, users: dict[str, User]) -> Report:
    """Create what is missing of the advisory side's demo data (see the module's docstring)."""
    report = Report()
    south = ["94054", "94022", "94077", "94001", "94073"]
    mission = _structure(MISSION_LOCALE, Organisation.StructureKind.MISSION_LOCALE, south)
    plie = _structure(PLIE, Organisation.StructureKind.PLIE, ["94081", "94041", "94076", "94043"])
    facilitator = _structure(
        FACILITATOR,
        Organisation.StructureKind.CLAUSE_FACILITATOR,
        ["94081", "94076", "94041", "94054", "94065"],
        contact_email=FACILITATOR_EMAIL,
    )
    _facilitator_account(facilitator)
    report.structures = 3
    operation, _ = ClauseOperation.objects.get_or_create(
        name=OPERATION,
        defaults={
            "contracting_authority": "Société des grands projets (démo)",
            "lot": "Génie civil de la gare (démo)",
            "facilitator": facilitator,
            "hours_target": 12000,
            "starts_on": date(2024, 1, 1),
            "ends_on": date(2028, 12, 31),
            "synthetic": True,
        },
    )
    employer = Organisation.objects.filter(memberships__user=users["employer"]).first()
    offers = _clause_offers(employer) if employer else []
    other = Offer.objects.filter(
        status=Status.PUBLISHED, insertion_clause=True, source_id__startswith="demo-"
    ).exclude(pk__in=[o.pk for o in offers])
    offers += list(other.order_by("pk")[:5])
    operation.offers.add(*offers)
    report.offers, report.attached = len(offers), operation.offers.count()
    report.followed = _follow_demo_residents(
        mission, users["advisor"], FOLLOWED["mission"], account=True
    )
    report.followed += _follow_demo_residents(plie, None, FOLLOWED["plie"])
    return report


def _follow_demo_residents(
    structure: Organisation, advisor: User | None, limit: int, *, account: bool = False
) -> int:
    """Up to ``limit`` demo residents living in the communes the structure serves (and, with
    ``account``, the demo resident account) agreed to be followed by it; written in bulk, as
    the residents' demo seed is (a follow-up changes no match). A revoked one stays revoked."""
    already = Consent.objects.filter(kind=Consent.Kind.FOLLOWUP, structure=structure)
    demo = Profile.objects.filter(
        user__role=User.Role.RESIDENT, user__email__endswith="demo.test", anonymised_at__isnull=True
    ).exclude(pk__in=already.values("profile_id"))
    served = structure.communes_served.values("pk")
    pool = demo.filter(commune__in=served).exclude(user__email="resident@demo.test")
    chosen = list(pool.order_by("pk").values_list("pk", flat=True)[:limit])
    if account:
        chosen += list(demo.filter(user__email="resident@demo.test").values_list("pk", flat=True))
    wanted = limit + 1 - already.count()
    Consent.objects.bulk_create(
        [
            Consent(
                profile_id=pk, kind=Consent.Kind.FOLLOWUP, structure=structure, given_by=advisor
            )
            for pk in list(dict.fromkeys(chosen))[: max(0, wanted)]
        ]
    )
    return already.filter(revoked_at__isnull=True).count()
