"""Synthetic demo residents shaped like the territory's jobseekers.

Demo data is synthetic. A demo resident is labelled by their address, ``prenom.nom.N@demo.test``
(``.test`` is reserved for tests, RFC 2606; N numbers them), and has an unusable password: nobody
logs in as them. Their names come from a fixed list of common first and last names. What is
realistic is the shape (DESIGN §1): the commune, one of the 24 of the territory weighted by
population; 17 % live in a QPV of their commune (the others answered "none" or "I don't know");
qualification levels heavy on CAP/BEP and below (59 % at or below CAP/BEP and 29 % without a
diploma among QPV residents, a bit better for the others); one to three trades sought among the
territory's main trades, weighted like the demo offers (``offers.demo_catalogue``); past trades;
the core skills of those ROME fiches, with gaps; permits (B for about 45 %, CACES for part of the
logistics seekers…); commute, contract, hours and availability wishes; consents to matching
(90 %) and to being visible (60 %). Shares are exact quotas, so the figures hold for any size.

Rows are written with PostgreSQL COPY (60,000 residents in seconds); deterministic for a seed.
"""

from __future__ import annotations

import random
import time
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from offers.demo_catalogue import SECTORS
from referentiel.models import Appellation, Commune, OccupationSkill
from residents import services
from residents.bulk import copy_models, copy_rows, delete_by_subquery, ids_reserve
from residents.models import Consent, Hours, Profile
from residents.steps import SLUGS

DOMAIN = "demo.test"
EMAIL_REGEX = r"^[a-z-]+\.[a-z-]+\.[0-9]+@demo\.test$"
QPV_SHARE = 0.17
# Shares in percent of each level (0: no diploma, 3: CAP/BEP).
LEVELS_QPV = {0: 29, 1: 3, 2: 5, 3: 22, 4: 22, 5: 10, 6: 6, 7: 3}
LEVELS_OTHERS = {0: 20, 1: 2, 2: 4, 3: 24, 4: 24, 5: 13, 6: 8, 7: 5}
QPV_ANSWERS_OTHERS = {Profile.QpvAnswer.NONE: 85, Profile.QpvAnswer.UNKNOWN: 15}
MATCHING, VISIBILITY = 0.90, 0.60
COMMUTES = {30: 25, 45: 40, 60: 25, 90: 10}
CONTRACTS = {(): 40, ("CDI",): 20, ("CDI", "CDD"): 25, ("CDI", "CDD", "MIS"): 15}
HOURS = {Hours.ANY: 55, Hours.FULL: 35, Hours.PART: 10}
SOUGHT_COUNT = {1: 50, 2: 35, 3: 15}
DRIVING_B, DRIVING_B_DRIVERS = 0.40, 0.85  # B for 40 % (85 % of those seeking a driving job)
LANGUAGES = {"en": 0.25, "ar": 0.12, "es": 0.06, "pt": 0.05, "ber": 0.04, "bm": 0.03, "wo": 0.02}
LANGUAGES |= {"ln": 0.02, "ta": 0.02, "zh": 0.02, "ro": 0.02, "tr": 0.02, "pl": 0.01, "uk": 0.01}
KEEP_PAST, KEEP_SOUGHT = 0.85, 0.45  # core skills held of a fiche done before / only sought
FIRST_NAMES = (  # noqa: SIM905 (a list that reads as one)
    "Mohamed Fatima Nadia Karim Sarah Yanis Inès Léa Lucas Thomas Camille Manon Hugo Emma "
    "Aminata Moussa Fatoumata Mamadou Aïcha Ibrahim Mariam Youssef Samira Rachid Kevin Jessica "
    "Sandrine Nathalie Stéphane Christophe Isabelle Sylvie David Julien Marie Sophie Nicolas "
    "Laura Anthony Mélissa Bilal Sofiane Yasmine Rayan Adama Kadiatou Oumar Awa Binta Seydou "
    "Ana João Maria Paulo Linh Minh Thi Wei Mei Rajesh Priya Tharshan Kavitha Mihai Elena "
    "Andreea Olena Dmytro Aylin Emre Zeynep Chantal Jean-Pierre Marcel Josiane Alain Brigitte"
).split()
LAST_NAMES = (  # noqa: SIM905
    "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent "
    "Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Mercier "
    "Diallo Traoré Koné Camara Cissé Diop Sow Ba Touré Keita Coulibaly Sylla Ndiaye Fofana "
    "Benali Haddad Mansouri Belkacem Amrani Bouzid Cherif Hamidi Khelifi Saidi Ziani Meziane "
    "Da-Silva Pereira Ferreira Rodrigues Dos-Santos Oliveira Lopes Nguyen Tran Le Pham Chen "
    "Wang Zhang Li Sivakumar Rajan Popescu Ionescu Kovalenko Yilmaz Kaya Demir Rossi Kowalski"
).split()
CHUNK = 5000


