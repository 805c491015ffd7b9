"""Full runs, split in chunks that any worker can take, and incremental re-scores.

A full run: ``run_start`` creates the run and its chunks (ranges of profile ids); each
``run_chunk`` scores its residents against every published offer and writes, in one
transaction, the residents' final lists and the offers' partial lists; ``run_finish`` keeps
each offer's best residents across chunks, computes the run's figures and makes it current in
one transaction. Until then readers keep seeing the previous run, whole.

Incremental: ``rescore_offers`` and ``rescore_profiles`` replace, inside the current run, the
rows of the offers or profiles that changed (``Dirty``), reading only the people and offers
concerned.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from django.db import connection, transaction
from django.utils import timezone
from threadpoolctl import threadpool_limits

from matching import data, store
from matching.engine import TOP_K, Rescored, context, match, rescore_offer, rescore_resident
from matching.models import Dirty, Match, Run
from matching.report import run_figures

logger = logging.getLogger(__name__)
CHUNK = 8192


def run_start(*, by=None, chunk: int | None = None) -> tuple[Run, list[tuple[int, int]]]:
    """Create a run and its chunks: (first, last) profile ids, ``chunk`` residents each."""
    chunk = chunk or CHUNK
    ids = data.resident_ids()
    bounds = [(ids[i], ids[min(i + chunk, len(ids)) - 1]) for i in range(0, len(ids), chunk)]
    run = Run.objects.create(started_by=by, chunks_total=len(bounds), residents=len(ids))
    return run, bounds


def _minutes(ref, residents_, offers_, resident_pos, offer_pos) -> np.ndarray:
    return (
        ref.geography.minutes[residents_.commune[resident_pos], offers_.commune[offer_pos]]
        .round()
        .astype(np.int64)
    )


def _side_rows(side, *, rows_are_residents: bool):
    n, k = side.index.shape
    flat = np.flatnonzero(side.index.ravel() >= 0)
    row, other = flat // k, side.index.ravel()[flat]
    res, off = (row, other) if rows_are_residents else (other, row)
    counts = side.gaps.ptr[flat + 1] - side.gaps.ptr[flat]
    take = np.repeat(side.gaps.ptr[flat], counts) + store.ranks(counts)
    return (
        res,
        off,
        side.score.ravel()[flat],
        side.components.reshape(n * k, side.components.shape[-1])[flat],
        side.required.ravel()[flat],
        counts,
        side.gaps.skills[take],
        side.gaps.core[take],
    )


def result_rows(ref, result, residents_, offers_, profile_ids, offer_ids) -> store.Rows:
    """Both sides of a match result as rows; a pair in both lists is one row with two flags."""
    parts = [
        _side_rows(result.by_resident, rows_are_residents=True),
        _side_rows(result.by_offer, rows_are_residents=False),
    ]
    res = np.concatenate([p[0] for p in parts])
    off = np.concatenate([p[1] for p in parts])
    n_first = len(parts[0][0])
    key = res * (len(offer_ids) + 1) + off
    keys, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    for_resident = np.zeros(len(keys), bool)
    for_offer = np.zeros(len(keys), bool)
    for_resident[inverse[:n_first]] = True
    for_offer[inverse[n_first:]] = True
    counts_all = np.concatenate([p[5] for p in parts])
    skills_all = np.concatenate([p[6] for p in parts])
    core_all = np.concatenate([p[7] for p in parts])
    starts = np.concatenate([[0], np.cumsum(counts_all)])
    counts = counts_all[first]
    take = np.repeat(starts[first], counts) + store.ranks(counts)
    core_counts = _group_sums(core_all[take], counts)
    res, off = res[first], off[first]
    return store.Rows(
        profile=profile_ids[res],
        offer=offer_ids[off],
        score=np.concatenate([p[2] for p in parts])[first],
        components=np.concatenate([p[3] for p in parts])[first],
        required=np.concatenate([p[4] for p in parts])[first],
        counts=counts,
        skills=skills_all[take],
        core=core_counts,
        minutes=_minutes(ref, residents_, offers_, res, off),
        for_resident=for_resident,
        for_offer=for_offer,
    )


def _group_sums(values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    groups = np.repeat(np.arange(len(counts)), counts)
    return np.bincount(groups, weights=values.astype(np.float64), minlength=len(counts)).astype(
        np.int64
    )


def run_chunk(*, run_id: int, first: int, last: int) -> int:
    """Score the residents with profile ids in [first, last]; write their rows.

    Idempotent: a chunk delivered twice (``acks_late``) replaces its own rows and counts once.
    """
    run = Run.objects.get(pk=run_id)
    if run.status != Run.Status.RUNNING:
        return 0
    ref = data.reference()
    residents_, r_ids, r_permits = data.residents(ref, between=(first, last))
    offers_, o_ids, o_permits = data.offers(ref)
    residents_, offers_ = data.with_permits(residents_, r_permits, offers_, o_permits)
    started = time.perf_counter()
    with threadpool_limits(1):
        result = match(residents_, offers_, ref.graph, ref.geography, k=TOP_K)
    rows = result_rows(ref, result, residents_, offers_, r_ids, o_ids)
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Chunks write side by side; only a second delivery of this one waits for it.
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [run_id, first])
        Match.objects.filter(run_id=run_id, profile_id__gte=first, profile_id__lte=last).delete()
        with connection.cursor() as cursor:
            written = store.write(cursor, run_id, ref.skills, rows)
        # The run's counters last, so that its row is locked only for this short update.
        run = Run.objects.select_for_update().get(pk=run_id)
        done = run.figures.setdefault("chunks", [])
        if first not in done:
            done.append(first)
            run.chunks_done += 1
            run.candidate_pairs += result.candidate_pairs
            run.valid_pairs += result.valid_pairs
            run.seconds += time.perf_counter() - started
        run.offers = len(o_ids)
        run.save(
            update_fields=[
                "figures",
                "chunks_done",
                "candidate_pairs",
                "valid_pairs",
                "seconds",
                "offers",
            ]
        )
    return written


TRIM_OFFER_LISTS = """
UPDATE matching_match m SET for_offer = false
  FROM (SELECT id, row_number() OVER (PARTITION BY offer_id ORDER BY score DESC, profile_id) AS rank
          FROM matching_match WHERE run_id = %s AND for_offer) ranked
 WHERE m.id = ranked.id AND ranked.rank > %s
