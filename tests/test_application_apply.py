"""Applying to an offer: only residents, only published offers, once; the CV is copied; a bad
CV is refused without losing the message typed."""

import pytest

from applications import services
from applications.models import Application, Status
from referentiel.models import Commune, Qpv
from tests.application_helpers import (
    apply,
    docx_bytes,
    give_cv,
    media,  # noqa: F401
    odt_bytes,
    pdf_bytes,
    profile_of,
    upload,
)
from tests.factories import offer
from tests.helpers import text


def test_a_resident_applies_from_the_page_with_a_message(login, personas):
    published = offer(personas.acme)
    client = login(personas.alice)
    page = client.get(f"/offres/{published.pk}/postuler/")
    assert page.status_code == 200 and "Envoyer ma candidature" in text(page)
    response = client.post(
        f"/offres/{published.pk}/postuler/",
        {"message": "Je conduis des chariots depuis 3 ans.", "cv_choice": "none"},
    )
    application = Application.objects.get(offer=published, resident=personas.alice)
    assert response.status_code == 302
    assert response["Location"] == f"/mes-candidatures/{application.pk}/envoyee/"
    assert application.status == Status.SENT
    assert application.message == "Je conduis des chariots depuis 3 ans."
    assert not application.cv
    assert list(application.transitions.values_list("name", flat=True)) == ["create"]
    assert "Votre candidature est envoyée" in text(client.get(response["Location"]))


def test_the_profile_cv_is_copied_and_does_not_follow_later_changes(personas):
    profile = profile_of(personas.alice)
    give_cv(profile, pdf_bytes("Version 1"))
    application = apply(personas.alice, offer(personas.acme))
    assert application.cv and application.cv.name != profile.cv.name
    assert application.cv_name == "cv-profil.pdf"
    give_cv(profile, pdf_bytes("Version 2"))
    application.cv.open("rb")
    assert b"Version 1" in application.cv.read()


def test_another_cv_can_be_uploaded_from_the_page(login, personas):
    give_cv(profile_of(personas.alice))
    published = offer(personas.acme)
    client = login(personas.alice)
    page = text(client.get(f"/offres/{published.pk}/postuler/"))
    assert "Joindre le CV de mon profil (cv-profil.pdf)" in page
    content = docx_bytes()
    client.post(
        f"/offres/{published.pk}/postuler/",
        {"message": "", "cv_choice": "upload", "cv": upload("Mon CV 2026.docx", content)},
    )
    application = Application.objects.get(offer=published)
    assert application.cv_name == "Mon_CV_2026.docx"
    with application.cv.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cv.pdf", b"Ceci n'est pas un PDF, juste du texte."),
        ("cv.docx", b"PK\x03\x04 not really a zip"),
        ("cv.pdf", b"MZ\x90\x00 an executable"),
        ("cv.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024)),
    ],
)
def test_a_bad_cv_is_refused_and_the_message_is_kept(login, personas, name, content):
    published = offer(personas.acme)
    response = login(personas.alice).post(
        f"/offres/{published.pk}/postuler/",
        {"message": "Mon message à garder", "cv_choice": "upload", "cv": upload(name, content)},
    )
    page = text(response)
    assert response.status_code == 200
    assert "Mon message à garder</textarea>" in page
    assert "n'est pas un CV en PDF" in page or "trop lourd" in page
    assert not Application.objects.exists()


def test_an_odt_cv_is_accepted(personas):
    application = apply(personas.alice, offer(personas.acme), cv=upload("cv.odt", odt_bytes()))
    assert application.cv_name == "cv.odt"


def test_choosing_upload_without_a_file_says_so(login, personas):
    published = offer(personas.acme)
    response = login(personas.alice).post(
        f"/offres/{published.pk}/postuler/", {"message": "Bonjour", "cv_choice": "upload"}
    )
    assert "Choisissez le fichier de votre CV" in text(response)
    assert not Application.objects.exists()


