"""The referral's life cycle: every transition, who may apply it, the refusals of the wrong
states, the delegation, the log, the e-mails after the commit (respecting the resident's
choice), and the proposals of an offer that closed."""

from datetime import date

import pytest
from django.core import mail

from offers import services as offer_services
from referrals import services, workflow
from referrals.models import Referral, ReferralTransition, Status
from referrals.services import ReferralError
from referrals.workflow import TransitionError
from residents.models import Profile
from tests.advisor_helpers import followed, propose, sent
from tests.application_helpers import apply, eager  # noqa: F401
from tests.factories import offer
from tests.helpers import text

pytestmark = pytest.mark.usefixtures("eager")


def move(referral, name, by, **kwargs):
    return services.referral_transition(referral=referral, name=name, by=by, **kwargs)


def log(referral) -> list[tuple[str, str, str]]:
    steps = ReferralTransition.objects.filter(referral=referral).select_related("by")
    return [(s.name, s.to_status, s.by.email if s.by else "plateforme") for s in steps]


def test_proposed_accepted_sent_interview_hired_is_logged(personas):
    profile = followed(personas.mission)
    cariste = offer(personas.acme, title="Cariste Orly")
    referral = propose(personas.ada, personas.mission, profile, cariste)
    assert referral.status == Status.PROPOSED and referral.sent_at is None
    referral = services.referral_accept(referral=referral, by=profile.user)
    assert referral.status == Status.SENT and referral.sent_at and referral.answered_at
    referral = move(referral, "interview", personas.emma)
    referral = move(referral, "hire", personas.emma, hired_start=date(2026, 3, 2))
    assert referral.status == Status.HIRED and referral.hired_start == date(2026, 3, 2)
    resident = profile.user.email
    assert log(referral) == [
        ("create", "proposed", "ada@mission.test"),
        ("accept", "accepted", resident),
        ("send", "sent", "plateforme"),
        ("interview", "interview", "emma@acme.test"),
        ("hire", "hired", "emma@acme.test"),
    ]


def test_declined_refused_and_cancelled(personas):
    cariste = offer(personas.acme)
    declined = propose(personas.ada, personas.mission, followed(personas.mission), cariste)
    move(declined, "decline", declined.resident, reason="Trop loin pour moi")
    assert Referral.objects.get(pk=declined.pk).status == Status.DECLINED
    refused = sent(personas.ada, personas.mission, followed(personas.mission), cariste)
    refused = move(refused, "refuse", personas.emma, reason="experience")
    assert refused.status == Status.REFUSED and refused.refusal_reason == "experience"
    cancelled = propose(personas.ada, personas.mission, followed(personas.mission), cariste)
    cancelled = move(cancelled, "cancel", personas.ada, reason="Offre déjà pourvue")
    assert cancelled.status == Status.CANCELLED
    assert log(cancelled)[-1] == ("cancel", "cancelled", "ada@mission.test")


@pytest.mark.parametrize(
    ("state", "name", "actor", "message"),
    [
        ("proposed", "interview", "emma", "cette orientation est proposée"),
        ("sent", "hire", "emma", "Proposez d'abord un entretien"),
        ("sent", "accept", "resident", "cette orientation est envoyée à l'employeur"),
        ("hired", "cancel", "ada", "terminée par une embauche"),
        ("proposed", "accept", "ada", "Seule la personne orientée peut"),
        ("proposed", "cancel", "resident", "Seule la structure qui a fait l'orientation peut"),
        ("sent", "interview", "ada", "Seul l'employeur de l'offre peut"),
        ("sent", "interview", "frank", "ne vous concerne pas"),
        ("sent", "interview", "alan", "ne vous concerne pas"),
        ("proposed", "send_direct", "ada", "n'a pas délégué l'envoi"),
    ],
)
def test_wrong_states_and_wrong_people_are_refused(personas, state, name, actor, message):
    profile = followed(personas.mission)
    referral = propose(personas.ada, personas.mission, profile, offer(personas.acme))
    if state != "proposed":
        referral = services.referral_accept(referral=referral, by=profile.user)
    if state == "hired":
        move(move(referral, "interview", personas.emma), "hire", personas.emma,
             hired_start=date(2026, 1, 5))  # fmt: skip
    by = profile.user if actor == "resident" else getattr(personas, actor)
    with pytest.raises(TransitionError, match=message):
        move(referral, name, by)
    assert Referral.objects.get(pk=referral.pk).status == state


def test_refusing_needs_a_reason_and_hiring_a_date(personas):
    referral = sent(
        personas.ada, personas.mission, followed(personas.mission), offer(personas.acme)
    )
    with pytest.raises(TransitionError, match="raison du refus"):
        move(referral, "refuse", personas.emma, reason="")
    move(referral, "interview", personas.emma)
    with pytest.raises(TransitionError, match="date de début"):
        move(referral, "hire", personas.emma)


