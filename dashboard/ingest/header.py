"""Which row is the header, which layout the file has, and what each column holds.

Two layouts are accepted (``docs/UPLOAD_FORMAT.md``): *long*, one value per row under headers
such as "Periods / Period", and *wide*, the ministry's table with a column per region. The header
is the first row that names a field or a region; title rows above it are skipped with a warning.
Every column then gets a role, and a missing, duplicate or unknown column is reported against the
header row before any data row is read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from dashboard.i18n import N_, t
from dashboard.ingest.cells import cell_text
from dashboard.ingest.context import Header, Upload
from dashboard.ingest.grid import is_blank
from dashboard.ingest.names import is_total, words

HEADER_SCAN_ROWS = 10

# Header spellings, compared as folded words joined by "_" ("Source URL" → "source_url").
FIELD_ALIASES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "period": (
            "period",
            "periods",
            "laika_periods",
            "laikposms",
            "laika_posms",
            "gads",
            "year",
        ),
        "period_start": ("period_start", "start", "start_month", "perioda_sakums", "no_menesa"),
        "period_end": ("period_end", "end", "end_month", "perioda_beigas", "lidz_menesim"),
        "region": (
            "region",
            "regions",
            "planosanas_regions",
            "planning_region",
            "geo",
            "geography",
            "geografija",
            "teritorija",
            "territory",
        ),
        "geo_level": (
            "geo_level",
            "level",
            "limenis",
            "teritorijas_limenis",
            "geografijas_limenis",
        ),
        "parent_region": ("parent_region", "parent", "vecakregions", "augstaks_regions"),
        "metric": ("metric", "raditajs", "raditaji", "indicator", "metrika", "measure", "measures"),
        "value": ("value", "vertiba", "skaits", "count"),
        "source_url": ("source_url", "url", "avota_url", "avots_url", "saite", "avota_saite"),
        "source_title": ("source_title", "source", "avots", "avota_nosaukums", "source_name"),
        "source_publisher": (
            "source_publisher",
            "publisher",
            "izdevejs",
            "avota_izdevejs",
            "publicetajs",
        ),
        "source_published_on": (
            "source_published_on",
            "published_on",
            "publication_date",
            "published",
            "publicets",
            "publicesanas_datums",
            "avota_datums",
        ),
        "note": ("note", "notes", "piezime", "piezimes", "comment", "komentars", "remark"),
        "reliability": ("reliability", "uzticamiba", "ticamiba"),
    }
)
_FIELD_BY_KEY = MappingProxyType(
    {alias: name for name, aliases in FIELD_ALIASES.items() for alias in aliases}
)
_UNIT = N_("the unit comes from the measure's definition in the registry.")
# Columns of a well-made file (the dossier's figures.csv) that carry nothing an upload stores:
# ignored with a warning that says why, in either layout.
KNOWN_IGNORED: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(("unit", "units", "mervieniba", "merv", "vieniba"), _UNIT),
        "unit_as_published": _UNIT,
        "quote": N_("quotes are not read from uploads; an admin adds a quote to the source."),
        "citats": N_("quotes are not read from uploads; an admin adds a quote to the source."),
        "id": N_("row identifiers are not stored."),
        "exact_period": N_("every period in an upload is exact (whole months)."),
        "period_kind": N_(
            "whether a figure is a flow, a stock or a target comes from the measure's "
            "definition in the registry."
        ),
    }
)
# Long-layout only: the wide layout is the ministry's table of planning regions.
LONG_ONLY = frozenset({"period_start", "period_end", "geo_level", "parent_region"})
LONG_REQUIRED = ("region", "metric", "value")


def header_field(text: str) -> str | None:
    """The long-layout field a header names (any language, case, spacing), or ``None``.

    Bilingual headers such as "Periods / Period" are accepted when every part agrees.
    """
    key = "_".join(words(text))
    if key in _FIELD_BY_KEY:
        return _FIELD_BY_KEY[key]
    parts = {_FIELD_BY_KEY.get("_".join(words(p))) for p in re.split(r"[/|]", text) if p.strip()}
    return parts.pop() if len(parts) == 1 and None not in parts else None


def find_header(upload: Upload) -> bool:
    """Find the header row; title rows (one cell) above it are skipped with a warning."""
    skipped: list[int] = []
    for number, cells in upload.grid.rows[:HEADER_SCAN_ROWS]:
        filled = [i for i, v in enumerate(cells) if not is_blank(v)]
        header = _classify(upload, number, cells)
        if header is not None:
            upload.header = header
            upload.report.layout = header.layout
            if skipped:
                rows = ", ".join(map(str, skipped))
                upload.issues.warning("rows_above_header", rows=rows)
            return True
        if len(filled) > 1:
            upload.issues.error("no_header", row=number)
            return False
        skipped.append(number)
    first = upload.grid.rows[0][0] if upload.grid.rows else None
    upload.issues.error("no_header", row=first)
    return False


def _classify(upload: Upload, number: int, cells: list[Any]) -> Header | None:
    """A header of the long layout (names a value or region field), of the wide one (names a
    region), or ``None`` when the row is neither."""
    texts = {i: cell_text(v) for i, v in enumerate(cells) if cell_text(v)}
    fields = {i: header_field(t) for i, t in texts.items()}
    if any(f in ("value", "region") for f in fields.values()):
        layout = "long"
    elif any(upload.region(t) for i, t in texts.items() if not fields[i]):
        layout = "wide"
    else:
        return None
    return Header(row=number, layout=layout, names=dict(texts))


def map_columns(upload: Upload) -> bool:
    """Assign every header cell a role; report missing, duplicate and unknown columns."""
    header = upload.header
    assert header is not None
    issues = upload.issues
    data_columns = {
        i for _n, cells in upload.data_rows() for i, v in enumerate(cells) if not is_blank(v)
    }
    width = max([*header.names, *data_columns], default=-1) + 1
    seen: dict[str, int] = {}
    unlabelled: list[int] = []
    before_errors = len(upload.report.errors)

    def claim(key: str, index: int) -> bool:
        if key in seen:
            issues.error(
                "duplicate_column",
                header.row,
                upload.column(index),
                name=header.names[index],
                other=upload.column(seen[key]),
            )
            return False
        seen[key] = index
        return True

    for index in range(width):
        text = header.names.get(index)
        if text is None:
            if index in data_columns:
                unlabelled.append(index)
            continue
        name = header_field(text)
        region = None if name else upload.region(text)
        known = KNOWN_IGNORED.get("_".join(words(text)))
        if known is not None:
            issues.warning(
                "ignored_column_known",
                header.row,
                upload.column(index),
                name=text,
                why=lambda lang, why=known: t(why, lang),
            )
        elif name and (header.layout == "long" or name not in ("region", "value", *LONG_ONLY)):
            if claim(name, index):
                header.fields[name] = index
        elif region and header.layout == "wide":
            if claim(f"region:{region}", index):
                header.regions[index] = region
        elif is_total(text) and header.layout == "wide":
            if claim("total", index):
                header.total = index
        elif (region or is_total(text)) and header.layout == "long":
            issues.error("unexpected_column", header.row, upload.column(index), name=text)
        elif header.layout == "long":
            issues.warning("ignored_column", header.row, upload.column(index), name=text)
        else:
            issues.error("unknown_column", header.row, upload.column(index), name=text)

    if header.layout == "wide":
        # The ministry's table leaves the period and metric headers blank: the first
        # unlabelled columns left of the regions are the period, then the metric.
        first_region = min(header.regions, default=width)
        for index in [i for i in unlabelled if i < first_region]:
            role = next((r for r in ("period", "metric") if r not in header.fields), None)
            if role is None:
                break
            header.fields[role] = index
            header.names[index] = role
            unlabelled.remove(index)
        missing = [r for r in ("period", "metric") if r not in header.fields]
    else:
        missing = _missing_long(upload)
    for index in unlabelled:
        issues.error("unlabelled_column", header.row, upload.column(index))
    if missing:
        issues.error("missing_column", header.row, columns=", ".join(missing))
    if header.layout == "wide" and header.total is not None:
        absent = [
            r.name_lv for r in upload.reference.regions if r.code not in header.regions.values()
        ]
        if absent:
            issues.warning(
                "total_not_checked",
                header.row,
                upload.column(header.total),
                missing=", ".join(absent),
            )
    return len(upload.report.errors) == before_errors


def _missing_long(upload: Upload) -> list[str]:
    """The long layout's missing columns; a period in one column and in two is an error too."""
    header = upload.header
    assert header is not None
    fields = header.fields
    missing = []
    if "period" in fields and ("period_start" in fields or "period_end" in fields):
        upload.issues.error("period_columns_conflict", header.row)
    elif "period" not in fields:
        if "period_start" not in fields and "period_end" not in fields:
            missing.append("period")
        else:
            missing += [f for f in ("period_start", "period_end") if f not in fields]
    return missing + [r for r in LONG_REQUIRED if r not in fields]
