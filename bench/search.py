"""Latency of the offer search under concurrent load: the /offres/ page, the offers API, and a
trivial view of the same stack (/healthz) as the reference, in one run.

Starts its own embedded PostgreSQL and Redis (instance "bench-search"), creates a fresh database,
migrates it, loads the reference data, seeds N synthetic offers (``seed_demo``, offers.demo),
collects the static files into a temporary folder and serves the project with gunicorn in
production mode (DEBUG=0, HTTPS redirects off since the bench speaks plain HTTP to 127.0.0.1).
Then wrk, with K connections for S seconds per target, rotates through a realistic mix of URLs
(keywords, misspellings, commune with radius or commute time, contracts, other filters, page 2,
sorts): every URL is checked to answer 200 first. Latencies are wrk's, per request, from send to
last byte, over every request of the run (closed loop: K clients each waiting for its answer).

Anonymous search pages are cached for five minutes (offers/cache.py), as visitors get them: the
"search" figures are those of the cached pages (every URL of the mix is fetched once just before
its measure). "search_uncached"
adds to every URL a parameter the page ignores, so that no cached page ever answers: what a
never-seen search costs (the facet counts, cached per criteria, still help there).

If /api/v1/offers/ is missing (404), /api/v1/appellations/?q=… stands in for it and the output
says so. ``--explain`` adds, for a few typical searches, the time of each SQL query the search
makes and its EXPLAIN ANALYZE. gunicorn and the embedded servers are stopped at the end.

    .venv/bin/python bench/search.py [--offers 20000] [--clients 16] [--seconds 20]
        [--workers 4] [--threads 1] [--wrk-threads 1] [--explain]

Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vitrine import embedded  # noqa: E402

INSTANCE = "bench-search"
DATABASE = "bench_search"
BIN = Path(sys.executable).parent
TARGET_P95_MS = 100
TARGET_RATIO = 3

KEYWORDS = [
    "cariste", "préparateur de commandes", "aide-soignant", "aide soignante", "agent de sécurité",
    "chauffeur livreur", "vendeuse", "cuisinier", "plongeur", "maçon", "électricien",
    "infirmier", "agent d'entretien", "manutentionnaire", "conducteur de bus", "soudeur",
    "hôtesse de caisse", "caces", "nuit", "rungis", "ménage", "intérim", "aéroport",
    "logistique", "aide à domicile", "garde d'enfant", "serveur", "magasinier", "agent de piste",
    "coffreur", "boucher", "ASH", "propreté", "grand paris express",
]  # fmt: skip
MISSPELLED = [
    "carriste", "preparateur de comande", "aide soigant", "agent de securiter",
    "manutentionaire", "chaufeur livreur", "magasiner", "cuisinié", "electricien batiment",
    "infirmiere", "plongeuse", "securite", "menage bureaux", "hotesse de caise", "soudeure",
]  # fmt: skip
DOMAINS = ["N", "J", "K", "F", "D", "G", "H"]


def say(text: str) -> None:
    print(text, flush=True)


# --- The mix of requests ----------------------------------------------------------------------


def search_queries(communes: list[str], count: int, seed: int) -> list[str]:
    """Query strings of /offres/ as people use it: what, where, which contract, which page."""
    rng = random.Random(seed)
    queries: list[str] = []
    seen: set[str] = set()
    while len(queries) < count:
        params: list[tuple[str, str]] = []
        draw = rng.random()
        if draw < 0.55:
            params.append(("q", rng.choice(KEYWORDS)))
        elif draw < 0.75:
            params.append(("q", rng.choice(MISSPELLED)))
        if rng.random() < 0.45:
            params.append(("commune", rng.choice(communes)))
            if rng.random() < 0.5:
                params.append(("rayon", str(rng.choice([5, 10, 10, 20]))))
            else:
                params.append(("trajet", str(rng.choice([30, 45, 60]))))
            if rng.random() < 0.15:
                params.append(("tri", "distance"))
        if rng.random() < 0.25:
            for contract in rng.sample(["CDI", "CDD", "MIS"], rng.choice([1, 1, 2])):
                params.append(("contrat", contract))
        if rng.random() < 0.1:
            params.append(("temps", "part"))
        if rng.random() < 0.1:
            params.append(("niveau", "3"))
        if rng.random() < 0.05:
            params.append(("clause", "on"))
        if rng.random() < 0.1:
            params.append(("depuis", "7"))
        if rng.random() < 0.08:
            params.append(("domaine", rng.choice(DOMAINS)))
        if rng.random() < 0.1:
            params.append(("tri", "date"))
        if rng.random() < 0.15:
            params.append(("page", rng.choice(["2", "2", "3"])))
        query = urlencode(params)
        if query not in seen:
            seen.add(query)
            queries.append(query)
    return queries


def check(base: str, paths: list[str], workers: int) -> tuple[list[str], Counter]:
    """The paths that answer 200 (each fetched once, which also warms the server up)."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        statuses = list(pool.map(lambda path: fetch(base + path)[0], paths))
    kept = [path for path, status in zip(paths, statuses, strict=True) if status == 200]
    return kept, Counter(statuses)