def test_delegation_sends_directly_and_is_recorded(personas):
    profile = followed(personas.mission)
    delegation = services.delegation_set(
        structure=personas.mission, profile=profile, by=personas.ada, active=True
    )
    assert delegation.granted_by == personas.ada and delegation.granted_at
    referral = services.referral_propose(
        structure=personas.mission,
        by=personas.ada,
        profile=profile,
        offer=offer(personas.acme),
        direct=True,
    )
    assert referral.status == Status.SENT and referral.delegated
    assert [step[:2] for step in log(referral)] == [
        ("create", "proposed"),
        ("send_direct", "sent"),
    ]
    services.delegation_set(
        structure=personas.mission, profile=profile, by=personas.ada, active=False
    )
    with pytest.raises(ReferralError, match="n'a pas délégué"):
        services.referral_propose(
            structure=personas.mission,
            by=personas.ada,
            profile=profile,
            offer=offer(personas.acme, title="Autre"),
            direct=True,
        )


def test_proposals_that_cannot_be_made(personas):
    profile = followed(personas.mission)
    cariste = offer(personas.acme)
    propose(personas.ada, personas.mission, profile, cariste)
    with pytest.raises(ReferralError, match="déjà orienté"):
        propose(personas.ada, personas.mission, profile, cariste)
    with pytest.raises(ReferralError, match="pas suivi"):
        propose(personas.alan, personas.plie, profile, offer(personas.acme))
    with pytest.raises(ReferralError, match="Seuls les conseillers"):
        propose(personas.alan, personas.mission, profile, offer(personas.acme))
    draft = offer(personas.acme, publish=False)
    with pytest.raises(ReferralError, match="plus ouverte"):
        propose(personas.ada, personas.mission, profile, draft)
    applied = offer(personas.acme, title="Magasinier")
    apply(profile.user, applied)
    with pytest.raises(ReferralError, match="déjà postulé"):
        propose(personas.ada, personas.mission, profile, applied)


def test_emails_go_after_the_commit_to_the_right_people(
    personas, django_capture_on_commit_callbacks
):
    profile = followed(personas.mission)
    cariste = offer(personas.acme, title="Cariste de quai")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        referral = propose(personas.ada, personas.mission, profile, cariste)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    [proposal] = mail.outbox
    assert proposal.to == [profile.user.email]
    assert "Cariste de quai" in proposal.subject and "/mes-propositions/" in proposal.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_accept(referral=referral, by=profile.user)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["ada@mission.test", "emma@acme.test"]
    employer = next(m for m in mail.outbox if m.to == ["emma@acme.test"])
    assert "Mission locale des Portes de l'Essonne" in employer.subject
    assert f"/espace-employeur/orientations/{referral.pk}/" in employer.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move(referral, "interview", personas.emma)
    assert sorted(m.to[0] for m in mail.outbox) == ["ada@mission.test", profile.user.email]


def test_the_resident_who_turned_referral_emails_off_gets_none(
    personas, django_capture_on_commit_callbacks
):
    profile = followed(personas.mission)
    Profile.objects.filter(pk=profile.pk).update(notify_referrals=False)
    with django_capture_on_commit_callbacks(execute=True):
        referral = propose(personas.ada, personas.mission, profile, offer(personas.acme))
        services.referral_accept(referral=referral, by=profile.user)
        move(referral, "interview", personas.emma)
    assert profile.user.email not in {m.to[0] for m in mail.outbox}
    assert "emma@acme.test" in {m.to[0] for m in mail.outbox}


def test_a_proposal_is_cancelled_when_its_offer_closes(
    personas, django_capture_on_commit_callbacks
):
    cariste = offer(personas.acme)
    waiting = propose(personas.ada, personas.mission, followed(personas.mission), cariste)
    with_employer = sent(personas.ada, personas.mission, followed(personas.mission), cariste)
    with django_capture_on_commit_callbacks(execute=True):
        offer_services.offer_transition(offer=cariste, name="close", by=personas.emma)
    assert Referral.objects.get(pk=waiting.pk).status == Status.CANCELLED
    assert Referral.objects.get(pk=with_employer.pk).status == Status.SENT
    assert log(waiting)[-1] == ("cancel", "cancelled", "plateforme")


def test_the_workflow_table_has_no_accept_from_anywhere():
    assert workflow.TRANSITIONS["hire"].sources == frozenset({Status.INTERVIEW})
    assert workflow.TRANSITIONS["accept"].sources == frozenset({Status.PROPOSED})


def test_the_advisor_sends_a_referral_left_accepted_and_is_told_so(personas, login):
    """The platform sends an accepted referral at once; one left accepted (the send failed) is
    the advisor's to send, from the referral's page."""
    profile = followed(personas.mission)
    referral = propose(personas.ada, personas.mission, profile, offer(personas.acme))
    move(referral, "accept", profile.user)
    client = login(personas.ada)
    page = f"/espace-conseiller/orientations/{referral.pk}/"
    assert "Envoyer à l'employeur" in text(client.get(page))
    response = client.post(f"{page}send/", follow=True)
    assert "L'orientation est envoyée : l'employeur est prévenu par e-mail." in text(response)
    assert Referral.objects.get(pk=referral.pk).status == Status.SENT
