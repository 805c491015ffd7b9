"""Benchmark of the matcher's numeric core at the territory's size (60,000 x 20,000).

Synthetic but shaped like Grand-Orly Seine Bièvre: offers in its main trades (logistics and food
wholesale at Rungis/Orly, health at Villejuif, industry at Vitry/Ivry, Grand Paris Express
construction, retail, care, cleaning, security, catering) placed in their job hubs; residents in
the 24 communes by population, seeking related trades, with skills drawn from the ROME links of
their past and sought occupations (so with gaps), qualification skewed low (~59 % at CAP/BEP or
below), permits and commute limits of 20–90 min.

Prints: the full two-way top-20 time (components and skill gaps included), the peak RSS during
it, one-offer and one-resident re-score times (p50 of 50; cold = only the inputs' arrays given,
warm = reusing the run's context), candidate pairs scored, fairness figures, rows/s written to
PostgreSQL (COPY of every shown pair of both sides), and the time of a brute-force reference
(dense 384-d product, top-20 both ways) measured in the same run. Last line: JSON.

    .venv/bin/python bench/matching.py [--residents 60000] [--offers 20000] [--seed 1]
        [--no-db] [--no-reference] [--rerank] [--workers 2] [--text-dim 384] [--chunk 8192]

Text vectors (random around an occupation centroid) are quantised to int8 when the inputs are
built, as they would be stored; the engine's run starts from those inputs.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matching.engine import (  # noqa: E402
    Geography,
    OccupationGraph,
    Offers,
    Residents,
    match,
    report,
    rerank,
    rerank_effect,
    rescore_offer,
    rescore_resident,
)
from referentiel.commute import matrix  # noqa: E402

DATA = ROOT / "referentiel" / "data"
K = 20
PERMITS = ("B", "C", "CE", "D", "CACES_R489", "CACES_R482", "HAB_ELEC", "CARTE_SECURITE")
BIT = {name: 1 << i for i, name in enumerate(PERMITS)}

# Trade families: ROME fiches (most frequent first), share of offers, job hubs (commune: weight).
FAMILIES = {
    "logistique": (
        ["N1103", "N1101", "N1105", "N4105", "N4101", "N1102", "N1104", "N1202", "N1201", "N1301"],
        0.20,
        {
            "Rungis": 3,
            "Chevilly-Larue": 3,
            "Orly": 2,
            "Paray-Vieille-Poste": 2,
            "Athis-Mons": 1,
            "Villeneuve-le-Roi": 1,
            "Vitry-sur-Seine": 1,
            "Ivry-sur-Seine": 1,
            "Thiais": 1,
        },
    ),
    "aeroport": (
        ["N2201", "N2203", "N2204"],
        0.04,
        {"Paray-Vieille-Poste": 3, "Orly": 3, "Athis-Mons": 1},
    ),
    "alimentaire": (
        ["D1107", "D1101", "D1103", "D1105", "D1106", "H2102", "H3302"],
        0.08,
        {"Rungis": 6, "Chevilly-Larue": 2, "Thiais": 1},
    ),
    "sante": (
        ["J1501", "J1301", "J1506", "J1302", "J1304", "J1303"],
        0.10,
        {
            "Villejuif": 5,
            "Le Kremlin-Bicêtre": 4,
            "Ivry-sur-Seine": 1,
            "Vitry-sur-Seine": 1,
            "Cachan": 1,
            "Choisy-le-Roi": 1,
        },
    ),
    "industrie": (
        ["H2909", "H2913", "H2903", "I1304", "I1310", "H2701"],
        0.06,
        {
            "Vitry-sur-Seine": 4,
            "Ivry-sur-Seine": 3,
            "Villeneuve-Saint-Georges": 1,
            "Valenton": 1,
            "Athis-Mons": 1,
        },
    ),
    "btp": (
        ["F1703", "F1701", "F1702", "F1302", "F1602", "F1603", "F1606", "F1201", "F1402"],
        0.10,
        {
            "Villejuif": 2,
            "Vitry-sur-Seine": 2,
            "Arcueil": 1,
            "Cachan": 1,
            "Chevilly-Larue": 1,
            "Orly": 1,
            "L'Haÿ-les-Roses": 1,
            "Thiais": 1,
            "Le Kremlin-Bicêtre": 1,
            "Ivry-sur-Seine": 1,
        },
    ),
    "commerce": (
        ["D1507", "D1505", "D1214", "D1212", "D1501", "D1502"],
        0.10,
        {
            "Thiais": 5,
            "Ivry-sur-Seine": 2,
            "Villejuif": 1,
            "Vitry-sur-Seine": 1,
            "Athis-Mons": 1,
            "Orly": 1,
            "Savigny-sur-Orge": 1,
        },
    ),
    "aide": (["K1302", "K1303", "K1304", "K1305"], 0.07, None),
    "proprete": (
        ["K2204", "K2201", "K2303"],
        0.06,
        {"Rungis": 2, "Orly": 2, "Vitry-sur-Seine": 1, "Ivry-sur-Seine": 1, "Villejuif": 1},
    ),
    "securite": (["K2503"], 0.03, {"Orly": 2, "Rungis": 2, "Thiais": 1, "Ivry-sur-Seine": 1}),
    "restauration": (
        ["G1602", "G1603", "G1803", "G1605"],
        0.06,
        {"Orly": 2, "Rungis": 2, "Thiais": 1, "Ivry-sur-Seine": 1, "Villejuif": 1},
    ),
    "administratif": (["M1602", "M1607"], 0.03, None),
}
OTHER_SHARE = 0.07  # offers in any other fiche
PERMIT_RULES = {  # fiche: (permits, probability the offer requires them)
    "N4101": ("C", 0.6),
    "N4105": ("B", 0.9),
    "N1101": ("CACES_R489", 0.9),
    "N1103": ("CACES_R489", 0.3),
    "F1302": ("CACES_R482", 0.9),
    "F1602": ("HAB_ELEC", 0.8),
    "K2503": ("CARTE_SECURITE", 0.95),
    "K1302": ("B", 0.4),
    "K1305": ("B", 0.3),
}


def read_reference():
    """ROME fiches, their skills (core flags), mobility links; the territory's communes."""
    with open(DATA / "rome.csv", encoding="utf-8") as handle:
        fiches = list(csv.DictReader(handle))
    codes = [f["code_rome"] for f in fiches]
    position = {code: i for i, code in enumerate(codes)}
    rome4 = DATA / "rome4_v460"
    with open(rome4 / "unix_liens_rome_referentiels_v460_utf8.csv", encoding="utf-8") as h:
        links = [r for r in csv.DictReader(h) if r["code_compo_bloc"] == "5"]
    with open(DATA / "rome_coeur_metier.csv", encoding="utf-8") as handle:
        core = {
            (r["code_rome"], r["code_ogr"])
            for r in csv.DictReader(handle)
            if r["coeur_metier"] == "Principale"
        }
    skill_codes = sorted({int(r["code_ogr"]) for r in links})
    skill_of = {code: i for i, code in enumerate(skill_codes)}
    fiche_skills = [[] for _ in codes]  # (skill, kind): 2 core, 1 other know-how, 0 the rest
    for r in links:
        other = 1 if r["code_rubrique"] == "1" else 0
        kind = 2 if (r["code_rome"], r["code_ogr"]) in core else other
        fiche_skills[position[r["code_rome"]]].append((skill_of[int(r["code_ogr"])], kind))
    fiche_skills = [
        (np.array([s for s, _ in pairs]), np.array([k for _, k in pairs])) for pairs in fiche_skills
    ]
    with open(rome4 / "unix_rubrique_mobilite_v460_utf8.csv", encoding="utf-8") as h:
        mobility = [(r["code_rome"], r["code_rome_cible"]) for r in csv.DictReader(h)]
    graph = OccupationGraph.from_codes(
        codes,
        [f["code_rome_parent"] for f in fiches],
        [f["code_domaine_professionnel"] for f in fiches],
        mobility,
    )
    with open(DATA / "communes_idf.csv", encoding="utf-8") as handle:
        communes = [c for c in csv.DictReader(handle) if c["in_ept_gosb"] == "1"]
    with open(DATA / "qpv.csv", encoding="utf-8") as handle:
        qpv_communes = {r["code_insee_commune"] for r in csv.DictReader(handle)}
    return {
        "codes": codes,
        "position": position,
        "fiches": fiches,
        "graph": graph,
        "fiche_skills": fiche_skills,
        "skill_codes": np.array(skill_codes, dtype=np.int64),
        "communes": communes,
        "qpv_communes": qpv_communes,
    }


