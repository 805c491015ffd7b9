"""Benchmark of the job-title -> ROME suggestion engine (referentiel.suggest).

Builds queries by perturbing ROME appellation labels the way people type them, searches them
with the engine and with a plain reference (character n-gram TF-IDF, cosine), and prints
accuracy and latency by perturbation kind. The last line is one JSON object.

Two query sets are drawn from the same appellations. "Realistic" (the headline figures): typed
as on a phone (lowercase 60%, no accents 50%, hyphens as spaces 30%), the kind's perturbation,
and one time in two a second one. "Single": the kind's perturbation alone on the label as
written (gender, plural, one typo...), which the reference already handles well; reported too
(single_* in the JSON) so the effect of compounding can be seen.

The "short_label" kind types France Travail's own short label of the appellation (libellé court,
where it differs from the long one the engine indexes): abbreviations written by people ("labo",
"ind alimentaire"), inclusive endings ("Technicien(ne)"), small words left out.

A query is right when the target appellation's fiche (code_rome) comes first (acc@1) or among
the first five fiches (recall@5) of the ranked list deduplicated by fiche; MRR on that list.

The appellations are split in two halves by a hash of their code: the engine was tuned while
looking only at queries of the "tune" half; the figures to report use the "eval" half (default).
The "acronym_table" kind is the exception that is not held out: its queries are keys of the
engine's own acronym table (data/aliases.txt), used only for eval-half appellations whose label
is exactly the table's expansion; it is reported separately and is a small share.

Usage: .venv/bin/python bench/suggest.py [--queries 3000] [--seed 7] [--split eval|tune]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import re
import statistics
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from referentiel.suggest import Record, TitleIndex, load_records  # noqa: E402
from referentiel.suggest.aliases import AliasTable, key_tokens  # noqa: E402

DATA_DIR = ROOT / "referentiel" / "data"
RANK_DEPTH = 20
KINDS = (
    "accents",
    "masculine",
    "feminine",
    "plural",
    "typo1",
    "typo2",
    "truncated",
    "acronym",
    "context",
    "word_order",
    "mixed",
    "short_label",
)
SMALL_WORDS = {"de", "du", "des", "d", "la", "le", "les", "l", "en", "et", "à", "au", "aux", "a"}
CONTEXT_TEMPLATES = (
    "je cherche un emploi de {t} à {c}",
    "Recherche poste {t} H/F",
    "{t} en CDI",
    "{t} - {c}",
    "cherche travail comme {t} sur {c}",
    "Offre d'emploi : {t} (H/F) {c}",
    "je voudrais devenir {t}",
    "{t} temps partiel {c}",
    "nous recrutons un {t} en intérim",
    "poste de {t} disponible immédiatement",
)
ACRONYM_RE = re.compile(r"\(([A-Z][A-Z0-9]{1,7})\)|-([A-Z][A-Z0-9]{1,7})-|\b([A-Z]{2,7})\b")
KEYBOARD = {
    "a": "zqs", "z": "aes", "e": "zrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij",
    "i": "uok", "o": "ipl", "p": "om", "q": "asw", "s": "qdz", "d": "sfe", "f": "dgr",
    "g": "fht", "h": "gjy", "j": "hku", "k": "jli", "l": "kmo", "m": "lp", "w": "xq",
    "x": "wc", "c": "xv", "v": "cb", "b": "vn", "n": "bm",
}  # fmt: skip


# -- splitting and query generation --------------------------------------------------------


def in_split(record: Record, split: str) -> bool:
    digest = hashlib.sha256(record.code_ogr.encode()).digest()
    return (digest[0] % 2 == 0) == (split == "tune")


def plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def strip_acronyms(label: str) -> str:
    text = re.sub(r"\s*\([A-Z][A-Z0-9 ]{1,9}\)|\s*-[A-Z][A-Z0-9]{1,9}-", "", label)
    return re.sub(r"\s+", " ", text).strip()


def gender_forms(label: str) -> tuple[str, str | None]:
    """(masculine form, feminine form or None) of a "Masculin / Féminin ..." label."""
    if " / " not in label:
        return label, None
    left_text, right_text = label.split(" / ", 1)
    left, right = left_text.split(), right_text.split()
    for k in range(min(len(left), len(right)), 0, -1):
        if all(plain(a)[:3] == plain(b)[:3] for a, b in zip(left[-k:], right[:k], strict=True)):
            return " ".join(left + right[k:]), " ".join(left[:-k] + right)
    return left_text, right_text


def pluralise(word: str) -> str:
    lower = word.lower()
    if lower in SMALL_WORDS or "'" in word or lower[-1:] in ("s", "x", "z") or len(word) < 3:
        return word
    if lower.endswith("eau"):
        return word + "x"
    if lower.endswith("al") and len(word) > 4:
        return word[:-2] + "aux"
    return word + "s"


def typo(word: str, rng: random.Random) -> str:
    """One keyboard slip anywhere in ``word``: a wrong, missing, extra or swapped letter."""
    kind = rng.choice(("substitute", "delete", "insert", "swap"))
    i = rng.randrange(len(word) - 1 if kind == "swap" else len(word))
    ch = word[i].lower()
    if kind == "substitute":
        return word[:i] + rng.choice(KEYBOARD.get(ch, "e")) + word[i + 1 :]
    if kind == "delete":
        return word[:i] + word[i + 1 :]
    if kind == "insert":
        return word[:i] + rng.choice(KEYBOARD.get(ch, "e")) + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def long_words(text: str, size: int) -> list[int]:
    return [i for i, w in enumerate(text.split()) if len(w) >= size and w.isalpha()]


def label_acronyms(label: str) -> list[str]:
    return [a or b or c for a, b, c in ACRONYM_RE.findall(label)]


def unambiguous_acronyms(records: list[Record]) -> set[str]:
    """Acronyms found in the labels of a single fiche: a person typing one means that trade.

    "BTP" (in the titles of 30 fiches) has no single right answer, so it is not a query.
    """
    fiches: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for acronym in label_acronyms(record.label):
            fiches[acronym].add(record.code_rome)
    return {acronym for acronym, codes in fiches.items() if len(codes) == 1}


def typing_style(query: str, rng: random.Random) -> str:
    """How people type on a phone: often no capitals, often no accents, hyphens as spaces."""
    if rng.random() < 0.3:
        query = re.sub(r"[-']", " ", query)
    if rng.random() < 0.5:
        query = "".join(
            ch for ch in unicodedata.normalize("NFKD", query) if not unicodedata.combining(ch)
        )
    if rng.random() < 0.6:
        query = query.lower()
    return re.sub(r"\s+", " ", query).strip()


def add_typos(text: str, edits: int, rng: random.Random) -> str | None:
    words = text.split()
    candidates = long_words(text, 5)
    if not candidates:
        return None
    for _ in range(edits):
        i = rng.choice(candidates)
        words[i] = typo(words[i], rng)
    return " ".join(words)


def truncate(text: str, rng: random.Random) -> str | None:
    words = text.split()
    last = words[-1]
    if len(last) < 5 or not last.isalpha():
        return None
    words[-1] = last[: rng.randrange(3, len(last))]
    return " ".join(words)


def shuffle_words(text: str, rng: random.Random) -> str | None:
    words = [w for w in re.split(r"[\s']+", text) if w.lower() not in SMALL_WORDS]
    if len(words) < 2:
        return None
    shuffled = words[:]
    while shuffled == words:
        rng.shuffle(shuffled)
    return " ".join(shuffled)


def surround(text: str, rng: random.Random, communes: list[str]) -> str:
    return rng.choice(CONTEXT_TEMPLATES).format(t=text, c=rng.choice(communes))


def alter(kind: str, text: str, rng: random.Random, communes: list[str]) -> str | None:
    """Apply one perturbation to a title as typed so far; None when it does not apply."""
    if kind == "accents":
        folded = plain(text)
        return folded if folded != text.lower() else None
    if kind == "plural":
        return " ".join(pluralise(w) for w in text.split())
    if kind == "typo1":
        return add_typos(text, 1, rng)
    if kind == "typo2":
        return add_typos(text, 2, rng)
    if kind == "truncated":
        return truncate(text, rng)
    if kind == "word_order":
        return shuffle_words(text, rng)
    if kind == "context":
        return surround(text, rng, communes)
    if kind == "mixed":
        text = alter("plural", plain(text), rng, communes) or text
        return (add_typos(text, 1, rng) or text) + " " + rng.choice(("h/f", "cdi", "H/F"))
    raise ValueError(kind)


# A second perturbation, for realistic queries: at most one more, applied before the context.
SECOND = ("plural", "typo1", "truncated", "word_order", "context")


def perturb(
    kind: str,
    record: Record,
    rng: random.Random,
    communes: list[str],
    acronyms: set[str],
    realistic: bool,
) -> str | None:
    """One query of the given kind for ``record``, or None when the kind does not apply.

    ``realistic`` queries are typed the way people do on a phone (see ``typing_style``) and,
    one time in two, carry a second perturbation of the list; otherwise only ``kind`` applies.
    """
    masculine, feminine = gender_forms(strip_acronyms(record.label))
    if kind == "short_label":
        # France Travail's own short label, where it differs: real abbreviations ("labo",
        # "ind alimentaire"), inclusive endings ("Technicien(ne)"), dropped small words.
        short = SHORT_LABELS.get(record.code_ogr)
        if not short or short == record.label:
            return None
        masculine, feminine = strip_acronyms(short), None
    if kind == "acronym":
        found = [a for a in label_acronyms(record.label) if a in acronyms]
        query = rng.choice(found) if found else None
        return typing_style(query, rng) if query and realistic else query
    if kind == "masculine":
        text: str | None = masculine if feminine else None
    elif kind == "feminine":
        text = feminine
    else:
        text = feminine if feminine and rng.random() < 0.5 else masculine
    changes = [] if kind in ("masculine", "feminine", "short_label") else [kind]
    if realistic and rng.random() < 0.5:
        changes.append(rng.choice([k for k in SECOND if k != kind]))
    # Words are cut while typing, and the title is typed before the words around it.
    changes.sort(key=lambda k: {"context": 2, "truncated": 1}.get(k, 0))
    for i, change in enumerate(changes):
        if not text:
            return None
        altered = alter(change, text, rng, communes)
        if i == 0 and altered is None:
            return None
        text = altered or text
    if not text:
        return None
    return typing_style(text, rng) if realistic else text


def table_acronym_queries(records: list[Record]) -> list[tuple[str, str, Record]]:
    """Keys of the engine's acronym table, for appellations that are exactly its expansion."""
    by_expansion: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key, expansions in AliasTable.load().items():
        for expansion in expansions:
            by_expansion[expansion].append(key)
    queries = []
    for record in records:
        for form in gender_forms(strip_acronyms(record.label)):
            for key in by_expansion.get(key_tokens(form) if form else (), ()):
                queries.append(("acronym_table", key, record))
    return queries