def fetch(url: str, timeout: float = 30) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (localhost)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except OSError:
        return 0, b""


# --- wrk --------------------------------------------------------------------------------------

LUA = """
local paths = {%s}
local unique = %s
local counter = 0
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  counter = (id or 0) * 7919
end
function request()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  if unique then
    -- A parameter the page ignores makes every URL new: no cached page is ever served.
    local sep = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. sep .. "nc=" .. (id or 0) .. "-" .. counter
  end
  return wrk.format("GET", path)
end
function done(summary, latency, requests)
  io.write(string.format(
    "WRK {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"p50\\": %%d, \\"p90\\": %%d, "
    .. "\\"p95\\": %%d, \\"p99\\": %%d, \\"max\\": %%d, \\"connect\\": %%d, \\"read\\": %%d, "
    .. "\\"write\\": %%d, \\"status\\": %%d, \\"timeout\\": %%d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
end
"""


def wrk(
    base: str,
    paths: list[str],
    *,
    clients: int,
    seconds: int,
    threads: int,
    tmp: Path,
    unique: bool = False,
):
    """Run wrk on ``paths`` in rotation; return its figures (latencies in ms).

    ``unique`` makes every request's URL new, so that no cached page answers it.
    """
    script = tmp / "rotate.lua"
    listed = ", ".join(f"[==[{path}]==]" for path in paths)
    script.write_text(LUA % (listed, "true" if unique else "false"))
    command = ["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{seconds}s"]
    # A long timeout: a slow answer is measured, not dropped from the statistics.
    command += ["--timeout", "60s", "-s", str(script), base]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next(x for x in result.stdout.splitlines() if x.startswith("WRK "))
    raw = json.loads(line[4:])
    errors = sum(raw[k] for k in ("connect", "read", "write", "status", "timeout"))
    answered = raw["requests"] - raw["timeout"] > 0
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        **{k: raw[k] / 1000 if answered else None for k in ("p50", "p90", "p95", "p99", "max")},
        "errors": errors,
        "error_detail": {k: raw[k] for k in ("connect", "read", "write", "status", "timeout")},
    }


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("wrk manque : apt-get install wrk")
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-q", "wrk"]
        if subprocess.run(install, env=env, check=False, **quiet).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], env=env, check=False, **quiet)
            subprocess.run(install, env=env, check=True, **quiet)
    if not shutil.which("wrk"):
        raise SystemExit("wrk est introuvable : installez-le (apt-get install wrk).")


# --- The stack --------------------------------------------------------------------------------


def fresh_database(url: str) -> str:
    """Drop and create the bench's own database on the embedded server; return its URL."""
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


def environment(database_url: str, redis_url: str, tmp: Path) -> dict[str, str]:
    """Production settings (DEBUG=0) for plain HTTP on 127.0.0.1, static files in ``tmp``."""
    (tmp / "bench_settings.py").write_text(
        f"from vitrine.settings import *  # noqa: F403\nSTATIC_ROOT = {str(tmp / 'static')!r}\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        EMAIL_URL="locmem://",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=os.pathsep.join([str(tmp), str(ROOT)]),
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} a échoué :\n{result.stderr[-3000:]}")
    say(f"  manage.py {' '.join(args)}: {time.monotonic() - started:.1f} s")
    return result.stdout


def vacuum(database_url: str) -> None:
    import psycopg2

    conn = psycopg2.connect(database_url.replace("postgres://", "postgresql://", 1))
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    conn.close()


def start_gunicorn(env, port: int, workers: int, threads: int, log: Path) -> subprocess.Popen:
    command = [str(BIN / "gunicorn"), "vitrine.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--threads", str(threads), "--timeout", "60"]
    command += ["--log-level", "warning", "--error-logfile", str(log)]
    with open(log, "a") as output:  # warnings of 404s (API pages past the last) go there too
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=output, start_new_session=True
        )
    deadline = time.monotonic() + 60
    while fetch(f"http://127.0.0.1:{port}/healthz", timeout=2)[0] != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"gunicorn ne répond pas ; voir {log}:\n{log.read_text()[-2000:]}")
        time.sleep(0.2)
    return process


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- Profile of the search queries (--explain) ------------------------------------------------

