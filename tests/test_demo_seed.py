"""The synthetic demo territory: fictitious employers and offers made by ``seed_demo``."""

import io
import random
from collections import Counter
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import Count

from accounts.models import Organisation
from accounts.validators import validate_siret
from offers.demo import (
    DEMO_SUFFIX,
    FICTITIOUS,
    demo_offers,
    siret_generate,
    synthetic_employers,
)
from offers.models import OfferSkill, OfferTransition, Status
from offers.search import Criteria, search
from referentiel.models import OccupationSkill

pytestmark = pytest.mark.django_db

ILE_DE_FRANCE = {"75", "77", "78", "91", "92", "93", "94", "95"}
RUNGIS_ORLY_CHEVILLY = {"94065", "94054", "94021"}


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "employers": Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER).count(),
        "offers": demo_offers().count(),
        "skills": OfferSkill.objects.count(),
        "transitions": OfferTransition.objects.count(),
    }


def test_seeding_twice_does_not_duplicate():
    seed(employers=12, offers=150)
    first = counts()
    output = seed(employers=12, offers=150)
    assert counts() == first
    assert "rien à faire" in output


def test_sizes_are_honoured_and_reset_replaces_them():
    output = seed(employers=25, offers=300)
    assert synthetic_employers().count() == 25
    assert demo_offers().count() == 300
    # The demo account's employer has a handful of them, in several states.
    account = demo_offers().filter(employer__memberships__user__email="employer@demo.test")
    assert account.count() == 6
    assert {Status.PUBLISHED, Status.DRAFT} <= set(account.values_list("status", flat=True))
    assert "Offres fictives : 300" in output

    seed(employers=10, offers=50, reset_offers=True)
    assert synthetic_employers().count() == 10
    assert demo_offers().count() == 50


def test_every_offer_has_a_real_trade_and_a_place_in_ile_de_france():
    seed(employers=30, offers=400)
    offers = list(demo_offers().select_related("appellation", "commune"))
    assert len(offers) == 400
    for offer in offers:
        assert offer.appellation.occupation_id == offer.occupation_id
        assert offer.commune.departement_code in ILE_DE_FRANCE
        assert offer.description.endswith(FICTITIOUS)
    in_territory = sum(offer.commune.in_territory for offer in offers)
    assert in_territory / len(offers) >= 0.85


def test_every_demo_employer_is_labelled_and_has_a_valid_siret():
    seed(employers=40, offers=100)
    employers = list(synthetic_employers())
    assert len(employers) == 40
    assert len({e.siret for e in employers}) == 40
    for employer in employers:
        assert employer.name.endswith(DEMO_SUFFIX)
        validate_siret(employer.siret)  # raises if the Luhn check fails
        assert employer.naf_id and employer.commune.in_territory
    # The validator does reject a mistyped one: the seed's SIRETs pass it for a reason.
    siret = siret_generate(random.Random(3), set())
    with pytest.raises(ValidationError):
        validate_siret(siret[:-1] + str((int(siret[-1]) + 1) % 10))


def test_offers_are_found_by_the_public_search():
    seed(employers=30, offers=400)
    results = search(Criteria(q="cariste"))
    published_caristes = demo_offers().filter(status=Status.PUBLISHED, title__istartswith="cariste")
    assert published_caristes.exists()
    assert results.total >= published_caristes.count()
    assert all("carist" in offer.search_text for offer in results.page.object_list)
    # A misspelling finds them too, through the trigram index.
    assert search(Criteria(q="carriste")).total >= published_caristes.count()


def test_logistics_offers_cluster_at_rungis_orly_chevilly():
    seed(employers=60, offers=600)
    places = Counter()
    for occupation, commune in demo_offers().values_list("occupation_id", "commune_id"):
        kind = "logistics" if occupation.startswith("N11") else "other"
        places[kind, commune in RUNGIS_ORLY_CHEVILLY] += 1
    logistics = places["logistics", True] / (places["logistics", True] + places["logistics", False])
    other = places["other", True] / (places["other", True] + places["other", False])
    assert logistics >= 0.5
    assert logistics >= 2 * other


def test_offers_look_made_by_the_application():
    seed(employers=30, offers=400)
    offers = demo_offers()
    # Required skills are the occupation's core skills.
    skills = Counter(
        OfferSkill.objects.filter(offer__in=offers, required=True).values_list(
            "offer__occupation_id", flat=True
        )
    )
    per_offer = Counter(offers.values_list("occupation_id", flat=True))
    core = dict(
        OccupationSkill.objects.filter(core=True, occupation_id__in=per_offer)
        .values("occupation_id")
        .annotate(n=Count("pk"))
        .values_list("occupation_id", "n")
    )
    assert skills == {
        code: n * core.get(code, 0) for code, n in per_offer.items() if core.get(code)
    }
    # The life cycle is logged as the services log it.
    statuses = Counter(offers.values_list("status", flat=True))
    assert statuses[Status.PUBLISHED] > len(offers) / 2
    assert all(statuses[s] for s in (Status.DRAFT, Status.FILLED, Status.CLOSED, Status.EXPIRED))
    for offer in offers.prefetch_related("transitions"):
        log = [(t.name, t.to_status) for t in offer.transitions.all()]
        assert log[0] == ("create", Status.DRAFT)
        if offer.status != Status.DRAFT:
            assert log[1] == ("publish", Status.PUBLISHED)
            assert offer.transitions.all()[1].at == offer.published_at
            assert offer.created_at < offer.published_at
        assert log[-1][1] == offer.status


def test_contracts_hours_and_pay_are_realistic():
    seed(employers=60, offers=800)
    offers = list(demo_offers())
    logistics = [o for o in offers if o.occupation_id.startswith("N11")]
    others = [o for o in offers if not o.occupation_id.startswith("N11")]

    def interim(group):
        return sum(o.contract == "MIS" for o in group) / len(group)

    assert interim(logistics) > interim(others)
    assert 0.1 < sum(o.hours_per_week < 35 for o in offers) / len(offers) < 0.4
    for offer in offers:
        if offer.salary_period == "hour":
            assert offer.salary_min >= Decimal("11.88")
        elif offer.salary_period == "month" and offer.salary_min is not None:
            assert offer.salary_min >= Decimal("1801.80") * offer.hours_per_week / 35
        assert 1 <= offer.positions <= 5
    clause = [o for o in offers if o.insertion_clause]
    assert clause
    assert sum(o.occupation_id.startswith("F") for o in clause) / len(clause) > 0.5
    caristes = [o for o in offers if o.appellation_id == "11679"]  # Cariste
    assert sum("CACES_R489_3" in o.permits for o in caristes) / len(caristes) > 0.7


def test_the_seed_is_deterministic():
    seed(employers=20, offers=120, seed=5)
    first = list(demo_offers().order_by("source_id").values_list("title", "commune_id"))
    seed(employers=20, offers=120, seed=5, reset_offers=True)
    again = list(demo_offers().order_by("source_id").values_list("title", "commune_id"))
    seed(employers=20, offers=120, seed=6, reset_offers=True)
    other = list(demo_offers().order_by("source_id").values_list("title", "commune_id"))
    assert first == again
    assert first != other
