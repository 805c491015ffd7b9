"""In-memory inverted index over short labels (job titles, skills), tolerant of how people type.

A label becomes canonical tokens: unaccented, singular, gender-folded, without grammatical
words. A query is read into terms by ``query.py`` (the same steps plus acronyms, filler, typos
and unfinished words). Each matching label is scored from

- query coverage: the share of the query's words (weighted by rarity) the label contains;
- label coverage: the share of the label's words the query covers (exact titles beat longer ones);
- head match: the label's first word (the trade itself in French titles) is matched;
- a prior given by the caller (for titles: main title of its fiche, not a rarely used one);
- word order: the query's words come in the label's order (a tie-breaker);
- group: how many labels of the same group (ROME fiche) match fully (for broad queries).

Scores stay in [0, 1]. Labels are scored fully only while they can still enter the top
``depth``, which keeps a search at a few milliseconds in plain Python.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections.abc import Sequence

from .aliases import AliasTable
from .fuzzy import FuzzyVocabulary
from .gender import GenderFolder
from .query import QueryReader, Term
from .text import STOP_WORDS, drop_gender_suffixes, singular, words

# Score weights (they sum to 1, so scores stay in [0, 1]).
W_QUERY = 0.53
W_LABEL = 0.22
W_HEAD = 0.08
W_PRIOR = 0.07
W_ORDER = 0.06
W_GROUP = 0.04
# A group (ROME fiche) with this many labels fully matching the query gets the whole W_GROUP.
GROUP_SATURATION = 8
# A score is at most BOUND_SLOPE * query coverage + the label, prior and order parts.
BOUND_SLOPE = W_QUERY + W_HEAD
# Later alias variants (second trade of an ambiguous acronym) rank just below the first.
VARIANT_DECAY = 0.97

# A bracketed single word or a dash-framed acronym: "(ASH)", "-RRH-", "(IDE)".
_EXTRA_RE = re.compile(r"\(\s*([^()\s]+)\s*\)|(?<!\w)-([A-Za-z0-9]+)-(?!\w)")


def label_tokens(label: str, folder: GenderFolder | None = None) -> tuple[list[str], list[str]]:
    """Canonical tokens of a label: (words that make the title, acronyms and numbers beside it).

    The second list ("ASH" in "Agent de service hospitalier (ASH)") is searchable but a query
    need not cover it for the title to count as fully matched.
    """
    text = drop_gender_suffixes(label)
    extra_text = " ".join(a or b for a, b in _EXTRA_RE.findall(text))
    main_text = _EXTRA_RE.sub(" ", text)

    def fold(raw: list[str]) -> list[str]:
        result = []
        for word in raw:
            if word in STOP_WORDS:
                continue
            token = singular(word)
            result.append(folder.fold(token) if folder is not None else token)
        return result

    main: list[str] = []
    extra: list[str] = []
    for token in fold(words(main_text)):
        target = extra if token.isdigit() else main
        if token not in target:
            target.append(token)
    for token in fold(words(extra_text)):
        if token not in main and token not in extra:
            extra.append(token)
    return main, extra


class TokenIndex:
    """Inverted lists from canonical tokens to label positions, with the tables to read queries."""

    def __init__(
        self,
        labels: Sequence[str],
        priors: Sequence[float],
        *,
        folder: GenderFolder,
        aliases: AliasTable,
        groups: Sequence[str] | None = None,
    ) -> None:
        self.priors = list(priors)
        # Labels of one group (the titles of one ROME fiche) that all match a query make that
        # group the likelier reading of a broad query ("infirmier").
        group_ids: dict[str, int] = {}
        self.groups = [group_ids.setdefault(g, len(group_ids)) for g in groups or ()]
        self.size = len(labels)
        postings: dict[str, list[int]] = {}
        surface: dict[str, str] = {}
        self.main_tokens: list[tuple[str, ...]] = []
        self.acronyms: list[tuple[str, ...]] = []
        for position, label in enumerate(labels):
            main, extra = label_tokens(label, folder)
            self.main_tokens.append(tuple(main))
            self.acronyms.append(tuple(t for t in extra if not t.isdigit()))
            for token in main + extra:
                postings.setdefault(token, []).append(position)
            for word in words(label):
                if word not in STOP_WORDS:
                    # Both the written and the singular form, so typos of either are found.
                    plain = singular(word)
                    surface.setdefault(plain, folder.fold(plain))
                    surface.setdefault(word, folder.fold(plain))
        # Tuples of ints are left alone by the garbage collector once it has seen them.
        self.postings = {token: tuple(ids) for token, ids in postings.items()}
        for token in postings:
            surface.setdefault(token, token)
        self.idf = {t: math.log(1.0 + self.size / len(ids)) for t, ids in self.postings.items()}
        self.label_weight = [sum(self.idf[t] for t in tokens) or 1.0 for tokens in self.main_tokens]
        self.reader = QueryReader(
            surface=surface,
            idf=self.idf,
            folder=folder,
            fuzzy=FuzzyVocabulary(surface),
            aliases=aliases,
        )

    @classmethod
    def build(
        cls,
        labels: Sequence[str],
        priors: Sequence[float] | None = None,
        *,
        learn_gender: bool = True,
        aliases: AliasTable | None = None,
        groups: Sequence[str] | None = None,
    ) -> TokenIndex:
        """Index ``labels``; ``priors`` in [0, 1] and ``groups`` (one key per label) optional."""
        folder = GenderFolder.learn(labels) if learn_gender else GenderFolder({})
        return cls(
            labels,
            priors if priors is not None else [0.0] * len(labels),
            folder=folder,
            aliases=aliases if aliases is not None else AliasTable({}),
            groups=groups,
        )

    def analyse(self, query: str) -> list[list[Term]]:
        """The query as one list of terms per alias variant (usually a single variant)."""
        return self.reader.analyse(query)

    # -- scoring -----------------------------------------------------------------------------

    def score_terms(self, terms: list[Term], depth: int) -> dict[int, float]:
        """Scores in [0, 1] of the best ``depth`` labels (at least) for one list of terms.

        A label must match a required term. Query coverage alone bounds a label's final score,
        so labels are scored fully in decreasing coverage until no other can enter the top.
        """
        total_weight = sum(t.weight for t in terms)
        if not total_weight or not any(t.required for t in terms):
            return {}
        postings = self.postings
        idf = self.idf
        per_term: list[dict[int, tuple[float, str]]] = []
        for term in terms:
            best: dict[int, tuple[float, str]] = {}
            # Ascending similarity, so the best match of each label is written last.
            for token, sim in sorted(term.candidates.items(), key=lambda kv: kv[1]):
                best.update(dict.fromkeys(postings[token], (sim, token)))
            per_term.append(best)
        # Per label: the query words it covers (weighted), and at most how much of the label
        # those words cover. Required terms first: only their labels are candidates.
        query_part: dict[int, float] = {}
        label_part: dict[int, float] = {}
        for required in (True, False):
            for term, best in zip(terms, per_term, strict=True):
                if term.required != required:
                    continue
                weight = term.weight
                for position, (sim, token) in best.items():
                    if required:
                        query_part[position] = query_part.get(position, 0.0) + weight * sim
                        label_part[position] = label_part.get(position, 0.0) + idf[token] * sim
                    elif position in query_part:
                        query_part[position] += weight * sim
                        label_part[position] += idf[token] * sim

        group_bonus = self._group_bonus(query_part, total_weight)
        single = sum(t.required for t in terms) == 1
        # Score fully in decreasing order of an upper bound until no label can enter the top.
        label_weight = self.label_weight
        priors = self.priors
        named = self.acronyms
        bounds = {}
        for position, part in query_part.items():
            query_cover = min(1.0, part / total_weight)
            label_cover = (
                1.0 if named[position] else min(1.0, label_part[position] / label_weight[position])
            )
            bounds[position] = (
                BOUND_SLOPE * query_cover
                + W_LABEL * label_cover
                + W_PRIOR * priors[position]
                + W_ORDER
                + group_bonus.get(position, 0.0)
            )
        kept: list[float] = []  # min-heap of the best ``depth`` scores so far
        scores: dict[int, float] = {}
        for position in sorted(bounds, key=bounds.__getitem__, reverse=True):
            if len(kept) >= depth and bounds[position] < kept[0]:
                break
            query_cover = min(1.0, query_part[position] / total_weight)
            score = self._score(position, query_cover, per_term, single)
            score += group_bonus.get(position, 0.0)
            scores[position] = score
            if len(kept) < depth:
                heapq.heappush(kept, score)
            elif score > kept[0]:
                heapq.heapreplace(kept, score)
        if len(terms) > 1 and kept:
            self._reward_order(scores, per_term, kept[0])
        return scores

    def _group_bonus(self, query_part: dict[int, float], total_weight: float) -> dict[int, float]:
        """W_GROUP, scaled by how many labels of a label's group fully match the query."""
        if not self.groups:
            return {}
        groups = self.groups
        full = total_weight * 0.999
        counts: dict[int, int] = {}
        for position, part in query_part.items():
            if part >= full:
                counts[groups[position]] = counts.get(groups[position], 0) + 1
        if not counts:
            return {}
        scale = W_GROUP / math.log1p(GROUP_SATURATION)
        bonus = {g: min(W_GROUP, scale * math.log1p(n)) for g, n in counts.items()}
        return {
            position: bonus[groups[position]]
            for position in query_part
            if groups[position] in bonus
        }

    def _score(
        self,
        position: int,
        query_cover: float,
        per_term: list[dict[int, tuple[float, str]]],
        single: bool,
    ) -> float:
        main = self.main_tokens[position]
        matched: dict[str, float] = {}
        for best in per_term:
            hit = best.get(position)
            if hit is not None and hit[0] > matched.get(hit[1], 0.0):
                matched[hit[1]] = hit[0]
        idf = self.idf
        covered = sum(idf[t] * s for t, s in matched.items() if t in main)
        label_cover = min(1.0, covered / self.label_weight[position])
        head = matched.get(main[0], 0.0) if main else 0.0
        # An acronym typed alone ("IDE" for "... soins généraux (IDE)") names the whole title.
        if single:
            for acronym in self.acronyms[position]:
                if matched.get(acronym) == 1.0:
                    label_cover = head = 1.0
        return (
            W_QUERY * query_cover
            + W_LABEL * label_cover
            + W_HEAD * head * query_cover
            + W_PRIOR * self.priors[position]
        )

    def _reward_order(
        self,
        scores: dict[int, float],
        per_term: list[dict[int, tuple[float, str]]],
        threshold: float,
    ) -> None:
        """Favour labels that use the query's words in the same order (a tie-breaker).

        Only labels the reward can lift to ``threshold`` (the last score of the top) are checked.
        """
        for position, score in scores.items():
            if score + W_ORDER < threshold:
                continue
            main = self.main_tokens[position]
            places = [
                main.index(hit[1])
                for best in per_term
                if (hit := best.get(position)) is not None and hit[1] in main
            ]
            if len(places) > 1 and all(a < b for a, b in itertools.pairwise(places)):
                scores[position] += W_ORDER

    def scores(self, query: str, depth: int = 10) -> dict[int, float]:
        """Best score of the matching labels over the query's variants.

        Every label that can rank among the best ``depth`` is present with its exact score.
        """
        merged: dict[int, float] = {}
        decay = 1.0
        depth = max(depth, 1)
        for terms in self.analyse(query):
            for position, score in self.score_terms(terms, depth).items():
                score *= decay
                if score > merged.get(position, 0.0):
                    merged[position] = score
            decay *= VARIANT_DECAY
        return merged
