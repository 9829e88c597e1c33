"""The data availability matrix and the release contents, read from the real record: a fresh
database loaded as ``remigration init-db`` loads it (the seed table and the dossier of published
figures in ``data/seed/dossier``), not from numbers typed here.

Expectations are derived from the same CSV files the record is loaded from, so the tests say
"every figure published for a place and year shows up in that cell, with its source" and "the
seed table and a later publication that disagree are shown as conflicting", whatever the
dossier holds.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from component_tree import links, of_kind, prop, text

from dashboard import queries
from dashboard.components.availability import (
    availability_section,
    choice_value,
    matrix_for,
    year_ranges,
)
from dashboard.components.release_table import release_table
from dashboard.db.seed import OBSERVATIONS_FILE, read_published_table
from dashboard.queries.availability import (
    CONFLICTING,
    PUBLISHED,
    availability,
    cell_years,
    period_group,
    release_contents,
)
from dashboard.queries.conflicts import conflicts

SEED_DIR = Path(__file__).resolve().parents[2] / "data" / "seed"
FIGURES = SEED_DIR / "dossier" / "figures.csv"


def _dossier() -> list[dict[str, str]]:
    with FIGURES.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _month_start(text: str) -> dt.date:
    year, month = map(int, text.split("-"))
    return dt.date(year, month, 1)


def _entry(data: dict[str, Any], group: str, metric: str) -> dict[str, Any]:
    return next(e for e in data["measures"] if (e["group"], e["metric"]) == (group, metric))


def test_period_groups_keep_running_totals_stocks_and_targets_apart():
    start, end = dt.date(2018, 3, 1), dt.date(2022, 6, 30)
    assert period_group("flow", start, end) == "running_total"
    assert cell_years("running_total", start, end) == (2022,)
    assert period_group("flow", dt.date(2022, 1, 1), dt.date(2022, 6, 30)) == "flow"
    assert period_group("stock", dt.date(2022, 6, 1), dt.date(2022, 6, 30)) == "stock"
    target = (dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    assert cell_years(period_group("target", *target), *target) == (2024, 2025, 2026)


def test_year_ranges_keep_gaps_visible():
    assert year_ranges([2018, 2019, 2020, 2022, 2024, 2025]) == "2018–2020, 2022, 2024–2025"
    assert year_ranges([]) == ""


def test_every_published_row_is_in_its_cell_with_its_source(record_context):
    """The matrix and the API (every source) hold the same figures, each where it belongs."""
    data = availability()
    cells = {
        (e["group"], e["metric"], c["geo_level"], c["geo_code"], c["division"], c["year"]): c
        for e in data["measures"]
        for c in e["cells"]
    }
    rows = queries.observation_rows(queries.RowFilter(all_sources=True))
    assert len(rows) > 100  # the seed's 45 and the dossier's figures
    for row in rows:
        group = period_group(row["kind"], row["period_start"], row["period_end"])
        for year in cell_years(group, row["period_start"], row["period_end"]):
            key = (group, row["metric"], row["geo_level"], row["geo_code"], row["division"] or "")
            cell = cells[(*key, year)]
            period = next(p for p in cell["periods"] if p["period"] == row["period"])
            assert (row["value"], row["source_url"]) in {
                (s["value"], s["url"]) for s in period["sources"]
            }
            assert year in data["years"]
    # …and nothing else: every listed period has at least one row behind it.
    published = {(r["metric"], r["geo_code"], r["period"]) for r in rows}
    for e in data["measures"]:
        for c in e["cells"]:
            assert {(e["metric"], c["geo_code"], p["period"]) for p in c["periods"]} <= published


def test_cells_whose_sources_disagree_are_conflicting_and_no_others(record_context):
    """A dossier figure for a seed cell with another value is a conflict in the matrix, as in
    the admin's conflict list; cells whose sources agree are plain "published"."""
    regions = {r["name_lv"]: r["code"] for r in queries.regions()}
    seed = {
        (r["period"], regions[r["region_name"]], r["metric"]): r["value"]
        for r in read_published_table(SEED_DIR / OBSERVATIONS_FILE)
    }
    seed_periods = {p for p, _, _ in seed}
    expected = set()
    for row in _dossier():
        if row["geo_level"] != "planning_region" or not re.fullmatch(r"[0-9]+", row["value"]):
            continue
        start, end = row["period_start"], row["period_end"]
        code = start[:4] if (start[5:], end[5:]) == ("01", "12") and start[:4] == end[:4] else None
        code = code or f"{start}..{end}"
        key = (code, regions[row["geo"]], row["measure"])
        if code in seed_periods and key in seed and seed[key] != int(row["value"]):
            expected.add((row["measure"], regions[row["geo"]], code, row["source_url"]))
    assert expected, "the dossier holds at least one figure that disagrees with the seed table"

    data = availability()
    shown = {
        (e["metric"], c["geo_code"], p["period"])
        for e in data["measures"]
        for c in e["cells"]
        for p in c["periods"]
        if p["conflicting"]
    }
    assert shown == {
        (c["metric"], c["region"] or c["municipality"], c["period"]) for c in conflicts()
    }
    for metric, region, period, url in expected:
        assert (metric, region, period) in shown
        entry = _entry(data, "flow", metric)
        cell = next(
            c for c in entry["cells"] if c["geo_code"] == region and c["year"] == int(period[:4])
        )
        assert cell["status"] == CONFLICTING
        sources = next(p for p in cell["periods"] if p["period"] == period)["sources"]
        assert url in {s["url"] for s in sources}
        assert len({s["value"] for s in sources}) > 1
    assert all(
        c["status"] == PUBLISHED
        for e in data["measures"]
        for c in e["cells"]
        if not any(p["conflicting"] for p in c["periods"])
    )


