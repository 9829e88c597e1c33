"""Tabular exports (CSV, XLSX, JSON) of the tidy observation dataset.

Every CSV/XLSX cell that a spreadsheet could read as a formula (starting with ``=``, ``+``, ``-``,
``@``, tab or CR) is prefixed with an apostrophe, so a download opened in Excel never runs a
formula smuggled in through an uploaded note. Numbers are written as numbers and left alone.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

TIDY_COLUMNS = [
    "period",
    "period_label",
    "period_start",
    "period_end",
    "region",
    "region_name",
    "metric",
    "unit",
    "value",
    "source_url",
    "release",
]


def escape_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells; pass other values through."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def tidy_records(rows: Iterable[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Project query rows onto the public tidy columns in ``lang``."""
    suffix = "en" if lang == "en" else "lv"
    return [
        {
            "period": r["period"],
            "period_label": r[f"period_label_{suffix}"],
            "period_start": r["period_start"].isoformat(),
            "period_end": r["period_end"].isoformat(),
            "region": r["region"],
            "region_name": r[f"region_name_{suffix}"],
            "metric": r["metric"],
            "unit": r["unit"],
            "value": r["value"],
            "source_url": r["source_url"] or "",
            "release": r["release"],
        }
        for r in rows
    ]


def to_csv(records: Sequence[dict[str, Any]], columns: Sequence[str] = TIDY_COLUMNS) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({c: escape_cell(record.get(c, "")) for c in columns})
    return buf.getvalue()


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(records: Sequence[dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=False, default=_json_default, indent=1)


def to_xlsx(records: Sequence[dict[str, Any]], columns: Sequence[str] = TIDY_COLUMNS) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(list(columns))
    for record in records:
        ws.append([escape_cell(record.get(c, "")) for c in columns])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
