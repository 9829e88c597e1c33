"""The Procfile is the production entry point: migrations once per release, gthread workers.

``bench/load_test.py`` measures the web process with the Procfile's worker settings; with
gunicorn's default sync workers, readers holding idle connections block workers (see there).
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _processes() -> dict[str, list[str]]:
    lines = (REPO / "Procfile").read_text().splitlines()
    return {
        name: shlex.split(command)
        for name, command in (line.split(":", 1) for line in lines if line.strip())
    }


def test_migrations_run_once_at_release_not_in_every_web_process():
    processes = _processes()
    assert processes["release"] == ["remigration", "init-db"]
    assert "init-db" not in processes["web"]


def test_web_runs_gunicorn_with_thread_workers_as_the_load_test_measures():
    web = _processes()["web"]
    assert web[:2] == ["gunicorn", "dashboard.wsgi:server"]
    options = dict(zip(web[2::2], web[3::2], strict=True))
    assert options["--worker-class"] == "gthread"
    assert options["--threads"] == "${GUNICORN_THREADS:-8}"
    assert options["--workers"] == "${WEB_CONCURRENCY:-2}"
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from load_test import PROCFILE_WORKERS
    finally:
        sys.path.remove(str(REPO / "bench"))
    assert PROCFILE_WORKERS == "--worker-class gthread --threads 8"
