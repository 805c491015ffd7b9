"""French writing shared by every app (``vitrine.french``): numbers with a decimal comma and
narrow no-break spaces, a plural from 2 that agrees with the number as written, « A » ou « B »,
the template filters every page has without ``{% load %}``, and "1er janvier" in messages."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone

from offers.rules import french_date, start_date_error
from vitrine.french import THIN, counted, french_or, number, of, plural


def test_numbers_have_a_decimal_comma_and_thin_spaces():
    assert number(12345) == f"12{THIN}345"
    assert number(0.5214, 3) == "0,521"
    assert number(1234.5, 1, grouped=False) == "1234,5"
    assert number(1e-05, None) == "0,00001"
    assert number(Decimal("1E-7"), None) == "0,0000001"
    assert number(None) == "—"


@pytest.mark.parametrize(
    ("count", "decimals", "written"),
    [
        (1.6, 0, "2 offres"),  # not « 2 offre »
        (1.4, 0, "1 offre"),
        (1.96, 1, "2,0 offres"),  # not « 2,0 offre »
        (1.94, 1, "1,9 offre"),
        (-1.6, 0, "-2 offres"),
        (None, 0, "— offre"),
    ],
)
def test_the_word_agrees_with_the_number_as_written(count, decimals, written):
    assert counted(count, "offre", decimals=decimals) == written


def test_a_plural_form_may_be_given():
    assert plural(1, "n'est proposée", "ne sont proposées") == "n'est proposée"
    assert plural(3, "n'est proposée", "ne sont proposées") == "ne sont proposées"
    assert counted(1.96, "jour", decimals=1) == "2,0 jours"


def test_choices_are_quoted_and_joined_with_ou():
    assert french_or(["A"]) == "« A »"
    assert french_or(["A", "B"]) == "« A » ou « B »"
    assert french_or(["A", "B", "C"]) == "« A », « B » ou « C »"


def test_every_template_writes_numbers_and_amounts_without_load():
    template = Template(
        "{{ rows|number }} ligne{{ rows|pluralize }} ; {{ share|number:1 }} ; "
        "{{ pay|amount }} € ; {{ hourly|amount }} € ; {{ none|number }} ; {{ missing|number }}"
    )
    context = Context(
        {
            "rows": 12345,
            "share": 3.5,
            "pay": Decimal("1802.00"),
            "hourly": Decimal("11.88"),
            "none": None,
        }
    )
    assert template.render(context) == (f"12{THIN}345 lignes ; 3,5 ; 1{THIN}802 € ; 11,88 € ; — ; ")


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (date(2027, 1, 1), "1er janvier 2027"),
        (date(2027, 1, 2), "2 janvier 2027"),
        (date(2026, 8, 1), "1er août 2026"),
        (date(2026, 8, 11), "11 août 2026"),
        (date(2026, 8, 21), "21 août 2026"),
    ],
)
def test_the_first_of_the_month_is_the_1er(day, written):
    assert french_date(day) == written


def test_a_message_says_1er(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2027, 1, 1))
    assert start_date_error(date(2020, 1, 6)) == (
        "Indiquez une date de début entre aujourd'hui (1er janvier 2027) et le "
        "1er janvier 2029, ou laissez le champ vide."
    )


def test_de_is_elided_and_merged_with_the_article():
    assert of("mars 2026") == "de mars 2026"
    assert of("août 2026") == "d'août 2026"
    assert of("Orly") == "d'Orly"
    assert of("Le Kremlin-Bicêtre") == "du Kremlin-Bicêtre"


def test_a_day_is_written_with_1er_and_read_in_the_site_s_time_zone():
    from datetime import UTC, datetime

    from vitrine.french import day

    assert day(date(2027, 3, 1)) == "1er mars 2027"
    assert day(date(2027, 3, 2)) == "2 mars 2027"
    # 23:30 in London on 28 February is already 1 March in Paris.
    assert day(datetime(2027, 2, 28, 23, 30, tzinfo=UTC)) == "1er mars 2027"
    assert Template("{{ d|day }}").render(Context({"d": date(2027, 3, 1)})) == "1er mars 2027"
