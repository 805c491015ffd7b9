"""Latency of the advisor's caseload page (``/espace-conseiller/``) with 5,000 followed residents.

Starts its own embedded PostgreSQL and Redis (instance "bench-caseload"), creates a fresh
database, migrates it, loads the reference data, seeds synthetic offers (``offers.demo``), then
one validated Mission locale with N followed residents written in bulk and shaped like the
territory: communes by population, ~17 % in a QPV of their commune, qualification skewed low,
trades drawn from the offers' trades (plus a few others), the core skills of those trades with
gaps, commute limits, consents (matching for most; follow-up for all), activity spread over a
year; other structures follow more residents (the page must not read them). A full matching run
(``matching.runs.run_full``) gives current matches; some residents are already referred.

The page is measured in this process with Django's test ``Client`` (the whole stack: middleware,
session, view, SQL, templates; no HTTP socket) with production settings (DEBUG=0), logged in as
the advisor: a mix of the default view (priority sort), page 2, filters (QPV, level, trade,
commune, "a good match not referred", name) and sorts, round-robin over at least 200 requests
after a warm-up. The reference is ``/healthz`` through the same client. Prints p50/p95/p99, the
queries per page and the slowest SQL of the default page with its plan (``--explain``).

    .venv/bin/python bench/caseload.py [--residents 5000] [--others 2000] [--offers 3000]
        [--requests 240] [--seed 1] [--explain] [--keep]

Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vitrine import embedded  # noqa: E402

INSTANCE = "bench-caseload"
DATABASE = "bench_caseload"
TARGET_P95_MS = 300
LEVELS = {0: 12, 1: 3, 2: 5, 3: 38, 4: 20, 5: 9, 6: 5, 7: 2, 8: 1, None: 5}  # % of residents
QPV_SHARE = 0.17
MATCHING_SHARE = 0.9
REFERRED_SHARE = 0.1


def say(text: str) -> None:
    print(text, flush=True)


def fresh_database(url: str) -> str:
    import psycopg2

    parts = urlsplit(url)
    conn = psycopg2.connect(
        host=parts.hostname, port=parts.port, user="postgres", dbname="postgres"
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    conn.close()
    return urlunsplit(parts._replace(path=f"/{DATABASE}"))


def setup_django(database_url: str, redis_url: str, tmp: Path) -> None:
    """Production settings (DEBUG=0) for the test client; static files without a manifest."""
    (tmp / "bench_caseload_settings.py").write_text(
        "from vitrine.settings import *  # noqa: F403\n"
        "STORAGES['staticfiles'] = {'BACKEND': "
        "'django.contrib.staticfiles.storage.StaticFilesStorage'}\n"
        f"STATIC_ROOT = {str(tmp / 'static')!r}\n"
    )
    (tmp / "static").mkdir(exist_ok=True)
    sys.path.insert(0, str(tmp))
    os.environ.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        EMAIL_URL="locmem://",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="bench_caseload_settings",
    )
    import django

    django.setup()


def timed(label: str, action):
    started = time.monotonic()
    result = action()
    say(f"  {label} : {time.monotonic() - started:.1f} s")
    return result


# --- Seeding ----------------------------------------------------------------------------------


def _weighted(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def seed_residents(*, structure, count: int, rng: random.Random, prefix: str) -> list[int]:
    """``count`` residents followed by ``structure``, in bulk; returns their profile ids."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.db.models import Count
    from django.utils import timezone

    from accounts.models import User
    from offers.models import Offer
    from referentiel.models import Appellation, Commune, OccupationSkill
    from residents.models import Consent, Profile

    communes = list(Commune.objects.filter(in_territory=True).prefetch_related("qpvs"))
    population = {c: max(c.population or 1, 1) for c in communes}
    with_qpv = [c for c in communes if c.qpvs.all()]
    trades = dict(
        Offer.objects.values("appellation_id")
        .annotate(n=Count("pk"))
        .values_list("appellation_id", "n")
    )
    others = list(Appellation.objects.order_by("?").values_list("pk", flat=True)[:300])
    occupation_of = dict(Appellation.objects.values_list("pk", "occupation_id"))
    core: dict[str, list[str]] = {}
    for occupation, skill in OccupationSkill.objects.filter(core=True).values_list(
        "occupation_id", "skill_id"
    ):
        core.setdefault(occupation, []).append(skill)
    now = timezone.now()
    unusable = make_password(None)
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(
                    email=f"{prefix}{i}@bench.test",
                    first_name=rng.choice(["Amina", "Bilal", "Chloé", "Dylan", "Fatou", "Inès",
                                           "Karim", "Léa", "Moussa", "Nadia", "Rayan", "Sarah"]),
                    last_name=f"{prefix.capitalize()}{i:05d}",
                    role=User.Role.RESIDENT,
                    password=unusable,
                )
                for i in range(count)
            ],
            batch_size=2000,
        )  # fmt: skip
        profiles = []
        for user in users:
            if rng.random() < QPV_SHARE:
                commune = rng.choice(with_qpv)
                qpv = rng.choice(list(commune.qpvs.all()))
            else:
                commune, qpv = _weighted(rng, population), None
            profiles.append(
                Profile(
                    user=user,
                    commune=commune,
                    qpv=qpv,
                    qpv_answer="qpv" if qpv else rng.choice(["none", "none", "unknown", ""]),
                    qpv_verified=bool(qpv) and rng.random() < 0.5,
                    level=_weighted(rng, LEVELS),
                    max_commute=rng.choice([20, 30, 45, 45, 60, 90]),
                    permits=["B"] if rng.random() < 0.4 else [],
                    last_activity_at=now - timedelta(days=rng.randint(0, 400)),
                )
            )
        profiles = Profile.objects.bulk_create(profiles, batch_size=2000)
        sought, skills, consents = [], [], []
        for profile in profiles:
            jobs = {_weighted(rng, trades) for _ in range(rng.choice([1, 1, 2, 3]))}
            if rng.random() < 0.15:
                jobs.add(rng.choice(others))
            owned = set()
            for job in jobs:
                sought.append(Profile.sought.through(profile_id=profile.pk, appellation_id=job))
                owned |= {s for s in core.get(occupation_of[job], []) if rng.random() < 0.7}
            skills += [Profile.skills.through(profile_id=profile.pk, skill_id=s) for s in owned]
            given = now - timedelta(days=rng.randint(0, 700))
            consents.append(
                Consent(profile=profile, kind="followup", structure=structure, given_at=given)
            )
            if rng.random() < MATCHING_SHARE:
                consents.append(Consent(profile=profile, kind="matching", given_at=given))
        Profile.sought.through.objects.bulk_create(sought, batch_size=5000)
        Profile.skills.through.objects.bulk_create(skills, batch_size=5000)
        Consent.objects.bulk_create(consents, batch_size=5000)
    return [p.pk for p in profiles]


