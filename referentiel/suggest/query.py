"""Reading a query: from what a person typed to terms the index can score.

Each word becomes a term: the label tokens it may stand for, each with a similarity (1 for the
same word in any gender or number, less for a typo, a completion of an unfinished word, a gender
guessed by suffix rules), and a weight (its rarity). Acronyms expand through the alias table;
filler ("je cherche", "CDI", places of the territory) becomes optional.
"""

from __future__ import annotations

from dataclasses import dataclass

from .aliases import AliasTable, Piece
from .fuzzy import FuzzyVocabulary
from .gender import GenderFolder
from .text import MAX_QUERY_CHARS, STOP_WORDS, is_noise, singular, words

# Similarity of a query word to a label word, by how it was found.
SIM_GUESSED_GENDER = 0.95
SIM_TYPO = {1: 0.8, 2: 0.6}
# A correctly spelled known word may still be a typo of another word, but much less likely.
KNOWN_WORD_TYPO_FACTOR = 0.8
# A completion of a word being typed: 0.6 for a first letter or two, up to 0.95 for a word
# typed all but its end ("nour" -> "nourrice" 0.775, ahead of the typo readings "cour", "four").
SIM_PREFIX_BASE = 0.6
SIM_PREFIX_SPAN = 0.35
MIN_PREFIX_CHARS = 3
MAX_COMPLETIONS = 100
# No title word is longer than 25 letters: a longer "word" is looked up as it is, no further.
MAX_WORD_CHARS = 30
# Words kept from a query (a title has fewer; the rest of a long text is chatter).
MAX_TERMS = 20
# Weight of filler words and typed acronyms next to the words a title must match.
OPTIONAL_FACTOR = 0.2


@dataclass(frozen=True, slots=True)
class Term:
    """A query word: the label tokens it may stand for, with a similarity each."""

    token: str
    candidates: dict[str, float]
    weight: float
    required: bool


