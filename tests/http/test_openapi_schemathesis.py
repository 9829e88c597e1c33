"""Property-based check that ``/api/v1`` behaves exactly as its OpenAPI document says.

Schemathesis reads ``/api/v1/openapi.json`` from the app itself and generates requests for every
operation, valid and invalid; every response must be a non-500 whose status code, content type,
headers and body match the document. The app is driven in-process through WSGI, so the check is
quick enough to run with the rest of the suite. (Schemathesis' own pytest plugin does not run
under pytest 9, so the operations are driven through Hypothesis directly.)
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

REPO = Path(__file__).resolve().parents[2]

# Ask for uncompressed bodies: Schemathesis' WSGI client does not decode brotli/gzip (the
# compression itself is tested in test_compression.py).
IDENTITY = {"Accept-Encoding": "identity"}

OPERATIONS = [
    "GET /api/v1/observations",
    "GET /api/v1/releases",
    "GET /api/v1/regions",
    "GET /api/v1/metrics",
    "GET /api/v1/measures",
    "GET /api/v1/geographies",
    "GET /api/v1/contacts",
    "GET /api/v1/funding",
    "GET /api/v1/datapackage.json",
    "GET /api/v1/catalog.jsonld",
    "GET /api/v1/catalog.ttl",
    "GET /api/v1/releases.atom",
]  # /api/v1/openapi.json is described too; Schemathesis leaves the schema's own URL out.


def _operations(app) -> dict:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app.server)
    return {op.label: op for op in (result.ok() for result in schema.get_all_operations())}


def test_every_api_operation_is_described(app):
    assert sorted(_operations(app)) == sorted(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_api_matches_its_openapi_document(app, label):
    operation = _operations(app)[label]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def check(case) -> None:
        case.call_and_validate(headers=IDENTITY)

    check()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by ``remigration serve`` on a free port (what the `st` CLI talks to)."""
    workdir = tmp_path_factory.mktemp("schemathesis-server")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(INSTANCE_PATH=str(workdir), SECRET_KEY="st", PYTHONPATH=str(REPO))
    log = (workdir / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dashboard.cli", "serve", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (workdir / "server.log").read_text()[-3000:]
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.25)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()


def test_schemathesis_cli_with_every_check_finds_nothing(served, tmp_path):
    """What the standard asks for, as a person runs it: `st run …/openapi.json --checks all`
    (positive and negative cases, every check); a fixed seed makes a failure reproducible."""
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("st")),
            "run",
            f"{served}/api/v1/openapi.json",
            "--checks",
            "all",
            "--max-examples",
            "60",
            "--seed",
            "1",
            "--header",
            "Accept-Encoding: identity",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,  # Schemathesis keeps a cache in its working directory
    )
    assert result.returncode == 0, result.stdout[-6000:]


def test_a_reversed_date_range_is_an_empty_answer(client):
    reversed_range = client.get("/api/v1/observations?from=2020-01-01&to=2018-12-31")
    assert reversed_range.status_code == 200
    assert reversed_range.get_json() == []


@pytest.mark.parametrize(
    "query",
    ["to=20191231", "from=2019-W01-1", "to=2019-12-31T00:00", "region=latgale,", "metric=,x"],
)
def test_what_the_document_does_not_admit_is_refused(client, query):
    assert client.get(f"/api/v1/observations?{query}").status_code == 400
