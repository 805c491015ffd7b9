"""In a real browser, on a 375 px phone: the advisor's resident file and the employer's offers
table fit the screen, the page never scrolls sideways."""

import pytest

from tests.advisor_helpers import followed
from tests.conftest import assert_accessible, screenshot
from tests.factories import offer
from tests.helpers import log_in

pytestmark = pytest.mark.browser


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_residents_facts_wrap_on_a_phone(phone, personas):
    personas.mission.name = "Mission locale Orly-Choisy (démo)"
    personas.mission.save()
    profile = followed(personas.mission, first_name="Karima")
    log_in(phone, "ada@mission.test")
    phone.goto(f"/espace-conseiller/personnes/{profile.pk}/")
    label = phone.get_by_text("Suivi par Mission locale Orly-Choisy (démo) depuis")
    label.wait_for()
    screenshot(phone, "advisor-resident-phone")
    assert page_width(phone) <= 375
    value = label.locator("xpath=following-sibling::dd[1]").bounding_box()
    assert value["x"] + value["width"] <= 375 and value["width"] >= 100


def test_the_employers_offers_table_scrolls_alone_on_a_phone(phone, personas):
    for title in ("Préparateur de commandes en chambre froide (H/F)", "Cariste"):
        offer(personas.acme, title=title, commune_code="94081")
    offer(personas.acme, title="Agent d'entretien", publish=False)
    log_in(phone, "emma@acme.test")
    phone.goto("/espace-employeur/")
    phone.get_by_role("heading", name="Vos offres").wait_for()
    screenshot(phone, "employer-dashboard-phone")
    assert page_width(phone) <= 375
    assert phone.locator(".table-scroll table").count() == 1
    assert_accessible(phone)
