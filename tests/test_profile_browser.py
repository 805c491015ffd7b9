"""On a phone, a new resident signs up and fills the whole profile, step by step."""

import re

import pytest

from residents.models import Consent, Profile
from tests.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.browser


def small_pdf() -> bytes:
    """A real one-page PDF, built here so that the test needs no file."""
    stream = b"BT /F1 12 Tf 72 720 Td (CV de Fatou) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def save_and_continue(page, heading: str):
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_role("heading", name=heading, exact=True).wait_for()


def test_a_new_resident_fills_the_profile_on_a_phone(phone, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    phone.goto("/comptes/inscription/habitant/")
    phone.get_by_label("Prénom").fill("Fatou")
    phone.get_by_label(re.compile(r"^Nom\b")).fill("Traoré")
    phone.get_by_label("Adresse e-mail").fill("fatou@example.test")
    phone.get_by_label(re.compile(r"^Mot de passe\W*$")).fill("un-mot-de-passe-solide")
    phone.get_by_label("Mot de passe, une deuxième fois").fill("un-mot-de-passe-solide")
    phone.get_by_role("button", name="Créer mon compte").click()
    phone.get_by_role("heading", name="Bonjour Fatou").wait_for()
    assert phone.url.endswith("/mon-profil/")
    assert_accessible(phone)

    phone.get_by_role("link", name="Continuer : ma commune").click()
    phone.get_by_role("heading", name="Où habitez-vous ?").wait_for()
    assert_accessible(phone)
    phone.get_by_label("Votre commune").select_option(label="Vitry-sur-Seine (94)")
    save_and_continue(phone, "Votre quartier")

    assert_accessible(phone)
    assert phone.get_by_role("group", name="Autres quartiers du Val-de-Marne").is_visible()
    phone.get_by_label("Colonel Fabien").check()
    screenshot(phone, "profile-quartier-phone")
    save_and_continue(phone, "Votre diplôme")

    assert_accessible(phone)
    phone.get_by_role("radio", name=re.compile(r"^CAP, BEP")).check()
    save_and_continue(phone, "Les métiers que vous cherchez")

    assert_accessible(phone)
    box = phone.get_by_role("combobox", name="Les métiers que vous cherchez")
    box.press_sequentially("aide soignante", delay=20)
    phone.get_by_role("listbox").first.get_by_role("option").first.wait_for()
    box.press("ArrowDown")
    box.press("Enter")
    chips = phone.locator("[data-chips]").first
    assert chips.get_by_text("Aide-soignant / Aide-soignante", exact=True).is_visible()
    assert_accessible(phone)
    save_and_continue(phone, "Ce que vous savez faire")

    assert_accessible(phone)
    pain = phone.get_by_label("Evaluer la douleur des patients et ajuster les soins")
    assert pain.is_checked()  # pre-ticked from the job's fiche
    hygiene = phone.get_by_role("checkbox", name=re.compile(r"^Réaliser ou contrôler les soins"))
    hygiene.uncheck()
    screenshot(phone, "profile-competences-phone")
    save_and_continue(phone, "Permis et langues")

    assert_accessible(phone)
    phone.get_by_label("Permis B (voiture)").check()
    phone.get_by_label("Français").check()
    save_and_continue(phone, "Le travail que vous voulez")

    assert_accessible(phone)
    assert phone.get_by_text(re.compile(r"Avec 30 minutes, vous pouvez aller jusqu'à")).is_visible()
    phone.get_by_role("radio", name=re.compile(r"^45 minutes")).check()
    phone.get_by_label("CDI", exact=True).check()
    phone.get_by_label("Temps plein").check()
    screenshot(phone, "profile-preferences-phone")
    save_and_continue(phone, "Votre CV")

    assert_accessible(phone)
    phone.get_by_label("Votre CV").set_input_files(
        {"name": "cv-fatou.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}
    )
    save_and_continue(phone, "Votre profil est prêt")

    assert_accessible(phone)
    consent = phone.get_by_label("Oui, je veux recevoir des offres qui me correspondent")
    assert not consent.is_checked()  # opt-in
    consent.check()
    phone.get_by_role("button", name="Valider").click()
    phone.get_by_role("heading", name="Bonjour Fatou").wait_for()
    assert phone.get_by_text("8 étapes sur 8 remplies").is_visible()

    phone.get_by_role("link", name=re.compile("Mes accords")).click()
    phone.get_by_role("heading", name="Mes accords", exact=True).wait_for()
    assert phone.get_by_text(re.compile(r"Oui, depuis le")).first.is_visible()
    assert_accessible(phone)

    profile = Profile.objects.get(user__email="fatou@example.test")
    assert profile.commune_id == "94081" and profile.qpv_id == "QN09410M"
    assert profile.level == 3 and profile.permits == ["B"] and profile.languages == ["fr"]
    assert list(profile.sought.values_list("pk", flat=True)) == ["10891"]
    assert profile.skills.filter(pk="107747").exists()
    assert not profile.skills.filter(pk="107740").exists()
    assert (profile.max_commute, profile.contracts, profile.hours) == (45, ["CDI"], "full")
    assert profile.cv_name == "cv-fatou.pdf"
    assert profile.consents.filter(kind=Consent.Kind.MATCHING, revoked_at=None).exists()
