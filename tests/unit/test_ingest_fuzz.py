"""Property-based tests: random or mangled files never crash the importer, and an invalid file
never yields anything to publish.

``validate_upload`` turns an unexpected exception into an ``internal_error`` issue (so a bug can
never half-publish); these tests also fail on that code, so they do find crashes.
Helpers come from ``test_ingest.py`` (same directory).
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import zipfile

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from test_ingest import (
    LONG_HEADER,
    SEED_004_TABLE,
    TODAY,
    make_reference,
    to_csv,
    to_xlsx,
)
from test_ingest_safety import rezip

from dashboard.ingest import Limits, ValidationReport, parse_period, validate_upload
from dashboard.ingest.periods import make_spec

REFERENCE = make_reference(published=True)
VALID_CSV = to_csv(
    [
        LONG_HEADER,
        ["2024-Q3", "Kurzeme", "families_returned", "5", "https://example.lv", "Avots", "piezīme"],
        ["2024. g. 3. cet.", "Rīga", "people_returned", "1 234", "", "", ""],
        ["2024-H1", "Latgales plānošanas reģions", "Sagatavoti piedāvājumi", "7", "", "", ""],
    ]
)
VALID_WIDE = SEED_004_TABLE.replace("2018.gads (mar.-dec.)", "2021.gads (mar.-dec.)").encode()
VALID_XLSX = to_xlsx(
    [
        LONG_HEADER[:4],
        ["2024-Q3", "Kurzeme", "families_returned", 5],
        ["2024-Q3", "Kurzeme", "people_returned", 6],
    ],
    title="dati",
)
SMALL = Limits(max_bytes=64 * 1024, max_unpacked_bytes=1024 * 1024, max_rows=500)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(data: bytes, name: str, replace: bool = False) -> ValidationReport:
    report = validate_upload(data, name, REFERENCE, today=TODAY, replace=replace, limits=SMALL)
    assert "internal_error" not in [e.code for e in report.errors], report.errors
    if not report.ok:
        assert report.rows == [] and report.changes == [] and report.superseded == []
    else:
        assert report.rows and not report.errors
    report.to_dict()  # always serialisable
    return report


@st.composite
def mangled(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with a few random flips, deletions, insertions and a possible truncation."""
    data = bytearray(original)
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        if not data:
            break
        op = draw(st.sampled_from(["flip", "delete", "insert", "truncate", "duplicate"]))
        pos = draw(st.integers(min_value=0, max_value=len(data) - 1))
        if op == "flip":
            data[pos] = draw(st.integers(min_value=0, max_value=255))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(min_value=1, max_value=16))]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        elif op == "truncate":
            del data[pos:]
        else:
            data[pos:pos] = data[pos : pos + draw(st.integers(min_value=1, max_value=64))]
    return bytes(data)


@FUZZ
@given(data=st.binary(max_size=4096), name=st.sampled_from(["a.csv", "a.xlsx", "a", "a.xlsm"]))
@example(data=b"PK\x03\x04", name="a.xlsx")
@example(data=b"\xef\xbb\xbf", name="a.csv")
@example(data=b'"', name="a.csv")
@example(data=b"\r", name="a.csv")
def test_random_bytes_never_crash(data: bytes, name: str) -> None:
    run(data, name)


@FUZZ
@given(data=mangled(VALID_CSV), replace=st.booleans())
def test_mangled_long_csv_never_crashes(data: bytes, replace: bool) -> None:
    run(data, "figures.csv", replace)


@FUZZ
@given(data=mangled(VALID_WIDE), replace=st.booleans())
def test_mangled_wide_table_never_crashes(data: bytes, replace: bool) -> None:
    run(data, "figures.csv", replace)


@FUZZ
@given(data=mangled(VALID_XLSX))
def test_mangled_xlsx_never_crashes(data: bytes) -> None:
    run(data, "figures.xlsx")


XLSX_PARTS = [
    "[Content_Types].xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml",
    "xl/styles.xml",
]


@FUZZ
@given(part=st.sampled_from(XLSX_PARTS), data=st.data())
def test_xlsx_with_mangled_xml_parts_never_crashes(part: str, data: st.DataObject) -> None:
    """A valid ZIP whose XML is broken gets past the ZIP checks and into openpyxl's parser."""
    with zipfile.ZipFile(io.BytesIO(VALID_XLSX)) as archive:
        original = archive.read(part)
    broken = data.draw(mangled(original))
    run(rezip(VALID_XLSX, change={part: lambda _old: broken}), "figures.xlsx")


CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "2024-Q3",
            "2019",
            "2020-H1",
            "Rīga",
            "KOPĀ",
            "Ģimenes",
            "Cilvēki",
            "atgriezušies",
            "families_returned",
            "1 234",
            "-1",
            "12.5",
            "",
            '"',
        ]
    ),
    st.integers(min_value=-5, max_value=10**12).map(str),
)
HEADERS = st.sampled_from(
    [
        LONG_HEADER,
        LONG_HEADER[:4],
        ["", "", "Kurzeme", "Latgale", "Rīga", "Vidzeme", "Zemgale", "KOPĀ"],
        ["period", "metric", "Rīga", "Total"],
    ]
)


@FUZZ
@given(
    header=HEADERS,
    rows=st.lists(st.lists(CELL, max_size=9), max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1257"]),
    replace=st.booleans(),
)
def test_random_tables_never_crash(
    header: list[str], rows: list[list[str]], delimiter: str, encoding: str, replace: bool
) -> None:
    try:
        data = to_csv([header, *rows], delimiter=delimiter, encoding=encoding)
    except UnicodeEncodeError:
        data = to_csv([header, *rows], delimiter=delimiter, encoding="utf-8")
    run(data, "figures.csv", replace)


@FUZZ
@given(header=HEADERS, rows=st.lists(st.lists(CELL, max_size=9), max_size=8))
def test_random_xlsx_tables_never_crash(header: list[str], rows: list[list[str]]) -> None:
    # No formulas here, and no characters XML cannot hold (openpyxl refuses to write them).
    cleaned = [[ILLEGAL_CHARACTERS_RE.sub("", c).lstrip("=") or None for c in row] for row in rows]
    run(to_xlsx([header, *cleaned], title="dati"), "figures.xlsx")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_parse_period_never_raises(label: str) -> None:
    spec = parse_period(label, REFERENCE.periods)
    if spec is not None:
        assert spec.start <= spec.end
        assert spec.months >= 1 and spec.is_partial == (spec.months < 12)


@settings(max_examples=300, deadline=None)
@given(
    year=st.integers(min_value=1990, max_value=2100),
    first=st.integers(min_value=1, max_value=12),
    span=st.integers(min_value=1, max_value=30),
)
def test_generated_labels_and_codes_read_back(year: int, first: int, span: int) -> None:
    start = dt.date(year, first, 1)
    last = first - 1 + span - 1  # months since January of ``year``, 0-based
    end_year, end_month = year + last // 12, last % 12 + 1
    end = dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    spec = make_spec(start, end)
    assert spec.months == span
    for text in (spec.code, spec.label_lv, spec.label_en):
        assert parse_period(text) == spec, text
