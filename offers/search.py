"""Public search of offers: French full text in PostgreSQL, filters, facets, sort, pages.

The text query matches the offer's ``search_vector`` (French stemming without accents, kept by a
trigger, GIN index) or, for misspelled words, its ``search_text`` through the trigram operator
``%>`` (word similarity ≥ ``pg_trgm.word_similarity_threshold``, set to 0.5 on every connection;
GIN trigram index). Both conditions use their index, so a search reads only the offers it finds.

Places: the communes within the radius or the commute limit are worked out in Python from the
centroids (the stated speed model of ``referentiel.commute``), then filtered by code.

The total and every facet come from one aggregate query over the offers matching the text and
the place: each facet counts with every filter but its own, so a person sees the alternatives.
"""

from __future__ import annotations

import hashlib
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, ExpressionWrapper, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Power, Sqrt
from django.utils import timezone

from offers.models import Contract, Offer, Status
from referentiel import commute
from referentiel.models import Commune, Dataset, GrandDomain, Occupation

PAGE_SIZE = 20
FULL_TIME_HOURS = 35
FACETS_SECONDS = 60
KM_PER_DEGREE = 111.2
# Bumped whenever offers change (offers.services): cached counts are then recomputed.
VERSION_KEY = "offers:version"


def normalize(text: str) -> str:
    """Lower case without accents, as the trigger stores ``search_text``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass
class Criteria:
    q: str = ""
    commune: Commune | None = None
    radius_km: float | None = None
    commute_minutes: int | None = None
    domains: list[str] = field(default_factory=list)
    contracts: list[str] = field(default_factory=list)
    max_level: int | None = None
    time: str = ""  # "full", "part" or ""
    clause: bool = False
    since_days: int | None = None
    sort: str = "relevance"  # relevance, date, distance
    page: int = 1


@dataclass
class Facet:
    value: str
    label: str
    count: int


@dataclass
class Results:
    page: Page
    total: int
    facets: dict[str, list[Facet]]
    criteria: Criteria


# --- Reference tables kept in the process (they change only with a reference-data load) -------


@dataclass(frozen=True)
class _Tables:
    domain_of: dict[str, str]  # occupation code -> grand domain code
    domain_labels: dict[str, str]
    communes: list[str]
    latitudes: np.ndarray
    longitudes: np.ndarray


_lock = threading.Lock()
_tables: dict[str, _Tables] = {}
_checked = [0.0, ""]  # when the reference data's version was last read, and what it was
RECHECK_SECONDS = 30


def _reference_version() -> str:
    """The loaded reference data's version, read at most every ``RECHECK_SECONDS``."""
    now = time.monotonic()
    if now - _checked[0] > RECHECK_SECONDS:
        _checked[1] = "|".join(Dataset.objects.order_by("name").values_list("sha256", flat=True))
        _checked[0] = now
    return _checked[1]


def tables() -> _Tables:
    version = _reference_version()
    with _lock:
        if version not in _tables:
            _tables.clear()
            places = list(Commune.objects.values_list("code_insee", "latitude", "longitude"))
            _tables[version] = _Tables(
                domain_of=dict(Occupation.objects.values_list("code", "domain__grand_domain")),
                domain_labels=dict(GrandDomain.objects.values_list("code", "label")),
                communes=[p[0] for p in places],
                latitudes=np.array([p[1] for p in places]),
                longitudes=np.array([p[2] for p in places]),
            )
        return _tables[version]


def domain_choices() -> list[tuple[str, str]]:
    return sorted(tables().domain_labels.items())


def _near(criteria: Criteria) -> dict[str, float] | None:
    """Commune code -> straight-line km from the chosen commune, within the limits (if any)."""
    if criteria.commune is None:
        return None
    t = tables()
    km = commute.distance_km(
        criteria.commune.latitude, criteria.commune.longitude, t.latitudes, t.longitudes
    )
    limit = np.inf
    if criteria.radius_km is not None:
        limit = min(limit, float(criteria.radius_km))
    if criteria.commute_minutes is not None:
        limit = min(limit, commute.km_for_minutes(criteria.commute_minutes))
    keep = np.flatnonzero(km <= limit)
    return {t.communes[i]: float(km[i]) for i in keep}


def _distance_km(commune: Commune):
    """Straight-line km from ``commune`` (equirectangular: ample at the scale of a region)."""
    cos_lat = float(np.cos(np.radians(commune.latitude)))
    dlat = F("commune__latitude") - Value(commune.latitude)
    dlon = (F("commune__longitude") - Value(commune.longitude)) * Value(cos_lat)
    return ExpressionWrapper(
        Value(KM_PER_DEGREE) * Sqrt(Power(dlat, 2) + Power(dlon, 2)), output_field=FloatField()
    )


def published() -> QuerySet[Offer]:
    """Offers anyone may see: published, by an employer that is not suspended."""
    return Offer.objects.filter(status=Status.PUBLISHED, employer__suspended_at__isnull=True)


def _filters(criteria: Criteria, now) -> dict[str, Q]:
    """One Q per facet dimension, so that each facet can be counted without its own filter."""
    filters = {}
    if criteria.domains:
        wanted = set(criteria.domains)
        codes = [code for code, domain in tables().domain_of.items() if domain in wanted]
        filters["domain"] = Q(occupation_id__in=codes)
    if criteria.contracts:
        filters["contract"] = Q(contract__in=criteria.contracts)
    if criteria.time == "full":
        filters["time"] = Q(hours_per_week__gte=FULL_TIME_HOURS)
    elif criteria.time == "part":
        filters["time"] = Q(hours_per_week__lt=FULL_TIME_HOURS)
    if criteria.max_level is not None:
        filters["level"] = Q(level__isnull=True) | Q(level__lte=criteria.max_level)
    if criteria.clause:
        filters["clause"] = Q(insertion_clause=True)
    if criteria.since_days:
        filters["since"] = Q(published_at__gte=now - timedelta(days=criteria.since_days))
    return filters