def test_the_commune_and_qpv_are_copied_for_statistics(personas):
    villejuif = Commune.objects.get(pk="94076")
    qpv = Qpv.objects.get(code="QN09419M")
    profile_of(personas.alice, commune=villejuif, qpv=qpv, qpv_answer="qpv")
    application = apply(personas.alice, offer(personas.acme))
    assert application.resident_commune == villejuif
    assert application.resident_in_qpv is True
    assert apply(personas.bob, offer(personas.acme)).resident_in_qpv is False


def test_once_per_offer(login, personas):
    published = offer(personas.acme)
    apply(personas.alice, published)
    with pytest.raises(services.ApplicationError, match="déjà postulé"):
        apply(personas.alice, published, message="Encore moi")
    client = login(personas.alice)
    assert "Vous avez déjà postulé à cette offre" in text(
        client.get(f"/offres/{published.pk}/postuler/")
    )
    client.post(f"/offres/{published.pk}/postuler/", {"message": "Encore", "cv_choice": "none"})
    assert Application.objects.filter(offer=published).count() == 1
    assert Application.objects.get().message == "Bonjour, je suis disponible."


@pytest.mark.parametrize("who", ["emma", "frank", "ada", "sam"])
def test_only_residents_apply(login, personas, who):
    published = offer(personas.globex)
    user = getattr(personas, who)
    response = login(user).post(
        f"/offres/{published.pk}/postuler/", {"message": "x", "cv_choice": "none"}
    )
    assert response.status_code in {403, 404}
    with pytest.raises(services.ApplicationError, match="Seules les personnes"):
        apply(user, published)
    assert not Application.objects.exists()


@pytest.mark.parametrize("status", ["draft", "filled", "closed", "expired"])
def test_only_published_offers_take_applications(login, personas, status):
    target = offer(personas.acme)
    target.__class__.objects.filter(pk=target.pk).update(status=status)
    response = login(personas.alice).get(f"/offres/{target.pk}/postuler/")
    assert response.status_code == 404
    with pytest.raises(services.ApplicationError, match="plus ouverte"):
        apply(personas.alice, target)
    assert not Application.objects.exists()


def test_an_anonymous_visitor_logs_in_then_lands_on_the_form(client, personas):
    published = offer(personas.acme)
    assert "Postuler" in text(client.get(f"/offres/{published.pk}/"))
    response = client.get(f"/offres/{published.pk}/postuler/")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/connexion/?next=")
    assert f"/offres/{published.pk}/postuler/" in response["Location"].replace("%2F", "/")


@pytest.mark.parametrize(("who", "shown"), [("alice", True), ("frank", False), ("ada", False)])
def test_the_offer_page_shows_postuler_to_residents_only(login, personas, who, shown):
    published = offer(personas.acme)
    page = text(login(getattr(personas, who)).get(f"/offres/{published.pk}/"))
    assert (f"/offres/{published.pk}/postuler/" in page) is shown


def test_the_offer_page_says_when_one_already_applied(login, personas):
    published = offer(personas.acme)
    apply(personas.alice, published)
    page = text(login(personas.alice).get(f"/offres/{published.pk}/"))
    assert "Vous avez postulé le" in page
    assert f"/offres/{published.pk}/postuler/" not in page


def test_the_offer_page_says_when_the_application_was_withdrawn(login, personas):
    published = offer(personas.acme)
    services.application_transition(
        application=apply(personas.alice, published), name="withdraw", by=personas.alice
    )
    page = text(login(personas.alice).get(f"/offres/{published.pk}/"))
    assert "puis retiré votre candidature. Une seule candidature par offre est possible." in page


def test_without_a_cv_in_the_profile_the_choice_is_to_send_one(login, personas):
    published = offer(personas.acme)
    page = text(login(personas.alice).get(f"/offres/{published.pk}/postuler/"))
    assert "Envoyer un CV" in page and "Envoyer un autre CV" not in page
    give_cv(profile_of(personas.alice))
    page = text(login(personas.alice).get(f"/offres/{published.pk}/postuler/"))
    assert "Envoyer un autre CV" in page
