"""Synthetic demo employers and offers of the Grand-Orly Seine Bièvre territory.

Demo data is synthetic. Every employer is fictitious: its name ends with " (démo)", its SIRET is
a random number that only passes the Luhn check, its e-mail is under ``.demo.test``; every offer's
description ends by saying it is fictitious. What is realistic is the shape of the territory's
jobs: logistics and food wholesale at Rungis (MIN, Sogaris), Chevilly-Larue and Orly, airport jobs
at Orly, Paray-Vieille-Poste and Athis-Mons, hospitals and EHPAD at Villejuif, industry at Vitry
and Ivry, the Grand Paris Express works (part of their offers under an insertion clause), retail,
home care, cleaning, security, catering and transport; NAF codes of each trade's sector; contracts
(heavy on intérim in logistics), hours, pay around the 2025 SMIC, permits and CACES.

Offers are written in bulk, as the application would have written them one by one: the search
trigger fills their search columns, the required skills are the occupation's core skills, and the
transition log has their "create", "publish" and end rows. ``offers_changed`` is not sent: the
demo seed is followed by a full matching run. Everything is deterministic for a given ``seed``.
"""

from __future__ import annotations

import random
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.validators import luhn_valid, validate_siret
from offers.demo_catalogue import (
    BENEFITS,
    OUTSIDE,
    PLACES,
    SCHEDULES,
    SECTORS,
    STATIONS,
    SURNAMES,
    Profile,
    Sector,
    Trade,
)
from offers.models import Offer, OfferSkill, OfferTransition, Status
from referentiel.models import Appellation, Commune, Occupation, OccupationSkill
from referentiel.permits import LANGUAGE_LABELS, PERMIT_LABELS
from vitrine.french import amount

DEMO_SUFFIX = " (démo)"
SOURCE_PREFIX = "demo-"
SMIC_HOURLY = Decimal("11.88")  # gross, 1 January 2025
HOURS_PER_MONTH = Decimal("151.67")
STATUSES = {  # share of each status among the synthetic offers
    Status.PUBLISHED: 0.74,
    Status.FILLED: 0.09,
    Status.CLOSED: 0.05,
    Status.EXPIRED: 0.05,
    Status.DRAFT: 0.07,
}
ACCOUNT_STATUSES = [Status.PUBLISHED] * 3 + [Status.DRAFT, Status.FILLED, Status.CLOSED]
POSITIONS = {1: 0.5, 2: 0.2, 3: 0.13, 4: 0.08, 5: 0.09}
SIZE_WEIGHT = {"0-9": 0.5, "10-49": 1.0, "50-249": 2.0, "250+": 4.0}
CHUNK = 2000


@dataclass
class DemoEmployer:
    organisation: Organisation
    sector: Sector
    profile: Profile
    by: User | None = None  # who posts its offers (the demo account for its organisation)


@dataclass
class Report:
    employers: int = 0
    employers_created: int = 0
    offers: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    skills: int = 0
    transitions: int = 0
    seconds: float = 0.0
    skipped: bool = False


def demo_offers():
    """Offers made by this module (whatever employer they belong to)."""
    return Offer.objects.filter(source=Offer.Source.MANUAL, source_id__startswith=SOURCE_PREFIX)


def synthetic_employers():
    """Employers made by this module: a demo name and no member (the demo account's has one)."""
    return Organisation.objects.filter(
        kind=Organisation.Kind.EMPLOYER, name__endswith=DEMO_SUFFIX, memberships__isnull=True
    )


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


# --- Employers --------------------------------------------------------------------------------


def siret_generate(rng: random.Random, taken: set[str]) -> str:
    """A random 14-digit SIRET whose SIREN and SIRET both pass the Luhn check, not in ``taken``."""
    while True:
        siren = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        siren += _check_digit(siren)
        siret = siren + f"00{rng.randint(1, 99):02d}"
        siret += _check_digit(siret)
        if siret not in taken and not siret.startswith("356000000"):
            taken.add(siret)
            validate_siret(siret)
            return siret


