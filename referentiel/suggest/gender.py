"""Gender folding: map masculine and feminine forms of a word to one canonical token.

ROME labels are written "Masculin / Féminin ...": "Infirmier coordinateur / Infirmière
coordinatrice (IDEC)". Aligning the two sides gives pairs of forms (infirmier ~ infirmiere,
coordinateur ~ coordinatrice); the pairs are merged into classes and each class is named by its
shortest form. A word the labels never pair is folded by common French suffix rules, but only
onto a form the index knows.
"""

from __future__ import annotations

from collections.abc import Iterable

from .text import singular, words

# Feminine -> masculine suffix rewrites, tried in order, for words the labels never paired.
_FEMININE_RULES = (
    ("trice", "teur"),
    ("euse", "eur"),
    ("rice", "eur"),
    ("iere", "ier"),
    ("ere", "er"),
    ("ienne", "ien"),
    ("enne", "en"),
    ("onne", "on"),
    ("elle", "el"),
    ("ette", "et"),
    ("esse", ""),
    ("ive", "if"),
    ("ffe", "f"),
    ("ee", "e"),
    ("e", ""),
)


def _related(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` look like two genders of one word (shared stem)."""
    if a == b:
        return True
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    if common < 3:
        return False
    if common >= 0.6 * min(len(a), len(b)):
        return True
    return _apply_rules(a) == b or _apply_rules(b) == a


def _apply_rules(token: str) -> str | None:
    for suffix, replacement in _FEMININE_RULES:
        if token.endswith(suffix):
            return token[: len(token) - len(suffix)] + replacement
    return None


def label_gender_pairs(label: str) -> list[tuple[str, str]]:
    """Pairs of (form, other form) found in a "Masculin / Féminin" label, singular-folded."""
    if " / " not in label:
        return []
    left_text, right_text = label.split(" / ", 1)
    left = [singular(w) for w in words(left_text)]
    right = [singular(w) for w in words(right_text)]
    # The feminine side repeats the last k words of the masculine side, then the common tail:
    # "Auxiliaire Spécialisé / Spécialisée Vétérinaire" has k = 1.
    for k in range(min(len(left), len(right)), 0, -1):
        pairs = list(zip(left[-k:], right[:k], strict=True))
        if all(_related(a, b) for a, b in pairs):
            return [(a, b) for a, b in pairs if a != b]
    return []


class GenderFolder:
    """Maps any known form of a word to the canonical token of its gender class."""

    def __init__(self, canonical: dict[str, str]) -> None:
        self._canonical = canonical

    @classmethod
    def learn(cls, labels: Iterable[str]) -> GenderFolder:
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            root = x
            while parent.get(root, root) != root:
                root = parent[root]
            while parent.get(x, x) != root:
                parent[x], x = root, parent[x]
            return root

        for label in labels:
            for a, b in label_gender_pairs(label):
                ra, rb = find(a), find(b)
                if ra != rb:
                    # The class root is its shortest form (ties: alphabetical), usually masculine.
                    keep, drop = sorted((ra, rb), key=lambda w: (len(w), w))
                    parent[drop] = keep
        canonical = {form: find(form) for form in list(parent)}
        return cls({form: root for form, root in canonical.items() if form != root})

    def fold(self, token: str) -> str:
        """Canonical form of ``token`` if the labels paired it, else ``token`` itself."""
        return self._canonical.get(token, token)

    def guess(self, token: str, known: set[str] | dict[str, object]) -> str | None:
        """Fold an unpaired feminine form by suffix rules onto a form present in ``known``."""
        for suffix, replacement in _FEMININE_RULES:
            if token.endswith(suffix) and len(token) - len(suffix) >= 3:
                candidate = self.fold(token[: len(token) - len(suffix)] + replacement)
                if candidate in known:
                    return candidate
        return None

    def __len__(self) -> int:
        return len(self._canonical)
