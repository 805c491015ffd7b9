"""Insertion clauses: for each operation, the hours of insertion achieved against its target.

Hours are recorded per hire (through an application or a referral) by the facilitator, as a
running total: they are not dated, so an operation counts with all its hours when it is under
way during the period (it started before the period ends and ends after it starts). With a
commune, only the operations with an offer in that commune are kept.
"""

from __future__ import annotations

from clauses.models import ClauseOperation
from observatory.filters import Filters
from observatory.sql import fetch

OFFERS_TABLE = ClauseOperation.offers.through._meta.db_table

OPERATIONS = f"""
SELECT op.id, op.name, op.contracting_authority AS authority, op.lot,
       op.starts_on, op.ends_on, op.hours_target AS target, coalesce(f.name, '') AS facilitator,
       coalesce(h.hours, 0)::float AS hours, coalesce(h.hires, 0) AS hires,
       coalesce(h.qpv_hours, 0)::float AS qpv_hours
  FROM clauses_clauseoperation op
  LEFT JOIN accounts_organisation f ON f.id = op.facilitator_id
  LEFT JOIN (
    SELECT ch.operation_id, sum(ch.hours) AS hours, count(*) AS hires,
           sum(ch.hours) FILTER (WHERE coalesce(r.resident_in_qpv, a.resident_in_qpv))
             AS qpv_hours
      FROM clauses_clausehours ch
      LEFT JOIN referrals_referral r ON r.id = ch.referral_id
      LEFT JOIN applications_application a ON a.id = ch.application_id
     GROUP BY ch.operation_id
  ) h ON h.operation_id = op.id
 WHERE op.starts_on < %(end_date)s AND op.ends_on >= %(start_date)s
   AND (%(commune)s::text IS NULL OR EXISTS (
     SELECT 1 FROM {OFFERS_TABLE} link JOIN offers_offer o ON o.id = link.offer_id
      WHERE link.clauseoperation_id = op.id AND o.commune_id = %(commune)s))
 ORDER BY op.ends_on, op.name
"""  # noqa: S608 (a table name from the model; every value is a query parameter)


def operations(filters: Filters) -> list[dict]:
    """Operations under way in the period: target, hours achieved, hires, hours by QPV
    residents."""
    return fetch(OPERATIONS, filters.params())