def _check_digit(partial: str) -> str:
    return next(d for d in "0123456789" if luhn_valid(partial + d))


def _allocate(total: int, sectors: list[Sector]) -> list[int]:
    """Employers per sector, in proportion to its share of offers (largest remainder), at least
    one per sector while there are enough, the biggest sectors served first."""
    counts = [0] * len(sectors)
    order = sorted(range(len(sectors)), key=lambda i: -sectors[i].share)
    for i in order[:total]:
        counts[i] = 1
    rest = total - sum(counts)
    if rest > 0:
        shares = sum(s.share for s in sectors)
        exact = [rest * s.share / shares for s in sectors]
        floors = [int(x) for x in exact]
        counts = [c + f for c, f in zip(counts, floors, strict=True)]
        left = rest - sum(floors)
        for i in sorted(order, key=lambda i: floors[i] - exact[i])[:left]:
            counts[i] += 1
    return counts


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())[:40]


def _territory(communes: dict[str, Commune]) -> dict[str, float]:
    return {code: c.population for code, c in communes.items() if c.in_territory}


def _plan_employers(count: int, seed: int, communes: dict[str, Commune]) -> list[dict]:
    """The employers to have, as field values plus their sector and profile (no database)."""
    rng = random.Random(seed * 7919 + 1)  # noqa: S311 (synthetic data, not security)
    sirets: set[str] = set()
    names: set[str] = set()
    plans = []
    for sector, n in zip(SECTORS, _allocate(count, SECTORS), strict=True):
        hubs = {k: w for k, w in (sector.hubs or _territory(communes)).items() if k in communes}
        for _ in range(n):
            profiles = sector.profiles
            profile = rng.choices(profiles, weights=[p.weight for p in profiles])[0]
            for attempt in range(50):
                base = rng.choice(profile.names).format(
                    surname=rng.choice(SURNAMES), place=rng.choice(PLACES)
                )
                name = base if attempt < 40 else f"{base} {attempt - 38}"
                if name not in names:
                    names.add(name)
                    break
            commune = _weighted(rng, hubs)
            size = rng.choice(profile.sizes)
            plans.append(
                {
                    "sector": sector,
                    "profile": profile,
                    "values": {
                        "kind": Organisation.Kind.EMPLOYER,
                        "name": name + DEMO_SUFFIX,
                        "siret": siret_generate(rng, sirets),
                        "naf_id": rng.choice(profile.naf),
                        "commune_id": commune,
                        "employer_kind": profile.kind,
                        "ess": profile.kind in {"association", "siae"} or rng.random() < 0.03,
                        "size_band": size,
                        "charter_signed": rng.random() < 0.3,
                        "contact_email": f"recrutement@{_slug(name)}.demo.test",
                    },
                }
            )
    return plans


def demo_employers_create(*, count: int, seed: int = 1) -> tuple[list[DemoEmployer], int]:
    """The ``count`` synthetic employers of ``seed``, created when missing (matched by SIRET).

    Returns them and how many were created.
    """
    communes = {c.code_insee: c for c in Commune.objects.filter(in_territory=True)}
    plans = _plan_employers(count, seed, communes)
    sirets = [p["values"]["siret"] for p in plans]
    existing = {o.siret: o for o in synthetic_employers().filter(siret__in=sirets)}
    missing = [Organisation(**p["values"]) for p in plans if p["values"]["siret"] not in existing]
    created = {o.siret: o for o in Organisation.objects.bulk_create(missing)}
    employers = [
        DemoEmployer(
            organisation=existing.get(p["values"]["siret"]) or created[p["values"]["siret"]],
            sector=p["sector"],
            profile=p["profile"],
        )
        for p in plans
    ]
    return employers, len(missing)


