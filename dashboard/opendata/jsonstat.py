"""JSON-stat 2.0 (the format of Latvia's official statistics portal) of the tidy dataset.

``/api/v1/observations?format=jsonstat`` answers with :func:`jsonstat_dataset`: the same rows as
the CSV, as a cube of three dimensions (measure × geography × period), so statistics users can
open it with the JSON-stat readers they already use for PxWeb (pyjstat, rjstat, the JSON-stat
JavaScript Toolkit). Design choices, and why:

* **Sparse values.** Most cells of the cube were never published (a municipality reports two
  measures, a running total has no half-years). ``value`` is JSON-stat's object form keyed by
  the flat index, so an unpublished cell is absent, which readers turn into a missing value —
  never 0, which would read as "published, none".
* **Only what occurs.** Every category is one that some row has, so a filtered query gives a
  small cube; no rows give a valid cube of size ``[0, 0, 0]``.
* **Municipality ids carry their division** (``LV-045@2009``): the 2009 and 2021
  administrative divisions reuse codes for different municipalities, and a category id must
  name one territory.
* **Units per measure** (``category.unit``): families, people, offers and euros share the cube
  but never a sum, and the notes say periods overlap, so no reader adds across them unwarned.
* **Provenance stays data** in ``extension``: each cell's source (an index into
  ``extension.sources``), release and note, keyed by the same flat index as ``value``. Texts
  from the database are copied as they are, never as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from dashboard.i18n import localized, normalise_lang, t
from dashboard.opendata.jsonstat_schema import DIMENSIONS, LOW_RELIABILITY
from dashboard.opendata.licence import (
    LICENCE_ID,
    LICENCE_TITLE,
    LICENCE_URL,
    licence_statement,
)

# A tidy row (``exports.tidy_records``) or a registry entry, read only.
Row = Mapping[str, Any]


# Broadest first: the order geography categories are listed in.
GEO_LEVEL_ORDER = ("national", "planning_region", "municipality")

# A source as each cell names it (``source_<field>`` of a tidy row).
SOURCE_FIELDS = ("title", "publisher", "url", "published_on")


def jsonstat_dataset(
    records: Sequence[dict[str, Any]],
    measures: Sequence[dict[str, Any]],
    lang: str,
    *,
    updated: dt.datetime | None,
    href: str,
) -> dict[str, Any]:
    """The JSON-stat 2.0 dataset of ``records`` (``exports.tidy_records`` rows, one per cell).

    ``measures`` is the measure registry in display order (``queries.metrics()``): it orders
    the measure categories and gives their names, units and definitions in ``lang``.
    ``updated`` (naive: UTC) is when the published data last changed; ``href`` the dataset's
    own address. With ``sources=all`` rows (``preferred`` false on the others) the cube holds
    each cell's preferred value and ``extension.cell.other_sources`` the other sources' figures.
    Raises ``ValueError`` for a measure missing from the registry or two preferred rows for one
    cell.
    """
    measure_ids = _measure_ids(records, measures)
    geographies = _geographies(records)
    periods = _periods(records)
    positions = [
        {code: i for i, code in enumerate(ids)}
        for ids in (measure_ids, list(geographies), list(periods))
    ]
    size = [len(measure_ids), len(geographies), len(periods)]
    cells = _cells(records, positions, size)

    dataset: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "href": href,
        "label": t(
            "{site}: published figures by measure, geography and period",
            lang,
            site=t("Regional remigration support", lang),
        ),
        "note": _notes(lang),
        "source": t(
            "The original publishers named on each figure (extension.sources), compiled by the "
            "Regional remigration support dashboard.",
            lang,
        ),
        "id": list(DIMENSIONS),
        "size": size,
        "role": {"metric": ["measure"], "geo": ["geography"], "time": ["period"]},
        "dimension": {
            "measure": _measure_dimension(measure_ids, measures, lang),
            "geography": _geography_dimension(geographies, lang),
            "period": _period_dimension(periods, lang),
        },
        "value": cells["value"],
        "link": {"license": [{"type": "text/html", "href": LICENCE_URL, "label": LICENCE_TITLE}]},
        "extension": {
            "licence": {"id": LICENCE_ID, "title": LICENCE_TITLE, "url": LICENCE_URL},
            "status": {LOW_RELIABILITY: t("low reliability", lang)},
            "geography": {gid: _geography_extension(row) for gid, row in geographies.items()},
            "period": {
                pid: {"start": r["period_start"], "end": r["period_end"], "months": r["months"]}
                for pid, r in periods.items()
            },
            "sources": cells["sources"],
            "cell": {key: cells[key] for key in ("source", "release", "note", "other_sources")},
        },
    }
    if updated is not None:
        dataset["updated"] = _utc_text(updated)
    if cells["status"]:
        dataset["status"] = cells["status"]
    return dataset


def geography_id(record: Mapping[str, Any]) -> str:
    """A row's geography category id: ``LV``, a planning region's code, or a municipality's
    ``code@division`` (the divisions reuse codes, so the code alone is ambiguous)."""
    division = record.get("division") or ""
    return f"{record['geo_code']}@{division}" if division else str(record["geo_code"])


def _utc_text(moment: dt.datetime) -> str:
    """ISO 8601 in UTC to the second (``…Z``); a naive time is UTC, as the database stores it."""
    moment = moment.astimezone(dt.UTC) if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _notes(lang: str) -> list[str]:
    """What a reader must know before using the numbers; JSON-stat readers show ``note``."""
    return [
        licence_statement(lang),
        t(
            "Each measure has its own unit (the measure dimension's category units): values of "
            "different measures are never added together.",
            lang,
        ),
        t(
            "Periods differ in length and overlap (a half-year and its year, a year and a "
            "running total): never add values of different periods. Each period's start and "
            "end dates and number of months are in extension.period.",
            lang,
        ),
        t(
            "Only published figures have a value: a cell without one was not published and is "
            "missing, never 0.",
            lang,
        ),
        t(
            "Status “low”: low reliability (approximate wording or a machine-translated "
            "aggregator); the cell's note is in extension.cell.note.",
            lang,
        ),
    ]


def _measure_ids(
    records: Iterable[Mapping[str, Any]], measures: Sequence[Mapping[str, Any]]
) -> list[str]:
    """The measures that occur in ``records``, in the registry's (the pages') order."""
    present = {r["measure"] for r in records}
    unknown = present - {m["code"] for m in measures}
    if unknown:
        raise ValueError(f"measures not in the registry: {', '.join(sorted(unknown))}")
    return [m["code"] for m in measures if m["code"] in present]


def _first_by_id(
    records: Iterable[Row], key: Callable[[Row], str], sort_key: Callable[[Row], Any]
) -> dict[str, Row]:
    """One representative row per category id, ordered by ``sort_key`` of that row."""
    first: dict[str, Row] = {}
    for record in records:
        first.setdefault(key(record), record)
    return dict(sorted(first.items(), key=lambda item: sort_key(item[1])))


def _geographies(records: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Latvia, then planning regions, then municipalities by division and code."""

    def order(row: Mapping[str, Any]) -> tuple[int, str, str]:
        level = row["geo_level"]
        rank = GEO_LEVEL_ORDER.index(level) if level in GEO_LEVEL_ORDER else len(GEO_LEVEL_ORDER)
        return rank, row.get("division") or "", row["geo_code"]

    return _first_by_id(records, geography_id, order)


