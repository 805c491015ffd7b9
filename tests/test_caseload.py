"""The caseload: who is in it (the follow-up consent), filters, the priority order, a fixed
number of queries per page, and the page of a structure not validated or suspended."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from matching import runs
from residents.models import Consent, Profile
from tests.advisor_helpers import ORLY_QPV, follow, followed, propose
from tests.factories import StructureFactory, UserFactory, member, offer, resident
from tests.helpers import text

HOME = "/espace-conseiller/"


def listed(page: str, *profiles) -> list[str]:
    """The first names of ``profiles`` shown in the page, in the page's order."""
    found = [(page.find(f">{p.user.get_full_name()}</a>"), p.user.first_name) for p in profiles]
    return [name for at, name in sorted(found) if at >= 0]


def test_the_caseload_is_the_residents_who_agreed_to_be_followed(personas, login):
    mine = followed(personas.mission, first_name="Mona")
    theirs = followed(personas.plie, first_name="Paul")
    revoked = followed(personas.mission, first_name="Rémi")
    Consent.objects.filter(profile=revoked).update(revoked_at=timezone.now())
    resident(first_name="Nina")  # followed by nobody
    page = text(login(personas.ada).get(HOME))
    assert listed(page, mine, theirs, revoked) == ["Mona"]
    assert "1 personne" in page
    assert "Mission locale des Portes de l'Essonne" in page


def test_filters_by_commune_qpv_level_trade_activity_and_name(personas, login):
    orly_qpv = followed(personas.mission, first_name="Aya", qpv=ORLY_QPV, level=2)
    vitry = followed(personas.mission, first_name="Bilal", commune_code="94081", level=5)
    nurse = followed(personas.mission, first_name="Chloé", sought=("10891",), level=None)
    Profile.objects.filter(pk=nurse.pk).update(
        last_activity_at=timezone.now() - timedelta(days=200)
    )
    everyone = (orly_qpv, vitry, nurse)
    client = login(personas.ada)

    def names(**params):
        return listed(text(client.get(HOME, params)), *everyone)

    assert sorted(names(commune="94081")) == ["Bilal"]
    assert names(qpv="oui") == ["Aya"]
    assert sorted(names(qpv="non")) == ["Bilal", "Chloé"]
    assert names(qpv="a_confirmer") == ["Aya"]  # said so; "none" answers are not listed
    Profile.objects.filter(pk=orly_qpv.pk).update(qpv_verified=True)
    assert names(qpv="a_confirmer") == []
    Profile.objects.filter(pk=orly_qpv.pk).update(qpv_verified=False)
    assert names(niveau="bas") == ["Aya"]
    assert names(niveau="inconnu") == ["Chloé"]
    assert names(niveau="5") == ["Bilal"]
    assert names(metier="J1501") == ["Chloé"]
    assert names(activite="180") == ["Chloé"]
    assert sorted(names(activite="30")) == ["Aya", "Bilal"]
    assert names(q=vitry.user.last_name) == ["Bilal"]


def test_residents_with_a_good_match_not_yet_referred(personas, login):
    cariste = offer(personas.acme, title="Cariste Orly")
    ready = followed(personas.mission, first_name="Dina")
    referred = followed(personas.mission, first_name="Eli")
    far = followed(personas.mission, first_name="Fanny", sought=("10891",))
    runs.run_full()
    propose(personas.ada, personas.mission, referred, cariste)
    page = text(login(personas.ada).get(HOME, {"a_orienter": "on"}))
    assert listed(page, ready, referred, far) == ["Dina"]


