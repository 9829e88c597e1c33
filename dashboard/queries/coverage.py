"""What the published figures cover: years and regions, period lengths, sources, conflicts.

``/about`` states the data's limitations from these facts instead of fixed text, so a release
of 2025 figures (or a rollback) changes what the page says. One grouped query over the rows in
effect (``preference.ranked_rows``: every source's row, ``rank`` 1 the one readers see), with
periods and sources labelled from the reference tables, cached under the data version.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from dashboard.db import models as m
from dashboard.db.published import in_effect
from dashboard.db.session import get_db
from dashboard.queries.conflicts import conflicts
from dashboard.queries.preference import ranked_rows
from dashboard.queries.reference import latest_release, regions, sources
from dashboard.queries.versioning import cached

# The kinds of period, in the order /about names them.
PERIOD_KINDS = ("year", "half", "quarter", "month", "part", "multi")
PROGRAMME_START = dt.date(2018, 3, 1)  # running totals count from the programme's start


@dataclass(frozen=True)
class PeriodKind:
    """The periods of one kind that figures in effect use: how many, and their lengths."""

    kind: str  # a key of PERIOD_KINDS
    count: int
    months_min: int
    months_max: int
    years: tuple[int, ...] = ()  # the calendar years (kind "year")
    running_totals: int = 0  # periods since the programme's start (kind "multi")


@dataclass(frozen=True)
class Coverage:
    """The facts ``/about`` states about the figures in effect (see :func:`coverage`)."""

    figures: int = 0  # cells in effect (one preferred row each)
    region_years: dict[str, tuple[int, ...]] = field(default_factory=dict)
    years: tuple[int, ...] = ()  # first to last year of any planning-region figure
    missing: tuple[tuple[int, tuple[str, ...]], ...] = ()  # (year, regions without a figure)
    national_years: tuple[int, ...] = ()  # years with a national figure of that year
    period_kinds: tuple[PeriodKind, ...] = ()
    sources: int = 0  # publications of the rows in effect (every source of every cell)
    sources_by_kind: dict[str, int] = field(default_factory=dict)
    undated_sources: int = 0
    unsourced_figures: int = 0  # cells whose value readers see has no stated source
    conflicts: int = 0  # cells whose sources give different values
    as_of: dt.date | None = None  # the newest publication date among those sources
    as_of_precision: str | None = None
    release: dict[str, Any] | None = None  # the latest published release


def period_kind(start: dt.date, end: dt.date, months: int) -> str:
    """ "year", "half", "quarter", "month", "part" (another part of one year) or "multi"."""
    if start.year != end.year:
        return "multi"
    if months == 12:
        return "year"
    if months == 6 and start.month in (1, 7):
        return "half"
    if months == 3 and start.month in (1, 4, 7, 10):
        return "quarter"
    if months == 1:
        return "month"
    return "part"


def _statement() -> sa.Select[Any]:
    """The rows in effect grouped by level, region, period and source, preferred or not."""
    ranked = ranked_rows()
    preferred = sa.case((ranked.c.rank == 1, 1), else_=0).label("preferred")
    return sa.select(
        ranked.c.geo_level,
        ranked.c.region_id,
        ranked.c.period_id,
        ranked.c.source_id,
        preferred,
        sa.func.count().label("rows"),
    ).group_by(
        ranked.c.geo_level, ranked.c.region_id, ranked.c.period_id, ranked.c.source_id, preferred
    )


def _period_kinds(used: dict[int, tuple[dt.date, dt.date, int]]) -> tuple[PeriodKind, ...]:
    by_kind: dict[str, list[tuple[dt.date, dt.date, int]]] = {}
    for start, end, months in used.values():
        by_kind.setdefault(period_kind(start, end, months), []).append((start, end, months))
    out = []
    for kind in PERIOD_KINDS:
        periods = by_kind.get(kind)
        if not periods:
            continue
        lengths = [months for _, _, months in periods]
        out.append(
            PeriodKind(
                kind=kind,
                count=len(periods),
                months_min=min(lengths),
                months_max=max(lengths),
                years=tuple(sorted({s.year for s, _, _ in periods})) if kind == "year" else (),
                running_totals=sum(1 for s, _, _ in periods if s == PROGRAMME_START)
                if kind == "multi"
                else 0,
            )
        )
    return tuple(out)


def _compute() -> Coverage:
    with get_db().engine.connect() as conn:
        grouped = [tuple(r) for r in conn.execute(_statement())]
        periods = {
            row[0]: (row[1], row[2], int(row[3]))
            for row in conn.execute(
                sa.select(m.Period.id, m.Period.start_date, m.Period.end_date, m.Period.months)
            )
        }
    if not grouped:
        return Coverage(release=latest_release())
    region_code = {r["id"]: r["code"] for r in regions()}
    source_by_id = {s["id"]: s for s in sources()}
    used: dict[int, tuple[dt.date, dt.date, int]] = {}
    region_years: dict[str, set[int]] = {code: set() for code in region_code.values()}
    national_years: set[int] = set()
    source_ids: set[int] = set()
    figures = unsourced = 0
    for level, region_id, period_id, source_id, preferred, rows in grouped:
        start, end, months = periods[period_id]
        used[period_id] = (start, end, months)
        if source_id is not None:
            source_ids.add(source_id)
        if preferred:
            figures += rows
            unsourced += rows if source_id is None else 0
        if start.year == end.year:
            if level == "planning_region" and region_id in region_code:
                region_years[region_code[region_id]].add(start.year)
            elif level == "national":
                national_years.add(start.year)
    any_years = set().union(*region_years.values())
    years = tuple(range(min(any_years), max(any_years) + 1)) if any_years else ()
    missing = tuple(
        (year, gaps)
        for year in years
        if (gaps := tuple(code for code, got in region_years.items() if year not in got))
    )
    cited = [source_by_id[i] for i in sorted(source_ids) if i in source_by_id]
    dated = [s for s in cited if s["published_on"] is not None]
    newest = max(dated, key=lambda s: s["published_on"]) if dated else None
    return Coverage(
        figures=figures,
        region_years={code: tuple(sorted(got)) for code, got in region_years.items()},
        years=years,
        missing=missing,
        national_years=tuple(sorted(national_years)),
        period_kinds=_period_kinds(used),
        sources=len(cited),
        sources_by_kind=dict(Counter(s["kind"] or "other" for s in cited)),
        undated_sources=len(cited) - len(dated),
        unsourced_figures=unsourced,
        conflicts=len(conflicts()),
        as_of=newest["published_on"] if newest else None,
        as_of_precision=newest.get("published_precision") if newest else None,
        release=latest_release(),
    )


def coverage() -> Coverage:
    """What the figures in effect cover (cached with the data version).

    A year counts for a region when the region published a figure of any measure for a period
    within that year (a calendar year, half-year, quarter, month or other part of it); running
    totals over several years say nothing about a single year. ``missing`` lists, for every year
    from the first to the last with planning-region figures, the regions without one.
    """
    return cached("coverage", [], _compute)


def temporal_coverage() -> tuple[dt.date, dt.date] | None:
    """The earliest start and the latest end of the periods of the figures in effect, at every
    geography level (``None`` while nothing is published); cached under the data version.

    Every cell in effect has a preferred row in the same period, so the rows in effect span
    exactly the periods ``/api/v1/observations`` serves; one aggregate, no ranking.
    """

    def compute() -> tuple[dt.date, dt.date] | None:
        statement = (
            sa.select(sa.func.min(m.Period.start_date), sa.func.max(m.Period.end_date))
            .select_from(m.Observation)
            .join(m.Release, m.Observation.release_id == m.Release.id)
            .join(m.Period, m.Observation.period_id == m.Period.id)
            .where(in_effect())
        )
        with get_db().engine.connect() as conn:
            start, end = conn.execute(statement).one()
        return None if start is None or end is None else (start, end)

    return cached("catalog_temporal_coverage", [], compute)
