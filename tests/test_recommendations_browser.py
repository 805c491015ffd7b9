"""In a real browser, on a phone: a resident with a profile opens "Offres pour vous" and reads
the offers with their reasons and gaps, then the trainings that would open more of them."""

import pytest

from matching import runs
from matching.models import Training
from offers import services as offer_services
from referentiel.models import OccupationSkill
from tests.conftest import assert_accessible, screenshot
from tests.factories import offer, resident
from tests.helpers import log_in

pytestmark = pytest.mark.browser


def test_a_resident_reads_offers_for_them_and_the_trainings(phone, personas):
    core = list(
        OccupationSkill.objects.filter(occupation_id="N1101", core=True)
        .order_by("skill_id")
        .values_list("skill_id", flat=True)
    )
    offer(personas.acme, title="Cariste en chambre froide")
    for title, commune in (("Cariste Bac+2 Orly", "94054"), ("Cariste Bac+2 Rungis", "94065")):
        made = offer(personas.globex, title=title, commune_code=commune, level_id=5)
        offer_services.offer_save(offer=made, by=None, required_skills=core[:4])
    someone = resident(skills=[core[0], *core[4:]], level=0, contracts=["CDD"], max_commute=60)
    taught = Training.objects.create(
        title="Cariste : sécurité et chargement",
        provider="Institut Logistique Orly-Rungis (démo)",
        commune_id="94054",
        duration_hours=70,
        funding=Training.Funding.FRANCE_TRAVAIL,
        synthetic=True,
        next_starts=[],
    )
    taught.skills.set(core[1:4])
    runs.run_full()

    log_in(phone, someone.user.email)
    phone.goto("/offres-pour-vous/")
    phone.get_by_role("heading", name="Offres pour vous", level=1).wait_for()
    cards = phone.locator(".match-card")
    assert cards.count() == 3
    first = cards.first
    assert first.get_by_role("link").inner_text() == "Cariste en chambre froide"
    assert first.get_by_text("Même métier que celui que vous cherchez").is_visible()
    assert first.get_by_text("Très proche").is_visible()
    assert cards.nth(1).get_by_text("Il vous manque :").is_visible()
    block = phone.get_by_role("region", name="Les formations qui vous ouvrent le plus d'offres")
    block.get_by_role("heading", name="Cariste : sécurité et chargement").wait_for()
    assert block.get_by_text("Cette formation débloque 2 offres à moins de").is_visible()
    assert block.get_by_text("Données de démonstration").is_visible()
    assert_accessible(phone)
    screenshot(phone, "recommendations-phone")