EXPLAINED = [
    ("mot-clé", "q=cariste"),
    ("faute de frappe", "q=preparateur+de+comande"),
    ("commune + rayon", "q=aide-soignant&commune=94076&rayon=10"),
    ("trajet + contrat, page 2", "commune=94054&trajet=45&contrat=CDI&page=2"),
    ("sans filtre", ""),
]


def explain(env: dict[str, str]) -> dict:
    """Per-query SQL time of a few searches through the real view, and their plans."""
    os.environ.update(env)
    sys.path.insert(0, env["PYTHONPATH"].split(os.pathsep)[0])
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client, summary = Client(), {}
    for label, query in EXPLAINED:
        calls: list[tuple[str, tuple, float]] = []

        def record(execute, sql, params, many, context, calls=calls):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                calls.append((sql, params, (time.perf_counter() - started) * 1000))

        runs = []
        for _ in range(15):
            calls.clear()
            started = time.perf_counter()
            with connection.execute_wrapper(record):
                response = client.get(f"/offres/?{query}")
            total = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, response.status_code
            runs.append((total, list(calls)))
        total, captured = sorted(runs, key=lambda run: run[0])[len(runs) // 2]
        sql_ms = sum(ms for _sql, _params, ms in captured)
        say(f"\n--- /offres/?{query}  ({label})")
        say(
            f"vue complète (médiane de 15, en processus) : {total:.1f} ms, dont SQL "
            f"{sql_ms:.1f} ms en {len(captured)} requêtes ; le reste (Python, gabarits) "
            f"{total - sql_ms:.1f} ms"
        )
        for sql, _params, ms in sorted(captured, key=lambda c: -c[2]):
            say(f"  {ms:7.2f} ms  {sql[:150]}")
        slowest = max(captured, key=lambda c: c[2])
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + slowest[0], slowest[1])
            plan = "\n".join("    " + row[0] for row in cursor.fetchall())
        say(f"  EXPLAIN ANALYZE de la plus lente :\n{plan}")
        summary[label] = {"view_ms": round(total, 1), "sql_ms": round(sql_ms, 1)}
    return summary