def test_the_priority_order_puts_qpv_low_levels_with_good_matches_first(personas, login):
    offer(personas.acme, title="Cariste Orly")
    # No match (another trade), high level, active: last.
    calm = followed(personas.mission, first_name="Zoé", sought=("10891",), level=6)
    # A good match, level CAP, not in a QPV.
    matched = followed(personas.mission, first_name="Yann", level=3)
    # A good match, in a QPV, level CAP: first.
    first = followed(personas.mission, first_name="Xavier", level=3, qpv=ORLY_QPV)
    # No match, inactive for months, no diploma: between.
    asleep = followed(personas.mission, first_name="Will", sought=("10891",), level=0)
    Profile.objects.filter(pk=asleep.pk).update(
        last_activity_at=timezone.now() - timedelta(days=120)
    )
    runs.run_full()
    page = text(login(personas.ada).get(HOME))
    assert listed(page, calm, matched, first, asleep) == ["Xavier", "Yann", "Will", "Zoé"]
    assert "Comment l'ordre de priorité est calculé" in page
    by_name = text(login(personas.ada).get(HOME, {"tri": "nom"}))
    expected = sorted([calm, matched, first, asleep], key=lambda p: p.user.last_name)
    assert listed(by_name, calm, matched, first, asleep) == [p.user.first_name for p in expected]


def test_the_caseload_costs_the_same_queries_for_3_or_30_residents(personas, login):
    offer(personas.acme, title="Cariste Orly")
    for _ in range(3):
        followed(personas.mission, qpv=ORLY_QPV)
    runs.run_full()
    client = login(personas.ada)
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    for i in range(27):
        followed(personas.mission, sought=("11679", "10891") if i % 2 else ("11679",))
    runs.run_full()
    with CaptureQueriesContext(connection) as many:
        page = text(client.get(HOME, {"tri": "priorite"}))
    assert "30 personnes" in page
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as filtered:
        client.get(HOME, {"qpv": "oui", "a_orienter": "on", "metier": "N1101", "page": "1"})
    assert len(filtered) == len(few)


def test_the_caseload_is_paginated(personas, login):
    for _ in range(52):
        followed(personas.mission)
    client = login(personas.ada)
    first = text(client.get(HOME))
    assert "52 personnes" in first and "Page 1 sur 2" in first
    assert "Page 2 sur 2" in text(client.get(HOME, {"page": 2}))


def test_a_structure_not_validated_or_suspended_shows_only_a_notice(personas, login):
    waiting = StructureFactory(name="Cap emploi (en attente)", validated_at=None)
    ines = member(UserFactory(role="advisor"), waiting)
    follow(resident(first_name="Gaby"), waiting)
    response = login(ines).get(HOME)
    assert response.status_code == 403
    assert "attend la validation" in text(response)
    assert "Gaby" not in text(response)
    personas.mission.suspended_at = timezone.now()
    personas.mission.save()
    followed(personas.mission, first_name="Hugo")
    for url in (HOME, "/espace-conseiller/orientations/", "/espace-conseiller/clauses/"):
        response = login(personas.ada).get(url)
        assert response.status_code == 403
        assert "suspendue" in text(response) and "Hugo" not in text(response)


def test_only_advisors_enter_the_space(client, personas, login):
    assert client.get(HOME).status_code == 302
    for user in (personas.alice, personas.emma, personas.sam):
        assert login(user).get(HOME).status_code == 404


def caption(page: str) -> str:
    return page.split('<caption class="visually-hidden">')[1].split("</caption>")[0]


def test_the_table_caption_says_the_order_applied(personas, login):
    followed(personas.mission, first_name="Mona")
    ada = login(personas.ada)
    assert caption(text(ada.get(HOME))) == "Personnes suivies, par priorité"
    expected = {
        "nom": "Personnes suivies, par nom",
        "activite": "Personnes suivies, par inactivité, la plus longue d'abord",
        "score": "Personnes suivies, par meilleure offre à proposer, la plus haute d'abord",
        "priorite": "Personnes suivies, par priorité",
        "n'importe quoi": "Personnes suivies, par priorité",  # ignored: the default order
    }
    for sort, said in expected.items():
        assert caption(text(ada.get(HOME, {"tri": sort}))) == said
