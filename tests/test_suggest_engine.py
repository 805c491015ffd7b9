"""Job-title and skill suggestion engine (referentiel.suggest), without Django or a database."""

import csv
from pathlib import Path

import pytest

from referentiel.suggest import (
    Record,
    SkillIndex,
    SkillItem,
    TitleIndex,
    load_occupation_skills,
    load_records,
    load_skill_items,
)
from referentiel.suggest.gender import GenderFolder
from referentiel.suggest.text import singular, unaccent, words

DATA_DIR = Path(__file__).resolve().parent.parent / "referentiel" / "data"
APPELLATIONS = DATA_DIR / "rome4_v460" / "unix_referentiel_appellation_v460_utf8.csv"


@pytest.fixture(scope="module")
def records():
    return load_records(DATA_DIR)


@pytest.fixture(scope="module")
def titles(records):
    return TitleIndex.build(records)


@pytest.fixture(scope="module")
def skills():
    return SkillIndex.build(load_skill_items(DATA_DIR))


def first(titles, query):
    results = titles.search(query)
    assert results, f"no suggestion for {query!r}"
    return results[0]


def fiche_of(label):
    """The ROME code of an appellation, read straight from the CSV (not through the engine)."""
    with APPELLATIONS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["libelle_appellation_long"] == label:
                return row["code_rome"]
    raise AssertionError(f"{label!r} is not an appellation")


# -- the referential as loaded -------------------------------------------------------------


def test_records_carry_the_fields_the_api_shows(records):
    assert len(records) == 13120
    cariste = next(r for r in records if r.label == "Cariste")
    assert cariste == Record("11679", "Cariste", "N1101", "Cariste", rare=False, main=True)
    assert sum(r.rare for r in records) == 199


def test_expected_fiches_are_those_of_the_csv():
    assert fiche_of("Aide-soignant / Aide-soignante") == "J1501"
    assert fiche_of("Préparateur / Préparatrice de commandes") == "N1103"
    assert fiche_of("Cariste") == "N1101"


# -- what residents and employers type ------------------------------------------------------


def test_feminine_without_hyphen_finds_aide_soignant(titles):
    best = first(titles, "aide soignante")
    assert best.code_rome == "J1501"
    assert best.label == "Aide-soignant / Aide-soignante"
    assert best.label_rome == "Aide-soignant / Aide-soignante"


def test_masculine_plural_finds_order_picker(titles):
    best = first(titles, "préparateur de commandes")
    assert best.code_rome == "N1103"
    assert best.label == "Préparateur / Préparatrice de commandes"


def test_free_text_around_the_title_is_ignored(titles):
    best = first(titles, "je cherche un poste de cariste à Rungis")
    assert (best.code_rome, best.label) == ("N1101", "Cariste")
    best = first(titles, "Recherche CDI temps plein aide-soignante H/F Villejuif")
    assert best.code_rome == "J1501"


def test_word_order_does_not_matter(titles):
    assert first(titles, "commandes préparateur").code_rome == "N1103"


@pytest.mark.parametrize("query", ["boulangere", "BOULANGERS", "Boulangères", "boulnger"])
def test_case_accents_plural_and_typo(titles, query):
    best = first(titles, query)
    assert best.code_rome == "D1102"
    assert best.label == "Boulanger / Boulangère"


def test_two_letter_typo_and_unfinished_word(titles):
    assert first(titles, "infirmiere scolaier").code_rome == "J1511"
    assert first(titles, "préparateur de comm").code_rome == "N1103"
    assert first(titles, "aidesoignante").code_rome == "J1501"


def test_a_word_being_typed_reads_as_its_completion_before_a_typo(titles):
    # "nour" is one letter from "cour" and "four", but a person typing it is writing "nourrice".
    assert first(titles, "nour").label == "Nourrice"
    # Nor is it filler ("sans" folds to "san") nor two words ("disco" + "thé").
    sanitary = "Installateur / Installatrice en sanitaire"
    assert first(titles, "Installatrice en san").label == sanitary
    assert first(titles, "Discothé").label == "Discothécaire"