def short_labels() -> dict[str, str]:
    """code_ogr -> libellé court of the ROME appellations (the engine indexes only the long one)."""
    path = DATA_DIR / "rome4_v460" / "unix_referentiel_appellation_v460_utf8.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code_ogr"]: row["libelle_appellation_court"] for row in csv.DictReader(handle)}


SHORT_LABELS = short_labels()


def territory_communes() -> list[str]:
    with (DATA_DIR / "communes_idf.csv").open(encoding="utf-8", newline="") as handle:
        return [row["nom"] for row in csv.DictReader(handle) if row.get("in_ept_gosb") == "1"]


def build_queries(
    records: list[Record], everything: list[Record], count: int, seed: int, realistic: bool
) -> list[tuple[str, str, Record]]:
    """``count`` queries made from ``records`` (one split); ``everything`` is the referential."""
    rng = random.Random(seed)
    communes = territory_communes()
    acronyms = unambiguous_acronyms(everything)
    # The engine's own acronym table only decides the last few queries, so that editing it
    # never changes which other queries are drawn.
    table = table_acronym_queries(records)
    per_kind = count // (len(KINDS) + 1)
    queries: list[tuple[str, str, Record]] = []
    for kind in KINDS:
        made = 0
        for record in rng.sample(records, len(records)):
            if made >= per_kind:
                break
            query = perturb(kind, record, rng, communes, acronyms, realistic)
            if query and query.strip():
                queries.append((kind, query, record))
                made += 1
    while len(queries) < count - len(table):
        record = rng.choice(records)
        query = perturb("mixed", record, rng, communes, acronyms, realistic)
        if query:
            queries.append(("mixed", query, record))
    queries.extend(table)
    return queries


