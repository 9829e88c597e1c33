"""The Procfile is the production entry point: migrations once per release, gthread workers.

``bench/load_test.py`` measures the web process with the Procfile's worker settings; with
gunicorn's default sync workers, readers holding idle connections block workers (see there).
``make serve-production`` runs the same ``web:`` command behind nginx, pointing gunicorn at a
private socket through ``GUNICORN_BIND``.
"""

from __future__ import annotations

import shlex
import subprocess
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
    assert options["--bind"] == "${GUNICORN_BIND:-0.0.0.0:${PORT:-8050}}"
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from load_test import PROCFILE_WORKERS
    finally:
        sys.path.remove(str(REPO / "bench"))
    assert PROCFILE_WORKERS == "--worker-class gthread --threads 8"


def _bind(env: dict[str, str]) -> str:
    """The web process's --bind value as the shell that runs the Procfile expands it."""
    web = _processes()["web"]
    bind = web[web.index("--bind") + 1]
    result = subprocess.run(
        ["bash", "-c", f'printf %s "{bind}"'], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_web_binds_all_interfaces_on_port_unless_given_a_bind_address():
    assert _bind({}) == "0.0.0.0:8050"
    assert _bind({"PORT": "5000"}) == "0.0.0.0:5000"
    # make serve-production: a unix socket only nginx uses, whatever PORT the platform set.
    socket = {"GUNICORN_BIND": "unix:/tmp/x/gunicorn.sock", "PORT": "5000"}
    assert _bind(socket) == "unix:/tmp/x/gunicorn.sock"
