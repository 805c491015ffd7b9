"""Loading the reference files of ``referentiel/data`` into the database, in bulk.

Each dataset is a group of files loaded together. Its files' sha256 is kept in ``Dataset``: a
dataset whose files did not change since the last load is skipped, so a second load changes
nothing. A changed dataset is upserted (insert or update on the official code) and rows that left
the files are deleted.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import models, transaction

from referentiel.models import (
    Appellation,
    Commune,
    Dataset,
    GrandDomain,
    Mobility,
    Naf,
    Occupation,
    OccupationSkill,
    ProfessionalDomain,
    Qpv,
    QualificationLevel,
    Skill,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
ROME_DIR = DATA_DIR / "rome4_v460"
ROME_VERSION = "ROME 4.0 v460"
BATCH = 5000


def _rows(path: Path) -> Iterable[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _upsert(model: type[models.Model], objects: list, unique: list[str]) -> int:
    """Insert or update ``objects`` on ``unique``; delete the rows of ``model`` not among them."""
    fields = [
        f.name for f in model._meta.concrete_fields if not f.primary_key and f.name not in unique
    ]
    model.objects.bulk_create(
        objects,
        batch_size=BATCH,
        update_conflicts=bool(fields),
        ignore_conflicts=not fields,
        unique_fields=unique,
        update_fields=fields or None,
    )
    keys = {tuple(getattr(obj, _attname(model, name)) for name in unique) for obj in objects}
    stale = [
        pk
        for pk, *key in model.objects.values_list("pk", *[_attname(model, n) for n in unique])
        if tuple(key) not in keys
    ]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    return len(objects)


def _attname(model, name: str) -> str:
    return model._meta.get_field(name).attname


# --- One function per dataset: read its files, write its tables, return rows written ----------


def load_levels() -> int:
    levels = [
        QualificationLevel(
            level=int(row["niveau"]),
            label=row["reperes"],
            former_level=row["ancien_niveau_1969"],
            examples=row["exemples_diplomes"],
        )
        for row in _rows(DATA_DIR / "niveaux_diplomes.csv")
    ]
    return _upsert(QualificationLevel, levels, ["level"])


def load_naf() -> int:
    codes = [
        Naf(
            code=row["code"],
            label=row["libelle"],
            level=row["niveau"],
            section=row["section"],
            division=row["division"],
        )
        for row in _rows(DATA_DIR / "naf.csv")
    ]
    return _upsert(Naf, codes, ["code"])


def load_communes() -> int:
    communes = [
        Commune(
            code_insee=row["code_insee"],
            name=row["nom"],
            postal_codes=row["codes_postaux"].split(),
            departement_code=row["code_departement"],
            departement_name=row["departement"],
            population=int(row["population_municipale"] or 0),
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            in_territory=row["in_ept_gosb"] == "1",
        )
        for row in _rows(DATA_DIR / "communes_idf.csv")
    ]
    return _upsert(Commune, communes, ["code_insee"])


def load_qpv() -> int:
    qpvs, links = [], []
    for row in _rows(DATA_DIR / "qpv.csv"):
        confirmed = row["communes_source"] != "a_confirmer"
        qpvs.append(
            Qpv(
                code=row["code_qp"],
                name=" ".join(row["nom_qp"].split()),
                communes_confirmed=confirmed,
                multi_commune=row["pluricommunal"] == "1",
            )
        )
        codes = [row["code_insee_commune"]] if confirmed else row["codes_insee_probables"].split()
        links += [Qpv.communes.through(qpv_id=row["code_qp"], commune_id=c) for c in codes if c]
    _upsert(Qpv, qpvs, ["code"])
    Qpv.communes.through.objects.all().delete()
    Qpv.communes.through.objects.bulk_create(links)
    return len(qpvs)


def load_occupations() -> int:
    rows = list(_rows(DATA_DIR / "rome.csv"))
    grand = {r["code_grand_domaine"]: r["libelle_grand_domaine"] for r in rows}
    domains = {
        r["code_domaine_professionnel"]: (
            r["libelle_domaine_professionnel"],
            r["code_grand_domaine"],
        )
        for r in rows
    }
    _upsert(GrandDomain, [GrandDomain(code=c, label=label) for c, label in grand.items()], ["code"])
    _upsert(
        ProfessionalDomain,
        [
            ProfessionalDomain(code=c, label=label, grand_domain_id=g)
            for c, (label, g) in domains.items()
        ],
        ["code"],
    )
    occupations = [
        Occupation(
            code=r["code_rome"],
            title=r["libelle_rome"],
            parent_code=r["code_rome_parent"],
            domain_id=r["code_domaine_professionnel"],
            definition=r["definition"],
            access=r["acces_metier"],
            regulated=r["emploi_reglemente"] == "O",
        )
        for r in rows
    ]
    return _upsert(Occupation, occupations, ["code"])


def load_appellations() -> int:
    appellations = [
        Appellation(
            code_ogr=r["code_ogr"],
            label=r["libelle_appellation_long"],
            short_label=r["libelle_appellation_court"],
            occupation_id=r["code_rome"],
            main=r["classification"] == "PRINCIPALE",
            rare=r["peu_usite"] == "O",
        )
        for r in _rows(ROME_DIR / "unix_referentiel_appellation_v460_utf8.csv")
    ]
    return _upsert(Appellation, appellations, ["code_ogr"])


def load_skills() -> int:
    kinds = {"Savoir-faire": Skill.Kind.KNOW_HOW, "Savoir-être professionnel": Skill.Kind.SOFT}
    skills = [
        Skill(
            code=r["code_ogr"],
            label=r["libelle_competence"],
            kind=kinds[r["cat_comp"]],
            category=r["sous_cat_comp"],
            subcategory="",
        )
        for r in _rows(ROME_DIR / "unix_referentiel_competence_v460_utf8.csv")
    ]
    skills += [
        Skill(
            code=r["code_ogr_savoir"],
            label=r["libelle_savoir"],
            kind=Skill.Kind.KNOWLEDGE,
            category=r["categorie_savoir"],
            subcategory=r["sous_categorie_savoir"],
        )
        for r in _rows(ROME_DIR / "unix_referentiel_savoir_v460_utf8.csv")
    ]
    return _upsert(Skill, skills, ["code"])


def load_occupation_skills() -> int:
    flags = {
        (r["code_rome"], r["code_ogr"]): r["coeur_metier"]
        for r in _rows(DATA_DIR / "rome_coeur_metier.csv")
    }
    links = [
        OccupationSkill(
            occupation_id=r["code_rome"],
            skill_id=r["code_ogr"],
            core=flags.get((r["code_rome"], r["code_ogr"])) == "Principale",
            emerging=flags.get((r["code_rome"], r["code_ogr"])) == "Émergente",
        )
        for r in _rows(ROME_DIR / "unix_liens_rome_referentiels_v460_utf8.csv")
        if r["code_compo_bloc"] == "5"
    ]
    return _upsert(OccupationSkill, links, ["occupation", "skill"])


def load_mobilities() -> int:
    links = [
        Mobility(
            source_id=r["code_rome"], target_id=r["code_rome_cible"], rank=int(r["numero_ordre"])
        )
        for r in _rows(ROME_DIR / "unix_rubrique_mobilite_v460_utf8.csv")
    ]
    return _upsert(Mobility, links, ["source", "target"])


@dataclass(frozen=True)
class Source:
    name: str
    version: str
    files: tuple[Path, ...]
    load: Callable[[], int]
    # The tables this dataset fills: a skipped dataset must still have them filled.
    tables: tuple[type[models.Model], ...]


SOURCES = [
    Source(
        "niveaux",
        "Code du travail D6113-19",
        (DATA_DIR / "niveaux_diplomes.csv",),
        load_levels,
        (QualificationLevel,),
    ),
    Source("naf", "NAF rév. 2", (DATA_DIR / "naf.csv",), load_naf, (Naf,)),
    Source("communes", "COG 2026", (DATA_DIR / "communes_idf.csv",), load_communes, (Commune,)),
    Source("qpv", "QPV 2024", (DATA_DIR / "qpv.csv",), load_qpv, (Qpv,)),
    Source(
        "rome-fiches",
        ROME_VERSION,
        (DATA_DIR / "rome.csv",),
        load_occupations,
        (GrandDomain, ProfessionalDomain, Occupation),
    ),
    Source(
        "rome-appellations",
        ROME_VERSION,
        (ROME_DIR / "unix_referentiel_appellation_v460_utf8.csv",),
        load_appellations,
        (Appellation,),
    ),
    Source(
        "rome-competences",
        ROME_VERSION,
        (
            ROME_DIR / "unix_referentiel_competence_v460_utf8.csv",
            ROME_DIR / "unix_referentiel_savoir_v460_utf8.csv",
        ),
        load_skills,
        (Skill,),
    ),
    Source(
        "rome-liens",
        ROME_VERSION,
        (
            ROME_DIR / "unix_liens_rome_referentiels_v460_utf8.csv",
            DATA_DIR / "rome_coeur_metier.csv",
        ),
        load_occupation_skills,
        (OccupationSkill,),
    ),
    Source(
        "rome-mobilites",
        ROME_VERSION,
        (ROME_DIR / "unix_rubrique_mobilite_v460_utf8.csv",),
        load_mobilities,
        (Mobility,),
    ),
]


def _checksum(files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class Report:
    name: str
    rows: int
    changed: bool


@transaction.atomic
def load_all(*, force: bool = False, only: set[str] | None = None) -> list[Report]:
    """Load every dataset whose files changed (or all with ``force``); return what was done."""
    reports = []
    for source in SOURCES:
        if only and source.name not in only:
            continue
        checksum = _checksum(source.files)
        known = Dataset.objects.filter(name=source.name).first()
        filled = all(table.objects.exists() for table in source.tables)
        if known and known.sha256 == checksum and filled and not force:
            reports.append(Report(source.name, known.rows, changed=False))
            continue
        rows = source.load()
        Dataset.objects.update_or_create(
            name=source.name,
            defaults={"version": source.version, "sha256": checksum, "rows": rows},
        )
        reports.append(Report(source.name, rows, changed=True))
    return reports
