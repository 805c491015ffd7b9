"""Public search of offers: French full text in PostgreSQL, filters, facets, sort, pages.

The text query matches the offer's ``search_vector`` (French stemming without accents, kept by a
trigger) or, for misspelled words, its ``search_text`` by trigram word similarity. Distances are
computed in SQL from commune centroids; a commute limit in minutes becomes a distance through the
stated speed model of ``referentiel.commute``.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.core.paginator import Page, Paginator
from django.db.models import Count, ExpressionWrapper, F, FloatField, Q, QuerySet, Value
from django.db.models.functions import Power, Sqrt
from django.utils import timezone

from offers.models import Contract, Offer, Status
from referentiel.commute import km_for_minutes
from referentiel.models import Commune, GrandDomain

PAGE_SIZE = 20
KM_PER_DEGREE = 111.2
FULL_TIME_HOURS = 35
TRIGRAM_MIN = 0.5


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


def published() -> QuerySet[Offer]:
    """Offers anyone may see: published, by an employer that is not suspended."""
    return Offer.objects.filter(status=Status.PUBLISHED, employer__suspended_at__isnull=True)


def _distance_km(commune: Commune):
    cos_lat = math.cos(math.radians(commune.latitude))
    dlat = F("commune__latitude") - Value(commune.latitude)
    dlon = (F("commune__longitude") - Value(commune.longitude)) * Value(cos_lat)
    return ExpressionWrapper(
        Value(KM_PER_DEGREE) * Sqrt(Power(dlat, 2) + Power(dlon, 2)), output_field=FloatField()
    )


def _max_km(criteria: Criteria) -> float | None:
    limits = []
    if criteria.radius_km is not None:
        limits.append(float(criteria.radius_km))
    if criteria.commute_minutes is not None:
        limits.append(km_for_minutes(criteria.commute_minutes))
    return min(limits) if limits else None


def _filters(criteria: Criteria, now) -> dict[str, Q]:
    """One Q per facet dimension, so that each facet can be counted without its own filter."""
    filters = {}
    if criteria.domains:
        filters["domain"] = Q(occupation__domain__grand_domain__in=criteria.domains)
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


def _base(criteria: Criteria) -> QuerySet[Offer]:
    offers = published()
    if criteria.q.strip():
        query = SearchQuery(criteria.q, config="french_unaccent", search_type="websearch")
        typed = normalize(criteria.q)[:200]
        offers = offers.annotate(
            similarity=TrigramWordSimilarity(Value(typed), "search_text")
        ).filter(Q(search_vector=query) | Q(similarity__gte=TRIGRAM_MIN))
        offers = offers.annotate(rank=SearchRank(F("search_vector"), query) + F("similarity"))
    if criteria.commune is not None:
        offers = offers.annotate(distance=_distance_km(criteria.commune))
        limit = _max_km(criteria)
        if limit is not None:
            offers = offers.filter(distance__lte=limit)
    return offers


def search(criteria: Criteria, *, page_size: int = PAGE_SIZE) -> Results:
    """The page of offers matching ``criteria``, the total, and the facet counts."""
    now = timezone.now()
    base = _base(criteria)
    filters = _filters(criteria, now)
    offers = base.filter(*filters.values())

    if criteria.sort == "distance" and criteria.commune is not None:
        ordering = ["distance", "-published_at", "-pk"]
    elif criteria.sort == "relevance" and criteria.q.strip():
        ordering = ["-rank", "-published_at", "-pk"]
    else:
        ordering = ["-published_at", "-pk"]
    offers = offers.select_related("employer", "commune", "occupation").order_by(*ordering)
    page = Paginator(offers, page_size).get_page(criteria.page)

    def counts(dimension: str, group: str) -> dict[str, int]:
        others = [q for name, q in filters.items() if name != dimension]
        rows = base.filter(*others).values(group).annotate(n=Count("pk")).order_by()
        return {row[group]: row["n"] for row in rows}

    domains = dict(GrandDomain.objects.values_list("code", "label"))
    domain_counts = counts("domain", "occupation__domain__grand_domain")
    contract_counts = counts("contract", "contract")
    time_counts = counts("time", "hours_per_week")
    facets = {
        "domain": sorted(
            (Facet(code, domains.get(code, code), n) for code, n in domain_counts.items()),
            key=lambda f: (-f.count, f.label),
        ),
        "contract": [
            Facet(code, label, contract_counts[code])
            for code, label in Contract.choices
            if contract_counts.get(code)
        ],
        "time": [
            Facet(
                "full",
                "Temps plein",
                sum(n for h, n in time_counts.items() if h >= FULL_TIME_HOURS),
            ),
            Facet(
                "part",
                "Temps partiel",
                sum(n for h, n in time_counts.items() if h < FULL_TIME_HOURS),
            ),
        ],
    }
    return Results(page=page, total=page.paginator.count, facets=facets, criteria=criteria)