# --- Offers -----------------------------------------------------------------------------------


@dataclass
class _Reference:
    """What offers are built from, read once: appellations, ROME texts, places."""

    occupation_of: dict[str, str]  # appellation code OGR -> ROME code
    definition: dict[str, str]  # ROME code -> first sentence of its definition
    missions: dict[str, list[str]]  # ROME code -> core know-how, as sentence fragments
    communes: dict[str, Commune]

    @classmethod
    def load(cls) -> _Reference:
        codes = {t.appellation for s in SECTORS for p in s.profiles for t, _w in p.trades}
        occupation_of = dict(
            Appellation.objects.filter(pk__in=codes).values_list("code_ogr", "occupation_id")
        )
        rome = set(occupation_of.values())
        definition = {
            code: _first_sentence(text)
            for code, text in Occupation.objects.filter(pk__in=rome).values_list(
                "code", "definition"
            )
        }
        # Missions: the trade's most specific core know-how (not "Animer une équipe", core to
        # 132 fiches).
        core = OccupationSkill.objects.filter(core=True)
        spread = dict(core.values("skill_id").annotate(n=Count("pk")).values_list("skill_id", "n"))
        links = core.filter(occupation_id__in=rome, skill__kind="savoir-faire").order_by(
            "occupation_id", "skill__label"
        )
        known: dict[str, list[tuple[int, str]]] = {code: [] for code in rome}
        for code, skill, label in links.values_list("occupation_id", "skill_id", "skill__label"):
            known[code].append((spread[skill], label[:1].lower() + label[1:]))
        missions = {
            code: [label for _n, label in sorted(pairs)[:5]] for code, pairs in known.items()
        }
        places = Q(in_territory=True) | Q(pk__in=set(OUTSIDE))
        communes = {c.code_insee: c for c in Commune.objects.filter(places)}
        return cls(occupation_of, definition, missions, communes)


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    sentence = text if end < 0 else text[: end + 1]
    return sentence if sentence.endswith(".") or not sentence else sentence + "."


def _pay(rng: random.Random, trade: Trade, contract: str, hours: Decimal):
    """(min, max, period) around the trade's level of pay; None, None for an undisclosed one."""
    if rng.random() < 0.12:
        return None, None, Offer.SalaryPeriod.MONTH
    low, high = Decimal(trade.pay[0]), Decimal(trade.pay[1])
    if trade.yearly:
        period, scale = Offer.SalaryPeriod.YEAR, Decimal(12)
    elif contract in {"MIS", "TTI", "SAI"} and rng.random() < 0.6:
        period, scale = Offer.SalaryPeriod.HOUR, 1 / HOURS_PER_MONTH
    else:
        period = Offer.SalaryPeriod.MONTH
        extra = max(hours - 35, 0) * Decimal("1.25")  # overtime paid 25 % more
        scale = (min(hours, Decimal(35)) + extra) / 35
    step = {"hour": Decimal("0.01"), "month": Decimal(1), "year": Decimal(500)}[period]
    # Rounded up per month or year so that no full-time pay falls under the SMIC.
    rounding = ROUND_HALF_UP if period == Offer.SalaryPeriod.HOUR else ROUND_CEILING
    low = (low * scale / step).quantize(Decimal(1), rounding=rounding) * step
    high = (high * scale / step).quantize(Decimal(1)) * step
    if period == Offer.SalaryPeriod.HOUR:
        low = max(low, SMIC_HOURLY)
    if rng.random() < 0.25:
        high = low
    return low, max(low, high), period


def _contract_text(rng: random.Random, contract: str) -> str:
    months = rng.choice((3, 6, 6, 9, 12, 18))
    return {
        "CDI": "CDI",
        "CDD": f"CDD de {months} mois",
        "MIS": f"mission d'intérim de {rng.choice((2, 4, 4, 8, 12))} semaines, renouvelable",
        "SAI": f"contrat saisonnier de {rng.choice((2, 3, 4))} mois",
        "DDI": f"CDD d'insertion de {rng.choice((4, 6, 12))} mois, avec un accompagnement",
        "DIN": "CDI intérimaire",
    }.get(contract, contract)


