"""Text normalisation shared by the index and the queries.

Everything here is deterministic and context-free: lowercase, strip accents, split into word
tokens, fold plurals. Gender folding needs the vocabulary of the index and lives in
``gender.py``; acronyms live in ``aliases.py``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# Queries longer than this are cut: a job title never needs more, and it bounds the work.
MAX_QUERY_CHARS = 200

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
_TOKEN_RE = re.compile(r"[a-z0-9]+")
# ROME short labels and job ads write the feminine as a suffix in brackets: "Accastilleur(se)",
# "Préparateur(trice)", "Chef(fe)". The suffix carries no meaning once genders are folded.
_GENDER_SUFFIX_RE = re.compile(
    r"(?<=[^\W\d_])\((?:e|s|x|se|ne|le|te|fe|ve|re|ere|ère|iere|ière|ice|rice|trice|euse|"
    r"ive|sse|esse|ienne|enne|onne|ette|elle|ée|ee)\)",
    re.IGNORECASE,
)


def unaccent(text: str) -> str:
    """Lowercase ``text`` and remove its diacritics ("Préparatrice" -> "preparatrice")."""
    text = text.translate(_LIGATURES).lower()
    if text.isascii():
        return text
    # Decomposed accents are separate marks; dropping every non-ASCII character removes them
    # (and emoji or other scripts, which no token keeps anyway).
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def drop_gender_suffixes(text: str) -> str:
    """Remove bracketed feminine suffixes glued to a word: "Cariste(s)" -> "Cariste"."""
    return _GENDER_SUFFIX_RE.sub("", text)


def words(text: str) -> list[str]:
    """Split text into unaccented lowercase word tokens (letters and digits only)."""
    return _TOKEN_RE.findall(unaccent(drop_gender_suffixes(text)))


@lru_cache(maxsize=65536)
def singular(token: str) -> str:
    """Fold a French plural to its singular, crudely but identically for index and query.

    Only consistency matters: "travaux" becomes "traval" on both sides, which is fine.
    """
    if len(token) <= 3 or token.isdigit():
        return token
    if token.endswith("eaux"):
        return token[:-1]
    if token.endswith("aux") and len(token) > 4:
        return token[:-3] + "al"
    if token.endswith("eux") and len(token) > 4:
        return token[:-1]
    if token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    if token.endswith("x"):
        return token[:-1]
    return token


def _read_words(name: str, *, plurals: bool) -> frozenset[str]:
    result: set[str] = set()
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            if line:
                for word in words(line):
                    result.add(word)
                    if plurals:
                        result.add(singular(word))
    return frozenset(result)


# Grammatical words: never meaningful in a job title, dropped from labels and queries.
STOP_WORDS = _read_words("stopwords.txt", plurals=False)
# Words a person types around a job title ("je cherche un poste de ... en CDI à Vitry"). They are
# dropped from what the query must match but still count when they do appear in a title
# ("Conseiller en emploi", "Sage-femme").
NOISE_WORDS = _read_words("noise.txt", plurals=True)


def is_noise(token: str) -> bool:
    """True for filler, place names and bare numbers (postcodes, "CACES 3", "35 h")."""
    return token in NOISE_WORDS or token.isdigit() or len(token) == 1
