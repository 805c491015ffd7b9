"""Observatory, the French way of writing: CSV files made for a spreadsheet in French (a byte
order mark, ";" between cells, a decimal comma, formulas neutralised), "d'août" rather than
"de août", a singular for 0 and 1, and a month filter that says which months it accepts."""

import datetime
from decimal import Decimal

import pytest

from observatory.filters import Filters
from observatory.formats import cell_csv
from observatory.tables import Column, Table
from tests.helpers import text
from tests.observatory_helpers import csv_rows, dated_offer
from vitrine.french import counted, of, plural

URL = "/espace-equipe/observatoire/offres/"


def test_csv_cells_have_a_decimal_comma_and_no_thousands_separator():
    assert cell_csv(9.2, "pct") == "9,2"
    assert cell_csv(100, "pct") == "100,0"
    assert cell_csv(12.0, "days") == "12,0"
    assert cell_csv(71.5, "score") == "71,5"
    assert cell_csv(12345, "int") == "12345"
    assert cell_csv(None, "pct") == ""


def test_a_decimal_in_a_text_column_is_written_out_in_the_csv():
    assert cell_csv(1e-05, "text") == "0,00001"  # not « 1e-05 », a text for a spreadsheet
    assert cell_csv(12345.5, "text") == "12345,5"
    assert cell_csv(Decimal("0.125"), "text") == "0,125"


def test_a_csv_file_is_made_for_a_spreadsheet_in_french():
    table = Table(
        "t",
        "Un tableau",
        [Column("label", "Nom", "text"), Column("share", "Part (%)", "pct")],
        [{"label": '=HYPERLINK("http://x")', "share": 9.25}, {"label": "Orly", "share": 100}],
    )
    lines = table.csv().split("\r\n")
    assert lines[0] == "Nom;Part (%)"
    assert lines[1] == '"\'=HYPERLINK(""http://x"")";9,2'  # shown as typed, never run
    assert lines[2] == "Orly;100,0"


@pytest.fixture
def spring(personas):
    dated_offer(personas.acme, "2025-04-03", ended="2025-04-14", status="filled")
    return personas


def test_the_csv_download_has_a_bom_semicolons_and_decimal_commas(spring, login):
    response = login(spring.sam).get(
        "/espace-equipe/observatoire/delais/",
        {"debut": "2025-04", "fin": "2025-04", "format": "csv", "table": "delai-domain"},
    )
    raw = response.content.decode("utf-8")
    assert raw.startswith("\ufeff") and ";" in raw.splitlines()[0]
    rows = csv_rows(response)
    assert rows[-1]["Médiane (jours)"] == "11,0" and rows[-1]["Offres pourvues"] == "1"
    assert "11.0" not in raw


def test_plural_singular_for_0_and_1():
    assert [plural(n, "offre") for n in (0, 1, 1.5, 2, 12)] == [
        "offre", "offre", "offre", "offres", "offres",
    ]  # fmt: skip
    assert counted(1, "offre pourvue", "offres pourvues") == "1 offre pourvue"
    assert counted(1234, "offre") == "1\u202f234 offres"
    assert counted(8.0, "jour", decimals=1) == "8,0 jours"


def test_de_is_elided_before_a_vowel():
    assert of("août 2026") == "d'août 2026"
    assert of("octobre 2026") == "d'octobre 2026"
    assert of("avril 2026") == "d'avril 2026"
    assert of("mars 2026") == "de mars 2026"


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (8, 11, "d'août 2026 à octobre 2026"),
        (10, 12, "d'octobre 2026 à novembre 2026"),
        (4, 6, "d'avril 2026 à mai 2026"),
        (3, 5, "de mars 2026 à avril 2026"),
        (8, 9, "en août 2026"),
    ],
)
def test_the_period_is_written_with_the_elision(start, end, label):
    filters = Filters(start=datetime.date(2026, start, 1), end=datetime.date(2026, end, 1))
    assert filters.label == f"{label}, tout le territoire"


def test_the_page_says_d_avril(personas, login):
    page = text(login(personas.sam).get(URL, {"debut": "2025-04", "fin": "2025-05"}))
    assert "Chiffres d'avril 2025 à mai 2025, tout le territoire." in page
    assert "de avril" not in page


def test_a_month_out_of_range_says_the_range(personas, login):
    response = login(personas.sam).get(URL, {"debut": "1900-01", "fin": "2100-12"})
    page = text(response)
    assert response.status_code == 200
    assert "Choisissez un mois entre janvier 2000 et décembre 2100." in page
    assert "Indiquez un mois sous la forme AAAA-MM." not in page


def test_a_month_badly_written_still_says_the_form(personas, login):
    page = text(login(personas.sam).get(URL, {"debut": "2025-13", "fin": "2025-05"}))
    assert "Indiquez un mois sous la forme AAAA-MM." in page
    assert "Choisissez un mois entre" not in page


def test_the_csv_note_says_decimal_comma(personas, login):
    page = text(login(personas.sam).get(URL))
    assert "avec une virgule décimale" in page
