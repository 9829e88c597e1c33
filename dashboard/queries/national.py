"""Latvia as a whole: the national series of the three programme measures, year by year.

A national figure is what was published for Latvia, not a sum of the regions
(``docs/DATA_MODEL.md``). Where all five planning regions published a figure for the same year,
their sum is a second, separately marked series, shown where it differs from the published
figure or where there is none; a year with fewer regions gives no sum, since four regions are not
the country. Only calendar years are used (and the programme's first year, March–December 2018,
marked as part year): half-years, quarters and periods across years would count people twice if
added to the years. The running total since March 2018 is a separate statement, and the
2024–2026 targets (measures of kind ``target``) are reference lines with progress per year.

Everything is computed from the preferred rows of :func:`queries.observation_rows` and cached
with the data version like the other queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dashboard.queries.reference import regions
from dashboard.queries.rows import RowFilter, observation_rows
from dashboard.queries.versioning import cached

MEASURES = ("people_returned", "offers_prepared", "families_returned")
# Each measure's yearly target measure (kind "target"), where one exists.
TARGETS = {
    "people_returned": "target_people_returned_per_year",
    "offers_prepared": "target_offers_per_year",
}
PROGRAMME_START = dt.date(2018, 3, 1)
FIRST_YEAR = PROGRAMME_START.year


@dataclass(frozen=True)
class SourceRef:
    """Where a number was published (all ``None`` but ``stated``: source not stated)."""

    publisher: str | None
    title: str | None
    url: str | None
    published_on: dt.date | None
    precision: str | None

    @property
    def stated(self) -> bool:
        return any((self.publisher, self.title, self.url))


@dataclass(frozen=True)
class Published:
    """One published number with its period and source."""

    value: int
    period_start: dt.date
    period_end: dt.date
    label_lv: str
    label_en: str
    source: SourceRef


@dataclass(frozen=True)
class YearPoint:
    """One calendar year of a measure: the national figure, the five regions' sum if every
    region published the year, and how many regions did."""

    year: int
    part_year: bool
    published: Published | None
    regions_sum: int | None
    regions_reported: int
    region_sources: tuple[SourceRef, ...]

    @property
    def sum_shown(self) -> int | None:
        """The regions' sum where it says something the published figure does not: where it
        differs from it, or where no national figure was published."""
        if self.regions_sum is None:
            return None
        if self.published is not None and self.published.value == self.regions_sum:
            return None
        return self.regions_sum

    @property
    def sum_matches(self) -> bool:
        return self.published is not None and self.published.value == self.regions_sum


@dataclass(frozen=True)
class Target:
    """A yearly target over whole years ``first_year``..``last_year``."""

    value: int
    first_year: int
    last_year: int
    source: SourceRef

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)


@dataclass(frozen=True)
class Progress:
    """A target year: the national figure (or the five regions' sum where there is none) and
    its share of the target; ``value`` ``None`` when neither was published."""

    year: int
    target: int
    value: int | None
    from_regions: bool

    @property
    def percent(self) -> float | None:
        return None if self.value is None else self.value / self.target * 100


@dataclass(frozen=True)
class NationalSeries:
    metric: str
    years: tuple[YearPoint, ...]
    running_total: Published | None
    targets: tuple[Target, ...]
    region_count: int

    @property
    def has_national(self) -> bool:
        return any(p.published is not None for p in self.years)

    def progress(self) -> list[Progress]:
        """Progress against every target, year by year (computed, never stored)."""
        by_year = {p.year: p for p in self.years}
        out = []
        for target in self.targets:
            for year in target.years:
                point = by_year.get(year)
                published = point.published if point else None
                if published is not None:
                    out.append(Progress(year, target.value, published.value, False))
                elif point is not None and point.regions_sum is not None:
                    out.append(Progress(year, target.value, point.regions_sum, True))
                else:
                    out.append(Progress(year, target.value, None, False))
        return out

    def sources(self) -> list[SourceRef]:
        """The sources of the numbers this series shows, once each: national figures, the
        regions' figures behind each sum shown, the running total and the targets."""
        found: list[SourceRef] = []
        for point in self.years:
            if point.published is not None:
                found.append(point.published.source)
            if point.sum_shown is not None:
                found.extend(point.region_sources)
        if self.running_total is not None:
            found.append(self.running_total.source)
        found.extend(target.source for target in self.targets)
        return unique_sources(found)


def unique_sources(sources: Iterable[SourceRef]) -> list[SourceRef]:
    """Each stated source once, in first-seen order (a source not stated is left out)."""
    seen: dict[tuple[Any, ...], SourceRef] = {}
    for source in sources:
        key = (source.url, source.title, source.publisher)
        if source.stated and key not in seen:
            seen[key] = source
    return list(seen.values())


def _source(row: Mapping[str, Any]) -> SourceRef:
    return SourceRef(
        publisher=row["source_publisher"],
        title=row["source_title"],
        url=row["source_url"],
        published_on=row["source_published_on"],
        precision=row["source_published_precision"],
    )


def _published(row: Mapping[str, Any]) -> Published:
    return Published(
        value=int(row["value"]),
        period_start=row["period_start"],
        period_end=row["period_end"],
        label_lv=row["period_label_lv"],
        label_en=row["period_label_en"],
        source=_source(row),
    )


def calendar_year(start: dt.date, end: dt.date) -> int | None:
    """The year a period is, if it is one: a whole calendar year, or the programme's first year
    (1 March–31 December 2018); ``None`` for halves, quarters and periods across years."""
    if end != dt.date(start.year, 12, 31):
        return None
    if start == dt.date(start.year, 1, 1) or start == PROGRAMME_START:
        return start.year
    return None


def is_running_total(start: dt.date, end: dt.date) -> bool:
    """A total since the programme began, other than its first year."""
    return start == PROGRAMME_START and calendar_year(start, end) is None


def _year_rows(rows: Iterable[Mapping[str, Any]]) -> dict[tuple[Any, int], Mapping[str, Any]]:
    """``{(geography, year): row}``: each geography's one figure per year. Where a whole 2018
    and the programme's March–December 2018 were both published, the whole year is used (the
    programme did not run before March, so they count the same months)."""
    out: dict[tuple[Any, int], Mapping[str, Any]] = {}
    for row in rows:
        year = calendar_year(row["period_start"], row["period_end"])
        if year is None:
            continue
        key = (row["geo_code"], year)
        if key not in out or row["period_start"] < out[key]["period_start"]:
            out[key] = row
    return out


def build_series(
    metric: str,
    national_rows: Sequence[Mapping[str, Any]],
    regional_rows: Sequence[Mapping[str, Any]],
    region_codes: Sequence[str],
    last_year: int,
) -> NationalSeries:
    """The national series of ``metric`` for every year from 2018 to ``last_year`` (or to the
    last year of its target, if later).

    ``national_rows`` and ``regional_rows`` are preferred rows of :func:`observation_rows`
    (any measures; only flows of ``metric`` and its target are read here), ``region_codes`` the
    planning regions whose sum makes the country.
    """
    mine = [r for r in national_rows if r["metric"] == metric and r["kind"] == "flow"]
    national = _year_rows(mine)
    regional = _year_rows(r for r in regional_rows if r["metric"] == metric and r["kind"] == "flow")
    target_code = TARGETS.get(metric)
    targets = tuple(
        Target(
            value=int(r["value"]),
            first_year=r["period_start"].year,
            last_year=r["period_end"].year,
            source=_source(r),
        )
        for r in national_rows
        if r["metric"] == target_code
        and r["kind"] == "target"
        and r["period_start"].month == 1
        and r["period_end"].month == 12
    )
    # Targets may lie ahead: the axis reaches the last target year too.
    last = max([last_year, *(target.last_year for target in targets)])
    points = []
    for year in range(FIRST_YEAR, last + 1):
        row = next((r for (_, y), r in national.items() if y == year), None)
        parts = [regional[(code, year)] for code in region_codes if (code, year) in regional]
        complete = bool(region_codes) and len(parts) == len(region_codes)
        used = ([row] if row else []) + parts
        points.append(
            YearPoint(
                year=year,
                part_year=any(r["period_start"] == PROGRAMME_START for r in used)
                or (year == FIRST_YEAR and not used),
                published=_published(row) if row else None,
                regions_sum=sum(int(r["value"]) for r in parts) if complete else None,
                regions_reported=len(parts),
                region_sources=tuple(_source(r) for r in parts) if complete else (),
            )
        )
    totals = [r for r in mine if is_running_total(r["period_start"], r["period_end"])]
    latest = max(
        totals,
        key=lambda r: (r["period_end"], r["source_published_on"] or dt.date.min),
        default=None,
    )
    return NationalSeries(
        metric=metric,
        years=tuple(points),
        running_total=_published(latest) if latest else None,
        targets=targets,
        region_count=len(region_codes),
    )


def national_picture(last_year: int) -> dict[str, NationalSeries]:
    """``{measure: series}`` for :data:`MEASURES`, years 2018..``last_year`` (cached)."""

    def compute() -> dict[str, NationalSeries]:
        national = observation_rows(
            RowFilter(geo_levels=("national",), metrics=(*MEASURES, *sorted(set(TARGETS.values()))))
        )
        regional = observation_rows(RowFilter(geo_levels=("planning_region",), metrics=MEASURES))
        codes = [r["code"] for r in regions()]
        return {
            metric: build_series(metric, national, regional, codes, last_year)
            for metric in MEASURES
        }

    return cached("national_picture", [last_year], compute)
