"""Full runs and incremental re-scores, on the real database."""

import pytest

from matching import runs
from matching.models import Dirty, Match, Run
from offers import services as offer_services
from referentiel.models import OccupationSkill
from tests.factories import offer, resident


@pytest.fixture
def territory(personas):
    return {
        "cariste_orly": offer(personas.acme, title="Cariste Orly"),
        "cariste_far": offer(personas.acme, title="Cariste Viry", commune_code="91687"),
        "soignant": offer(
            personas.globex, title="Aide-soignant", appellation_code="10891", commune_code="94076"
        ),
        "draft": offer(personas.acme, title="Cariste brouillon", publish=False),
    }


def listed(profile, run=None):
    run = run or Run.current()
    return list(
        Match.objects.filter(run=run, profile=profile, for_resident=True)
        .order_by("-score", "minutes")
        .values_list("offer__title", flat=True)
    )


def test_a_full_run_lists_the_right_offers(territory):
    near = resident(max_commute=45)
    patient = resident(max_commute=120)
    other_trade = resident(sought=("10891",))
    no_consent = resident(consent=False)
    run = runs.run_full()
    assert run.status == Run.Status.DONE and Run.current() == run
    assert listed(near) == ["Cariste Orly"]
    assert listed(patient) == ["Cariste Orly", "Cariste Viry"]
    assert "Aide-soignant" in listed(other_trade)
    assert listed(no_consent) == []
    assert not Match.objects.filter(offer=territory["draft"]).exists()
    best = Match.objects.get(run=run, profile=near, offer=territory["cariste_orly"])
    assert best.for_offer and best.score > 60
    assert best.minutes and best.minutes < 45
    assert len(best.components) == 6


def test_the_skill_gap_is_the_required_skills_missing_core_first(territory):
    core = list(
        OccupationSkill.objects.filter(occupation_id="N1101", core=True).values_list(
            "skill_id", flat=True
        )
    )
    learner = resident(skills=core[:2])
    run = runs.run_full()
    match = Match.objects.get(run=run, profile=learner, offer=territory["cariste_orly"])
    assert set(match.missing) == set(core[2:])
    assert match.missing_core == len(core) - 2
    assert match.required == len(core)


def test_readers_see_the_previous_run_until_the_new_one_is_finished(territory):
    someone = resident()
    first = runs.run_full()
    run, bounds = runs.run_start()
    runs.run_chunk(run_id=run.pk, first=bounds[0][0], last=bounds[-1][1])
    assert Run.current() == first, "an unfinished run is never shown"
    assert listed(someone) == ["Cariste Orly"]
    runs.run_finish(run_id=run.pk)
    assert Run.current() == run
    assert listed(someone) == ["Cariste Orly"]


def test_a_run_killed_midway_leaves_the_previous_visible_and_a_rerun_completes(territory):
    someone = resident()
    first = runs.run_full()
    broken, _bounds = runs.run_start()
    runs.run_fail(run_id=broken.pk, error="worker lost")
    assert Run.current() == first and listed(someone) == ["Cariste Orly"]
    again = runs.run_full()
    assert Run.current() == again and listed(someone, again) == ["Cariste Orly"]


def test_publishing_an_offer_adds_it_to_matching_residents(territory, personas):
    someone = resident()
    runs.run_full()
    fresh = offer(personas.globex, title="Cariste Rungis", commune_code="94065", publish=False)
    offer_services.offer_transition(offer=fresh, name="publish", by=personas.frank)
    runs.dirty_mark(Dirty.Kind.OFFER, [fresh.pk])
    runs.dirty_process()
    assert "Cariste Rungis" in listed(someone)
    assert not Dirty.objects.exists()
    offer_services.offer_transition(offer=fresh, name="fill", by=personas.frank)
    runs.dirty_mark(Dirty.Kind.OFFER, [fresh.pk])
    runs.dirty_process()
    assert "Cariste Rungis" not in listed(someone)


def test_a_profile_change_is_rescored(territory):
    someone = resident(max_commute=45)
    runs.run_full()
    assert listed(someone) == ["Cariste Orly"]
    someone.max_commute = 120
    someone.save()
    runs.dirty_mark(Dirty.Kind.PROFILE, [someone.pk])
    runs.dirty_process()
    assert listed(someone) == ["Cariste Orly", "Cariste Viry"]


