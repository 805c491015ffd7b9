"""The matcher's numeric core, on small hand-built cases (no Django, no database)."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from matching.engine import (
    COMPONENTS,
    Geography,
    OccupationGraph,
    Offers,
    PairFacts,
    Residents,
    fairness,
    match,
    near_miss,
    reasons,
    rescore_offer,
    rescore_resident,
    weights,
)
from matching.engine.components import qualification_fit
from matching.engine.score import pair_points
from matching.engine.tables import context

# Five fiches: 0 and 1 share a parent code; 0 -> 2 is a ROME mobility link; 3 is in 0's
# professional domain only; 4 is unrelated to 0.
GRAPH = OccupationGraph(
    parent=[0, 0, 2, 3, 4],
    domain=[0, 0, 1, 0, 2],
    mobility=sp.csr_matrix(([1], ([0], [2])), shape=(5, 5)),
)
# Three communes: 20 min within a commune, 30 min from 0 to 1, 70 min from 0 to 2.
GEOGRAPHY = Geography(minutes=[[20, 30, 70], [30, 20, 50], [70, 50, 20]])
N_SKILLS = 10

RESIDENT = {
    "sought": [0],
    "skills": [],
    "level": 3,
    "commune": 0,
    "max_minutes": 60,
    "permits": 0,
    "contracts": 0,
    "hours": 0,
    "available_from": 0,
    "consent": True,
}
OFFER = {
    "occupation": 0,
    "core": [],
    "other": [],
    "nice": [],
    "level": 0,
    "strict": False,
    "commune": 0,
    "permits": 0,
    "contract": 0,
    "hours": 35.0,
    "start": 0,
    "positions": 1,
    "published": True,
}


def _rows(items: list[list[int]], n_cols: int, values=None) -> sp.csr_matrix:
    rows = np.repeat(np.arange(len(items)), [len(i) for i in items])
    cols = np.concatenate([np.asarray(i, dtype=int) for i in items]) if items else []
    data = np.ones(len(rows)) if values is None else np.concatenate(values)
    return sp.csr_matrix((data, (rows, cols)), shape=(len(items), n_cols))


def make_residents(*specs) -> Residents:
    specs = [{**RESIDENT, **spec} for spec in specs]
    column = lambda name: [s[name] for s in specs]  # noqa: E731
    return Residents(
        sought=_rows(column("sought"), GRAPH.n_occ),
        skills=_rows(column("skills"), N_SKILLS),
        level=column("level"),
        commune=column("commune"),
        max_minutes=column("max_minutes"),
        permits=column("permits"),
        contracts=column("contracts"),
        hours=column("hours"),
        available_from=column("available_from"),
        consent=column("consent"),
    )


def make_offers(*specs) -> Offers:
    specs = [{**OFFER, **spec} for spec in specs]
    column = lambda name: [s[name] for s in specs]  # noqa: E731
    required = [s["core"] + s["other"] for s in specs]
    kinds = [
        [weights.REQUIRED_CORE] * len(s["core"]) + [weights.REQUIRED_OTHER] * len(s["other"])
        for s in specs
    ]
    return Offers(
        occupation=column("occupation"),
        required=_rows(required, N_SKILLS, kinds),
        nice=_rows(column("nice"), N_SKILLS),
        level=column("level"),
        strict=column("strict"),
        commune=column("commune"),
        permits=column("permits"),
        contract=column("contract"),
        hours=column("hours"),
        start=column("start"),
        positions=column("positions"),
        published=column("published"),
    )


def scores_of(residents, offers, resident=0) -> dict[int, float]:
    """{offer position: score} of every valid pair of one resident."""
    result = rescore_resident(residents, offers, GRAPH, GEOGRAPHY, resident)
    return dict(zip(result.index.tolist(), result.score.tolist(), strict=True))


def random_world(seed: int, n_res: int = 120, n_off: int = 80, text_dim: int = 8):
    """A random but valid instance: 12 fiches, 30 skills, 5 communes."""
    rng = np.random.default_rng(seed)
    n_occ, n_skills, n_communes = 12, 30, 5
    graph = OccupationGraph(
        parent=rng.integers(0, 6, n_occ),
        domain=rng.integers(0, 3, n_occ),
        mobility=sp.random(n_occ, n_occ, density=0.15, random_state=seed, format="csr"),
    )
    sought = sp.random(n_res, n_occ, density=0.12, random_state=seed, format="csr") + sp.csr_matrix(
        (np.ones(n_res), (np.arange(n_res), rng.integers(0, n_occ, n_res))), shape=(n_res, n_occ)
    )
    required = sp.random(n_off, n_skills, density=0.15, random_state=seed + 1, format="csr")
    required.data = rng.integers(1, 3, required.nnz).astype(float)
    residents = Residents(
        sought=sought,
        skills=sp.random(n_res, n_skills, density=0.3, random_state=seed + 2),
        level=rng.integers(0, 9, n_res),
        commune=rng.integers(0, n_communes, n_res),
        max_minutes=rng.choice([25, 40, 60, 90], n_res),
        permits=rng.integers(0, 4, n_res),
        contracts=rng.choice([0, 1, 3], n_res),
        hours=rng.integers(0, 3, n_res),
        available_from=rng.integers(0, 60, n_res),
        consent=rng.random(n_res) < 0.9,
        text=rng.standard_normal((n_res, text_dim)) if text_dim else None,
    )
    offers = Offers(
        occupation=rng.integers(0, n_occ, n_off),
        required=required,
        nice=sp.random(n_off, n_skills, density=0.05, random_state=seed + 3),
        level=rng.integers(0, 8, n_off),
        strict=rng.random(n_off) < 0.3,
        commune=rng.integers(0, n_communes, n_off),
        permits=rng.choice([0, 0, 1, 2], n_off),
        contract=rng.integers(0, 3, n_off),
        hours=rng.choice([24.0, 35.0], n_off),
        start=rng.integers(0, 90, n_off),
        positions=rng.integers(1, 4, n_off),
        published=rng.random(n_off) < 0.9,
        text=rng.standard_normal((n_off, text_dim)) if text_dim else None,
    )
    minutes = 20 + 12 * np.abs(np.subtract.outer(np.arange(n_communes), np.arange(n_communes)))
    return residents, offers, graph, Geography(minutes=minutes)


# --- Occupation proximity ----------------------------------------------------------------------


def test_same_fiche_beats_parent_beats_mobility_beats_domain_and_unrelated_is_not_matched():
    residents = make_residents({"sought": [0]})
    offers = make_offers(*({"occupation": j} for j in (0, 1, 2, 3, 4)))
    scores = scores_of(residents, offers)
    assert scores[0] > scores[1] > scores[2] > scores[3]
    assert 4 not in scores
    result = match(residents, offers, GRAPH, GEOGRAPHY, k=5)
    assert result.by_resident.index[0].tolist() == [0, 1, 2, 3, -1]


# --- Skills ------------------------------------------------------------------------------------


def test_adding_a_required_skill_raises_the_score_by_its_weight():
    offers = make_offers({"core": [1, 2], "other": [3]})
    without = scores_of(make_residents({"skills": [1]}), offers)[0]
    with_core = scores_of(make_residents({"skills": [1, 2]}), offers)[0]
    with_other = scores_of(make_residents({"skills": [1, 3]}), offers)[0]
    assert with_core > with_other > without
    # core weighs 2, other 1: coverage goes from 2/5 to 4/5 (core) or 3/5 (other)
    skills_weight = weights.active_weights(has_text=False)["skills"]
    assert with_core - without == pytest.approx(skills_weight * 2 / 5, abs=1e-3)


@pytest.mark.parametrize("seed", range(4))
def test_adding_a_skill_the_offer_requires_never_lowers_any_score(seed):
    residents, offers, graph, geography = random_world(seed)
    rng = np.random.default_rng(seed)
    before = context(residents, offers, graph, geography)
    checked = 0
    for resident in rng.choice(before.residents.rows, 15, replace=False):
        listed = before.offers.skill[before.offers.skill_kind > 0]
        skill = int(rng.choice(listed))
        skills = residents.skills.tolil()
        skills[resident, skill] = 1
        more = Residents(**{**residents.__dict__, "skills": skills.tocsr()})
        old = rescore_resident(residents, offers, graph, geography, int(resident))
        new = rescore_resident(more, offers, graph, geography, int(resident))
        new_scores = dict(zip(new.index.tolist(), new.score.tolist(), strict=True))
        for offer, score in zip(old.index.tolist(), old.score.tolist(), strict=True):
            assert new_scores[offer] >= score
            checked += 1
    assert checked > 0


def test_missing_skills_are_required_minus_held_core_first():
    offers = make_offers({"core": [7, 8, 9], "other": [1, 2], "nice": [5, 6]})
    residents = make_residents({"skills": [8, 1, 5]})  # lacks 7, 9, 2 and nice-to-have 6
    result = match(residents, offers, GRAPH, GEOGRAPHY, k=1)
    skills, core = result.by_resident.gaps.of(0)
    assert skills.tolist() == [7, 9, 2]
    assert core.tolist() == [True, True, False]
    assert result.by_resident.required[0, 0] == 5
    offer_skills, _ = result.by_offer.gaps.of(0)
    assert offer_skills.tolist() == [7, 9, 2]


# --- Hard rules --------------------------------------------------------------------------------


def test_commute_beyond_the_residents_limit_is_not_matched():
    offers = make_offers({"commune": 0}, {"commune": 1}, {"commune": 2})
    scores = scores_of(make_residents({"commune": 0, "max_minutes": 25}), offers)
    assert set(scores) == {0}  # 20 min ok; 30 and 70 min beyond 25
    scores = scores_of(make_residents({"commune": 0, "max_minutes": 40}), offers)
    assert set(scores) == {0, 1}
    assert scores[0] > scores[1]  # 20 min is half the limit or less: better than 30 min
    residents = make_residents({"commune": 0, "max_minutes": 25}, {"commune": 1, "max_minutes": 45})
    result = match(residents, offers, GRAPH, GEOGRAPHY, k=3)
    assert result.by_resident.index[0].tolist() == [0, -1, -1]
    assert sorted(result.by_resident.index[1].tolist()) == [-1, 0, 1]  # 50 min to commune 2


def test_a_missing_required_permit_is_not_matched():
    offers = make_offers({"permits": 0b10}, {"permits": 0})
    assert set(scores_of(make_residents({"permits": 0b01}), offers)) == {1}
    assert set(scores_of(make_residents({"permits": 0b11}), offers)) == {0, 1}
    result = match(
        make_residents({"permits": 0b01}, {"permits": 0b11}), offers, GRAPH, GEOGRAPHY, k=2
    )
    assert result.by_resident.index[0].tolist() == [1, -1]
    assert sorted(result.by_resident.index[1].tolist()) == [0, 1]


def test_unpublished_offers_and_non_consenting_residents_are_not_matched():
    residents = make_residents({"consent": True}, {"consent": False})
    offers = make_offers({"published": True}, {"published": False})
    result = match(residents, offers, GRAPH, GEOGRAPHY, k=2)
    assert result.by_resident.index[0].tolist() == [0, -1]
    assert result.by_resident.index[1].tolist() == [-1, -1]
    assert result.by_offer.index[0].tolist() == [0, -1]
    assert result.by_offer.index[1].tolist() == [-1, -1]
    assert len(rescore_offer(residents, offers, GRAPH, GEOGRAPHY, 1).index) == 0
    assert len(rescore_resident(residents, offers, GRAPH, GEOGRAPHY, 1).index) == 0


def test_qualification_is_one_sided_and_a_strict_level_far_above_excludes():
    assert qualification_fit(3, 4) < qualification_fit(5, 4) < qualification_fit(4, 4) == 1.0
    assert qualification_fit(0, 0) == qualification_fit(8, 0) == 1.0  # nothing asked
    offers = make_offers(
        {"level": 5, "strict": True}, {"level": 5, "strict": False}, {"level": 4, "strict": True}
    )
    scores = scores_of(make_residents({"level": 3}), offers)  # CAP/BEP: two levels below Bac+2
    assert set(scores) == {1, 2}


def test_a_perfect_pair_scores_100_and_without_published_offers_nothing_matches():
    perfect = match(
        make_residents({"skills": [1]}), make_offers({"core": [1]}), GRAPH, GEOGRAPHY, k=2
    )
    assert perfect.by_resident.score[0, 0] == 100.0
    assert np.isnan(perfect.by_resident.score[0, 1])
    empty = match(make_residents({}), make_offers({"published": False}), GRAPH, GEOGRAPHY, k=2)
    assert (empty.by_resident.index == -1).all() and empty.candidate_pairs == 0


# --- Consistency -------------------------------------------------------------------------------


@pytest.mark.parametrize("text_dim", [8, 0])
def test_both_directions_and_re_scores_agree(text_dim):
    residents, offers, graph, geography = random_world(7, text_dim=text_dim)
    result = match(residents, offers, graph, geography, k=6, chunk=16)
    by_offer = {
        (int(r), o): s
        for o in range(len(offers))
        for r, s in zip(result.by_offer.index[o], result.by_offer.score[o], strict=True)
        if r >= 0
    }
    shared = 0
    for r in range(len(residents)):
        for o, s in zip(result.by_resident.index[r], result.by_resident.score[r], strict=True):
            if o < 0:
                continue
            if (r, int(o)) in by_offer:
                assert by_offer[(r, int(o))] == s
                shared += 1
            rescored = rescore_offer(residents, offers, graph, geography, int(o))
            assert rescored.score[rescored.index.tolist().index(r)] == s
    assert shared > 0


def test_full_run_lists_are_the_best_valid_pairs_whatever_the_chunks_and_workers():
    residents, offers, graph, geography = random_world(3)
    ctx = context(residents, offers, graph, geography)
    rows = np.repeat(ctx.residents.rows, len(ctx.offers))
    cols = np.tile(np.arange(len(ctx.offers)), len(ctx.residents.rows))
    _, totals = pair_points(ctx, rows, cols)
    runs = [
        match(residents, offers, graph, geography, k=5, chunk=c, workers=w)
        for c, w in ((1000, 1), (7, 1), (7, 2))
    ]
    for r in ctx.residents.rows:
        mine = totals[rows == r]
        expected = np.sort(mine[mine >= 0])[::-1][:5]
        for run in runs:
            got = run.by_resident.score[r]
            assert np.array_equal(got[~np.isnan(got)], expected)
    assert runs[0].valid_pairs == int(np.sum(totals >= 0))
    for run in runs[1:]:
        same = np.nan_to_num(run.by_offer.score) == np.nan_to_num(runs[0].by_offer.score)
        assert same.all()


def test_components_are_fits_whose_weighted_sum_is_the_score():
    residents, offers, graph, geography = random_world(5)
    result = match(residents, offers, graph, geography, k=4)
    shown = ~np.isnan(result.by_resident.score)
    fits = result.by_resident.components[shown]
    assert fits.shape[1] == len(COMPONENTS)
    assert (fits >= -1e-6).all() and (fits <= 1 + 1e-6).all()
    active = weights.active_weights(has_text=True)
    weights_now = np.array([active[name] for name in COMPONENTS])
    assert np.allclose(fits @ weights_now, result.by_resident.score[shown], atol=1e-3)
    assert (result.by_resident.score[shown] <= 100).all()


def test_near_miss_needs_a_few_missing_skills_that_would_lift_the_score_to_good():
    assert near_miss(50.0, 0.5, 2)  # 50 + 30 * 0.5 >= 60
    assert not near_miss(50.0, 0.9, 1)  # 50 + 3 < 60
    assert not near_miss(65.0, 0.5, 2)  # already good
    assert not near_miss(50.0, 0.5, 5)  # too many skills missing


def test_the_engine_imports_nothing_from_django():
    code = "import sys, matching.engine; print(sorted({m.split('.')[0] for m in sys.modules}))"
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    assert "'django'" not in out and "'vitrine'" not in out


# --- Fairness ----------------------------------------------------------------------------------


def test_fairness_figures_by_hand():
    index = np.array([[0, 1], [0, 2], [0, -1]])
    score = np.array([[80.0, 50.0], [55.0, 40.0], [30.0, np.nan]])
    report = fairness.report(
        index, score, group=np.array([True, False, True]), positions=np.array([1, 1, 1, 1]), k=2
    )
    assert report.exposure.tolist() == [3, 1, 1, 0]
    # sorted [0, 1, 1, 3]: 2 * (0 + 2 + 3 + 12) / (4 * 5) - 5 / 4
    assert report.gini == pytest.approx(0.45)
    assert report.never_shown == pytest.approx(0.25)
    assert report.group.mean_best_score == pytest.approx(55.0)  # (80 + 30) / 2
    assert report.group.share_good_match == pytest.approx(0.5)
    assert report.others.mean_best_score == pytest.approx(55.0)
    assert report.others.share_good_match == 0.0
    assert fairness.gini([5, 5, 5]) == 0.0


def test_re_ranking_spreads_exposure_in_proportion_to_positions():
    rng = np.random.default_rng(0)
    n_res, n_off, pool = 200, 10, 6
    pool_index = np.stack([rng.permutation(n_off)[:pool] for _ in range(n_res)])
    pool_score = 70 - 3.0 * pool_index  # everybody prefers offer 0, then 1, ...
    pool_score = pool_score + rng.random(pool_score.shape)
    positions = np.ones(n_off, dtype=int)
    order = np.argsort(-pool_score, axis=1)
    before_index = np.take_along_axis(pool_index, order, axis=1)[:, :2]
    before_score = np.take_along_axis(pool_score, order, axis=1)[:, :2]
    after_index, after_score = fairness.rerank(pool_index, pool_score, positions, k=2)
    effect = fairness.rerank_effect(
        before_index,
        before_score,
        after_index,
        after_score,
        group=np.arange(n_res) < 50,
        positions=positions,
        k=2,
    )
    assert effect.after.gini < effect.before.gini
    summary = effect.summary()
    assert summary["gini_after"] < summary["gini_before"]
    assert summary["never_shown_after"] <= summary["never_shown_before"]
    for r in range(n_res):  # every shown offer comes from the resident's pool, real score
        for o, s in zip(after_index[r], after_score[r], strict=True):
            assert s == pool_score[r][pool_index[r].tolist().index(o)]


# --- Reasons -----------------------------------------------------------------------------------


def test_reasons_in_plain_french():
    facts = PairFacts(
        proximity=weights.SAME_FICHE,
        required=6,
        missing=2,
        minutes=23.4,
        resident_level=3,
        offer_level=4,
    )
    assert reasons(facts) == [
        "Même métier que celui que vous cherchez",
        "Vous avez 4 compétences sur 6 demandées",
        "Environ 25 min de trajet",
        "Niveau demandé : Bac, le vôtre : CAP/BEP",
    ]
    close = reasons(
        PairFacts(
            proximity=weights.MOBILITY,
            required=1,
            missing=0,
            minutes=41,
            resident_level=None,
            offer_level=7,
            contract_ok=False,
        )
    )
    assert close == [
        "Métier proche de celui que vous cherchez",
        "Vous avez 1 compétence sur 1 demandée",
        "Environ 40 min de trajet",
        "Niveau demandé : Bac+5, le vôtre : sans diplôme",
        "Type de contrat différent de celui que vous souhaitez",
    ]
    assert "Aucune compétence particulière demandée" in reasons(
        PairFacts(proximity=weights.SAME_DOMAIN, required=0, missing=0)
    )


def test_pair_facts_read_from_a_run():
    from matching.engine import pair_facts

    residents = make_residents({"skills": [1], "level": 4, "commune": 0})
    offers = make_offers({"occupation": 1, "core": [1, 2], "commune": 1, "level": 5})
    result = match(residents, offers, GRAPH, GEOGRAPHY, k=1)
    assert reasons(pair_facts(result.context, 0, 0)) == [
        "Métier proche de celui que vous cherchez",
        "Vous avez 1 compétence sur 2 demandées",
        "Environ 30 min de trajet",
        "Niveau demandé : Bac+2, le vôtre : Bac",
    ]
