"""``make serve-production``: the real nginx in front of the real gunicorn, as deployed.

One launcher (``deploy/serve_production.py``) serves the module's tests on a free port, with a
throwaway SQLite database in a temporary instance directory; two more are started only to be
stopped (SIGTERM, Ctrl-C). Requests go through raw sockets or ``http.client`` so every header
(Host, Accept-Encoding, X-Forwarded-*) is exactly what a client sent, and from several loopback
addresses (127.0.0.2, …) so nginx sees different clients.

Skipped only where Debian's nginx is not installed (CI installs it, see ``.ci/run``).
"""

from __future__ import annotations

import dataclasses
import gzip
import http.client
import importlib.util
import json
import os
import re
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import brotli
import pytest
from support import dash_outputs

REPO = Path(__file__).resolve().parents[2]
LAUNCHER = REPO / "deploy" / "serve_production.py"
NGINX = shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin"]))

pytestmark = pytest.mark.skipif(
    NGINX is None, reason="Debian's nginx is not installed (apt-get install nginx; CI has it)"
)

REGIONS = ["kurzeme", "latgale", "riga", "vidzeme", "zemgale"]
UPLOAD_MAX_BYTES = 5 * 1024 * 1024  # the default; the launcher's environment leaves it unset
LOGIN_LIMIT_PER_MINUTE = 10
WORKERS = 2  # the Procfile's default WEB_CONCURRENCY


def _load_launcher() -> Any:
    spec = importlib.util.spec_from_file_location("serve_production", LAUNCHER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


launcher = _load_launcher()


# --- talking to the service --------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    cookies: list[str]
    body: bytes

    def text(self) -> str:
        """The body decoded from whatever Content-Encoding the server chose."""
        encoding = self.headers.get("content-encoding")
        raw = self.body
        if encoding == "br":
            raw = brotli.decompress(raw)
        elif encoding == "gzip":
            raw = gzip.decompress(raw)
        return raw.decode("utf-8")

    def json_text(self) -> str:
        """A JSON body re-serialised without escapes (Dash writes "/" as \\u002f)."""
        return json.dumps(json.loads(self.text()), ensure_ascii=False)


def _http(
    port: int,
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    source: str = "127.0.0.1",
    timeout: float = 30,
) -> Answer:
    """One request on its own connection, from ``source`` (a loopback address)."""
    conn = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=timeout, source_address=(source, 0)
    )
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        pairs = response.getheaders()
    finally:
        conn.close()
    return Answer(
        status=response.status,
        headers={name.lower(): value for name, value in pairs},
        cookies=[value.split(";", 1)[0] for name, value in pairs if name.lower() == "set-cookie"],
        body=data,
    )


def _callback(port: int, body: dict[str, Any], **kwargs: Any) -> Answer:
    headers = {"Content-Type": "application/json", **kwargs.pop("headers", {})}
    return _http(
        port,
        "POST",
        "/_dash-update-component",
        body=json.dumps(body).encode(),
        headers=headers,
        **kwargs,
    )


def _dependencies(port: int) -> list[dict[str, Any]]:
    return json.loads(_http(port, "GET", "/_dash-dependencies").text())


def _page_content_body(port: int, path: str) -> dict[str, Any]:
    """What dash-renderer posts for a page's content after loading its HTML."""
    dep = next(d for d in _dependencies(port) if "_pages_content.children" in d["output"])
    return {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": ""},
        ],
        "state": [],
        "changedPropIds": ["_pages_location.pathname"],
    }


def _overview_chart_body(port: int) -> dict[str, Any]:
    """The overview's chart callback, whose answer carries the chart tools' absolute links."""
    dep = next(d for d in _dependencies(port) if "regions-chart-graph.figure" in d["output"])
    values = {
        "filter-regions": REGIONS,
        "filter-metric": "people_returned",
        "filter-period-from": "2018",
        "filter-period-to": "2020",
        "filter-per-month": False,
        "filter-granularity": "year",
        "overview-lang": "lv",
        "overview-release": None,
    }
    return {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": [{**i, "value": values[i["id"]]} for i in dep["inputs"]],
        "state": [{**s, "value": values[s["id"]]} for s in dep["state"]],
        "changedPropIds": ["filter-metric.value"],
    }


