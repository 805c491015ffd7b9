"""Referrals in a resident's export, and what their erasure leaves of them."""

from referrals.models import Referral, Status
from referrals.services import referral_transition
from residents.privacy import account_erase, personal_data_export
from tests.advisor_helpers import follow, propose, sent
from tests.factories import offer, resident
from tests.test_personal_data import leftovers

FIRST, LAST, EMAIL = "Philomène", "Ravenscroft-Diallo", "philomene.rd@exemple.test"


def test_the_export_lists_the_referrals_proposed_to_the_resident(personas):
    profile = follow(resident(), personas.mission)
    propose(personas.ada, personas.mission, profile, offer(personas.acme), message="Pensez-y")
    data = personal_data_export(user=profile.user)
    [referral] = data["orientations"]
    assert referral["structure"] == personas.mission.name
    assert referral["message du conseiller"] == "Pensez-y"
    assert "ada@mission.test" not in str(data), "no advisor's e-mail address"


def test_erasure_keeps_the_referral_for_statistics_without_the_person(
    personas, django_capture_on_commit_callbacks
):
    profile = follow(resident(first_name=FIRST), personas.mission)
    person = profile.user
    person.last_name, person.email = LAST, EMAIL
    person.save()
    referral = sent(personas.ada, personas.mission, profile, offer(personas.acme))
    Referral.objects.filter(pk=referral.pk).update(message=f"{FIRST} {LAST} parle espagnol")
    # The resident declines another proposal with their own words, naming themselves.
    other = propose(personas.ada, personas.mission, profile, offer(personas.globex))
    referral_transition(
        referral=other, name="decline", by=person, reason=f"{FIRST} {LAST} est enceinte"
    )
    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=person, by=person)
    kept = Referral.objects.get(pk=referral.pk)
    assert kept.resident is None and kept.message == ""
    assert kept.status == Status.SENT and kept.structure == personas.mission
    assert leftovers(FIRST, LAST, EMAIL) == []
