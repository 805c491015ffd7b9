"""Latency of the observatory's pages at the territory's size: 60,000 residents, 20,000 offers,
200,000 applications (and 20,000 referrals, clause hours, a run of 1.2 million matches).

Starts its own embedded PostgreSQL and Redis (instance "bench-observatory"), creates a fresh
database, migrates it, loads the reference data and generates the data in bulk
(``bench/support/observatory_data.py``: numpy draws COPied into staging tables, then
INSERT … SELECT).
Then, through Django's test client in this process (production settings, DEBUG off), a staff
member opens every observatory page, without filters (the last 12 months, the whole territory)
and with filters (6 months, one commune), and the public figures page:

- cold: the observatory's cache emptied before each request (``--cold`` rounds per page): the
  cost of computing the figures in PostgreSQL;
- warm: ``--requests`` requests per page once cached, as staff see them.

Prints p50/p95 per page, cold and warm, and as its last line one JSON object. The reference
measured in the same run is a trivial view of the same stack (``/healthz``).

    .venv/bin/python bench/observatory.py [--residents 60000] [--offers 20000]
        [--applications 200000] [--requests 200] [--cold 5] [--seed 1] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from vitrine import embedded  # noqa: E402

INSTANCE = "bench-observatory"
DATABASE = "bench_observatory"
TARGET_P95_MS = 300
FILTERED = "debut={start}&fin={end}&commune=94081"  # six months, Vitry-sur-Seine


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


def configure(database_url: str, redis_url: str, tmp: Path) -> None:
    """Production settings (DEBUG off) for the test client; plain static files storage."""
    (tmp / "bench_observatory_settings.py").write_text(
        "from vitrine.settings import *  # noqa: F403\n"
        "STORAGES['staticfiles'] = "
        "{'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}\n"
        "LOGGING['root']['level'] = 'WARNING'\n"
    )
    sys.path.insert(0, str(tmp))
    os.environ.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver,127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        EMAIL_URL="locmem://",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="bench_observatory_settings",
    )
    warnings.filterwarnings("ignore", message="No directory at")  # no collected static files
    import django

    django.setup()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def timed(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} a répondu {response.status_code}")
    return elapsed


def targets() -> list[tuple[str, str]]:
    from observatory.filters import Filters, add_months
    from observatory.pages import PAGES

    default = Filters.default()
    last = add_months(default.end, -1)
    query = FILTERED.format(start=f"{add_months(last, -5):%Y-%m}", end=f"{last:%Y-%m}")
    out = [("accueil équipe", "/espace-equipe/")]
    for slug in PAGES:
        out.append((slug, f"/espace-equipe/observatoire/{slug}/"))
        out.append((f"{slug} (filtres)", f"/espace-equipe/observatoire/{slug}/?{query}"))
    out.append(("offres CSV", f"/espace-equipe/observatoire/offres/?{query}&format=csv&table=mois"))
    out.append(("chiffres publics", "/chiffres/"))
    return out


def measure(requests: int, cold_rounds: int) -> dict:
    from django.core.cache import cache
    from django.test import Client

    from accounts.models import User

    staff = User.objects.create_user(
        "equipe@bench.test", first_name="Équipe", last_name="Bench", role="staff", is_staff=True
    )
    client = Client()
    client.force_login(staff)
    results = {}
    for name, url in targets():
        cold = []
        for _ in range(cold_rounds):
            cache.clear()
            client.force_login(staff)  # the session lived in the cache too
            cold.append(timed(client, url))
        warm = [timed(client, url) for _ in range(requests)]
        results[name] = {
            "url": url,
            "cold_p50": statistics.median(cold),
            "cold_max": max(cold),
            "warm_p50": statistics.median(warm),
            "warm_p95": percentile(warm, 95),
            "warm": warm,
        }
        figures = results[name]
        say(
            f"  {name:<28} froid p50 {figures['cold_p50']:8.1f} ms  max "
            f"{figures['cold_max']:8.1f} ms   chaud p50 {figures['warm_p50']:6.1f} ms  "
            f"p95 {figures['warm_p95']:6.1f} ms"
        )
    reference = [timed(client, "/healthz") for _ in range(requests)]
    results["/healthz (référence)"] = {"warm_p50": statistics.median(reference),
                                       "warm_p95": percentile(reference, 95)}  # fmt: skip
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--residents", type=int, default=60000)
    parser.add_argument("--offers", type=int, default=20000)
    parser.add_argument("--applications", type=int, default=200000)
    parser.add_argument("--requests", type=int, default=200, help="requêtes à chaud par page")
    parser.add_argument("--cold", type=int, default=5, help="requêtes à froid par page")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="laisser les serveurs tourner")
    args = parser.parse_args()

    say(f"Serveurs embarqués (instance {INSTANCE})…")
    database_url = fresh_database(embedded.postgres_start(INSTANCE))
    redis_url = embedded.redis_start(INSTANCE)
    try:
        with tempfile.TemporaryDirectory() as folder:
            configure(database_url, redis_url, Path(folder))
            from django.core.cache import cache
            from django.core.management import call_command

            started = time.monotonic()
            call_command("migrate", verbosity=0)
            call_command("load_referentiel", stdout=open(os.devnull, "w"))  # noqa: SIM115
            cache.clear()
            loaded = time.monotonic() - started
            say(f"Base migrée et données de référence chargées en {loaded:.1f} s")
            say(
                f"Génération : {args.residents} habitants, {args.offers} offres, "
                f"{args.applications} candidatures…"
            )
            from support import observatory_data

            counts = observatory_data.generate(
                residents_n=args.residents,
                offers_n=args.offers,
                applications_n=args.applications,
                seed=args.seed,
            )
            say(f"Mesures : {args.cold} requêtes à froid puis {args.requests} à chaud par page")
            results = measure(args.requests, args.cold)
    finally:
        if not args.keep:
            embedded.postgres_stop(INSTANCE)
            embedded.redis_stop(INSTANCE)
    pages = {k: v for k, v in results.items() if "warm" in v}
    warm = [ms for v in pages.values() for ms in v["warm"]]
    cold = [v["cold_max"] for v in pages.values()]
    worst = max(pages, key=lambda k: pages[k]["warm_p95"])
    coldest = max(pages, key=lambda k: pages[k]["cold_max"])
    reference = results["/healthz (référence)"]
    p95 = percentile(warm, 95)
    say(
        f"\nÀ chaud, toutes pages : p50 {statistics.median(warm):.1f} ms, p95 {p95:.1f} ms "
        f"sur {len(warm)} requêtes (cible < {TARGET_P95_MS} ms) ; la pire : {worst} "
        f"(p95 {pages[worst]['warm_p95']:.1f} ms)."
    )
    say(
        f"À froid (figures calculées dans PostgreSQL) : la plus lente {coldest} "
        f"({pages[coldest]['cold_max']:.0f} ms) ; médiane des pires {statistics.median(cold):.0f}"
        f" ms. Référence /healthz : p95 {reference['warm_p95']:.1f} ms (pages à chaud : "
        f"{p95 / reference['warm_p95']:.1f} fois)."
    )
    summary = {
        "bench": "observatory",
        "p95_ms": round(p95, 1),
        "p50_ms": round(statistics.median(warm), 1),
        "target_p95_ms": TARGET_P95_MS,
        "ok": p95 < TARGET_P95_MS,
        "requests": len(warm),
        "cold_max_ms": round(pages[coldest]["cold_max"], 1),
        "cold_slowest_page": coldest,
        "reference_p95_ms": round(reference["warm_p95"], 1),
        "ratio_to_reference": round(p95 / reference["warm_p95"], 1),
        "residents": counts.get("residents"),
        "offers": counts.get("offers"),
        "applications": counts.get("applications"),
        "referrals": counts.get("referrals"),
        "matches": counts.get("matches"),
        "pages": {
            name: {
                "warm_p50_ms": round(v["warm_p50"], 1),
                "warm_p95_ms": round(v["warm_p95"], 1),
                "cold_p50_ms": round(v["cold_p50"], 1),
            }
            for name, v in pages.items()
        },
    }
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