"""


def run_finish(*, run_id: int) -> Run:
    """Keep each offer's best residents across chunks; make the run current."""
    with transaction.atomic():
        run = Run.objects.select_for_update().get(pk=run_id)
        if run.status != Run.Status.RUNNING:
            return run
        with connection.cursor() as cursor:
            cursor.execute(TRIM_OFFER_LISTS, [run.pk, TOP_K])
        Match.objects.filter(run=run, for_resident=False, for_offer=False).delete()
        run.rows = Match.objects.filter(run=run).count()
        run.figures = run_figures(run)  # the chunks' bookkeeping is no longer needed
        run.status = Run.Status.DONE
        run.finished_at = timezone.now()
        run.save()
    # Changes made while the run was computing are re-scored into it.
    Dirty.objects.filter(changed_at__gte=run.started_at).update(changed_at=timezone.now())
    return run


# A run whose chunks were not sent this long after it started was lost with its worker.
DISPATCH_GRACE = timedelta(minutes=5)


def run_dispatched(*, run_id: int) -> None:
    """Record that the run's chunks are with the broker (``run_lost`` tells the other case)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE matching_run SET figures = figures || '{\"dispatched\": true}'::jsonb"
            " WHERE id = %s",
            [run_id],
        )


def run_lost(run: Run, *, now=None) -> bool:
    """True, after marking it failed, for a running run whose chunks were never sent."""
    now = now or timezone.now()
    if run.figures.get("dispatched") or run.chunks_done or run.started_at > now - DISPATCH_GRACE:
        return False
    run_fail(run_id=run.pk, error="Calcul perdu avant l'envoi de ses morceaux ; relancé.")
    return True


def run_fail(*, run_id: int, error: str) -> None:
    Run.objects.filter(pk=run_id, status=Run.Status.RUNNING).update(
        status=Run.Status.FAILED, finished_at=timezone.now(), error=error[:2000]
    )


def run_full(*, by=None, progress=None) -> Run:
    """A whole run in this process (``manage.py rematch``): start, every chunk, finish."""
    run, bounds = run_start(by=by)
    run_dispatched(run_id=run.pk)  # its chunks are this process's
    try:
        for i, (first, last) in enumerate(bounds):
            run_chunk(run_id=run.pk, first=first, last=last)
            if progress:
                progress(i + 1, len(bounds))
        return run_finish(run_id=run.pk)
    except Exception as error:
        run_fail(run_id=run.pk, error=repr(error))
        raise


def prune(*, keep: int = 2) -> int:
    """Delete the matches of runs older than the ``keep`` latest finished ones."""
    finished = list(Run.objects.filter(status=Run.Status.DONE).values_list("pk", flat=True)[:keep])
    stale = Run.objects.exclude(pk__in=finished).exclude(status=Run.Status.RUNNING)
    deleted, _ = Match.objects.filter(run__in=stale).delete()
    return deleted


# --- Incremental -----------------------------------------------------------------------------


def _replace(run: Run, rows: store.Rows, *, profiles=(), offers=()) -> None:
    ref = data.reference()
    with transaction.atomic():
        Match.objects.filter(run=run, profile_id__in=list(profiles)).delete()
        Match.objects.filter(run=run, offer_id__in=list(offers)).delete()
        with connection.cursor() as cursor:
            store.write(cursor, run.pk, ref.skills, rows)


def _rescored_rows(ref, rescored, residents_, offers_, r_ids, o_ids, *, offer_side, row):
    n = len(rescored.index)
    res = rescored.index if offer_side else np.full(n, row)
    off = np.full(n, row) if offer_side else rescored.index
    counts = rescored.gaps.counts()
    return store.Rows(
        profile=r_ids[res],
        offer=o_ids[off],
        score=rescored.score,
        components=rescored.components,
        required=rescored.required,
        counts=counts,
        skills=rescored.gaps.skills,
        core=_group_sums(rescored.gaps.core, counts),
        minutes=_minutes(ref, residents_, offers_, res, off),
        for_resident=np.zeros(n, bool),
        for_offer=np.arange(n) < TOP_K,
    )


def _nth_best(run: Run, profile_ids, *, offer_id: int) -> dict[int, float]:
    """Each profile's TOP_K-th best score in the run among the other offers than ``offer_id``
    (absent when that list is not full: the offer then enters it)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT profile_id, min(score) FROM (SELECT profile_id, score, row_number() OVER"
            " (PARTITION BY profile_id ORDER BY score DESC) AS rank FROM matching_match"
            " WHERE run_id = %s AND for_resident AND profile_id = ANY(%s) AND offer_id <> %s)"
            " best WHERE rank <= %s GROUP BY profile_id HAVING count(*) >= %s",
            [run.pk, list(profile_ids), offer_id, TOP_K, TOP_K],
        )
        return dict(cursor.fetchall())


