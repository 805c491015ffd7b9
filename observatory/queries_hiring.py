"""Figures about applications and hires: the funnel applications → interviews → hires, and who
was hired (residents of the territory, residents of a QPV).

An application (or a referral) counts in the funnel of the period it was sent (proposed)
in: a cohort; it reached the interview stage when its log shows an interview or its status is
interview or hired. A hire counts in the month it was reported (the ``hired`` step of the log).
Hires come from applications and from referrals (an advisor's proposal, hired without an
application). Where the hired person lived is the snapshot taken when they applied or were
referred (``resident_commune``, ``resident_in_qpv``), kept even after the account is erased.
"""

from __future__ import annotations

from observatory.filters import Filters
from observatory.sql import OFFER_COMMUNE, fetch

FUNNEL = f"""
SELECT count(*) AS applications,
       count(*) FILTER (WHERE a.status IN ('interview', 'hired') OR a.id IN (
         SELECT t.application_id FROM applications_applicationtransition t
          WHERE t.to_status = 'interview')) AS interviews,
       count(*) FILTER (WHERE a.status = 'hired') AS hires
  FROM applications_application a JOIN offers_offer o ON o.id = a.offer_id
 WHERE a.created_at >= %(start)s AND a.created_at < %(end)s AND {OFFER_COMMUNE}
"""  # noqa: S608 (constant fragments; every value is a query parameter)

# Hires per month from the log of {table} (applications or referrals).
HIRES = f"""
SELECT date_trunc('month', t.at AT TIME ZONE %(tz)s)::date AS month,
       count(*) AS hires,
       count(*) FILTER (WHERE a.resident_in_qpv) AS qpv,
       count(*) FILTER (WHERE NOT a.resident_in_qpv AND c.in_territory) AS territory_other,
       count(*) FILTER (WHERE NOT a.resident_in_qpv AND NOT c.in_territory) AS outside,
       count(*) FILTER (WHERE NOT a.resident_in_qpv AND c.code_insee IS NULL) AS unknown
  FROM {{table}}transition t
  JOIN {{table}} a ON a.id = t.{{key}}_id
  JOIN offers_offer o ON o.id = a.offer_id
  LEFT JOIN referentiel_commune c ON c.code_insee = a.resident_commune_id
 WHERE t.to_status = 'hired' AND a.status = 'hired'
   AND t.at >= %(start)s AND t.at < %(end)s AND {OFFER_COMMUNE}
 GROUP BY 1 ORDER BY 1
"""  # noqa: S608 (constant fragments; every value is a query parameter)
SOURCES = {
    "applications": ("applications_application", "application"),
    "referrals": ("referrals_referral", "referral"),
}

REFERRALS = f"""
SELECT s.structure_kind AS kind,
       count(*) AS referrals,
       count(*) FILTER (WHERE r.sent_at IS NOT NULL) AS sent,
       count(*) FILTER (WHERE r.status IN ('interview', 'hired') OR r.id IN (
         SELECT t.referral_id FROM referrals_referraltransition t
          WHERE t.to_status = 'interview')) AS interviews,
       count(*) FILTER (WHERE r.status = 'hired') AS hires
  FROM referrals_referral r
  JOIN accounts_organisation s ON s.id = r.structure_id
  JOIN offers_offer o ON o.id = r.offer_id
 WHERE r.created_at >= %(start)s AND r.created_at < %(end)s AND {OFFER_COMMUNE}
 GROUP BY ROLLUP (s.structure_kind)
 ORDER BY GROUPING(s.structure_kind), count(*) DESC, 1
"""  # noqa: S608 (constant fragments; every value is a query parameter)

HIRE_KEYS = ("hires", "qpv", "territory_other", "outside", "unknown", "referrals")


def funnel(filters: Filters) -> dict:
    """Applications sent in the period, how many reached an interview, how many a hire."""
    return fetch(FUNNEL, filters.params())[0]


def hires_by_month(filters: Filters) -> list[dict]:
    """Per month of the period (every month, zeros included): hires through applications and
    referrals (``referrals``: how many through a referral), and how many went to residents of
    a QPV, to other residents of the territory, to people from outside, or to people whose
    commune is unknown."""
    params = filters.params()
    rows = {month: {"month": month, **dict.fromkeys(HIRE_KEYS, 0)} for month in filters.months}
    for source, (table, key) in SOURCES.items():
        for found in fetch(HIRES.format(table=table, key=key), params):
            row = rows[found["month"]]
            for name in HIRE_KEYS[:-1]:
                row[name] += found[name]
            if source == "referrals":
                row["referrals"] = found["hires"]
    return list(rows.values())


def referrals_by_kind(filters: Filters) -> list[dict]:
    """Referrals made in the period by kind of advisory structure, then all kinds together
    (``kind`` None): how many were sent to the employer, led to an interview, to a hire."""
    return fetch(REFERRALS, filters.params())


def hires_total(rows: list[dict]) -> dict:
    return {key: sum(row[key] for row in rows) for key in HIRE_KEYS}