def _periods(records: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Periods by start, then end date (a half-year before its year), then code."""
    return _first_by_id(
        records,
        lambda r: r["period"],
        lambda r: (r["period_start"], r["period_end"], r["period"]),
    )


def _measure_dimension(
    ids: Sequence[str], measures: Sequence[Mapping[str, Any]], lang: str
) -> dict[str, Any]:
    by_code = {m["code"]: m for m in measures}
    category: dict[str, Any] = {
        "index": list(ids),
        "label": {code: localized(by_code[code], "name", lang) for code in ids},
        "unit": {
            code: {"label": localized(by_code[code], "unit", lang), "decimals": 0} for code in ids
        },
    }
    field = f"definition_{normalise_lang(lang)}"
    definitions = {code: [text] for code in ids if (text := by_code[code].get(field))}
    if definitions:
        category["note"] = definitions
    return {"label": t("Measure", lang), "category": category}


def _geography_dimension(geographies: Mapping[str, Mapping[str, Any]], lang: str) -> dict[str, Any]:
    """Labels are unique: a municipality's name is followed by its division, as the same name
    can be two territories (before and after the 2021 reform)."""
    labels = {}
    for gid, row in geographies.items():
        name = localized(row, "geo_name", lang)
        division = row.get("division")
        labels[gid] = (
            t("{name} ({division} division)", lang, name=name, division=division)
            if division
            else name
        )
    category: dict[str, Any] = {"index": list(geographies), "label": labels}
    child = _hierarchy(geographies)
    if child:
        category["child"] = child
    return {
        "label": t("Geography", lang),
        "note": [
            t(
                "Municipalities are identified as code@division (for example LV-045@2009): the "
                "2009 and 2021 administrative divisions reuse codes for different municipalities.",
                lang,
            )
        ],
        "category": category,
    }


def _hierarchy(geographies: Mapping[str, Mapping[str, Any]]) -> dict[str, list[str]]:
    """Latvia → planning regions → municipalities, among the categories present only (a
    parent that is not in the cube is not named, so every id in ``child`` is a category).

    A municipality's parent is its planning region in its own division (the row's ``region``).
    """
    levels = {gid: row["geo_level"] for gid, row in geographies.items()}
    child: dict[str, list[str]] = {}
    for gid, row in geographies.items():
        if levels[gid] == "planning_region":
            parent = "LV" if levels.get("LV") == "national" else None
        elif levels[gid] == "municipality":
            region = row.get("region") or ""
            parent = region if levels.get(region) == "planning_region" else None
        else:
            parent = None
        if parent is not None:
            child.setdefault(parent, []).append(gid)
    return child


def _period_dimension(periods: Mapping[str, Mapping[str, Any]], lang: str) -> dict[str, Any]:
    labels = {pid: localized(row, "period_label", lang) for pid, row in periods.items()}
    return {"label": t("Period", lang), "category": {"index": list(periods), "label": labels}}


def _geography_extension(row: Mapping[str, Any]) -> dict[str, Any]:
    """The row's geography as data: level, code, division and planning region (null when none)."""
    return {
        "geo_level": row["geo_level"],
        "code": row["geo_code"],
        "division": row.get("division") or None,
        "region": row.get("region") or None,
    }


