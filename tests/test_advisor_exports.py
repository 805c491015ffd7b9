"""Exports of a structure's caseload, referrals and outcomes, as CSV and XLSX: the structure's
own rows only, never its notes."""

import csv
import io
from datetime import date

from openpyxl import load_workbook

from advisors.models import Note
from referrals import services as referral_services
from tests.advisor_helpers import ORLY_QPV, followed, propose, sent
from tests.factories import offer

URL = "/espace-conseiller/exports/"


def rows_of_csv(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def rows_of_xlsx(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def setup_referrals(personas):
    qpv = followed(personas.mission, first_name="Assia", qpv=ORLY_QPV)
    other = followed(personas.mission, first_name="Bruno", commune_code="94081")
    followed(personas.plie, first_name="Céline")
    cariste = offer(personas.acme, title="Cariste Orly")
    hired = sent(personas.ada, personas.mission, qpv, cariste)
    for name, extra in (("interview", {}), ("hire", {"hired_start": date(2026, 1, 12)})):
        hired = referral_services.referral_transition(
            referral=hired, name=name, by=personas.emma, **extra
        )
    propose(personas.ada, personas.mission, other, offer(personas.acme, title="Magasinier"))
    Note.objects.create(structure=personas.mission, profile=qpv, text="NOTE-SECRETE")
    return qpv, other


def test_the_caseload_export_in_csv_and_xlsx(personas, login):
    setup_referrals(personas)
    client = login(personas.ada)
    response = client.get(f"{URL}personnes.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = rows_of_csv(response)
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Nom", "Prénom", "E-mail"] and "Embauches" in header
    assert sorted(row[1] for row in body) == ["Assia", "Bruno"]  # not the PLIE's Céline
    assie = next(row for row in body if row[1] == "Assia")
    assert assie[header.index("Quartier prioritaire (QPV)")] == "Quartier Est"
    assert assie[header.index("Orientations")] == "1" and assie[header.index("Embauches")] == "1"
    assert "NOTE-SECRETE" not in response.content.decode()
    xlsx = rows_of_xlsx(client.get(f"{URL}personnes.xlsx"))
    assert xlsx[0] == header
    assert sorted(row[1] for row in xlsx[1:]) == ["Assia", "Bruno"]


def test_the_referrals_and_outcomes_exports(personas, login):
    setup_referrals(personas)
    client = login(personas.ada)
    rows = rows_of_csv(client.get(f"{URL}orientations.csv"))
    states = {row[3]: row[7] for row in rows[1:]}
    assert states == {"Cariste Orly": "Embauche", "Magasinier": "Proposée à la personne"}
    hired = next(row for row in rows[1:] if row[3] == "Cariste Orly")
    assert hired[10] == "12/01/2026" and hired[11] == "oui"
    xlsx = rows_of_xlsx(client.get(f"{URL}orientations.xlsx"))
    assert len(xlsx) == 3 and xlsx[0][0] == "Proposée le"
    outcomes = rows_of_xlsx(client.get(f"{URL}resultats.xlsx"))
    header, total = outcomes[0], outcomes[-1]
    assert total[0] == "Total"
    assert total[header.index("Orientations")] == 2
    assert total[header.index("Embauches")] == 1
    assert total[header.index("dont habitants QPV")] == 1
    assert rows_of_csv(client.get(f"{URL}resultats.csv"))[-1][0] == "Total"


def test_exports_are_the_structures_own(personas, login):
    setup_referrals(personas)
    rows = rows_of_csv(login(personas.alan).get(f"{URL}orientations.csv"))
    assert rows[1:] == []
    names = [row[1] for row in rows_of_csv(login(personas.alan).get(f"{URL}personnes.csv"))[1:]]
    assert names == ["Céline"]
    assert login(personas.emma).get(f"{URL}personnes.csv").status_code == 404
    assert login(personas.ada).get(f"{URL}personnes.pdf").status_code == 404


def test_a_typed_formula_opens_as_text_in_csv_and_xlsx(personas, login):
    """What a resident or an employer typed never runs as a formula in a spreadsheet: CSV
    neutralises it with a leading apostrophe, XLSX shows it as typed in a text cell."""
    evil = followed(personas.mission, first_name='=HYPERLINK("http://x.test","Cliquez")')
    evil.user.last_name = "@SOMME(A1:A9)"
    evil.user.save()
    evil.phone = "+33 6 12 34 56 78"
    evil.save()
    personas.acme.name = "-2+3+cmd|' /C calc'!A0"
    personas.acme.save()
    sent(personas.ada, personas.mission, evil, offer(personas.acme, title="=1+1"))
    client = login(personas.ada)

    header, [row] = (rows := rows_of_csv(client.get(f"{URL}personnes.csv")))[0], rows[1:]
    assert row[header.index("Prénom")] == '\'=HYPERLINK("http://x.test","Cliquez")'
    assert row[header.index("Nom")] == "'@SOMME(A1:A9)"
    assert row[header.index("Téléphone")] == "'+33 6 12 34 56 78"
    assert row[header.index("Orientations")] == "1"
    header, [row] = (rows := rows_of_csv(client.get(f"{URL}orientations.csv")))[0], rows[1:]
    assert row[header.index("Offre")] == "'=1+1"
    assert row[header.index("Employeur")] == "'-2+3+cmd|' /C calc'!A0"

    # XLSX: what was typed, no apostrophe, never a formula.
    sheet = load_workbook(io.BytesIO(client.get(f"{URL}personnes.xlsx").content)).active
    header = [cell.value for cell in sheet[1]]
    row = sheet[2]
    first_name = row[header.index("Prénom")]
    assert first_name.value == '=HYPERLINK("http://x.test","Cliquez")'
    assert first_name.data_type == "s", "a text, not a formula"
    assert row[header.index("Nom")].value == "@SOMME(A1:A9)"
    assert row[header.index("Téléphone")].value == "+33 6 12 34 56 78"
    counts = row[header.index("Orientations")]  # a number, not a text
    assert counts.value == 1 and counts.data_type == "n"
    cells = [cell for line in sheet.iter_rows(min_row=2) for cell in line]
    assert all(cell.data_type != "f" for cell in cells), "no cell is a formula"

    sheet = load_workbook(io.BytesIO(client.get(f"{URL}orientations.xlsx").content)).active
    header = [cell.value for cell in sheet[1]]
    row = sheet[2]
    assert row[header.index("Offre")].value == "=1+1"
    assert row[header.index("Offre")].data_type == "s"
    assert row[header.index("Employeur")].value == "-2+3+cmd|' /C calc'!A0"
