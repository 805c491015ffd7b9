"""Trainings: the demo catalogue, the trainings that open most offers to a resident, and the
skills most often missing in the territory (the GPEC's training needs).

Which offers a training unlocks: the resident's *near misses* (``engine.near_miss``: valid
pairs below ``GOOD_MATCH`` that would reach it with every required skill) whose missing required
skills the training *all* teaches. Every missing required skill, not only the core ones: the
near-miss test assumes full skills coverage, so a training that left one required skill out
would not lift the pair to a good match. The offers are within the resident's commute limit
(a hard rule of every valid pair), and so must the training's place be.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import unicodedata
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from matching import runs, store
from matching.engine import COMPONENTS, near_miss
from matching.engine import weights as W
from matching.engine.reasons import level_name
from matching.models import Run, Training
from matching.training_demo import CATALOGUE
from referentiel.models import OccupationSkill, Skill

logger = logging.getLogger(__name__)
SKILLS = COMPONENTS.index("skills")
CACHE_SECONDS = 300
CATALOGUE_KEY = "matching:trainings:catalogue"
DEMO_LABEL = "Données de démonstration"


# --- The demo catalogue ----------------------------------------------------------------------


def _plain(text: str) -> str:
    """Lower case, without accents: keywords match "Sécurité" as "securite"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _starts(month: int, count: int = 3) -> list[datetime.date]:
    """``count`` sessions, every other month, on the first Monday from ``month`` months on."""
    today = timezone.localdate()
    out = []
    for step in range(count):
        months = today.month - 1 + month + 2 * step
        first = datetime.date(today.year + months // 12, months % 12 + 1, 1)
        out.append(first + datetime.timedelta(days=(7 - first.weekday()) % 7))
    return out


def _taught(spec, links: list[tuple[str, str, str, bool]]) -> list[str]:
    """Codes of the skills ``spec`` teaches among its fiche's (code, label, kind, core) links."""
    words = [_plain(w) for w in spec.keywords]
    knows = [_plain(w) for w in spec.savoirs]
    core = [(code, _plain(label)) for code, label, _kind, is_core in links if is_core]
    chosen = [code for code, label in core if not words or any(w in label for w in words)]
    if not chosen:  # keywords found nothing in this ROME version: the first half of the core
        chosen = [code for code, _label in core[: max(1, len(core) // 2)]]
    chosen += [
        code
        for code, label, kind, is_core in links
        if not is_core and kind == Skill.Kind.KNOWLEDGE and any(k in _plain(label) for k in knows)
    ]
    return list(dict.fromkeys(chosen))


@transaction.atomic
def seed_trainings() -> int:
    """Create the demo trainings that are missing (idempotent); give new sessions to those whose
    sessions are all past. Staff edits of existing trainings are kept. Returns how many were
    created."""
    fiches = {spec.fiche for spec in CATALOGUE}
    links: dict[str, list] = {}
    rows = (
        OccupationSkill.objects.filter(occupation_id__in=fiches)
        .order_by("occupation_id", "skill_id")
        .values_list("occupation_id", "skill_id", "skill__label", "skill__kind", "core")
    )
    for fiche, *link in rows:
        links.setdefault(fiche, []).append(tuple(link))
    existing = {
        (t.title, t.provider): t
        for t in Training.objects.filter(
            synthetic=True, provider__in={spec.provider for spec in CATALOGUE}
        )
    }
    today, created = timezone.localdate(), 0
    for spec in CATALOGUE:
        training = existing.get((spec.title, spec.provider))
        if training is not None:
            if not any(day >= today for day in training.next_starts):
                training.next_starts = _starts(spec.month)
                training.save(update_fields=["next_starts"])
            continue
        if spec.fiche not in links:  # reference data not loaded: nothing to teach
            continue
        training = Training.objects.create(
            title=spec.title,
            provider=spec.provider,
            commune_id=spec.commune,
            duration_hours=spec.hours,
            level_reached=spec.level,
            next_starts=_starts(spec.month),
            funding=spec.funding,
            description=(
                f"{DEMO_LABEL} : formation fictive, organisme fictif. Elle prépare au métier "
                f"{spec.fiche} du ROME et enseigne une partie de ses compétences."
            ),
            synthetic=True,
        )
        training.skills.set(_taught(spec, links[spec.fiche]))
        created += 1
    if created:
        transaction.on_commit(catalogue_changed)
    return created


def catalogue_changed() -> None:
    """The catalogue changed (admin, seed): cached trainings of residents are recomputed."""
    with contextlib.suppress(Exception):  # the cache is down: entries expire anyway
        if not cache.add(CATALOGUE_KEY, 1, timeout=None):
            cache.incr(CATALOGUE_KEY)


# --- For a resident --------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingChoice:
    """A training and what it opens to one resident (plain values: kept in the cache)."""

    pk: int
    title: str
    provider: str
    commune: str
    hours: int
    level: str
    funding: str
    next_start: datetime.date | None
    synthetic: bool
    unlocks: int  # near-miss offers it unlocks
    within: int  # all of them at less than this many minutes from home
    minutes: int  # from home to the training
    closes: tuple[str, ...]  # labels of the missing skills it teaches

    @property
    def sentence(self) -> str:
        offers = "offre" if self.unlocks == 1 else "offres"
        return f"Cette formation débloque {self.unlocks} {offers} à moins de {self.within} min"


def _cache_key(profile) -> str:
    try:
        version = cache.get(CATALOGUE_KEY, 0)
    except Exception:
        version = "down"
    stamp = profile.updated_at.timestamp() if profile.updated_at else 0
    return f"matching:trainings:{profile.pk}:{stamp}:{version}"


def trainings_for(profile, *, limit: int = 5) -> list[TrainingChoice]:
    """The trainings that unlock most of the resident's near-miss offers, best first.

    Cached a few minutes per profile; the key holds ``profile.updated_at`` (a saved profile
    is recomputed) and the catalogue's version.
    """
    key = _cache_key(profile)
    with contextlib.suppress(Exception):
        cached = cache.get(key)
        if cached is not None:
            return cached
    choices = _compute(profile, limit)
    if choices is not None:
        with contextlib.suppress(Exception):
            cache.set(key, choices, CACHE_SECONDS)
    return choices or []


def _gap_matrix(pairs: runs.ResidentPairs, near: np.ndarray) -> sp.csr_matrix:
    """(near pairs × skills) 0/1: the missing required skills of each near-miss pair."""
    gaps = pairs.rescored.gaps
    counts = gaps.counts()[near]
    take = np.repeat(gaps.ptr[near], counts) + store.ranks(counts)
    rows = np.repeat(np.arange(len(near)), counts)
    shape = (len(near), pairs.ref.n_skills)
    return sp.csr_matrix((np.ones(len(take), np.int32), (rows, gaps.skills[take])), shape=shape)


def _compute(profile, limit: int) -> list[TrainingChoice] | None:
    pairs = runs.resident_pairs(profile.pk)
    if pairs is None:
        return None  # not matched (no consent...): not cached, it may change any time
    scored = pairs.rescored
    counts = scored.gaps.counts()
    near = np.flatnonzero(
        near_miss(scored.score, scored.components[:, SKILLS], counts, pairs.skills_weight)
    )
    trainings = list(Training.objects.filter(active=True).select_related("commune"))
    if not len(near) or not trainings:
        return []
    ref = pairs.ref
    taught = list(
        Training.skills.through.objects.filter(training__active=True).values_list(
            "training_id", "skill_id"
        )
    )
    row_of = {t.pk: i for i, t in enumerate(trainings)}
    cols = [(row_of[t], ref.skill_pos[s]) for t, s in taught if s in ref.skill_pos and t in row_of]
    teach = sp.csr_matrix(
        (np.ones(len(cols), np.int32), ([c[0] for c in cols], [c[1] for c in cols])),
        shape=(len(trainings), ref.n_skills),
    )
    gap = _gap_matrix(pairs, near)
    unlocked = (gap @ teach.T).toarray() == counts[near][:, None]  # (near pairs, trainings)
    unlocks = unlocked.sum(axis=0)
    minutes = pairs.minutes[near]
    limit_minutes = pairs.max_minutes if pairs.max_minutes > 0 else W.DEFAULT_MAX_MINUTES
    found = []
    for i, training in enumerate(trainings):
        there = ref.commune_pos.get(training.commune_id)
        away = float(ref.geography.minutes[pairs.commune, there]) if there is not None else np.inf
        if unlocks[i] == 0 or away > limit_minutes:
            continue
        farthest = float(minutes[unlocked[:, i]].max())
        found.append((i, training, int(unlocks[i]), 5 * (int(farthest) // 5 + 1), round(away)))
    found.sort(key=lambda f: (-f[2], f[4], f[1].title))
    found = found[:limit]
    codes = {  # the missing skills it teaches, over the offers it unlocks
        i: ref.skills[np.unique(gap[unlocked[:, i]].indices)].tolist() for i, *_ in found
    }
    labels = dict(
        Skill.objects.filter(code__in={c for v in codes.values() for c in v}).values_list(
            "code", "label"
        )
    )
    today = timezone.localdate()
    return [
        TrainingChoice(
            pk=training.pk,
            title=training.title,
            provider=training.provider,
            commune=training.commune.name,
            hours=training.duration_hours,
            level=level_name(training.level_reached) if training.level_reached else "",
            funding=training.get_funding_display(),
            next_start=min((d for d in training.next_starts if d >= today), default=None),
            synthetic=training.synthetic,
            unlocks=count,
            within=within,
            minutes=away,
            closes=tuple(sorted(labels.get(c, c) for c in codes[i])),
        )
        for i, training, count, within, away in found
    ]


# --- For the territory (GPEC) ----------------------------------------------------------------


@dataclass
class MissingSkill:
    """A skill residents lack against the offers listed for them, with who teaches it."""

    code: str
    label: str
    kind: str
    pairs: int  # (resident, offer) pairs of the current lists that lack it
    residents: int
    offers: int
    core_pairs: int  # of those pairs, how many for which it is a core skill of the trade
    trainings: list[Training]

    @property
    def core(self) -> bool:
        return 2 * self.core_pairs >= self.pairs


MOST_MISSING = """
SELECT u.skill, count(*), count(DISTINCT m.profile_id), count(DISTINCT m.offer_id),
       count(*) FILTER (WHERE u.rank <= m.missing_core)
  FROM matching_match m CROSS JOIN LATERAL unnest(m.missing) WITH ORDINALITY AS u(skill, rank)
 WHERE m.run_id = %s AND m.for_resident
 GROUP BY u.skill
 ORDER BY count(*) DESC, u.skill
 LIMIT %s
"""


def skills_missing(run: Run | None, limit: int = 30) -> list[MissingSkill]:
    """The skills most often missing between residents and the offers listed for them in
    ``run`` (the current run for the observatory), most missing first, with the active
    trainings that teach each. Three queries whatever the numbers."""
    if run is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(MOST_MISSING, [run.pk, limit])
        rows = cursor.fetchall()
    codes = [row[0] for row in rows]
    skills = Skill.objects.in_bulk(codes)
    teaching: dict[str, list[Training]] = {}
    links = (
        Training.skills.through.objects.filter(skill_id__in=codes, training__active=True)
        .select_related("training")
        .order_by("training__title")
    )
    for link in links:
        teaching.setdefault(link.skill_id, []).append(link.training)
    return [
        MissingSkill(
            code=code,
            label=skills[code].label if code in skills else code,
            kind=skills[code].kind if code in skills else "",
            pairs=pairs,
            residents=residents,
            offers=offers,
            core_pairs=core,
            trainings=teaching.get(code, []),
        )
        for code, pairs, residents, offers, core in rows
    ]
