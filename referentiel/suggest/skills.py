"""Skill suggestion: free text -> ROME skills (savoir-faire) and knowledge (savoirs).

Searching from an occupation's page or offer form, the caller passes the codes linked to that
occupation as ``boost_codes``: those items come first among the matches.
"""

from __future__ import annotations

import csv
import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .index import TokenIndex

SKILLS_CSV = Path("rome4_v460") / "unix_referentiel_competence_v460_utf8.csv"
KNOWLEDGE_CSV = Path("rome4_v460") / "unix_referentiel_savoir_v460_utf8.csv"
LINKS_CSV = Path("rome4_v460") / "unix_liens_rome_referentiels_v460_utf8.csv"
SKILL_BLOCK = "5"  # code_compo_bloc of the fiche <-> skill and knowledge links
MAX_LIMIT = 100
# Share of the final score given by belonging to the boosted occupation.
BOOST_SHARE = 0.35


@dataclass(frozen=True, slots=True)
class SkillItem:
    """A skill or a piece of knowledge; ``kind`` is "skill" or "knowledge"."""

    code: str
    label: str
    kind: str


@dataclass(frozen=True, slots=True)
class SkillSuggestion:
    code: str
    label: str
    kind: str
    score: float
    boosted: bool


class SkillIndex:
    """Searchable set of skills and knowledge. Build once, query from many threads."""

    def __init__(self, items: list[SkillItem], index: TokenIndex) -> None:
        self.items = items
        self._index = index
        self._order = [(len(item.label), item.label, item.code) for item in items]

    @classmethod
    def build(cls, items: Iterable[SkillItem | tuple[str, str, str]]) -> SkillIndex:
        """Index items given as ``SkillItem`` or (code, label, kind) tuples."""
        items = [item if isinstance(item, SkillItem) else SkillItem(*item) for item in items]
        return cls(items, TokenIndex.build([item.label for item in items]))

    def __len__(self) -> int:
        return len(self.items)

    def search(
        self, query: str, limit: int = 10, boost_codes: set[str] | frozenset[str] | None = None
    ) -> list[SkillSuggestion]:
        """Items best matching ``query``; items whose code is in ``boost_codes`` rank first.

        Never raises on user input; returns [] when nothing matches.
        """
        if not isinstance(query, str) or not isinstance(limit, int) or limit <= 0:
            return []
        limit = min(limit, MAX_LIMIT)
        boost = boost_codes or frozenset()
        items = self.items
        final: dict[int, float] = {}
        # With a boost, any matching item of the occupation may rank first: score them all.
        depth = limit if not boost else len(items)
        for position, score in self._index.scores(query, depth).items():
            boosted = items[position].code in boost
            final[position] = (1.0 - BOOST_SHARE) * score + BOOST_SHARE * boosted
        order = self._order
        ranked = heapq.nsmallest(limit, final, key=lambda p: (-round(final[p], 6), order[p]))
        return [
            SkillSuggestion(
                code=items[p].code,
                label=items[p].label,
                kind=items[p].kind,
                score=round(min(1.0, max(0.0, final[p])), 4),
                boosted=items[p].code in boost,
            )
            for p in ranked
        ]


def load_skill_items(data_dir: str | Path) -> list[SkillItem]:
    """Skills ("Compétence" items) and knowledge of the ROME 4.0 CSV files of ``data_dir``."""
    data_dir = Path(data_dir)
    items = []
    with (data_dir / SKILLS_CSV).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("nature", "Compétence") == "Compétence":
                items.append(SkillItem(row["code_ogr"], row["libelle_competence"], "skill"))
    with (data_dir / KNOWLEDGE_CSV).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            items.append(SkillItem(row["code_ogr_savoir"], row["libelle_savoir"], "knowledge"))
    return items


def load_occupation_skills(data_dir: str | Path) -> dict[str, set[str]]:
    """Codes of the skills and knowledge linked to each ROME fiche (code_rome -> codes)."""
    links: dict[str, set[str]] = defaultdict(set)
    with (Path(data_dir) / LINKS_CSV).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["code_compo_bloc"] == SKILL_BLOCK:
                links[row["code_rome"]].add(row["code_ogr"])
    return dict(links)
