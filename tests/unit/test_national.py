"""The national picture (``queries/national.py``, ``figures/national.py``,
``components/national_section.py``) over the real record.

Two databases of their own, built as ``init-db`` builds them: the seed with the dossier of
published figures, and the seed alone (regional 2018, 2019 and 2020-H1 figures, no national
ones). Expected values are read from the files the loader reads (``data/seed/dossier/figures.csv``
and the seed table), not typed here: the national figure of each year, the five regions' sum only
where all five published the year, the running total, progress against the targets, and empty
years as ``None``, never 0.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest
from component_tree import by_id, text

from dashboard.components.national_section import national_section
from dashboard.config import Config
from dashboard.db.seed import OBSERVATIONS_FILE, read_published_table
from dashboard.db.seed_csv import read_csv
from dashboard.figures import national as nf
from dashboard.i18n.formatting import format_number, format_percent
from dashboard.queries import national as qn
from dashboard.queries.rows import RowFilter, observation_rows

REPO_ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = REPO_ROOT / "data" / "seed"
FIGURES = read_csv(SEED_DIR / "dossier" / "figures.csv")
LAST_YEAR = 2026
REGIONS = ("kurzeme", "latgale", "riga", "vidzeme", "zemgale")
REGION_BY_NAME = {r["name_lv"]: r["code"] for r in read_csv(SEED_DIR / "regions.csv")}


@pytest.fixture
def record(record_context: Any) -> dict[str, qn.NationalSeries]:
    return qn.national_picture(LAST_YEAR)


# --- what the files say ------------------------------------------------------------------------


def _year_of(start: str, end: str) -> int | None:
    """The calendar year (or the programme's Mar–Dec 2018) of a dossier period "YYYY-MM"."""
    year = int(start[:4])
    if end == f"{year}-12" and start in (f"{year}-01", "2018-03"):
        return year
    return None


def _exact(row: dict[str, str]) -> bool:
    return row["exact_period"] == "yes" and row["value"].isdigit()


def expected_national(measure: str) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    for r in FIGURES:
        if _exact(r) and r["geo_level"] == "national" and r["measure"] == measure:
            year = _year_of(r["period_start"], r["period_end"])
            if year is not None and r["period_kind"] == "flow":
                out[year].add(int(r["value"]))
    return out


def expected_regional(measure: str, *, dossier: bool = True) -> dict[int, dict[str, set[int]]]:
    """``{year: {region: values}}`` from the seed table and (``dossier``) the dossier: several
    sources of a region's year may disagree; the app shows the preferred one."""
    out: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for r in FIGURES if dossier else []:
        if _exact(r) and r["geo_level"] == "planning_region" and r["measure"] == measure:
            year = _year_of(r["period_start"], r["period_end"])
            if year is not None and r["period_kind"] == "flow":
                out[year][REGION_BY_NAME[r["geo"]]].add(int(r["value"]))
    for r in read_published_table(SEED_DIR / OBSERVATIONS_FILE):
        if r["metric"] != measure:
            continue
        period = r["period"]
        year = 2018 if period == "2018-03..2018-12" else int(period) if period.isdigit() else None
        if year is not None:
            out[year][REGION_BY_NAME[r["region_name"]]].add(int(r["value"]))
    return out


def latest_running_total(measure: str) -> tuple[int, str]:
    rows = [
        r
        for r in FIGURES
        if _exact(r)
        and r["geo_level"] == "national"
        and r["measure"] == measure
        and r["period_start"] == "2018-03"
        and r["period_end"] != "2018-12"
    ]
    latest = max(rows, key=lambda r: r["period_end"])
    return int(latest["value"]), latest["period_end"]


def target(measure: str) -> tuple[int, int, int]:
    """(value, first year, last year) of the measure's national target in the dossier."""
    (row,) = [
        r
        for r in FIGURES
        if r["measure"] == qn.TARGETS[measure] and r["geo_level"] == "national" and _exact(r)
    ]
    return int(row["value"]), int(row["period_start"][:4]), int(row["period_end"][:4])


# --- the series over the real record ----------------------------------------------------------


@pytest.mark.parametrize("measure", qn.MEASURES)
def test_each_year_is_the_published_figure_and_the_sum_only_with_all_five_regions(
    record: dict[str, qn.NationalSeries], measure: str
) -> None:
    series = record[measure]
    national = expected_national(measure)
    regional = expected_regional(measure)
    assert [p.year for p in series.years] == list(range(2018, LAST_YEAR + 1))
    assert series.region_count == len(REGIONS)
    for point in series.years:
        published = national.get(point.year, set())
        if published:
            assert point.published is not None and point.published.value in published
        else:
            assert point.published is None, point.year
        regions = regional.get(point.year, {})
        assert point.regions_reported == len(regions), point.year
        if set(regions) == set(REGIONS):
            sums = {sum(combo) for combo in itertools.product(*regions.values())}
            assert point.regions_sum in sums, point.year
            assert len(point.region_sources) == len(REGIONS)
        else:
            # Four regions are not the country: no sum, whatever they add up to.
            assert point.regions_sum is None and point.sum_shown is None, point.year
        if point.regions_sum is not None and point.published is not None:
            same = point.regions_sum == point.published.value
            assert point.sum_shown == (None if same else point.regions_sum)
            assert point.sum_matches is same
        elif point.regions_sum is not None:
            assert point.sum_shown == point.regions_sum  # the only figure for the year
    assert series.years[0].part_year and not any(p.part_year for p in series.years[1:])


def test_the_record_has_the_cases_the_tests_rely_on(record: dict[str, qn.NationalSeries]) -> None:
    """A guard that the real record still exercises every branch: a year where the regions'
    sum equals the published figure, a year with a sum and no national figure, and a year with
    a national figure and only some regions."""
    points = [p for s in record.values() for p in s.years]
    assert any(p.sum_matches for p in points)
    assert any(p.published is None and p.regions_sum is not None for p in points)
    assert any(p.published is not None and 0 < p.regions_reported < 5 for p in points)


@pytest.mark.parametrize("measure", qn.MEASURES)
def test_running_total_is_the_latest_since_march_2018_and_never_a_year(
    record: dict[str, qn.NationalSeries], measure: str
) -> None:
    series = record[measure]
    value, end = latest_running_total(measure)
    assert series.running_total is not None
    assert series.running_total.value == value
    assert series.running_total.period_end.strftime("%Y-%m") == end
    assert series.running_total.period_start == qn.PROGRAMME_START
    assert value not in {p.published.value for p in series.years if p.published}


@pytest.mark.parametrize("measure", sorted(qn.TARGETS))
def test_progress_against_the_target_is_computed_per_year(
    record: dict[str, qn.NationalSeries], measure: str
) -> None:
    series = record[measure]
    value, first, last = target(measure)
    assert [(t.value, t.first_year, t.last_year) for t in series.targets] == [(value, first, last)]
    national = expected_national(measure)
    progress = series.progress()
    assert [p.year for p in progress] == list(range(first, last + 1))
    for item in progress:
        published = national.get(item.year)
        if published:
            (figure,) = published
            assert item.value == figure and not item.from_regions
            assert item.percent == pytest.approx(figure / value * 100)
            assert nf.progress_text(item, "persons", "en") == (
                f"{item.year}: {format_number(figure, 'en')} persons, "
                f"{format_percent(figure / value * 100, 'en')} of the "
                f"{format_number(value, 'en')} target."
            )
        else:
            assert item.value is None and item.percent is None
            assert "no national figure published yet" in nf.progress_text(item, "x", "en")
            assert "valsts kopskaits vēl nav publicēts" in nf.progress_text(item, "x", "lv")


def test_families_have_no_target_and_no_progress(record: dict[str, qn.NationalSeries]) -> None:
    assert record["families_returned"].targets == ()
    assert record["families_returned"].progress() == []


# --- build_series on the real rows, changed -----------------------------------------------------


@pytest.fixture
def real_rows(record_app: Any) -> Iterator[tuple[list[dict], list[dict]]]:
    with record_app.server.app_context():
        national = observation_rows(
            RowFilter(geo_levels=("national",), metrics=(*qn.MEASURES, *qn.TARGETS.values()))
        )
        regional = observation_rows(RowFilter(geo_levels=("planning_region",), metrics=qn.MEASURES))
        yield national, regional


def _year(series: qn.NationalSeries, year: int) -> qn.YearPoint:
    return next(p for p in series.years if p.year == year)


def _full_years(rows: list[dict], measure: str) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = defaultdict(list)
    for r in rows:
        year = qn.calendar_year(r["period_start"], r["period_end"])
        if r["metric"] == measure and year is not None:
            out[year].append(r)
    return out


def test_a_region_missing_means_no_sum_and_a_changed_region_shows_the_difference(
    real_rows: tuple[list[dict], list[dict]],
) -> None:
    national, regional = real_rows
    measure = "people_returned"
    years = _full_years(regional, measure)
    year = next(y for y, rows in sorted(years.items()) if len(rows) == len(REGIONS))
    base = qn.build_series(measure, national, regional, REGIONS, LAST_YEAR)
    point = _year(base, year)
    assert point.regions_sum == sum(r["value"] for r in years[year])

    dropped = [r for r in regional if r is not years[year][0]]
    short = _year(qn.build_series(measure, national, dropped, REGIONS, LAST_YEAR), year)
    assert short.regions_sum is None and short.sum_shown is None
    assert short.regions_reported == len(REGIONS) - 1

    changed = [{**r, "value": r["value"] + 7} if r is years[year][0] else r for r in regional]
    series = qn.build_series(measure, national, changed, REGIONS, LAST_YEAR)
    moved = _year(series, year)
    assert moved.regions_sum == point.regions_sum + 7
    differs = moved.published is None or moved.published.value != moved.regions_sum
    assert moved.sum_shown == (moved.regions_sum if differs else None)
    # The regions' sources are listed with the sum they make.
    assert set(moved.region_sources) <= set(series.sources())


def test_half_years_and_periods_across_years_never_make_a_year(
    real_rows: tuple[list[dict], list[dict]],
) -> None:
    national, regional = real_rows
    partial = [
        r
        for r in national + regional
        if qn.calendar_year(r["period_start"], r["period_end"]) is None
    ]
    assert partial, "the record has half-years, quarters and running totals"
    series = qn.build_series("people_returned", partial, partial, REGIONS, LAST_YEAR)
    assert all(p.published is None and p.regions_reported == 0 for p in series.years)
    assert series.running_total is not None  # running totals stay, as their own statement


def test_nothing_published_gives_empty_labelled_slots_not_zeros() -> None:
    series = qn.build_series("people_returned", [], [], REGIONS, LAST_YEAR)
    figure = nf.national_figure(series, "persons", "en")
    go.Figure(figure)  # a valid Plotly figure
    (line,) = figure["data"]
    assert line["y"] == [None] * len(series.years)
    assert line["connectgaps"] is False
    notes = [a["text"] for a in figure["layout"]["annotations"]]
    assert notes == ["no data published"] * len(series.years)
    assert nf.national_summary(series, "persons", "en") == (
        "No national figure published, and in no year did all five regions publish one."
    )
    table = nf.national_table(series, "en")
    assert all(row[1] == "–" for row in table.rows)


def test_the_chart_breaks_the_line_at_years_without_a_figure(
    record: dict[str, qn.NationalSeries],
) -> None:
    series = record["people_returned"]
    figure = nf.national_figure(series, "persons", "en")
    go.Figure(figure)
    line = figure["data"][0]
    assert line["connectgaps"] is False
    assert len(line["x"]) == len(series.years)  # every year has its slot on the axis
    for point, y in zip(series.years, line["y"], strict=True):
        assert y == (point.published.value if point.published else None)
    empty = [p for p in series.years if p.published is None and p.sum_shown is None]
    assert len(figure["layout"]["annotations"]) == len(empty)
    (goal,) = [tr for tr in figure["data"] if tr["name"].startswith("Target")]
    value, first, last = target("people_returned")
    assert goal["x"] == [str(y) for y in range(first, last + 1)]
    assert goal["y"] == [value] * (last - first + 1)


# --- the section with and without national figures ---------------------------------------------


def test_section_over_the_record_states_progress_and_running_total(record_app: Any) -> None:
    with record_app.server.app_context():
        section = national_section("en", today=dt.date(LAST_YEAR, 6, 1))
    details = text(by_id(section, "national-people-returned-details"))
    value, first, _ = target("people_returned")
    (published,) = expected_national("people_returned")[first]
    expected = (
        f"{first}: {format_number(published, 'en')} persons, "
        f"{format_percent(published / value * 100, 'en')} of the {format_number(value, 'en')}"
    )
    assert expected in details
    total, _ = latest_running_total("people_returned")
    assert f"Running total since March 2018: {format_number(total, 'en')} persons" in details
    assert "Show the data as a table" in details


@pytest.mark.parametrize(
    ("lang", "none_published"),
    [("lv", "Valsts kopskaits nav publicēts"), ("en", "No national figure published")],
)
def test_seed_only_section_says_no_national_figure_and_shows_the_regions_sum(
    make_app: Any, seed_only_config: Config, lang: str, none_published: str
) -> None:
    with make_app(seed_only_config).server.app_context():
        picture = qn.national_picture(LAST_YEAR)
        section = national_section(lang, today=dt.date(LAST_YEAR, 6, 1))
    for measure, series in picture.items():
        assert not series.has_national and series.targets == () and series.running_total is None
        regional = expected_regional(measure, dossier=False)
        complete = {y for y, regions in regional.items() if set(regions) == set(REGIONS)}
        shown = {p.year: p.sum_shown for p in series.years if p.sum_shown is not None}
        assert set(shown) == complete
        for year in complete:
            assert shown[year] == sum(next(iter(v)) for v in regional[year].values())
        details = text(by_id(section, f"national-{measure.replace('_', '-')}-details"))
        assert none_published in details
        figure = by_id(section, f"national-{measure.replace('_', '-')}-graph").figure
        go.Figure(figure)
        assert [tr["y"] for tr in figure["data"]][0] == [None] * len(series.years)
        assert len(figure["data"]) == 2  # published (empty) and the regions' sum; no target


def test_the_axis_reaches_the_last_target_year_even_before_it_comes(
    real_rows: tuple[list[dict], list[dict]],
) -> None:
    national, regional = real_rows
    _, first, last = target("people_returned")
    series = qn.build_series("people_returned", national, regional, REGIONS, first)
    assert series.years[-1].year == last
    assert [p.year for p in series.progress()] == list(range(first, last + 1))
    without_target = qn.build_series("families_returned", national, regional, REGIONS, first)
    assert without_target.years[-1].year == first


def test_sources_are_those_of_the_numbers_shown_once_each(
    record: dict[str, qn.NationalSeries],
) -> None:
    people = record["people_returned"]
    shown = {p.published.source for p in people.years if p.published}
    hidden = {s for p in people.years if p.sum_shown is None for s in p.region_sources} - shown
    assert hidden, "the record has a regions' sum equal to the published figure"
    assert not hidden & set(people.sources())  # a sum not shown brings no sources
    offers = record["offers_prepared"]
    drawn = [p for p in offers.years if p.sum_shown is not None]
    assert drawn and all(set(p.region_sources) <= set(offers.sources()) for p in drawn)
    for series in record.values():
        keys = [(s.url, s.title, s.publisher) for s in series.sources()]
        assert len(keys) == len(set(keys))
        if series.running_total is not None:
            assert series.running_total.source in series.sources()
        assert all(target.source in series.sources() for target in series.targets)
