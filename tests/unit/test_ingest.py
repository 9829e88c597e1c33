"""Upload parsing: every accepted layout, encoding, delimiter and spelling, and the seed table.

The validator is pure, so these tests need no database: the reference (regions, metrics, periods,
published values) is built from the seed CSVs in ``data/seed``, exactly what ``init-db`` loads.
Rules, file safety and fuzzing are in ``test_ingest_rules.py``, ``test_ingest_safety.py`` and
``test_ingest_fuzz.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from dashboard.ingest import (
    Limits,
    PublishedValue,
    Reference,
    RefMetric,
    RefPeriod,
    RefRegion,
    ValidationReport,
    parse_period,
    resolve_metric,
    resolve_region,
    validate_upload,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = REPO_ROOT / "data" / "seed"
SHARED_SEEDS = REPO_ROOT.parent / "shared" / "seeds"
TODAY = dt.date(2026, 11, 23)
LONG_HEADER = ["period", "region", "metric", "value", "source_url", "source_title", "note"]

# The table exactly as seed 004 prints it (tab-separated, labels wrapped over lines, a blank
# line inside the first block). Used when ../shared/seeds is not checked out; when it is, the
# test below proves this copy is still verbatim.
SEED_004_TABLE = (
    "\t\tKurzeme\tLatgale\tVidzeme\tZemgale\tRīga\tKOPĀ\n"
    "2018.gads (mar.-dec.)\tĢimenes\t33\t38\t22\t19\t51\t163\n"
    "atgriezušies\tCilvēki\t88\t87\t55\t50\t119\t399\n"
    "\n"
    "Sagatavoti\tpersonalizētie piedāvājumi\t393\t564\t379\t201\t278\t1815\n"
    "2019.gads\tĢimenes\t47\t64\t58\t23\t33\t225\n"
    "atgriezušies\tCilvēki\t142\t183\t178\t70\t83\t656\n"
    "Sagatavoti\tpersonalizētie piedāvājumi\t365\t890\t406\t209\t398\t2268\n"
    "2020.gads (jan.-jūn.)\tĢimenes\t30\t63\t28\t14\t54\t189\n"
    "atgriezušies\tCilvēki\t86\t168\t77\t30\t127\t488\n"
    "Sagatavoti\tpersonalizētie piedāvājumi\t337\t322\t193\t173\t387\t1412\n"
)


# --- helpers (also imported by the other test_ingest_* modules) -----------------------------------


def _read(name: str) -> list[dict[str, str]]:
    with (SEED_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def seed_observations() -> dict[tuple[str, str, str], int]:
    """``{(period code, region code, metric): value}`` from our transcription of seed 004."""
    codes = {r["name_lv"]: r["code"] for r in _read("regions.csv")}
    out = {}
    for row in _read("observations_seed004.csv"):
        for name, code in codes.items():
            out[(row["period"], code, row["metric"])] = int(row[name])
    return out


def make_reference(published: bool = True, extra: list[PublishedValue] | None = None) -> Reference:
    """The reference ``build_reference`` would give for a freshly seeded database."""
    regions = [
        RefRegion(r["code"], r["name_lv"], r["name_en"], r["long_name_lv"], r["long_name_en"])
        for r in _read("regions.csv")
    ]
    metrics = [
        RefMetric(m["code"], m["name_lv"], m["name_en"], m["kind"], m["unit_code"])
        for m in _read("metrics.csv")
    ]
    periods = [
        RefPeriod(
            p["code"],
            dt.date.fromisoformat(p["start"]),
            dt.date.fromisoformat(p["end"]),
            p["label_lv"],
            p["label_en"],
            int(p["months"]),
        )
        for p in _read("periods.csv")
    ]
    by_code = {p.code: p for p in periods}
    values: list[PublishedValue] = []
    if published:
        for (period, region, metric), value in seed_observations().items():
            p = by_code[period]
            values.append(PublishedValue(p.start, p.end, p.code, region, metric, value, 1))
    return Reference(regions, metrics, periods, values + list(extra or []))


# Warnings about what a file leaves out (dashboard/ingest/coverage.py, tested in
# test_ingest_coverage.py): the small files that test the other rules give one region or one
# period and get them too.
COVERAGE_CODES = frozenset({"region_missing", "regions_missing", "periods_skipped"})


def rule_warnings(report: ValidationReport) -> list[Any]:
    """The report's warnings but those about regions and periods the file leaves out."""
    return [w for w in report.warnings if w.code not in COVERAGE_CODES]