LEVEL_TEXT = {3: "CAP ou BEP", 4: "bac ou équivalent", 5: "bac+2", 6: "bac+3"}
EXPERIENCE_TEXT = {
    "none": "Débutant accepté : vous serez formé sur le poste.",
    "wished": "Une première expérience sur un poste similaire est un plus.",
    "required": "Une expérience d'au moins un an sur ce poste est exigée.",
}
CLAUSE_TEXT = (
    "Ce poste relève de la clause d'insertion du marché : il est ouvert en priorité aux "
    "personnes éloignées de l'emploi (demandeurs d'emploi de longue durée, allocataires du RSA, "
    "jeunes sans qualification), orientées par leur conseiller ou le facilitateur de la clause."
)
FICTITIOUS = "Offre fictive, créée pour la démonstration de la Vitrine des emplois."


def _of(commune: str) -> str:
    """ "de Rungis", "d'Orly", "du Kremlin-Bicêtre"."""
    if commune.startswith("Le "):
        return "du " + commune[3:]
    return ("d'" if commune[:1] in "AEIOUYÉÈ" else "de ") + commune


def _at(commune: str) -> str:
    """ "à Rungis", "au Kremlin-Bicêtre"."""
    return "au " + commune[3:] if commune.startswith("Le ") else "à " + commune


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _description(rng: random.Random, ref: _Reference, employer: DemoEmployer, offer: Offer):
    """A few paragraphs in plain French: who recruits where, the trade (ROME), the profile
    asked, the conditions; and that the offer is fictitious."""
    name = employer.organisation.name.removesuffix(DEMO_SUFFIX)
    commune = ref.communes[offer.commune_id].name
    profile = employer.profile
    count = f" ({offer.positions} postes à pourvoir)" if offer.positions > 1 else ""
    if profile.gpe and offer.commune_id in STATIONS:
        station = rng.choice(STATIONS[offer.commune_id])
        where = f"un chantier du Grand Paris Express, secteur de la gare {station}, {_at(commune)}"
    elif profile.for_client:
        where = f"l'un de ses clients, une plateforme logistique {_of(commune)}"
    elif profile.at_home:
        where = f"des interventions chez des personnes aidées {_at(commune)}"
    elif offer.commune_id != employer.organisation.commune_id:
        where = f"son site {_of(commune)}"
    else:
        where = profile.site.format(of=_of(commune), at=_at(commune))
    paragraphs = [f"{name} recrute pour {where}{count}."]
    trade = ref.definition.get(offer.occupation_id, "")
    missions = ref.missions.get(offer.occupation_id) or []
    if missions:
        picked = rng.sample(missions, min(3, len(missions)))
        listed = ", ".join(picked[:-1]) + (" et " if len(picked) > 1 else "") + picked[-1]
        trade += f" Vos missions : {listed}."
    paragraphs.append(trade.strip())
    asked = [EXPERIENCE_TEXT[offer.experience]]
    if offer.level_id in LEVEL_TEXT:
        strict = "exigé" if offer.level_strict else "souhaité"
        asked.append(f"Niveau {LEVEL_TEXT[offer.level_id]} {strict}.")
    if offer.permits:
        asked.append(f"Exigé : {', '.join(PERMIT_LABELS[p] for p in offer.permits)}.")
    if offer.languages:
        spoken = ", ".join(LANGUAGE_LABELS[code].lower() for code in offer.languages)
        asked.append(f"Langue demandée : {spoken}.")
    paragraphs.append(" ".join(asked))
    start = f"à partir du {offer.start_date:%d/%m/%Y}" if offer.start_date else "dès que possible"
    schedule = rng.choice(SCHEDULES[employer.sector.key])
    contract = _sentence(_contract_text(rng, offer.contract))
    hours = amount(offer.hours_per_week)
    conditions = [f"{contract}, {hours} h par semaine, {schedule}, {start}."]
    if offer.salary_min is not None:
        unit = {"hour": "brut de l'heure", "month": "brut par mois", "year": "brut par an"}
        pay = amount(offer.salary_min)
        if offer.salary_max != offer.salary_min:
            pay += f" à {amount(offer.salary_max)}"
        conditions.append(f"Salaire : {pay} € {unit[offer.salary_period]}.")
    benefits = rng.sample(BENEFITS, 2)
    conditions.append(f"Avantages : {benefits[0]}, {benefits[1]}.")
    paragraphs.append(" ".join(conditions))
    if offer.insertion_clause:
        paragraphs.append(CLAUSE_TEXT)
    paragraphs.append(FICTITIOUS)
    return "\n\n".join(paragraphs)


