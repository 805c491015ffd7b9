"""In a real browser: Alice, on her phone, applies to an offer with a PDF; the employer, on a
desktop, moves her application to an interview then hires her; Alice follows each step."""

from datetime import timedelta

import pytest
from django.utils import timezone

from applications.models import Application, Status
from offers.rules import french_date
from tests.application_helpers import media, pdf_bytes  # noqa: F401
from tests.conftest import assert_accessible, screenshot
from tests.factories import PASSWORD, offer

pytestmark = pytest.mark.browser


def log_in(page, email: str) -> None:
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def test_apply_then_follow_the_interview_and_the_hire(phone, desktop, personas):
    published = offer(personas.acme, title="Cariste en chambre froide")

    # Alice finds the offer, logs in on the way, and lands on the form.
    phone.goto(f"/offres/{published.pk}/")
    phone.get_by_role("link", name="Postuler").click()
    log_in(phone, "alice@example.test")
    phone.get_by_role("heading", name="Postuler : Cariste en chambre froide").wait_for()
    assert_accessible(phone)
    phone.get_by_label("Votre message à l'employeur").fill("J'ai le CACES 3, disponible de suite.")
    phone.get_by_label("Envoyer un autre CV").check()
    phone.get_by_label("Fichier du CV").set_input_files(
        {"name": "cv-alice.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Alice")}
    )
    screenshot(phone, "application-apply")
    phone.get_by_role("button", name="Envoyer ma candidature").click()
    phone.get_by_role("heading", name="Votre candidature est envoyée").wait_for()
    application = Application.objects.get(offer=published, resident=personas.alice)
    assert application.cv_name == "cv-alice.pdf"

    phone.get_by_role("link", name="Suivre mes candidatures").click()
    phone.get_by_text("L'employeur ne l'a pas encore ouverte").wait_for()
    assert_accessible(phone)

    # The employer moves her to an interview from the inbox.
    desktop.goto("/comptes/connexion/")
    log_in(desktop, "emma@acme.test")
    desktop.goto("/espace-employeur/")
    desktop.get_by_role("link", name="Candidatures reçues").click()
    desktop.get_by_label(f"Cocher la candidature de {personas.alice.get_full_name()}").check()
    desktop.get_by_label("Action").select_option("interview")
    desktop.get_by_role("button", name="Appliquer").click()
    desktop.get_by_text("1 candidature : proposer un entretien, c'est fait.").wait_for()
    screenshot(desktop, "application-inbox")

    phone.reload()
    phone.get_by_text("L'employeur veut vous rencontrer").wait_for()

    # Then hires her from the application's page.
    desktop.get_by_role("link", name=personas.alice.get_full_name()).click()
    desktop.get_by_text("J'ai le CACES 3, disponible de suite.").wait_for()
    start = timezone.localdate() + timedelta(days=60)
    desktop.get_by_label("Date de début du contrat").fill(start.isoformat())
    desktop.get_by_role("button", name="Embaucher").click()
    desktop.get_by_text("La candidature est retenue : embauche enregistrée.").wait_for()
    assert Application.objects.get(pk=application.pk).status == Status.HIRED

    phone.reload()
    phone.get_by_text("Vous êtes embauché·e").wait_for()
    phone.get_by_text(f"Début du contrat : {french_date(start)}").wait_for()
    screenshot(phone, "application-hired")
    assert_accessible(phone)
