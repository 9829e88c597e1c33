"""Benchmark 3 of issue 6: overview and map callbacks as data grows from the seed to 100 000 rows.

For each size a fresh database is built: the seed (``remigration init-db``, 45 real figures) as
the baseline, then 1 000, 10 000 and 100 000 SYNTHETIC municipality-level quarterly observations
(``remigration bench-data``, labelled synthetic, never mixed with real data). The app is built
in-process (production settings: no testing mode, the file-system cache of a single host, or
Redis with ``--redis``) and each callback is sent exactly as the browser sends it, with the
widest filter a reader can pick (every region, first to last period):

* first: the callback's first answer after its page has been loaded (the page's HTML and its
  content in the default view, which a browser always fetches before it can send a filter
  change); the callback's own filter is not the default one (metric "people returned", a
  selected municipality), so its query results, figures and response are not in any cache;
* cold: every cache emptied (query results, figures, responses), stricter than any real
  first answer: it also pays the page's one pass over the observation table;
* cached: the same request again.

Targets: first answer <= 150 ms for every callback at 100 000 rows; cached at 100 000 rows
within 1.5x of the seed-size database. Cold is reported beside them.

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
        "overview-release": None,
        "filter-granularity": "year",
        "map-filter-metric": "people_returned",
        "map-filter-period": None,  # the latest year with figures
        "map-division": "2009",
        "map-selected": SELECTED_MUNICIPALITY,
        "map-via": None,
        "map-lang": "lv",
    }

    def dep(output: str) -> dict[str, Any]:
        return next(d for d in deps if output in d["output"].strip(".").split("..."))

    return {
        "overview (3 charts, cards)": _body(dep("regions-chart-graph.figure"), values),
        "map (figure, legend, table)": _body(dep("map-graph.figure"), values),
        "map panel (municipality)": _body(dep("map-panel.children"), values),
    }


PAGE_OF = {
    "overview (3 charts, cards)": "/",
    "map (figure, legend, table)": "/map",
    "map panel (municipality)": "/map",
}


def router_body(client: Any) -> str:
    """The page-content request dash-renderer sends after loading a page (path: PAGE)."""
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if "_pages_content.children" in d["output"])
    return json.dumps(
        {
            "output": dep["output"],
            "outputs": [
                dict(zip(("id", "property"), part.rsplit(".", 1), strict=True))
                for part in dep["output"][2:-2].split("...")
            ],
            "inputs": [
                {"id": "_pages_location", "property": "pathname", "value": "PAGE"},
                {"id": "_pages_location", "property": "search", "value": ""},
            ],
            "state": [],
            "changedPropIds": ["_pages_location.pathname"],
        }
    )


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
    from dashboard.config import Config
    from dashboard.db.session import get_db
    from dashboard.web.response_cache import get_store
    from dashboard.web.shared_cache import get_cache

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
            shared, responses = get_cache().cache, get_store()

        class _Caches:
            """Every cache a callback answer can come from: query results and figures (shared)
            and whole responses (per process)."""

            @staticmethod
            def clear() -> None:
                shared.clear()
                responses.clear()

        cache = _Caches()
        bodies = requests_for(app, client)
        with app.server.app_context(), get_db().engine.connect() as conn:
            results["rows"] = conn.execute(sa.text("SELECT count(*) FROM observation")).scalar()
        router = router_body(client)
        for name, body in bodies.items():
            page = PAGE_OF[name]
            cold, after_page, cached = [], [], []
            for _ in range(repeat):
                # Cold: every cache empty, as right after a publish with no reader yet.
                cache.clear()
                t0 = time.perf_counter()
                first = client.post("/_dash-update-component", data=body, headers=headers)
                cold.append((time.perf_counter() - t0) * 1000)
                # First after the page load: the page (its HTML and its content, drawn in its
                # default view) has been served, which any browser does before it can send
                # this callback; the callback's own filter is not the default one.
                cache.clear()
                assert client.get(page).status_code == 200
                shown = client.post(
                    "/_dash-update-component", data=router.replace("PAGE", page), headers=headers
                )
                assert shown.status_code == 200, shown.get_data()[:300]
                t1 = time.perf_counter()
                fresh = client.post("/_dash-update-component", data=body, headers=headers)
                t2 = time.perf_counter()
                second = client.post("/_dash-update-component", data=body, headers=headers)
                t3 = time.perf_counter()
                for response in (first, fresh, second):
                    assert response.status_code == 200, (name, response.get_data()[:300])
                assert fresh.headers.get("X-Cache") == "miss"
                assert second.headers.get("X-Cache") == "hit"
                after_page.append((t2 - t1) * 1000)
                cached.append((t3 - t2) * 1000)
            results[name] = {
                "cold_ms": statistics.median(cold),
                "first_ms": statistics.median(after_page),
                "first_max_ms": max(after_page),
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
    parser.add_argument("--measure", nargs=2, metavar=("URL", "WORKDIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:  # one size, in its own process (see below)
        url, work = args.measure
        print(json.dumps(measure(url, Path(work), args.redis, args.repeat), default=str))
        return 0
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
            # A fresh process per size, as in production (one app per worker process): apps
            # built earlier in the same process would leave their objects behind, and the
            # garbage collector's passes over them doubled the measured times.
            command = [sys.executable, __file__, "--repeat", str(args.repeat)]
            command += ["--measure", url, str(work)]
            if args.redis:
                command += ["--redis", args.redis]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            table[size] = json.loads(done.stdout.strip().splitlines()[-1])
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
    print(
        f"{'callback':30}{'data':>8}{'rows':>8}{'cold':>8}{'first':>8}{'max':>8}"
        f"{'cached':>8}{'kB':>7}"
    )
    for name in names:
        for size in sizes:
            r = table[size][name]
            print(
                f"{name:30}{size:>8}{table[size]['rows']:>8}{r['cold_ms']:8.1f}"
                f"{r['first_ms']:8.1f}{r['first_max_ms']:8.1f}{r['cached_ms']:8.2f}"
                f"{r['bytes'] / 1024:7.1f}"
            )
    print(
        "cold: every cache empty; first: the callback's first answer after its page was "
        "loaded (its own results not cached); cached: the same request again"
    )
    if "seed" in table and sizes[-1] != "seed":
        big = sizes[-1]
        print(f"\ntargets at {big} rows:")
        for name in names:
            first = table[big][name]["first_ms"]
            cold = table[big][name]["cold_ms"]
            ratio = table[big][name]["cached_ms"] / table["seed"][name]["cached_ms"]
            verdict = "ok" if first <= 150 and ratio <= 1.5 else "TARGET MISSED"
            print(
                f"  {name:30} first {first:6.1f} ms (<= 150; cold {cold:.0f} ms), "
                f"cached {ratio:4.2f}x seed (<= 1.5): {verdict}"
            )
    print(json.dumps(table))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
