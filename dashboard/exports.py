"""Tabular exports (CSV, XLSX, JSON) of the tidy observation dataset, the contact directory and
the funding table: the one home of their column lists (the API, its OpenAPI document, the
download routes and the CLI all use these).

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
from decimal import Decimal
from typing import Any

from dashboard.i18n import normalise_lang

FUNDING_COLUMNS = [
    "code",
    "parent",
    "title_lv",
    "title_en",
    "amount_eur",
    "amount_computed",
    "share_pct",
    "kind",
    "year",
    "period_start",
    "period_end",
    "source_title",
    "source_url",
]

# The public directory's columns: public fields only (no notes, no status).
CONTACT_COLUMNS = [
    "code",
    "name",
    "role_lv",
    "role_en",
    "organisation",
    "region",
    "municipality",
    "municipality_name",
    "email",
    "phone",
    "verified_on",
]

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# The tidy dataset's columns. The first eleven are the columns of the first API version, in
# their order and meaning (``region`` is the planning region: a municipality's own region in
# its division, empty for Latvia as a whole), so a client reading them by name or by position
# keeps working; every column after ``release`` was added with the geography levels and
# several sources per cell.
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
    "geo_level",
    "geo_code",
    "geo_name_lv",
    "geo_name_en",
    "division",
    "period_label_lv",
    "period_label_en",
    "months",
    "measure",
    "kind",
    "preferred",
    "reliability",
    "note",
    "source_title",
    "source_publisher",
    "source_published_on",
    "part_year",
]

# A download of "this view" (the overview's charts): the tidy columns, then the view's
# granularity, the slot each row is drawn in, and the value as drawn ("total" or "per_month").
VIEW_COLUMNS = [*TIDY_COLUMNS, "granularity", "slot", "shown_as", "value_shown"]


def is_part_year(start: dt.date, end: dt.date, months: int) -> bool:
    """Whether a period is part of one calendar year (2018-03..2018-12, a quarter, a month):
    such a figure cannot be set beside a full year's without saying so. Periods of whole years
    and periods across years (running totals) are not part years."""
    return start.year == end.year and months < 12


def escape_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells; pass other values through."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def published_on_text(on: dt.date | None, precision: str | None) -> str:
    """A source's publication date as precisely as the source states it: ``YYYY-MM-DD``,
    ``YYYY-MM`` for a month, empty when not stated."""
    if on is None:
        return ""
    return on.strftime("%Y-%m") if precision == "month" else on.isoformat()


def tidy_records(rows: Iterable[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Project ``queries.observation_rows`` onto :data:`TIDY_COLUMNS`, labels in ``lang``.

    Data columns stay language-neutral: what is absent (a national row's region, a municipal
    division elsewhere, a source that was not stated) is an empty string, never a translated
    placeholder, so the CSV, JSON and XLSX hold the same cells in both languages.
    """
    suffix = normalise_lang(lang)
    return [
        {
            "period": r["period"],
            "period_label": r[f"period_label_{suffix}"],
            "period_start": r["period_start"].isoformat(),
            "period_end": r["period_end"].isoformat(),
            "region": r["region"] or "",
            "region_name": r[f"region_name_{suffix}"] or "",
            "metric": r["metric"],
            "unit": r["unit"],
            "value": r["value"],
            "source_url": r["source_url"] or "",
            "release": r["release"],
            "geo_level": r["geo_level"],
            "geo_code": r["geo_code"],
            "geo_name_lv": r["geo_name_lv"],
            "geo_name_en": r["geo_name_en"],
            "division": r["division"] or "",
            "period_label_lv": r["period_label_lv"],
            "period_label_en": r["period_label_en"],
            "months": r["months"],
            "measure": r["metric"],
            "kind": r["kind"],
            "preferred": r["preferred"],
            "reliability": r["reliability"],
            "note": r["note"] or "",
            "source_title": r["source_title"] or "",
            "source_publisher": r["source_publisher"] or "",
            "source_published_on": published_on_text(
                r["source_published_on"], r["source_published_precision"]
            ),
            "part_year": is_part_year(r["period_start"], r["period_end"], r["months"]),
        }
        for r in rows
    ]


