"""In a real browser: an employer signs up, creates an offer with the autocomplete and publishes
it; a visitor finds it by a misspelled word and near Orly."""

import re

import pytest

from offers.models import Offer, Status
from tests.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.browser


def test_employer_publishes_and_a_visitor_finds_the_offer(desktop, browser, live_server):
    page = desktop
    page.goto("/comptes/inscription/employeur/")
    page.get_by_label("Prénom").fill("Karim")
    page.get_by_label(re.compile(r"^Nom\b")).first.fill("Haddad")
    page.get_by_label("Adresse e-mail").fill("karim@frigo-rungis.test")
    page.get_by_label(re.compile(r"^Mot de passe\W*$")).fill("un-mot-de-passe-solide")
    page.get_by_label("Mot de passe, une deuxième fois").fill("un-mot-de-passe-solide")
    page.get_by_label("Nom de l'employeur").fill("Frigo Rungis")
    page.get_by_label("SIRET").fill("732 829 320 00074")
    page.get_by_label("Catégorie d'employeur").select_option("company")
    page.get_by_label("Commune de l'établissement").select_option("94065")
    page.get_by_role("button", name="Créer le compte").click()
    page.get_by_role("heading", name="Espace employeur").wait_for()

    page.goto("/espace-employeur/offres/nouvelle/")
    assert_accessible(page)
    page.get_by_label("Intitulé du poste").fill("Cariste en chambre froide H/F")
    trade = page.get_by_role("combobox", name=re.compile("^Métier"))
    trade.press_sequentially("cariste", delay=20)
    page.get_by_role("option", name="Cariste", exact=True).click()
    # Choosing the trade proposes its core skills as required skills.
    chips = page.locator("#required-skills .chip")
    chips.first.wait_for()
    assert chips.count() >= 3
    proposed = chips.count()
    chips.first.get_by_role("button").click()  # the employer removes one
    assert chips.count() == proposed - 1
    page.get_by_label("Description du poste").fill(
        "Réception et rangement des marchandises au froid positif, sur le MIN de Rungis."
    )
    page.get_by_label("Lieu de travail").select_option("94054")
    page.get_by_label("Type de contrat").select_option("CDI")
    screenshot(page, "offer-form")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("L'offre est créée (brouillon)").wait_for()
    page.get_by_role("button", name="Publier").click()
    page.get_by_text("L'offre est publiée.").wait_for()
    offer = Offer.objects.get(title="Cariste en chambre froide H/F")
    assert offer.status == Status.PUBLISHED
    assert offer.skill_links.filter(required=True).count() == proposed - 1

    visitor = browser.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    visitor.goto("/offres/")
    visitor.get_by_label("Métier, mot-clé").fill("carsite")
    visitor.get_by_label("Métier, mot-clé").press("Enter")
    visitor.get_by_role("link", name="Cariste en chambre froide H/F").wait_for()
    visitor.goto("/offres/")
    visitor.get_by_label("Près de").select_option("94054")
    visitor.get_by_label("Dans un rayon de").select_option("5")
    visitor.wait_for_url(re.compile(r"commune=94054.*rayon=5"))
    visitor.get_by_text("1 offre près d'Orly").wait_for()
    visitor.get_by_role("link", name="Cariste en chambre froide H/F").wait_for()
    assert_accessible(visitor)
    screenshot(visitor, "search-near-orly")
    visitor.get_by_role("link", name="Cariste en chambre froide H/F").click()
    visitor.get_by_role("heading", name="Cariste en chambre froide H/F").wait_for()
    assert_accessible(visitor)
    visitor.context.close()