def test_gender_suffix_in_brackets(titles):
    assert first(titles, "Préparateur(trice) de commandes").code_rome == "N1103"
    assert first(titles, "Infirmier(ère) scolaire").code_rome == "J1511"


# -- acronyms and abbreviations ---------------------------------------------------------------


def test_ash_is_hospital_service_agent(titles):
    best = first(titles, "ASH")
    assert best.code_rome == "J1301"
    assert "service hospitalier" in best.label


def test_as_is_aide_soignant(titles):
    assert first(titles, "AS").code_rome == "J1501"


def test_vtc_is_the_vtc_driver(titles):
    best = first(titles, "VTC")
    assert best.code_rome == "N4112"
    assert best.label == "Chauffeur / Chauffeuse VTC"


def test_ssiap_is_the_fire_safety_agent(titles):
    best = first(titles, "SSIAP")
    assert best.code_rome == "K2503"
    assert "sécurité" in best.label


def test_ide_is_the_registered_nurse(titles):
    best = first(titles, "IDE")
    assert best.code_rome == "J1506"
    assert best.label.startswith("Infirmier")


def test_caces_is_forklift_or_construction_machinery(titles):
    results = titles.search("caces")
    assert results[0].code_rome in {"N1101", "F1302"}
    assert {"N1101", "F1302"} <= {s.code_rome for s in results}


def test_acronyms_of_the_territory(titles):
    assert first(titles, "atsem").code_rome == "K1308"
    assert first(titles, "AESH").code_rome == "K2113"
    assert first(titles, "chauffeur PL").code_rome == "N4101"
    assert first(titles, "CAP petite enfance").code_rome == "K1307"
    assert first(titles, "DRH").code_rome == "M1503"


def test_ambiguous_acronym_offers_each_trade(titles):
    codes = [s.code_rome for s in titles.search("AVS", limit=4)]
    assert {"K1306", "K2113"} <= set(codes)


# -- ranking --------------------------------------------------------------------------------


def test_exact_title_before_longer_titles(titles):
    results = titles.search("cariste", limit=5)
    assert results[0].label == "Cariste"
    assert [s.score for s in results] == sorted((s.score for s in results), reverse=True)


def test_frequent_title_before_rare_synonym(titles, records):
    by_label = {r.label: r for r in records}
    results = titles.search("aide soignante")
    labels = [s.label for s in results]
    rare = "Aide-soignant / Aide-soignante à domicile"
    assert by_label[rare].rare
    assert labels.index("Aide-soignant / Aide-soignante") < labels.index(rare)


def test_scores_are_in_unit_interval_and_limit_is_kept(titles):
    results = titles.search("agent", limit=25)
    assert len(results) == 25
    assert all(0.0 <= s.score <= 1.0 for s in results)
    assert len({s.code_ogr for s in results}) == 25


def test_feminine_of_a_title_written_only_in_the_masculine(titles):
    best = first(titles, "manageuse de proximité")
    assert best.label == "Manager de proximité"
    assert best.score >= 0.8  # both words matched, not "proximité" alone
    assert first(titles, "designeuse graphique").label == "Designer graphique"


def test_filler_words_that_are_also_in_titles(titles):
    # "recherche" and "emploi" are in titles ("Conseiller en recherche d'emploi") but here are
    # the person speaking.
    best = first(titles, "je recherche un emploi d'acheteur en CDI temps plein")
    assert best.label == "Acheteur / Acheteuse"


def test_main_title_wins_over_a_synonym_worded_the_same(titles, records):
    # Two fiches hold "Responsable marketing" and "Responsable du marketing"; the main title of
    # its fiche comes first.
    by_label = {r.label: r for r in records}
    assert by_label["Responsable marketing"].main
    assert not by_label["Responsable du marketing"].main
    assert first(titles, "responsable marketing").label == "Responsable marketing"


