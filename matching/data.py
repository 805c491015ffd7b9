"""From the database to the engine's arrays, and back to ids.

``reference()`` (the ROME graph, the skill vocabulary, the commune × commune commute minutes) is
built once per process and kept while the reference data is unchanged. ``residents()`` and
``offers()`` read the rows the engine needs with a few bulk queries (no query per row), for
everyone or for a subset (an incremental re-score reads only the people and offers concerned).
"""

from __future__ import annotations

import dataclasses
import datetime
import threading
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from django.db import connection
from django.utils import timezone

from matching.engine import Geography, OccupationGraph, Offers, Residents
from matching.engine import weights as W
from offers.models import Contract, Status
from referentiel import commute
from referentiel.models import Commune, Dataset, Mobility, Occupation, Skill
from referentiel.permits import PERMITS
from residents.models import Hours

CONTRACTS = list(Contract.values)  # bit position of each contract type
HOURS = {Hours.ANY: W.HOURS_ANY, Hours.FULL: W.HOURS_FULL, Hours.PART: W.HOURS_PART}


@dataclass(frozen=True, eq=False)
class Reference:
    graph: OccupationGraph
    geography: Geography
    occupations: list[str]
    occupation_pos: dict[str, int]
    occupation_codes: np.ndarray  # the same codes, sorted, for vectorised lookups
    skills: np.ndarray  # skill codes, the vocabulary's order
    skill_pos: dict[str, int]
    communes: list[str]
    commune_pos: dict[str, int]

    @property
    def n_skills(self) -> int:
        return len(self.skills)


_lock = threading.Lock()
_reference: dict[str, Reference] = {}


def _reference_version() -> str:
    return "|".join(Dataset.objects.order_by("name").values_list("sha256", flat=True))


def reference() -> Reference:
    """The ROME graph, the skill vocabulary and the commute matrix (cached per process)."""
    version = _reference_version()
    with _lock:
        if version not in _reference:
            _reference.clear()
            _reference[version] = _build_reference()
        return _reference[version]


def _build_reference() -> Reference:
    rows = list(Occupation.objects.order_by("code").values_list("code", "parent_code", "domain_id"))
    codes = [r[0] for r in rows]
    graph = OccupationGraph.from_codes(
        codes,
        [r[1] for r in rows],
        [r[2] for r in rows],
        list(Mobility.objects.values_list("source_id", "target_id")),
    )
    skills = np.array(list(Skill.objects.order_by("code").values_list("code", flat=True)))
    places = list(
        Commune.objects.order_by("code_insee").values_list("code_insee", "latitude", "longitude")
    )
    _, minutes = commute.matrix([p[1] for p in places], [p[2] for p in places])
    return Reference(
        graph=graph,
        geography=Geography(minutes),
        occupations=codes,
        occupation_pos={code: i for i, code in enumerate(codes)},
        occupation_codes=np.array(codes),
        skills=skills,
        skill_pos={code: i for i, code in enumerate(skills)},
        communes=[p[0] for p in places],
        commune_pos={p[0]: i for i, p in enumerate(places)},
    )


def _day(value: datetime.date | None) -> int:
    return (value or timezone.localdate()).toordinal()


