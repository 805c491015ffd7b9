"""Figures from the matcher's current run: the skills most missing between residents and the
offers listed for them (the GPEC view), the trainings that teach them, and how evenly offers
are shown (crowding). Filters apply to the offers: published in the period, in the commune.
"""

from __future__ import annotations

from matching.models import Run, Training
from observatory.filters import Filters
from observatory.sql import OFFER_COMMUNE, fetch

# Grouped by skill code alone (labels joined on the 20 rows kept): narrow rows to aggregate.
MISSING = f"""
SELECT top.code, s.label, s.kind, top.pairs, top.residents, top.offers, top.core_pairs
  FROM (
    SELECT u.skill AS code,
           count(*) AS pairs,
           count(DISTINCT m.profile_id) AS residents,
           count(DISTINCT m.offer_id) AS offers,
           count(*) FILTER (WHERE u.rank <= m.missing_core) AS core_pairs
      FROM matching_match m
      JOIN offers_offer o ON o.id = m.offer_id
      CROSS JOIN LATERAL unnest(m.missing) WITH ORDINALITY AS u(skill, rank)
     WHERE m.run_id = %(run)s AND m.for_resident
       AND o.published_at >= %(start)s AND o.published_at < %(end)s AND {OFFER_COMMUNE}
     GROUP BY u.skill
     ORDER BY pairs DESC, u.skill
     LIMIT %(limit)s
  ) top
  LEFT JOIN referentiel_skill s ON s.code = top.code
 ORDER BY top.pairs DESC, top.code
"""  # noqa: S608 (constant fragments; every value is a query parameter)

EXPOSURE = f"""
WITH shown AS (
  SELECT o.id, count(m.id) AS residents
    FROM offers_offer o
    LEFT JOIN matching_match m ON m.offer_id = o.id AND m.run_id = %(run)s AND m.for_resident
   WHERE o.status = 'published'
     AND o.published_at >= %(start)s AND o.published_at < %(end)s AND {OFFER_COMMUNE}
   GROUP BY o.id
)
SELECT b.rank, b.label, count(shown.id) AS offers
  FROM (VALUES (0, 0, 0, 'jamais'), (1, 1, 5, '1 à 5'), (2, 6, 20, '6 à 20'),
               (3, 21, 100, '21 à 100'), (4, 101, 2147483647, 'plus de 100'))
       AS b(rank, low, high, label)
  LEFT JOIN shown ON shown.residents BETWEEN b.low AND b.high
 GROUP BY b.rank, b.label ORDER BY b.rank
"""  # noqa: S608 (constant fragments; every value is a query parameter)


def current_run() -> dict | None:
    run = Run.current()
    if run is None:
        return None
    return {"id": run.pk, "finished_at": run.finished_at, "figures": run.figures or {}}


def skills_missing(filters: Filters, run_id: int, *, limit: int = 20) -> list[dict]:
    """The skills most often missing in the current run's (resident, offer) lists, most
    missing first: pairs lacking it, residents, offers, and pairs where it is a core skill."""
    return fetch(MISSING, {**filters.params(), "run": run_id, "limit": limit})


def trainings_closing(skills: list[dict], *, limit: int = 10) -> list[dict]:
    """Active trainings that teach some of ``skills``, those closing most pairs first."""
    pairs = {row["code"]: row["pairs"] for row in skills}
    labels = {row["code"]: row["label"] or row["code"] for row in skills}
    links = (
        Training.skills.through.objects.filter(skill_id__in=list(pairs), training__active=True)
        .values_list("training_id", "training__title", "training__provider",
                     "training__commune__name", "training__duration_hours", "skill_id")
        .order_by("training__title")
    )  # fmt: skip
    found: dict[int, dict] = {}
    for pk, title, provider, commune, hours, skill in links:
        item = found.setdefault(
            pk,
            {"title": title, "provider": provider, "commune": commune, "hours": hours,
             "skills": [], "pairs": 0},
        )  # fmt: skip
        item["skills"].append(labels[skill])
        item["pairs"] += pairs[skill]
    ranked = sorted(found.values(), key=lambda t: (-t["pairs"], -len(t["skills"]), t["title"]))
    return ranked[:limit]


def exposure(filters: Filters, run_id: int) -> list[dict]:
    """Published offers by how many residents have them in their best list."""
    return fetch(EXPOSURE, {**filters.params(), "run": run_id})