def test_feminine_query_matches_label_with_both_forms(titles):
    best = first(titles, "infirmière scolaire")
    assert best.label == "Infirmier / Infirmière scolaire"


# -- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "😀😀😀",
        "'; DROP TABLE referentiel_appellation; --",
        "<script>alert(1)</script>",
        "a" * 500,
        "cariste " * 80,
        "\x00\x01\x02",
        "%_%",
        "((((",
        "h/f",
    ],
)
def test_bad_input_never_raises(titles, query):
    results = titles.search(query)
    assert isinstance(results, list)
    assert all(0.0 <= s.score <= 1.0 for s in results)


def test_nonsense_returns_nothing(titles):
    assert titles.search("") == []
    assert titles.search("😀😀😀") == []
    assert titles.search("zzzzqqqq xxxwwvv") == []
    assert titles.search(None) == []  # type: ignore[arg-type]
    assert titles.search("cariste", limit=0) == []


def test_long_query_is_cut_but_keeps_its_beginning(titles):
    assert first(titles, "cariste " + "blabla " * 100).code_rome == "N1101"


# -- text normalisation -------------------------------------------------------------------


def test_text_normalisation():
    assert unaccent("Préparatrice ŒUVRE") == "preparatrice oeuvre"
    assert words("Accastilleur(se)-monteur(se) d'engins") == [
        "accastilleur",
        "monteur",
        "d",
        "engins",
    ]
    assert singular("commandes") == "commande"
    assert singular("animaux") == singular("animal")


def test_gender_pairs_are_learned_from_labels():
    folder = GenderFolder.learn(
        [
            "Infirmier coordinateur / Infirmière coordinatrice (IDEC)",
            "Auxiliaire Spécialisé / Spécialisée Vétérinaire -ASV-",
            "Chef / Cheffe de rayon",
        ]
    )
    assert folder.fold("infirmiere") == "infirmier"
    assert folder.fold("coordinatrice") == "coordinateur"
    assert folder.fold("specialisee") == "specialise"
    assert folder.fold("cheffe") == "chef"
    # The alignment never pairs unrelated words.
    assert folder.fold("auxiliaire") == "auxiliaire"
    assert folder.fold("veterinaire") == "veterinaire"


# -- skills -------------------------------------------------------------------------------


def test_skill_search_finds_skills_and_knowledge(skills):
    results = skills.search("chariot élévateur")
    assert results
    assert all("chariot" in unaccent(s.label) for s in results[:3])
    assert {s.kind for s in skills.search("hygiène", limit=30)} == {"skill", "knowledge"}


def test_boost_ranks_the_occupation_skills_first(skills):
    linked = load_occupation_skills(DATA_DIR)["J1501"]
    plain = skills.search("soins", limit=5)
    boosted = skills.search("soins", limit=5, boost_codes=linked)
    assert not all(s.code in linked for s in plain)
    assert all(s.code in linked and s.boosted for s in boosted)
    assert [s.score for s in boosted] == sorted((s.score for s in boosted), reverse=True)


def test_skill_index_accepts_plain_tuples_and_bad_input():
    index = SkillIndex.build(
        [("1", "Conduire un chariot élévateur", "skill"), ("2", "Règles d'hygiène", "knowledge")]
    )
    assert isinstance(index.items[0], SkillItem)
    assert [s.code for s in index.search("chariots")] == ["1"]
    best = index.search("hygiene", boost_codes={"2"})[0]
    assert (best.code, best.kind, best.boosted) == ("2", "knowledge", True)
    assert best.score > index.search("hygiene")[0].score
    assert index.search("") == []
    assert index.search("x" * 1000) == []


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("ingenieur de travaux", "Ingénieur / Ingénieure de travaux"),
        ("ingenieur travaux", "Ingénieur / Ingénieure travaux"),
    ],
)
def test_the_small_words_typed_choose_between_titles_that_differ_only_by_them(titles, query, label):
    assert titles.search(query, 5)[0].label == label
