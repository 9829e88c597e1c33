"""Consistency across rows and against published data: no part larger than its whole, families
never more than people, duplicates only from the same source, and each published value of a
cell met as the same source (same / change) or another (corroboration / conflict).

Every rule has a failing and a passing case; published values are the seed table (release 1,
as ``init-db`` loads it) plus, where a rule needs them, values made up for the logic only.
"""

from __future__ import annotations

import datetime as dt

from test_ingest import rule_warnings
from test_ingest_geography import URL, municipal_reference, one_error, run

from dashboard.ingest import PublishedValue, Reference
from dashboard.ingest.types import source_key

OTHER = "https://example.lv/cits-avots"  # another made-up source


def with_published(*values: PublishedValue) -> Reference:
    base = municipal_reference(published=True)
    return Reference(
        base.regions,
        base.metrics,
        base.periods,
        [*base.published, *values],
        base.municipalities,
        base.successors,
    )


def year(y: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


# --- a part period larger than its whole ---------------------------------------------------------


def test_running_total_smaller_than_a_year_inside_it() -> None:
    rows = [
        ["2018-03..2022-12", "Latvija", "people_returned", 3625, URL],
        ["2020", "Latvija", "people_returned", 3626, URL],
    ]
    text = one_error(run(rows), "part_period_gt_whole", 3, "value")
    assert "2020 (3626)" in text and "2018-03..2022-12 (3625)" in text and "row 2" in text


def test_half_year_quarter_year_and_running_total_side_by_side() -> None:
    rows = [
        ["2018-03..2022-12", "Latvija", "people_returned", 3625, URL],
        ["2020", "Latvija", "people_returned", 1023, URL],
        ["2020-H1", "Latvija", "people_returned", 488, URL],
        ["2020-Q1", "Latvija", "people_returned", 200, URL],
    ]
    report = run(rows)
    assert report.ok, report.errors
    assert len(report.rows) == 4  # overlapping periods are separate figures, none refused


def test_part_in_the_file_larger_than_a_published_whole() -> None:
    """Seed: Kurzeme offers 2019 = 365 (release 1)."""
    text = one_error(
        run([["2019-Q2", "Kurzeme", "offers_prepared", 366, URL]], reference=with_published()),
        "part_period_gt_whole",
        2,
        "value",
    )
    assert "2019 (365)" in text and "release 1" in text
    assert run([["2019-Q2", "Kurzeme", "offers_prepared", 365, URL]], reference=with_published()).ok


def test_whole_in_the_file_smaller_than_a_published_part() -> None:
    """Seed: Latgale offers 2019 = 890; a running total 2018-03..2019-12 must be at least that."""
    report = run(
        [["2018-03..2019-12", "Latgale", "offers_prepared", 800, URL]], reference=with_published()
    )
    text = one_error(report, "part_period_gt_whole", 2, "value")
    assert "2019 (890)" in text and "2018-03..2019-12 (800)" in text
    assert run(
        [["2018-03..2019-12", "Latgale", "offers_prepared", 1454, URL]], reference=with_published()
    ).ok


def test_stocks_and_targets_are_not_parts_of_a_longer_period() -> None:
    rows = [
        ["2024-01..2026-12", "Latvija", "target_offers_per_year", 1500, URL],
        ["2024", "Latvija", "target_offers_per_year", 2000, URL],
    ]
    assert run(rows).ok


def test_part_and_whole_must_share_the_geography() -> None:
    rows = [
        ["2020", "Vidzeme", "people_returned", 160, URL],
        ["2020-H1", "Kurzeme", "people_returned", 300, URL],
    ]
    assert run(rows).ok


# --- a municipality, a region, Latvia ------------------------------------------------------------


def test_municipality_larger_than_its_region_in_the_file() -> None:
    rows = [
        ["2020", "Vidzeme", "people_returned", 160, URL],
        ["2020", "Valmiera", "people_returned", 161, URL],
    ]
    text = one_error(run(rows), "municipality_gt_region", 3, "value")
    assert "Valmiera (161)" in text and "Vidzeme (160)" in text and "row 2" in text
    rows[1][3] = 97
    assert run(rows).ok


def test_municipality_compared_with_the_region_of_its_division() -> None:
    """Tukuma novads belonged to Rīga until June 2021 and to Kurzeme after."""
    rows = [
        ["2022", "Rīga", "people_returned", 10, URL],
        ["2022", "Kurzeme", "people_returned", 50, URL],
        ["2022", "Tukuma novads", "people_returned", 20, URL],
    ]
    assert run(rows).ok
    rows[1][3] = 19
    one_error(run(rows), "municipality_gt_region", 4, "value")


def test_municipality_larger_than_the_published_region() -> None:
    """Seed: Rīga planning region, people 2019 = 83; Tukuma novads was in it then."""
    report = run(
        [["2019", "Tukuma novads", "people_returned", 84, URL]], reference=with_published()
    )
    text = one_error(report, "municipality_gt_region", 2, "value")
    assert "Rīga (83)" in text and "release 1" in text


def test_region_in_the_file_smaller_than_a_published_municipality() -> None:
    start, end = year(2022)
    published = PublishedValue(
        start,
        end,
        "2022",
        "kurzeme",
        "people_returned",
        40,
        2,
        "municipality",
        "LV-099",
        "2021",
        "url:" + OTHER,
    )
    reference = with_published(published)
    text = one_error(
        run([["2022", "Kurzeme", "people_returned", 39, URL]], reference=reference),
        "municipality_gt_region",
        2,
        "value",
    )
    assert "Tukuma novads (40)" in text and "release 2" in text and OTHER in text
    assert run([["2022", "Kurzeme", "people_returned", 40, URL]], reference=reference).ok


def test_region_larger_than_the_national_figure() -> None:
    rows = [
        ["2024", "Latvija", "people_returned", 774, URL],
        ["2024", "Kurzeme", "people_returned", 775, URL],
    ]
    text = one_error(run(rows), "region_gt_national", 3, "value")
    assert "Kurzeme (775)" in text and "(774)" in text
    rows[1][3] = 201
    assert run(rows).ok


def test_national_figure_smaller_than_a_published_region() -> None:
    """Seed: Latgale people 2019 = 183."""
    report = run([["2019", "Latvija", "people_returned", 150, URL]], reference=with_published())
    text = one_error(report, "region_gt_national", 2, "value")
    assert "Latgale (183)" in text and "(150)" in text
    assert run([["2019", "Latvija", "people_returned", 656, URL]], reference=with_published()).ok


def test_municipality_larger_than_the_national_figure() -> None:
    rows = [
        ["2020", "Latvija", "people_returned", 50, URL],
        ["2020", "Cēsu novads", "people_returned", 53, URL],
    ]
    one_error(run(rows), "municipality_gt_national", 3, "value")


def test_levels_are_compared_only_for_the_same_period_dates() -> None:
    rows = [
        ["2024", "Latvija", "people_returned", 774, URL],
        ["2018-03..2024-12", "Kurzeme", "people_returned", 1500, URL],
    ]
    assert run(rows).ok


# --- families and people -------------------------------------------------------------------------


def test_more_families_than_people_for_each_pair_of_measures() -> None:
    for families, people in [
        ("families_returned", "people_returned"),
        (
            "families_returned_unassisted_then_contacted",
            "people_returned_unassisted_then_contacted",
        ),
        ("families_returned_all_known", "people_returned_all_known"),
    ]:
        rows = [["2023", "Latgale", people, 60, URL], ["2023", "Latgale", families, 61, URL]]
        text = one_error(run(rows), "families_gt_people", 3, "value")
        assert families in text and people in text
        rows[1][3] = 24
        assert run(rows).ok


def test_families_and_people_from_different_sources_are_not_compared() -> None:
    rows = [
        ["2023", "Latgale", "people_returned", 60, URL],
        ["2023", "Latgale", "families_returned", 61, OTHER],
    ]
    assert run(rows).ok


def test_families_against_published_people_of_the_same_source_first() -> None:
    start, end = year(2023)
    people = [
        PublishedValue(
            start, end, "2023", "latgale", "people_returned", 136, 2, source="url:" + URL
        ),
        PublishedValue(
            start, end, "2023", "latgale", "people_returned", 50, 3, source="url:" + OTHER
        ),
    ]
    reference = with_published(*people)
    assert run([["2023", "Latgale", "families_returned", 55, URL]], reference=reference).ok
    report = run([["2023", "Latgale", "families_returned", 137, URL]], reference=reference)
    assert "release 2" in one_error(report, "families_gt_people", 2, "value")


# --- duplicates and other sources in the file ----------------------------------------------------


def test_same_cell_twice_from_the_same_source_is_a_duplicate() -> None:
    rows = [
        ["2024", "Latvija", "people_returned", 774, URL],
        ["2024", "Latvia", "people_returned", 774, URL],
    ]
    assert "row 2" in one_error(run(rows), "duplicate", 3, "value")


def test_same_cell_from_another_source_is_kept_beside_it() -> None:
    rows = [
        ["2024", "Vidzeme", "people_returned", 169, URL],
        ["2024", "Vidzeme", "people_returned", 169, OTHER],
    ]
    report = run(rows)
    assert report.ok, report.errors
    assert [r.source_url for r in report.rows] == [URL, OTHER]


# --- against published values, source by source --------------------------------------------------


def published_2024(value: int, source: str, release: int = 2) -> PublishedValue:
    start, end = year(2024)
    return PublishedValue(
        start, end, "2024", "vidzeme", "people_returned", value, release, source=source
    )


def test_corroboration_by_another_source_needs_no_replace() -> None:
    reference = with_published(published_2024(169, source_key(OTHER, None, None)))
    report = run([["2024", "Vidzeme", "people_returned", 169, URL]], reference=reference)
    assert report.ok, report.errors
    (change,) = report.changes
    assert (change.kind, change.old, change.other_source, change.old_release) == (
        "corroboration",
        169,
        True,
        2,
    )
    assert rule_warnings(report) == []


def test_conflict_with_another_source_is_a_warning_naming_it() -> None:
    reference = with_published(published_2024(170, source_key(None, "Pārskats", "VARAM")))
    report = run(
        [["2024", "Vidzeme", "people_returned", 169, URL]], reference=reference, replace=True
    )
    assert report.ok, report.errors
    assert report.changes[0].kind == "conflict"
    assert report.superseded == []  # another source's value is never superseded
    (warning,) = rule_warnings(report)
    assert (warning.code, warning.row, warning.column) == ("conflict", 2, "value")
    assert "170" in warning.message_en and "release 2" in warning.message_en
    assert "pārskats (varam)" in warning.message_en


def test_same_source_change_needs_replace_and_lists_only_its_own_value() -> None:
    reference = with_published(
        published_2024(170, "url:" + URL), published_2024(171, "url:" + OTHER, 3)
    )
    data = [["2024", "Vidzeme", "people_returned", 169, URL]]
    refused = run(data, reference=reference)
    assert "release 2" in one_error(refused, "already_published", 2, "value")
    report = run(data, reference=reference, replace=True)
    assert report.ok, report.errors
    assert report.changes[0].kind == "change" and not report.changes[0].other_source
    assert [(p.value, p.release) for p in report.superseded] == [(170, 2)]
    assert [w.code for w in rule_warnings(report)] == ["supersedes", "conflict"]


def test_same_source_same_value_is_unchanged() -> None:
    reference = with_published(published_2024(169, "url:" + URL))
    report = run([["2024", "Vidzeme", "people_returned", 169, URL]], reference=reference)
    assert report.ok and report.changes[0].kind == "same"
    assert [w.code for w in rule_warnings(report)] == ["unchanged"]


def test_published_values_of_other_levels_are_other_cells() -> None:
    start, end = year(2024)
    national = PublishedValue(
        start, end, "2024", None, "people_returned", 774, 2, "national", source="url:" + URL
    )
    report = run(
        [["2024", "Vidzeme", "people_returned", 169, URL]], reference=with_published(national)
    )
    assert report.ok and report.changes[0].kind == "add"
    national_row = run(
        [["2024", "Latvija", "people_returned", 774, URL]], reference=with_published(national)
    )
    assert national_row.changes[0].kind == "same"


def test_long_layout_total_row_adds_up_planning_regions_only() -> None:
    rows = [
        ["2024", name, "offers_prepared", 1, URL]
        for name in ("Kurzeme", "Latgale", "Rīga", "Vidzeme", "Zemgale")
    ]
    rows += [
        ["2024", "Latvija", "offers_prepared", 5, URL],
        ["2024", "KOPĀ", "offers_prepared", 5, URL],
    ]
    report = run(rows)
    assert report.ok, report.errors
    assert len(report.rows) == 6


def test_a_replaced_whole_is_not_compared_with_the_new_part() -> None:
    """The same source corrects its year (170 → 200) and adds the half-year (180) at once: the
    half-year is compared with the new year, not with the value being superseded."""
    reference = with_published(published_2024(170, "url:" + URL))
    rows = [
        ["2024", "Vidzeme", "people_returned", 200, URL],
        ["2024-H1", "Vidzeme", "people_returned", 180, URL],
    ]
    report = run(rows, reference=reference, replace=True)
    assert report.ok, report.errors
    assert [(p.value, p.release) for p in report.superseded] == [(170, 2)]
    rows[0][3] = 179
    one_error(run(rows, reference=reference, replace=True), "part_period_gt_whole", 3, "value")
    # Another source's year stays a whole the new half-year is compared with.
    other = with_published(published_2024(170, "url:" + OTHER))
    text = one_error(run(rows[1:], reference=other), "part_period_gt_whole", 2, "value")
    assert "release 2" in text and OTHER in text