def rescore_offers(offer_ids) -> int:
    """Re-score offers against every resident who could match them, in the current run."""
    run = Run.current()
    if run is None:
        return 0
    ref = data.reference()
    written = 0
    for offer_id in offer_ids:
        offers_, o_ids, o_permits = data.offers(ref, ids=[offer_id])
        if not len(o_ids):  # no longer published: it leaves every list
            Match.objects.filter(run=run, offer_id=offer_id).delete()
            continue
        fiche = int(offers_.occupation[0])
        near = [ref.occupations[j] for j in np.flatnonzero(_levels(ref)[:, fiche] > 0)]
        residents_, r_ids, r_permits = data.residents(ref, seeking=near)
        residents_, offers_ = data.with_permits(residents_, r_permits, offers_, o_permits)
        rescored = rescore_offer(residents_, offers_, ref.graph, ref.geography, 0)
        rows = _rescored_rows(
            ref, rescored, residents_, offers_, r_ids, o_ids, offer_side=True, row=0
        )
        # The offer enters a resident's list when it beats the resident's current last one.
        floors = _nth_best(run, rows.profile.tolist(), offer_id=offer_id)
        rows.for_resident = rows.score > np.array([floors.get(p, -1.0) for p in rows.profile])
        keep = rows.for_resident | rows.for_offer
        rows = _subset(rows, keep)
        with transaction.atomic():
            _replace(run, rows, offers=[offer_id])
            _trim_residents(run, rows.profile[rows.for_resident].tolist())
        written += len(rows)
    return written


TRIM_RESIDENT_LISTS = """
UPDATE matching_match m SET for_resident = false
  FROM (SELECT id, row_number() OVER (PARTITION BY profile_id ORDER BY score DESC, offer_id)
               AS rank
          FROM matching_match
         WHERE run_id = %s AND for_resident AND profile_id = ANY(%s)) ranked
 WHERE m.id = ranked.id AND ranked.rank > %s
"""


def _trim_residents(run: Run, profile_ids: list[int]) -> None:
    """Keep each of these residents' lists at ``TOP_K`` offers after one entered them."""
    if not profile_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(TRIM_RESIDENT_LISTS, [run.pk, profile_ids, TOP_K])
    Match.objects.filter(
        run=run, profile_id__in=profile_ids, for_resident=False, for_offer=False
    ).delete()


