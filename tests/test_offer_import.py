"""Staff import offers from a CSV file or a France Travail JSON export: good rows are kept, bad
rows are reported with their line and a reason in French, and importing twice never duplicates."""

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import DatabaseError
from django.utils import timezone

from accounts.models import Organisation
from offers import imports, services
from offers.models import Offer, Status
from offers.rules import french_date, start_date_bounds
from referentiel.selectors import core_skill_codes
from tests.helpers import text

IN_A_MONTH = timezone.localdate() + timedelta(days=30)
EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
ACME_SIRET = "99900001000010"  # synthetic, valid checksum
GLOBEX_SIRET = "99900002000019"
NOBODY_SIRET = "99900003000018"
URL = "/espace-equipe/import-offres/"

HEADER = [
    "source_id",
    "siret",
    "title",
    "code_ogr",
    "code_rome",
    "description",
    "commune",
    "contract",
    "hours_per_week",
    "salary_min",
    "salary_max",
    "salary_period",
    "experience",
    "required_skills",
    "nice_skills",
    "permits",
    "languages",
    "positions",
    "start_date",
    "insertion_clause",
    "publish",
]


def line(**values) -> dict:
    row = {
        "siret": ACME_SIRET,
        "description": "Offre fictive pour les tests.",
        "commune": "94054",
        "contract": "CDI",
    }
    row.update(values)
    return row


# Lines 2 to 6 of the file; lines 3 and 5 are wrong.
ROWS = [
    line(
        source_id="A-1",
        title="Cariste en entrepôt frigorifique",
        code_ogr="11679",
        commune="94065",
        hours_per_week="35",
        salary_min="1850",
        salary_max="2050",
        salary_period="month",
        experience="wished",
        permits="CACES_R489_3",
        positions="2",
        publish="oui",
    ),
    line(source_id="A-2", title="Magasinier", code_rome="N1103", commune="99999"),
    line(
        source_id="A-3",
        title="Préparateur de commandes",
        code_rome="N1103",
        contract="MIS",
        salary_min="11,88",
        salary_period="heure",
        required_skills="110036|123660",
        nice_skills="110098",
        positions="5",
        insertion_clause="oui",
        publish="oui",
    ),
    line(
        source_id="A-4",
        title="Agent de quai",
        code_ogr="11681",
        contract="STAGE",
        salary_min="2500",
        salary_max="1800",
    ),
    line(
        source_id="A-5",
        title="Chauffeur-livreur VL",
        code_ogr="11999",
        commune="94081",
        contract="CDD",
        hours_per_week="28,5",
        experience="required",
        permits="B",
        languages="en",
        start_date=IN_A_MONTH.strftime("%d/%m/%Y"),
        publish="non",
    ),
]


