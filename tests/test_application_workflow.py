"""An application's life cycle: a state machine declared as data, with a log, that refuses
whatever its table does not allow (no "hire from any state")."""

from datetime import date

import pytest

from applications import services, workflow
from applications.models import Application, Status
from tests.application_helpers import apply, media  # noqa: F401
from tests.factories import offer


@pytest.fixture
def application(personas):
    return apply(personas.alice, offer(personas.acme))


def move(application, name, by, **kwargs):
    return services.application_transition(application=application, name=name, by=by, **kwargs)


def test_the_whole_path_to_a_hire_is_logged(personas, application):
    move(application, "see", personas.emma)
    move(application, "interview", personas.emma)
    hired = move(application, "hire", personas.emma, hired_start=date(2027, 1, 4))
    assert hired.status == Status.HIRED
    assert hired.hired_start == date(2027, 1, 4)
    assert hired.answered_at is not None
    steps = list(hired.transitions.values_list("name", "from_status", "to_status", "by__email"))
    assert steps == [
        ("create", "sent", "sent", "alice@example.test"),
        ("see", "sent", "seen", "emma@acme.test"),
        ("interview", "seen", "interview", "emma@acme.test"),
        ("hire", "interview", "hired", "emma@acme.test"),
    ]


@pytest.mark.parametrize(
    ("status", "name", "words"),
    [
        ("sent", "hire", "Proposez d'abord un entretien"),
        ("seen", "hire", "Proposez d'abord un entretien"),
        ("refused", "interview", "refusée"),
        ("hired", "refuse", "déjà acceptée"),
        ("withdrawn", "see", "retirée"),
        ("closed", "interview", "close"),
        ("seen", "see", "vue"),
    ],
)
def test_moves_from_the_wrong_state_are_refused_in_french(
    personas, application, status, name, words
):
    Application.objects.filter(pk=application.pk).update(
        status=status, refusal_reason="skills" if status == "refused" else ""
    )
    with pytest.raises(workflow.TransitionError, match=words):
        move(application, name, personas.emma, reason="skills", hired_start=date(2027, 1, 4))
    assert Application.objects.get(pk=application.pk).status == status
    assert not application.transitions.filter(name=name).exists()


def test_the_resident_may_only_withdraw_and_the_employer_may_not(personas, application):
    with pytest.raises(workflow.TransitionError, match="Seul l'employeur"):
        move(application, "interview", personas.alice)
    with pytest.raises(workflow.TransitionError, match="Seule la personne qui a postulé"):
        move(application, "withdraw", personas.emma)
    assert move(application, "withdraw", personas.alice).status == Status.WITHDRAWN


@pytest.mark.parametrize("outsider", ["frank", "bob", "ada", "sam"])
def test_nobody_else_moves_an_application(personas, application, outsider):
    with pytest.raises(workflow.TransitionError, match="ne vous concerne pas"):
        move(application, "see", getattr(personas, outsider))
    assert Application.objects.get(pk=application.pk).status == Status.SENT


def test_only_the_system_closes(personas, application):
    with pytest.raises(workflow.TransitionError, match="Seule la plateforme"):
        move(application, "close", personas.emma)
    assert move(application, "close", None).status == Status.CLOSED


def test_a_refusal_needs_a_reason_from_the_list(personas, application):
    for bad in ("", "parce que"):
        with pytest.raises(workflow.TransitionError, match="raison du refus"):
            move(application, "refuse", personas.emma, reason=bad)
    refused = move(application, "refuse", personas.emma, reason="distance")
    assert refused.status == Status.REFUSED and refused.refusal_reason == "distance"
    assert refused.transitions.last().reason == "Le lieu de travail est trop loin"


def test_a_hire_needs_its_start_date(personas, application):
    move(application, "interview", personas.emma)
    with pytest.raises(workflow.TransitionError, match="date de début"):
        move(application, "hire", personas.emma)
    assert Application.objects.get(pk=application.pk).status == Status.INTERVIEW


def test_seeing_is_not_answering_but_an_interview_is(personas, application):
    assert move(application, "see", personas.emma).answered_at is None
    assert move(application, "interview", personas.emma).answered_at is not None


def test_a_bulk_move_checks_each_and_reports_the_failures(personas):
    published = offer(personas.acme)
    first = apply(personas.alice, published)
    second = apply(personas.bob, published)
    move(second, "refuse", personas.emma, reason="skills")
    report = services.applications_move(
        applications=[first, second], name="interview", by=personas.emma
    )
    assert [a.pk for a in report.moved] == [first.pk]
    assert [a.pk for a, _ in report.failed] == [second.pk]
    assert "refusée" in report.failed[0][1]
    assert Application.objects.get(pk=first.pk).status == Status.INTERVIEW
    assert Application.objects.get(pk=second.pk).status == Status.REFUSED


def test_the_table_offers_each_person_only_their_moves():
    employer = {t.name for t in workflow.available("seen", workflow.Actor.EMPLOYER)}
    assert employer == {"interview", "refuse"}
    assert [t.name for t in workflow.available("interview", workflow.Actor.RESIDENT)] == [
        "withdraw"
    ]
    assert workflow.available("hired", workflow.Actor.EMPLOYER) == []


@pytest.mark.parametrize("name", workflow.BULK)
@pytest.mark.parametrize("reason", ["", "skills", "other"])
def test_every_bulk_move_says_what_happened_in_a_sentence(name, reason):
    for count, word in ((1, "1 candidature "), (2, "2 candidatures ")):
        done = workflow.done_message(name, reason=reason, count=count)
        assert done.endswith(".") and (done[0].isupper() or done[0].isdigit()), done
        assert word in done and "c'est fait" not in done.lower(), done
