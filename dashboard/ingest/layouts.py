"""Data rows → candidate rows, for the long layout (a value per row) or the wide one (per region).

Runs after ``header.py`` has mapped the columns. Every row with a problem is reported and left
out; the rows kept become :class:`~dashboard.ingest.context.Candidate` s for the checks across
rows (``consistency.py``, ``published.py``). A wide row's total column is checked against its
regions here, because it belongs to one row; a long file's KOPĀ/Total rows are kept aside in
``upload.totals`` for ``consistency.check_totals``, because their regions are on other rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from dashboard.ingest.cells import CellReader, cell_text, shorten
from dashboard.ingest.context import Candidate, Upload
from dashboard.ingest.geography import Place
from dashboard.ingest.grid import is_blank
from dashboard.ingest.header import LONG_REQUIRED
from dashboard.ingest.names import is_metric_fragment
from dashboard.ingest.sources import SourceCells, read_sources
from dashboard.ingest.types import ParsedRow, PeriodSpec


def read_long(upload: Upload) -> None:
    """One value per row: period (or its first and last month), geography (or KOPĀ/Total),
    measure, value, sources."""
    header = upload.header
    assert header is not None
    read = CellReader(upload)
    two_columns = "period" not in header.fields
    period_keys = ["period_start", "period_end"] if two_columns else ["period"]
    keys = [header.fields[f] for f in (*period_keys, *LONG_REQUIRED)]
    value_column = upload.column(header.fields["value"])
    metric_column = upload.column(header.fields["metric"])
    for number, cells in upload.data_rows():
        if _ignorable(upload, number, cells, keys):
            continue
        if two_columns:
            spec = read.period_range(number, cells)
        else:
            spec = read.period(number, upload.cell(cells, "period"))
        metric = read.metric(number, upload.cell(cells, "metric"), metric_column)
        if spec is not None and metric is not None:
            read.check_kind(number, upload.period_column(), spec, metric)
        place, total_row = read.place(number, cells, spec)
        value = read.count(number, value_column, upload.cell(cells, "value"))
        sources = read_sources(upload, number, cells)
        if spec is None or metric is None or value is None or sources is None:
            continue
        if total_row:
            upload.totals.append((spec, metric, value, number, value_column))
        elif place is not None:
            _add(upload, number, spec, place, metric, value, value_column, sources)


def read_wide(upload: Upload) -> None:
    """The ministry's table: a column per region (and perhaps a total), a row per metric.

    A period may head the rows below it on a row of its own, or be written once and left blank
    below; a metric label may be split over the period and metric cells.
    """
    header = upload.header
    assert header is not None
    read = CellReader(upload)
    period_index = header.fields["period"]
    metric_column = upload.column(header.fields["metric"])
    all_regions = {r.code for r in upload.reference.regions} <= set(header.regions.values())
    value_columns = [*header.regions, *([header.total] if header.total is not None else [])]
    carry: PeriodSpec | None = None
    carry_invalid = False
    for number, cells in upload.data_rows():
        raw = upload.cell(cells, "period")
        keys = [*value_columns, header.fields["metric"]]
        if all(is_blank(cells[i]) for i in keys if i < len(cells)):
            label = cell_text(raw)
            heading = upload.period(label) if label and not isinstance(raw, date) else None
            if heading is not None:
                # A period on a row of its own heads the rows below it.
                carry, carry_invalid = heading, False
                read.check_period(number, upload.column(period_index), heading)
                continue
        if _ignorable(upload, number, cells, keys):
            continue
        fragment: str | None = None
        spec: PeriodSpec | None = None
        text = cell_text(raw)
        parsed = upload.period(text) if text and not isinstance(raw, date) else None
        if parsed is not None:
            spec, carry, carry_invalid = parsed, parsed, False
            read.check_period(number, upload.column(period_index), parsed)
        elif (is_blank(raw) or (text and is_metric_fragment(text, upload.reference.metrics))) and (
            carry is not None or carry_invalid
        ):
            # Blank, or the tail of a split metric label: same period as the row above.
            spec = carry
            fragment = text
        else:
            read.period(number, raw)  # reports the problem
            carry, carry_invalid = None, True
        metric = read.metric(number, upload.cell(cells, "metric"), metric_column, fragment)
        if spec is not None and metric is not None:
            read.check_kind(number, upload.column(period_index), spec, metric)
        sources = read_sources(upload, number, cells)
        values: dict[str, int] = {}
        complete = True
        for index, region in header.regions.items():
            value = cells[index] if index < len(cells) else None
            count = read.count(number, upload.column(index), value)
            if count is None:
                complete = False
                continue
            values[region] = count
            if spec is not None and metric is not None and sources is not None:
                place = Place("planning_region", region)
                _add(upload, number, spec, place, metric, count, upload.column(index), sources)
        if header.total is not None:
            value = cells[header.total] if header.total < len(cells) else None
            if is_blank(value):
                continue  # the total is optional, row by row
            total = read.count(number, upload.column(header.total), value)
            if total is not None and complete and all_regions and sum(values.values()) != total:
                upload.issues.error(
                    "total_mismatch",
                    number,
                    upload.column(header.total),
                    total=total,
                    sum=sum(values.values()),
                )


def _ignorable(upload: Upload, number: int, cells: list[Any], key_columns: Sequence[int]) -> bool:
    """A row with text but nothing in the key columns (a footnote) is skipped with a warning."""
    if any(not is_blank(cells[i]) for i in key_columns if i < len(cells)):
        return False
    text = next((cell_text(v) for v in cells if cell_text(v)), "")
    upload.issues.warning("ignored_row", number, text=shorten(text or ""))
    return True


def _add(
    upload: Upload,
    number: int,
    spec: PeriodSpec,
    place: Place,
    metric: str,
    value: int,
    column: str,
    sources: SourceCells,
) -> None:
    parsed = ParsedRow(
        row=number,
        period=spec,
        region=place.region,
        metric=metric,
        value=value,
        source_url=sources.url,
        source_title=sources.title,
        note=sources.note,
        geo_level=place.level,
        municipality=place.municipality,
        division=place.division,
        source_publisher=sources.publisher,
        source_published_on=sources.published_on,
        reliability=sources.reliability,
    )
    upload.candidates.append(Candidate(parsed, column))