def _place(rng: random.Random, ref: _Reference, employer: DemoEmployer) -> str:
    """Where the offer's job is: mostly at the employer, else elsewhere in its sector's places."""
    sector = employer.sector
    territory = {k: c.population for k, c in ref.communes.items() if c.in_territory}
    if employer.profile.at_home:  # where the people helped live
        return _weighted(rng, territory) if rng.random() < 0.7 else employer.organisation.commune_id
    hubs = {k: w for k, w in (sector.hubs or territory).items() if k in ref.communes}
    draw = rng.random()
    if employer.profile.for_client or draw < 0.12:
        return _weighted(rng, hubs)
    if draw < 0.19:
        return _weighted(rng, {k: w for k, w in OUTSIDE.items() if k in ref.communes})
    return employer.organisation.commune_id


def _timeline(rng: random.Random, status: str, now: datetime):
    """(created, published, ended) times of an offer with ``status``."""
    day = timedelta(days=1)
    if status == Status.DRAFT:
        return now - rng.uniform(0.1, 10) * day, None, None
    if status == Status.EXPIRED:
        age = rng.uniform(61, 90)
    elif status == Status.PUBLISHED:
        age = rng.triangular(0, 60, 0)  # more recent offers than old ones
    else:
        age = rng.uniform(8, 60)
    local = timezone.localtime(now - age * day)
    published = min(local.replace(hour=rng.randint(7, 18), minute=rng.randint(0, 59)), now)
    created = published - rng.uniform(0.02, 3) * day
    if status == Status.PUBLISHED:
        return created, published, None
    if status == Status.EXPIRED:
        return created, published, min(published + 60 * day + rng.uniform(0, 1) * day, now)
    lived = (now - published) / day
    return created, published, published + rng.uniform(2, max(2.5, lived - 0.5)) * day


