"""Validation rules: one test per rule, each checking the row, the column and both languages.

Helpers come from ``test_ingest.py`` (same directory; pytest's default import mode puts it on
``sys.path``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_ingest import (
    LONG_HEADER,
    check,
    codes,
    make_reference,
    rule_warnings,
    seed_observations,
    to_csv,
    values,
)

from dashboard.ingest import Limits, PublishedValue, Reference, RefPeriod, ValidationReport

LONG4 = LONG_HEADER[:4]
WIDE = ["period", "metric", "Kurzeme", "Latgale", "Rīga", "Vidzeme", "Zemgale", "KOPĀ"]


def long(*rows: list[object], header: list[str] = LONG4) -> bytes:
    return to_csv([header, *[list(r) for r in rows]])


def only_error(report: ValidationReport, code: str, row: int | None, column: str | None) -> None:
    """Exactly one error, with this code and location, in two different languages; nothing to
    publish."""
    assert codes(report) == [code], report.errors
    error = report.errors[0]
    assert (error.row, error.column) == (row, column)
    assert error.message_lv and error.message_en and error.message_lv != error.message_en
    assert not report.ok
    assert report.rows == [] and report.changes == []


# --- names and labels -----------------------------------------------------------------------------


def test_unknown_region() -> None:
    report = check(long(["2024-Q3", "Pierīga", "families_returned", 1]))
    only_error(report, "unknown_region", 2, "region")
    assert "Pierīga" in report.errors[0].message_lv
    assert "Kurzeme" in report.errors[0].message_en  # lists the valid names


def test_unknown_metric() -> None:
    report = check(long(["2024-Q3", "Rīga", "returnees per capita", 1]))
    only_error(report, "unknown_metric", 2, "metric")
    assert "families_returned" in report.errors[0].message_en


def test_unknown_period() -> None:
    report = check(long(["2024-Q5", "Rīga", "families_returned", 1]))
    only_error(report, "unknown_period", 2, "period")
    assert "2024-Q5" in report.errors[0].message_en


@pytest.mark.parametrize(
    ("row", "code", "column"),
    [
        (["", "Rīga", "families_returned", 1], "missing_period", "period"),
        (["2024", "", "families_returned", 1], "missing_region", "region"),
        (["2024", "Rīga", "", 1], "missing_metric", "metric"),
        (["2024", "Rīga", "families_returned", ""], "empty_value", "value"),
    ],
)
def test_empty_cells(row: list[object], code: str, column: str) -> None:
    # A second, valid row keeps the row from being skipped as a footnote.
    report = check(long(row, ["2024", "Latgale", "offers_prepared", 1]))
    only_error(report, code, 2, column)


def test_period_code_conflicting_with_a_known_code() -> None:
    base = make_reference(published=False)
    odd = RefPeriod("2024-Q3", dt.date(2024, 6, 1), dt.date(2024, 8, 31), "x", "x", 3)
    reference = Reference(base.regions, base.metrics, [*base.periods, odd], [])
    report = check(long(["2024-Q3", "Rīga", "families_returned", 1]), reference=reference)
    only_error(report, "period_code_conflict", 2, "period")


# --- values ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["12.5", "1234.0", "1,234", "12 34", "abc", "1e3", "0x10", "١٢", "+5", "5 ģimenes"]
)
def test_non_integer_values_refused(text: str) -> None:
    report = check(long(["2024", "Rīga", "families_returned", text]))
    only_error(report, "not_integer", 2, "value")


@pytest.mark.parametrize(
    ("text", "number"),
    [("1 234", 1234), ("1\u00a0234", 1234), ("1\u202f234", 1234), (" 42 ", 42), ("0", 0)],
)
def test_grouped_and_padded_integers_accepted(text: str, number: int) -> None:
    report = check(long(["2024", "Rīga", "offers_prepared", text]))
    assert report.ok, report.errors
    assert report.rows[0].value == number


@pytest.mark.parametrize("text", ["-3", "\u22123", "- 1 000"])
def test_negative_values_refused(text: str) -> None:
    report = check(long(["2024", "Rīga", "families_returned", text]))
    only_error(report, "negative", 2, "value")


def test_too_large_value_refused() -> None:
    report = check(long(["2024", "Rīga", "offers_prepared", "99999999999"]))
    only_error(report, "too_large", 2, "value")


def test_wide_empty_cell_names_the_region_column() -> None:
    rows = [WIDE[:4], ["2024", "offers_prepared", 1, ""], ["2024", "people_returned", 1, 2]]
    report = check(to_csv(rows))
    only_error(report, "empty_value", 2, "Latgale")


# --- duplicates and overlaps within the file ------------------------------------------------------


def test_duplicate_row() -> None:
    report = check(
        long(
            ["2024-Q3", "Rīga", "families_returned", 1],
            ["2024. g. 3. cet.", "Riga", "Ģimenes", 1],
        )
    )
    only_error(report, "duplicate", 3, "value")
    assert "row 2" in report.errors[0].message_en
    assert "2. rindā" in report.errors[0].message_lv


def test_duplicate_in_wide_layout() -> None:
    rows = [WIDE[:3], ["2024", "Ģimenes", 1], ["2024", "families_returned", 2]]
    only_error(check(to_csv(rows)), "duplicate", 3, "Kurzeme")


def test_overlapping_periods_within_the_file_are_accepted() -> None:
    """A quarter beside its year is a second view of the same flow, not a clash."""
    report = check(
        long(["2024", "Rīga", "families_returned", 5], ["2024-Q3", "Rīga", "families_returned", 1])
    )
    assert report.ok, report.errors
    assert [r.period.code for r in report.rows] == ["2024", "2024-Q3"]


def test_part_period_larger_than_its_whole_within_the_file() -> None:
    report = check(
        long(["2024", "Rīga", "families_returned", 5], ["2024-Q3", "Rīga", "families_returned", 6])
    )
    only_error(report, "part_period_gt_whole", 3, "value")
    assert "2024-Q3 (6)" in report.errors[0].message_en
    assert "2024 (5)" in report.errors[0].message_en and "row 2" in report.errors[0].message_en


def test_same_period_for_other_regions_and_metrics_is_fine() -> None:
    report = check(
        long(
            ["2024", "Rīga", "families_returned", 1],
            ["2024-Q3", "Latgale", "families_returned", 1],
            ["2024-Q3", "Rīga", "offers_prepared", 1],
        )
    )
    assert report.ok, report.errors


# --- totals ---------------------------------------------------------------------------------------


def test_total_differs_from_sum_of_regions() -> None:
    rows = [WIDE, ["2024", "offers_prepared", 1, 2, 3, 4, 5, 16]]
    report = check(to_csv(rows))
    only_error(report, "total_mismatch", 2, "KOPĀ")
    assert "16" in report.errors[0].message_en and "15" in report.errors[0].message_en


def test_total_blank_in_a_row_is_allowed() -> None:
    rows = [WIDE, ["2024", "offers_prepared", 1, 2, 3, 4, 5, ""]]
    assert check(to_csv(rows)).ok


def test_total_not_checked_when_a_region_column_is_missing() -> None:
    header = ["period", "metric", "Kurzeme", "Latgale", "Total"]
    report = check(to_csv([header, ["2024", "offers_prepared", 1, 2, 99]]))
    assert report.ok, report.errors
    assert [w.code for w in report.warnings] == [
        "no_source_file",
        "regions_missing",
        "total_not_checked",
    ]
    assert report.warnings[1].message_en.startswith(
        "Riga, Vidzeme and Zemgale have no figures for 2024 in this file"
    )
    assert report.warnings[2].column == "Total"
    assert len(report.rows) == 2


def test_total_row_in_long_layout_checked_not_stored() -> None:
    regions = ["Kurzeme", "Latgale", "Rīga", "Vidzeme", "Zemgale"]
    rows = [["2024", r, "offers_prepared", 1] for r in regions]
    good = check(long(*rows, ["2024", "KOPĀ", "offers_prepared", 5]))
    assert good.ok, good.errors
    assert {r.region for r in good.rows} == {"kurzeme", "latgale", "riga", "vidzeme", "zemgale"}
    bad = check(long(*rows, ["2024", "Kopā", "offers_prepared", 6]))
    only_error(bad, "total_mismatch", 7, "value")


# --- families vs people ---------------------------------------------------------------------------


def test_families_greater_than_people_in_the_file() -> None:
    report = check(
        long(["2024", "Rīga", "people_returned", 3], ["2024", "Rīga", "families_returned", 4])
    )
    only_error(report, "families_gt_people", 3, "value")


def test_families_equal_to_people_is_fine() -> None:
    report = check(
        long(["2024", "Rīga", "people_returned", 3], ["2024", "Rīga", "families_returned", 3])
    )
    assert report.ok, report.errors


def test_families_greater_than_people_in_wide_layout() -> None:
    rows = [WIDE[:4], ["2024", "Ģimenes", 5, 3], ["2024", "Cilvēki", 5, 2]]
    only_error(check(to_csv(rows)), "families_gt_people", 2, "Latgale")


def test_families_against_published_people() -> None:
    """2019 Kurzeme: 142 people published; a corrected family count of 150 cannot be right."""
    report = check(
        long(["2019", "Kurzeme", "families_returned", 150]), published=True, replace=True
    )
    only_error(report, "families_gt_people", 2, "value")
    assert "release 1" in report.errors[0].message_en


def test_people_against_published_families() -> None:
    report = check(long(["2019", "Kurzeme", "people_returned", 10]), published=True, replace=True)
    only_error(report, "families_gt_people", 2, "value")
    assert "(47, families_returned)" in report.errors[0].message_en


# --- dates ----------------------------------------------------------------------------------------


def test_period_ending_in_the_future() -> None:
    report = check(long(["2026-Q4", "Rīga", "families_returned", 1]))
    only_error(report, "future_period", 2, "period")
    assert "2026-12-31" in report.errors[0].message_en


def test_period_that_has_ended_is_fine() -> None:
    assert check(long(["2026-Q3", "Rīga", "families_returned", 1])).ok


def test_future_period_reported_once_per_row_in_wide_layout() -> None:
    rows = [WIDE[:4], ["2027", "Ģimenes", 1, 1]]
    only_error(check(to_csv(rows)), "future_period", 2, "period")


# --- against published data -----------------------------------------------------------------------


def test_identical_period_same_value_is_a_warning_not_an_error() -> None:
    report = check(long(["2019", "Rīga", "families_returned", 33]), published=True)
    assert report.ok, report.errors
    assert [w.code for w in report.warnings] == ["no_source_file", "unchanged"]
    (change,) = report.changes
    assert (change.kind, change.old, change.new, change.old_release) == ("same", 33, 33, 1)


def test_identical_period_other_value_needs_replace() -> None:
    data = long(["2019. gads", "Rīga", "families_returned", 34])
    only_error(check(data, published=True), "already_published", 2, "value")
    report = check(data, published=True, replace=True)
    assert report.ok, report.errors
    (change,) = report.changes
    assert (change.period_code, change.kind, change.old, change.new) == ("2019", "change", 33, 34)
    assert [(p.period_code, p.region, p.metric, p.value) for p in report.superseded] == [
        ("2019", "riga", "families_returned", 33)
    ]
    assert [w.code for w in report.warnings] == ["no_source_file", "supersedes"]


def test_overlapping_published_period_is_accepted_without_replace() -> None:
    """2019 Kurzeme offers: 365 published; the first half of 2019 with 100 is a part of it."""
    report = check(long(["2019-H1", "Kurzeme", "offers_prepared", 100]), published=True)
    assert report.ok, report.errors
    assert [c.kind for c in report.changes] == ["add"]
    assert report.superseded == []
    replaced = check(
        long(["2019-H1", "Kurzeme", "offers_prepared", 100]), published=True, replace=True
    )
    assert replaced.ok and replaced.superseded == []  # nothing of these dates to supersede


def test_part_period_larger_than_the_published_whole() -> None:
    report = check(long(["2019-H1", "Kurzeme", "offers_prepared", 366]), published=True)
    only_error(report, "part_period_gt_whole", 2, "value")
    assert "2019 (365)" in report.errors[0].message_en
    assert "release 1" in report.errors[0].message_en


def test_adjacent_period_does_not_overlap() -> None:
    report = check(long(["2020-H2", "Kurzeme", "offers_prepared", 1]), published=True)
    assert report.ok, report.errors
    assert [c.kind for c in report.changes] == ["add"]


def test_changes_compare_with_the_latest_release() -> None:
    later = PublishedValue(
        dt.date(2019, 1, 1), dt.date(2019, 12, 31), "2019", "riga", "offers_prepared", 400, 2
    )
    base = make_reference()
    published = [
        p
        for p in base.published
        if (p.period_code, p.region, p.metric)
        != (
            "2019",
            "riga",
            "offers_prepared",
        )
    ]
    reference = Reference(base.regions, base.metrics, base.periods, [*published, later])
    report = check(long(["2019", "Rīga", "offers_prepared", 400]), reference=reference)
    assert report.ok
    assert (report.changes[0].kind, report.changes[0].old_release) == ("same", 2)


# --- structure ------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n  ", b"\xef\xbb\xbf"])
def test_empty_file(data: bytes) -> None:
    only_error(check(data), "empty_file", None, None)


@pytest.mark.parametrize(
    "data",
    [
        b"period,region,metric,value\r\n",
        b"\t\tKurzeme\tLatgale\n\n",
        b",,\nperiod;region;metric;value\n",
    ],
)
def test_header_only(data: bytes) -> None:
    report = check(data)
    assert codes(report) == ["no_data"]
    assert report.rows == []


def test_header_not_recognised() -> None:
    only_error(check(b"foo,bar,baz\n1,2,3\n"), "no_header", 1, None)


def test_missing_required_column() -> None:
    report = check(b"period,region,metric\n2024,Riga,offers_prepared\n")
    only_error(report, "missing_column", 1, None)
    assert "value" in report.errors[0].message_en


def test_wide_layout_without_metric_column() -> None:
    report = check(to_csv([["period", "Kurzeme"], ["2024", 1]]))
    only_error(report, "missing_column", 1, None)
    assert "metric" in report.errors[0].message_en


def test_duplicate_column() -> None:
    report = check(long(["2024", "Rīga", "offers_prepared", 1, 2], header=[*LONG4, "Value"]))
    only_error(report, "duplicate_column", 1, "Value")


def test_same_region_twice_in_wide_header() -> None:
    report = check(to_csv([["period", "metric", "Rīga", "Riga"], ["2024", "Offers", 1, 1]]))
    only_error(report, "duplicate_column", 1, "Riga")


def test_unknown_region_column_in_wide_layout() -> None:
    report = check(to_csv([["period", "metric", "Rīga", "Pierīga"], ["2024", "Offers", 1, 1]]))
    only_error(report, "unknown_column", 1, "Pierīga")


def test_region_column_in_long_layout() -> None:
    report = check(long(["2024", "Rīga", "offers_prepared", 1, 1], header=[*LONG4, "Latgale"]))
    only_error(report, "unexpected_column", 1, "Latgale")


def test_data_in_a_column_without_header() -> None:
    report = check(b"period,region,metric,value,\n2024,Riga,offers_prepared,1,surprise\n")
    only_error(report, "unlabelled_column", 1, "#5")


def test_footnote_row_in_wide_layout_is_ignored_with_warning() -> None:
    rows = [WIDE[:3], ["2024", "Offers", 1], ["*Dati par cilvēku un ģimeņu skaitu …"]]
    report = check(to_csv(rows))
    assert report.ok, report.errors
    assert [w.code for w in rule_warnings(report)] == ["no_source_file", "ignored_row"]


def test_too_many_rows() -> None:
    rows = [["2024", "Rīga", "offers_prepared", 1]] + [
        [f"{year}", "Latgale", "offers_prepared", 1] for year in range(2001, 2005)
    ]
    report = check(long(*rows), limits=Limits(max_rows=4))
    only_error(report, "too_many_rows", None, None)
    assert check(long(*rows), limits=Limits(max_rows=5)).ok


def test_file_over_the_size_limit() -> None:
    data = long(["2024", "Rīga", "offers_prepared", 1])
    assert check(data, limits=Limits(max_bytes=len(data))).ok
    report = check(data, limits=Limits(max_bytes=len(data) - 1))
    only_error(report, "file_too_large", None, None)
    assert report.size == len(data) and len(report.sha256) == 64


def test_default_size_limit_is_5_mb() -> None:
    filler = b"#" * (5 * 1024 * 1024)
    only_error(check(filler + b"x"), "file_too_large", None, None)
    assert "5 MB" in check(filler + b"x").errors[0].message_en


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.lv/x", "www.varam.gov.lv"])
def test_source_url_must_be_http(url: str) -> None:
    report = check(long(["2024", "Rīga", "offers_prepared", 1, url], header=[*LONG4, "source_url"]))
    only_error(report, "bad_url", 2, "source_url")


def test_note_too_long() -> None:
    report = check(
        long(["2024", "Rīga", "offers_prepared", 1, "x" * 2001], header=[*LONG4, "note"])
    )
    only_error(report, "too_long", 2, "note")


# --- all-or-nothing and error reporting -----------------------------------------------------------


def test_one_bad_row_means_nothing_to_publish() -> None:
    good = [
        [p, r, "offers_prepared", 1] for p in ("2021", "2022", "2023") for r in ("Rīga", "Latgale")
    ]
    report = check(long(*good, ["2024", "Rīga", "offers_prepared", "many"], *good[:0]))
    assert codes(report) == ["not_integer"]
    assert report.rows == [] and report.changes == [] and report.superseded == []


def test_every_error_names_row_and_column_in_both_languages() -> None:
    report = check(
        long(
            ["2024-Q3", "Atlantis", "families_returned", 1],
            ["2024-Q9", "Rīga", "families_returned", 1],
            ["2024-Q3", "Rīga", "coffee", 1],
            ["2024-Q3", "Rīga", "people_returned", "-1"],
            ["2024-Q3", "Rīga", "offers_prepared", "1.5"],
        )
    )
    assert [(e.row, e.column, e.code) for e in report.errors] == [
        (2, "region", "unknown_region"),
        (3, "period", "unknown_period"),
        (4, "metric", "unknown_metric"),
        (5, "value", "negative"),
        (6, "value", "not_integer"),
    ]
    for error in report.errors:
        assert error.message_lv != error.message_en


def test_error_list_is_capped() -> None:
    rows = [[str(year), "Nowhere", "offers_prepared", 1] for year in range(1900, 2025)] * 10
    report = check(long(*rows))
    assert len(report.errors) == 1001
    assert report.errors[0].code == "too_many_errors"  # the file-level note sorts first


def test_seed_values_helper_matches_the_reference() -> None:
    """Guard for the helpers: 45 published values, as seed 004 has."""
    assert len(seed_observations()) == 45
    assert len(make_reference().published) == 45
    assert values(check(long(["2024", "Rīga", "offers_prepared", 1]))) == {
        ("2024", "riga", "offers_prepared"): 1
    }