# -- measuring ---------------------------------------------------------------------------


def fiche_ranks(codes: list[str]) -> list[str]:
    seen: list[str] = []
    for code in codes:
        if code not in seen:
            seen.append(code)
    return seen


class Reference:
    """Character n-gram TF-IDF over the labels, cosine similarity: the simple baseline."""

    def __init__(self, records: list[Record]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.codes = [r.code_rome for r in records]
        self.titles = [r.code_ogr for r in records]
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4))
        self.matrix = self.vectorizer.fit_transform([r.label for r in records])

    def search(self, query: str) -> list[str]:
        return [code for code, _title in self.ranked(query)]

    def ranked(self, query: str) -> list[tuple[str, str]]:
        """(fiche, appellation) pairs, best first."""
        import numpy as np

        vector = self.vectorizer.transform([query])
        scores = (self.matrix @ vector.T).toarray().ravel()
        top = np.argpartition(-scores, RANK_DEPTH)[:RANK_DEPTH]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.codes[i], self.titles[i]) for i in top if scores[i] > 0]


def evaluate(ranked: list[str], target: str) -> tuple[int, int, float]:
    fiches = fiche_ranks(ranked)
    if target not in fiches:
        return 0, 0, 0.0
    rank = fiches.index(target) + 1
    return int(rank == 1), int(rank <= 5), 1.0 / rank


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(
    engine: TitleIndex, reference: Reference, queries: list[tuple[str, str, Record]]
) -> dict:
    """Accuracy of both systems by kind, latencies, and the engine's misses."""
    for _kind, query, _record in queries[:50]:
        engine.search(query, RANK_DEPTH)  # warm caches, as a running server would be
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0, 0.0, 0, 0, 0.0])
    # The exact job title (appellation) at rank 1, for both systems: a stricter reading.
    titles = {"engine": 0, "reference": 0}
    latencies: list[float] = []
    ref_latencies: list[float] = []
    misses = []
    for kind, query, record in queries:
        started = time.perf_counter()
        suggestions = engine.search(query, RANK_DEPTH)
        latencies.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        ref_pairs = reference.ranked(query)
        ref_codes = [code for code, _title in ref_pairs]
        ref_latencies.append((time.perf_counter() - started) * 1000)
        titles["engine"] += bool(suggestions) and suggestions[0].code_ogr == record.code_ogr
        titles["reference"] += bool(ref_pairs) and ref_pairs[0][1] == record.code_ogr
        hit1, hit5, rr = evaluate([s.code_rome for s in suggestions], record.code_rome)
        ref1, ref5, ref_rr = evaluate(ref_codes, record.code_rome)
        for key in (kind, "all"):
            row = totals[key]
            for i, value in enumerate((1, hit1, hit5, rr, ref1, ref5, ref_rr)):
                row[i] += value
        if not hit1:
            got = f"{suggestions[0].code_rome} {suggestions[0].label}" if suggestions else "-"
            misses.append(f"[{kind}] {query!r} want {record.code_rome} {record.label} | {got}")
    return {
        "totals": totals,
        "latencies": latencies,
        "ref_latencies": ref_latencies,
        "misses": misses,
        "titles": titles,
    }


