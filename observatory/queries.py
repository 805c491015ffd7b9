"""Figures about offers: published, open and filled over time, by sector and by commune, and
the time to fill. Each function runs one aggregate query for the given filters.

An offer counts as *published* in the month of its ``published_at`` (the last publication, for
an offer published again), *filled* in the month of its ``ended_at`` when its status is filled,
and *open* at the end of a month (or now, for the current month) when it was published before
and had not ended yet. Offers taken back to draft by staff do not count as open.
"""

from __future__ import annotations

from observatory.filters import Filters
from observatory.sql import OFFER_COMMUNE, fetch

# One pass over the offers: publications and ends counted by month; the offers open at the end
# of a month are those open when the period starts, plus the publications, minus the ends, so
# far (a running sum). Local (Paris) times are computed once per offer.
OVER_TIME = f"""
WITH o AS MATERIALIZED (
  SELECT o.published_at AT TIME ZONE %(tz)s AS published,
         o.ended_at AT TIME ZONE %(tz)s AS ended, o.status
    FROM offers_offer o
   WHERE o.published_at IS NOT NULL AND o.published_at < %(end)s AND {OFFER_COMMUNE}
     AND (o.ended_at IS NULL OR o.ended_at >= %(start)s)
), months AS (
  SELECT generate_series(%(local_start)s::timestamp, %(local_end)s::timestamp
                         - interval '1 month', interval '1 month') AS month
), starts AS (
  SELECT date_trunc('month', published) AS month, count(*) AS published,
         count(*) FILTER (WHERE status <> 'draft') AS live
    FROM o WHERE published >= %(local_start)s GROUP BY 1
), ends AS (
  SELECT date_trunc('month', ended) AS month,
         count(*) FILTER (WHERE status = 'filled') AS filled,
         count(*) FILTER (WHERE status <> 'draft') AS live
    FROM o WHERE ended < %(local_end)s GROUP BY 1
)
SELECT m.month::date AS month,
       coalesce(s.published, 0) AS published,
       coalesce(e.filled, 0) AS filled,
       ((SELECT count(*) FROM o WHERE published < %(local_start)s AND status <> 'draft')
         + sum(coalesce(s.live, 0) - coalesce(e.live, 0)) OVER (ORDER BY m.month))::int AS open
  FROM months m
  LEFT JOIN starts s ON s.month = m.month
  LEFT JOIN ends e ON e.month = m.month
 ORDER BY m.month
"""  # noqa: S608 (constant fragments; every value is a query parameter)

# Offers published in the period, grouped by a sector key; {key}/{label}/{joins} vary.
BY_SECTOR = """
SELECT {key} AS key, {label} AS label,
       count(*) AS published,
       count(*) FILTER (WHERE o.status = 'published') AS open,
       count(*) FILTER (WHERE o.status = 'filled') AS filled,
       coalesce(sum(o.positions), 0) AS positions
  FROM offers_offer o {joins}
 WHERE o.published_at >= %(start)s AND o.published_at < %(end)s AND {commune}
 GROUP BY 1, 2
 ORDER BY published DESC, key
"""

NAF_JOINS = """
  JOIN accounts_organisation e ON e.id = o.employer_id
  LEFT JOIN referentiel_naf n ON n.code = e.naf_id
  LEFT JOIN referentiel_naf s ON s.code = n.section AND s.level = 'section'
"""
DOMAIN_JOINS = """
  JOIN referentiel_occupation r ON r.code = o.occupation_id
  JOIN referentiel_professionaldomain d ON d.code = r.domain_id
  JOIN referentiel_granddomain g ON g.code = d.grand_domain_id
"""
SECTORS = {
    "naf": ("coalesce(s.code, '')", "coalesce(s.label, 'Secteur non renseigné')", NAF_JOINS),
    "domain": ("g.code", "g.label", DOMAIN_JOINS),
}

BY_COMMUNE = """
SELECT c.code_insee AS code, c.name, c.latitude, c.longitude, c.population,
       count(o.id) AS published,
       count(o.id) FILTER (WHERE o.status = 'published') AS open,
       count(o.id) FILTER (WHERE o.status = 'filled') AS filled
  FROM referentiel_commune c
  LEFT JOIN offers_offer o ON o.commune_id = c.code_insee
   AND o.published_at >= %(start)s AND o.published_at < %(end)s
   AND (%(commune)s::text IS NULL OR c.code_insee = %(commune)s)
 WHERE c.in_territory
 GROUP BY c.code_insee ORDER BY c.name
"""

OUTSIDE = f"""
SELECT count(*) AS published
  FROM offers_offer o JOIN referentiel_commune c ON c.code_insee = o.commune_id
 WHERE NOT c.in_territory AND o.published_at >= %(start)s AND o.published_at < %(end)s
   AND {OFFER_COMMUNE}
"""  # noqa: S608 (constant fragments; every value is a query parameter)

# Days from publication to filled, for offers filled in the period.
FILL_DAYS = "extract(epoch FROM o.ended_at - o.published_at) / 86400.0"
TIME_TO_FILL = f"""
SELECT {{key}} AS key, {{label}} AS label, count(*) AS filled,
       percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY {FILL_DAYS}) AS quartiles
  FROM offers_offer o {{joins}}
 WHERE o.status = 'filled' AND o.published_at IS NOT NULL
   AND o.ended_at >= %(start)s AND o.ended_at < %(end)s AND {OFFER_COMMUNE}
 GROUP BY ROLLUP (({{key}}, {{label}}))
 ORDER BY GROUPING({{key}}, {{label}}) DESC, count(*) DESC, 1
"""  # noqa: S608 (constant fragments; every value is a query parameter)


def offers_over_time(filters: Filters) -> list[dict]:
    """Per month of the period: offers published, filled, and open at the month's end."""
    return fetch(OVER_TIME, filters.params())


def offers_by_sector(filters: Filters, *, by: str) -> list[dict]:
    """Offers published in the period by NAF section of the employer (``by="naf"``) or by
    ROME grand domain of the trade (``by="domain"``), with how many are open or filled now."""
    key, label, joins = SECTORS[by]
    query = BY_SECTOR.format(key=key, label=label, joins=joins, commune=OFFER_COMMUNE)
    return fetch(query, filters.params())


def offers_by_commune(filters: Filters) -> dict:
    """Offers published in the period in each commune of the territory (all 24, zeros
    included; only the filter's commune counts when there is one), and how many were
    published outside the territory."""
    params = filters.params()
    return {
        "communes": fetch(BY_COMMUNE, params),
        "outside": fetch(OUTSIDE, params)[0]["published"],
    }


def time_to_fill(filters: Filters, *, by: str) -> list[dict]:
    """Offers filled in the period and the days it took (quartiles, median in the middle):
    first the whole (``key`` None), then per sector (``by`` as in ``offers_by_sector``)."""
    key, label, joins = SECTORS[by]
    rows = fetch(TIME_TO_FILL.format(key=key, label=label, joins=joins), filters.params())
    for row in rows:
        quartiles = row.pop("quartiles") or [None, None, None]
        row["q1"], row["median"], row["q3"] = (
            round(q, 1) if q is not None else None for q in quartiles
        )
    return rows