def rescore_profiles(profile_ids) -> int:
    """Re-score residents against every offer they could match, in the current run."""
    run = Run.current()
    if run is None:
        return 0
    ref = data.reference()
    written = 0
    for profile_id in profile_ids:
        residents_, r_ids, r_permits = data.residents(ref, ids=[profile_id])
        if not len(r_ids):  # no consent any more, or no trade sought: out of every list
            Match.objects.filter(run=run, profile_id=profile_id).delete()
            continue
        reach = _levels(ref)[residents_.sought.indices].max(axis=0)
        fiches = [ref.occupations[j] for j in np.flatnonzero(reach > 0)]
        offers_, o_ids, o_permits = data.offers(ref, occupations=fiches)
        residents_, offers_ = data.with_permits(residents_, r_permits, offers_, o_permits)
        rescored = rescore_resident(residents_, offers_, ref.graph, ref.geography, 0, k=TOP_K)
        rows = _rescored_rows(
            ref, rescored, residents_, offers_, r_ids, o_ids, offer_side=False, row=0
        )
        rows.for_resident = np.ones(len(rows), bool)
        rows.for_offer = np.zeros(len(rows), bool)  # the offers' lists: next full run
        with transaction.atomic():
            kept_for_offers = Match.objects.filter(
                run=run, profile_id=profile_id, for_offer=True
            ).values_list("offer_id", flat=True)
            listed = set(kept_for_offers)
            rows.for_offer = np.array([o in listed for o in rows.offer.tolist()], bool)
            _replace(run, rows, profiles=[profile_id])
        written += len(rows)
    return written


def _subset(rows: store.Rows, keep: np.ndarray) -> store.Rows:
    starts = np.concatenate([[0], np.cumsum(rows.counts)])
    counts = rows.counts[keep]
    take = np.repeat(starts[:-1][keep], counts) + store.ranks(counts)
    return store.Rows(
        rows.profile[keep],
        rows.offer[keep],
        rows.score[keep],
        rows.components[keep],
        rows.required[keep],
        counts,
        rows.skills[take],
        rows.core[keep],
        rows.minutes[keep],
        rows.for_resident[keep],
        rows.for_offer[keep],
    )


_level_cache: dict = {}


def _levels(ref) -> np.ndarray:
    """Proximity levels between fiches (seeker fiche × offer fiche), cached with the graph."""
    from matching.engine.candidates import proximity_levels

    key = id(ref)
    if key not in _level_cache:
        _level_cache.clear()
        _level_cache[key] = proximity_levels(ref.graph)
    return _level_cache[key]


def dirty_mark(kind: str, ids) -> None:
    """Record that offers or profiles changed (in the caller's transaction)."""
    Dirty.objects.bulk_create(
        [Dirty(kind=kind, object_id=i) for i in ids],
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["changed_at"],
    )


def dirty_process(*, limit: int = 500) -> int:
    """Re-score what changed; each row handled is deleted unless it changed again meanwhile."""
    handled = 0
    for kind, rescore in (
        (Dirty.Kind.OFFER, rescore_offers),
        (Dirty.Kind.PROFILE, rescore_profiles),
    ):
        rows = list(Dirty.objects.filter(kind=kind).order_by("changed_at")[:limit])
        if not rows:
            continue
        rescore([row.object_id for row in rows])
        for row in rows:
            Dirty.objects.filter(pk=row.pk, changed_at=row.changed_at).delete()
        handled += len(rows)
    return handled


# --- One resident, every valid pair ----------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ResidentPairs:
    """Every valid pair of one resident, best first, scored as in a run (not only the best k).

    ``offer_ids[p]`` is the offer of pair ``p``; ``rescored.gaps`` hold skill positions in
    ``ref.skills``; ``minutes`` the commute of each pair; ``skills_weight`` the points of the
    skills component in this scoring (for ``engine.near_miss``).
    """

    ref: data.Reference
    commune: int  # the resident's commune, a position in ``ref.communes``
    max_minutes: float
    offer_ids: np.ndarray
    rescored: Rescored
    minutes: np.ndarray
    skills_weight: float


def resident_pairs(profile_id: int) -> ResidentPairs | None:
    """Score one resident against every offer they can reach (near misses, trainings).

    None when the resident is not matched (no consent to matching, no trade, no commune).
    """
    ref = data.reference()
    residents_, r_ids, r_permits = data.residents(ref, ids=[profile_id])
    if not len(r_ids):
        return None
    reach = _levels(ref)[residents_.sought.indices].max(axis=0)
    fiches = [ref.occupations[j] for j in np.flatnonzero(reach > 0)]
    offers_, o_ids, o_permits = data.offers(ref, occupations=fiches)
    residents_, offers_ = data.with_permits(residents_, r_permits, offers_, o_permits)
    ctx = context(residents_, offers_, ref.graph, ref.geography, [0], levels=_levels(ref))
    rescored = rescore_resident(residents_, offers_, ref.graph, ref.geography, 0, ctx=ctx)
    rows = np.zeros(len(rescored.index), np.int64)
    return ResidentPairs(
        ref=ref,
        commune=int(residents_.commune[0]),
        max_minutes=float(residents_.max_minutes[0]),
        offer_ids=o_ids[rescored.index],
        rescored=rescored,
        minutes=_minutes(ref, residents_, offers_, rows, rescored.index),
        skills_weight=float(ctx.weights["skills"]),
    )
