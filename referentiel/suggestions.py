"""Job-title and skill suggestion over the reference data in the database.

The indexes of ``referentiel.suggest`` are built from the database once per process and kept
while the loaded data does not change (its ``Dataset`` checksums are the cache key).
"""

from __future__ import annotations

import logging
import threading

from django.db import connections

from referentiel.models import Appellation, Dataset, OccupationSkill, Skill
from referentiel.suggest import Record, SkillIndex, SkillItem, Suggestion, TitleIndex
from referentiel.suggest.skills import SkillSuggestion

logger = logging.getLogger(__name__)

MAX_QUERY = 200
_lock = threading.Lock()
_indexes: dict[str, tuple[str, object]] = {}


def _version(*names: str) -> str:
    rows = Dataset.objects.filter(name__in=names).order_by("name").values_list("sha256", flat=True)
    return "|".join(rows)


def _cached(name: str, version: str, build):
    cached = _indexes.get(name)
    if cached and cached[0] == version:
        return cached[1]
    with _lock:
        cached = _indexes.get(name)
        if cached and cached[0] == version:
            return cached[1]
        index = build()
        _indexes[name] = (version, index)
        return index


def title_index() -> TitleIndex:
    def build():
        rows = Appellation.objects.values_list(
            "code_ogr", "label", "occupation_id", "occupation__title", "rare", "main"
        )
        return TitleIndex.build(Record(*row) for row in rows)

    return _cached("titles", _version("rome-appellations", "rome-fiches"), build)


def skill_index() -> SkillIndex:
    def build():
        kinds = {Skill.Kind.KNOWLEDGE: "knowledge"}
        rows = Skill.objects.values_list("code", "label", "kind")
        return SkillIndex.build(
            SkillItem(code, label, kinds.get(kind, "skill")) for code, label, kind in rows
        )

    return _cached("skills", _version("rome-competences"), build)


def warm_in_background() -> None:
    """Build both indexes now, in a thread, so that the first person to type in a new web worker
    does not wait for them (about 2 s of CPU). A failure (no database yet) is only logged: the
    first request builds them then."""

    def build():
        try:
            title_index()
            skill_index()
        except Exception:
            logger.warning("Index de suggestion non préparé au démarrage", exc_info=True)
        finally:
            connections.close_all()

    threading.Thread(target=build, name="suggestion-indexes", daemon=True).start()


def suggest_titles(query: str, limit: int = 10) -> list[Suggestion]:
    """Appellations for what a person typed, best first (see ``referentiel.suggest``)."""
    return title_index().search(query[:MAX_QUERY], limit)


# A typed text scoring this much against a job title (scores are in [0, 1]) is that title...
SURE_SCORE = 0.9
# ...and so is one scoring this much when no title of another ROME fiche comes within MARGIN.
LIKELY_SCORE = 0.7
MARGIN = 0.05
# Below this, the best title shares no more than a word or two with the text ("bonjour").
MATCH_SCORE = 0.5


def named_title(text: str) -> tuple[Suggestion | None, list[Suggestion]]:
    """The job title that ``text`` names without doubt (or None), and the closest titles, best
    first (empty when none comes near). For a text typed without choosing in the list, or an
    offer imported without a code."""
    found = [s for s in suggest_titles(text, 10) if s.score >= MATCH_SCORE]
    if not found:
        return None, []
    best = found[0]
    rival = max((s.score for s in found if s.code_rome != best.code_rome), default=0.0)
    if best.score >= SURE_SCORE or (best.score >= LIKELY_SCORE and rival < best.score - MARGIN):
        return best, found
    return None, found


def suggest_skills(
    query: str, *, occupation: str | None = None, limit: int = 10
) -> list[SkillSuggestion]:
    """Skills and knowledge for ``query``; those of ``occupation`` (a ROME code) first."""
    boost = None
    if occupation:
        boost = frozenset(
            OccupationSkill.objects.filter(occupation_id=occupation).values_list(
                "skill_id", flat=True
            )
        )
    return skill_index().search(query[:MAX_QUERY], limit, boost_codes=boost)