def _weights(values) -> np.ndarray:
    values = np.asarray(values, dtype=np.float64)
    return values / values.sum()


def _draw_skills(rng, fiche_skills, owners, fiches, probability) -> tuple[np.ndarray, np.ndarray]:
    """For each (owner, fiche), keep each skill of the fiche with probability[kind]."""
    rows, cols = [], []
    order = np.argsort(fiches, kind="stable")
    fiches_sorted, owners_sorted = fiches[order], owners[order]
    bounds = np.flatnonzero(np.diff(fiches_sorted)) + 1
    for group_owners, group_fiches in zip(
        np.split(owners_sorted, bounds), np.split(fiches_sorted, bounds), strict=True
    ):
        if len(group_fiches) == 0:
            continue
        skills, kinds = fiche_skills[group_fiches[0]]
        keep = rng.random((len(group_owners), len(skills))) < probability[kinds][None, :]
        r, c = np.nonzero(keep)
        rows.append(group_owners[r])
        cols.append(skills[c])
    return np.concatenate(rows), np.concatenate(cols)


def generate(ref, n_residents: int, n_offers: int, seed: int, text_dim: int):
    """Residents, offers, geography and the residents' QPV mask (for the fairness report only)."""
    rng = np.random.default_rng(seed)
    graph, position, fiches = ref["graph"], ref["position"], ref["fiches"]
    n_occ, n_skills = graph.n_occ, len(ref["skill_codes"])
    names = [c["nom"] for c in ref["communes"]]
    population = np.array([int(c["population_municipale"]) for c in ref["communes"]], float)
    lat = np.array([float(c["latitude"]) for c in ref["communes"]])
    lon = np.array([float(c["longitude"]) for c in ref["communes"]])
    geography = Geography(minutes=matrix(lat, lon)[1])

    # Fiche popularity for offers: families' shares, then any other fiche (Zipf-like).
    offer_p = np.zeros(n_occ)
    family_of = np.full(n_occ, -1)
    for f, (codes, share, _) in enumerate(FAMILIES.values()):
        idx = [position[c] for c in codes]
        offer_p[idx] += share * _weights(1.0 / np.arange(1, len(idx) + 1) ** 0.7)
        family_of[idx] = f
    offer_p += OTHER_SHARE * _weights(rng.pareto(1.5, n_occ) + 0.05)
    offer_p = _weights(offer_p)
    resident_p = _weights(0.8 * offer_p + 0.2 * _weights(rng.pareto(1.2, n_occ) + 0.05))

    # --- Offers
    occupation = rng.choice(n_occ, n_offers, p=offer_p)
    commune = np.empty(n_offers, dtype=np.int64)
    hubs_by_family = [hubs for _, _, hubs in FAMILIES.values()]
    for f in range(-1, len(FAMILIES)):
        mask = family_of[occupation] == f
        hubs = hubs_by_family[f] if f >= 0 else None
        p = (
            _weights(population)
            if hubs is None
            else _weights([hubs.get(n, 0.0) + 0.02 for n in names])
        )
        commune[mask] = rng.choice(len(names), mask.sum(), p=p)
    core_take = rng.random(n_offers)
    o_rows, o_cols, o_kind, n_rows, n_cols = [], [], [], [], []
    for j in np.unique(occupation):
        owners = np.flatnonzero(occupation == j)
        skills, kinds = ref["fiche_skills"][j]
        core, other, soft = skills[kinds == 2], skills[kinds == 1], skills[kinds == 0]
        if len(core):
            keep = rng.random((len(owners), len(core))) < (0.5 + 0.4 * core_take[owners])[:, None]
            r, c = np.nonzero(keep)
            o_rows.append(owners[r]), o_cols.append(core[c]), o_kind.append(np.full(len(r), 2))
        for pool, target, chance in ((other, "req", 0.04), (soft, "nice", 0.08)):
            if len(pool):
                r, c = np.nonzero(rng.random((len(owners), len(pool))) < chance)
                if target == "req":
                    o_rows.append(owners[r]), o_cols.append(pool[c]), o_kind.append(np.ones(len(r)))
                else:
                    n_rows.append(owners[r]), n_cols.append(pool[c])
    required = sp.csr_matrix(
        (np.concatenate(o_kind), (np.concatenate(o_rows), np.concatenate(o_cols))),
        shape=(n_offers, n_skills),
    )
    n_rows, n_cols = np.concatenate(n_rows), np.concatenate(n_cols)
    nice = sp.csr_matrix((np.ones(len(n_rows)), (n_rows, n_cols)), shape=(n_offers, n_skills))
    cadre = np.array([f["emploi_cadre"] == "O" for f in fiches])[occupation]
    regulated = np.array([f["emploi_reglemente"] == "O" for f in fiches])[occupation]
    level = rng.choice([0, 3, 4, 5, 6], n_offers, p=[0.38, 0.34, 0.16, 0.08, 0.04])
    level = np.where(cadre, rng.choice([6, 7], n_offers), level)
    for code, fixed in (("J1506", 6), ("J1501", 4), ("J1302", 5), ("J1304", 4)):
        level = np.where(occupation == position[code], fixed, level)
    strict = regulated | (rng.random(n_offers) < 0.1)
    permits = np.where(rng.random(n_offers) < 0.08, BIT["B"], 0)
    for code, (permit, chance) in PERMIT_RULES.items():
        mask = (occupation == position[code]) & (rng.random(n_offers) < chance)
        permits = np.where(mask, BIT[permit], permits)
    published = rng.random(n_offers) < 0.9
    offer_centroid = rng.standard_normal((n_occ, text_dim)).astype(np.float32) if text_dim else None
    offers = Offers(
        occupation=occupation,
        required=required,
        nice=nice,
        level=level,
        strict=strict,
        commune=commune,
        permits=permits,
        contract=rng.choice([0, 1, 2, 3, 4], n_offers, p=[0.45, 0.30, 0.20, 0.03, 0.02]),
        hours=rng.choice(
            [35.0, 39.0, 24.0, 28.0, 30.0], n_offers, p=[0.65, 0.08, 0.10, 0.07, 0.10]
        ),
        start=rng.integers(0, 120, n_offers),
        published=published,
        positions=rng.choice([1, 2, 3, 5, 10], n_offers, p=[0.72, 0.12, 0.07, 0.04, 0.05]),
        text=None
        if not text_dim
        else offer_centroid[occupation]
        + 0.9 * rng.standard_normal((n_offers, text_dim)).astype(np.float32),
    )

    # --- Residents
    res_commune = rng.choice(len(names), n_residents, p=_weights(population))
    has_qpv = np.array([c["code_insee"] in ref["qpv_communes"] for c in ref["communes"]])
    qpv = has_qpv[res_commune] & (rng.random(n_residents) < 0.25)  # about 1 resident in 5
    first = rng.choice(n_occ, n_residents, p=resident_p)
    mobility = graph.mobility.tocsr()
    sought_rows, sought_cols = [np.arange(n_residents)], [first]
    neighbour = _neighbour(rng, mobility, graph.domain, first)
    second = rng.random(n_residents) < 0.6
    sought_rows.append(np.flatnonzero(second)), sought_cols.append(neighbour[second])
    third = rng.random(n_residents) < 0.25
    sought_rows.append(np.flatnonzero(third))
    sought_cols.append(rng.choice(n_occ, third.sum(), p=resident_p))
    sought = sp.csr_matrix(
        (
            np.ones(sum(map(len, sought_rows))),
            (np.concatenate(sought_rows), np.concatenate(sought_cols)),
        ),
        shape=(n_residents, n_occ),
    )
    sought.data[:] = 1
    related = _neighbour(rng, mobility, graph.domain, first)
    past = np.where(rng.random(n_residents) < 0.55, first, related)
    owners = np.arange(n_residents)
    r1, c1 = _draw_skills(rng, ref["fiche_skills"], owners, past, np.array([0.45, 0.3, 0.75]))
    r2, c2 = _draw_skills(rng, ref["fiche_skills"], owners, first, np.array([0.2, 0.1, 0.3]))
    skills = sp.csr_matrix(
        (np.ones(len(r1) + len(r2), np.int8), (np.concatenate([r1, r2]), np.concatenate([c1, c2]))),
        shape=(n_residents, n_skills),
    )
    skills.data[:] = 1
    levels = rng.choice(9, n_residents, p=[0.25, 0.02, 0.02, 0.30, 0.20, 0.10, 0.06, 0.045, 0.005])
    permits = np.where(rng.random(n_residents) < np.where(qpv, 0.30, 0.48), BIT["B"], 0)
    for code, (permit, _) in PERMIT_RULES.items():
        chance = np.where(past == position[code], 0.6, 0.02)
        permits |= np.where(rng.random(n_residents) < chance, BIT[permit], 0)
    residents = Residents(
        sought=sought,
        skills=skills,
        level=levels,
        commune=res_commune,
        max_minutes=rng.choice(
            [20, 30, 40, 45, 60, 75, 90], n_residents, p=[0.05, 0.12, 0.13, 0.20, 0.30, 0.10, 0.10]
        ),
        permits=permits,
        contracts=rng.choice([0, 1, 3, 6, 4], n_residents, p=[0.55, 0.20, 0.15, 0.07, 0.03]),
        hours=rng.choice([0, 1, 2], n_residents, p=[0.6, 0.3, 0.1]),
        available_from=np.where(
            rng.random(n_residents) < 0.65, 0, rng.integers(0, 90, n_residents)
        ),
        consent=rng.random(n_residents) < 0.92,
        text=None
        if not text_dim
        else offer_centroid[first]
        + 1.1 * rng.standard_normal((n_residents, text_dim)).astype(np.float32),
    )
    return residents, offers, geography, qpv