def _base(criteria: Criteria, near: dict[str, float] | None) -> QuerySet[Offer]:
    """Published offers matching the text and the place (the facets' common ground)."""
    offers = published()
    if criteria.q.strip():
        query = SearchQuery(criteria.q, config="french_unaccent", search_type="websearch")
        typed = normalize(criteria.q)[:200]
        offers = offers.filter(Q(search_vector=query) | Q(search_text__trigram_word_similar=typed))
    if near is not None:
        offers = offers.filter(commune_id__in=list(near))
    return offers


FACETS_SQL = """
SELECT occupation_id, contract, hours_per_week >= %s AS full_time,
       count(*) FILTER (WHERE {domain}) AS for_domain,
       count(*) FILTER (WHERE {contract}) AS for_contract,
       count(*) FILTER (WHERE {time}) AS for_time,
       count(*) FILTER (WHERE {all}) AS for_all
  FROM ({base}) AS matching
 GROUP BY occupation_id, contract, hours_per_week >= %s
"""


def _counts(criteria: Criteria, base: QuerySet, filters: dict[str, Q]) -> dict:
    """Total and facet counts in one query, cached briefly (they are the same for every page)."""
    key_source = repr(
        (
            criteria.q,
            criteria.commune and criteria.commune.pk,
            criteria.radius_km,
            criteria.commute_minutes,
            sorted(criteria.domains),
            sorted(criteria.contracts),
            criteria.max_level,
            criteria.time,
            criteria.clause,
            criteria.since_days,
        )
    )
    version = cache.get(VERSION_KEY, 0)
    key = f"offers:facets:{version}:" + hashlib.sha256(key_source.encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    # Each row of the inner select carries one boolean per dimension: "passes this filter".
    flags = {name: filters.get(name) for name in ("domain", "contract", "time")}
    others = [q for name, q in filters.items() if name not in flags]
    inner = (
        base.filter(*others)
        .annotate(
            **{
                f"ok_{name}": Case(When(q, then=Value(True)), default=Value(False))
                for name, q in flags.items()
                if q is not None
            }
        )
        .values(
            "occupation_id",
            "contract",
            "hours_per_week",
            *[f"ok_{name}" for name, q in flags.items() if q is not None],
        )
    )
    base_sql, params = inner.query.sql_with_params()

    def passes(*names: str) -> str:
        parts = [f"ok_{n}" for n in names if flags[n] is not None]
        return " AND ".join(parts) or "true"

    sql = FACETS_SQL.format(
        base=base_sql,
        domain=passes("contract", "time"),
        contract=passes("domain", "time"),
        time=passes("domain", "contract"),
        all=passes("domain", "contract", "time"),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [FULL_TIME_HOURS, *params, FULL_TIME_HOURS])
        rows = cursor.fetchall()
    domain_of = tables().domain_of
    result = {"total": 0, "domain": {}, "contract": {}, "time": {"full": 0, "part": 0}}
    for occupation, contract, full_time, for_domain, for_contract, for_time, for_all in rows:
        result["total"] += for_all
        domain = domain_of.get(occupation, "")
        result["domain"][domain] = result["domain"].get(domain, 0) + for_domain
        result["contract"][contract] = result["contract"].get(contract, 0) + for_contract
        result["time"]["full" if full_time else "part"] += for_time
    cache.set(key, result, FACETS_SECONDS)
    return result


class _CountedPaginator(Paginator):
    """A paginator told the total, so that it does not count again."""

    def __init__(self, object_list, per_page, total: int):
        super().__init__(object_list, per_page)
        self._total = total

    @property
    def count(self) -> int:
        return self._total


def search(criteria: Criteria, *, page_size: int = PAGE_SIZE) -> Results:
    """The page of offers matching ``criteria``, the total, and the facet counts."""
    now = timezone.now()
    near = _near(criteria)
    base = _base(criteria, near)
    filters = _filters(criteria, now)
    counts = _counts(criteria, base, filters)

    offers = base.filter(*filters.values())
    text = criteria.q.strip()
    if text:
        query = SearchQuery(criteria.q, config="french_unaccent", search_type="websearch")
        similarity = TrigramWordSimilarity(Value(normalize(criteria.q)[:200]), "search_text")
        offers = offers.annotate(rank=SearchRank(F("search_vector"), query) + similarity)
    if near is not None:
        offers = offers.annotate(distance=_distance_km(criteria.commune))
    if criteria.sort == "distance" and near is not None:
        ordering = ["distance", "-published_at", "-pk"]
    elif criteria.sort == "relevance" and text:
        ordering = ["-rank", "-published_at", "-pk"]
    else:
        ordering = ["-published_at", "-pk"]
    offers = offers.select_related("employer", "commune", "occupation").order_by(*ordering)
    page = _CountedPaginator(offers, page_size, counts["total"]).get_page(criteria.page)

    labels = tables().domain_labels
    facets = {
        "domain": sorted(
            (Facet(code, labels.get(code, code), n) for code, n in counts["domain"].items() if n),
            key=lambda f: (-f.count, f.label),
        ),
        "contract": [
            Facet(code, label, counts["contract"][code])
            for code, label in Contract.choices
            if counts["contract"].get(code)
        ],
        "time": [
            Facet("full", "Temps plein", counts["time"]["full"]),
            Facet("part", "Temps partiel", counts["time"]["part"]),
        ],
    }
    return Results(page=page, total=counts["total"], facets=facets, criteria=criteria)
