"""A referral cancelled after it reached the employer: the employer learns that the candidacy is
withdrawn (page and e-mail), never the reason the advisor wrote for the structure and the
person."""

import pytest
from django.core import mail

from tests.advisor_helpers import followed, plain, propose, sent
from tests.application_helpers import eager  # noqa: F401
from tests.factories import offer

pytestmark = pytest.mark.usefixtures("eager")

REASON = "Elle est hospitalisée et ne peut pas travailler pour l'instant"
INBOX = "/espace-employeur/candidatures/"


def cancel(client, referral, reason=REASON):
    return client.post(
        f"/espace-conseiller/orientations/{referral.pk}/cancel/", {"reason": reason}, follow=True
    )


def test_the_employer_sees_the_referral_cancelled_without_the_reason(
    personas, login, django_capture_on_commit_callbacks
):
    profile = followed(personas.mission, first_name="Yasmine")
    referral = sent(personas.ada, personas.mission, profile, offer(personas.acme, title="Cariste"))
    with django_capture_on_commit_callbacks(execute=True):
        page = plain(cancel(login(personas.ada), referral))
    assert "L'orientation est annulée. Si l'employeur l'avait reçue, il est prévenu" in page
    assert "C'est fait" not in page
    employer = login(personas.emma)
    page = plain(employer.get(f"/espace-employeur/orientations/{referral.pk}/"))
    assert "État : Annulée" in page and "envoyée à l'employeur → annulée" in page
    assert REASON not in page and "hospitalisée" not in page
    inbox = plain(employer.get(INBOX))
    assert "Annulée" in inbox and "hospitalisée" not in inbox
    # The structure keeps its reason on its own page.
    advisor_page = plain(login(personas.ada).get(f"/espace-conseiller/orientations/{referral.pk}/"))
    assert REASON in advisor_page


def test_the_employer_gets_an_email_that_the_candidacy_is_withdrawn(
    personas, login, django_capture_on_commit_callbacks
):
    profile = followed(personas.mission, first_name="Yasmine")
    cariste = offer(personas.acme, title="Cariste de quai")
    referral = sent(personas.ada, personas.mission, profile, cariste)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        cancel(login(personas.ada), referral)
    assert mail.outbox == [], "nothing leaves before the commit"
    for callback in callbacks:
        callback()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["emma@acme.test", profile.user.email]  # not frank@globex, not ada
    [withdrawn] = [m for m in mail.outbox if m.to == ["emma@acme.test"]]
    assert "Candidature retirée" in withdrawn.subject and "Cariste de quai" in withdrawn.subject
    assert "est retirée" in withdrawn.body and profile.user.get_full_name() in withdrawn.body
    assert "Mission locale des Portes de l'Essonne a annulé cette orientation" in withdrawn.body
    assert f"/espace-employeur/orientations/{referral.pk}/" in withdrawn.body
    assert "hospitalisée" not in withdrawn.body and "hospitalisée" not in withdrawn.subject
    # The resident, who is told, still reads the advisor's reason.
    [to_resident] = [m for m in mail.outbox if m.to == [profile.user.email]]
    assert REASON in to_resident.body


def test_a_proposal_cancelled_before_reaching_the_employer_tells_them_nothing(
    personas, login, django_capture_on_commit_callbacks
):
    profile = followed(personas.mission)
    referral = propose(personas.ada, personas.mission, profile, offer(personas.acme))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel(login(personas.ada), referral)
    assert "emma@acme.test" not in {m.to[0] for m in mail.outbox}


def test_the_cancel_form_says_what_the_employer_learns_and_promises_no_email(personas, login):
    profile = followed(personas.mission)
    referral = propose(personas.ada, personas.mission, profile, offer(personas.acme))
    page = plain(login(personas.ada).get(f"/espace-conseiller/orientations/{referral.pk}/"))
    assert (
        "Si la candidature était déjà chez l'employeur, il apprend seulement qu'elle est "
        "retirée, sans cette raison." in page
    )
    # The person is written to only if they keep the e-mails of their advisor on.
    assert "reçoit un e-mail" not in page