def _neighbour(rng, mobility: sp.csr_matrix, domain: np.ndarray, fiches: np.ndarray) -> np.ndarray:
    """A related fiche for each: a mobility target when there is one (70 %), else same domain."""
    counts = np.diff(mobility.indptr)[fiches]
    pick = mobility.indptr[fiches] + (rng.random(len(fiches)) * np.maximum(counts, 1)).astype(int)
    target = np.where(counts > 0, mobility.indices[np.minimum(pick, mobility.nnz - 1)], fiches)
    by_domain = np.argsort(domain, kind="stable")
    starts = np.searchsorted(domain[by_domain], domain[fiches])
    sizes = np.searchsorted(domain[by_domain], domain[fiches], side="right") - starts
    same = by_domain[starts + (rng.random(len(fiches)) * sizes).astype(int)]
    return np.where((counts > 0) & (rng.random(len(fiches)) < 0.7), target, same)


# --- Measurements ---------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _reset_peak_rss() -> None:
    """Reset the kernel's high-water mark of this process (Linux; ru_maxrss follows it)."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        pass


def p50_ms(function, items) -> float:
    times = []
    for item in items:
        start = time.perf_counter()
        function(item)
        times.append((time.perf_counter() - start) * 1000.0)
    return float(np.median(times))


def reference(n_residents: int, n_offers: int, dim: int, seed: int, chunk: int = 2048) -> float:
    """Brute force: dense ``dim``-d vectors, every pair's dot product, top-20 both ways."""
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((n_residents, dim), dtype=np.float32)
    b = rng.standard_normal((n_offers, dim), dtype=np.float32)
    start = time.perf_counter()
    res_ids = np.empty((n_residents, K), dtype=np.int64)
    off_values = np.full((n_offers, K), -np.inf, dtype=np.float32)
    off_ids = np.full((n_offers, K), -1, dtype=np.int64)
    rows_buf = np.empty((chunk, n_offers), dtype=np.float32)
    cols_buf = np.empty((n_offers, chunk), dtype=np.float32)
    for lo in range(0, n_residents, chunk):
        hi = min(lo + chunk, n_residents)
        scores = np.matmul(a[lo:hi], b.T, out=rows_buf[: hi - lo])
        res_ids[lo:hi] = np.argpartition(scores, n_offers - K, axis=1)[:, n_offers - K :]
        by_offer = np.matmul(b, a[lo:hi].T, out=cols_buf[:, : hi - lo])
        best = np.argpartition(by_offer, hi - lo - K, axis=1)[:, hi - lo - K :]
        values = np.concatenate([off_values, np.take_along_axis(by_offer, best, axis=1)], axis=1)
        ids = np.concatenate([off_ids, best + lo], axis=1)
        keep = np.argpartition(values, K, axis=1)[:, K:]
        off_values = np.take_along_axis(values, keep, axis=1)
        off_ids = np.take_along_axis(ids, keep, axis=1)
    return time.perf_counter() - start


