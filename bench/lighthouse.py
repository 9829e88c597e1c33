"""Lighthouse performance of every dashboard page in LV and EN, against a stock Dash app.

Lighthouse's default (mobile) preset is what the targets are stated in: a phone-sized screen,
simulated slow 4G (150 ms round trip, 1.6 Mbit/s down) and a 4x CPU slowdown. The throttling is
simulated: the page loads at this machine's full speed and Lighthouse computes the metrics from
the trace, so the times (TBT above all) scale with this machine's CPU. That is why the stock
one-chart Dash app (``bench/baseline_app.py``) is measured in the same run, interleaved with the
dashboard's pages, and the ``perf x`` and ``kB x`` columns give our performance score and
transfer as ratios of its figures: those compare across machines, the absolute numbers do not.

Both apps run under gunicorn as the ``Procfile``'s ``web:`` command runs the dashboard (2
``gthread`` workers x 8 threads; the baseline with its app module in place of
``dashboard.wsgi:server``), on free loopback ports; the dashboard on a throwaway SQLite
database seeded by ``remigration init-db`` (the real record). Each URL gets one plain GET to
warm the server (plus a burst, see ``warm``), then ``--runs`` Lighthouse runs (pinned in
``bench/package.json``, installed with ``npm ci`` when missing, run with Debian's Chromium;
nothing downloads a browser). Figures are medians of the runs; a row whose page had requests
fail (HTTP >= 400) is marked as not valid. A benchmark reports, it does not fail: the exit
status is 0 whatever the scores, non-zero only if Lighthouse produces no report.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--pages / /map] [--langs lv en] [--keep]
    .venv/bin/python bench/lighthouse.py --url http://127.0.0.1:8050 [--baseline-url URL]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from page_weight import free_port, seeded_env, wait_up

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
BIN = Path(sys.executable).parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
PAGES = ["/", "/map", "/contacts", "/funding", "/data", "/about"]
LANGS = ["lv", "en"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --disable-dev-shm-usage"
)
# Never let npm, puppeteer or Lighthouse fetch a browser: Debian's Chromium is the browser.
NO_DOWNLOAD = {
    "CHROME_PATH": "/usr/bin/chromium",
    "PUPPETEER_SKIP_DOWNLOAD": "1",
    "PUPPETEER_SKIP_CHROMIUM_DOWNLOAD": "1",
    "PUPPETEER_SKIP_CHROME_HEADLESS_SHELL_DOWNLOAD": "1",
}
AUDITS = {
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "fcp_ms": "first-contentful-paint",
    "si_ms": "speed-index",
    "bytes": "total-byte-weight",
}
STOCK = "stock one-chart Dash app"


class LighthouseError(RuntimeError):
    pass


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    print("installing the pinned Lighthouse: npm ci in bench/", file=sys.stderr)
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund"],
        cwd=BENCH,
        env={**os.environ, **NO_DOWNLOAD},
        check=True,
    )


def serve(app: str, port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    """The Procfile's ``web:`` command (``app`` in place of the dashboard's) on ``port``."""
    procfile = (REPO / "Procfile").read_text().splitlines()
    web = next(line[4:] for line in procfile if line.startswith("web:"))
    web = web.strip().replace("dashboard.wsgi:server", app)
    return subprocess.Popen(
        ["bash", "-c", f"exec {web}"],
        cwd=REPO,
        env={
            **env,
            "PATH": os.pathsep.join([str(BIN), env.get("PATH", "")]),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
        },
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


def warm(urls: list[str], firsts: list[str]) -> None:
    """One plain GET of each URL (retried until its server is up), then 16 parallel GETs of
    each server's first URL so that every gunicorn worker has had its first request: Dash 4.4
    registers its script paths during a worker's first request, and script requests reaching
    that worker meanwhile fail with HTTP 500 (seen here with the stock app)."""
    for url in urls:
        wait_up(url)
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(wait_up, [url for url in firsts for _ in range(16)]))


def lighthouse(url: str, report: Path, tmp: Path) -> dict[str, float]:
    """One Lighthouse run (mobile preset, performance only): the figures from its report."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=performance",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    proc = subprocess.Popen(
        command,
        cwd=report.parent,
        env={**os.environ, **NO_DOWNLOAD, "TMPDIR": str(tmp)},  # Chrome's profile goes in tmp
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        output, _ = proc.communicate()
    except BaseException:  # SIGINT lets chrome-launcher close Chrome before Lighthouse exits
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        raise
    if proc.returncode != 0 or not report.exists():
        tail = output.strip()[-2000:]
        raise LighthouseError(f"Lighthouse failed on {url} (exit {proc.returncode}): {tail}")
    result = json.loads(report.read_text())
    score = result["categories"]["performance"]["score"]
    if result.get("runtimeError") or score is None:
        raise LighthouseError(f"Lighthouse gave no score for {url}: {result.get('runtimeError')}")
    figures = {"perf": round(score * 100)}
    for key, audit in AUDITS.items():
        value = result["audits"][audit].get("numericValue")
        if value is None:
            raise LighthouseError(f"Lighthouse gave no {audit} for {url}")
        figures[key] = value
    # A page whose own files failed (a 500 from the server) was not really measured: say so.
    requests = result["audits"]["network-requests"]["details"]["items"]
    figures["failed"] = sum(item.get("statusCode", 0) >= 400 for item in requests)
    return figures


def meets_targets(m: dict[str, float]) -> bool:
    met = m["perf"] >= 90 and m["cls"] <= 0.1 and m["lcp_ms"] <= 2500 and m["tbt_ms"] <= 200
    return met and not m["failed"]


def row(label: str, lang: str, m: dict[str, float], stock: dict[str, float] | None) -> str:
    perf_x = f"{m['perf'] / stock['perf']:6.2f}" if stock and stock["perf"] else f"{'':6}"
    kb_x = f"{m['bytes'] / stock['bytes']:6.2f}" if stock and stock["bytes"] else f"{'':6}"
    return (
        f"{label:10}{lang:>5}{m['perf']:6.0f}{m['lcp_ms'] / 1000:8.2f}{m['tbt_ms']:8.0f}"
        f"{m['cls']:7.3f}{m['fcp_ms'] / 1000:7.2f}{m['si_ms'] / 1000:7.2f}{m['bytes'] / 1000:8.1f}"
        f"  {perf_x}{kb_x}"
    ).rstrip()


def flag(m: dict[str, float]) -> str:
    return f"  ! {m['failed']} requests failed (HTTP >= 400): not valid" if m["failed"] else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="+", default=PAGES, metavar="PATH")
    parser.add_argument("--langs", nargs="+", default=LANGS, choices=LANGS)
    keep = "keep the JSON reports and server logs (in DIR, or a new temporary directory)"
    parser.add_argument("--keep", nargs="?", const="", metavar="DIR", help=keep)
    parser.add_argument("--url", help="measure this running dashboard instead of starting one")
    parser.add_argument("--baseline-url", help="with --url: the running stock app to compare")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the servers are stopped
    ensure_lighthouse()

    work = Path(tempfile.mkdtemp(prefix="bench-lighthouse-"))
    if args.keep is None:
        reports = work / "reports"
    elif args.keep:
        reports = Path(args.keep).resolve()
    else:
        reports = Path(tempfile.mkdtemp(prefix="lighthouse-reports-"))
    reports.mkdir(parents=True, exist_ok=True)
    procs: list[subprocess.Popen] = []
    try:
        if args.url:
            base, stock_base = args.url.rstrip("/"), args.baseline_url
        else:
            ours_env = seeded_env(work)
            ports = {"dashboard": free_port(), "baseline": free_port()}
            plain_env = {**os.environ, "PYTHONPATH": str(REPO)}
            procs.append(
                serve("dashboard.wsgi:server", ports["dashboard"], ours_env, work / "dash.log")
            )
            procs.append(
                serve("bench.baseline_app:server", ports["baseline"], plain_env, work / "base.log")
            )
            base = f"http://127.0.0.1:{ports['dashboard']}"
            stock_base = f"http://127.0.0.1:{ports['baseline']}"
        targets = [
            (page, lang, f"{base}{page}?lang={lang}") for page in args.pages for lang in args.langs
        ]
        if stock_base:
            targets.append((STOCK, "", stock_base.rstrip("/") + "/"))
        warm([url for _, _, url in targets], [targets[0][2], targets[-1][2]])
        runs: dict[str, list[dict[str, float]]] = {url: [] for _, _, url in targets}
        # Interleaved (every URL once, then again) so drift hits the dashboard and stock alike.
        for run in range(args.runs):
            for i, (page, lang, url) in enumerate(targets):
                name = "stock" if page == STOCK else f"{page.strip('/') or 'index'}-{lang}"
                name = name.replace("/", "-")
                figures = lighthouse(url, reports / f"{name}-run{run + 1}.json", work)
                runs[url].append(figures)
                print(
                    f"run {run + 1}/{args.runs}, {i + 1}/{len(targets)}: {page} {lang}".rstrip()
                    + f" perf {figures['perf']:.0f}"
                    + (f", {figures['failed']} requests FAILED" if figures["failed"] else ""),
                    file=sys.stderr,
                )
    except (LighthouseError, subprocess.CalledProcessError, RuntimeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        for proc in procs:
            stop(proc)
        if args.keep is not None:  # the servers' logs beside the reports
            for log in work.glob("*.log"):
                shutil.copy(log, reports)
        shutil.rmtree(work, ignore_errors=True)

    medians = {
        url: {k: statistics.median(r[k] for r in results) for k in results[0]}
        | {"failed": sum(r["failed"] for r in results)}  # requests that failed, over all runs
        for url, results in runs.items()
    }
    stock = medians[targets[-1][2]] if stock_base else None
    version = json.loads((BENCH / "package.json").read_text())["dependencies"]["lighthouse"]
    ours = [(page, lang, medians[url]) for page, lang, url in targets if page != STOCK]
    print(
        f"Lighthouse {version} mobile preset (simulated slow 4G, 4x CPU), performance only, "
        f"median of {args.runs} run(s); dashboard at {base}"
    )
    print(
        f"{'page':10}{'lang':>5}{'perf':>6}{'LCP s':>8}{'TBT ms':>8}{'CLS':>7}{'FCP s':>7}"
        f"{'SI s':>7}{'kB':>8}  {'perf x':>6}{'kB x':>6}  (x = ratio to the stock app)"
    )
    for page, lang, m in ours:
        print(row(page, lang, m, stock) + ("  meets targets" if meets_targets(m) else "") + flag(m))
    if stock:
        print(STOCK)
        print(row("/", "", stock, None) + flag(stock))
    met = sum(meets_targets(m) for _, _, m in ours)
    print(
        "targets: performance >= 90, CLS <= 0.1, LCP <= 2.5 s, TBT <= 200 ms: "
        f"{met} of {len(ours)} page x lang rows meet all"
    )
    if args.keep is not None:
        print(f"JSON reports kept in {reports}")
    dashboard = [{"page": p, "lang": lang, **m} for p, lang, m in ours]
    print(json.dumps({"runs": args.runs, "dashboard": dashboard, "baseline": stock}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
