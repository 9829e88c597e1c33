"""Upload validation time as files grow: 1 000, 10 000 and 100 000 rows in adversarial shapes.

Every file is SYNTHETIC, made here from a seeded pattern (invented regions "S001"…, small
invented counts, names starting ``SYNTHETIC-``); nothing resembles the programme's statistics.
Each shape stresses one step of ``validate_upload``:

* ``clean``: distinct valid rows (40 invented regions x 3 metrics x months), nothing wrong;
* ``clean-xlsx``: the same rows as an Excel workbook (every part parsed before openpyxl reads it);
* ``same-key``: every row the same region, metric and period (all but one are duplicates);
* ``overlapping``: one region and metric, every row a different period, all overlapping;
* ``errors``: every row has an unknown region and a value that is not a number;
* ``unknown-periods``: every row a different unrecognised period label, against a database
  that knows one period per five rows (a long history);
* ``published-history``: the clean file again, every value already published (m = n);
* ``published-overlap``: the overlapping file with replace, against n published values of the
  same region and metric whose periods all overlap every row.

Each size runs in its own process (``--worker``) and times ``validate_upload`` alone, best of 3
below 100 000 rows, 1 run at 100 000. The ratio 100k/10k is about 10 for O(n log n) and 100 for
quadratic work. ``--compare REF`` runs the same shapes against ``dashboard/`` as it is at the git
revision REF (e.g. ``main``, before the O(n log n) validator) and says for each case whether both
gave the same report; a case over ``--timeout`` seconds is stopped and shown as ``>`` that.

    .venv/bin/python bench/upload_validation.py [--sizes 1000,10000,100000] [--compare main]
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHAPES = (
    "clean",
    "clean-xlsx",
    "same-key",
    "overlapping",
    "errors",
    "unknown-periods",
    "published-history",
    "published-overlap",
)
TODAY = dt.date(2026, 1, 1)
REGIONS = 40
METRICS = (
    ("families_returned", "Families"),
    ("people_returned", "People"),
    ("offers_prepared", "Offers"),
)
FIRST_MONTH = 1900 * 12  # months counted from year 0, January; 1900-01 is the first accepted


def _month(index: int) -> tuple[dt.date, dt.date]:
    year, month = divmod(FIRST_MONTH + index, 12)
    return dt.date(year, month + 1, 1), dt.date(
        year, month + 1, calendar.monthrange(year, month + 1)[1]
    )


def _label(first: int, last: int) -> str:
    (start, _), (end, _) = _month(first), _month(last)
    return f"{start:%Y-%m}" if first == last else f"{start:%Y-%m}..{end:%Y-%m}"


def _overlapping_spans(n: int) -> list[tuple[int, int]]:
    """n distinct month spans that all contain months 700..750, all before 2026."""
    return [(i % 700, 750 + (i // 700)) for i in range(n)]


def _clean_rows(n: int) -> list[tuple[int, int, int, int]]:
    """(month, region, metric, value) for n distinct keys; families never exceed people."""
    rows = []
    for i in range(n):
        metric = i % 3
        region = (i // 3) % REGIONS
        month = i // (3 * REGIONS)
        families = 1 + (month + region) % 5
        value = (families, families + 3, 2)[metric]
        rows.append((month, region, metric, value))
    return rows


def make_case(shape: str, n: int) -> tuple[bytes, str, Any, bool]:
    """(file bytes, file name, Reference, replace) for one SYNTHETIC case."""
    from dashboard.ingest import PublishedValue, Reference, RefMetric, RefPeriod, RefRegion
    from dashboard.ingest.periods import make_spec

    regions = [
        RefRegion(
            f"s{r:03d}", f"S{r:03d}", f"S{r:03d}", f"Sintētisks {r:03d}", f"Synthetic {r:03d}"
        )
        for r in range(REGIONS)
    ]
    metrics = [
        RefMetric(code, f"{name} (sintētisks)", f"{name} (synthetic)") for code, name in METRICS
    ]
    periods: list[Any] = []
    published: list[Any] = []
    replace = False
    lines: list[list[str]] = [["period", "region", "metric", "value"]]
    if shape in ("clean", "clean-xlsx", "published-history"):
        for month, region, metric, value in _clean_rows(n):
            lines.append([_label(month, month), f"S{region:03d}", METRICS[metric][1], str(value)])
            if shape == "published-history":
                start, end = _month(month)
                code = make_spec(start, end).code
                published.append(
                    PublishedValue(start, end, code, f"s{region:03d}", METRICS[metric][0], value, 1)
                )
    elif shape == "same-key":
        lines += [["2020-Q1", "S001", "Offers", str(i % 7)] for i in range(n)]
    elif shape == "overlapping":
        lines += [
            [_label(a, b), "S001", "Offers", str(i % 7)]
            for i, (a, b) in enumerate(_overlapping_spans(n))
        ]
    elif shape == "errors":
        lines += [["2020-Q1", f"Nowhere {i % 97}", "Offers", f"n/a {i % 13}"] for i in range(n)]
    elif shape == "unknown-periods":
        lines += [[f"Synthetic period {i:06d}", "S001", "Offers", "1"] for i in range(n)]
        for a, b in _overlapping_spans(n // 5):
            spec = make_spec(_month(a)[0], _month(b)[1])
            periods.append(
                RefPeriod(
                    spec.code, spec.start, spec.end, spec.label_lv, spec.label_en, spec.months
                )
            )
    elif shape == "published-overlap":
        replace = True
        spans = _overlapping_spans(n)
        lines += [[_label(a, b), "S001", "Offers", str(i % 7)] for i, (a, b) in enumerate(spans)]
        for i, (a, b) in enumerate(spans):
            start, end = _month(a + 1)[0], _month(b)[1]
            code = make_spec(start, end).code
            published.append(
                PublishedValue(start, end, code, "s001", "offers_prepared", i % 5, 1 + i % 3)
            )
    else:
        raise SystemExit(f"unknown shape {shape}")
    reference = Reference(regions=regions, metrics=metrics, periods=periods, published=published)
    if shape == "clean-xlsx":
        return _xlsx(lines[: n + 1]), f"SYNTHETIC-{shape}-{n}.xlsx", reference, replace
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(lines[: n + 1])
    return buffer.getvalue().encode(), f"SYNTHETIC-{shape}-{n}.csv", reference, replace


def _xlsx(lines: list[list[str]]) -> bytes:
    """The rows as a one-sheet workbook ("dati"), counts as numbers, written by openpyxl."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("dati")
    sheet.append(lines[0])
    for period, region, metric, value in lines[1:]:
        sheet.append([period, region, metric, int(value)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def worker(shape: str, n: int) -> None:
    """Time ``validate_upload`` on one case in this process; print one JSON line."""
    from dashboard.ingest import validate_upload

    data, name, reference, replace = make_case(shape, n)
    best = float("inf")
    report = None
    for _ in range(3 if n < 100_000 else 1):
        started = time.perf_counter()
        report = validate_upload(data, name, reference, today=TODAY, replace=replace)
        best = min(best, time.perf_counter() - started)
    assert report is not None
    result = report.to_dict()
    # The order of "superseded" is not part of the contract (the old code followed the file,
    # the new one the published list); the file's hash and size differ between two runs for a
    # workbook (openpyxl stamps the time into it). Everything else must match exactly.
    del result["sha256"], result["size"]
    result["superseded"] = sorted(result["superseded"], key=lambda p: json.dumps(p, sort_keys=True))
    digest = hashlib.sha256(json.dumps(result, sort_keys=True).encode()).hexdigest()[:12]
    print(
        json.dumps(
            {
                "name": name,
                "seconds": best,
                "bytes": len(data),
                "errors": len(report.errors),
                "warnings": len(report.warnings),
                "rows": len(report.rows),
                "digest": digest,
            }
        )
    )


def run(root: Path, shape: str, n: int, timeout: float) -> dict[str, Any] | None:
    """One case in a fresh process importing ``dashboard`` from ``root``; None on timeout."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", shape, str(n)]
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=timeout, check=True
        )
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"{shape} {n} failed under {root}:\n{exc.stderr}") from exc
    return json.loads(done.stdout.strip().splitlines()[-1])


def _summary(r: dict[str, Any] | None) -> str:
    if r is None:
        return "stopped"
    counts = f"{r['errors']} errors, {r['warnings']} warnings, {r['rows']} rows"
    return f"{r['name']} ({r['bytes']:,} bytes): {r['seconds']:.3f} s, {counts}"


def checkout(ref: str, into: Path) -> Path:
    """``dashboard/`` as it is at git revision ``ref``, unpacked under ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", ref, "dashboard"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def table(
    title: str,
    results: dict[tuple[str, int], dict[str, Any] | None],
    sizes: list[int],
    timeout: float,
) -> None:
    print(f"\n{title}")
    head = f"{'shape':<19}" + "".join(f"{n:>12,}" for n in sizes)
    if 10_000 in sizes and 100_000 in sizes:
        head += f"{'100k/10k':>10}"
    print(head + "   (seconds in validate_upload; SYNTHETIC files)")
    for shape in SHAPES:
        if not any((shape, n) in results for n in sizes):
            continue
        cells = []
        for n in sizes:
            r = results.get((shape, n))
            cells.append(
                f"{'>' + format(timeout, 'g'):>12}" if r is None else f"{r['seconds']:>12.3f}"
            )
        line = f"{shape:<19}" + "".join(cells)
        if 10_000 in sizes and 100_000 in sizes:
            small, large = results.get((shape, 10_000)), results.get((shape, 100_000))
            line += (
                f"{large['seconds'] / small['seconds']:>10.1f}" if small and large else f"{'-':>10}"
            )
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--worker", nargs=2, metavar=("SHAPE", "ROWS"), help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument(
        "--compare", metavar="REF", help="also run dashboard/ as at this git revision"
    )
    parser.add_argument(
        "--timeout", type=float, default=300.0, help="seconds before a case is stopped"
    )
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], int(args.worker[1]))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = [s for s in args.shapes.split(",") if s]
    print("Upload validation on SYNTHETIC files made by this script (invented regions and counts).")
    with tempfile.TemporaryDirectory(prefix="upload-bench-") as tmp:
        roots = {"this tree": REPO}
        if args.compare:
            roots[f"git {args.compare}"] = checkout(args.compare, Path(tmp))
        results: dict[str, dict[tuple[str, int], dict[str, Any] | None]] = {}
        for label, root in roots.items():
            results[label] = {}
            for shape in shapes:
                for n in sizes:
                    r = run(root, shape, n, args.timeout)
                    results[label][(shape, n)] = r
                    print(f"  {label}: {shape} {n}: {_summary(r)}", flush=True)
        for label in roots:
            table(f"validate_upload, {label}", results[label], sizes, args.timeout)
        if args.compare:
            base = results[f"git {args.compare}"]
            now = results["this tree"]
            print("\nSame report from both (digest of the whole report):")
            for key, r in now.items():
                old = base.get(key)
                verdict = (
                    "old one stopped"
                    if old is None or r is None
                    else ("same" if old["digest"] == r["digest"] else "DIFFERENT")
                )
                print(f"  {key[0]:<19}{key[1]:>9,}  {verdict}")


if __name__ == "__main__":
    main()