def _excel_cell(value: Any) -> Any:
    """A number as Latvian Excel reads it (decimal comma); other cells escaped as usual."""
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return escape_cell(value)


def to_csv(
    records: Sequence[dict[str, Any]], columns: Sequence[str] = TIDY_COLUMNS, *, excel: bool = False
) -> str:
    """RFC 4180 CSV (comma, CRLF, UTF-8); with ``excel`` the variant that Excel set to Latvian
    opens with a double click: a byte-order mark (else ā, ī and the en dash are garbled),
    semicolons (Latvian Excel's list separator) and decimal commas."""
    buf = io.StringIO()
    if excel:
        buf.write("\ufeff")
    writer = csv.DictWriter(
        buf, fieldnames=list(columns), lineterminator="\r\n", delimiter=";" if excel else ","
    )
    writer.writeheader()
    cell = _excel_cell if excel else escape_cell
    for record in records:
        writer.writerow({c: cell(record.get(c, "")) for c in columns})
    return buf.getvalue()


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(records: Sequence[dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=False, default=_json_default, indent=1)


def to_xlsx(
    records: Sequence[dict[str, Any]],
    columns: Sequence[str] = TIDY_COLUMNS,
    licence: Sequence[str] = (),
) -> bytes:
    """The records on a sheet "data"; ``licence`` (lines of text) on a second sheet "licence",
    so a workbook passed on carries its terms (a CSV carries them in the HTTP ``Link`` header
    and the data package: a line of prose would break its table)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(list(columns))
    for record in records:
        ws.append([escape_cell(record.get(c, "")) for c in columns])
    if licence:
        notes = wb.create_sheet("licence")
        for line in licence:
            notes.append([escape_cell(line)])
        notes.column_dimensions["A"].width = 120
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def funding_records(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Funding rows for the API and downloads; a part published only as a share of its total
    gets its amount computed (rounded to the cent) and flagged ``amount_computed``."""
    totals = {r["code"]: r["amount_eur"] for r in rows}
    records = []
    for r in rows:
        amount = r["amount_eur"]
        computed = False
        if amount is None and r["share_pct"] is not None and totals.get(r["parent_code"]):
            amount = (totals[r["parent_code"]] * r["share_pct"] / 100).quantize(Decimal("0.01"))
            computed = True
        source = r.get("source") or {}
        records.append(
            {
                "code": r["code"],
                "parent": r["parent_code"],
                "title_lv": r["title_lv"],
                "title_en": r["title_en"],
                "amount_eur": float(amount) if amount is not None else None,
                "amount_computed": computed,
                "share_pct": float(r["share_pct"]) if r["share_pct"] is not None else None,
                "kind": r["kind"],
                "year": r["year"],
                "period_start": r["period_start"].isoformat() if r["period_start"] else None,
                "period_end": r["period_end"].isoformat() if r["period_end"] else None,
                "source_title": source.get("title"),
                "source_url": source.get("url"),
            }
        )
    return records


def contact_records(contacts: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Project directory entries (``queries.contacts``) onto :data:`CONTACT_COLUMNS`."""
    return [
        {
            "code": c["code"],
            "name": c["name"],
            "role_lv": c["role_lv"],
            "role_en": c["role_en"],
            "organisation": c["organisation"],
            "region": (c.get("region") or {}).get("code"),
            "municipality": (c.get("municipality") or {}).get("code"),
            "municipality_name": (c.get("municipality") or {}).get("name_lv"),
            "email": c.get("email"),
            "phone": c.get("phone"),
            "verified_on": c["verified_on"].isoformat() if c.get("verified_on") else None,
        }
        for c in contacts
    ]
