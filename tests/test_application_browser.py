"""In a real browser: Alice, on her phone, applies to an offer with a PDF; the employer, on a
desktop, moves her application to an interview then hires her; Alice follows each step."""

from datetime import timedelta

import pytest
from django.utils import timezone

from applications.models import Application, Status
from offers.rules import french_date
from tests.application_helpers import apply, media, pdf_bytes  # noqa: F401
from tests.conftest import assert_accessible, screenshot
from tests.factories import offer
from tests.helpers import alert_in_view, log_in

pytestmark = pytest.mark.browser


def test_apply_then_follow_the_interview_and_the_hire(phone, desktop, personas):
    published = offer(personas.acme, title="Cariste en chambre froide")

    # Alice finds the offer, logs in on the way, and lands on the form.
    phone.goto(f"/offres/{published.pk}/")
    phone.get_by_role("link", name="Postuler").click()
    log_in(phone, "alice@example.test", here=True)
    phone.get_by_role("heading", name="Postuler : Cariste en chambre froide").wait_for()
    assert_accessible(phone)
    phone.get_by_label("Votre message à l'employeur").fill("J'ai le CACES 3, disponible de suite.")
    phone.get_by_label("Envoyer un CV").check()
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
    log_in(desktop, "emma@acme.test")
    desktop.goto("/espace-employeur/")
    desktop.get_by_role("link", name="Candidatures reçues").click()
    desktop.get_by_label(f"Cocher la candidature de {personas.alice.get_full_name()}").check()
    desktop.get_by_label("Action").select_option("interview")
    desktop.get_by_role("button", name="Appliquer").click()
    desktop.get_by_text("Entretien proposé pour 1 candidature : la personne le voit").wait_for()
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


def test_on_a_phone_the_inbox_scrolls_and_a_refusal_without_reason_is_said_at_the_top(
    phone, personas
):
    published = offer(personas.acme, title="Préparateur de commandes en chambre froide (H/F)")
    application = apply(personas.alice, published)
    log_in(phone, "emma@acme.test")
    phone.goto("/espace-employeur/candidatures/")
    phone.get_by_role("heading", name="Candidatures reçues").wait_for()

    # The page itself does not scroll sideways: the table does, in its own region.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width} px wide"
    region = phone.get_by_role("region", name="Tableau des candidatures")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    state = phone.get_by_role("columnheader", name="État")
    state.scroll_into_view_if_needed()
    assert state.is_visible()
    assert_accessible(phone)

    # « Refuser » with no reason: the page reloads at its top, where the error now is.
    phone.get_by_role("link", name=personas.alice.get_full_name()).click()
    phone.get_by_role("button", name="Refuser").click()
    alert = alert_in_view(phone, "La candidature n'est pas encore refusée")
    screenshot(phone, "application-refuse-error")
    assert_accessible(phone)
    alert.get_by_role("link", name="la raison du refus").click()
    assert phone.evaluate("document.activeElement.id") == "id_reason"
    # Next to the field, the written message, not « Ce champ est obligatoire ».
    phone.get_by_text("Choisissez la raison du refus : la personne la verra.").wait_for()
    phone.get_by_label("Raison du refus").select_option("other")
    phone.get_by_role("button", name="Refuser").click()
    phone.get_by_text("sans raison précise (« Autre raison »)").wait_for()
    assert Application.objects.get(pk=application.pk).refusal_reason == "other"