# --- PostgreSQL write -----------------------------------------------------------------------------
# The product's writer (matching/store.py: COPY lines built with numpy) into a table with the
# columns of matching_match.

BENCH_TABLE = """CREATE TABLE bench_match (
    id bigserial, run_id bigint, profile_id bigint, offer_id bigint, score double precision,
    components double precision[], required smallint, missing varchar(10)[],
    missing_core smallint, minutes smallint, for_resident boolean, for_offer boolean)"""


def side_rows(side, rows_are_residents: bool):
    """One side's valid pairs as the product's ``store.Rows`` (positions for ids)."""
    from matching.store import Rows, ranks

    n, k = side.index.shape
    flat = np.flatnonzero(side.index.ravel() >= 0)
    row, other = flat // k, side.index.ravel()[flat]
    residents, offers = (row, other) if rows_are_residents else (other, row)
    counts = side.gaps.ptr[flat + 1] - side.gaps.ptr[flat]
    take = np.repeat(side.gaps.ptr[flat], counts) + ranks(counts)
    groups = np.repeat(np.arange(len(flat)), counts)
    core = np.bincount(groups, weights=side.gaps.core[take], minlength=len(flat)).astype(np.int64)
    return Rows(
        profile=residents,
        offer=offers,
        score=side.score.ravel()[flat],
        components=side.components.reshape(n * k, side.components.shape[-1])[flat],
        required=side.required.ravel()[flat],
        counts=counts,
        skills=side.gaps.skills[take],
        core=core,
        minutes=np.full(len(flat), -1),
        for_resident=np.full(len(flat), rows_are_residents),
        for_offer=np.full(len(flat), not rows_are_residents),
    )