def _cells(
    records: Iterable[Mapping[str, Any]],
    positions: Sequence[Mapping[str, int]],
    size: Sequence[int],
) -> dict[str, Any]:
    """Each row's flat index (row-major over ``id``: measure slowest, period fastest) with its
    value, status, source, release and note, in index order; sources listed once each."""
    by_index: dict[int, Mapping[str, Any]] = {}
    others: dict[int, list[Mapping[str, Any]]] = {}
    for record in records:
        m, g, p = (
            positions[0][record["measure"]],
            positions[1][geography_id(record)],
            positions[2][record["period"]],
        )
        index = (m * size[1] + g) * size[2] + p
        if record.get("preferred") is False:  # sources=all: another source of the cell
            others.setdefault(index, []).append(record)
            continue
        if index in by_index:
            raise ValueError(
                f"two values for one cell ({record['measure']}, {geography_id(record)}, "
                f"{record['period']}): a JSON-stat cube holds one value per cell"
            )
        by_index[index] = record
    out: dict[str, Any] = {k: {} for k in ("value", "status", "source", "release", "note")}
    sources: dict[tuple[str, ...], int] = {}

    def source_of(record: Mapping[str, Any]) -> int | None:
        source = tuple(str(record.get(f"source_{k}") or "") for k in SOURCE_FIELDS)
        # All four empty: the source was not stated.
        return sources.setdefault(source, len(sources)) if any(source) else None

    for index in sorted(by_index):
        record, key = by_index[index], str(index)
        out["value"][key] = int(record["value"])
        if record.get("reliability") == LOW_RELIABILITY:
            out["status"][key] = LOW_RELIABILITY
        source = source_of(record)
        if source is not None:
            out["source"][key] = source
        if record.get("release") is not None:
            out["release"][key] = record["release"]
        if record.get("note"):
            out["note"][key] = record["note"]
    # Every other source's figure for a cell, beside the one the cube holds (sources=all).
    out["other_sources"] = {
        str(index): [
            {
                "value": int(r["value"]),
                "source": source_of(r),
                "release": r.get("release"),
                "reliability": r.get("reliability") or "normal",
            }
            for r in rows
        ]
        for index, rows in sorted(others.items())
    }
    out["sources"] = [dict(zip(SOURCE_FIELDS, source, strict=True)) for source in sources]
    return out