def _login_attempt(port: int, username: str, *, source: str, forwarded_for: str) -> int:
    """A wrong password through the real form (its CSRF token first), as a browser would."""
    spoof = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    page = _http(port, "GET", "/login", source=source, headers=spoof)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text()).group(1)
    form = urllib.parse.urlencode(
        {"username": username, "password": "not the password", "csrf_token": token}
    ).encode()
    return _http(
        port,
        "POST",
        "/login",
        body=form,
        source=source,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(page.cookies),
            **spoof,
        },
    ).status


# --- the launcher ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _launcher_env(instance: Path) -> dict[str, str]:
    """The outer environment without anything that would point the service elsewhere."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "SITE_URL",
            "SECRET_KEY",
            "TRUSTED_HOSTS",
            "TRUSTED_PROXIES",
            "PRODUCTION",
            "UPLOAD_MAX_BYTES",
            "WEB_CONCURRENCY",
        }
    }
    env["INSTANCE_PATH"] = str(instance)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["LOGIN_LIMIT_ADDRESS"] = f"{LOGIN_LIMIT_PER_MINUTE} per minute"
    return env


@dataclass
class Service:
    proc: subprocess.Popen[bytes]
    port: int
    instance: Path
    log: Path

    @property
    def run_dir(self) -> Path:
        return self.instance / "nginx"

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _start(tmp: Path) -> Service:
    instance = tmp / "instance"
    port = _free_port()
    log = tmp / "launcher.log"
    proc = subprocess.Popen(
        [sys.executable, str(LAUNCHER), "--port", str(port)],
        cwd=REPO,
        env=_launcher_env(instance),
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    service = Service(proc, port, instance, log)
    deadline = time.monotonic() + 120
    while True:
        if proc.poll() is not None:
            raise AssertionError(f"the launcher exited ({proc.returncode}):\n{service.output()}")
        try:
            if _http(port, "GET", "/healthz", timeout=3).status == 200:
                return service
        except OSError:
            pass
        if time.monotonic() > deadline:
            _stop(service)
            raise AssertionError(f"/healthz never answered 200:\n{service.output()[-4000:]}")
        time.sleep(0.3)


def _stop(service: Service, sig: int = signal.SIGTERM) -> int:
    if service.proc.poll() is None:
        service.proc.send_signal(sig)
    try:
        return service.proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        service.proc.kill()  # its children get SIGTERM from the kernel (PR_SET_PDEATHSIG)
        service.proc.wait()
        raise


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    running = _start(tmp_path_factory.mktemp("serve-production"))
    try:
        yield running
    finally:
        _stop(running)


def _gunicorn_saw(service: Service, marker: str, wait: float = 0) -> bool:
    """Whether gunicorn's access log (the launcher's output) mentions ``marker``."""
    deadline = time.monotonic() + wait
    while True:
        if any(marker in line and '"' in line for line in service.output().splitlines()):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.2)


# --- the tests ---------------------------------------------------------------------------------


def test_health_page_and_callback_answer_through_nginx(service):
    health = _http(service.port, "GET", "/healthz")
    assert health.status == 200
    assert health.headers["server"] == "nginx"
    assert json.loads(health.text())["status"] == "ok"

    page = _http(service.port, "GET", "/map", headers={"Accept-Encoding": "gzip"})
    assert page.status == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="lv">' in page.text()

    content = _callback(service.port, _page_content_body(service.port, "/map"))
    assert content.status == 200
    assert "map-graph" in content.text()
    chart = _callback(service.port, _overview_chart_body(service.port))
    assert chart.status == 200
    assert "Kurzeme" in chart.text()


@pytest.mark.parametrize(
    ("accept", "expected"), [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"), ("", None)]
)
def test_the_answer_keeps_the_encoding_the_app_chose(service, accept, expected):
    headers = {"Accept-Encoding": accept} if accept else {}
    for answer in (
        _http(service.port, "GET", "/", headers=headers),
        _callback(service.port, _overview_chart_body(service.port), headers=headers),
    ):
        assert answer.status == 200
        assert answer.headers.get("content-encoding") == expected
        assert "Accept-Encoding" in answer.headers["vary"]
        # Decoded once, it is the app's text: nginx did not compress it a second time.
        text = answer.text()
        assert text.startswith("<!DOCTYPE html>") or text.startswith("{")


def test_the_app_sees_the_real_client_address_which_forwarded_for_cannot_spoof(service):
    """The sign-in limit is kept per client address (Flask-Limiter's key, request.remote_addr).

    From 127.0.0.3, every attempt claims another address in its own X-Forwarded-For; were that
    believed, no address would ever reach the limit. The limit is reached (at most one full
    allowance per gunicorn worker without Redis), so the app saw 127.0.0.3 every time. Then
    127.0.0.4 is not limited: the app tells real clients apart, so it sees nginx's
    X-Forwarded-For (the peer's address), not nginx's own socket.
    """
    statuses = []
    for attempt in range(WORKERS * LOGIN_LIMIT_PER_MINUTE + 1):
        spoofed = f"198.51.100.{attempt + 1}"
        statuses.append(
            _login_attempt(
                service.port, f"nobody{attempt}", source="127.0.0.3", forwarded_for=spoofed
            )
        )
        if statuses[-1] == 429:
            break
    assert statuses[-1] == 429, statuses
    # Every other attempt was a plain wrong password: the CSRF token fetched from one worker
    # was accepted by whichever worker got the POST, so all workers share one SECRET_KEY.
    assert set(statuses[:-1]) == {401}, statuses

    assert _login_attempt(service.port, "somebody", source="127.0.0.4", forwarded_for="") == 401


def test_a_forged_host_is_refused_and_never_reaches_a_reader(service):
    site = f"http://127.0.0.1:{service.port}"
    forged = {"Host": "evil.example", "Accept-Encoding": "identity"}
    page = _http(service.port, "GET", "/", headers=forged)
    assert page.status == 400
    assert "Host galvene nav atļauta" in page.text() and "Host header is not allowed" in page.text()
    for body in (_overview_chart_body(service.port), _page_content_body(service.port, "/map")):
        assert _callback(service.port, body, headers=forged).status == 400

    # A client's own X-Forwarded-Host is replaced by nginx with the Host it asked for.
    smuggled = {"X-Forwarded-Host": "evil.example", "Accept-Encoding": "identity"}
    answer = _callback(service.port, _overview_chart_body(service.port), headers=smuggled)
    assert answer.status == 200
    assert "evil.example" not in answer.json_text()
    assert f"{site}/?" in answer.json_text()  # the permalink is on the site's own address

    # A reader afterwards (the response cache may answer) gets the site's links only.
    reader_chart = _callback(service.port, _overview_chart_body(service.port))
    reader_page = _http(service.port, "GET", "/", headers={"Accept-Encoding": "br"})
    for text in (reader_chart.json_text(), reader_page.text()):
        assert "evil.example" not in text
    assert f'<meta property="og:url" content="{site}/">' in reader_page.text()


def test_an_oversized_upload_is_refused_by_nginx_before_it_reaches_gunicorn(service):
    limit = launcher.max_request_bytes(UPLOAD_MAX_BYTES)
    probe = f"/admin/api/uploads/probe-{secrets.token_hex(6)}"
    refused = _http(
        service.port,
        "POST",
        probe,
        body=b"0" * (limit + 1),
        headers={"Content-Type": "application/octet-stream"},
    )
    assert refused.status == 413
    assert refused.headers["content-type"] == "text/plain; charset=utf-8"
    assert refused.text() == (
        "Pieprasījums ir par lielu: augšupielādējamais fails var būt līdz 5 MB.\n"
        "The request is too large: an uploaded file may be up to 5 MB.\n"
    )
    callback = _http(
        service.port,
        "POST",
        "/_dash-update-component",
        body=b"{" + b" " * limit + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert callback.status == 413

    # nginx logged the refusal; gunicorn never saw the request ...
    access = (service.run_dir / "access.log").read_text()
    assert re.search(rf'"POST {probe}" 413 ', access)
    # ... while a small body sent the same way reaches it (so the check above can fail).
    control = f"/admin/api/uploads/probe-{secrets.token_hex(6)}"
    _http(service.port, "POST", control, body=b"{}", headers={"Content-Type": "application/json"})
    assert _gunicorn_saw(service, control, wait=10)
    assert not _gunicorn_saw(service, probe)


def test_a_large_body_is_kept_in_a_file_nginx_workers_can_write_then_passed_on(service):
    """Started as root, nginx runs its workers as www-data: they must be able to write the
    temporary file that holds a request body until it is complete."""
    body = {"output": "nothing.children", "padding": "x" * 1_000_000}
    answer = _callback(service.port, body)
    # The app answered (nginx's own errors are plain text): the body reached it whole.
    assert answer.status == 400
    assert answer.headers["content-type"] == "application/json"
    errors = (service.run_dir / "error.log").read_text()
    assert "a client request body is buffered to a temporary file" in errors


# The address the per-address limit is filled from: no other test sends from it, so nothing else
# of its own (a request still being answered, or in its lingering close) can take a slot.
LIMITED_ADDRESS = "127.0.0.5"


def _held_request(port: int, source: str) -> socket.socket:
    """A connection from ``source`` holding a whole request header that announces a body which
    never comes, returned once nginx has counted it against the per-address limit.

    nginx counts a request in its preaccess phase (limit_conn), and only later, in the content
    phase, starts reading the body, which is when it answers ``Expect: 100-continue``. So the
    ``100 Continue`` proves that this request holds one of the address's slots (and keeps it
    until the connection closes or client_body_timeout passes); a request refused by the limit
    gets its 429 at once instead.
    """
    conn = socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(source, 0))
    try:
        conn.sendall(
            b"POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n"
            b"Expect: 100-continue\r\n\r\n"
        )
        answer = b""
        while b"\r\n\r\n" not in answer and (chunk := conn.recv(4096)):
            answer += chunk
        assert answer == b"HTTP/1.1 100 Continue\r\n\r\n", answer
    except BaseException:
        conn.close()
        raise
    return conn


def test_requests_at_once_are_limited_per_client_address(service):
    """Requests whose whole header has arrived count; with the limit's worth of them held open,
    the next request from that address gets a bilingual 429 from nginx while other addresses
    are served as usual.

    Each held request is known to be counted before the next step (``_held_request``): were the
    next request sent as soon as the held headers were written, nginx (several worker
    processes, each accepting on its own) could count it first and refuse a held request
    instead, and the address would then never hold the limit's worth.
    """
    held = []
    try:
        for _ in range(launcher.CONNECTIONS_PER_ADDRESS):
            held.append(_held_request(service.port, LIMITED_ADDRESS))
        # Every held request was let through (so the limit is not below this), and the next one
        # is refused (so it is not above).
        busy = _http(service.port, "GET", "/healthz", source=LIMITED_ADDRESS)
        assert busy.status == 429
        assert busy.headers["retry-after"] == "5"
        assert "Pārāk daudz vienlaicīgu pieprasījumu" in busy.text()
        assert "Too many simultaneous requests" in busy.text()
        assert _http(service.port, "GET", "/healthz", source="127.0.0.2").status == 200
        # The held requests are still waiting for their bodies: nothing was sent to them.
        assert select.select(held, [], [], 0)[0] == []
    finally:
        for conn in held:
            conn.close()
    # nginx releases a slot when it notices the closed connection, on its own time.
    deadline = time.monotonic() + 10
    while _http(service.port, "GET", "/healthz", source=LIMITED_ADDRESS).status != 200:
        assert time.monotonic() < deadline, "the limit was not released"
        time.sleep(0.2)


def _closed(conn: socket.socket) -> bool:
    """Whether the server has closed ``conn`` (without waiting): it is readable, yet empty."""
    readable, _, _ = select.select([conn], [], [], 0)
    return bool(readable) and conn.recv(1, socket.MSG_PEEK) == b""


def _slow_clients(port: int, count: int, interval: float, stop: threading.Event) -> dict:
    """``count`` connections that each send one header line every ``interval`` seconds and
    never finish; one that the server closes is opened again at once."""
    stats = {"opened": 0, "lines": 0}

    def connect() -> socket.socket:
        conn = socket.create_connection(("127.0.0.1", port), timeout=5)
        conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        stats["opened"] += 1
        return conn

    conns = [connect() for _ in range(count)]
    try:
        while not stop.wait(interval):
            for i in range(count):
                line = f"X-Slow-{stats['lines']}: 1\r\n".encode()
                try:
                    if _closed(conns[i]):
                        raise ConnectionResetError
                    conns[i].sendall(line)
                except OSError:
                    conns[i].close()
                    conns[i] = connect()
                    conns[i].sendall(line)
                stats["lines"] += 1
    finally:
        for conn in conns:
            conn.close()
    return stats


def test_sixty_slow_clients_do_not_stop_the_health_check(service):
    """A liveness check, not a speed measurement (bench/slow_clients.py measures): against bare
    gunicorn this attack makes /healthz time out for as long as it lasts."""
    stop = threading.Event()
    result: dict[str, Any] = {}
    attack = threading.Thread(
        target=lambda: result.update(_slow_clients(service.port, 60, 4.0, stop)), daemon=True
    )
    attack.start()
    polls: list[int | str] = []
    started = time.monotonic()
    try:
        time.sleep(1)
        while time.monotonic() - started < 20:
            try:
                polls.append(_http(service.port, "GET", "/healthz", timeout=3).status)
            except OSError as error:
                polls.append(type(error).__name__)
            time.sleep(1)
    finally:
        stop.set()
        attack.join(timeout=30)
    assert result.get("opened", 0) >= 60 and result.get("lines", 0) >= 60 * 4, result
    assert len(polls) >= 15
    assert set(polls) == {200}, polls


def _process_tree(root: int) -> dict[int, tuple[str, str]]:
    """``{pid: (start time, command line)}`` of every descendant of ``root``."""
    children: dict[int, list[int]] = {}
    starts: dict[int, str] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        children.setdefault(int(fields[1]), []).append(pid)
        starts[pid] = fields[19]
    tree, todo = {}, list(children.get(root, []))
    while todo:
        pid = todo.pop()
        try:
            cmdline = (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        tree[pid] = (starts[pid], cmdline.decode(errors="replace"))
        todo.extend(children.get(pid, []))
    return tree


def _alive(pid: int, start: str) -> bool:
    """Running (not a zombie) and the same process (same start time), not a reused pid."""
    try:
        fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[19] == start and fields[0] != "Z"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_a_signal_stops_nginx_and_gunicorn_leaving_nothing_behind(tmp_path, sig):
    service = _start(tmp_path)
    tree = _process_tree(service.proc.pid)
    commands = [command for _, command in tree.values()]
    assert any(c.startswith("nginx: master process") for c in commands), commands
    assert any(c.startswith("nginx: worker process") for c in commands), commands
    gunicorns = [c for c in commands if "gunicorn dashboard.wsgi:server" in c]
    assert len(gunicorns) == 1 + WORKERS, commands  # the arbiter and its workers
    socket_path = Path(re.search(r"--bind unix:(\S+)", gunicorns[0]).group(1))
    assert socket_path.exists()

    assert _stop(service, sig) == 0
    assert "stopping" in service.output()
    left = {pid: command for pid, (start, command) in tree.items() if _alive(pid, start)}
    assert left == {}
    assert not socket_path.parent.exists()  # the private socket and temp directory
    assert not (service.run_dir / "nginx.pid").exists()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", service.port), timeout=3).close()


def test_a_port_in_use_is_reported_before_anything_starts(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, str(LAUNCHER), "--port", str(port)],
            cwd=REPO,
            env=_launcher_env(tmp_path / "instance"),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "release step" not in result.stderr
    assert not (tmp_path / "instance").exists()


def test_make_serve_production_runs_the_launcher_on_the_given_port():
    """``make -n`` prints the recipe without running it (nor the venv's, if it is missing)."""
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "serve-production", "PORT=8123"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    recipe = "exec .venv/bin/python deploy/serve_production.py --port 8123"
    assert dry_run.stdout.splitlines()[-1] == recipe


# --- the configuration itself ------------------------------------------------------------------


def test_nginx_caps_requests_exactly_at_the_apps_own_limit(make_app, config):
    for upload_max in (UPLOAD_MAX_BYTES, 1_000_000):
        app = make_app(dataclasses.replace(config, upload_max_bytes=upload_max))
        expected = app.server.config["MAX_CONTENT_LENGTH"]
        assert launcher.max_request_bytes(upload_max) == expected
        rendered = _render(Path("/tmp/run"), Path("/tmp/temp"), None, upload_max)
        assert f"client_max_body_size {expected};" in rendered


def _render(run_dir: Path, temp_dir: Path, user: str | None, upload_max: int) -> str:
    return launcher.render_nginx_config(
        listen="127.0.0.1:8080",
        upstream="unix:/run/remigration/gunicorn.sock",
        run_dir=run_dir,
        temp_dir=temp_dir,
        upload_max_bytes=upload_max,
        worker_user=user,
    )


@pytest.mark.parametrize("user", ["", "www-data www-data"])
def test_the_printed_deployment_configuration_is_accepted_by_nginx(tmp_path, user):
    printed = subprocess.run(
        [sys.executable, str(LAUNCHER), "--port", "8080", "--print-config"]
        + ["--upstream", "unix:/run/remigration/gunicorn.sock", "--run-dir", str(tmp_path)]
        + ["--worker-user", user],
        cwd=REPO,
        env=_launcher_env(tmp_path / "instance"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert launcher.PLACEHOLDER.search(printed) is None
    assert ("user www-data www-data;" in printed) == bool(user)
    assert f"client_body_temp_path {tmp_path}/tmp/client_body;" in printed
    assert "server unix:/run/remigration/gunicorn.sock;" in printed
    conf = tmp_path / "nginx.conf"
    conf.write_text(printed)
    (tmp_path / "tmp").mkdir()
    check = subprocess.run(
        [NGINX, "-t", "-c", str(conf), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    for header in ("Host $host", "X-Forwarded-For $remote_addr", "X-Forwarded-Proto $scheme"):
        assert f"proxy_set_header {header};" in printed
    assert "gzip off;" in printed
    assert "proxy_request_buffering on;" in printed and "proxy_buffering on;" in printed


def test_messages_are_quoted_for_nginx_and_a_dollar_is_refused():
    assert launcher.nginx_string('a "b" \\ c\nd') == 'a \\"b\\" \\\\ c\\nd'
    with pytest.raises(ValueError, match="literally"):
        launcher.nginx_string("costs $5")


def test_the_procfile_commands_are_read_as_a_platform_reads_them():
    commands = launcher.procfile_commands()
    assert commands["release"] == "remigration init-db"
    assert commands["web"].startswith("gunicorn dashboard.wsgi:server ")