# --- Main -------------------------------------------------------------------------------------


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def report(name: str, path: str, figures: dict) -> None:
    def ms(key: str) -> str:
        value = figures[key]
        return "      —" if value is None else f"{value:7.1f}"

    say(
        f"{name:<15} {path:<28} p50 {ms('p50')} ms  p95 {ms('p95')} ms  p99 {ms('p99')} ms  "
        f"{figures['rps']:7.1f} req/s  ({figures['requests']} réponses, "
        f"{figures['errors']} erreurs)"
    )
    if figures["errors"]:
        say(f"         erreurs : {figures['error_detail']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--offers", type=int, default=20000)
    parser.add_argument("--employers", type=int, default=None, help="défaut : offres / 40")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4, help="processus gunicorn")
    parser.add_argument("--threads", type=int, default=1, help="fils par processus (gthread)")
    parser.add_argument("--wrk-threads", type=int, default=1)
    parser.add_argument("--urls", type=int, default=200, help="URL différentes par cible")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    employers = args.employers or max(60, args.offers // 40)
    ensure_wrk()

    tmp = Path(tempfile.mkdtemp(prefix="vitrine-bench-search-"))
    server = None
    try:
        say(f"Services embarqués (instance {INSTANCE})")
        database_url = fresh_database(embedded.postgres_start(INSTANCE))
        redis_url = embedded.redis_start(INSTANCE)
        env = environment(database_url, redis_url, tmp)
        say("Préparation de la base")
        manage(env, "migrate", "--noinput")
        manage(env, "load_referentiel")
        started = time.monotonic()
        seeded = manage(
            env, "seed_demo", "--offers", str(args.offers), "--employers", str(employers),
            "--seed", str(args.seed),
        )  # fmt: skip
        seed_s = time.monotonic() - started
        say("    " + seeded.strip().replace("\n", "\n    "))
        manage(env, "collectstatic", "--noinput", "-v", "0")
        vacuum(database_url)

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        kind = f"{args.workers} workers" + (
            f" x {args.threads} threads (gthread)" if args.threads > 1 else " (sync)"
        )
        say(f"gunicorn : {kind}, DEBUG=0, sur {base}")
        server = start_gunicorn(env, port, args.workers, args.threads, tmp / "gunicorn.log")

        communes = [
            "94065", "94054", "94021", "94076", "94081", "94041", "94073", "94022", "91027",
            "91479", "94043", "94016", "94003", "94078", "91589", "94038",
        ]  # fmt: skip
        queries = search_queries(communes, args.urls, args.seed)
        workers = args.workers * args.threads
        search_paths, search_status = check(base, [f"/offres/?{q}" for q in queries], workers)
        api_note = ""
        api_status = fetch(base + "/api/v1/offers/")[0]
        if api_status == 200:
            api_name = "/api/v1/offers/"
            api_paths, api_checked = check(base, [f"/api/v1/offers/?{q}" for q in queries], workers)
        else:
            api_name = "/api/v1/appellations/?q="
            api_note = (
                f"/api/v1/offers/ répond {api_status} : l'API des offres est mesurée par "
                "/api/v1/appellations/?q=… en attendant (même pile, DRF)."
            )
            words = sorted(set(KEYWORDS + MISSPELLED))
            api_paths, api_checked = check(
                base, [f"/api/v1/appellations/?{urlencode({'q': w})}" for w in words], workers
            )
        trivial_paths = ["/healthz"]
        say(
            f"URL vérifiées (200) : recherche {len(search_paths)}/{len(queries)} "
            f"{dict(search_status)}, API {len(api_paths)} {dict(api_checked)}"
        )
        if api_note:
            say("NOTE : " + api_note)
        if not search_paths or not api_paths:
            raise SystemExit("Aucune URL ne répond 200 : voir " + str(tmp / "gunicorn.log"))

        load = os.getloadavg()
        say(
            f"\nCharge : {args.clients} clients (wrk, {args.wrk_threads} fil), {args.seconds} s "
            f"par cible ; {os.cpu_count()} cœurs partagés avec le serveur et PostgreSQL ; "
            f"charge moyenne avant : {load[0]:.2f}"
        )
        figures = {}
        options = {"clients": args.clients, "threads": args.wrk_threads, "tmp": tmp}
        for name, paths, label, unique in (
            ("trivial", trivial_paths, "/healthz", False),
            ("search", search_paths, "/offres/?…", False),
            ("search_uncached", search_paths, "/offres/?…&nc=unique", True),
            ("api", api_paths, api_name + ("…" if api_status == 200 else ""), False),
        ):
            # Warm every worker up (not measured); with ``unique`` the page cache stays cold.
            if not unique:
                check(base, paths, workers)  # every page of the mix in the one-minute cache
            wrk(base, paths, seconds=3, unique=unique, **options)
            figures[name] = wrk(base, paths, seconds=args.seconds, unique=unique, **options)
            report(name, label, figures[name])

        search_p95, trivial_p95 = figures["search"]["p95"], figures["trivial"]["p95"]
        ratio = search_p95 / trivial_p95 if search_p95 and trivial_p95 else None
        met = ratio is not None and search_p95 <= TARGET_P95_MS and ratio <= TARGET_RATIO
        say(
            f"\nrecherche p95 = {search_p95 or float('nan'):.1f} ms "
            f"(objectif ≤ {TARGET_P95_MS} ms) ; {ratio or float('nan'):.1f} x le p95 de "
            f"/healthz (objectif ≤ {TARGET_RATIO} x) : {'atteint' if met else 'MANQUÉ'}"
        )
        if api_note:
            say("NOTE : " + api_note)
        stop(server)
        server = None
        profile = explain(env) if args.explain else None
        result = {
            "bench": "search",
            "offers": args.offers,
            "employers": employers,
            "clients": args.clients,
            "seconds": args.seconds,
            "workers": args.workers,
            "threads": args.threads,
            "worker_class": "gthread" if args.threads > 1 else "sync",
            "search_p50_ms": rounded(figures["search"]["p50"]),
            "search_p95_ms": rounded(figures["search"]["p95"]),
            "search_p99_ms": rounded(figures["search"]["p99"]),
            "search_uncached_p50_ms": rounded(figures["search_uncached"]["p50"]),
            "search_uncached_p95_ms": rounded(figures["search_uncached"]["p95"]),
            "search_uncached_rps": round(figures["search_uncached"]["rps"], 1),
            "api_p50_ms": rounded(figures["api"]["p50"]),
            "api_p95_ms": rounded(figures["api"]["p95"]),
            "trivial_p50_ms": rounded(figures["trivial"]["p50"]),
            "trivial_p95_ms": rounded(figures["trivial"]["p95"]),
            "search_rps": round(figures["search"]["rps"], 1),
            "api_rps": round(figures["api"]["rps"], 1),
            "trivial_rps": round(figures["trivial"]["rps"], 1),
            "search_vs_trivial_p95": None if ratio is None else round(ratio, 2),
            "target_met": met,
            "api_endpoint": api_name,
            "api_stand_in": bool(api_note),
            "errors": sum(f["errors"] for f in figures.values()),
            "seed_s": round(seed_s, 1),
            "search_urls": len(search_paths),
            "load_before": round(load[0], 2),
        }
        if profile:
            result["explain"] = profile
        print(json.dumps(result, ensure_ascii=False))
    finally:
        stop(server)
        embedded.postgres_stop(INSTANCE)
        embedded.redis_stop(INSTANCE)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
