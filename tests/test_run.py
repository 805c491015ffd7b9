"""``make run``'s supervisor serves the platform with a worker, and SIGTERM stops everything."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

from vitrine import embedded

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url, process, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the supervisor stopped on its own"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, json.loads(response.read())
        except OSError:
            time.sleep(0.5)
    raise AssertionError("not healthy in time")


@pytest.fixture
def platform():
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "VITRINE_INSTANCE": "test-run",
        "WEB_WORKERS": "1",
        "WORKER_CONCURRENCY": "1",
    }
    for variable in ("DATABASE_URL", "REDIS_URL", "DEBUG"):
        env.pop(variable, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "vitrine.run"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield process, port
    if process.poll() is None:
        process.kill()
    subprocess.run(
        [sys.executable, "-m", "vitrine.embedded", "stop", "--instance", "test-run"],
        cwd=BASE_DIR,
        check=False,
        capture_output=True,
    )


def test_serves_home_and_health_with_a_worker_then_stops_everything(platform):
    process, port = platform
    status, body = wait_healthy(f"http://127.0.0.1:{port}/healthz", process)
    assert (status, body) == (200, {"database": "ok", "broker": "ok"})
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
        assert "Vitrine des emplois" in response.read().decode()
    children = psutil.Process(process.pid).children(recursive=True)
    names = " ".join(" ".join(child.cmdline()) for child in children)
    assert "gunicorn" in names and "worker" in names and "beat" in names
    pg_data = embedded.ROOT / "test-run" / "postgres" / "data"
    assert embedded._pg_running_port(pg_data) is not None

    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output
    assert "Tout est arrêté" in output
    assert "resident@demo.test" in output
    assert "confié aux workers" in output, "the worker was handed the first matching run"
    assert not [child for child in children if child.is_running() and child.status() != "zombie"]
    assert embedded._pg_running_port(pg_data) is None, "PostgreSQL still running"
    assert embedded._redis_running_port(embedded.ROOT / "test-run" / "redis") is None