@dataclass
class Report:
    residents: int = 0
    in_qpv: int = 0
    consents: int = 0
    skills: int = 0
    seconds: float = 0.0
    skipped: bool = False
    account_completed: bool = False


def demo_residents():
    """The synthetic residents' accounts (not the demo account ``resident@demo.test``)."""
    return User.objects.filter(role=User.Role.RESIDENT, email__regex=EMAIL_REGEX)


def _quota(rng: random.Random, n: int, weights: dict) -> list:
    """``n`` values in the exact proportions of ``weights`` (largest remainder), shuffled."""
    total = sum(weights.values())
    exact = {value: n * weight / total for value, weight in weights.items()}
    counts = {value: int(share) for value, share in exact.items()}
    left = n - sum(counts.values())
    for value in sorted(exact, key=lambda v: counts[v] - exact[v])[:left]:
        counts[value] += 1
    values = [value for value, count in counts.items() for _ in range(count)]
    rng.shuffle(values)
    return values


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalpha() else " " for c in plain).split())


# --- What residents are drawn from ------------------------------------------------------------


@dataclass
class _Trade:
    code: str  # appellation
    occupation: str  # ROME fiche
    sector: str
    weight: float  # its share of the demo offers
    min_level: int  # the lowest level its offers ask for (0: none)
    permits: tuple[tuple[str, float], ...]


@dataclass
class _Reference:
    communes: dict[str, int]  # territory commune -> population
    qpvs: dict[str, list[str]]  # commune -> its QPV codes
    trades: list[_Trade]
    core: dict[str, list[str]]  # ROME fiche -> core skills

    @classmethod
    def load(cls) -> _Reference:
        territory = Commune.objects.filter(in_territory=True)
        communes = dict(territory.values_list("code_insee", "population"))
        qpvs: dict[str, list[str]] = {}
        for commune, qpv in Commune.qpvs.through.objects.filter(
            commune_id__in=communes
        ).values_list("commune_id", "qpv_id"):
            qpvs.setdefault(commune, []).append(qpv)
        weights: dict[str, float] = {}
        seen: dict[str, tuple] = {}
        for sector in SECTORS:
            profiles = sum(p.weight for p in sector.profiles)
            for profile in sector.profiles:
                trades = sum(w for _t, w in profile.trades)
                for trade, w in profile.trades:
                    share = sector.share * profile.weight / profiles * w / trades
                    weights[trade.appellation] = weights.get(trade.appellation, 0) + share
                    seen.setdefault(trade.appellation, (trade, sector.key))
        fiches = dict(Appellation.objects.filter(pk__in=weights).values_list("pk", "occupation"))
        trades = [
            _Trade(
                code,
                fiches[code],
                seen[code][1],
                weight,
                min((level or 0) for level in seen[code][0].levels),
                seen[code][0].permits,
            )
            for code, weight in sorted(weights.items())
            if code in fiches
        ]
        core: dict[str, list[str]] = {}
        links = OccupationSkill.objects.filter(core=True, occupation_id__in=set(fiches.values()))
        for occupation, skill in links.order_by("occupation_id", "skill_id").values_list(
            "occupation_id", "skill_id"
        ):
            core.setdefault(occupation, []).append(skill)
        return cls(communes, qpvs, trades, core)


def _pick(rng: random.Random, trades: list[_Trade], exclude=()) -> _Trade | None:
    pool = [t for t in trades if t.code not in exclude]
    return rng.choices(pool, weights=[t.weight for t in pool])[0] if pool else None


def _jobs(rng: random.Random, ref: _Reference, level: int, count: int):
    """(sought, past) trades for a resident of ``level``: trades whose offers ask at most a bit
    more than they hold; the extra ones mostly in the sector of the first."""
    fitting = [t for t in ref.trades if t.min_level <= max(level + 1, 3)]
    sought = [_pick(rng, fitting)]
    for _ in range(count - 1):
        same = [t for t in fitting if t.sector == sought[0].sector]
        extra = _pick(rng, same if rng.random() < 0.7 else fitting, {t.code for t in sought})
        if extra is not None:
            sought.append(extra)
    past: list[_Trade] = []
    draw = rng.random()
    if draw < 0.75:  # a quarter never worked in a trade of the list
        past.append(rng.choice(sought) if rng.random() < 0.5 else _pick(rng, ref.trades))
        if draw < 0.2:
            second = _pick(rng, ref.trades, {past[0].code})
            past += [second] if second else []
    return sought, past


