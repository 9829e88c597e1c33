"""Two app processes on different ports, one PostgreSQL and one Redis: what one publishes, the
other serves on its next request, and a session started on one is valid on the other.

This is the production shape (N stateless gunicorn hosts behind a load balancer), so it needs
the real services: it runs in ``make test``'s second run, where TEST_DATABASE_URL points at
PostgreSQL (and TEST_REDIS_URL at Redis when reachable), and is skipped on SQLite.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from support import ADMIN_PASSWORD, ADMIN_QUARTER, quarter_csv

REPO = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgresql"),
    reason="needs PostgreSQL (TEST_DATABASE_URL): several processes share one database",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, opener: urllib.request.OpenerDirector | None = None) -> tuple[int, bytes]:
    opener = opener or urllib.request.build_opener()
    try:
        with opener.open(url, timeout=20) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except urllib.error.URLError:
        return 0, b""  # not listening yet


@pytest.fixture
def two_instances(mutable_db, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "SECRET_KEY": "shared secret of the fleet",
        "INSTANCE_PATH": str(tmp_path / "instance"),
    }
    if os.environ.get("TEST_REDIS_URL"):
        env["REDIS_URL"] = os.environ["TEST_REDIS_URL"]
    else:
        env.pop("REDIS_URL", None)
    procs, bases = [], []
    for name in ("a", "b"):
        port = _free_port()
        log = (tmp_path / f"{name}.log").open("w")
        procs.append(
            subprocess.Popen(
                # The suite's shared database holds the seed table alone (conftest), and
                # these tests count on it.
                [
                    sys.executable,
                    "-m",
                    "dashboard.cli",
                    "serve",
                    "--seed-only",
                    "--port",
                    str(port),
                ],
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        bases.append(f"http://127.0.0.1:{port}")
    try:
        for base in bases:
            deadline = time.monotonic() + 60
            while _get(f"{base}/healthz")[0] != 200:
                if time.monotonic() > deadline:
                    raise RuntimeError((tmp_path / "a.log").read_text()[-3000:])
                time.sleep(0.3)
        yield bases
    finally:
        for proc in procs:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)


def _post_file(url: str, token: str, content: bytes) -> dict:
    boundary = "----bench-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="q.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(url, data=body, method="POST")
    request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _post(url: str, token: str) -> dict:
    request = urllib.request.Request(url, data=b"", method="POST")
    request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _observation_count(base: str) -> int:
    status, body = _get(f"{base}/api/v1/observations?format=json")
    assert status == 200
    return len(json.loads(body))


def test_a_release_published_on_one_host_is_served_by_the_other(two_instances, accounts):
    a, b = two_instances
    # B has answered (and cached, in Redis when configured) the current data.
    assert _observation_count(b) == 45
    assert [r["number"] for r in json.loads(_get(f"{b}/api/v1/releases")[1])] == [1]

    upload = _post_file(f"{a}/admin/api/uploads", accounts["ada_token"], quarter_csv())
    release = _post(f"{a}/admin/api/uploads/{upload['upload_id']}/publish", accounts["ada_token"])
    assert release["release"]["number"] == 2

    # B's very next requests see release 2 and the quarter's 15 new figures.
    assert [r["number"] for r in json.loads(_get(f"{b}/api/v1/releases")[1])] == [2, 1]
    assert _observation_count(b) == 60
    status, body = _get(f"{b}/api/v1/observations?format=json&from=2025-07-01")
    assert status == 200 and {r["period"] for r in json.loads(body)} == {ADMIN_QUARTER}


def test_a_session_started_on_one_host_is_valid_on_the_other(two_instances, accounts):
    a, b = two_instances
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    status, page = _get(f"{a}/login", opener)
    token = re.search(rb'name="csrf_token" value="([^"]+)"', page).group(1).decode()
    form = urllib.parse.urlencode(
        {"username": "ada", "password": ADMIN_PASSWORD, "csrf_token": token}
    ).encode()
    with opener.open(urllib.request.Request(f"{a}/login", data=form), timeout=20) as response:
        assert urllib.parse.urlsplit(response.geturl()).path == "/admin"
    # The signed session cookie was set for 127.0.0.1, so the same jar presents it to B.
    with opener.open(f"{b}/admin", timeout=20) as response:
        assert response.status == 200
        # Not redirected to /login: B accepts the session A signed.
        assert urllib.parse.urlsplit(response.geturl()).path == "/admin"
    # And a fresh browser without the cookie is sent to sign in.
    with urllib.request.urlopen(f"{b}/admin", timeout=20) as response:
        assert urllib.parse.urlsplit(response.geturl()).path == "/login"
