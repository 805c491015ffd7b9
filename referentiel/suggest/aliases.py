"""Acronyms and abbreviations people use for trades ("ASH", "chauffeur PL", "CAP petite enfance").

The table is hand-curated in ``data/aliases.txt``. Expanding a query gives one or more variants
(an acronym shared by several trades gives one variant per trade); the engine searches each
variant and keeps the best score of every title.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import product
from pathlib import Path

from .text import DATA_DIR, STOP_WORDS, singular, words

ALIASES_FILE = DATA_DIR / "aliases.txt"
MAX_VARIANTS = 4


def key_tokens(text: str) -> tuple[str, ...]:
    """Tokens used to match an alias: unaccented, singular, without grammatical words."""
    return tuple(singular(w) for w in words(text) if w not in STOP_WORDS)


@dataclass(frozen=True, slots=True)
class Piece:
    """A token of an expanded query.

    ``required`` is False for the typed acronym once it is expanded: a title need not contain
    "ASH" to match "agent de service hospitalier", but may, and then counts it.
    """

    token: str
    required: bool = True


class AliasTable:
    """Maps token sequences (an acronym, an abbreviation) to their expansions."""

    def __init__(
        self,
        entries: dict[tuple[str, ...], list[tuple[str, ...]]],
        written: dict[tuple[str, ...], str] | None = None,
    ) -> None:
        self._entries = entries
        self._written = written or {}
        self._longest = max((len(key) for key in entries), default=0)

    @classmethod
    def load(cls, path: Path = ALIASES_FILE) -> AliasTable:
        entries: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        written: dict[tuple[str, ...], str] = {}
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                line = line.split("#", 1)[0].strip()
                if "=" not in line:
                    continue
                key_text, expansions = line.split("=", 1)
                key = key_tokens(key_text)
                targets = [key_tokens(part) for part in expansions.split("|")]
                targets = [t for t in targets if t]
                if key and targets:
                    entries.setdefault(key, []).extend(targets)
                    written.setdefault(key, key_text.strip())
        return cls(entries, written)

    def __len__(self) -> int:
        return len(self._entries)

    def items(self) -> list[tuple[str, list[tuple[str, ...]]]]:
        """(key as written in the table, expansions as token tuples) for every entry."""
        return [
            (self._written.get(key, " ".join(key)), list(targets))
            for key, targets in self._entries.items()
        ]

    def expand(
        self, tokens: list[str], known: Callable[[tuple[str, ...]], bool] | None = None
    ) -> list[list[Piece]]:
        """Variants of ``tokens`` with every alias span replaced by one of its expansions.

        The typed span is kept as well (it may appear in a title, like "(ASH)"), and when
        ``known`` says the span itself is a known phrase, leaving it unexpanded is a variant too.
        The first variant always uses the first expansion of each span.
        """
        segments: list[list[list[Piece]]] = []
        i = 0
        while i < len(tokens):
            for size in range(min(self._longest, len(tokens) - i), 0, -1):
                span = tuple(tokens[i : i + size])
                targets = self._entries.get(span)
                if targets is None:
                    continue
                typed = [Piece(token, required=False) for token in span]
                options = [typed + [Piece(t) for t in target] for target in targets]
                if known is not None and known(span):
                    options.append([Piece(token) for token in span])
                segments.append(options)
                i += size
                break
            else:
                segments.append([[Piece(tokens[i])]])
                i += 1
        variants: list[list[Piece]] = []
        for combination in product(*segments):
            variants.append([piece for segment in combination for piece in segment])
            if len(variants) >= MAX_VARIANTS:
                break
        return variants