def _skills(rng: random.Random, ref: _Reference, sought, past) -> list[str]:
    """Core skills of the fiches done before (most of them) and of those only sought (fewer)."""
    # Lists, not sets: the order of the draws must not depend on string hashing.
    chances = dict.fromkeys([t.occupation for t in sought], KEEP_SOUGHT)
    chances |= dict.fromkeys([t.occupation for t in past], KEEP_PAST)
    held: dict[str, None] = {}
    for occupation, chance in chances.items():
        for skill in ref.core.get(occupation, []):
            if rng.random() < chance:
                held[skill] = None
    return list(held)


def _permits(rng: random.Random, sought, past) -> list[str]:
    asked = {code: chance for t in sought for code, chance in t.permits}
    drivers = asked.get("B", 0) >= 0.5
    held = ["B"] if rng.random() < (DRIVING_B_DRIVERS if drivers else DRIVING_B) else []
    done = {t.code for t in past}
    for trade in sought:
        for code, chance in trade.permits:
            factor = 0.6 if trade.code in done else 0.25
            if code != "B" and code not in held and rng.random() < chance * factor:
                held.append(code)
    if rng.random() < 0.08:
        held.append("SST")
    return held


# --- Writing ----------------------------------------------------------------------------------


def _write(plans: list[dict], password: str) -> tuple[int, int]:
    """Insert one chunk of planned residents: accounts, profiles, jobs, skills, consents."""
    user_ids, profile_ids = ids_reserve(User, len(plans)), ids_reserve(Profile, len(plans))
    users, profiles, consents, sought, past, skills = [], [], [], [], [], []
    for plan, user_id, profile_id in zip(plans, user_ids, profile_ids, strict=True):
        created = plan["created"]
        users.append(User(id=user_id, password=password, date_joined=created, **plan["user"]))
        profiles.append(
            Profile(
                id=profile_id,
                user_id=user_id,
                qpv_asserted_by_id=user_id,
                qpv_asserted_at=created,
                created_at=created,
                updated_at=plan["active"],
                last_activity_at=plan["active"],
                **plan["profile"],
            )
        )
        sought += [(profile_id, t.code) for t in plan["sought"]]
        past += [(profile_id, t.code) for t in plan["past"]]
        skills += [(profile_id, code) for code in plan["skills"]]
        consents += [
            Consent(profile_id=profile_id, kind=kind, given_at=created, given_by_id=user_id)
            for kind in plan["consents"]
        ]
    copy_models(User, users, with_pk=True)
    copy_models(Profile, profiles, with_pk=True)
    for through, rows in ((Profile.sought.through, sought), (Profile.past.through, past)):
        copy_rows(through._meta.db_table, ["profile_id", "appellation_id"], rows)
    copy_rows(Profile.skills.through._meta.db_table, ["profile_id", "skill_id"], skills)
    return copy_models(Consent, consents, with_pk=False), len(skills)


def _plan(count: int, seed: int, ref: _Reference, now: datetime) -> list[dict]:
    """Every resident to create, as field values (no database)."""
    rng = random.Random(seed * 15485863 + 3)  # noqa: S311 (synthetic data, not security)
    communes = _quota(rng, count, ref.communes)
    with_qpv = [i for i, commune in enumerate(communes) if ref.qpvs.get(commune)]
    in_qpv = set(rng.sample(with_qpv, min(len(with_qpv), round(QPV_SHARE * count))))
    levels_qpv = iter(_quota(rng, len(in_qpv), LEVELS_QPV))
    levels_others = iter(_quota(rng, count - len(in_qpv), LEVELS_OTHERS))
    answers = iter(_quota(rng, count - len(in_qpv), QPV_ANSWERS_OTHERS))
    matching = _quota(rng, count, {True: MATCHING, False: 1 - MATCHING})
    visible = _quota(rng, count, {True: VISIBILITY, False: 1 - VISIBILITY})
    commutes, hours = _quota(rng, count, COMMUTES), _quota(rng, count, HOURS)
    contracts, sizes = _quota(rng, count, CONTRACTS), _quota(rng, count, SOUGHT_COUNT)
    steps = [slug for slug in SLUGS if slug != "mon-cv"]
    plans = []
    for i, commune in enumerate(communes):
        qpv = rng.choice(ref.qpvs[commune]) if i in in_qpv else None
        level = next(levels_qpv) if qpv else next(levels_others)
        sought, past = _jobs(rng, ref, level, sizes[i])
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        created = now - timedelta(days=rng.uniform(1, 540))
        age = (now - created).days
        active = now - timedelta(days=rng.uniform(0, min(age, 150)))
        languages = ["fr"] if rng.random() < 0.95 else []
        languages += [code for code, chance in LANGUAGES.items() if rng.random() < chance]
        available = None
        if rng.random() < 0.4:
            available = (now + timedelta(days=rng.randint(1, 90))).date()
        plans.append(
            {
                "user": {
                    "email": f"{_slug(first)}.{_slug(last)}.{i + 1}@{DOMAIN}",
                    "first_name": first,
                    "last_name": last.replace("-", " "),
                    "role": User.Role.RESIDENT,
                },
                "created": created,
                "active": active,
                "profile": {
                    "commune_id": commune,
                    "qpv_answer": Profile.QpvAnswer.QPV if qpv else next(answers),
                    "qpv_id": qpv,
                    "level": level,
                    "permits": _permits(rng, sought, past),
                    "languages": languages or ["fr"],
                    "max_commute": commutes[i],
                    "contracts": list(contracts[i]),
                    "hours": hours[i],
                    "available_from": available,
                    "steps_done": steps,
                    "skills_reviewed": sorted({t.occupation for t in sought + past}),
                },
                "sought": sought,
                "past": past,
                "skills": _skills(rng, ref, sought, past),
                "consents": [Consent.Kind.MATCHING] * matching[i]
                + [Consent.Kind.VISIBILITY] * visible[i],
            }
        )
    return plans


