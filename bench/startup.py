"""Time from ``make run`` to a healthy ``/healthz``, on a fresh clone and on a second start.

Clones the repository (HEAD of the current checkout) into a temporary folder, runs ``make run``
there twice (the first time creates the venv and installs everything), and measures each time the
seconds until ``GET /healthz`` answers 200. Stops each run with SIGTERM and checks that it exits.

    .venv/bin/python bench/startup.py [--keep] [--port 8123]
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def one_start(folder: Path, port: int, log_name: str) -> tuple[float, float]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(PORT=str(port), HOST="127.0.0.1")
    log = open(folder / log_name, "w")  # noqa: SIM115
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "run"],
        cwd=folder,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    while not healthy(port):
        if process.poll() is not None:
            raise SystemExit(f"make run stopped; see {folder / log_name}")
        if time.monotonic() - started > 900:
            raise SystemExit("not healthy after 15 minutes")
        time.sleep(0.25)
    ready = time.monotonic() - started
    stop_started = time.monotonic()
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=120)
    return ready, time.monotonic() - stop_started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--keep", action="store_true", help="keep the clone")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vitrine-startup-"))
    subprocess.run(["git", "clone", "-q", str(ROOT), str(folder / "repo")], check=True)
    repo = folder / "repo"
    first, first_stop = one_start(repo, args.port, "first.log")
    print(
        f"fresh clone: healthy after {first:.1f} s (venv, install, services, migrate, seed); "
        f"stopped in {first_stop:.1f} s"
    )
    second, second_stop = one_start(repo, args.port, "second.log")
    print(f"second start: healthy after {second:.1f} s; stopped in {second_stop:.1f} s")
    if not args.keep:
        subprocess.run(["rm", "-rf", str(folder)], check=False)
    print(
        json.dumps(
            {
                "bench": "startup",
                "fresh_clone_s": round(first, 1),
                "second_start_s": round(second, 1),
                "stop_s": round(max(first_stop, second_stop), 1),
                "python": sys.version.split()[0],
            }
        )
    )


if __name__ == "__main__":
    main()
