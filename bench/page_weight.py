"""Benchmark 1 of issue 6: first-visit weight and time to first chart, against a stock Dash app.

Starts both apps under gunicorn (2 workers each) side by side in one run: the baseline
(``bench/baseline_app.py``: one dropdown, one ``px.bar``, ``compress=True``, Dash's full Plotly
bundle) and the dashboard (a throwaway SQLite database seeded by ``remigration init-db``). For
each, headless Chromium (Debian's) with an empty profile opens ``/`` ``--runs`` times and we read,
from the DevTools network events, the bytes transferred (``encodedDataLength``: compressed body
plus headers) and the number of requests, and from the page the time from navigation start until
the first chart's SVG exists. A second visit in the same browser measures the repeat-visit
transfer. Figures are medians; the ratios are what the targets are stated in.

    .venv/bin/python bench/page_weight.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHROME_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--window-size=1366,900",
]
# The first chart on screen: Plotly's (the stock app) or the server's picture of it (the
# dashboard's charts until a reader touches them, ``dashboard/figures/facade.py``).
FIRST_CHART_JS = """
window.__firstChart = null;
new MutationObserver(function (m, obs) {
  if (document.querySelector('.js-plotly-plot .main-svg g.trace, .chart-facade .facade-bar')) {
    window.__firstChart = performance.now();
    obs.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up")


def seeded_env(work: Path) -> dict[str, str]:
    """Environment for the dashboard on a throwaway SQLite database in ``work``, seeded by
    ``remigration init-db`` (real seed figures), with the file-system cache of a single host."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "DATABASE_URL": f"sqlite:///{work}/bench.db",
        "INSTANCE_PATH": str(work / "instance"),
        "SECRET_KEY": "bench",
    }
    env.pop("REDIS_URL", None)
    subprocess.run([str(BIN / "remigration"), "init-db"], env=env, check=True, capture_output=True)
    return env


def start(app: str, port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", app],
        cwd=REPO,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def visit(driver: webdriver.Chrome, url: str) -> dict[str, float]:
    driver.get_log("performance")  # drain
    driver.get(url)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        first = driver.execute_script("return window.__firstChart;")
        if first:
            break
        time.sleep(0.05)
    else:
        raise RuntimeError(f"no chart at {url}")
    time.sleep(1.5)  # let late requests (callbacks after the first chart) finish
    sent, finished = 0, 0.0
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            sent += 1
        elif message["method"] == "Network.loadingFinished":
            finished += message["params"]["encodedDataLength"]
    return {"bytes": finished, "requests": sent, "first_chart_ms": first}


def measure(url: str, runs: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    for _ in range(runs):
        profile = tempfile.mkdtemp(prefix="bench-chrome-")
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for arg in [*CHROME_ARGS, f"--user-data-dir={profile}"]:
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            driver.execute_cdp_cmd("Network.enable", {})
            driver.execute_cdp_cmd(
                "Page.addScriptToEvaluateOnNewDocument", {"source": FIRST_CHART_JS}
            )
            first = visit(driver, url)
            repeat = visit(driver, url)
        finally:
            driver.quit()
            shutil.rmtree(profile, ignore_errors=True)
        for key, value in first.items():
            results.setdefault(key, []).append(value)
        results.setdefault("repeat_bytes", []).append(repeat["bytes"])
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("SE_OFFLINE", "true")
    work = Path(tempfile.mkdtemp(prefix="bench-weight-"))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    ours_env = seeded_env(work)
    ports = {"baseline": free_port(), "dashboard": free_port()}
    procs = [
        start("bench.baseline_app:server", ports["baseline"], env, work / "baseline.log"),
        start("dashboard.wsgi:server", ports["dashboard"], ours_env, work / "dashboard.log"),
    ]
    try:
        figures = {}
        for name, port in ports.items():
            url = f"http://127.0.0.1:{port}/"
            wait_up(url)
            figures[name] = {k: statistics.median(v) for k, v in measure(url, args.runs).items()}
    finally:
        for proc in procs:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)

    base, ours = figures["baseline"], figures["dashboard"]
    print(f"page weight, median of {args.runs} first visits (headless Chromium, gunicorn -w 2)")
    print(f"{'':24}{'baseline':>12}{'dashboard':>12}{'ratio':>8}  target")
    rows = [
        ("first visit, kB", "bytes", 1 / 1000, "<= 0.45x"),
        ("requests", "requests", 1, ""),
        ("first chart, ms", "first_chart_ms", 1, "<= 0.60x"),
        ("repeat visit, kB", "repeat_bytes", 1 / 1000, "<= 50 kB"),
    ]
    for label, key, scale, target in rows:
        ratio = ours[key] / base[key] if base[key] else float("nan")
        print(f"{label:24}{base[key] * scale:12.1f}{ours[key] * scale:12.1f}{ratio:8.2f}  {target}")
    print(json.dumps({"baseline": base, "dashboard": ours}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
