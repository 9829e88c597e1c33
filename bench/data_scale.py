"""Benchmark 3 of issue 6: overview and map callbacks as data grows from the seed to 100 000 rows.

For each size a fresh database is built: the seed (``remigration init-db``, 45 real figures) as
the baseline, then 1 000, 10 000 and 100 000 SYNTHETIC municipality-level quarterly observations
(``remigration bench-data``, labelled synthetic, never mixed with real data). The app is built
in-process (production settings: no testing mode, the file-system cache of a single host, or
Redis with ``--redis``) and each callback is sent exactly as the browser sends it, with the
widest filter a reader can pick (every region, first to last period):

* uncached: every cache emptied before each request (query results, figures, responses);
* cached: the same request again.

Targets: uncached <= 150 ms for every callback at 100 000 rows; cached at 100 000 rows within
1.5x of the seed-size database.

    .venv/bin/python bench/data_scale.py [--backend sqlite|postgresql] [--repeat 7]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / ".venv" / "bin"
sys.path.insert(0, str(REPO))

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
SELECTED_MUNICIPALITY = "LV-DGV"  # Daugavpils: the map panel's figures, contacts and measures


def _body(dep: dict[str, Any], values: dict[str, Any]) -> str:
    outputs = [
        dict(zip(("id", "property"), part.rsplit(".", 1), strict=True))
        for part in (dep["output"][2:-2].split("...") if dep["output"].startswith("..") else [])
    ] or dict(zip(("id", "property"), dep["output"].rsplit(".", 1), strict=True))
    return json.dumps(
        {
            "output": dep["output"],
            "outputs": outputs,
            "inputs": [{**i, "value": values[i["id"]]} for i in dep["inputs"]],
            "state": [{**s, "value": values[s["id"]]} for s in dep["state"]],
            "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"],
        }
    )


def requests_for(app: Any, client: Any) -> dict[str, str]:
    """The bodies dash-renderer posts for the overview's and the map's data callbacks."""
    from dashboard import queries

    deps = client.get("/_dash-dependencies").get_json()
    with app.server.test_request_context():
        periods = [p["code"] for p in queries.periods()]  # oldest first
        regions = [r["code"] for r in queries.regions()]
    values = {
        "filter-regions": regions,
        "filter-metric": "people_returned",
        "filter-period-from": periods[0],
        "filter-period-to": periods[-1],
        "filter-per-month": False,
        "overview-lang": "lv",
        "map-filter-metric": "people_returned",
        "map-filter-period-from": periods[0],
        "map-filter-period-to": periods[-1],
        "map-filter-per-month": False,
        "map-selected": SELECTED_MUNICIPALITY,
        "map-lang": "lv",
    }

    def dep(output: str) -> dict[str, Any]:
        return next(d for d in deps if output in d["output"].strip(".").split("..."))

    return {
        "overview (3 charts, cards)": _body(dep("regions-chart-graph.figure"), values),
        "map (figure, legend, table)": _body(dep("map-graph.figure"), values),
        "map panel (municipality)": _body(dep("map-panel.children"), values),
    }


def build_database(size: str, url: str, work: Path) -> None:
    env = {**os.environ, "DATABASE_URL": url, "INSTANCE_PATH": str(work / "instance")}
    command = ["init-db"] if size == "seed" else ["bench-data", "--rows", size]
    subprocess.run([str(BIN / "remigration"), *command], env=env, check=True, capture_output=True)
    if url.startswith("postgresql"):
        # Settle the new tables now, so autovacuum does not compete with the measurement.
        engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))
        engine.dispose()


def measure(url: str, work: Path, redis_url: str | None, repeat: int) -> dict[str, Any]:
    from dashboard.app import create_app
    from dashboard.cache import get_cache
    from dashboard.config import Config
    from dashboard.db.session import get_db

    app = create_app(
        Config.from_env(
            database_url=url,
            instance_path=work / "instance",
            redis_url=redis_url,
            secret_key="bench",
        )
    )
    client = app.server.test_client()
    headers = {"Accept-Encoding": "gzip, deflate, br, zstd", "Content-Type": "application/json"}
    results: dict[str, Any] = {}
    try:
        with app.server.app_context():
            cache = get_cache().cache
        bodies = requests_for(app, client)
        with app.server.app_context(), get_db().engine.connect() as conn:
            results["rows"] = conn.execute(sa.text("SELECT count(*) FROM observation")).scalar()
        for name, body in bodies.items():
            uncached, cached = [], []
            for _ in range(repeat):
                cache.clear()
                t0 = time.perf_counter()
                first = client.post("/_dash-update-component", data=body, headers=headers)
                t1 = time.perf_counter()
                second = client.post("/_dash-update-component", data=body, headers=headers)
                t2 = time.perf_counter()
                assert first.status_code == second.status_code == 200, (
                    name,
                    first.get_data()[:300],
                )
                assert second.headers.get("X-Cache") == "hit"
                uncached.append((t1 - t0) * 1000)
                cached.append((t2 - t1) * 1000)
            results[name] = {
                "uncached_ms": statistics.median(uncached),
                "uncached_max_ms": max(uncached),
                "cached_ms": statistics.median(cached),
                "bytes": len(first.get_data()),
            }
    finally:
        get_db(app.server).dispose()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--sizes", default="seed,1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--redis", default=None, help="e.g. redis://127.0.0.1:6379/13")
    args = parser.parse_args()
    sizes = args.sizes.split(",")
    table: dict[str, dict[str, Any]] = {}
    for size in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"bench-scale-{size}-"))
        if args.backend == "sqlite":
            url = f"sqlite:///{work}/bench.db"
        else:
            name = f"bench_scale_{size}"
            admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                conn.execute(sa.text(f"CREATE DATABASE {name}"))
            url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
        try:
            build_database(size, url, work)
            table[size] = measure(url, work, args.redis, args.repeat)
        finally:
            shutil.rmtree(work, ignore_errors=True)
            if args.backend == "postgresql":
                with admin.connect() as conn:
                    conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                admin.dispose()
    names = [k for k in table[sizes[0]] if k != "rows"]
    print(
        f"backend {args.backend}, cache {'redis' if args.redis else 'filesystem'}, "
        f"median of {args.repeat}; ms"
    )
    print(f"{'callback':30}{'data':>10}{'rows':>9}{'uncached':>10}{'max':>8}{'cached':>8}{'kB':>7}")
    for name in names:
        for size in sizes:
            r = table[size][name]
            print(
                f"{name:30}{size:>10}{table[size]['rows']:>9}{r['uncached_ms']:10.1f}"
                f"{r['uncached_max_ms']:8.1f}{r['cached_ms']:8.2f}{r['bytes'] / 1024:7.1f}"
            )
    if "seed" in table and sizes[-1] != "seed":
        big = sizes[-1]
        print(f"\ntargets at {big} rows:")
        for name in names:
            uncached = table[big][name]["uncached_ms"]
            ratio = table[big][name]["cached_ms"] / table["seed"][name]["cached_ms"]
            verdict = "ok" if uncached <= 150 and ratio <= 1.5 else "TARGET MISSED"
            print(
                f"  {name:30} uncached {uncached:6.1f} ms (<= 150), cached {ratio:4.2f}x seed "
                f"(<= 1.5): {verdict}"
            )
    print(json.dumps(table))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
