"""Consents: dated, revocable, with their history; the matcher hears of every change."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from residents import services
from residents.models import Consent
from residents.selectors import consents_state, has_consent, profile_of
from residents.signals import profile_changed
from tests.factories import StructureFactory
from tests.helpers import text

URL = "/mon-profil/consentements/"
MATCHING, VISIBILITY, FOLLOWUP = Consent.Kind.values


@pytest.fixture
def alice(personas, login):
    return login(personas.alice)


@pytest.fixture
def heard():
    """Every ``profile_changed`` sent, as the matcher would hear it."""
    calls = []

    def receiver(sender, profile_ids, **kwargs):
        calls.append(profile_ids)

    profile_changed.connect(receiver)
    yield calls
    profile_changed.disconnect(receiver)


def test_give_and_revoke_are_dated_and_giving_again_makes_a_new_row(personas):
    profile = profile_of(personas.alice)
    before = timezone.now()
    first = services.consent_give(profile=profile, kind=MATCHING, by=personas.alice)
    assert before <= first.given_at <= timezone.now() and first.given_by == personas.alice
    assert has_consent(profile, MATCHING)
    # Giving twice keeps the consent in force as it is.
    assert services.consent_give(profile=profile, kind=MATCHING, by=personas.alice) == first
    revoked = services.consent_revoke(profile=profile, kind=MATCHING, by=personas.alice)
    assert revoked == first and revoked.revoked_at >= revoked.given_at
    assert not has_consent(profile, MATCHING)
    assert services.consent_revoke(profile=profile, kind=MATCHING, by=personas.alice) is None
    second = services.consent_give(profile=profile, kind=MATCHING, by=personas.alice)
    assert second.pk != first.pk and second.revoked_at is None
    assert profile.consents.count() == 2


def test_the_page_gives_revokes_and_shows_the_history(personas, alice):
    page = text(alice.get(URL))
    assert "Recevoir des offres qui me correspondent" in page
    assert "Ils voient votre profil sans vos coordonnées, jusqu'à ce que vous postuliez." in page
    assert "Vous n'avez encore donné aucun accord." in page
    response = alice.post(URL, {"kind": "visibility", "action": "give"}, follow=True)
    today = timezone.localdate().strftime("%-d")
    assert "Les employeurs peuvent voir votre profil" in text(response)
    assert f"Oui, depuis le {today} " in text(response)
    alice.post(URL, {"kind": "visibility", "action": "revoke"})
    alice.post(URL, {"kind": "visibility", "action": "give"})
    profile = profile_of(personas.alice)
    assert has_consent(profile, VISIBILITY)
    history = text(alice.get(URL))
    history = history[history.index("Historique de mes accords") :]
    assert history.count("<tr><td>Être visible des employeurs") == 2
    assert history.count("En cours") == 1  # the first one shows its revocation date


def test_the_page_costs_the_same_queries_with_a_long_history(
    personas, alice, django_assert_max_num_queries
):
    profile = profile_of(personas.alice)
    services.consent_give(profile=profile, kind=FOLLOWUP, structure=personas.mission, by=None)
    with django_assert_max_num_queries(8):
        alice.get(URL)
    for structure in (personas.mission, personas.plie) * 3:
        services.consent_give(profile=profile, kind=FOLLOWUP, structure=structure, by=None)
        services.consent_revoke(profile=profile, kind=FOLLOWUP, structure=structure, by=None)
    services.consent_give(profile=profile, kind=FOLLOWUP, structure=personas.plie, by=None)
    with django_assert_max_num_queries(8):
        page = text(alice.get(URL))
    assert page.count("Être suivi par une structure d'accompagnement :") == 7


def test_consents_are_opt_in(personas, alice):
    assert consents_state(profile_of(personas.alice)) == {
        "matching": False,
        "visibility": False,
        "followup": [],
    }
    page = text(alice.get("/mon-profil/fin/"))
    assert 'name="matching"' in page and 'name="matching" checked' not in page
    assert "Votre quartier n'est jamais utilisé" in page
    alice.post("/mon-profil/fin/", {})
    assert not has_consent(profile_of(personas.alice), MATCHING)
    response = alice.post("/mon-profil/fin/", {"matching": "on"})
    assert response["Location"] == "/mon-profil/"
    assert has_consent(profile_of(personas.alice), MATCHING)


def test_follow_up_only_by_validated_active_structures(personas, alice):
    pending = StructureFactory(name="Structure en attente", validated_at=None)
    suspended = StructureFactory(name="Structure suspendue", suspended_at=timezone.now())
    page = text(alice.get(URL))
    assert personas.mission.name in page and personas.plie.name in page
    assert "Structure en attente" not in page and "Structure suspendue" not in page
    assert "Acme Logistique" not in page  # an employer is no structure
    for outsider in (pending, suspended, personas.acme):
        response = alice.post(URL, {"kind": "followup", "action": "give", "structure": outsider.pk})
        assert "Choisissez une structure dans la liste." in text(response)
    profile = profile_of(personas.alice)
    assert not profile.consents.exists()
    with pytest.raises(ValidationError):
        services.consent_give(profile=profile, kind=FOLLOWUP, structure=pending, by=None)
    with pytest.raises(ValidationError):
        services.consent_give(profile=profile, kind=FOLLOWUP, by=None)


def test_several_structures_can_follow_and_each_can_be_stopped(personas, alice):
    for structure in (personas.mission, personas.plie):
        alice.post(URL, {"kind": "followup", "action": "give", "structure": structure.pk})
    profile = profile_of(personas.alice)
    assert consents_state(profile)["followup"] == sorted([personas.mission.pk, personas.plie.pk])
    assert f"Arrêter le suivi par {personas.plie.name}" in text(alice.get(URL))
    alice.post(URL, {"kind": "followup", "action": "revoke", "structure": personas.plie.pk})
    assert has_consent(profile, FOLLOWUP, personas.mission)
    assert not has_consent(profile, FOLLOWUP, personas.plie)
    assert "Choisissez une structure dans la liste." in text(
        alice.post(URL, {"kind": "followup", "action": "give"})
    )


def test_profile_changed_is_sent_after_commit(personas, heard, django_capture_on_commit_callbacks):
    profile = profile_of(personas.alice)
    with django_capture_on_commit_callbacks() as callbacks:
        services.consent_give(profile=profile, kind=MATCHING, by=personas.alice)
        assert heard == []  # nothing before the transaction commits
    assert len(callbacks) == 1
    callbacks[0]()
    assert heard == [[profile.pk]]
    with django_capture_on_commit_callbacks(execute=True):
        services.consent_revoke(profile=profile, kind=MATCHING, by=personas.alice)
        services.profile_update(profile=profile, by=personas.alice, permits=["B"])
    assert heard == [[profile.pk]] * 3


def test_changes_the_matcher_ignores_are_not_announced(
    personas, alice, heard, django_capture_on_commit_callbacks
):
    profile = profile_of(personas.alice)
    with django_capture_on_commit_callbacks(execute=True):
        services.profile_update(profile=profile, by=personas.alice, notify_offers=True)
        alice.post("/mon-profil/commune/", {"commune": "94081"})
    assert heard == [[profile.pk]]  # the commune only
    with django_capture_on_commit_callbacks(execute=True):
        alice.post("/mon-profil/quartier/", {"quartier": "QN09410M"})  # never a score input
        alice.post("/mon-profil/commune/", {"commune": "94081"})  # unchanged
    assert heard == [[profile.pk]]


def test_e_mail_choices_are_saved(personas, alice):
    response = alice.post(
        "/mon-profil/e-mails/", {"emails-notify_offers": "on", "emails-notify_referrals": "on"}
    )
    assert response["Location"] == URL
    profile = profile_of(personas.alice)
    assert (profile.notify_applications, profile.notify_referrals, profile.notify_offers) == (
        False,
        True,
        True,
    )
    assert "Les nouvelles offres qui me correspondent" in text(alice.get(URL))


@pytest.mark.parametrize("persona", ["emma", "ada", "sam"])
def test_only_residents_have_consents(personas, login, persona):
    client = login(getattr(personas, persona))
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"kind": "matching", "action": "give"}).status_code == 404
    assert not Consent.objects.exists()
