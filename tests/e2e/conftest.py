"""End-to-end fixtures: the real app in a subprocess, driven by Debian's headless Chromium.

Why this shape:

* The app runs as a real subprocess through the same CLI a person uses (``dashboard.cli serve``),
  so the e2e tests exercise startup, migrations, seeding and the HTTP stack exactly as deployed,
  against a throwaway SQLite file so they never touch a developer's ``instance/`` database.
* Only Debian's ``/usr/bin/chromium`` and ``/usr/bin/chromedriver`` are used. The machines this
  project runs on (including CI) reach no browser download hosts, so Selenium Manager must never
  be asked to fetch anything: an explicit driver path makes Selenium skip it entirely.
* Locally a missing browser skips the e2e tests with a clear reason; in CI (``CI=true``) it is
  an error, because ``.ci/run`` installs the browser and a silent skip would hide a broken setup.

Browser helpers for test modules are in ``browser.py``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Selenium reads these when it would consult Selenium Manager; set them before anything can, so
# even an accidental fallback neither phones home with usage stats nor tries to download.
os.environ["SE_AVOID_STATS"] = "true"
os.environ["SE_OFFLINE"] = "true"

from browser import screenshot  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

E2E_DIR = Path(__file__).resolve().parent
REPO_ROOT = E2E_DIR.parents[1]
SCREENSHOT_DIR = E2E_DIR / "screenshots"

IN_CI = os.environ.get("CI") == "true"

SERVER_START_TIMEOUT = 60.0
SERVER_STOP_TIMEOUT = 10.0

# Flags from the machine notes: without the background-networking ones Chromium keeps trying to
# reach Google hosts, which this closed network refuses, slowing startup and spamming the log.
CHROME_ARGS = (
    "--headless=new",
    "--no-sandbox",  # CI runs as root, where Chromium refuses to start sandboxed.
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # /dev/shm can be tiny in containers; use /tmp instead.
    "--disable-quic",
    "--no-first-run",
    # Bootstrap scrolls smoothly unless reduced motion is preferred; WebDriver scrolls an element
    # into view and clicks at once, so mid-animation clicks land on the wrong element.
    "--force-prefers-reduced-motion",
    "--window-size=1366,900",
)


def _missing_browser_parts() -> list[str]:
    """List the browser binaries that are absent, so skip/fail messages can name them."""
    return [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.is_file()]


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker here too, so --strict-markers holds even if pyproject drops it."""
    config.addinivalue_line("markers", "e2e: end-to-end test in real headless Chromium")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark everything under tests/e2e as e2e, and skip it locally when there is no browser.

    The hook sees every collected item of the session, not just this directory's, hence the
    path check. Skipping is only allowed outside CI: in CI the browser must be there.
    """
    missing = _missing_browser_parts()
    skip = None
    if missing and not IN_CI:
        skip = pytest.mark.skip(
            reason=(
                f"e2e needs Debian's Chromium ({', '.join(missing)} missing); install with "
                "'apt-get install chromium chromium-driver' (in CI this is a failure, not a skip)"
            )
        )
    for item in items:
        if not Path(item.path).resolve().is_relative_to(E2E_DIR):
            continue
        item.add_marker(pytest.mark.e2e)
        if skip is not None:
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator:
    """Keep each phase's report on the item so the browser fixture can see a failed test."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _free_port() -> int:
    """Ask the kernel for an unused loopback port (tiny race window, acceptable for tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _read_log(path: Path, limit: int = 20_000) -> str:
    """Return the tail of a server log file, so a failure message stays readable."""
    try:
        text = path.read_text(errors="replace")
    except OSError as exc:
        return f"<could not read {path}: {exc}>"
    if len(text) > limit:
        text = f"...[{len(text) - limit} chars cut]...\n{text[-limit:]}"
    return text or "<empty>"


def _stop_process_group(proc: subprocess.Popen) -> None:
    """Stop the server and anything it spawned (e.g. worker processes), politely then firmly.

    The server is started in its own session, so its process group holds only its own tree.
    """
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=SERVER_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=SERVER_STOP_TIMEOUT)


@contextlib.contextmanager
def _serving(workdir: Path, *serve_args: str) -> Iterator[str]:
    """Run ``remigration serve [serve_args]`` on a free port with its database, cache and logs
    in ``workdir``; yield its base URL once /healthz answers, stop it afterwards."""
    port = _free_port()
    stdout_path = workdir / "server.stdout.log"
    stderr_path = workdir / "server.stderr.log"
    base_url = f"http://127.0.0.1:{port}"

    env = os.environ.copy()
    # A developer's REDIS_URL would share cache entries with their own server; without it the
    # cache is a FileSystemCache under INSTANCE_PATH, so point that at the throwaway directory
    # too (the default is the repository's instance/, i.e. the developer's cache).
    env.pop("REDIS_URL", None)
    env.update(
        INSTANCE_PATH=str(workdir / "instance"),
        DATABASE_URL=f"sqlite:///{workdir}/e2e.db",
        SECRET_KEY="e2e",
        PYTHONUNBUFFERED="1",  # so the captured log is complete when we quote it
    )
    cmd = [
        sys.executable,
        "-m",
        "dashboard.cli",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        *serve_args,
    ]

    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        proc = subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )

    def startup_failure(why: str) -> RuntimeError:
        _stop_process_group(proc)
        return RuntimeError(
            f"e2e live server {why}\n"
            f"command: {' '.join(cmd)}\n"
            f"exit code: {proc.returncode}\n"
            f"--- server stdout ({stdout_path}) ---\n{_read_log(stdout_path)}\n"
            f"--- server stderr ({stderr_path}) ---\n{_read_log(stderr_path)}"
        )

    deadline = time.monotonic() + SERVER_START_TIMEOUT
    last_error = "no attempt yet"
    while True:
        if proc.poll() is not None:
            raise startup_failure("exited before becoming healthy")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as resp:
                if resp.status == 200:
                    break
                last_error = f"HTTP {resp.status}"
        except urllib.error.HTTPError as exc:
            last_error = f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError) as exc:
            last_error = repr(exc)
        if time.monotonic() > deadline:
            raise startup_failure(
                f"did not answer 200 on /healthz within {SERVER_START_TIMEOUT:.0f}s "
                f"(last: {last_error})"
            )
        time.sleep(0.25)

    try:
        yield base_url
    finally:
        _stop_process_group(proc)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Run the real app once per session on a free port; yield its base URL.

    Session scope because startup migrates and seeds a fresh database, which is the slow part;
    tests must therefore not depend on each other's writes. Output goes to files rather than
    pipes so a chatty server can never block on a full pipe, and the files are quoted in the
    error if the server dies or never answers /healthz. After a run they stay readable at
    ``/tmp/pytest-of-$USER/pytest-current/e2e-server0/server.stderr.log`` (the app's tracebacks).
    """
    with _serving(tmp_path_factory.mktemp("e2e-server")) as base_url:
        yield base_url


