"""The long layout's columns for the real record: periods as two months, sources with publisher
and date, reliability, the measure registry's kinds, and the columns a dossier carries that an
upload does not store. Small made-up files for the validation logic only.
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_ingest import to_xlsx
from test_ingest_geography import TODAY, URL, municipal_reference, one_error, run

from dashboard.ingest import validate_upload
from dashboard.ingest.header import header_field
from dashboard.ingest.periods import parse_month_bound, parse_period
from dashboard.ingest.sources import parse_published_on

RANGE = ["period_start", "period_end", "geo", "measure", "value", "source_url"]


# --- headers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("geo", "region"),
        ("Geography", "region"),
        ("Teritorija", "region"),
        ("measure", "metric"),
        ("period_start", "period_start"),
        ("period_end", "period_end"),
        ("publisher", "source_publisher"),
        ("source_publisher", "source_publisher"),
        ("published_on", "source_published_on"),
        ("Source published on", "source_published_on"),
        ("notes", "note"),
        ("geo_level", "geo_level"),
        ("parent_region", "parent_region"),
        ("reliability", "reliability"),
    ],
)
def test_new_header_spellings(text: str, field: str) -> None:
    assert header_field(text) == field


def test_dossier_columns_that_carry_nothing_stored_are_ignored_saying_why() -> None:
    header = ["id", *RANGE, "exact_period", "unit_as_published", "quote", "period_kind"]
    row = ["F1", "2024-01", "2024-12", "Latvija", "people_returned", 1, URL, "yes", "persons"]
    report = run([[*row, "…", "flow"]], header=header)
    assert report.ok, report.errors
    ignored = [(w.code, w.column, w.row) for w in report.warnings]
    assert ignored == [
        ("ignored_column_known", name, 1)
        for name in ("id", "exact_period", "unit_as_published", "quote", "period_kind")
    ]
    texts = {w.column: w.message_en for w in report.warnings}
    assert "registry" in texts["unit_as_published"] and "stored" in texts["id"]
    assert all(w.message_lv != w.message_en for w in report.warnings)


# --- periods ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2018-03..2024-12", dt.date(2018, 3, 1), dt.date(2024, 12, 31)),
        ("2024-01–2024-12", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("2024-01 — 2024-06", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
        ("2021-03/2023-09", dt.date(2021, 3, 1), dt.date(2023, 9, 30)),
    ],
)
def test_any_whole_month_range(text: str, start: dt.date, end: dt.date) -> None:
    spec = parse_period(text)
    assert spec is not None and (spec.start, spec.end) == (start, end)


def test_period_as_two_month_columns() -> None:
    report = run([["2018-03", "2023-12", "Latvija", "people_returned", 4534, URL]], header=RANGE)
    assert report.ok, report.errors
    spec = report.rows[0].period
    assert (spec.start, spec.end, spec.months) == (dt.date(2018, 3, 1), dt.date(2023, 12, 31), 70)


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2024-01", False, dt.date(2024, 1, 1)),
        ("2024-12", True, dt.date(2024, 12, 31)),
        ("2024-02-01", False, dt.date(2024, 2, 1)),
        ("2024-02-29", True, dt.date(2024, 2, 29)),
        ("2024-02-28", True, None),  # not the month's last day
        ("2024-02-15", False, None),
        ("2024-13", False, None),
        ("March 2024", False, None),
        (dt.datetime(2024, 12, 1), True, dt.date(2024, 12, 31)),  # Excel's reading of "2024-12"
        (dt.date(2024, 12, 31), True, dt.date(2024, 12, 31)),
        (dt.date(2024, 12, 31), False, None),
        (2024, False, None),
    ],
)
def test_month_bounds(value: object, end: bool, expected: dt.date | None) -> None:
    assert parse_month_bound(value, end=end) == expected


def test_bad_first_and_last_months_are_reported_where_they_are() -> None:
    report = run([["2024-02-15", "2024-13", "Latvija", "people_returned", 1, URL]], header=RANGE)
    assert [(e.code, e.column) for e in report.errors] == [
        ("bad_period_start", "period_start"),
        ("bad_period_end", "period_end"),
    ]


def test_period_ending_before_it_starts() -> None:
    report = run([["2024-06", "2024-01", "Latvija", "people_returned", 1, URL]], header=RANGE)
    one_error(report, "period_reversed", 2, "period_end")


def test_missing_end_month_column_and_both_ways_at_once() -> None:
    header = ["period_start", "geo", "measure", "value"]
    report = run([["2024-01", "Latvija", "people_returned", 1]], header=header)
    assert [(e.code, e.row) for e in report.errors] == [("missing_column", 1)]
    assert "period_end" in report.errors[0].message_en
    both = run([["2024", "2024-01", "Latvija", "people_returned", 1]], header=["period", *header])
    assert [e.code for e in both.errors] == ["period_columns_conflict"]


def test_xlsx_month_cells_that_excel_turned_into_dates() -> None:
    rows = [
        RANGE,
        [dt.datetime(2024, 1, 1), dt.datetime(2024, 12, 1), "Latvija", "people_returned", 1, URL],
    ]
    report = validate_upload(to_xlsx(rows), "u.xlsx", municipal_reference(), today=TODAY)
    assert report.ok, report.errors
    assert report.rows[0].period.code == "2024"


# --- measures and their kinds ------------------------------------------------------------------


def test_unknown_measure_says_how_to_define_one() -> None:
    text = one_error(
        run([["2024", "Latvija", "returnees_per_capita", 1, URL]]), "unknown_metric", 2, "measure"
    )
    assert "Admin → Measures" in text and "remigration measures add" in text
    assert "POST /admin/api/measures" in text and "people_returned" in text


def test_measure_by_name_as_today() -> None:
    report = run([["2024", "Latvija", "Cilvēki atgriezušies", 774, URL]])
    assert report.ok and report.rows[0].metric == "people_returned"


def test_a_stock_is_one_month() -> None:
    text = one_error(
        run([["2021", "Latvija", "families_planning_return", 594, URL]]),
        "stock_not_one_month",
        2,
        "period",
    )
    assert "families_planning_return" in text and "12 months" in text
    assert run([["2021-06", "Latvija", "families_planning_return", 594, URL]]).ok


def test_a_stock_range_in_two_columns_points_at_the_end_month() -> None:
    report = run(
        [["2021-01", "2021-06", "Latvija", "families_planning_return", 5, URL]], header=RANGE
    )
    one_error(report, "stock_not_one_month", 2, "period_end")


def test_future_period_only_for_targets() -> None:
    flow = run([["2024-01", "2026-12", "Latvija", "people_returned", 1, URL]], header=RANGE)
    text = one_error(flow, "future_period", 2, "period_end")
    assert "2026-12-31" in text and "targets" in text
    target = run(
        [["2024-01", "2026-12", "Latvija", "target_people_returned_per_year", 584, URL]],
        header=RANGE,
    )
    assert target.ok, target.errors
    ended = run([["2024-01", "2026-11", "Latvija", "people_returned", 1, URL]], header=RANGE)
    assert ended.ok, ended.errors


# --- sources --------------------------------------------------------------------------------------


SOURCE_HEADER = [
    "period",
    "geo",
    "measure",
    "value",
    "source_url",
    "source_title",
    "publisher",
    "published_on",
    "note",
    "reliability",
]


def test_all_source_columns_fill_the_row() -> None:
    row = [
        "2024",
        "Latvija",
        "people_returned",
        774,
        URL,
        "Pārskats",
        "VARAM",
        "2025-01",
        "ar koordinatoru atbalstu",
        "low",
    ]
    report = run([row], header=SOURCE_HEADER)
    assert report.ok, report.errors
    parsed = report.rows[0]
    assert (parsed.source_url, parsed.source_title, parsed.source_publisher) == (
        URL,
        "Pārskats",
        "VARAM",
    )
    assert (parsed.source_published_on, parsed.note, parsed.reliability) == (
        "2025-01",
        "ar koordinatoru atbalstu",
        "low",
    )
    assert parsed.to_dict()["source_published_on"] == "2025-01"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-01-22", "2025-01-22"),
        ("2025-01", "2025-01"),
        (dt.date(2025, 1, 22), "2025-01-22"),
        ("2025-02-30", None),
        ("2025-13", None),
        ("c. 2022-07 (not stated)", None),
        ("22.01.2025", None),
        ("2025", None),
    ],
)
def test_published_on_is_a_day_or_a_month(value: object, expected: str | None) -> None:
    assert parse_published_on(value) == expected


def test_published_on_that_is_neither_a_day_nor_a_month() -> None:
    row = ["2024", "Latvija", "people_returned", 1, URL, "", "", "2020 (month not stated)", "", ""]
    text = one_error(run([row], header=SOURCE_HEADER), "bad_published_on", 2, "published_on")
    assert "YYYY-MM-DD" in text and "empty" in text


def test_published_on_after_today() -> None:
    row = ["2024", "Latvija", "people_returned", 1, URL, "", "", "2027-01", "", ""]
    one_error(run([row], header=SOURCE_HEADER), "published_on_future", 2, "published_on")


def test_unknown_reliability() -> None:
    row = ["2024", "Latvija", "people_returned", 1, URL, "", "", "", "", "so-so"]
    one_error(run([row], header=SOURCE_HEADER), "bad_reliability", 2, "reliability")


def test_publisher_length_is_capped() -> None:
    row = ["2024", "Latvija", "people_returned", 1, URL, "", "x" * 301, "", "", ""]
    one_error(run([row], header=SOURCE_HEADER), "too_long", 2, "publisher")


def test_a_file_without_sources_gets_one_warning() -> None:
    header = ["period", "geo", "measure", "value"]
    report = run(
        [["2024", "Latvija", "people_returned", 1], ["2023", "Latvija", "people_returned", 1]],
        header=header,
    )
    assert report.ok, report.errors
    assert [(w.code, w.row) for w in report.warnings] == [("no_source_file", None)]
    text = report.warnings[0].message_en
    assert "source not stated" in text and "upload.csv" not in text


def test_rows_without_a_source_are_listed_in_one_warning() -> None:
    rows = [
        ["2024", "Latvija", "people_returned", 1, URL, "", "", "", "", ""],
        ["2023", "Latvija", "people_returned", 1, "", "", "", "", "", ""],
        [
            "2022",
            "Latvija",
            "people_returned",
            1,
            "",
            "",
            "VARAM",
            "",
            "",
            "",
        ],  # a publisher is a source
        [
            "2021",
            "Latvija",
            "people_returned",
            1,
            "",
            "",
            "",
            "2022-01",
            "",
            "",
        ],  # a date alone is not
    ]
    report = run(rows, header=SOURCE_HEADER)
    assert report.ok, report.errors
    assert [(w.code, w.row) for w in report.warnings] == [("no_source_rows", None)]
    assert "rows 3, 5" in report.warnings[0].message_en
