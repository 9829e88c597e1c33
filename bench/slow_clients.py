"""Slow clients against bare gunicorn and against ``make serve-production`` (nginx in front).

The attack of issue 10's review: ``--connections`` (60) connections that each send one request
header line every ``--interval`` (4) seconds and never finish the header; a connection the server
closes is opened again at once, so the count holds for the whole ``--seconds`` (30). Meanwhile a
monitor asks ``GET /healthz`` every second on a fresh connection with a 3 s timeout, as a load
balancer would. Each target is first polled for ``--quiet-seconds`` (10) without the attack.

Targets, side by side in one run, on one throwaway SQLite database seeded by the Procfile's
``release:`` step:

* bare gunicorn: the Procfile's ``web:`` command unchanged, with ``GUNICORN_BIND`` on a free
  loopback port (2 gthread workers × 8 threads);
* serve-production: ``deploy/serve_production.py`` (nginx on a loopback port in front of the same
  command on a unix socket).

Printed for each: the share of polls answered 200 within 3 s, and the p50/p95 of the poll
latency (a poll that timed out counts as "> 3000 ms"); the quiet p50 of serve-production over
that of bare gunicorn is the cost of the extra hop.

    apt-get install -y nginx   # Debian's
    .venv/bin/python bench/slow_clients.py [--connections 60] [--interval 4] [--seconds 30]
"""

from __future__ import annotations

import argparse
import http.client
import os
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
POLL_TIMEOUT = 3.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def poll(port: int) -> float | None:
    """Seconds until ``/healthz`` answered 200 on a fresh connection; ``None`` otherwise."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=POLL_TIMEOUT)
    try:
        conn.request("GET", "/healthz")
        response = conn.getresponse()
        response.read()
        ok = response.status == 200
    except OSError:
        return None
    finally:
        conn.close()
    elapsed = time.perf_counter() - started
    return elapsed if ok and elapsed <= POLL_TIMEOUT else None


def monitor(port: int, seconds: float) -> list[float | None]:
    """One poll a second (or right after the previous one, if it took longer)."""
    results: list[float | None] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        results.append(poll(port))
        time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
    return results


def _closed(conn: socket.socket) -> bool:
    readable, _, _ = select.select([conn], [], [], 0)
    return bool(readable) and conn.recv(1, socket.MSG_PEEK) == b""


def slow_clients(port: int, count: int, interval: float, stop: threading.Event) -> None:
    """``count`` connections sending one header line each every ``interval`` seconds."""

    def connect() -> socket.socket:
        conn = socket.create_connection(("127.0.0.1", port), timeout=5)
        conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        return conn

    conns = [connect() for _ in range(count)]
    line = 0
    try:
        while not stop.wait(interval):
            for i in range(count):
                data = f"X-Slow-{line}: 1\r\n".encode()
                line += 1
                try:
                    if _closed(conns[i]):
                        raise ConnectionResetError
                    conns[i].sendall(data)
                except OSError:
                    conns[i].close()
                    try:
                        conns[i] = connect()
                    except OSError:
                        continue  # the server is not accepting; try again next round
    finally:
        for conn in conns:
            conn.close()


def under_attack(port: int, args: argparse.Namespace) -> list[float | None]:
    stop = threading.Event()
    attack = threading.Thread(
        target=slow_clients, args=(port, args.connections, args.interval, stop), daemon=True
    )
    attack.start()
    time.sleep(1)  # every connection is open before the first poll
    try:
        return monitor(port, args.seconds)
    finally:
        stop.set()
        attack.join(timeout=30)


def wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while poll(port) is None:
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the server on port {port} did not come up")
        time.sleep(0.3)


@contextmanager
def running(argv: list[str], env: dict[str, str], log: Path, port: int) -> Iterator[None]:
    proc = subprocess.Popen(
        argv,
        cwd=REPO,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_healthy(port, proc)
        yield
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def measure(argv: list[str], env: dict[str, str], log: Path, port: int, args) -> dict:
    with running(argv, env, log, port):
        quiet = monitor(port, args.quiet_seconds)
        attacked = under_attack(port, args)
        time.sleep(args.interval)  # let the server drop the attackers before it is stopped
    return {"quiet": quiet, "attack": attacked}


def summary(results: list[float | None]) -> tuple[str, str, str]:
    """(answered share, p50, p95) with timed-out polls ranked as slower than any answer."""
    answered = [r for r in results if r is not None]
    ranked = sorted(answered) + [float("inf")] * (len(results) - len(answered))

    def ms(q: float) -> str:
        value = ranked[min(len(ranked) - 1, int(q * len(ranked)))]
        if value == float("inf"):
            return f"> {POLL_TIMEOUT * 1000:.0f} ms"
        return f"{value * 1000:.1f} ms"

    share = f"{len(answered)}/{len(results)} ({100 * len(answered) / len(results):.0f} %)"
    return share, ms(0.50), ms(0.95)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=60)
    parser.add_argument("--interval", type=float, default=4.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--quiet-seconds", type=float, default=10.0)
    args = parser.parse_args()
    search = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin"])
    if shutil.which("nginx", path=search) is None:
        print("nginx is not installed (apt-get install -y nginx)", file=sys.stderr)
        return 1

    sys.path.insert(0, str(REPO / "deploy"))
    from serve_production import procfile_commands

    commands = procfile_commands()
    work = Path(tempfile.mkdtemp(prefix="slow-clients-"))
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", "")]),
        "PYTHONPATH": str(REPO),
        "INSTANCE_PATH": str(work / "instance"),
        "SECRET_KEY": "bench",
    }
    try:
        subprocess.run(
            ["bash", "-c", commands["release"]], env=env, check=True, cwd=REPO, capture_output=True
        )
        bare_port, proxied_port = free_port(), free_port()
        bare = measure(
            ["bash", "-c", f"exec {commands['web']}"],
            {**env, "GUNICORN_BIND": f"127.0.0.1:{bare_port}"},
            work / "gunicorn.log",
            bare_port,
            args,
        )
        proxied = measure(
            [
                sys.executable,
                str(REPO / "deploy" / "serve_production.py"),
                "--port",
                str(proxied_port),
            ],
            env,
            work / "serve-production.log",
            proxied_port,
            args,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(
        f"/healthz polled every 1 s (timeout {POLL_TIMEOUT:.0f} s) during {args.seconds:.0f} s of "
        f"{args.connections} slow clients (one header line every {args.interval:g} s each)"
    )
    print(f"{'':34}{'bare gunicorn':>18}{'serve-production':>20}")
    for phase, label in (("quiet", "quiet"), ("attack", "under attack")):
        rows = zip(summary(bare[phase]), summary(proxied[phase]), strict=True)
        for name, (b, p) in zip(("answered within 3 s", "p50", "p95"), rows, strict=True):
            print(f"{label + ', ' + name:34}{b:>18}{p:>20}")
    bare_quiet = [r for r in bare["quiet"] if r is not None]
    proxied_quiet = [r for r in proxied["quiet"] if r is not None]
    if bare_quiet and proxied_quiet:
        ratio = statistics.median(proxied_quiet) / statistics.median(bare_quiet)
        print(f"quiet p50, serve-production / bare gunicorn: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
