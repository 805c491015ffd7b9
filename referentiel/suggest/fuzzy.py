"""Typo-tolerant and prefix lookup of words in a fixed vocabulary.

Typos use a symmetric deletion dictionary (the SymSpell idea): every word is stored under the
strings obtained by deleting up to two of its letters, a query word is looked up under its own
deletions, and each candidate is checked with a true edit distance (with transpositions).
Prefixes use a sorted list and bisection, for the word being typed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable


def max_typos(length: int) -> int:
    """Edit distance tolerated for a word of this length: none for short words."""
    if length <= 3:
        return 0
    if length <= 4:
        return 1
    return 2


def _deletes(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        nxt = set()
        for w in frontier:
            if len(w) <= 1:
                continue
            for i in range(len(w)):
                nxt.add(w[:i] + w[i + 1 :])
        found |= nxt
        frontier = nxt
    return found


def edit_distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment) of ``a`` and ``b``.

    Bit-parallel (Hyyrö 2003): one pass over ``b`` with integer operations on bit masks of
    ``a``, several times faster in Python than the cell-by-cell table. Returns ``limit + 1``
    when the distance is beyond ``limit``.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    m = len(a)
    if m == 0:
        return min(len(b), limit + 1)
    positions: dict[str, int] = {}
    for i, ch in enumerate(a):
        positions[ch] = positions.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    vp, vn, score = mask, 0, m
    d0 = previous = 0
    for ch in b:
        eq = positions.get(ch, 0)
        transposed = (((~d0) & eq) << 1) & previous
        d0 = ((((eq & vp) + vp) ^ vp) | eq | vn | transposed) & mask
        hp = (vn | ~(d0 | vp)) & mask
        hn = d0 & vp
        if hp & high:
            score += 1
        elif hn & high:
            score -= 1
        hp = ((hp << 1) | 1) & mask
        hn = (hn << 1) & mask
        vp = (hn | ~(d0 | hp)) & mask
        vn = d0 & hp
        previous = eq
    return score if score <= limit else limit + 1


class FuzzyVocabulary:
    """Finds the words of a vocabulary within a small edit distance of, or starting with, a word."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self._words = sorted(set(vocabulary))
        # Values are strings ("word" or "word1 word2"), not lists: a dict holding only strings
        # is ignored by the garbage collector, which would otherwise walk its 250,000 entries.
        table: dict[str, str] = {}
        for word in self._words:
            depth = max_typos(len(word))
            if not depth:
                continue
            for key in _deletes(word, depth):
                bucket = table.get(key)
                table[key] = word if bucket is None else f"{bucket} {word}"
        self._deleted = table

    def similar(self, word: str, most: int = 2) -> list[tuple[str, int]]:
        """Vocabulary words within the tolerated distance (at most ``most``) of ``word``."""
        depth = min(most, max_typos(len(word)))
        if not depth:
            return []
        seen: set[str] = set()
        found: list[tuple[str, int]] = []
        table = self._deleted
        for key in _deletes(word, depth):
            bucket = table.get(key)
            if bucket is None:
                continue
            for candidate in bucket.split(" "):
                if candidate in seen or candidate == word:
                    continue
                seen.add(candidate)
                limit = min(depth, max_typos(len(candidate)))
                distance = edit_distance(word, candidate, limit)
                if distance <= limit:
                    found.append((candidate, distance))
        return found

    def completions(self, prefix: str, limit: int = 64) -> list[str]:
        """Vocabulary words that start with ``prefix`` (at most ``limit``, shortest first)."""
        start = bisect_left(self._words, prefix)
        found: list[str] = []
        for word in self._words[start:]:
            if not word.startswith(prefix):
                break
            if word != prefix:
                found.append(word)
        found.sort(key=lambda w: (len(w), w))
        return found[:limit]

    def near_completions(self, word: str, limit: int = 64) -> list[str]:
        """Words starting with ``word`` give or take one typo ("phtograp" -> "photographe").

        Every one-edit variant of ``word`` (about 50 per letter) is looked up by bisection; meant
        for a word nothing else matched, so the cost is paid rarely.
        """
        if len(word) < 4:
            return []
        words = self._words
        found: list[str] = []
        for variant in sorted(_one_edit(word)):
            start = bisect_left(words, variant)
            for candidate in words[start : start + limit]:
                if not candidate.startswith(variant):
                    break
                found.append(candidate)
        found = sorted(set(found), key=lambda w: (len(w), w))
        return found[:limit]


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_edit(word: str) -> set[str]:
    """Strings one deletion, swap, substitution or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    variants = {a + b[1:] for a, b in splits if b}
    variants |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    variants |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    variants |= {a + c + b for a, b in splits for c in _LETTERS}
    variants.discard(word)
    return {v for v in variants if len(v) >= 3}
