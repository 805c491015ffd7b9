"""The reference data is complete, real, and a second load changes nothing."""

import io

from django.core.management import call_command
from django.db import connection

from referentiel.models import (
    Appellation,
    Commune,
    Mobility,
    Naf,
    Occupation,
    OccupationSkill,
    Qpv,
    QualificationLevel,
    Skill,
)


def table_digest() -> dict[str, str]:
    digests = {}
    with connection.cursor() as cursor:
        for model in (Commune, Qpv, Occupation, Appellation, Skill, OccupationSkill, Mobility, Naf):
            table = model._meta.db_table
            query = f"SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM \"{table}\" t"  # noqa: S608
            cursor.execute(query)
            digests[table] = cursor.fetchone()[0]
    return digests


def test_real_counts(db):
    assert Commune.objects.count() == 1266
    assert Commune.objects.filter(in_territory=True).count() == 24
    assert Qpv.objects.count() == 36
    assert Occupation.objects.count() == 1584
    assert Appellation.objects.count() == 13120
    assert Skill.objects.count() == 18317 + 15354
    assert Mobility.objects.count() == 14912
    assert Naf.objects.filter(level="section").count() == 21
    assert Naf.objects.filter(level="division").count() == 88
    assert list(QualificationLevel.objects.values_list("level", flat=True)) == list(range(1, 9))


def test_the_territory_and_its_qpv(db):
    territory = set(Commune.objects.filter(in_territory=True).values_list("name", flat=True))
    assert {"Orly", "Rungis", "Villejuif", "Vitry-sur-Seine", "Athis-Mons"} <= territory
    assert "Créteil" not in territory
    grande_borne = Qpv.objects.get(code="QN09124M")
    assert [c.name for c in grande_borne.communes.all()] == ["Viry-Châtillon"]
    unconfirmed = Qpv.objects.filter(communes_confirmed=False)
    assert unconfirmed.count() == 6
    assert set(Qpv.objects.get(code="QN09414M").communes.values_list("name", flat=True)) == {
        "Arcueil",
        "Gentilly",
    }
    assert Qpv.objects.filter(communes__in_territory=True).distinct().count() == 33


def test_occupations_speak_the_rome(db):
    aide_soignant = Occupation.objects.get(code="J1501")
    assert aide_soignant.title == "Aide-soignant / Aide-soignante"
    assert aide_soignant.domain.grand_domain.code == "J"
    assert aide_soignant.appellations.filter(main=True).count() == 1
    core = OccupationSkill.objects.filter(occupation=aide_soignant, core=True)
    assert core.exists()
    assert Appellation.objects.filter(rare=True).count() == 199
    assert Mobility.objects.filter(source__code="N1103").exists()


def test_a_second_load_changes_nothing(db):
    before = table_digest()
    out = io.StringIO()
    call_command("load_referentiel", stdout=out)
    assert "chargé" not in out.getvalue().replace("inchangé", "")
    assert table_digest() == before
    call_command("load_referentiel", "--force", stdout=io.StringIO())
    assert table_digest() == before


def test_reference_data_survives_transactional_tests(transactional_db):
    # Runs after the browser and Celery tests in a full run: the data must still be there.
    assert Occupation.objects.count() == 1584
    assert Commune.objects.filter(in_territory=True).count() == 24