def csv_bytes(rows, *, delimiter=",", encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


@pytest.fixture
def employers(personas):
    Organisation.objects.filter(pk=personas.acme.pk).update(siret=ACME_SIRET)
    Organisation.objects.filter(pk=personas.globex.pk).update(siret=GLOBEX_SIRET)
    return personas


def messages(report) -> dict[tuple[int, str], str]:
    return {(p.row, p.field): p.message for p in report.errors}


def test_good_rows_are_kept_and_bad_rows_reported_with_their_line(employers):
    report = imports.import_file(csv_bytes(ROWS), name="offres.csv")

    assert (report.created, report.updated, report.refused) == (3, 0, 2)
    errors = messages(report)
    assert {row for row, _field in errors} == {3, 5}
    assert "Commune inconnue : « 99999 »" in errors[3, "commune"]
    assert "Type de contrat « STAGE » inconnu" in errors[5, "contract"]
    assert errors[5, "salary_max"] == (
        "Le salaire maximum (1800) est plus petit que le minimum (2500)."
    )
    assert sorted(Offer.objects.values_list("source_id", flat=True)) == ["A-1", "A-3", "A-5"]

    cariste = Offer.objects.get(source_id="A-1")
    assert cariste.source == Offer.Source.CSV and cariste.employer == employers.acme
    assert (cariste.appellation_id, cariste.occupation_id, cariste.commune_id) == (
        "11679",
        "N1101",
        "94065",
    )
    assert (cariste.salary_min, cariste.salary_max, cariste.salary_period) == (1850, 2050, "month")
    assert cariste.experience == "wished" and cariste.permits == ["CACES_R489_3"]
    assert cariste.status == Status.PUBLISHED and cariste.positions == 2
    required = set(cariste.skill_links.filter(required=True).values_list("skill_id", flat=True))
    assert required == set(core_skill_codes(occupation_code="N1101"))

    picker = Offer.objects.get(source_id="A-3")
    assert picker.occupation_id == "N1103" and picker.contract == "MIS"
    assert (picker.salary_min, picker.salary_max, picker.salary_period) == (
        Decimal("11.88"),
        None,
        "hour",
    )
    assert set(picker.skill_links.values_list("skill_id", "required")) == {
        ("110036", True),
        ("123660", True),
        ("110098", False),
    }
    assert picker.insertion_clause and picker.positions == 5

    driver = Offer.objects.get(source_id="A-5")
    assert driver.hours_per_week == Decimal("28.5") and driver.experience == "required"
    assert driver.permits == ["B"] and driver.languages == ["en"]
    assert driver.start_date == IN_A_MONTH
    assert driver.status == Status.DRAFT


def test_importing_the_same_file_again_updates_and_never_duplicates(employers):
    data = csv_bytes(ROWS)
    imports.import_file(data, name="offres.csv")
    ids = dict(Offer.objects.values_list("source_id", "pk"))

    again = imports.import_file(data, name="offres.csv")

    assert (again.created, again.updated, again.unchanged, again.refused) == (0, 0, 3, 2)
    assert dict(Offer.objects.values_list("source_id", "pk")) == ids

    changed = [dict(row) for row in ROWS]
    changed[0].update(salary_max="2150", publish="non")  # published before: stays published
    changed[2]["nice_skills"] = ""
    third = imports.import_file(csv_bytes(changed), name="offres.csv")

    assert (third.created, third.updated, third.unchanged) == (0, 2, 1)
    cariste = Offer.objects.get(source_id="A-1")
    assert cariste.salary_max == 2150 and cariste.status == Status.PUBLISHED
    assert not Offer.objects.get(source_id="A-3").skill_links.filter(required=False).exists()
    assert Offer.objects.count() == 3


def test_a_row_failing_while_saved_leaves_nothing_behind(employers, monkeypatch):
    save = services.offer_save

    def failing_save(*, offer, **kwargs):
        saved = save(offer=offer, **kwargs)
        if offer.source_id == "A-3":
            raise DatabaseError("value too long")
        return saved

    monkeypatch.setattr(services, "offer_save", failing_save)

    report = imports.import_file(csv_bytes(ROWS), name="offres.csv")

    assert sorted(Offer.objects.values_list("source_id", flat=True)) == ["A-1", "A-5"]
    assert "Enregistrement impossible" in messages(report)[4, ""]


def test_an_id_already_used_by_another_employer_is_refused(employers):
    imports.import_file(csv_bytes([ROWS[0]]), name="offres.csv")

    report = imports.import_file(csv_bytes([{**ROWS[0], "siret": GLOBEX_SIRET}]), name="b.csv")

    assert "déjà utilisé par une offre de Acme Logistique" in messages(report)[2, "source_id"]
    assert Offer.objects.get().employer == employers.acme


def test_an_offer_unpublished_by_staff_is_not_published_again_by_an_import(employers):
    data = csv_bytes([ROWS[0]])
    imports.import_file(data, name="offres.csv")
    offer = Offer.objects.get(source_id="A-1")
    services.offer_transition(offer=offer, name="unpublish", by=employers.sam, reason="Doublon")

    report = imports.import_file(data, name="offres.csv")

    assert Offer.objects.get(pk=offer.pk).status == Status.DRAFT
    assert "dépubliée par l'équipe du territoire" in report.rows[0].warnings[0].message


def test_rows_whose_employer_is_unknown_are_refused_and_no_employer_is_created(employers):
    rows = [
        line(source_id="B-1", title="Cariste", code_ogr="11679", siret=NOBODY_SIRET),
        line(source_id="B-2", title="Cariste", code_ogr="11679", siret="123 456 789 00000"),
        line(source_id="B-3", title="Cariste", code_ogr="11679", siret=GLOBEX_SIRET),
    ]
    organisations = Organisation.objects.count()

    report = imports.import_file(csv_bytes(rows), name="offres.csv")

    errors = messages(report)
    assert errors[2, "siret"].startswith(f"Aucun employeur inscrit n'a le SIRET {NOBODY_SIRET}")
    assert "invalide" in errors[3, "siret"]
    assert report.created == 1
    assert Offer.objects.get().employer == employers.globex
    assert Organisation.objects.count() == organisations


def test_france_travail_export_maps_its_fields(employers):
    data = (EXAMPLES / "offres-france-travail.json").read_bytes()

    report = imports.import_file(data, employer=employers.acme, publish=True)

    assert (report.format, report.created, report.refused) == ("json", 4, 0)
    offers = {o.source_id: o for o in Offer.objects.filter(source=Offer.Source.FRANCE_TRAVAIL)}
    nurse, driver, cariste, cleaner = (offers[f"900SYN{n}"] for n in range(1, 5))

    assert (nurse.appellation_id, nurse.commune_id, nurse.contract) == ("10891", "94076", "CDD")
    assert nurse.hours_per_week == 35 and nurse.experience == "wished"
    assert (nurse.salary_min, nurse.salary_max, nurse.salary_period) == (1900, 2100, "month")
    assert set(nurse.skill_links.values_list("skill_id", "required")) == {
        ("107740", True),
        ("483082", True),
        ("107747", False),
    }
    assert (nurse.level_id, nurse.level_strict, nurse.languages) == (3, True, ["en"])
    assert nurse.positions == 2 and nurse.status == Status.PUBLISHED
    assert nurse.published_at.date().isoformat() == "2025-11-12"

    assert (driver.contract, driver.commune_id, driver.occupation_id) == ("MIS", "94065", "N4105")
    assert driver.hours_per_week == Decimal("24.5") and driver.experience == "required"
    assert (driver.salary_min, driver.salary_max, driver.salary_period) == (
        Decimal("12.50"),
        None,
        "hour",
    )
    assert driver.permits == ["B"]  # the heavy-goods licence is only wished

    assert cariste.experience == "none" and cariste.commune_id == "94054"
    assert (cariste.salary_min, cariste.salary_max, cariste.salary_period) == (24000, 26000, "year")
    required = set(cariste.skill_links.filter(required=True).values_list("skill_id", flat=True))
    assert required == set(core_skill_codes(occupation_code="N1101"))

    assert cleaner.hours_per_week == 24 and cleaner.languages == ["ar"]
    assert any("Temps partiel sans nombre d'heures" in w.message for w in report.warnings)


def test_france_travail_offers_find_their_employer_by_siret_or_are_refused(employers):
    Organisation.objects.filter(pk=employers.acme.pk).update(siret="73282932000074")
    data = json.loads((EXAMPLES / "offres-france-travail.json").read_text())["resultats"]
    organisations = Organisation.objects.count()

    report = imports.import_file(json.dumps(data).encode(), name="export.json")

    assert sorted(Offer.objects.values_list("source_id", flat=True)) == ["900SYN2", "900SYN3"]
    assert set(Offer.objects.values_list("employer", flat=True)) == {employers.acme.pk}
    refused = {(p.row, p.field) for p in report.errors}
    assert refused == {(1, "entreprise.siret"), (4, "entreprise.siret")}
    assert "CLINIQUE DES LILAS (FICTIVE)" in report.rows[0].errors[0].message
    assert Organisation.objects.count() == organisations


def test_the_documented_csv_example_imports_cleanly(employers):
    Organisation.objects.filter(pk=employers.acme.pk).update(siret="73282932000074")

    report = imports.import_file((EXAMPLES / "offres.csv").read_bytes(), name="offres.csv")

    assert (report.created, report.refused) == (4, 0)


@pytest.mark.parametrize(
    ("start", "day"),
    [("2020-01-06", date(2020, 1, 6)), ("01/01/2100", date(2100, 1, 1))],
)
def test_a_start_date_out_of_range_is_refused(employers, start, day):
    report = imports.import_file(csv_bytes([{**ROWS[0], "start_date": start}]), name="a.csv")
    assert report.refused == 1
    earliest, latest = start_date_bounds()
    assert messages(report)[2, "start_date"] == (
        f"Indiquez une date de début entre aujourd'hui ({french_date(earliest)}) et le "
        f"{french_date(latest)}, ou laissez le champ vide."
    )
    assert not Offer.objects.exists()


def test_a_title_alone_sets_the_trade_only_when_it_names_one(employers):
    rows = [
        {**ROWS[0], "source_id": "T-1", "code_ogr": "", "title": "Cariste H/F"},
        {**ROWS[0], "source_id": "T-2", "code_ogr": "", "title": "Vendeur H/F"},
        {**ROWS[0], "source_id": "T-3", "code_ogr": "", "title": "Bonjour"},
    ]
    report = imports.import_file(csv_bytes(rows), name="a.csv")
    assert (report.created, report.refused) == (1, 2)
    assert Offer.objects.get().occupation_id == "N1101"
    errors = messages(report)
    assert errors[3, "title"].startswith("L'intitulé ne permet pas de savoir de quel métier")
    assert "Vendeur / Vendeuse" in errors[3, "title"]
    assert errors[4, "title"].startswith("Aucun métier du ROME ne correspond")


def test_a_start_date_the_offer_already_has_is_kept_once_passed(employers):
    imports.import_file(csv_bytes([ROWS[0]]), name="a.csv")
    Offer.objects.update(start_date=date(2020, 1, 6))
    row = {**ROWS[0], "start_date": "06/01/2020", "positions": "3"}
    report = imports.import_file(csv_bytes([row]), name="a.csv")
    assert (report.updated, report.refused) == (1, 0)
    assert Offer.objects.get().positions == 3


def test_the_command_prints_the_report_and_dry_run_writes_nothing(employers, tmp_path):
    path = tmp_path / "offres.csv"
    path.write_bytes(csv_bytes(ROWS))
    out = io.StringIO()

    call_command("import_offers", str(path), "--dry-run", stdout=out)

    printed = out.getvalue()
    assert "3 offre(s) créée(s), 0 mise(s) à jour, 0 inchangée(s), 2 refusée(s)." in printed
    assert "ligne 3, commune : Commune inconnue" in printed
    assert "rien n'a été enregistré" in printed
    assert not Offer.objects.exists()

    call_command("import_offers", str(path), "--employer", str(employers.globex.pk), stdout=out)
    assert set(Offer.objects.values_list("employer", flat=True)) == {employers.globex.pk}


def test_staff_upload_a_file_and_see_the_report(employers, login):
    # As a French spreadsheet saves it: semicolons, Windows-1252.
    upload = SimpleUploadedFile("offres.csv", csv_bytes(ROWS, delimiter=";", encoding="cp1252"))

    response = login(employers.sam).post(URL, {"file": upload, "publish": "on"})

    page = text(response)
    assert response.status_code == 200
    assert "3 offres créées, 0 mise à jour, 0 inchangée, 2 refusées." in page
    assert "Commune inconnue : « 99999 »" in page and "Type de contrat « STAGE » inconnu" in page
    assert "<td>3</td>" in page and "<td>5</td>" in page
    assert Offer.objects.filter(status=Status.PUBLISHED).count() == 3  # the publish box
    assert Offer.objects.get(source_id="A-3").title == "Préparateur de commandes"
    assert set(Offer.objects.values_list("transitions__by", flat=True)) == {employers.sam.pk}


@pytest.mark.parametrize("who", ["alice", "emma"])
def test_residents_and_employers_cannot_import(employers, login, who):
    client = login(getattr(employers, who))
    assert client.get(URL).status_code == 403
    upload = SimpleUploadedFile("offres.csv", csv_bytes(ROWS))
    assert client.post(URL, {"file": upload}).status_code == 403
    assert not Offer.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/comptes/connexion/" in response["Location"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "Ce fichier est une image PNG",
        ),
        (b"source_id,title\n\x00\x01\x02\xff\xfe", "contenu binaire"),
    ],
)
def test_a_file_that_is_not_csv_or_json_is_refused(employers, login, content, expected):
    upload = SimpleUploadedFile("offres.csv", content, content_type="text/csv")

    response = login(employers.sam).post(URL, {"file": upload})

    assert expected in text(response)
    assert "Résultat de l'import" not in text(response)
    assert not Offer.objects.exists()


def test_a_file_over_10_mb_is_refused(employers, login):
    upload = SimpleUploadedFile("offres.csv", b"a" * (imports.MAX_BYTES + 1))
    response = login(employers.sam).post(URL, {"file": upload})
    assert "10 Mo au plus" in text(response)
