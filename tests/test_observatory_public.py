"""The public figures page ``/chiffres/``: anyone can read it; no personal data, no names, and
no count under 10 (written "moins de 10", with a second cell hidden when one would give the
hidden one away); its CSV files say the same."""

import datetime
import re

import pytest
from django.utils import timezone

from tests.helpers import text
from tests.observatory_helpers import (
    application,
    csv_rows,
    dated_offer,
    table,
)

URL = "/chiffres/"
CARE = "10891"


@pytest.fixture
def market(personas):
    """This year: 12 cariste offers at Orly (6 filled, with 12 hires of which 11 of residents
    and 3 of QPV residents), 3 care offers at Rungis, 1 security offer at Thiais."""
    recent = timezone.localdate() - datetime.timedelta(days=40)
    day = recent.isoformat()
    filled_day = (recent + datetime.timedelta(days=10)).isoformat()
    for i in range(12):
        made = dated_offer(
            personas.acme, day, **({"ended": filled_day} if i < 6 else {}), title=f"Cariste {i}"
        )
        for k in range(2 if i < 6 else 0):
            application(
                made, sent=day, stages=("interview", "hired"), at=filled_day,
                commune="75056" if i == 0 and k == 0 else "94054", qpv=i < 3 and k == 0,
            )  # fmt: skip
    for _ in range(3):
        dated_offer(personas.globex, day, appellation_code=CARE, commune_code="94065")
    dated_offer(personas.globex, day, appellation_code="10556", commune_code="94073")
    return personas


def test_anyone_reads_it_and_counts_under_10_are_hidden(market, client):
    response = client.get(URL)
    assert response.status_code == 200
    domains = {row["Grand domaine"]: row for row in table(response, "Offres publiées par grand")}
    assert domains["Transport et Logistique"]["Offres publiées"] == "12"
    assert domains["Santé"]["Offres publiées"] == "moins de 10"
    assert (
        domains["Services à la personne et à la collectivité"]["Offres publiées"] == "moins de 10"
    )
    # Twelve published and six filled: a lone hidden count in the "filled" column would be
    # given away by the total, so it is hidden too.
    assert domains["Transport et Logistique"]["Pourvues"] == "moins de 10"
    communes = {row["Commune"]: row for row in table(response, "Offres publiées par commune")}
    assert communes["Orly"]["Offres publiées"] == "12"
    assert communes["Rungis"]["Offres publiées"] == "moins de 10"
    assert communes["Vitry-sur-Seine"]["Offres publiées"] == "moins de 10"


def test_no_number_under_10_anywhere(market, client):
    page = text(client.get(URL))
    body = page[page.index("<main") : page.index("</main>")]
    body = re.sub(r"<[^>]+>", " ", body)
    body = re.sub(r"[a-zA-Z-]+=\"[^\"]*\"", " ", body)
    for phrase in ("moins de 10", "12 derniers mois", "ROME 4.0", "0 à 1"):
        body = body.replace(phrase, "")
    numbers = [int(n) for n in re.findall(r"(?<![\d,.])\d+(?![\d,])", body)]
    small = [n for n in numbers if n < 10]
    assert not small, small


def test_key_figures_and_shares(market, client):
    rows = {row["Indicateur"]: row["Valeur"] for row in table(client.get(URL), "Chiffres clés")}
    assert rows["Offres publiées"] == "16"
    assert rows["Offres ouvertes aujourd'hui"] == "10"
    assert rows["Embauches déclarées"] == "12"
    assert rows["Offres pourvues"] == "moins de 10"
    # 11 of 12 hires went to residents: the 1 other would be given away.
    assert rows["Part des embauches pour des habitants du territoire"].startswith("non publiée")
    assert rows["Part des embauches pour des habitants d'un QPV"].startswith("non publiée")
    assert rows["Délai médian pour pourvoir une offre"].startswith("non publié")


def test_no_names_of_people_or_employers(market, client):
    page = text(client.get(URL))
    for name in ("Acme", "Globex", "Cariste 1", market.emma.email, market.alice.first_name):
        assert name not in page
    assert "@" not in page[page.index("<main") : page.index("</main>")]


def test_the_csv_hides_the_same_counts(market, client):
    shown = table(client.get(URL), "Offres publiées par commune")
    rows = csv_rows(client.get(URL, {"format": "csv", "table": "communes"}))
    assert rows == shown
    assert {r["Offres publiées"] for r in rows} == {"12", "moins de 10"}


def test_the_footer_links_to_it(client):
    assert 'href="/chiffres/"' in client.get("/").content.decode()