def test_the_qpv_status_changes_no_score(territory):
    from referentiel.models import Qpv

    someone = resident(commune_code="94054")
    runs.run_full()
    before = dict(Match.objects.filter(profile=someone).values_list("offer_id", "score"))
    someone.qpv = Qpv.objects.filter(communes__code_insee="94054").first()
    someone.save()
    again = runs.run_full()
    after = dict(Match.objects.filter(run=again, profile=someone).values_list("offer_id", "score"))
    assert before and before == after


def test_figures_of_the_run(territory):
    resident()
    resident(sought=("10891",), commune_code="94076")
    run = runs.run_full()
    figures = run.figures
    assert figures["offers"] == 3
    assert figures["others"]["residents"] == 2
    assert 0 <= figures["exposure_gini"] <= 1


def test_a_run_without_any_published_offer_finishes_empty(personas):
    resident()
    offer(personas.acme, publish=False)
    run = runs.run_full()
    assert run.status == Run.Status.DONE and run.rows == 0


def test_a_run_without_any_resident_finishes_empty(territory):
    run = runs.run_full()
    assert run.status == Run.Status.DONE and run.rows == 0 and run.chunks_total == 0


def test_saving_an_offer_works_when_the_broker_is_down(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from matching import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(tasks.rescore_dirty, "apply_async", broker_down)
    someone = resident()
    runs.run_full()
    with django_capture_on_commit_callbacks(execute=True):
        fresh = offer(personas.globex, title="Cariste Rungis", commune_code="94065")
    assert fresh.status == "published"
    assert Dirty.objects.filter(kind="offer", object_id=fresh.pk).exists(), "kept for later"
    runs.dirty_process()  # what the periodic sweep does once the broker is back
    assert "Cariste Rungis" in listed(someone)


def test_a_new_offer_entering_a_full_list_pushes_the_last_one_out(personas):
    from matching.engine import TOP_K

    # Viry-Châtillon is some 40 minutes from Orly: within the hour, but scored below an offer
    # in Orly itself.
    someone = resident(max_commute=60)
    for n in range(TOP_K):
        offer(personas.acme, title=f"Cariste {n}", commune_code="91687")
    runs.run_full()
    assert len(listed(someone)) == TOP_K
    near = offer(personas.globex, title="Cariste tout près", commune_code="94054")
    runs.dirty_mark(Dirty.Kind.OFFER, [near.pk])
    runs.dirty_process()
    titles = listed(someone)
    assert len(titles) == TOP_K, "the list stays at its length"
    assert titles[0] == "Cariste tout près"


def test_a_chunk_delivered_twice_counts_once(territory):
    resident()
    run, bounds = runs.run_start()
    first, last = bounds[0]
    runs.run_chunk(run_id=run.pk, first=first, last=last)
    runs.run_chunk(run_id=run.pk, first=first, last=last)  # redelivered (acks_late)
    run.refresh_from_db()
    assert run.chunks_done == 1
    finished = runs.run_finish(run_id=run.pk)
    assert Match.objects.filter(run=finished, for_resident=True).count() == 1


def test_an_offer_rescored_at_the_end_of_a_full_list_keeps_its_place(personas):
    from matching.engine import TOP_K

    someone = resident(max_commute=60)
    same = [offer(personas.acme, title=f"Cariste {n}") for n in range(TOP_K + 3)]
    runs.run_full()
    last = (
        Match.objects.filter(run=Run.current(), profile=someone, for_resident=True)
        .order_by("score", "-offer_id")
        .first()
    )
    assert last.offer_id in {o.pk for o in same}
    runs.dirty_mark(Dirty.Kind.OFFER, [last.offer_id])  # the employer saved it, unchanged
    runs.dirty_process()
    assert len(listed(someone)) == TOP_K


def test_a_run_lost_before_its_chunks_were_sent_does_not_block_the_next(territory):
    from datetime import timedelta

    from django.utils import timezone

    resident()
    lost, _bounds = runs.run_start()
    Run.objects.filter(pk=lost.pk).update(started_at=timezone.now() - timedelta(minutes=10))
    lost.refresh_from_db()
    assert runs.run_lost(lost)
    lost.refresh_from_db()
    assert lost.status == Run.Status.FAILED
    sent, _bounds = runs.run_start()
    runs.run_dispatched(run_id=sent.pk)
    Run.objects.filter(pk=sent.pk).update(started_at=timezone.now() - timedelta(minutes=10))
    sent.refresh_from_db()
    assert not runs.run_lost(sent), "its chunks are with the workers"