class QueryReader:
    """Turns query text into terms, with the vocabulary tables of one index."""

    def __init__(
        self,
        *,
        surface: dict[str, str],
        idf: dict[str, float],
        folder: GenderFolder,
        fuzzy: FuzzyVocabulary,
        aliases: AliasTable,
    ) -> None:
        # ``surface`` maps every written form of a label word to its canonical token; ``idf``
        # holds the canonical tokens (with their rarity).
        self.surface = surface
        self.idf = idf
        self.folder = folder
        self.fuzzy = fuzzy
        self.aliases = aliases
        ordered = sorted(idf.values())
        self.unknown_weight = ordered[len(ordered) // 2] if ordered else 1.0

    def _is_known_phrase(self, span: tuple[str, ...]) -> bool:
        return all(self.folder.fold(token) in self.idf for token in span)

    def analyse(self, query: str) -> list[list[Term]]:
        """The query as one list of terms per alias variant (usually a single variant)."""
        if not isinstance(query, str):
            return []
        text = query[:MAX_QUERY_CHARS]
        written = [w for w in words(text) if w not in STOP_WORDS][:MAX_TERMS]
        if not written:
            return []
        # The last word may be unfinished unless the person typed a space after it.
        typing = not text[-1:].isspace()
        tokens: list[str] = []
        as_written: dict[str, str] = {}
        for i, word in enumerate(written):
            token = singular(word)
            parts = self._split_compound(token)
            # A word being typed that starts a known word is not two words ("discothé").
            if parts is not None and typing and i == len(written) - 1:
                parts = None if self.fuzzy.completions(token, 1) else parts
            if parts is not None:
                tokens.extend(parts)
                continue
            tokens.append(token)
            if token != word:
                # A typo can hide a plural ("zoes" is not "zoe"): also sought as written.
                as_written[token] = word
        variants = self.aliases.expand(tokens, known=self._is_known_phrase)
        return [
            self._terms(pieces, tokens[-1] if typing else None, as_written) for pieces in variants
        ]

    def _is_known(self, token: str) -> bool:
        return (
            token in self.surface
            or self.folder.fold(token) in self.idf
            or self.folder.guess(token, self.idf) is not None
        )

    def _split_compound(self, token: str) -> list[str] | None:
        """Two known words typed as one ("aidesoignante"), when it is no typo of a known word."""
        if not 7 <= len(token) <= MAX_WORD_CHARS or self._is_known(token):
            return None
        if self.fuzzy.similar(token, 1):
            return None
        for cut in range(3, len(token) - 2):
            left, right = token[:cut], singular(token[cut:])
            if self._is_known(left) and self._is_known(right):
                return [left, right]
        return None

    def _terms(
        self, pieces: list[Piece], unfinished: str | None, as_written: dict[str, str]
    ) -> list[Term]:
        # One term per token, required if any of its pieces is ("VTC" typed, then expanded).
        wanted: dict[str, bool] = {}
        for piece in pieces:
            wanted[piece.token] = wanted.get(piece.token, False) or piece.required
        terms: list[Term] = []
        for token, wanted_required in wanted.items():
            noise = is_noise(token)
            candidates = self._candidates(
                token,
                prefix=token == unfinished and wanted_required,
                written=as_written.get(token),
                # Filler is taken as written, unless it is the word being typed ("en san").
                exact=noise and token != unfinished,
            )
            best = max(candidates.items(), key=lambda kv: (kv[1], -self.idf[kv[0]]), default=None)
            weight = self.idf[best[0]] if best else self.unknown_weight
            terms.append(Term(token, candidates, weight, wanted_required and not noise))
        if not any(t.required for t in terms):
            # Only filler was typed ("emploi"): search it as it is.
            return [Term(t.token, t.candidates, t.weight, True) for t in terms]
        # Filler that no title contains ("Rungis", "cherche") would only lower every score.
        return [
            t if t.required else Term(t.token, t.candidates, t.weight * OPTIONAL_FACTOR, False)
            for t in terms
            if t.required or t.candidates
        ]

    def _candidates(
        self, token: str, *, prefix: bool, written: str | None, exact: bool = False
    ) -> dict[str, float]:
        """Label tokens ``token`` may stand for, with a similarity (``exact``: no typo, prefix)."""
        found: dict[str, float] = {}
        canonical = self.surface.get(token)
        if canonical is None:
            folded = self.folder.fold(token)
            canonical = folded if folded in self.idf else None
        if canonical is not None:
            found[canonical] = 1.0
        else:
            guessed = self.folder.guess(token, self.idf)
            if guessed is not None:
                found[guessed] = SIM_GUESSED_GENDER
        known = bool(found)
        if exact or len(token) > MAX_WORD_CHARS:
            return found
        factor = KNOWN_WORD_TYPO_FACTOR if known else 1.0
        if not token.isdigit():
            # A known word is rarely a typo, and then of one letter: look no further.
            similar = self.fuzzy.similar(token, 1 if known else 2)
            if written is not None and not known:
                similar += self.fuzzy.similar(written)
            for word, distance in similar:
                target = self.surface[word]
                sim = SIM_TYPO[distance] * factor
                if sim > found.get(target, 0.0):
                    found[target] = sim
        # The word being typed may be unfinished; so may an unknown word that a person cut short
        # before adding more ("plom temps partiel").
        if (prefix or not (known or is_noise(token))) and len(token) >= MIN_PREFIX_CHARS:
            completions = self.fuzzy.completions(token, MAX_COMPLETIONS)
            factor = 1.0
            if not completions and max(found.values(), default=0.0) < SIM_TYPO[1]:
                completions = self.fuzzy.near_completions(token, MAX_COMPLETIONS)
                factor = SIM_TYPO[1]
            for word in completions:
                target = self.surface[word]
                sim = factor * (SIM_PREFIX_BASE + SIM_PREFIX_SPAN * len(token) / len(word))
                if sim > found.get(target, 0.0):
                    found[target] = sim
        return found
