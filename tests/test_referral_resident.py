""" "Propositions de mon conseiller": the resident sees the proposals and accepts (the profile
goes to the employer) or declines; another resident's proposal is 404."""

from referrals.models import Status
from tests.advisor_helpers import followed, propose
from tests.factories import offer
from tests.helpers import text

MINE = "/mes-propositions/"


def test_the_resident_sees_and_accepts_a_proposal(personas, login):
    profile = followed(personas.mission)
    referral = propose(
        personas.ada, personas.mission, profile, offer(personas.acme, title="Cariste")
    )
    client = login(profile.user)
    page = text(client.get(MINE))
    assert "Propositions de mon conseiller" in page and "À répondre" in page
    assert "Cariste" in page and "Ce poste est fait pour vous." in page
    assert "Mission locale des Portes de l'Essonne" in page
    response = client.post(f"{MINE}{referral.pk}/accepter/", follow=True)
    assert "Vous avez accepté : votre profil est envoyé à Acme Logistique." in text(response)
    referral.refresh_from_db()
    assert referral.status == Status.SENT
    page = text(client.get(MINE))
    assert "À répondre" not in page and "Votre profil est chez l'employeur" in page


def test_the_resident_declines(personas, login):
    profile = followed(personas.mission)
    referral = propose(personas.ada, personas.mission, profile, offer(personas.acme))
    response = login(profile.user).post(f"{MINE}{referral.pk}/refuser/", follow=True)
    assert "Vous avez dit non à cette proposition : votre conseiller est prévenu." in text(response)
    referral.refresh_from_db()
    assert referral.status == Status.DECLINED and referral.sent_at is None


def test_answering_twice_says_why_not(personas, login):
    profile = followed(personas.mission)
    referral = propose(personas.ada, personas.mission, profile, offer(personas.acme))
    client = login(profile.user)
    client.post(f"{MINE}{referral.pk}/refuser/")
    page = text(client.post(f"{MINE}{referral.pk}/accepter/", follow=True))
    assert "n'est pas possible" in page
    referral.refresh_from_db()
    assert referral.status == Status.DECLINED


def test_an_offer_closed_meanwhile_cannot_be_accepted(personas, login):
    profile = followed(personas.mission)
    cariste = offer(personas.acme)
    referral = propose(personas.ada, personas.mission, profile, cariste)
    cariste.status = "closed"
    cariste.save()
    page = text(login(profile.user).post(f"{MINE}{referral.pk}/accepter/", follow=True))
    assert "n'est plus ouverte" in page
    referral.refresh_from_db()
    assert referral.status == Status.PROPOSED


def test_another_resident_gets_404(personas, login):
    profile = followed(personas.mission)
    referral = propose(personas.ada, personas.mission, profile, offer(personas.acme))
    client = login(personas.bob)
    assert referral.offer.title not in text(client.get(MINE))
    assert client.post(f"{MINE}{referral.pk}/accepter/").status_code == 404
    assert login(personas.emma).get(MINE).status_code == 404
    referral.refresh_from_db()
    assert referral.status == Status.PROPOSED
