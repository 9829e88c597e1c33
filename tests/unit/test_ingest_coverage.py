"""Warnings for a file that leaves planning regions or periods out (dashboard/ingest/coverage.py).

A warning, never a refusal: sparse data is normal and the file still publishes. Published figures
fill a gap, so they silence its warning. The reference is the seed's (test_ingest.make_reference):
the five planning regions, the registry's measures, and, with ``published``, the 2018–2020 table.
"""

from __future__ import annotations

import datetime as dt

from test_ingest import COVERAGE_CODES, TODAY, make_reference, to_csv

from dashboard.ingest import PublishedValue, ValidationReport, validate_upload
from dashboard.ingest.coverage import period_kind
from dashboard.ingest.periods import parse_period

WIDE = ["period", "metric", "Kurzeme", "Latgale", "Rīga", "Vidzeme", "Zemgale"]
LONG = ["period", "region", "metric", "value"]


def run(rows: list[list[object]], *extra: PublishedValue) -> ValidationReport:
    reference = make_reference(published=True, extra=list(extra))
    report = validate_upload(to_csv(rows), "f.csv", reference, today=TODAY)
    assert report.ok, report.errors  # warned, never refused
    return report


def coverage(report: ValidationReport) -> list[tuple[str, str, str]]:
    return [
        (w.code, w.message_en, w.message_lv) for w in report.warnings if w.code in COVERAGE_CODES
    ]


def published(period: str, region: str, metric: str, value: int) -> PublishedValue:
    spec = parse_period(period)
    assert spec is not None
    return PublishedValue(spec.start, spec.end, spec.code, region, metric, value, 2)


def test_regions_left_out_of_a_period_are_named_in_both_languages() -> None:
    report = run([WIDE[:2] + ["Latgale", "Rīga", "Vidzeme"], ["2024", "people_returned", 5, 6, 7]])
    assert len(report.rows) == 3
    assert coverage(report) == [
        (
            "regions_missing",
            "Kurzeme and Zemgale have no figures for 2024 in this file (People returned), and "
            "none are published: readers will see no figures for them.",
            "Šajā failā reģioniem Kurzeme un Zemgale nav datu par periodu “2024. gads” "
            "(Cilvēki atgriezušies), un arī publicētu datu nav: lasītāji tiem neredzēs skaitļus.",
        )
    ]


def test_one_warning_per_period_names_every_measure_left_out_alike() -> None:
    rows = [
        LONG,
        ["2024", "Vidzeme", "families_returned", 3],
        ["2024", "Vidzeme", "people_returned", 8],
        ["2024", "Latgale", "offers_prepared", 4],
        ["2024", "Vidzeme", "offers_prepared", 9],
    ]
    messages = [en for _, en, _ in coverage(run(rows))]
    assert messages == [
        "Kurzeme, Latgale, Riga and Zemgale have no figures for 2024 in this file (Families "
        "returned and People returned), and none are published: readers will see no figures "
        "for them.",
        "Kurzeme, Riga and Zemgale have no figures for 2024 in this file (Personalised offers "
        "prepared), and none are published: readers will see no figures for them.",
    ]


def test_a_published_figure_fills_the_gap_and_one_region_left_is_singular() -> None:
    rows = [WIDE[:2] + ["Latgale", "Rīga", "Vidzeme"], ["2024", "people_returned", 5, 6, 7]]
    report = run(rows, published("2024", "kurzeme", "people_returned", 4))
    assert coverage(report) == [
        (
            "region_missing",
            "Zemgale has no figures for 2024 in this file (People returned), and none are "
            "published: readers will see no figures for it.",
            "Šajā failā reģionam Zemgale nav datu par periodu “2024. gads” (Cilvēki "
            "atgriezušies), un arī publicētu datu nav: lasītāji tam neredzēs skaitļus.",
        )
    ]
    # A figure of another period or measure does not fill it.
    other = run(rows, published("2023", "zemgale", "people_returned", 4))
    assert "Kurzeme and Zemgale" in coverage(other)[0][1]