def print_table(title: str, totals: dict[str, list[float]]) -> None:
    print(title)
    print(
        f"  {'kind':<14}{'n':>6}{'acc@1':>8}{'rec@5':>8}{'MRR':>8}"
        f"{'ref@1':>8}{'ref@5':>8}{'refMRR':>8}"
    )
    for kind in (*KINDS, "acronym_table", "all"):
        if kind in totals:
            n, *sums = totals[kind]
            print(f"  {kind:<14}{n:>6}" + "".join(f"{v / n:>8.3f}" for v in sums))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=3000, help="number of queries (>= 2000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--split", choices=("eval", "tune"), default="eval")
    parser.add_argument("--show-failures", type=int, default=0, help="print N misses (tune only)")
    args = parser.parse_args()
    if args.queries < 100:
        parser.error("--queries: at least 100 (2000 or more for figures worth reporting)")
    if args.show_failures and args.split != "tune":
        parser.error("--show-failures is for the tune split only: eval queries stay unseen")

    records = load_records(DATA_DIR)
    started, cpu_started = time.perf_counter(), time.process_time()
    engine = TitleIndex.build(records)
    build_s = time.perf_counter() - started
    build_cpu_s = time.process_time() - cpu_started  # unaffected by other processes' load
    started = time.perf_counter()
    reference = Reference(records)
    ref_build_s = time.perf_counter() - started

    split_records = [r for r in records if in_split(r, args.split)]
    realistic = build_queries(split_records, records, args.queries, args.seed, realistic=True)
    single = build_queries(split_records, records, args.queries, args.seed, realistic=False)
    main_run = measure(engine, reference, realistic)
    single_run = measure(engine, reference, single)

    print(
        f"split={args.split} seed={args.seed} appellations={len(records)} "
        f"(this split: {len(split_records)}); build: engine {build_s:.2f} s "
        f"({build_cpu_s:.2f} s CPU), reference {ref_build_s:.2f} s"
    )
    print_table(
        f"realistic queries ({len(realistic)}): phone typing (60% lowercase, 50% no "
        "accents, 30% hyphens as spaces) + the kind + 50% a second perturbation",
        main_run["totals"],
    )
    print_table(
        f"single-perturbation queries ({len(single)}): the kind alone, label as written",
        single_run["totals"],
    )
    totals = main_run["totals"]["all"]
    n, a1, r5, mrr, f1, f5, fr = totals
    single_all = single_run["totals"]["all"]
    latencies = main_run["latencies"] + single_run["latencies"]
    ref_latencies = main_run["ref_latencies"] + single_run["ref_latencies"]
    p50, p95 = statistics.median(latencies), percentile(latencies, 0.95)
    ref_p50, ref_p95 = statistics.median(ref_latencies), percentile(ref_latencies, 0.95)
    print(
        f"latency engine ({len(latencies)} searches): p50 {p50:.3f} ms, p95 {p95:.3f} ms, "
        f"max {max(latencies):.3f} ms; reference: p50 {ref_p50:.3f} ms, p95 {ref_p95:.3f} ms"
    )
    print(
        f"realistic: acc@1 {a1 / n:.3f} vs reference {f1 / n:.3f} ({(a1 - f1) / n * 100:+.1f} "
        f"points), recall@5 {r5 / n:.3f} vs {f5 / n:.3f}, MRR {mrr / n:.3f} vs {fr / n:.3f}"
    )
    sn, s1, _s5, _smrr, sf1, _sf5, _sfr = single_all
    print(
        f"single:    acc@1 {s1 / sn:.3f} vs reference {sf1 / sn:.3f} "
        f"({(s1 - sf1) / sn * 100:+.1f} points)"
    )
    title1 = main_run["titles"]["engine"] / n
    ref_title1 = main_run["titles"]["reference"] / n
    print(
        f"realistic, exact job title at rank 1: {title1:.3f} vs reference {ref_title1:.3f} "
        f"({(title1 - ref_title1) * 100:+.1f} points)"
    )
    load = os.getloadavg()[0]
    print(f"machine load average (1 min) at the end: {load:.2f} on {os.cpu_count()} cores")
    for line in (main_run["misses"] + single_run["misses"])[: args.show_failures]:
        print(line)
    print(
        json.dumps(
            {
                "bench": "suggest",
                "split": args.split,
                "seed": args.seed,
                "queries": n,
                "acc1": round(a1 / n, 4),
                "recall5": round(r5 / n, 4),
                "mrr": round(mrr / n, 4),
                "p50_ms": round(p50, 3),
                "p95_ms": round(p95, 3),
                "build_s": round(build_s, 3),
                "build_cpu_s": round(build_cpu_s, 3),
                "ref_acc1": round(f1 / n, 4),
                "ref_recall5": round(f5 / n, 4),
                "ref_mrr": round(fr / n, 4),
                "ref_p50_ms": round(ref_p50, 3),
                "ref_p95_ms": round(ref_p95, 3),
                "loadavg_1m": round(load, 2),
                "acc1_gain_points": round((a1 - f1) / n * 100, 1),
                "title_acc1": round(title1, 4),
                "ref_title_acc1": round(ref_title1, 4),
                "single_queries": sn,
                "single_acc1": round(s1 / sn, 4),
                "single_ref_acc1": round(sf1 / sn, 4),
            }
        )
    )


if __name__ == "__main__":
    main()