def demo_residents_create(*, count: int, seed: int = 1, now: datetime | None = None) -> Report:
    """Create ``count`` synthetic residents (see the module's docstring), in chunks."""
    now = now or timezone.now()
    ref = _Reference.load()
    if not ref.communes or not ref.trades:
        raise RuntimeError("Référentiel absent : lancez d'abord manage.py load_referentiel.")
    plans = _plan(count, seed, ref, now)
    password = make_password(None)  # one unusable value: nobody logs in as a demo resident
    report = Report(residents=count, in_qpv=sum(1 for p in plans if p["profile"]["qpv_id"]))
    for start in range(0, count, CHUNK):
        consents, skills = _write(plans[start : start + CHUNK], password)
        report.consents += consents
        report.skills += skills
    return report


def demo_residents_delete() -> int:
    """Delete the synthetic residents (their profiles and everything hanging from them)."""
    return delete_by_subquery(demo_residents())


DEMO_ACCOUNT_JOBS = ("10698", "17993")  # agent de service hospitalier, préparateur de commandes


def demo_account_complete(user: User | None) -> bool:
    """Give the demo account ``resident@demo.test`` a complete profile (Orly, seeking agent de
    service hospitalier and préparateur de commandes, consents given) so that the demo shows
    real recommendations; a profile already filled in is left as it is."""
    if user is None:
        return False
    profile, _ = Profile.objects.get_or_create(user=user)
    if profile.commune_id is not None:
        return False
    fiches = Appellation.objects.filter(pk__in=DEMO_ACCOUNT_JOBS).values_list("occupation_id")
    core = list(
        OccupationSkill.objects.filter(occupation_id__in=fiches, core=True)
        .order_by("skill_id")
        .values_list("skill_id", flat=True)
    )
    services.profile_update(
        profile=profile,
        by=user,
        commune=Commune.objects.get(pk="94054"),
        level=3,
        sought=list(DEMO_ACCOUNT_JOBS),
        past=["16361"],  # manutentionnaire
        skills=core[: max(1, len(core) * 3 // 4)],  # a few gaps for the page to show
        permits=["B", "CACES_R489_1A"],
        languages=["fr", "ar"],
        max_commute=45,
        contracts=["CDI", "CDD", "MIS"],
        hours=Hours.ANY,
    )
    services.qpv_declare(profile=profile, by=user, answer=Profile.QpvAnswer.NONE)
    for kind in (Consent.Kind.MATCHING, Consent.Kind.VISIBILITY):
        services.consent_give(profile=profile, kind=kind, by=user)
    Profile.objects.filter(pk=profile.pk).update(steps_done=SLUGS)
    return True


def seed_residents(
    *, count: int = 1500, seed: int = 1, reset: bool = False, account: User | None = None
) -> Report:
    """Seed the synthetic residents; nothing when some exist, unless ``reset`` (then they are
    replaced). ``account`` is the demo resident user, whose profile is completed if empty."""
    started = time.monotonic()
    with transaction.atomic():
        completed = demo_account_complete(account)
        if reset:
            demo_residents_delete()
        elif demo_residents().exists():
            return Report(
                residents=demo_residents().count(), skipped=True, account_completed=completed
            )
        report = demo_residents_create(count=count, seed=seed)
        report.account_completed = completed
    with connection.cursor() as cursor:  # fresh statistics for the planner after a bulk load
        tables = [Profile._meta.db_table, Profile.skills.through._meta.db_table]
        cursor.execute(f"ANALYZE {User._meta.db_table}, {', '.join(tables)}")
    report.seconds = time.monotonic() - started
    return report
