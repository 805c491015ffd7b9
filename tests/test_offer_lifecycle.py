"""An offer's life cycle: an explicit state machine with a log, and automatic expiry."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from offers import services, workflow
from offers.models import Offer, OfferSkill, Status
from referentiel.models import OccupationSkill
from tests.application_helpers import eager, media  # noqa: F401
from tests.factories import offer
from tests.helpers import text

# E-mails leave through a Celery task after the commit: run it at once.
pytestmark = pytest.mark.usefixtures("eager")


def test_a_new_offer_is_a_draft_asking_the_core_skills_of_its_trade(personas):
    draft = offer(personas.acme, publish=False)
    assert draft.status == Status.DRAFT
    assert draft.occupation_id == "N1101"
    core = set(
        OccupationSkill.objects.filter(occupation_id="N1101", core=True).values_list(
            "skill_id", flat=True
        )
    )
    asked = set(
        OfferSkill.objects.filter(offer=draft, required=True).values_list("skill_id", flat=True)
    )
    assert core and asked == core


def test_publish_fill_and_the_log(personas):
    draft = offer(personas.acme, publish=False)
    published = services.offer_transition(offer=draft, name="publish", by=personas.emma)
    assert published.status == Status.PUBLISHED and published.published_at
    filled = services.offer_transition(offer=published, name="fill", by=personas.emma)
    assert filled.status == Status.FILLED and filled.ended_at
    steps = list(filled.transitions.values_list("name", "from_status", "to_status", "by__email"))
    assert steps == [
        ("create", "draft", "draft", None),
        ("publish", "draft", "published", "emma@acme.test"),
        ("fill", "published", "filled", "emma@acme.test"),
    ]


@pytest.mark.parametrize(
    ("status", "name"), [("draft", "fill"), ("filled", "publish"), ("filled", "close")]
)
def test_transitions_from_the_wrong_state_are_refused(personas, status, name):
    draft = offer(personas.acme, publish=False)
    Offer.objects.filter(pk=draft.pk).update(status=status)
    with pytest.raises(workflow.TransitionError):
        services.offer_transition(offer=draft, name=name, by=personas.emma)
    assert Offer.objects.get(pk=draft.pk).status == status


def test_staff_unpublish_needs_a_reason_and_tells_the_employer(
    personas, django_capture_on_commit_callbacks
):
    published = offer(personas.acme)
    with pytest.raises(workflow.TransitionError, match="raison"):
        services.offer_transition(offer=published, name="unpublish", by=personas.sam, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_transition(
            offer=published,
            name="unpublish",
            by=personas.sam,
            reason="Salaire sous le minimum légal",
        )
    assert Offer.objects.get(pk=published.pk).status == Status.DRAFT
    assert mail.outbox[-1].to == ["emma@acme.test"]
    assert "Salaire sous le minimum légal" in mail.outbox[-1].body


def test_a_suspended_employer_cannot_publish(personas):
    from accounts.services import organisation_suspend

    draft = offer(personas.acme, publish=False)
    organisation_suspend(organisation=personas.acme, suspended=True)
    with pytest.raises(workflow.TransitionError, match="suspendue"):
        services.offer_transition(offer=draft, name="publish", by=personas.emma)


def age(item, days):
    Offer.objects.filter(pk=item.pk).update(updated_at=timezone.now() - timedelta(days=days))


def test_stale_offers_are_warned_then_expired(personas, django_capture_on_commit_callbacks):
    fresh, stale = offer(personas.acme), offer(personas.acme, title="Magasinier (H/F)")
    age(stale, 54)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.offers_expire_stale()
    assert report == {"warned": 1, "expired": 0}
    assert "Magasinier" in mail.outbox[-1].subject
    assert services.offers_expire_stale() == {"warned": 0, "expired": 0}, "warned only once"
    # Seven days later, without news from the employer, it expires; the fresh one stays.
    later = timezone.now() + timedelta(days=7)
    assert services.offers_expire_stale(now=later) == {"warned": 0, "expired": 1}
    assert Offer.objects.get(pk=stale.pk).status == Status.EXPIRED
    assert Offer.objects.get(pk=fresh.pk).status == Status.PUBLISHED
    assert Offer.objects.get(pk=stale.pk).transitions.last().by is None


def test_an_offer_is_never_expired_without_a_warning(personas):
    stale = offer(personas.acme)
    age(stale, 90)
    assert services.offers_expire_stale() == {"warned": 1, "expired": 0}
    assert Offer.objects.get(pk=stale.pk).status == Status.PUBLISHED


def test_confirming_keeps_the_offer_open(personas):
    stale = offer(personas.acme)
    age(stale, 54)
    services.offers_expire_stale()
    services.offer_confirm(offer=Offer.objects.get(pk=stale.pk), by=personas.emma)
    later = timezone.now() + timedelta(days=8)
    assert services.offers_expire_stale(now=later)["expired"] == 0
    assert Offer.objects.get(pk=stale.pk).status == Status.PUBLISHED


@pytest.mark.parametrize("status", ["draft", "closed", "filled", "expired"])
def test_only_a_published_offer_can_be_confirmed(personas, login, status):
    item = offer(personas.acme, publish=False)
    warned = timezone.now() - timedelta(days=3)
    long_ago = timezone.now() - timedelta(days=54)
    Offer.objects.filter(pk=item.pk).update(
        status=status, expiry_warned_at=warned, updated_at=long_ago
    )
    response = login(personas.emma).post(
        f"/espace-employeur/offres/{item.pk}/confirm/", follow=True
    )
    assert response.status_code == 200
    page = text(response)
    assert "il n'y a rien à confirmer" in page and "l'offre reste en ligne" not in page
    after = Offer.objects.get(pk=item.pk)
    assert (after.status, after.expiry_warned_at, after.updated_at) == (status, warned, long_ago)
    assert not after.transitions.filter(name="confirm").exists()


def test_the_employer_confirms_a_published_offer_from_its_page(personas, login):
    item = offer(personas.acme)
    Offer.objects.filter(pk=item.pk).update(
        expiry_warned_at=timezone.now(), updated_at=timezone.now() - timedelta(days=54)
    )
    response = login(personas.emma).post(
        f"/espace-employeur/offres/{item.pk}/confirm/", follow=True
    )
    assert "Merci : l'offre reste en ligne." in text(response)
    after = Offer.objects.get(pk=item.pk)
    assert after.status == Status.PUBLISHED and after.expiry_warned_at is None
    assert after.updated_at > timezone.now() - timedelta(minutes=1)
    assert after.transitions.filter(name="confirm", by=personas.emma).exists()
