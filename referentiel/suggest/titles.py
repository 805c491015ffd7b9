"""Job-title suggestion: free text -> ranked ROME appellations, each with its occupation."""

from __future__ import annotations

import csv
import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .aliases import AliasTable
from .index import TokenIndex
from .text import STOP_WORDS, words

APPELLATIONS_CSV = Path("rome4_v460") / "unix_referentiel_appellation_v460_utf8.csv"
OCCUPATIONS_CSV = Path("rome.csv")
MAX_LIMIT = 100
# Titles that differ only by their grammatical words ("Ingénieur de travaux" and "Ingénieur
# travaux", "Responsable de la relation clientèle" and "Responsable relation client") score
# alike; the one whose small words agree with the query's comes first. Per agreeing word
# (less half per word of the title the query lacks): small next to the index's W_ORDER.
W_SMALL_WORDS = 0.02


@dataclass(frozen=True, slots=True)
class Record:
    """An appellation (job title) of the ROME and the occupation (fiche) it belongs to.

    ``rare`` is the ROME's "peu usité" flag; ``main`` marks the fiche's main title.
    """

    code_ogr: str
    label: str
    code_rome: str
    label_rome: str
    rare: bool = False
    main: bool = False


@dataclass(frozen=True, slots=True)
class Suggestion:
    code_ogr: str
    label: str
    code_rome: str
    label_rome: str
    score: float


def _prior(record: Record) -> float:
    return 0.5 * record.main + 0.5 * (not record.rare)


class TitleIndex:
    """Searchable set of appellations. Build once, query from many threads (read-only)."""

    def __init__(self, records: list[Record], index: TokenIndex) -> None:
        self.records = records
        self._index = index
        # Ties are broken towards main titles, frequent titles, then shorter labels.
        self._order = [(not r.main, r.rare, len(r.label), r.label, r.code_ogr) for r in records]
        self._small = [_small_words(r.label) for r in records]

    @classmethod
    def build(cls, records: Iterable[Record], aliases: AliasTable | None = None) -> TitleIndex:
        """Index ``records``; ``aliases`` defaults to the curated acronym table."""
        records = list(records)
        index = TokenIndex.build(
            [r.label for r in records],
            [_prior(r) for r in records],
            aliases=aliases if aliases is not None else AliasTable.load(),
            groups=[r.code_rome for r in records],
        )
        return cls(records, index)

    def __len__(self) -> int:
        return len(self.records)

    def _weigh_small_words(self, query: str, scores: dict[int, float], limit: int) -> None:
        """Add ``W_SMALL_WORDS`` per grammatical word the query and a title share, less half of
        it per word of the title the query lacks; only for the titles this can bring into the
        first ``limit``."""
        said = _small_words(query)
        best = heapq.nlargest(limit, scores.values())
        floor = best[-1] - W_SMALL_WORDS * sum(said.values())
        small = self._small
        for position, score in scores.items():
            label = small[position]
            if score < floor or not (label or said):
                continue
            agree = sum((said & label).values()) - 0.5 * sum((label - said).values())
            scores[position] = score + W_SMALL_WORDS * agree

    def search(self, query: str, limit: int = 10) -> list[Suggestion]:
        """Appellations best matching ``query``, best first; [] when nothing matches.

        Never raises on user input: any text (empty, very long, emoji, markup) is accepted.
        """
        if not isinstance(query, str) or not isinstance(limit, int) or limit <= 0:
            return []
        limit = min(limit, MAX_LIMIT)
        scores = self._index.scores(query, limit)
        if not scores:
            return []
        self._weigh_small_words(query, scores, limit)
        order = self._order
        ranked = heapq.nsmallest(limit, scores, key=lambda p: (-round(scores[p], 6), order[p]))
        result = []
        for position in ranked:
            record = self.records[position]
            result.append(
                Suggestion(
                    code_ogr=record.code_ogr,
                    label=record.label,
                    code_rome=record.code_rome,
                    label_rome=record.label_rome,
                    score=round(min(1.0, max(0.0, scores[position])), 4),
                )
            )
        return result


def _small_words(text: str) -> Counter:
    """The grammatical words of ``text`` ("de", "la", "des"...), with their counts."""
    return Counter(word for word in words(text) if word in STOP_WORDS)


def load_records(data_dir: str | Path) -> list[Record]:
    """Appellations from the ROME 4.0 CSV files of ``data_dir`` (referentiel/data)."""
    data_dir = Path(data_dir)
    with (data_dir / OCCUPATIONS_CSV).open(encoding="utf-8", newline="") as handle:
        occupations = {row["code_rome"]: row["libelle_rome"] for row in csv.DictReader(handle)}
    records = []
    with (data_dir / APPELLATIONS_CSV).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code_rome = row["code_rome"]
            records.append(
                Record(
                    code_ogr=row["code_ogr"],
                    label=row["libelle_appellation_long"],
                    code_rome=code_rome,
                    label_rome=occupations.get(code_rome, ""),
                    rare=row.get("peu_usite") == "O",
                    main=row.get("classification") == "PRINCIPALE",
                )
            )
    return records