def _offer(rng, ref, employer: DemoEmployer, status: str, number: int, now: datetime):
    """One offer (unsaved) and its life cycle: (offer, created, published, ended)."""
    sector, profile = employer.sector, employer.profile
    trades = {t: w for t, w in profile.trades if t.appellation in ref.occupation_of}
    trade = _weighted(rng, trades)
    contract = _weighted(rng, profile.contracts or sector.contracts)
    hours = Decimal(35)
    if rng.random() < sector.part_time:
        hours = Decimal(str(rng.choice(sector.part_hours)))
    elif rng.random() < sector.long_hours:
        hours = Decimal(39)
    title = trade.title
    if trade.variants and rng.random() < 0.3:
        title += " " + rng.choice(trade.variants)
    title += rng.choice((" H/F", " H/F", " (H/F)"))
    low, high, period = _pay(rng, trade, contract, hours)
    experience = rng.choices(
        ["none", "wished", "required"], weights=[1, 3, 2] if trade.skilled else [12, 7, 1]
    )[0]
    created, published, ended = _timeline(rng, status, now)
    start = None
    if rng.random() < 0.75:
        start = ((published or created) + timedelta(days=rng.choice((0, 3, 7, 14, 21, 30)))).date()
    offer = Offer(
        employer=employer.organisation,
        title=title,
        appellation_id=trade.appellation,
        occupation_id=ref.occupation_of[trade.appellation],
        commune_id=_place(rng, ref, employer),
        contract=contract,
        hours_per_week=hours,
        salary_min=low,
        salary_max=high,
        salary_period=period,
        level_id=rng.choice(trade.levels),
        level_strict=trade.strict,
        experience=experience,
        permits=[p for p, chance in trade.permits if rng.random() < chance],
        languages=[code for code, chance in trade.languages if rng.random() < chance],
        positions=_weighted(rng, POSITIONS),
        start_date=start,
        insertion_clause=rng.random() < profile.clause,
        status=status,
        published_at=published,
        ended_at=ended,
        expiry_warned_at=ended - 7 * timedelta(days=1) if status == Status.EXPIRED else None,
        source=Offer.Source.MANUAL,
        source_id=f"{SOURCE_PREFIX}{number:06d}",
    )
    offer.description = _description(rng, ref, employer, offer)
    offer.created_at, offer.updated_at = created, ended or published or created
    return offer, created, published, ended


ENDINGS = {
    Status.FILLED: ("fill", ""),
    Status.CLOSED: ("close", ""),
    Status.EXPIRED: ("expire", "Sans mise à jour depuis 60 jours"),
}


def _insert(offers: list[Offer]) -> None:
    """INSERT the offers as they are, their own creation and update times included (which
    ``bulk_create`` would replace by "now"), and set their primary keys."""
    fields = [f for f in Offer._meta.concrete_fields if not f.primary_key]
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    values = [f.get_db_prep_save(getattr(o, f.attname), connection) for o in offers for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Offer._meta.db_table} ({', '.join(f.column for f in fields)})"  # noqa: S608
            f" VALUES {', '.join([row] * len(offers))} RETURNING id",
            values,
        )
        for offer, (pk,) in zip(offers, cursor.fetchall(), strict=True):
            offer.pk = pk


def _write(planned: list[tuple], by_of: dict[int, int | None]) -> tuple[int, int]:
    """Insert one chunk of planned offers with their skills and transition log."""
    offers = [row[0] for row in planned]
    _insert(offers)
    log: list[tuple] = []
    for offer, created, published, ended in planned:
        by = by_of.get(offer.employer_id)
        log.append((offer.pk, "create", Status.DRAFT, Status.DRAFT, by, created, ""))
        if published:
            log.append((offer.pk, "publish", Status.DRAFT, Status.PUBLISHED, by, published, ""))
        if offer.status in ENDINGS:
            name, reason = ENDINGS[offer.status]
            who = None if offer.status == Status.EXPIRED else by
            log.append((offer.pk, name, Status.PUBLISHED, offer.status, who, ended, reason))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {OfferTransition._meta.db_table}"  # noqa: S608
            " (offer_id, name, from_status, to_status, by_id, at, reason)"
            " SELECT * FROM unnest(%s::bigint[], %s::varchar[], %s::varchar[], %s::varchar[],"
            " %s::bigint[], %s::timestamptz[], %s::text[])",
            [list(column) for column in zip(*log, strict=True)],
        )
        # Required skills: the occupation's core skills, as offer_save gives them by default.
        cursor.execute(
            f"INSERT INTO {OfferSkill._meta.db_table} (offer_id, skill_id, required)"  # noqa: S608
            f" SELECT o.id, l.skill_id, TRUE FROM {Offer._meta.db_table} o"
            f" JOIN {OccupationSkill._meta.db_table} l"
            " ON l.occupation_id = o.occupation_id AND l.core WHERE o.id = ANY(%s)",
            [[offer.pk for offer in offers]],
        )
        skills = cursor.rowcount
    return skills, len(log)


