"""Benchmark 2 of issue 6: the overview's main chart callback under load, against a static file.

Starts the dashboard under gunicorn (2 sync workers, a seeded throwaway SQLite database and the
file-system cache, as on a single host without Redis), builds the exact request the browser
sends when a reader switches the metric to "people returned" (from ``/_dash-dependencies``), and
replays it with wrk at 16 connections; then the same server serves ``/assets/app.css`` under the
same load. Targets: callback throughput >= 0.5x the static file's, p99 <= 150 ms, no errors.

The two loads alternate for ``--rounds`` rounds and the medians are reported, with the ratio of
each round: single runs of this pair varied by 0.36-0.50x on one machine and one commit, which
once passed for a regression.

    apt-get install -y wrk   # Debian's
    .venv/bin/python bench/callback_throughput.py [--seconds 15] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import tempfile
import urllib.request
from pathlib import Path

from page_weight import free_port, seeded_env, start, wait_up

# What Chromium sends with every request (compression is part of the cost being measured).
ACCEPT_ENCODING = "gzip, deflate, br, zstd"
LUA = """
wrk.method = "POST"
wrk.body = [[%s]]
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept-Encoding"] = "ACCEPT_ENCODING"
""".replace("ACCEPT_ENCODING", ACCEPT_ENCODING)


def callback_body(base: str) -> str:
    with urllib.request.urlopen(f"{base}/_dash-dependencies", timeout=30) as response:
        deps = json.loads(response.read())
    dep = next(d for d in deps if "regions-chart-graph.figure" in d["output"])
    values = {
        "filter-regions": ["kurzeme", "latgale", "riga", "vidzeme", "zemgale"],
        "filter-metric": "people_returned",
        "filter-period-from": "2018-03..2018-12",
        "filter-period-to": "2020-01..2020-06",
        "filter-per-month": False,
        "overview-lang": "lv",
        "overview-release": None,
        "filter-granularity": "year",
    }
    outputs = [
        dict(zip(("id", "property"), part.rsplit(".", 1), strict=True))
        for part in dep["output"][2:-2].split("...")
    ]
    body = {
        "output": dep["output"],
        "outputs": outputs,
        "inputs": [{**i, "value": values[i["id"]]} for i in dep["inputs"]],
        "state": [{**s, "value": values[s["id"]]} for s in dep["state"]],
        "changedPropIds": ["filter-metric.value"],
    }
    text = json.dumps(body)
    request = urllib.request.Request(
        f"{base}/_dash-update-component",
        data=text.encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
    return text


def wrk(url: str, seconds: int, script: Path | None = None) -> dict[str, float]:
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url]
    if script is not None:
        command[1:1] = ["-s", str(script)]  # the script sets its own headers
    else:
        command += ["-H", f"Accept-Encoding: {ACCEPT_ENCODING}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def ms(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": ms("50"),
        "p99_ms": ms("99"),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("needs wrk: apt-get install -y wrk")
    work = Path(tempfile.mkdtemp(prefix="bench-callback-"))
    env = seeded_env(work)
    port = free_port()
    proc = start("dashboard.wsgi:server", port, env, work / "server.log")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_up(f"{base}/healthz")
        script = work / "callback.lua"
        script.write_text(LUA % callback_body(base))
        rounds = []
        for _ in range(args.rounds):
            callback = wrk(f"{base}/_dash-update-component", args.seconds, script)
            static = wrk(f"{base}/assets/app.css", args.seconds)
            rounds.append({"callback": callback, "static": static})
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)

    def median(name: str) -> dict[str, float]:
        runs = [r[name] for r in rounds]
        keys = ("rps", "p50_ms", "p99_ms")
        result = {k: statistics.median(r[k] for r in runs) for k in keys}
        return {**result, "errors": sum(r["errors"] for r in runs)}

    callback, static = median("callback"), median("static")
    ratios = [r["callback"]["rps"] / r["static"]["rps"] for r in rounds]
    workers = os.environ.get("GUNICORN_CMD_ARGS") or "(sync)"
    print(
        f"16 connections, {args.seconds} s each, gunicorn -w 2 {workers}; "
        f"medians of {args.rounds} alternating rounds"
    )
    print(f"{'':28}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
    for name, r in (("static file /assets/app.css", static), ("overview chart callback", callback)):
        print(f"{name:28}{r['rps']:10.1f}{r['p50_ms']:10.1f}{r['p99_ms']:10.1f}{r['errors']:8d}")
    print(
        f"callback / static throughput: {callback['rps'] / static['rps']:.2f} (target >= 0.5; "
        f"rounds {', '.join(f'{r:.2f}' for r in ratios)}); "
        f"callback p99 {callback['p99_ms']:.0f} ms (target <= 150)"
    )
    print(json.dumps({"static": static, "callback": callback, "rounds": rounds}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