def to_csv(rows: list[list[Any]], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def to_xlsx(
    rows: list[list[Any]],
    *,
    title: str = "Sheet1",
    before: list[str] = (),  # type: ignore[assignment]
    origin: tuple[int, int] = (1, 1),
) -> bytes:
    """A workbook whose sheet ``title`` holds ``rows`` from ``origin`` (row, column)."""
    workbook = Workbook()
    first = workbook.active
    sheets = []
    for name in before:
        sheets.append(workbook.create_sheet(name))
    sheet = workbook.create_sheet(title)
    workbook.remove(first)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.cell(row=origin[0] + r, column=origin[1] + c, value=value)
    for other in sheets:
        other["A1"] = "not the data"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def check(
    data: bytes,
    name: str = "upload.csv",
    *,
    published: bool = False,
    replace: bool = False,
    limits: Limits = Limits(),  # noqa: B008
    reference: Reference | None = None,
) -> ValidationReport:
    reference = reference or make_reference(published=published)
    return validate_upload(data, name, reference, today=TODAY, replace=replace, limits=limits)


def codes(report: ValidationReport) -> list[str]:
    return [i.code for i in report.errors]


def values(report: ValidationReport) -> dict[tuple[str, str, str], int]:
    return {(r.period.code, r.region, r.metric): r.value for r in report.rows}


LONG_ROWS = [
    LONG_HEADER,
    ["2024-Q3", "Kurzeme", "families_returned", "5", "https://example.lv/a", "Title", ""],
    ["2024-Q3", "Kurzeme", "people_returned", "12", "", "", "a note"],
    ["2024-Q3", "Rīga", "offers_prepared", "1 234", "", "", ""],
]
LONG_EXPECTED = {
    ("2024-Q3", "kurzeme", "families_returned"): 5,
    ("2024-Q3", "kurzeme", "people_returned"): 12,
    ("2024-Q3", "riga", "offers_prepared"): 1234,
}


# --- long layout, encodings, delimiters -----------------------------------------------------------


def test_long_csv_utf8_comma() -> None:
    report = check(to_csv(LONG_ROWS))
    assert report.ok, report.errors
    assert (report.file_type, report.encoding, report.delimiter, report.layout) == (
        "csv",
        "utf-8",
        ",",
        "long",
    )
    assert values(report) == LONG_EXPECTED
    first = report.rows[0]
    assert (first.row, first.source_url, first.source_title, first.note) == (
        2,
        "https://example.lv/a",
        "Title",
        None,
    )
    assert report.rows[1].note == "a note"
    assert [c.kind for c in report.changes] == ["add", "add", "add"]


def test_long_csv_utf8_with_bom() -> None:
    report = check(b"\xef\xbb\xbf" + to_csv(LONG_ROWS))
    assert report.ok, report.errors
    assert report.encoding == "utf-8-sig"
    assert values(report) == LONG_EXPECTED


def test_windows_1257_csv() -> None:
    rows = [
        ["periods", "reģions", "rādītājs", "vērtība"],
        ["2024. gada 3. ceturksnis", "Rīgas plānošanas reģions", "Ģimenes atgriezušās", "3"],
        ["2024. gada 3. ceturksnis", "Rīga", "Cilvēki atgriezušies", "7"],
    ]
    data = to_csv(rows, delimiter=";", encoding="cp1257")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    report = check(data)
    assert report.ok, report.errors
    assert report.encoding == "cp1257"
    assert values(report) == {
        ("2024-Q3", "riga", "families_returned"): 3,
        ("2024-Q3", "riga", "people_returned"): 7,
    }


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_detected(delimiter: str) -> None:
    report = check(to_csv(LONG_ROWS, delimiter=delimiter))
    assert report.ok, report.errors
    assert report.delimiter == delimiter
    assert values(report) == LONG_EXPECTED


def test_semicolon_with_commas_inside_cells() -> None:
    """Commas in notes must not fool the detector when the header says semicolon."""
    rows = [LONG_HEADER, ["2024-Q3", "Latgale", "offers_prepared", "4", "", "", "a, b, c, d, e"]]
    report = check(to_csv(rows, delimiter=";"))
    assert report.ok, report.errors
    assert report.delimiter == ";"
    assert report.rows[0].note == "a, b, c, d, e"


def test_excel_sep_hint_line() -> None:
    data = b"sep=;\r\n" + to_csv(LONG_ROWS, delimiter=";")
    report = check(data)
    assert report.ok, report.errors
    assert report.delimiter == ";"
    assert [r.row for r in report.rows] == [3, 4, 5]


def test_header_spacing_case_and_latvian_names() -> None:
    rows = [
        [
            "  PERIODS ",
            "Reģions",
            " Rādītājs",
            "VĒRTĪBA ",
            "Source URL",
            "Avota nosaukums",
            "Piezīme",
        ],
        ["2024-Q3", "kurzeme", "FAMILIES_RETURNED", "1", "", "", ""],
    ]
    report = check(to_csv(rows))
    assert report.ok, report.errors
    assert values(report) == {("2024-Q3", "kurzeme", "families_returned"): 1}


def test_extra_blank_rows_and_columns_csv() -> None:
    data = (
        b"\r\n,,,,\r\n"
        b",period,region,metric,value,\r\n"
        b",,,,,\r\n"
        b",2024-Q3,Vidzeme,people_returned,9,\r\n"
        b"\r\n"
        b",2024-Q3,Zemgale,people_returned,8,,,\r\n"
    )
    report = check(data)
    assert report.ok, report.errors
    assert values(report) == {
        ("2024-Q3", "vidzeme", "people_returned"): 9,
        ("2024-Q3", "zemgale", "people_returned"): 8,
    }
    assert [r.row for r in report.rows] == [5, 7]  # line numbers as an editor shows them


def test_title_row_above_header_is_skipped_with_warning() -> None:
    rows = [
        ["Remigrācijas dati 2024"],
        [],
        LONG_HEADER[:4],
        ["2024", "Latgale", "offers_prepared", "1"],
    ]
    report = check(to_csv(rows))
    assert report.ok, report.errors
    assert [w.code for w in rule_warnings(report)] == ["rows_above_header", "no_source_file"]


def test_optional_columns_may_be_absent() -> None:
    report = check(to_csv([LONG_HEADER[:4], ["2024-H1", "Riga", "Offers", "0"]]))
    assert report.ok, report.errors
    row = report.rows[0]
    assert (row.period.code, row.region, row.metric, row.value) == (
        "2024-H1",
        "riga",
        "offers_prepared",
        0,
    )
    assert (row.source_url, row.source_title, row.note) == (None, None, None)


def test_unknown_extra_column_in_long_layout_is_ignored_with_warning() -> None:
    rows = [[*LONG_HEADER[:4], "unit"], ["2024", "Latgale", "offers_prepared", "1", "offers"]]
    report = check(to_csv(rows))
    assert report.ok, report.errors
    assert [w.code for w in rule_warnings(report)] == ["no_source_file", "ignored_column_known"]


def test_multiline_quoted_cell_keeps_line_numbers() -> None:
    data = (
        b"period,region,metric,value,note\n"
        b'2024,Latgale,offers_prepared,1,"two\nlines"\n'
        b"2024,Latgale,people_returned,x,\n"
    )
    report = check(data)
    assert codes(report) == ["not_integer"]
    assert report.errors[0].row == 4
    assert report.errors[0].column == "value"


def test_csv_named_xlsx_is_read_by_content() -> None:
    report = check(to_csv(LONG_ROWS), "upload.xlsx")
    assert report.ok, report.errors
    assert report.file_type == "csv"
    assert "extension_mismatch" in [w.code for w in report.warnings]


# --- wide layout ----------------------------------------------------------------------------------

WIDE_HEADER = ["period", "metric", "Kurzeme", "Latgale", "Rīga", "Vidzeme", "Zemgale", "KOPĀ"]


def test_wide_csv_with_total() -> None:
    rows = [
        WIDE_HEADER,
        ["2024-Q3", "families_returned", 1, 2, 3, 4, 5, 15],
        ["2024-Q3", "people_returned", 2, 3, 4, 5, 6, 20],
    ]
    report = check(to_csv(rows))
    assert report.ok, report.errors
    assert report.layout == "wide"
    assert len(report.rows) == 10
    assert values(report)[("2024-Q3", "zemgale", "people_returned")] == 6
    assert {r.row for r in report.rows} == {2, 3}


@pytest.mark.parametrize("total", ["KOPĀ", "Kopā", "kopa", "Total", " TOTAL "])
def test_wide_total_column_spellings(total: str) -> None:
    header = [*WIDE_HEADER[:-1], total]
    report = check(to_csv([header, ["2024", "offers_prepared", 1, 1, 1, 1, 1, 5]]))
    assert report.ok, report.errors
    assert len(report.rows) == 5  # the total is a check, never a sixth region


def test_wide_some_regions_and_some_metrics() -> None:
    rows = [
        ["Periods", "Rādītājs", "Latgales plānošanas reģions", "Riga Planning Region"],
        ["2024-Q3", "Personalizētie piedāvājumi", 10, 20],
    ]
    report = check(to_csv(rows, delimiter=";"))
    assert report.ok, report.errors
    assert values(report) == {
        ("2024-Q3", "latgale", "offers_prepared"): 10,
        ("2024-Q3", "riga", "offers_prepared"): 20,
    }


def test_wide_blank_period_cells_continue_the_period_above() -> None:
    rows = [
        ["", "", "Kurzeme", "Latgale"],
        ["2024. g. 1. cet.", "Ģimenes", 1, 2],
        ["", "Cilvēki", 3, 4],
        ["2024. g. 2. cet.", "Ģimenes", 5, 6],
        ["", "Cilvēki", 7, 8],
    ]
    report = check(to_csv(rows))
    assert report.ok, report.errors
    assert values(report) == {
        ("2024-Q1", "kurzeme", "families_returned"): 1,
        ("2024-Q1", "latgale", "families_returned"): 2,
        ("2024-Q1", "kurzeme", "people_returned"): 3,
        ("2024-Q1", "latgale", "people_returned"): 4,
        ("2024-Q2", "kurzeme", "families_returned"): 5,
        ("2024-Q2", "latgale", "families_returned"): 6,
        ("2024-Q2", "kurzeme", "people_returned"): 7,
        ("2024-Q2", "latgale", "people_returned"): 8,
    }


def test_wide_period_on_a_row_of_its_own() -> None:
    rows = [["period", "metric", "Kurzeme"], ["2024-Q1"], ["", "Families", 1], ["", "People", 2]]
    report = check(to_csv(rows))
    assert report.ok, report.errors
    assert values(report) == {
        ("2024-Q1", "kurzeme", "families_returned"): 1,
        ("2024-Q1", "kurzeme", "people_returned"): 2,
    }


def _seed_table_text() -> str:
    matches = sorted(SHARED_SEEDS.glob("004_*.txt")) if SHARED_SEEDS.is_dir() else []
    if not matches:
        return SEED_004_TABLE
    text = matches[0].read_text(encoding="utf-8")
    start = text.index("\t\tKurzeme")
    end = text.index("\n\n", text.index("Sagatavoti", text.index("2020.gads")))
    table = text[start : end + 1]
    assert table == SEED_004_TABLE, "the embedded copy of seed 004's table is out of date"
    return table


def _seed_table_rows() -> list[list[str]]:
    """The seed's tab-separated lines as cells (blank lines kept, as the document has them)."""
    return [line.split("\t") if line else [] for line in _seed_table_text().split("\n")[:-1]]


def _assert_seed_numbers(report: ValidationReport) -> None:
    assert report.ok, report.errors
    assert report.layout == "wide"
    assert len(report.rows) == 45
    assert values(report) == seed_observations()
    assert {r.period.code for r in report.rows} == {"2018-03..2018-12", "2019", "2020-01..2020-06"}


def test_seed_004_table_as_published_tab_separated() -> None:
    report = check(_seed_table_text().encode("utf-8"), "seed004.txt")
    _assert_seed_numbers(report)
    assert report.delimiter == "\t"
    # Line numbers follow the document: the header is line 1, the blank line 4 is skipped.
    assert sorted({r.row for r in report.rows}) == [2, 3, 5, 6, 7, 8, 9, 10, 11]


@pytest.mark.parametrize(("delimiter", "encoding"), [(",", "utf-8"), (";", "cp1257")])
def test_seed_004_table_retyped_as_wide_csv(delimiter: str, encoding: str) -> None:
    report = check(to_csv(_seed_table_rows(), delimiter=delimiter, encoding=encoding))
    _assert_seed_numbers(report)
    assert report.delimiter == delimiter
    assert report.encoding == encoding


def test_seed_004_table_as_xlsx() -> None:
    rows = [[c or None for c in r] for r in _seed_table_rows() if r]
    for row in rows[1:]:
        row[2:] = [int(v) for v in row[2:]]
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    _assert_seed_numbers(check(buffer.getvalue(), "seed004.xlsx"))


def test_seed_004_reuploaded_over_published_data_is_all_unchanged() -> None:
    report = check(_seed_table_text().encode(), published=True)
    assert report.ok, report.errors
    assert {c.kind for c in report.changes} == {"same"}
    assert len(report.changes) == 45
    assert {w.code for w in report.warnings} == {"no_source_file", "unchanged"}
    assert all(c.old_release == 1 for c in report.changes)


# --- XLSX -----------------------------------------------------------------------------------------


def test_xlsx_first_sheet_long_layout() -> None:
    rows = [LONG_HEADER[:4], ["2024-Q3", "Kurzeme", "families_returned", 5]]
    report = check(to_xlsx(rows), "upload.xlsx")
    assert report.ok, report.errors
    assert (report.file_type, report.encoding, report.delimiter) == ("xlsx", None, None)
    assert values(report) == {("2024-Q3", "kurzeme", "families_returned"): 5}


@pytest.mark.parametrize("title", ["dati", "DATA", " Dati "])
def test_xlsx_sheet_named_dati_or_data_wins(title: str) -> None:
    rows = [LONG_HEADER[:4], ["2024-Q3", "Kurzeme", "families_returned", 5]]
    report = check(to_xlsx(rows, title=title, before=["instrukcija", "notes"]), "u.xlsx")
    assert report.ok, report.errors
    assert report.rows[0].value == 5


def test_xlsx_without_data_sheet_reads_first_sheet_with_warning() -> None:
    workbook = Workbook()
    workbook.active.append(LONG_HEADER[:4])
    workbook.active.append(["2024", "Latgale", "offers_prepared", 3])
    workbook.create_sheet("other")["A1"] = "ignored"
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = check(buffer.getvalue(), "u.xlsx")
    assert report.ok, report.errors
    assert [w.code for w in rule_warnings(report)] == ["sheet_used", "no_source_file"]


def test_xlsx_extra_blank_rows_and_columns_and_row_numbers() -> None:
    rows = [
        LONG_HEADER[:4],
        [None, None, None, None],
        ["2024-Q3", "Kurzeme", "families_returned", 5],
        ["2024-Q3", "Kurzeme", "people_returned", "bad"],
    ]
    report = check(to_xlsx(rows, origin=(4, 3)), "u.xlsx")
    assert codes(report) == ["not_integer"]
    error = report.errors[0]
    assert (error.row, error.column) == (7, "F (value)")  # the spreadsheet's own row and column
    assert report.rows == []


def test_xlsx_numbers_integral_float_accepted_fraction_refused() -> None:
    rows = [
        LONG_HEADER[:4],
        [2024, "Kurzeme", "families_returned", 12.0],
        [2024, "Kurzeme", "people_returned", 12.5],
    ]
    report = check(to_xlsx(rows), "u.xlsx")
    assert codes(report) == ["not_integer"]
    assert report.errors[0].row == 3
    rows.pop()
    report = check(to_xlsx(rows), "u.xlsx")
    assert report.ok, report.errors
    assert report.rows[0].value == 12
    assert report.rows[0].period.code == "2024"


def test_xlsx_formula_cell_is_an_error_never_evaluated() -> None:
    rows = [
        LONG_HEADER[:4],
        ["2024-Q3", "Kurzeme", "families_returned", 5],
        ["2024-Q3", "Kurzeme", "people_returned", "=D2*2"],
    ]
    report = check(to_xlsx(rows), "u.xlsx")
    assert codes(report) == ["formula"]
    error = report.errors[0]
    assert (error.row, error.column) == (3, "D (value)")
    assert "=D2*2" in error.message_en
    assert "paste values" in error.message_en
    assert "ielīmējiet vērtības" in error.message_lv
    assert report.rows == []


def test_xlsx_wide_layout_from_sheet_dati() -> None:
    rows = [WIDE_HEADER, ["2024-Q2", "Ģimenes", 1, 2, 3, 4, 5, 15]]
    report = check(to_xlsx(rows, title="dati", before=["instrukcija"]), "u.xlsx")
    assert report.ok, report.errors
    assert report.layout == "wide"
    assert len(report.rows) == 5


def test_xlsx_wide_merged_period_cells() -> None:
    """A period merged over its metric rows: only the top cell has a value."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Periods", "Rādītājs", "Kurzeme", "Latgale"])
    sheet.append(["2019. gads", "Ģimenes atgriezušās", 1, 2])
    sheet.append([None, "Cilvēki atgriezušies", 3, 4])
    sheet.append([None, "Sagatavoti personalizētie piedāvājumi", 5, 6])
    sheet.merge_cells("A2:A4")
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = check(buffer.getvalue(), "u.xlsx")
    assert report.ok, report.errors
    assert values(report) == {
        ("2019", "kurzeme", "families_returned"): 1,
        ("2019", "latgale", "families_returned"): 2,
        ("2019", "kurzeme", "people_returned"): 3,
        ("2019", "latgale", "people_returned"): 4,
        ("2019", "kurzeme", "offers_prepared"): 5,
        ("2019", "latgale", "offers_prepared"): 6,
    }


def test_xlsx_date_in_period_column_is_explained() -> None:
    rows = [LONG_HEADER[:4], [dt.datetime(2024, 3, 1), "Kurzeme", "families_returned", 5]]
    report = check(to_xlsx(rows), "u.xlsx")
    assert codes(report) == ["date_as_period"]
    assert report.errors[0].column == "A (period)"


# --- periods, regions, metrics --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "code", "start", "end"),
    [
        ("2024-Q3", "2024-Q3", "2024-07-01", "2024-09-30"),
        ("2024-q1", "2024-Q1", "2024-01-01", "2024-03-31"),
        ("2024-H1", "2024-H1", "2024-01-01", "2024-06-30"),
        ("2024-H2", "2024-H2", "2024-07-01", "2024-12-31"),
        ("2024", "2024", "2024-01-01", "2024-12-31"),
        ("2018-03..2018-12", "2018-03..2018-12", "2018-03-01", "2018-12-31"),
        ("2023-11..2024-02", "2023-11..2024-02", "2023-11-01", "2024-02-29"),
        ("2024-01..2024-03", "2024-Q1", "2024-01-01", "2024-03-31"),
        ("2024-02", "2024-02..2024-02", "2024-02-01", "2024-02-29"),
        ("2024-04-01..2024-06-30", "2024-Q2", "2024-04-01", "2024-06-30"),
        ("2024. gada 3. ceturksnis", "2024-Q3", "2024-07-01", "2024-09-30"),
        ("2024. g. 3. cet.", "2024-Q3", "2024-07-01", "2024-09-30"),
        ("2024.g.3.cet.", "2024-Q3", "2024-07-01", "2024-09-30"),
        ("2024. GADA 4. CETURKSNIS", "2024-Q4", "2024-10-01", "2024-12-31"),
        ("2024. gada IV ceturksnis", "2024-Q4", "2024-10-01", "2024-12-31"),
        ("3. ceturksnis 2024", "2024-Q3", "2024-07-01", "2024-09-30"),
        ("2024. gada 1. pusgads", "2024-H1", "2024-01-01", "2024-06-30"),
        ("2024. g. 2. pusg.", "2024-H2", "2024-07-01", "2024-12-31"),
        ("2024. gads", "2024", "2024-01-01", "2024-12-31"),
        ("2024.gads", "2024", "2024-01-01", "2024-12-31"),
        ("2024. g.", "2024", "2024-01-01", "2024-12-31"),
        ("2018.gads (mar.-dec.)", "2018-03..2018-12", "2018-03-01", "2018-12-31"),
        ("2018. gads (mar.–dec.)", "2018-03..2018-12", "2018-03-01", "2018-12-31"),
        ("2018.GADS(MAR.—DEC.)", "2018-03..2018-12", "2018-03-01", "2018-12-31"),
        ("2020.gads (jan.-jūn.)", "2020-H1", "2020-01-01", "2020-06-30"),
        ("2020.gads (jan.-jun.)", "2020-H1", "2020-01-01", "2020-06-30"),
        ("2022. gads (marts–maijs)", "2022-03..2022-05", "2022-03-01", "2022-05-31"),
        ("2024 Q3", "2024-Q3", "2024-07-01", "2024-09-30"),
        ("Q3 2024", "2024-Q3", "2024-07-01", "2024-09-30"),
        ("q3-2024", "2024-Q3", "2024-07-01", "2024-09-30"),
        ("2024 H1", "2024-H1", "2024-01-01", "2024-06-30"),
        ("H2 2024", "2024-H2", "2024-07-01", "2024-12-31"),
        ("2018 (Mar–Dec)", "2018-03..2018-12", "2018-03-01", "2018-12-31"),
        ("Mar-Dec 2018", "2018-03..2018-12", "2018-03-01", "2018-12-31"),
        ("Mar 2018 – Feb 2019", "2018-03..2019-02", "2018-03-01", "2019-02-28"),
        ("2018. g. mar. – 2019. g. feb.", "2018-03..2019-02", "2018-03-01", "2019-02-28"),
        ("  2024\u00a0Q3 ", "2024-Q3", "2024-07-01", "2024-09-30"),
    ],
)
def test_parse_period_spellings(label: str, code: str, start: str, end: str) -> None:
    spec = parse_period(label)
    assert spec is not None, label
    assert (spec.code, spec.start.isoformat(), spec.end.isoformat()) == (code, start, end)


@pytest.mark.parametrize(
    ("label", "lv", "en", "months", "partial"),
    [
        ("2024-Q3", "2024. gada 3. ceturksnis", "2024 Q3", 3, True),
        ("2024-H1", "2024. gada 1. pusgads", "2024 H1", 6, True),
        ("2024", "2024. gads", "2024", 12, False),
        ("2018-03..2018-12", "2018. gads (mar.–dec.)", "2018 (Mar–Dec)", 10, True),
        ("2021-05..2021-06", "2021. gads (mai.–jūn.)", "2021 (May–Jun)", 2, True),
    ],
)
def test_period_labels_and_partial_flag(
    label: str, lv: str, en: str, months: int, partial: bool
) -> None:
    spec = parse_period(label)
    assert spec is not None
    assert (spec.label_lv, spec.label_en, spec.months, spec.is_partial) == (lv, en, months, partial)
    # Our own labels must read back as the same period.
    assert parse_period(lv) == spec
    assert parse_period(en) == spec


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("2019", "2019"),
        ("2019. gads", "2019"),
        ("2020-H1", "2020-01..2020-06"),
        ("2020. gada 1. pusgads", "2020-01..2020-06"),
        ("2020-01..2020-06", "2020-01..2020-06"),
        ("2018 (Mar–Dec)", "2018-03..2018-12"),
    ],
)
def test_parse_period_reuses_known_period_code_and_labels(label: str, code: str) -> None:
    known = make_reference().periods
    spec = parse_period(label, known)
    assert spec is not None
    ref = next(p for p in known if p.code == code)
    assert (spec.code, spec.label_lv, spec.label_en, spec.start, spec.end) == (
        ref.code,
        ref.label_lv,
        ref.label_en,
        ref.start,
        ref.end,
    )


@pytest.mark.parametrize(
    "label",
    [
        "",
        "   ",
        "2024-Q5",
        "2024-H3",
        "2024-13",
        "2024-12..2024-03",
        "2024 (Foo–Dec)",
        "2024 (Ma–Dec)",
        "2024-03-02..2024-06-30",
        "Q3",
        "gads",
        "24",
        "1850",
        "2024-Q3 and 2024-Q4",
        "kurzeme",
    ],
)
def test_parse_period_rejects_nonsense(label: str) -> None:
    assert parse_period(label) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Rīga", "riga"),
        ("Riga", "riga"),
        ("RĪGA", "riga"),
        ("riga", "riga"),
        ("Rīgas plānošanas reģions", "riga"),
        ("Rigas planosanas regions", "riga"),
        ("Rīgas reģions", "riga"),
        ("Riga Planning Region", "riga"),
        ("Kurzemes reģions", "kurzeme"),
        ("Kurzemes plānošanas reģions", "kurzeme"),
        ("kurzeme", "kurzeme"),
        ("Latgale", "latgale"),
        ("latgales planosanas regions", "latgale"),
        ("Vidzeme Planning Region", "vidzeme"),
        (" zemgale ", "zemgale"),
        ("Zemgales", "zemgale"),
    ],
)
def test_resolve_region_spellings(text: str, code: str) -> None:
    assert resolve_region(text, make_reference().regions) == code


@pytest.mark.parametrize("text", ["", "Pierīga", "Rīgas pilsēta", "Latvija", "region", "KOPĀ"])
def test_resolve_region_unknown(text: str) -> None:
    assert resolve_region(text, make_reference().regions) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("families_returned", "families_returned"),
        ("people_returned", "people_returned"),
        ("offers_prepared", "offers_prepared"),
        ("Families returned", "families_returned"),
        ("Ģimenes atgriezušās", "families_returned"),
        ("gimenes atgriezusas", "families_returned"),
        ("Ģimenes", "families_returned"),
        ("Cilvēki", "people_returned"),
        ("Cilvēki atgriezušies", "people_returned"),
        ("People returned", "people_returned"),
        ("personalizētie piedāvājumi", "offers_prepared"),
        ("Sagatavoti personalizētie piedāvājumi", "offers_prepared"),
        ("Sagatavotie personalizētie piedāvājumi", "offers_prepared"),
        ("Personalised offers prepared", "offers_prepared"),
        ("Personalized offers", "offers_prepared"),
        ("OFFERS", "offers_prepared"),
    ],
)
def test_resolve_metric_spellings(text: str, code: str) -> None:
    assert resolve_metric(text, make_reference().metrics) == code


@pytest.mark.parametrize(
    "text", ["", "atgriezušies", "returned", "value", "families people", "2019"]
)
def test_resolve_metric_unknown_or_ambiguous(text: str) -> None:
    assert resolve_metric(text, make_reference().metrics) is None


# --- report ---------------------------------------------------------------------------------------


def test_report_to_dict_is_json_serialisable() -> None:
    report = check(to_csv(LONG_ROWS))
    data = json.loads(json.dumps(report.to_dict()))
    assert data["ok"] is True
    assert data["rows"][0]["period"] == {
        "code": "2024-Q3",
        "start": "2024-07-01",
        "end": "2024-09-30",
        "months": 3,
        "label_lv": "2024. gada 3. ceturksnis",
        "label_en": "2024 Q3",
        "is_partial": True,
    }
    assert data["changes"][0]["kind"] == "add"
    assert len(data["sha256"]) == 64
    assert data["size"] == len(to_csv(LONG_ROWS))
    bad = check(b"period,region,metric,value\n2024,Nowhere,offers_prepared,1\n")
    error = json.loads(json.dumps(bad.to_dict()))["errors"][0]
    assert set(error) == {"row", "column", "code", "message_lv", "message_en"}
    assert (error["row"], error["column"], error["code"]) == (2, "region", "unknown_region")