def test_every_region_given_or_published_gives_no_warning() -> None:
    assert coverage(run([WIDE, ["2024", "people_returned", 1, 2, 3, 4, 5]])) == []
    # The seed publishes 2019 for every region: a file correcting Rīga alone is not told off.
    report = validate_upload(
        to_csv([LONG, ["2019", "Rīga", "people_returned", 83]]),
        "f.csv",
        make_reference(published=True),
        today=TODAY,
    )
    assert coverage(report) == []


def test_running_totals_and_odd_spans_are_one_publishers_cut_and_not_checked() -> None:
    rows = [
        LONG,
        ["2018-03..2025-12", "Vidzeme", "people_returned", 400],
        ["2018-03..2018-10", "Latgale", "people_returned", 12],
    ]
    assert coverage(run(rows)) == []


def test_skipped_years_between_the_first_and_last_are_named() -> None:
    rows = [
        WIDE,
        ["2021", "people_returned", 1, 2, 3, 4, 5],
        ["2024", "people_returned", 1, 2, 3, 4, 5],
    ]
    assert coverage(run(rows)) == [
        (
            "periods_skipped",
            "People returned: the file has figures from 2021 to 2024 but none for 2022 and "
            "2023, and none are published: charts will show a gap there.",
            "Rādītājam “Cilvēki atgriezušies” failā ir dati no perioda “2021. gads” līdz "
            "“2024. gads”, bet trūkst: 2022. gads un 2023. gads, un arī publicētu datu par tiem "
            "nav: diagrammās tur būs pārtraukums.",
        )
    ]
    # A year published before (from any region) is not a gap.
    filled = run(rows, published("2022", "riga", "people_returned", 3))
    assert [en for _, en, _ in coverage(filled)] == [
        "People returned: the file has figures from 2021 to 2024 but none for 2023, and none "
        "are published: charts will show a gap there."
    ]


def test_quarters_and_half_years_are_checked_each_against_their_own_kind() -> None:
    rows = [
        WIDE,
        ["2024-Q1", "offers_prepared", 1, 2, 3, 4, 5],
        ["2024-Q3", "offers_prepared", 1, 2, 3, 4, 5],
        ["2024-H1", "offers_prepared", 2, 4, 6, 8, 10],
        ["2024", "offers_prepared", 3, 6, 9, 12, 15],
        ["2025", "offers_prepared", 3, 6, 9, 12, 15],
    ]
    assert [en for _, en, _ in coverage(run(rows))] == [
        "Personalised offers prepared: the file has figures from 2024 Q1 to 2024 Q3 but none "
        "for 2024 Q2, and none are published: charts will show a gap there."
    ]


def test_monthly_stocks_are_not_checked_for_skipped_months() -> None:
    rows = [
        WIDE,
        ["2023-12", "families_planning_return", 1, 2, 3, 4, 5],
        ["2025-12", "families_planning_return", 1, 2, 3, 4, 5],
    ]
    assert coverage(run(rows)) == []


def test_a_long_list_of_skipped_periods_is_cut_short() -> None:
    rows = [
        WIDE,
        ["2000-Q1", "people_returned", *[1] * 5],
        ["2025-Q4", "people_returned", *[1] * 5],
    ]
    report = validate_upload(to_csv(rows), "f.csv", make_reference(), today=TODAY)
    ((_, en, lv),) = coverage(report)
    assert "none for 2000 Q2, 2000 Q3, 2000 Q4, 2001 Q1," in en and ", …, and none" in en
    assert "2003 Q2" not in en and lv.count("ceturksnis") == 2 + 12


def test_period_kinds() -> None:
    kinds = {p: period_kind(parse_period(p)) for p in ("2024", "2024-H2", "2024-Q4", "2024-07")}
    assert kinds == {"2024": "year", "2024-H2": "half", "2024-Q4": "quarter", "2024-07": "month"}
    assert period_kind(parse_period("2018-03..2018-12")) is None
    assert period_kind(parse_period("2018-03..2020-06")) is None
    assert dt.date(2024, 7, 1) == parse_period("2024-H2").start