def _rows(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _positions(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Position of each key in ``sorted_keys``, -1 when absent (vectorised lookup)."""
    if len(sorted_keys) == 0 or len(keys) == 0:
        return np.full(len(keys), -1, dtype=np.int64)
    found = np.searchsorted(sorted_keys, keys)
    found = np.minimum(found, len(sorted_keys) - 1)
    return np.where(sorted_keys[found] == keys, found, -1)


def _sparse(pairs, row_ids: np.ndarray, col_keys: np.ndarray, values=None) -> sp.csr_matrix:
    """A (len(row_ids), len(col_keys)) sparse matrix from (row id, column key) pairs."""
    shape = (len(row_ids), len(col_keys))
    if not pairs:
        return sp.csr_matrix(shape, dtype=np.int8)
    rows = _positions(row_ids, np.array([p[0] for p in pairs], dtype=row_ids.dtype))
    cols = _positions(col_keys, np.array([p[1] for p in pairs], dtype=col_keys.dtype))
    data = np.ones(len(pairs), np.int8) if values is None else np.asarray(values, np.int8)
    keep = (rows >= 0) & (cols >= 0)
    return sp.csr_matrix((data[keep], (rows[keep], cols[keep])), shape=shape)


@dataclass(frozen=True, eq=False)
class PermitBits:
    """Permit codes → bit positions for one run (the engine takes at most 24 kinds)."""

    bits: dict[str, int]

    @classmethod
    def for_offers(cls, asked: list[list[str]]) -> PermitBits:
        counts: dict[str, int] = {}
        for codes in asked:
            for code in codes:
                counts[code] = counts.get(code, 0) + 1
        order = [code for code, _label in PERMITS if code in counts]
        if len(order) > W.MAX_PERMIT_BITS:
            raise ValueError(f"{len(order)} permis différents exigés : 24 au plus.")
        return cls({code: bit for bit, code in enumerate(order)})

    def mask(self, codes) -> int:
        mask = 0
        for code in codes or ():
            bit = self.bits.get(code)
            if bit is not None:
                mask |= 1 << bit
        return mask


MATCHABLE = """
  FROM residents_profile p
  JOIN accounts_user u ON u.id = p.user_id
 WHERE u.is_active AND p.anonymised_at IS NULL AND p.commune_id IS NOT NULL
   AND EXISTS (SELECT 1 FROM residents_consent c WHERE c.profile_id = p.id
               AND c.kind = 'matching' AND c.revoked_at IS NULL)
   AND EXISTS (SELECT 1 FROM residents_profile_sought s WHERE s.profile_id = p.id)
"""
RESIDENT_SQL = (
    "SELECT p.id, p.commune_id, p.level, p.max_commute, p.permits, p.contracts, p.hours,"
    " p.available_from" + MATCHABLE + " {where} ORDER BY p.id"
)


def resident_ids() -> list[int]:
    """Ids of the profiles a run scores (consented to matching, commune and trade given)."""
    return [row[0] for row in _rows("SELECT p.id" + MATCHABLE + " ORDER BY p.id", [])]


def residents(ref: Reference, *, ids=None, seeking: list[str] | None = None, between=None):
    """(Residents, profile ids, permits) of residents who consented to matching, optionally
    only ``ids``, those with ids in ``between`` (first, last), or those seeking one of the
    fiches ``seeking``."""
    where, params = "", []
    if ids is not None:
        where, params = "AND p.id = ANY(%s)", [list(ids)]
    elif between is not None:
        where, params = "AND p.id BETWEEN %s AND %s", list(between)
    elif seeking is not None:
        where = (
            "AND EXISTS (SELECT 1 FROM residents_profile_sought s JOIN referentiel_appellation a"
            " ON a.code_ogr = s.appellation_id WHERE s.profile_id = p.id"
            " AND a.occupation_id = ANY(%s))"
        )
        params = [list(seeking)]
    rows = _rows(RESIDENT_SQL.format(where=where), params)
    ids_ = np.array([r[0] for r in rows], dtype=np.int64)
    n = len(rows)
    sought = _rows(
        "SELECT s.profile_id, a.occupation_id FROM residents_profile_sought s"
        " JOIN referentiel_appellation a ON a.code_ogr = s.appellation_id"
        " WHERE s.profile_id = ANY(%s)",
        [ids_.tolist()],
    )
    held = _rows(
        "SELECT profile_id, skill_id FROM residents_profile_skills WHERE profile_id = ANY(%s)",
        [ids_.tolist()],
    )
    return (
        Residents(
            sought=_sparse(sought, ids_, ref.occupation_codes),
            skills=_sparse(held, ids_, ref.skills),
            level=np.array([r[2] or 0 for r in rows], np.int8),
            commune=np.array([ref.commune_pos[r[1]] for r in rows], np.int32),
            max_minutes=np.array([r[3] or 0 for r in rows], np.float32),
            permits=np.zeros(n, np.int64),  # filled per run by ``with_permits``
            contracts=np.array(
                [
                    sum(1 << CONTRACTS.index(c) for c in (r[5] or []) if c in CONTRACTS)
                    for r in rows
                ],
                np.int64,
            ),
            hours=np.array([HOURS.get(r[6], W.HOURS_ANY) for r in rows], np.int8),
            available_from=np.array([_day(r[7]) for r in rows], np.int32),
            consent=np.ones(n, bool),
        ),
        ids_,
        [r[4] or [] for r in rows],
    )


OFFER_SQL = """
SELECT o.id, o.occupation_id, o.level_id, o.level_strict, o.commune_id, o.permits, o.contract,
       o.hours_per_week, o.start_date, o.positions
  FROM offers_offer o JOIN accounts_organisation e ON e.id = o.employer_id
 WHERE o.status = %s AND e.suspended_at IS NULL {where}
 ORDER BY o.id
"""


def offers(ref: Reference, *, ids=None, occupations: list[str] | None = None):
    """(Offers, offer ids, permits asked) of published offers, optionally a subset."""
    where, params = "", [Status.PUBLISHED]
    if ids is not None:
        where, params = "AND o.id = ANY(%s)", [Status.PUBLISHED, list(ids)]
    elif occupations is not None:
        where, params = "AND o.occupation_id = ANY(%s)", [Status.PUBLISHED, list(occupations)]
    rows = _rows(OFFER_SQL.format(where=where), params)
    ids_ = np.array([r[0] for r in rows], dtype=np.int64)
    n = len(rows)
    skills = _rows(
        "SELECT os.offer_id, os.skill_id, os.required, COALESCE(oc.core, false)"
        "  FROM offers_offerskill os JOIN offers_offer o ON o.id = os.offer_id"
        "  LEFT JOIN referentiel_occupationskill oc"
        "    ON oc.occupation_id = o.occupation_id AND oc.skill_id = os.skill_id"
        " WHERE os.offer_id = ANY(%s)",
        [ids_.tolist()],
    )
    required = [s for s in skills if s[2]]
    nice = [s for s in skills if not s[2]]
    kinds = [W.REQUIRED_CORE if s[3] else W.REQUIRED_OTHER for s in required]
    return (
        Offers(
            occupation=np.array([ref.occupation_pos[r[1]] for r in rows], np.int32),
            required=_sparse(required, ids_, ref.skills, values=kinds),
            nice=_sparse(nice, ids_, ref.skills),
            level=np.array([r[2] or 0 for r in rows], np.int8),
            strict=np.array([bool(r[3]) for r in rows], bool),
            commune=np.array([ref.commune_pos[r[4]] for r in rows], np.int32),
            permits=np.zeros(n, np.int64),  # filled per run by ``with_permits``
            contract=np.array([CONTRACTS.index(r[6]) for r in rows], np.int8),
            hours=np.array([float(r[7]) for r in rows], np.float32),
            start=np.array([_day(r[8]) for r in rows], np.int32),
            positions=np.array([r[9] for r in rows], np.int32),
            published=np.ones(n, bool),
        ),
        ids_,
        [r[5] or [] for r in rows],
    )


def with_permits(residents_: Residents, resident_permits, offers_: Offers, offer_permits):
    """Both sides with permit masks over the kinds this run's offers ask for."""
    bits = PermitBits.for_offers(offer_permits)
    return (
        dataclasses.replace(
            residents_, permits=np.array([bits.mask(c) for c in resident_permits], np.int64)
        ),
        dataclasses.replace(
            offers_, permits=np.array([bits.mask(c) for c in offer_permits], np.int64)
        ),
    )