def _chrome_options(user_data_dir: str) -> webdriver.ChromeOptions:
    """Build options for Debian's Chromium, with the console and network logs switched on."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={user_data_dir}")
    # "browser" feeds console_errors(), "performance" (DevTools events) feeds requested_urls().
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return options


@pytest.fixture
def browser(request: pytest.FixtureRequest) -> Iterator[webdriver.Chrome]:
    """A fresh headless Chromium per test, with its own empty profile.

    One driver per test costs about a second but means no cookies, local storage, language
    choice or console log leak from one test into the next. A failed test leaves a screenshot
    named after it in tests/e2e/screenshots/.
    """
    missing = _missing_browser_parts()
    if missing:
        # Reached only in CI (outside CI the collection hook skipped these tests).
        pytest.fail(
            f"CI=true but {', '.join(missing)} missing; .ci/run should have installed "
            "chromium and chromium-driver",
            pytrace=False,
        )

    with _chromium() as driver:
        try:
            yield driver
        finally:
            report = getattr(request.node, "rep_call", None)
            if report is not None and report.failed:
                screenshot(driver, f"FAILED-{request.node.name}")


HANDED_OVER_JS = (
    "return document.readyState === 'complete' && !document.getElementById('first-view');"
)


class DashChrome(webdriver.Chrome):
    """Chromium whose ``get`` returns once Dash's page has replaced the static first view.

    Every public page arrives as static HTML (``dashboard/web/first_view.py``) with Dash's own
    copy hidden behind it until it is ready: an element found before then is either the
    static one (which does nothing) or a hidden one (which cannot be clicked). A reader sees
    one page; tests start from the same point. ``wait_for_dash=False`` returns at once (the
    first view alone, with Dash's scripts blocked).
    """

    def get(self, url: str, *, wait_for_dash: bool = True) -> None:
        super().get(url)
        if wait_for_dash:
            WebDriverWait(self, SERVER_START_TIMEOUT, poll_frequency=0.1).until(
                lambda d: d.execute_script(HANDED_OVER_JS)
            )


@contextlib.contextmanager
def _chromium() -> Iterator[webdriver.Chrome]:
    """A headless Chromium with its own empty profile, quit and removed afterwards."""
    user_data_dir = tempfile.mkdtemp(prefix="e2e-chromium-")
    service = Service(executable_path=str(CHROMEDRIVER))
    driver = DashChrome(service=service, options=_chrome_options(user_data_dir))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(user_data_dir, ignore_errors=True)


# --- An admin account on the live server (tests/e2e/test_admin_e2e.py) -------------------------

E2E_ADMIN_USERNAME = "ada"
E2E_ADMIN_PASSWORD = "e2e admin password 1"


def _live_server_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment ``live_server`` gave the app (same DATABASE_URL and INSTANCE_PATH)."""
    workdirs = [
        d
        for d in tmp_path_factory.getbasetemp().glob("e2e-server*")
        if re.fullmatch(r"e2e-server\d+", d.name) and (d / "e2e.db").is_file()
    ]
    assert len(workdirs) == 1, f"expected one live-server directory, found {workdirs}"
    workdir = workdirs[0]
    env = os.environ.copy()
    env.pop("REDIS_URL", None)
    env.update(
        INSTANCE_PATH=str(workdir / "instance"),
        DATABASE_URL=f"sqlite:///{workdir}/e2e.db",
        SECRET_KEY="e2e",
    )
    return env


def _cli(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", *args],
        cwd=REPO_ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"remigration {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result


@pytest.fixture(scope="session")
def live_cli(live_server: str, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Run ``remigration ARGS`` against the live server's database, as an operator would."""
    env = _live_server_env(tmp_path_factory)

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return _cli(env, *args, stdin=stdin)

    return run


@pytest.fixture(scope="session")
def live_admin(live_server: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An admin on the live server, created with the CLI as a person would, plus an API token
    (for clean-up through /admin/api). Returns username, password and token."""
    env = _live_server_env(tmp_path_factory)
    _cli(
        env,
        "create-user",
        E2E_ADMIN_USERNAME,
        "--role",
        "admin",
        "--password-stdin",
        stdin=E2E_ADMIN_PASSWORD + "\n",
    )
    token = _cli(env, "create-token", E2E_ADMIN_USERNAME, "--label", "e2e").stdout.splitlines()[-1]
    return {"username": E2E_ADMIN_USERNAME, "password": E2E_ADMIN_PASSWORD, "token": token}


# --- A second server on a database holding the seed alone (tests/e2e/test_sparse_*.py) ---------


@pytest.fixture(scope="module")
def seed_only_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The app on its own database prepared with the seed only (``serve --seed-only``), with
    an admin made by the CLI. Module scope: a module publishes into it and reads it back, and
    nothing else shares it. Yields base_url, username and password."""
    workdir = tmp_path_factory.mktemp("e2e-seed-only")
    with _serving(workdir, "--seed-only") as base_url:
        env = os.environ.copy()
        env.pop("REDIS_URL", None)
        env.update(
            INSTANCE_PATH=str(workdir / "instance"),
            DATABASE_URL=f"sqlite:///{workdir}/e2e.db",
            SECRET_KEY="e2e",
        )
        _cli(
            env,
            "create-user",
            E2E_ADMIN_USERNAME,
            "--role",
            "admin",
            "--password-stdin",
            stdin=E2E_ADMIN_PASSWORD + "\n",
        )
        yield {
            "base_url": base_url,
            "username": E2E_ADMIN_USERNAME,
            "password": E2E_ADMIN_PASSWORD,
        }


@pytest.fixture(scope="module")
def module_browser() -> Iterator[webdriver.Chrome]:
    """One headless Chromium for a whole module, for tests that read many pages once and then
    assert on what they read (starting a browser per view would take minutes)."""
    missing = _missing_browser_parts()
    if missing:
        pytest.fail(f"CI=true but {', '.join(missing)} missing", pytrace=False)
    with _chromium() as driver:
        yield driver
