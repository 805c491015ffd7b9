"""In a real browser on a phone: a resident signs up, logs out and logs in again."""

import re

import pytest

from tests.conftest import assert_accessible, screenshot
from tests.factories import CommuneFactory

pytestmark = pytest.mark.browser


def test_resident_signs_up_on_a_phone(phone):
    phone.goto("/")
    assert_accessible(phone)
    phone.get_by_role("link", name="Je cherche un emploi").click()
    assert_accessible(phone)
    phone.get_by_label("Prénom").fill("Fatou")
    phone.get_by_label(re.compile(r"^Nom\b")).fill("Traoré")
    phone.get_by_label("Adresse e-mail").fill("fatou@example.test")
    phone.get_by_label(re.compile(r"^Mot de passe\W*$")).fill("un-mot-de-passe-solide")
    phone.get_by_label("Mot de passe, une deuxième fois").fill("autre-chose-encore")
    phone.get_by_role("button", name="Créer mon compte").click()
    # The mistake is explained, next to the field, and what was typed is kept.
    error = phone.locator("#id_password2_error")
    assert "ne sont pas identiques" in error.inner_text()
    assert phone.get_by_label("Prénom").input_value() == "Fatou"
    assert_accessible(phone)
    phone.get_by_label(re.compile(r"^Mot de passe\W*$")).fill("un-mot-de-passe-solide")
    phone.get_by_label("Mot de passe, une deuxième fois").fill("un-mot-de-passe-solide")
    phone.get_by_role("button", name="Créer mon compte").click()
    phone.get_by_role("heading", name="Bonjour Fatou").wait_for()
    screenshot(phone, "signup-resident-phone")

    phone.get_by_role("button", name="Se déconnecter").click()
    phone.get_by_role("link", name="Se connecter").first.click()
    assert_accessible(phone)
    phone.get_by_label("Adresse e-mail").fill("fatou@example.test")
    phone.get_by_label("Mot de passe").fill("un-mot-de-passe-solide")
    phone.get_by_role("button", name="Se connecter").click()
    phone.get_by_role("heading", name="Bonjour Fatou").wait_for()


def test_employer_signup_page_is_accessible(desktop):
    CommuneFactory()
    desktop.goto("/comptes/inscription/employeur/")
    assert_accessible(desktop)
    desktop.get_by_label("SIRET").fill("732 829 320 00075")
    desktop.get_by_role("button", name="Créer le compte").click()
    assert "Ce SIRET n'existe pas" in desktop.locator("#id_organisation-siret_error").inner_text()
    assert_accessible(desktop)
