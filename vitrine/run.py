"""``make run``: the whole platform in one terminal.

Starts the embedded services unless ``DATABASE_URL``/``REDIS_URL`` are set, prepares the database
(migrations, reference data, demo seed), then runs gunicorn on ``HOST:PORT``, a Celery worker and
Celery beat, and hands the worker a full matching run. Ctrl-C or SIGTERM stops every process it
started, then the embedded services. Children die with this process even if it is killed
(``PR_SET_PDEATHSIG``), and the embedded servers left by a crash are found and reused by the
next start.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from vitrine import embedded

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
STOP_SECONDS = 15

# Preparation steps, each a manage.py command that is idempotent.
SETUP = [
    ["migrate", "--noinput"],
    ["load_referentiel"],
    ["seed_demo"],
]
# Once the worker runs: the matches are computed by it, as in production.
AFTER_START = ["rematch", "--celery"]

DEMO_ACCOUNTS = """
Comptes de démonstration (mot de passe : vitrine-demo)
  habitant    resident@demo.test
  employeur   employer@demo.test
  conseiller  advisor@demo.test   (Mission locale)
  facilitateur des clauses  clauses@demo.test
  équipe      staff@demo.test
"""


def _die_with_parent() -> None:
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _say(text: str) -> None:
    print(f"[vitrine] {text}", flush=True)


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _children(host: str, port: str, instance: str) -> dict[str, list[str]]:
    local = BASE_DIR / ".local" / instance
    local.mkdir(parents=True, exist_ok=True)
    return {
        "web": [
            str(BIN / "gunicorn"),
            "vitrine.wsgi",
            "--bind",
            f"{host}:{port}",
            "--workers",
            os.environ.get("WEB_WORKERS", "3"),
            "--threads",
            "2",
            "--timeout",
            "60",
            "--access-logfile",
            "-",
        ],
        "worker": [
            str(BIN / "celery"),
            "-A",
            "vitrine",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            os.environ.get("WORKER_CONCURRENCY", "2"),
            "--hostname",
            "worker@%h",
        ],
        "beat": [
            str(BIN / "celery"),
            "-A",
            "vitrine",
            "beat",
            "--loglevel",
            "INFO",
            "--schedule",
            str(local / "celerybeat-schedule"),
        ],
    }


def _stop(processes: dict[str, subprocess.Popen]) -> None:
    for process in processes.values():
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for name, process in processes.items():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _say(f"{name} ne s'arrête pas : arrêt forcé")
            process.kill()
            process.wait()


def main() -> int:
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    if not _port_free(host, int(port)):
        _say(f"Le port {host}:{port} est déjà pris. Choisissez-en un autre : make run PORT=8001")
        return 1
    env = dict(os.environ)
    env.setdefault("DEBUG", "1")
    env.setdefault("DJANGO_SETTINGS_MODULE", "vitrine.settings")
    env.setdefault("SITE_URL", f"http://{host}:{port}")

    stopping = False

    def on_signal(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    instance = env.get("VITRINE_INSTANCE", "run")
    with embedded.services(instance, env) as urls:
        env.update(urls)
        _say(f"PostgreSQL : {urls['DATABASE_URL']}")
        _say(f"Redis : {urls['REDIS_URL']}")
        for step in SETUP:
            if stopping:
                return 130
            _say("manage.py " + " ".join(step))
            result = subprocess.run([PYTHON, "manage.py", *step], cwd=BASE_DIR, env=env)
            if result.returncode != 0:
                _say(f"Échec de « manage.py {' '.join(step)} » : arrêt.")
                return result.returncode
        processes = {
            # Own session: Ctrl-C reaches only this supervisor, which stops them in order.
            name: subprocess.Popen(
                command, cwd=BASE_DIR, env=env, preexec_fn=_die_with_parent, start_new_session=True
            )
            for name, command in _children(host, port, instance).items()
        }
        _say("manage.py " + " ".join(AFTER_START))
        result = subprocess.run([PYTHON, "manage.py", *AFTER_START], cwd=BASE_DIR, env=env)
        if result.returncode != 0:
            _say("Le calcul des correspondances n'a pas pu être confié au worker (voir ci-dessus).")
        print(DEMO_ACCOUNTS, flush=True)
        _say(f"La plateforme est servie sur http://{host}:{port}/ (Ctrl-C pour tout arrêter)")
        code = 0
        while not stopping:
            exited = [name for name, process in processes.items() if process.poll() is not None]
            if exited:
                _say(f"{', '.join(exited)} s'est arrêté : arrêt de tout le reste.")
                code = 1
                break
            time.sleep(0.5)
        _say("Arrêt en cours…")
        _stop(processes)
    _say("Tout est arrêté.")
    return code


if __name__ == "__main__":
    sys.exit(main())