def write_postgres(result, skill_codes: np.ndarray) -> tuple[int, float]:
    """Write both sides' top-k rows with the product's COPY writer; return (rows, seconds)."""
    import psycopg2

    from matching import store
    from vitrine.embedded import postgres_start, postgres_stop

    url = postgres_start("bench")
    try:
        conn = psycopg2.connect(url)
        with conn, conn.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS bench_match")
            cursor.execute(BENCH_TABLE)
        start = time.perf_counter()
        total = 0
        with conn, conn.cursor() as cursor:
            for side, by_resident in ((result.by_resident, True), (result.by_offer, False)):
                rows = side_rows(side, by_resident)
                total += store.write(cursor, 1, skill_codes, rows, table="bench_match")
        seconds = time.perf_counter() - start
        with conn.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM bench_match")
            assert cursor.fetchone()[0] == total
        conn.close()
        return total, seconds
    finally:
        postgres_stop("bench")


def show_rerank(residents, offers, graph, geography, qpv, args) -> None:
    """Re-rank residents' top-20 from 60-long pools by positions to fill; print the effect."""
    with threadpool_limits(1):
        pooled = match(
            residents,
            offers,
            graph,
            geography,
            k=K,
            chunk=args.chunk,
            workers=args.workers,
            pool=60,
        )
    start = time.perf_counter()
    index, score = rerank(pooled.pool_index, pooled.pool_score, offers.positions, k=K)
    seconds = time.perf_counter() - start
    effect = rerank_effect(
        pooled.by_resident.index,
        pooled.by_resident.score,
        index,
        score,
        qpv,
        offers.positions,
        offers=offers.published,
        residents=residents.consent,
    )
    s = effect.summary()
    print(
        f"re-ranking by positions ({seconds:.1f} s): exposure Gini {s['gini_before']:.3f} -> "
        f"{s['gini_after']:.3f}, per position {s['gini_per_position_before']:.3f} -> "
        f"{s['gini_per_position_after']:.3f}, never shown {s['never_shown_before']:.1%} -> "
        f"{s['never_shown_after']:.1%}; QPV mean best {s['group_mean_best_before']:.1f} -> "
        f"{s['group_mean_best_after']:.1f}, with a match >= 60 "
        f"{s['group_good_match_before']:.1%} -> {s['group_good_match_after']:.1%}; others "
        f"{s['others_mean_best_before']:.1f} -> {s['others_mean_best_after']:.1f}, "
        f"{s['others_good_match_before']:.1%} -> {s['others_good_match_after']:.1%}"
    )


