"""Referrals in Django's admin: staff may look, never add, edit or delete (the state machine is
the only way a referral moves), and the free text written about the person is not shown."""

from accounts.models import User
from referrals.models import Referral, ReferralTransition, Status
from referrals.services import referral_transition
from tests.advisor_helpers import followed, sent
from tests.factories import offer
from tests.helpers import text

ADMIN = "/admin/referrals/referral/"
MESSAGE = "MESSAGE-PRIVE : sort d'une cure, à ménager"
REASON = "RAISON-PRIVEE : a déménagé chez sa mère"


def setup(personas):
    profile = followed(personas.mission)
    referral = sent(personas.ada, personas.mission, profile, offer(personas.acme))
    Referral.objects.filter(pk=referral.pk).update(message=MESSAGE)
    return referral_transition(referral=referral, name="cancel", by=personas.ada, reason=REASON)


def test_staff_see_referrals_without_the_free_text(personas, login):
    referral = setup(personas)
    client = login(User.objects.create_superuser(email="root@territoire.test"))
    listing = client.get(ADMIN)
    assert listing.status_code == 200
    assert "Annulée" in text(listing) and personas.mission.name in text(listing)
    page = client.get(f"{ADMIN}{referral.pk}/change/")
    assert page.status_code == 200
    assert "Annulée" in text(page)
    for private in ("MESSAGE-PRIVE", "RAISON-PRIVEE"):
        assert private not in text(listing) and private not in text(page)


def test_staff_cannot_add_change_or_delete_a_referral_nor_its_log(personas, login):
    referral = setup(personas)
    client = login(User.objects.create_superuser(email="root@territoire.test"))
    page = client.get(f"{ADMIN}{referral.pk}/change/").content.decode()
    assert 'name="status"' not in page and 'name="_save"' not in page
    assert "Supprimer" not in text(client.get(f"{ADMIN}{referral.pk}/change/"))
    assert client.get(f"{ADMIN}add/").status_code == 403
    changed = client.post(
        f"{ADMIN}{referral.pk}/change/", {"status": Status.HIRED, "message": "changé"}
    )
    assert changed.status_code == 403
    assert client.post(f"{ADMIN}{referral.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = client.post(ADMIN, {"action": "delete_selected", "_selected_action": [referral.pk]})
    assert bulk.status_code in (200, 302, 403)
    kept = Referral.objects.get(pk=referral.pk)
    assert kept.status == Status.CANCELLED and kept.message == MESSAGE
    assert ReferralTransition.objects.filter(referral=referral).count() == 4
    assert client.get("/admin/referrals/referraltransition/").status_code == 404
