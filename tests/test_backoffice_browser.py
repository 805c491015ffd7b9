"""In a real browser: a visitor flags an offer from its page; staff find it in the moderation
queue and unpublish it with a reason, validate a structure, look at the reference data and
search for an account. Each page passes the accessibility scan."""

import pytest

from moderation.models import OfferFlag
from offers.models import Status
from tests.conftest import assert_accessible, screenshot
from tests.factories import StructureFactory, offer
from tests.helpers import log_in

pytestmark = pytest.mark.browser


def test_flag_then_moderate_in_the_back_office(desktop, personas):
    flagged = offer(personas.acme, title="Cariste — moins de 30 ans exigé")
    StructureFactory(name="Cap emploi 94", structure_kind="cap_emploi", validated_at=None)

    desktop.goto(f"/offres/{flagged.pk}/")
    desktop.get_by_text("Signaler cette offre").click()
    desktop.get_by_label("Critère discriminatoire (âge, origine, sexe…)").check()
    desktop.get_by_label("Précisions (facultatif)").fill("L'annonce exige moins de 30 ans.")
    assert_accessible(desktop)
    desktop.get_by_role("button", name="Envoyer le signalement").click()
    desktop.get_by_text("Merci : l'équipe du territoire va regarder cette offre.").wait_for()
    assert OfferFlag.objects.filter(offer=flagged, reason="discrimination").exists()

    log_in(desktop, "sam@territoire.test")
    desktop.get_by_role("heading", name="Espace de l'équipe du territoire").wait_for()
    desktop.get_by_role("link", name="Modération").click()
    desktop.get_by_role("heading", name="Offres signalées (1)").wait_for()
    assert_accessible(desktop)
    screenshot(desktop, "backoffice-moderation")
    desktop.get_by_label("Raison donnée à l'employeur").fill("L'âge n'est pas un critère.")
    desktop.get_by_role("button", name="Dépublier l'offre").click()
    desktop.get_by_text("est dépubliée ; l'employeur est prévenu.").wait_for()
    flagged.refresh_from_db()
    assert flagged.status == Status.DRAFT

    desktop.get_by_role("button", name="Valider").click()
    desktop.get_by_text("Cap emploi 94 est validée").wait_for()

    desktop.goto("/espace-equipe/referentiel/")
    desktop.get_by_role("cell", name="ROME 4.0 v460").first.wait_for()
    assert_accessible(desktop)
    screenshot(desktop, "backoffice-referentiel")

    desktop.goto("/espace-equipe/utilisateurs/")
    desktop.get_by_label("E-mail ou nom").fill("acme")
    desktop.get_by_role("button", name="Chercher").click()
    desktop.get_by_role("cell", name="emma@acme.test").wait_for()
    desktop.get_by_text("Pas de connexion à la place d'une personne.").wait_for()
    assert_accessible(desktop)
    screenshot(desktop, "backoffice-users")