def test_a_year_without_figures_has_no_cell_and_reads_not_published(record_context):
    """No families-returned figure within 2021 was published anywhere (checked in the dossier
    and the seed's periods): that column of the matrix says "not published" in every row."""
    within_2021 = [
        r
        for r in _dossier()
        if r["measure"] == "families_returned"
        and r["period_start"].startswith("2021")
        and r["period_end"].startswith("2021")
    ]
    assert within_2021 == []
    data = availability()
    entry = _entry(data, "flow", "families_returned")
    assert 2021 in data["years"]
    assert 2021 not in entry["years"]
    assert not [c for c in entry["cells"] if c["year"] == 2021]
    matrix = matrix_for(data, choice_value(entry), "en")
    table = of_kind(matrix, "Table")[0]
    header = [text(th) for th in of_kind(of_kind(table, "Thead")[0], "Th")]
    column = header.index("2021")
    body = of_kind(table, "Tbody")[0]
    for tr in of_kind(body, "Tr"):
        cells = [c for c in prop(tr, "children")]
        assert text(cells[column]) == "– not published"


def test_running_totals_sit_in_the_year_they_end(record_context):
    """A running total since March 2018 is in its own group, in the year its period ends."""
    running = [
        r
        for r in _dossier()
        if r["period_kind"] == "cumulative"
        and r["measure"] == "people_returned"
        and r["exact_period"] == "yes"
        and re.fullmatch(r"[0-9]+", r["value"])
        and r["period_start"][:4] != r["period_end"][:4]
    ]
    assert running
    entry = _entry(availability(), "running_total", "people_returned")
    for row in running:
        end_year = int(row["period_end"][:4])
        periods = [
            p
            for c in entry["cells"]
            if c["year"] == end_year
            for p in c["periods"]
            if p["start"] == _month_start(row["period_start"])
        ]
        assert periods, row["id"]
    assert not [
        e
        for e in availability()["measures"]
        if e["group"] == "flow"
        and any(p["start"].year != p["end"].year for c in e["cells"] for p in c["periods"])
    ]


def test_the_section_renders_the_conflict_with_both_sources(record_context):
    data = availability()
    entry = next(e for e in data["measures"] if e["conflicts"])
    section = availability_section(data, len(queries.regions()), "lv", choice_value(entry))
    shown = text(section)
    assert "Datu pieejamība" in shown
    assert "avoti atšķiras" in shown
    conflict = next(c for c in entry["cells"] if c["status"] == CONFLICTING)
    urls = {s["url"] for p in conflict["periods"] for s in p["sources"]}
    hrefs = {href for _, href in links(section)}
    assert urls <= hrefs
    assert any(h.startswith(f"/api/v1/observations?measure={entry['metric']}") for h in hrefs)


def test_every_release_says_what_it_published(record_context):
    """Each dossier release's figures are the rows its description names; the seed release
    holds the seed table (its five regions for each period and measure)."""
    contents = release_contents()
    releases = queries.releases()
    seed_rows = read_published_table(SEED_DIR / OBSERVATIONS_FILE)
    assert contents[1]["figures"] == len(seed_rows)
    assert sorted(contents[1]["regions"]) == sorted(r["code"] for r in queries.regions())
    for release in releases:
        ids = re.findall(r"\bF\d+\b", release["description"])
        if release["number"] == 1:
            continue
        assert contents[release["number"]]["figures"] == len(ids), release["description"]
        urls = {s["url"] for s in contents[release["number"]]["sources"]}
        assert any(url and url in release["description"] for url in urls)

    table = release_table(releases, "en", contents, queries.metrics(), queries.regions())
    main = of_kind(table, "Table")[0]
    assert len(of_kind(of_kind(main, "Tbody")[0], "Tr")) == 5
    assert f"Show all {len(releases)} releases" in text(table)
    hrefs = [href for _, href in links(table)]
    for release in releases:
        assert f"/?release={release['number']}" in hrefs
    by_number: dict[int, list[str]] = defaultdict(list)
    for tr in of_kind(table, "Tr"):
        cells = prop(tr, "children")
        if prop(cells[0], "scope") == "row":
            by_number[int(text(cells[0]))].append(text(cells[1]))
    assert sorted(by_number) == sorted(r["number"] for r in releases)
    newest = releases[0]
    shown = by_number[newest["number"]][0]
    assert tn_figures(contents[newest["number"]]["figures"]) in shown
    for source in contents[newest["number"]]["sources"]:
        assert source["publisher"] in shown


def tn_figures(n: int) -> str:
    return f"{n} figure:" if n == 1 else f"{n} figures:"