def _same(rescored, side, row: int) -> bool:
    """A re-scored row's top-k is the full run's (same scores, same pairs unless tied)."""
    shown = side.score[row][~np.isnan(side.score[row])]
    if not np.array_equal(rescored.score, shown):
        return False
    unique = len(np.unique(shown)) == len(shown)
    return not unique or np.array_equal(rescored.index, side.index[row][: len(shown)])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--residents", type=int, default=60_000)
    parser.add_argument("--offers", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--text-dim", type=int, default=384, help="0: no text vectors")
    parser.add_argument("--chunk", type=int, default=8192)
    parser.add_argument("--workers", type=int, default=2, help="threads, one BLAS thread each")
    parser.add_argument(
        "--rerank",
        action="store_true",
        help="also run with 60-long pools and report the re-ranking's effect",
    )
    parser.add_argument("--no-db", action="store_true", help="skip the PostgreSQL write")
    parser.add_argument("--no-reference", action="store_true", help="skip the brute force")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    ref = read_reference()
    residents, offers, geography, qpv = generate(
        ref, args.residents, args.offers, args.seed, args.text_dim
    )
    graph = ref["graph"]
    print(
        f"data: {args.residents} residents, {args.offers} offers, {graph.n_occ} fiches, "
        f"{len(ref['skill_codes'])} skills, {geography.minutes.shape[0]} communes, "
        f"text {args.text_dim}-d, generated in {time.perf_counter() - start:.1f} s"
    )
    skills_per = np.diff(residents.skills.indptr)
    required_per = np.diff(offers.required.indptr)
    core_per = np.bincount(
        offers.required.nonzero()[0][offers.required.data == 2], minlength=len(offers)
    )
    print(
        f"residents: {np.mean(residents.level <= 3):.1%} at CAP/BEP or below, "
        f"{np.mean(np.diff(residents.sought.indptr)):.2f} fiches sought, "
        f"{skills_per.mean():.1f} skills, {np.mean(residents.permits & 1 > 0):.0%} with a "
        f"driving licence, {residents.consent.mean():.0%} consented, {qpv.mean():.0%} in a QPV; "
        f"offers: {required_per.mean():.1f} required skills ({core_per.mean():.1f} core), "
        f"{offers.published.mean():.0%} published, {offers.positions.sum():,} positions"
    )

    before = peak_rss_mb()
    _reset_peak_rss()  # so that the figure is the matcher's (inputs included), not the generator's
    start = time.perf_counter()
    with threadpool_limits(1):  # block products are small: one BLAS thread per worker
        result = match(
            residents, offers, graph, geography, k=K, chunk=args.chunk, workers=args.workers
        )
    full = time.perf_counter() - start
    rss = peak_rss_mb()
    stages = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in result.seconds.items())
    print(
        f"full two-way top-{K}: {full:.2f} s ({stages}); peak RSS during the match {rss:.0f} MB "
        f"(inputs included; data generation peaked at {before:.0f} MB before it)"
    )
    print(
        f"candidate pairs scored: {result.candidate_pairs:,} "
        f"({result.candidate_pairs / (args.residents * args.offers):.1%} of all pairs), "
        f"passing hard rules: {result.valid_pairs:,}"
    )

    rng = np.random.default_rng(args.seed + 7)
    some_offers = rng.choice(np.flatnonzero(offers.published), 50, replace=False)
    some_residents = rng.choice(np.flatnonzero(residents.consent), 50, replace=False)
    ctx = result.context
    single = threadpool_limits(1)
    offer_ms = p50_ms(
        lambda o: rescore_offer(residents, offers, graph, geography, o, k=K), some_offers
    )
    resident_ms = p50_ms(
        lambda r: rescore_resident(residents, offers, graph, geography, r, k=K), some_residents
    )
    offer_warm = p50_ms(
        lambda o: rescore_offer(residents, offers, graph, geography, o, k=K, ctx=ctx), some_offers
    )
    resident_warm = p50_ms(
        lambda r: rescore_resident(residents, offers, graph, geography, r, k=K, ctx=ctx),
        some_residents,
    )
    agree = all(
        _same(
            rescore_offer(residents, offers, graph, geography, int(o), k=K), result.by_offer, int(o)
        )
        for o in some_offers
    ) and all(
        _same(
            rescore_resident(residents, offers, graph, geography, int(r), k=K),
            result.by_resident,
            int(r),
        )
        for r in some_residents
    )
    single.restore_original_limits()
    print(
        f"re-score one offer vs all residents: p50 {offer_ms:.1f} ms "
        f"(reusing the run's context: {offer_warm:.1f} ms)"
    )
    print(
        f"re-score one resident vs all offers: p50 {resident_ms:.1f} ms "
        f"(reusing the run's context: {resident_warm:.1f} ms); the 100 re-scored lists "
        f"equal the full run's: {agree}"
    )

    fair = report(
        result.by_resident.index,
        result.by_resident.score,
        qpv,
        offers.positions,
        offers=offers.published,
        residents=residents.consent,
    )
    print(
        "fairness: exposure Gini {gini:.3f} (per position {gini_per_position:.3f}), offers "
        "never shown {never_shown:.1%}; QPV residents: mean best {group_mean_best:.1f}, "
        "with a match >= 60 {group_good_match:.1%}; others: {others_mean_best:.1f}, "
        "{others_good_match:.1%}".format(**fair.summary())
    )

    if args.rerank:
        show_rerank(residents, offers, graph, geography, qpv, args)

    rows_per_s = None
    if not args.no_db:
        rows, seconds = write_postgres(result, ref["skill_codes"])
        rows_per_s = rows / seconds
        print(f"PostgreSQL COPY: {rows:,} rows in {seconds:.2f} s = {rows_per_s:,.0f} rows/s")

    reference_s = None
    if not args.no_reference:
        reference_s = reference(args.residents, args.offers, 384, args.seed)
        print(
            f"brute-force reference (dense 384-d, top-{K} both ways): {reference_s:.2f} s; "
            f"matcher is {reference_s / full:.2f}x faster"
        )
    if reference_s is not None:
        print(
            f"peak RSS of the process since the match, the brute-force reference's buffers "
            f"included: {peak_rss_mb():.0f} MB"
        )
    print(
        json.dumps(
            {
                "bench": "matching",
                "residents": args.residents,
                "offers": args.offers,
                "seed": args.seed,
                "text_dim": args.text_dim,
                "workers": args.workers,
                "full_s": round(full, 3),
                "peak_rss_mb": round(rss, 1),
                "offer_rescore_ms": round(offer_ms, 2),
                "resident_rescore_ms": round(resident_ms, 2),
                "offer_rescore_warm_ms": round(offer_warm, 2),
                "resident_rescore_warm_ms": round(resident_warm, 2),
                "candidate_pairs": int(result.candidate_pairs),
                "valid_pairs": int(result.valid_pairs),
                "rescores_agree": bool(agree),
                "write_rows_per_s": None if rows_per_s is None else round(rows_per_s),
                "reference_s": None if reference_s is None else round(reference_s, 3),
                "speedup_vs_reference": None
                if reference_s is None
                else round(reference_s / full, 2),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
