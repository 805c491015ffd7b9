"""What the engine reads: residents, offers, the occupation graph and the geography, as arrays.

Every index is a position (row number), never a database id: occupation ``j`` is row ``j`` of
the graph, commune ``c`` is row ``c`` of the commute matrix, skill ``s`` is column ``s`` of the
skill vocabulary. The caller keeps the mapping to ROME codes, INSEE codes and primary keys.

Bitmasks: permits (bit ``p`` = the caller's permit kind ``p``, at most
``weights.MAX_PERMIT_BITS`` kinds) and contract types (bit ``c`` = contract type ``c``, e.g. the
position of a France Travail code in ``CONTRACT_TYPES``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from . import weights
from .components import quantise_text

# France Travail contract codes in a suggested order (the engine only sees their positions).
CONTRACT_TYPES = ("CDI", "CDD", "MIS", "SAI", "DIN", "DDI", "LIB", "FRA", "CCE", "REP")


def _csr(matrix, shape: tuple[int, int], name: str) -> sp.csr_matrix:
    matrix = sp.csr_matrix(matrix)
    if matrix.shape != shape:
        raise ValueError(f"{name}: shape {matrix.shape}, expected {shape}")
    matrix.sum_duplicates()
    matrix.sort_indices()
    return matrix


def _vector(values, n: int, dtype, name: str) -> np.ndarray:
    array = np.ascontiguousarray(values, dtype=dtype)
    if array.shape != (n,):
        raise ValueError(f"{name}: shape {array.shape}, expected ({n},)")
    return array


def _text(values, n: int, name: str) -> np.ndarray | None:
    """Text vectors as the engine keeps them: int8 from ``components.quantise_text``."""
    if values is None:
        return None
    array = np.asarray(values)
    if array.ndim != 2 or array.shape[0] != n:
        raise ValueError(f"{name}: shape {array.shape}, expected ({n}, d)")
    if array.dtype == np.int8:  # already quantised
        return np.ascontiguousarray(array)
    return quantise_text(array)


@dataclass(frozen=True, eq=False)
class OccupationGraph:
    """The ROME fiches as a graph.

    - ``parent``: (n_occ,) label of each fiche's parent code (equal labels = same parent);
    - ``domain``: (n_occ,) label of each fiche's professional domain (e.g. ``N11``);
    - ``mobility``: (n_occ, n_occ) sparse, nonzero at [s, j] when ROME lists a mobility from
      fiche ``s`` to fiche ``j`` (someone seeking ``s`` may be offered ``j``).
    """

    parent: np.ndarray
    domain: np.ndarray
    mobility: sp.csr_matrix

    def __post_init__(self):
        n = len(self.parent)
        object.__setattr__(self, "parent", _vector(self.parent, n, np.int32, "parent"))
        object.__setattr__(self, "domain", _vector(self.domain, n, np.int32, "domain"))
        object.__setattr__(self, "mobility", _csr(self.mobility, (n, n), "mobility"))

    @property
    def n_occ(self) -> int:
        return len(self.parent)

    @classmethod
    def from_codes(
        cls,
        codes: Sequence[str],
        parent_codes: Sequence[str],
        domain_codes: Sequence[str],
        mobility: Sequence[tuple[str, str]],
    ) -> OccupationGraph:
        """Build the graph from ROME codes (fiche, its parent, its domain; mobility pairs)."""
        position = {code: i for i, code in enumerate(codes)}
        _, parent = np.unique(np.asarray(parent_codes, dtype=str), return_inverse=True)
        _, domain = np.unique(np.asarray(domain_codes, dtype=str), return_inverse=True)
        pairs = [(position[a], position[b]) for a, b in mobility if a in position and b in position]
        rows = np.array([a for a, _ in pairs], dtype=np.int32)
        cols = np.array([b for _, b in pairs], dtype=np.int32)
        n = len(codes)
        links = sp.csr_matrix((np.ones(len(pairs), dtype=np.int8), (rows, cols)), shape=(n, n))
        return cls(parent=parent, domain=domain, mobility=links)


@dataclass(frozen=True, eq=False)
class Residents:
    """Resident jobseekers, one row each.

    - ``sought``: (n, n_occ) sparse, nonzero for each sought occupation (1 to 3 per row);
    - ``skills``: (n, n_skills) sparse, nonzero for each skill the resident has;
    - ``level``: qualification level 0–8 (0 = no diploma or unknown);
    - ``commune``: commune of residence (row of the commute matrix);
    - ``max_minutes``: longest acceptable commute (0 or less = ``weights.DEFAULT_MAX_MINUTES``);
    - ``permits``: bitmask of permits held;
    - ``contracts``: bitmask of contract types wanted, 0 = any;
    - ``hours``: ``weights.HOURS_ANY``, ``HOURS_FULL`` or ``HOURS_PART``;
    - ``available_from``: day number (any fixed origin, the same as ``Offers.start``);
    - ``consent``: consented to matching (others are never matched);
    - ``text``: optional (n, d) vectors of the profile's text (any embedding); kept as int8
      after ``components.quantise_text`` (pass int8 to skip it).
    """

    sought: sp.csr_matrix
    skills: sp.csr_matrix
    level: np.ndarray
    commune: np.ndarray
    max_minutes: np.ndarray
    permits: np.ndarray
    contracts: np.ndarray
    hours: np.ndarray
    available_from: np.ndarray
    consent: np.ndarray
    text: np.ndarray | None = None

    def __post_init__(self):
        n = self.sought.shape[0]
        set_ = object.__setattr__
        set_(self, "sought", _csr(self.sought, self.sought.shape, "sought"))
        set_(self, "skills", _csr(self.skills, (n, self.skills.shape[1]), "skills"))
        level = _vector(self.level, n, np.int8, "level")
        set_(self, "level", np.clip(level, 0, 8).astype(np.int8))
        set_(self, "commune", _vector(self.commune, n, np.int32, "commune"))
        minutes = _vector(self.max_minutes, n, np.float32, "max_minutes")
        minutes = np.where(minutes > 0, minutes, weights.DEFAULT_MAX_MINUTES)  # NaN too
        set_(self, "max_minutes", minutes.astype(np.float32))
        set_(self, "permits", _vector(self.permits, n, np.int64, "permits"))
        set_(self, "contracts", _vector(self.contracts, n, np.int64, "contracts"))
        set_(self, "hours", _vector(self.hours, n, np.int8, "hours"))
        set_(self, "available_from", _vector(self.available_from, n, np.int32, "available_from"))
        set_(self, "consent", _vector(self.consent, n, bool, "consent"))
        set_(self, "text", _text(self.text, n, "text"))

    def __len__(self) -> int:
        return self.sought.shape[0]


@dataclass(frozen=True, eq=False)
class Offers:
    """Job offers, one row each.

    - ``occupation``: the offer's ROME fiche (row of the graph);
    - ``required``: (n, n_skills) sparse required skills; the value says which kind:
      ``weights.REQUIRED_CORE`` (2, a core skill of the occupation) or ``REQUIRED_OTHER`` (1);
    - ``nice``: (n, n_skills) sparse nice-to-have skills;
    - ``level``: qualification level asked, 0–8 (0 = none); ``strict``: whether it is a must;
    - ``commune``: place of work (row of the commute matrix);
    - ``permits``: bitmask of permits required;
    - ``contract``: contract type (a bit position of ``Residents.contracts``);
    - ``hours``: hours a week; ``start``: start day number; ``positions``: positions to fill;
    - ``published``: only published offers are matched;
    - ``text``: optional (n, d) vectors of title and description (same space as residents'),
      kept as int8 like residents'.
    """

    occupation: np.ndarray
    required: sp.csr_matrix
    nice: sp.csr_matrix
    level: np.ndarray
    strict: np.ndarray
    commune: np.ndarray
    permits: np.ndarray
    contract: np.ndarray
    hours: np.ndarray
    start: np.ndarray
    positions: np.ndarray
    published: np.ndarray
    text: np.ndarray | None = None

    def __post_init__(self):
        n = len(self.occupation)
        set_ = object.__setattr__
        set_(self, "occupation", _vector(self.occupation, n, np.int32, "occupation"))
        n_skills = self.required.shape[1]
        required = _csr(self.required, (n, n_skills), "required")
        required.data = np.where(
            required.data >= weights.REQUIRED_CORE, weights.REQUIRED_CORE, weights.REQUIRED_OTHER
        ).astype(np.int8)
        set_(self, "required", required)
        nice = _csr(self.nice, (n, n_skills), "nice")
        nice = nice - nice.multiply(required.astype(bool))  # a required skill is not also "nice"
        nice.eliminate_zeros()
        set_(self, "nice", _csr(nice, (n, n_skills), "nice"))
        set_(self, "level", np.clip(_vector(self.level, n, np.int8, "level"), 0, 8).astype(np.int8))
        set_(self, "strict", _vector(self.strict, n, bool, "strict"))
        set_(self, "commune", _vector(self.commune, n, np.int32, "commune"))
        set_(self, "permits", _vector(self.permits, n, np.int64, "permits"))
        set_(self, "contract", _vector(self.contract, n, np.int8, "contract"))
        set_(self, "hours", _vector(self.hours, n, np.float32, "hours"))
        set_(self, "start", _vector(self.start, n, np.int32, "start"))
        set_(self, "positions", np.maximum(_vector(self.positions, n, np.int32, "positions"), 1))
        set_(self, "published", _vector(self.published, n, bool, "published"))
        set_(self, "text", _text(self.text, n, "text"))

    def __len__(self) -> int:
        return len(self.occupation)


@dataclass(frozen=True, eq=False)
class Geography:
    """Estimated door-to-door commute minutes between communes, (n_communes, n_communes) float32.

    Build it with ``referentiel.commute.matrix(latitudes, longitudes)[1]``.
    """

    minutes: np.ndarray

    def __post_init__(self):
        minutes = np.ascontiguousarray(self.minutes, dtype=np.float32)
        if minutes.ndim != 2 or minutes.shape[0] != minutes.shape[1]:
            raise ValueError(f"minutes: shape {minutes.shape}, expected a square matrix")
        object.__setattr__(self, "minutes", minutes)
