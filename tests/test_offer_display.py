"""The offer's page writes salaries the French way; the offer form names its empty choices."""

import re
from decimal import Decimal

import pytest

from tests.factories import offer
from tests.helpers import text
from vitrine.french import amount

THIN, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Decimal("1802.00"), f"1{THIN}802"),
        (Decimal("11.88"), "11,88"),
        (Decimal("11.5"), "11,50"),
        (Decimal("1801.80"), f"1{THIN}801,80"),
        (Decimal("950"), "950"),
        (None, ""),
    ],
)
def test_amounts_are_grouped_with_a_decimal_comma(value, written):
    assert amount(value) == written


@pytest.mark.parametrize(
    ("salary", "sentence"),
    [
        (
            {"salary_min": Decimal("1802"), "salary_max": Decimal("1880")},
            f"de 1{THIN}802 à 1{THIN}880{NBSP}€ bruts par mois",
        ),
        (
            {"salary_min": Decimal("11.88"), "salary_period": "hour"},
            f"à partir de 11,88{NBSP}€ bruts de l'heure",
        ),
        ({"salary_max": Decimal("2500")}, f"jusqu'à 2{THIN}500{NBSP}€ bruts par mois"),
    ],
)
def test_the_offer_page_writes_the_salary_the_french_way(client, personas, salary, sentence):
    published = offer(personas.acme, **salary)
    page = text(client.get(f"/offres/{published.pk}/"))
    assert sentence in page


def test_the_place_of_work_starts_with_a_french_empty_choice(personas, login):
    page = login(personas.emma).get("/espace-employeur/offres/nouvelle/").content.decode()
    commune = page[page.index('name="commune"') :]
    commune = commune[: commune.index("</select>")]
    assert re.search(
        r'<option value=""( selected)?>Choisissez la commune du poste</option>', commune
    )
    assert "---------" not in commune