def seed_world(args, rng: random.Random):
    from django.utils import timezone

    from accounts.models import Membership, Organisation, User
    from offers.demo import demo_seed

    report = timed(
        f"{args.offers} offres fictives (offers.demo)",
        lambda: demo_seed(employers=max(60, args.offers // 40), offers=args.offers, seed=args.seed),
    )
    say(f"    {report.offers} offres, {report.employers} employeurs")
    structure = Organisation.objects.create(
        kind=Organisation.Kind.STRUCTURE,
        name="Mission locale du banc d'essai",
        structure_kind=Organisation.StructureKind.MISSION_LOCALE,
        validated_at=timezone.now(),
    )
    other = Organisation.objects.create(
        kind=Organisation.Kind.STRUCTURE,
        name="PLIE du banc d'essai",
        structure_kind=Organisation.StructureKind.PLIE,
        validated_at=timezone.now(),
    )
    advisor = User.objects.create_user(
        email="conseil@bench.test", password=None, first_name="Nadia", last_name="Conseil",
        role=User.Role.ADVISOR,
    )  # fmt: skip
    Membership.objects.create(user=advisor, organisation=structure, role="admin")
    ids = timed(
        f"{args.residents} personnes suivies",
        lambda: seed_residents(structure=structure, count=args.residents, rng=rng, prefix="ml"),
    )
    if args.others:
        timed(
            f"{args.others} personnes suivies par une autre structure",
            lambda: seed_residents(structure=other, count=args.others, rng=rng, prefix="plie"),
        )
    return structure, advisor, ids


def seed_referrals(structure, advisor, ids: list[int], rng: random.Random) -> int:
    """Referrals (sent) of some residents to one of their matched offers."""
    from django.utils import timezone

    from matching.models import Match, Run
    from referrals.models import Referral

    run = Run.current()
    chosen = rng.sample(ids, int(len(ids) * REFERRED_SHARE))
    best = {}
    for profile_id, user_id, offer_id in (
        Match.objects.filter(run=run, profile_id__in=chosen, for_resident=True)
        .order_by("profile_id", "-score")
        .values_list("profile_id", "profile__user_id", "offer_id")
    ):
        best.setdefault(profile_id, (user_id, offer_id))
    now = timezone.now()
    rows = [
        Referral(
            structure=structure, advisor=advisor, resident_id=user_id, offer_id=offer_id,
            status="sent", sent_at=now, message="Banc d'essai",
        )
        for user_id, offer_id in best.values()
    ]  # fmt: skip
    Referral.objects.bulk_create(rows)
    return len(rows)


# --- Measuring --------------------------------------------------------------------------------


def urls(structure) -> list[tuple[str, str]]:
    from advisors.selectors import caseload_choices

    choices = caseload_choices(structure=structure)
    trade = choices["occupations"][0][0] if choices["occupations"] else ""
    return [
        ("défaut (priorité)", "/espace-conseiller/"),
        ("page 2", "/espace-conseiller/?page=2"),
        ("page 40", "/espace-conseiller/?page=40"),
        ("QPV", "/espace-conseiller/?qpv=oui"),
        ("à orienter", "/espace-conseiller/?a_orienter=on"),
        ("bas niveau, tri score", "/espace-conseiller/?niveau=bas&tri=score"),
        ("métier", f"/espace-conseiller/?metier={trade}"),
        ("commune, inactifs, tri activité",
         "/espace-conseiller/?commune=94054&activite=90&tri=activite"),
        ("nom", "/espace-conseiller/?q=ml0042"),
        ("QPV à confirmer, tri nom", "/espace-conseiller/?qpv=a_confirmer&tri=nom"),
    ]  # fmt: skip


def measure(client, paths: list[str], total: int) -> tuple[list[float], dict[str, list[float]]]:
    per: dict[str, list[float]] = {path: [] for path in paths}
    times = []
    for i in range(total):
        path = paths[i % len(paths)]
        started = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path} a répondu {response.status_code}")
        times.append(elapsed)
        per[path].append(elapsed)
    return times, per


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def queries_of(client, path: str) -> list[tuple[str, float]]:
    from django.db import connection

    calls: list[tuple[str, float]] = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            calls.append((sql, (time.perf_counter() - started) * 1000, params))

    with connection.execute_wrapper(record):
        client.get(path)
    return calls


def explain(sql: str, params) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, params)
        return "\n".join("    " + row[0] for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--residents", type=int, default=5000)
    parser.add_argument("--others", type=int, default=2000, help="suivis par une autre structure")
    parser.add_argument("--offers", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=240, help="au moins 200")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--explain", action="store_true", help="plan de la requête la plus lente")
    parser.add_argument("--keep", action="store_true", help="laisser les serveurs embarqués")
    args = parser.parse_args()
    args.requests = max(200, args.requests)
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="vitrine-bench-caseload-"))
    try:
        say(f"Services embarqués (instance {INSTANCE})")
        database_url = fresh_database(embedded.postgres_start(INSTANCE))
        redis_url = embedded.redis_start(INSTANCE)
        setup_django(database_url, redis_url, tmp)
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from matching import runs

        say("Préparation de la base")
        timed("migrate", lambda: call_command("migrate", "--noinput", verbosity=0))
        timed("load_referentiel", lambda: call_command("load_referentiel", verbosity=0))
        structure, advisor, ids = seed_world(args, rng)
        run = timed("calcul complet des correspondances (run_full)", runs.run_full)
        say(f"    {run.rows} correspondances, {run.residents} personnes, {run.offers} offres")
        referred = timed("orientations", lambda: seed_referrals(structure, advisor, ids, rng))
        say(f"    {referred} personnes déjà orientées")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

        client = Client()
        client.force_login(advisor)
        mix = urls(structure)
        paths = [path for _label, path in mix]
        for path in paths * 2:  # warm-up: caches, connections, templates (not measured)
            client.get(path)
        client.get("/healthz")
        say(
            f"\nMesure : {args.requests} requêtes, client de test Django dans ce processus "
            f"(DEBUG=0, pile complète sans socket HTTP), {len(paths)} URL en alternance"
        )
        times, per = measure(client, paths, args.requests)
        reference, _ = measure(client, ["/healthz"], 200)
        say(f"{'URL':<34} {'p50':>8} {'p95':>8}  requêtes SQL")
        for label, path in mix:
            sql = len(queries_of(client, path))
            say(f"{label:<34} {pct(per[path], 50):7.1f} {pct(per[path], 95):7.1f}   {sql}")
        p50, p95, p99 = pct(times, 50), pct(times, 95), pct(times, 99)
        ref95 = pct(reference, 95)
        say(
            f"\ncaseload ({args.residents} personnes) : p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
            f"p99 {p99:.1f} ms, moyenne {statistics.mean(times):.1f} ms ; /healthz p95 "
            f"{ref95:.1f} ms ({p95 / ref95:.1f} x) ; objectif p95 < {TARGET_P95_MS} ms : "
            f"{'atteint' if p95 < TARGET_P95_MS else 'MANQUÉ'}"
        )
        default = queries_of(client, "/espace-conseiller/")
        sql_ms = sum(ms for _sql, ms, _p in default)
        say(f"page par défaut : {len(default)} requêtes SQL, {sql_ms:.1f} ms de SQL")
        for sql, ms, _params in sorted(default, key=lambda c: -c[1])[:4]:
            say(f"  {ms:7.2f} ms  {sql[:140]}")
        if args.explain:
            slowest = max(default, key=lambda c: c[1])
            say("EXPLAIN ANALYZE de la plus lente :\n" + explain(slowest[0], slowest[2]))
        result = {
            "bench": "caseload",
            "residents": args.residents,
            "other_residents": args.others,
            "offers": args.offers,
            "matches": run.rows,
            "referred": referred,
            "requests": len(times),
            "client": "django.test.Client in-process, DEBUG=0",
            "p50_ms": round(p50, 1),
            "p95_ms": round(p95, 1),
            "p99_ms": round(p99, 1),
            "reference_p95_ms": round(ref95, 1),
            "ratio": round(p95 / ref95, 1),
            "queries_per_page": len(default),
            "target_p95_ms": TARGET_P95_MS,
            "met": p95 < TARGET_P95_MS,
        }
        connection.close()
    finally:
        if not args.keep:
            embedded.postgres_stop(INSTANCE)
            embedded.redis_stop(INSTANCE)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
