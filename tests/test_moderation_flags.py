"""Moderation of offers: anyone flags a public offer from its page; staff see the flags in the
queue and dismiss them, or unpublish the offer with a reason that the employer receives."""

import pytest
from django.core import mail

from moderation.models import OfferFlag
from offers.models import OfferTransition, Status
from tests.application_helpers import eager  # noqa: F401
from tests.factories import offer
from tests.helpers import text

QUEUE = "/espace-equipe/moderation/"


@pytest.fixture
def flagged(personas):
    made = offer(personas.acme, title="Cariste — moins de 30 ans")
    OfferFlag.objects.create(offer=made, reason="discrimination", message="Critère d'âge.")
    OfferFlag.objects.create(offer=made, reason="other", by=personas.bob)
    return made


def test_the_offer_page_has_the_flag_form(personas, client):
    made = offer(personas.acme)
    page = text(client.get(f"/offres/{made.pk}/"))
    assert "Signaler cette offre" in page and "Critère discriminatoire" in page


def test_its_employer_does_not_see_the_form(personas, login):
    made = offer(personas.acme)
    assert "Signaler cette offre" not in text(login(personas.emma).get(f"/offres/{made.pk}/"))


def test_a_visitor_flags_an_offer_once(personas, client):
    made = offer(personas.acme)
    url = f"/offres/{made.pk}/signaler/"
    response = client.post(url, {"reason": "scam", "message": "On me demande de payer."})
    assert response.status_code == 302 and response["Location"] == f"/offres/{made.pk}/"
    flag = OfferFlag.objects.get(offer=made)
    assert (flag.reason, flag.message, flag.by) == ("scam", "On me demande de payer.", None)
    followed = text(client.get(response["Location"]))
    assert "Merci : l'équipe du territoire va regarder cette offre." in followed
    client.post(url, {"reason": "scam"})
    assert OfferFlag.objects.filter(offer=made).count() == 1


def test_a_signed_in_resident_flags_it_under_their_name(personas, login):
    made = offer(personas.acme)
    login(personas.alice).post(f"/offres/{made.pk}/signaler/", {"reason": "wrong"})
    assert OfferFlag.objects.get(offer=made).by == personas.alice


def test_a_flag_needs_a_reason_and_a_public_offer(personas, client):
    made = offer(personas.acme)
    client.post(f"/offres/{made.pk}/signaler/", {"message": "?"})
    assert not OfferFlag.objects.exists()
    draft = offer(personas.acme, publish=False)
    assert client.post(f"/offres/{draft.pk}/signaler/", {"reason": "scam"}).status_code == 404
    assert client.get(f"/offres/{made.pk}/signaler/").status_code == 405


def test_staff_see_the_flags_in_the_queue(flagged, personas, login):
    offer(personas.globex, title="Aide-soignant de nuit")  # never flagged: not in the queue
    page = text(login(personas.sam).get(QUEUE))
    assert "Aide-soignant de nuit" not in page
    assert "Offres signalées (1)" in page
    assert "Cariste — moins de 30 ans" in page and "2 signalements" in page
    assert "Critère discriminatoire" in page and "« Critère d'âge. »" in page


@pytest.mark.usefixtures("eager")
def test_unpublish_with_a_reason_tells_the_employer(
    flagged, personas, login, django_capture_on_commit_callbacks
):
    sam = login(personas.sam)
    reason = "L'âge ne peut pas être un critère d'embauche."
    with django_capture_on_commit_callbacks(execute=True):
        response = sam.post(f"{QUEUE}offres/{flagged.pk}/depublier/", {"reason": reason})
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert flagged.status == Status.DRAFT
    step = OfferTransition.objects.filter(offer=flagged).last()
    assert (step.name, step.by, step.reason) == ("unpublish", personas.sam, reason)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["emma@acme.test"]
    assert "dépubliée" in mail.outbox[0].subject and reason in mail.outbox[0].body
    flags = OfferFlag.objects.filter(offer=flagged)
    assert {(f.outcome, f.note, f.resolved_by) for f in flags} == {
        ("unpublished", reason, personas.sam)
    }
    assert "Offres signalées (0)" in text(sam.get(QUEUE))


def test_unpublish_needs_a_reason(flagged, personas, login):
    response = login(personas.sam).post(f"{QUEUE}offres/{flagged.pk}/depublier/", {"reason": ""})
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert flagged.status == Status.PUBLISHED
    assert not OfferFlag.objects.filter(resolved_at__isnull=False).exists()


def test_dismiss_keeps_the_offer(flagged, personas, login):
    sam = login(personas.sam)
    sam.post(f"{QUEUE}offres/{flagged.pk}/classer/")
    flagged.refresh_from_db()
    assert flagged.status == Status.PUBLISHED
    assert set(OfferFlag.objects.values_list("outcome", flat=True)) == {"dismissed"}
    assert not mail.outbox
    assert "Aucune offre signalée en attente." in text(sam.get(QUEUE))


def test_an_offer_no_longer_published_is_not_unpublished(flagged, personas, login):
    from offers import services

    services.offer_transition(offer=flagged, name="fill", by=personas.emma)
    sam = login(personas.sam)
    response = sam.post(f"{QUEUE}offres/{flagged.pk}/depublier/", {"reason": "x"}, follow=True)
    assert "Impossible de « dépublier » une offre pourvue." in text(response)
    assert OfferFlag.objects.filter(resolved_at__isnull=True).count() == 2


def test_the_queue_query_count_does_not_grow(
    flagged, personas, login, django_assert_max_num_queries
):
    for i in range(5):
        extra = offer(personas.globex, title=f"Autre {i}")
        OfferFlag.objects.create(offer=extra, reason="wrong")
    sam = login(personas.sam)
    sam.get(QUEUE)
    with django_assert_max_num_queries(12):
        sam.get(QUEUE)
