"""Fairness and crowding figures of a run, read from its matches.

Crowding: how unevenly offers are exposed (how many residents have each offer in their best
list; Gini, also per position to fill; share of offers never shown). Fairness: for residents in a
QPV and the others, the mean best score and the share with at least one match >= 60. The QPV
status is read here for reporting only; it is never an input of the score.
"""

from __future__ import annotations

import numpy as np
from django.db import connection

from matching.engine import GOOD_MATCH
from matching.engine.fairness import gini
from vitrine.french import THIN, number

EXPOSURE = """
SELECT o.id, o.positions, count(m.id)
  FROM offers_offer o
  LEFT JOIN matching_match m ON m.offer_id = o.id AND m.run_id = %s AND m.for_resident
 WHERE o.id IN (SELECT DISTINCT offer_id FROM matching_match WHERE run_id = %s)
    OR (o.status = 'published')
 GROUP BY o.id, o.positions
"""

BEST = """
SELECT p.id, p.qpv_id IS NOT NULL, coalesce(max(m.score), 0)
  FROM residents_profile p
  JOIN residents_consent c ON c.profile_id = p.id AND c.kind = 'matching' AND c.revoked_at IS NULL
  LEFT JOIN matching_match m ON m.profile_id = p.id AND m.run_id = %s AND m.for_resident
 WHERE p.anonymised_at IS NULL
 GROUP BY p.id, p.qpv_id
"""


def _group(best: np.ndarray) -> dict:
    if len(best) == 0:
        return {"residents": 0, "mean_best_score": 0.0, "share_good_match": 0.0}
    return {
        "residents": len(best),
        "mean_best_score": round(float(best.mean()), 1),
        "share_good_match": round(float(np.mean(best >= GOOD_MATCH)), 3),
    }


def run_figures(run) -> dict:
    """The run's crowding and fairness figures, as stored in ``Run.figures``."""
    with connection.cursor() as cursor:
        cursor.execute(EXPOSURE, [run.pk, run.pk])
        offers = np.array(cursor.fetchall(), dtype=np.float64).reshape(-1, 3)
        cursor.execute(BEST, [run.pk])
        residents = np.array(cursor.fetchall(), dtype=np.float64).reshape(-1, 3)
    shown = offers[:, 2] if len(offers) else np.zeros(0)
    per_position = shown / np.maximum(offers[:, 1], 1) if len(offers) else np.zeros(0)
    qpv = residents[:, 1].astype(bool) if len(residents) else np.zeros(0, bool)
    best = residents[:, 2] if len(residents) else np.zeros(0)
    return {
        "offers": len(offers),
        "exposure_gini": round(gini(shown), 3),
        "exposure_gini_per_position": round(gini(per_position), 3),
        "never_shown": round(float(np.mean(shown == 0)), 3) if len(shown) else 0.0,
        "max_exposure": int(shown.max(initial=0)),
        "qpv": _group(best[qpv]),
        "others": _group(best[~qpv]),
    }


def _percent(share: float) -> str:
    return f"{number(100 * share, 1)}{THIN}%"


def format_figures(figures: dict) -> list[str]:
    """The figures as short French lines, numbers written the French way as the observatory
    writes them (``vitrine.french``; ``manage.py matching_report``, staff page)."""
    if not figures:
        return ["Aucun chiffre pour ce calcul."]
    lines = [
        f"Offres : {number(figures['offers'])} ; "
        f"jamais montrées : {_percent(figures['never_shown'])}",
        f"Exposition des offres (Gini) : {number(figures['exposure_gini'], 3)} ; "
        f"par poste à pourvoir : {number(figures['exposure_gini_per_position'], 3)} ; "
        f"la plus montrée l'est à {number(figures['max_exposure'])} habitants",
    ]
    for key, label in (("qpv", "Habitants des QPV"), ("others", "Autres habitants")):
        group = figures[key]
        lines.append(
            f"{label} : {number(group['residents'])} ; meilleur score moyen "
            f"{number(group['mean_best_score'], 1)} ; au moins une offre à 60 ou plus : "
            f"{_percent(group['share_good_match'])}"
        )
    return lines


def rerank_figures(*, pool: int = 60) -> dict:
    """Crowding and fairness of the current data, plain lists against lists re-ranked so that
    exposure follows the positions to fill (``matching.engine.fairness.rerank``).

    Scores the current residents and offers again with longer lists (``pool`` per resident),
    then re-ranks; QPV membership is read for reporting only.
    """
    from threadpoolctl import threadpool_limits

    from matching import data
    from matching.engine import match
    from matching.engine.fairness import rerank, rerank_effect
    from residents.models import Profile

    ref = data.reference()
    residents, r_ids, r_permits = data.residents(ref)
    offers, _o_ids, o_permits = data.offers(ref)
    residents, offers = data.with_permits(residents, r_permits, offers, o_permits)
    if len(r_ids) == 0 or len(offers) == 0:
        return {}
    with threadpool_limits(1):
        result = match(residents, offers, ref.graph, ref.geography, pool=pool)
    index, score = rerank(result.pool_index, result.pool_score, offers.positions)
    in_qpv = set(Profile.objects.filter(qpv__isnull=False).values_list("pk", flat=True))
    group = np.array([pk in in_qpv for pk in r_ids.tolist()], bool)
    effect = rerank_effect(
        result.by_resident.index,
        result.by_resident.score,
        index,
        score,
        group,
        offers.positions,
        offers=offers.published,
        residents=residents.consent,
    )
    return effect.summary()


def format_rerank(summary: dict) -> list[str]:
    if not summary:
        return ["Pas de re-classement : aucun habitant ou aucune offre."]

    def pair(name: str, percent: bool = False) -> str:
        before, after = summary[f"{name}_before"], summary[f"{name}_after"]
        if percent:
            return f"{_percent(before)} → {_percent(after)}"
        return f"{number(before, 3)} → {number(after, 3)}"

    return [
        "Re-classement selon les postes à pourvoir (avant → après) :",
        f"  exposition (Gini) {pair('gini')} ; par poste {pair('gini_per_position')} ; "
        f"jamais montrées {pair('never_shown', True)}",
        f"  QPV : au moins une offre à 60 ou plus {pair('group_good_match', True)} ; "
        f"autres {pair('others_good_match', True)}",
    ]