def demo_offers_create(
    *,
    employers: list[DemoEmployer],
    count: int,
    seed: int = 1,
    account: DemoEmployer | None = None,
    now: datetime | None = None,
) -> Report:
    """Create ``count`` synthetic offers: a handful for the demo account's employer (if given),
    the rest spread over ``employers`` by sector share and employer size."""
    now = now or timezone.now()
    rng = random.Random(seed * 104729 + 2)  # noqa: S311 (synthetic data, not security)
    ref = _Reference.load()
    if not ref.occupation_of:
        raise RuntimeError("Référentiel ROME absent : lancez d'abord manage.py load_referentiel.")
    plan: list[tuple[DemoEmployer, str]] = []
    if account is not None:
        plan += [(account, status) for status in ACCOUNT_STATUSES[: min(count, 6)]]
    by_sector: dict[str, list[DemoEmployer]] = {}
    for employer in employers:
        by_sector.setdefault(employer.sector.key, []).append(employer)
    shares = {s.key: s.share for s in SECTORS if s.key in by_sector}
    while shares and len(plan) < count:
        pool = by_sector[_weighted(rng, shares)]
        sizes = [SIZE_WEIGHT[e.organisation.size_band] for e in pool]
        employer = rng.choices(pool, weights=sizes)[0]
        plan.append((employer, _weighted(rng, STATUSES)))
    by_of = {e.organisation.pk: e.by.pk if e.by else None for e, _status in plan}
    report = Report(employers=len(employers))
    for start in range(0, len(plan), CHUNK):
        planned = [
            _offer(rng, ref, employer, status, start + i + 1, now)
            for i, (employer, status) in enumerate(plan[start : start + CHUNK])
        ]
        skills, transitions = _write(planned, by_of)
        report.skills += skills
        report.transitions += transitions
        for row in planned:
            report.statuses[row[0].status] = report.statuses.get(row[0].status, 0) + 1
    report.offers = len(plan)
    return report


def demo_offers_delete() -> int:
    """Delete the synthetic offers, then the synthetic employers left without any offer."""
    deleted = demo_offers().delete()[1].get(Offer._meta.label, 0)
    synthetic_employers().filter(offers__isnull=True).delete()
    return deleted


def _account_employer(user: User | None) -> DemoEmployer | None:
    """The demo account's employer, posting as a warehouse of the logistics sector."""
    if user is None:
        return None
    organisation = Organisation.objects.filter(
        kind=Organisation.Kind.EMPLOYER, memberships__user=user
    ).first()
    if organisation is None or organisation.commune_id is None:
        return None
    sector = SECTORS[0]
    return DemoEmployer(organisation, sector, sector.profiles[0], by=user)


def demo_seed(
    *,
    employers: int = 60,
    offers: int = 400,
    seed: int = 1,
    reset: bool = False,
    account: User | None = None,
) -> Report:
    """Seed the synthetic employers and offers; nothing when demo offers already exist, unless
    ``reset`` (then the demo offers and the synthetic employers are replaced).

    ``account`` is the demo employer user: its organisation gets a handful of the offers.
    """
    started = time.monotonic()
    with transaction.atomic():
        if reset:
            demo_offers_delete()
        elif demo_offers().exists():
            return Report(
                employers=synthetic_employers().count(),
                offers=demo_offers().count(),
                skipped=True,
            )
        made, created = demo_employers_create(count=employers, seed=seed)
        report = demo_offers_create(
            employers=made, count=offers, seed=seed, account=_account_employer(account)
        )
        report.employers_created = created
    with connection.cursor() as cursor:  # fresh statistics for the planner after a bulk load
        tables = [model._meta.db_table for model in (Offer, OfferSkill, OfferTransition)]
        cursor.execute(f"ANALYZE {', '.join(tables)}")
    report.seconds = time.monotonic() - started
    return report
