"""The validator's steps on their own: cell values, header names, the issue caps, the latest
published value, and the package's shape (one job per module, each under 400 lines).

``validate_upload`` is tested end to end in ``test_ingest*.py``; these pin the small pure
pieces those tests only reach through whole files, so a change to one shows where it is.
"""

from __future__ import annotations

import datetime as dt
import pkgutil
from pathlib import Path

import pytest

import dashboard.ingest
from dashboard.ingest import PublishedValue, Reference, ValidationReport
from dashboard.ingest import issues as issues_module
from dashboard.ingest.cells import MAX_VALUE, cell_text, parse_count, shorten
from dashboard.ingest.consistency import latest, published_cells
from dashboard.ingest.grid import CellError, Formula, is_blank
from dashboard.ingest.header import header_field
from dashboard.ingest.issues import Issues


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("  ", None),
        ("  Rīga ", "Rīga"),
        (7, "7"),
        (12.0, "12"),  # Excel stores every number as a float
        (2.5, "2.5"),
        (float("inf"), "inf"),
        (True, "True"),
        (dt.date(2024, 3, 1), "2024-03-01"),
        (dt.datetime(2024, 3, 1, 12, 30), "2024-03-01T12:30:00"),
        (Formula("=SUM(A1)"), None),  # reported once, elsewhere
        (CellError("#DIV/0!"), None),
    ],
)
def test_cell_text(value: object, expected: str | None) -> None:
    assert cell_text(value) == expected


def test_shorten_collapses_whitespace_and_cuts_with_an_ellipsis() -> None:
    assert shorten(" a \n b\t c ") == "a b c"
    assert shorten("x" * 60) == "x" * 60
    assert shorten("x" * 61) == "x" * 59 + "…"
    assert shorten("abcdef", 4) == "abc…"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, (0, None)),
        ("42", (42, None)),
        ("1 234", (1234, None)),
        ("1\u00a0234\u202f567", (1234567, None)),
        (12.0, (12, None)),
        (MAX_VALUE, (MAX_VALUE, None)),
        (MAX_VALUE + 1, (None, "too_large")),
        ("-3", (None, "negative")),
        ("\u2212 1 000", (None, "negative")),
        (-1, (None, "negative")),
        ("12.5", (None, "not_integer")),
        ("1,234", (None, "not_integer")),
        ("1234.0", (None, "not_integer")),
        ("12 34", (None, "not_integer")),
        ("\u0661\u0662", (None, "not_integer")),  # Arabic-Indic digits are not ASCII digits
        (2.5, (None, "not_integer")),
        (float("nan"), (None, "not_integer")),
        (True, (None, "not_integer")),
        (dt.date(2024, 1, 1), (None, "not_integer")),
        (None, (None, "empty_value")),
        (" ", (None, "empty_value")),
        (Formula("=1"), (None, None)),  # already reported as a formula
        (CellError("#N/A"), (None, None)),
    ],
)
def test_parse_count(value: object, expected: tuple[int | None, str | None]) -> None:
    assert parse_count(value) == expected


def test_is_blank() -> None:
    assert is_blank(None) and is_blank("") and is_blank(" \t")
    assert not is_blank(0) and not is_blank("0") and not is_blank(Formula(""))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Periods / Period", "period"),
        ("  Source URL ", "source_url"),
        ("Avota saite", "source_url"),
        ("VĒRTĪBA", "value"),
        ("Reģions | Region", "region"),
        ("Periods / Region", None),  # the parts disagree
        ("Periods / ", "period"),
        ("Rīga", None),
        ("", None),
    ],
)
def test_header_field(text: str, expected: str | None) -> None:
    assert header_field(text) == expected


def _report() -> ValidationReport:
    return ValidationReport(False, None, None, None, None, [], [], [], [], "", 0)


def test_issues_are_capped_with_one_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(issues_module, "MAX_ERRORS", 2)
    monkeypatch.setattr(issues_module, "MAX_WARNINGS", 1)
    report = _report()
    issues = Issues(report)
    takes = []
    for row in range(1, 5):
        takes.append(issues.take_errors())
        issues.error("negative", row, "value", value=-row)
    # Kept while under the cap, then the note (still "taken"), then nothing.
    assert takes == [True, True, True, False]
    assert [e.code for e in report.errors] == ["negative", "negative", "too_many_errors"]
    assert [e.row for e in report.errors] == [1, 2, None]
    issues.warning("ignored_row", 1, text="a")
    assert issues.take_warnings()
    issues.warning("ignored_row", 2, text="b")
    issues.warning("ignored_row", 3, text="c")
    assert not issues.take_warnings()
    assert [w.code for w in report.warnings] == ["ignored_row", "too_many_warnings"]


def test_published_cells_and_the_latest_release_of_each() -> None:
    """Values are grouped by cell (place, measure, dates); the latest release wins, the first of
    equals."""
    q3 = (dt.date(2024, 7, 1), dt.date(2024, 9, 30))

    def pv(value: int, release: int, region: str = "riga", span: tuple = q3) -> PublishedValue:
        return PublishedValue(*span, "2024-Q3", region, "people_returned", value, release)

    h1 = (dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    national = PublishedValue(*q3, "2024-Q3", None, "people_returned", 7, 1, "national")
    values = [pv(1, 1), pv(3, 3), pv(2, 2), pv(5, 1, "kurzeme"), pv(9, 1, span=h1), national]
    cells = published_cells(Reference([], [], [], values))
    region = ("planning_region", "riga", "")
    assert {
        key: (v.value, v.release) for key, v in ((k, latest(vs)) for k, vs in cells.items())
    } == {
        (region, "people_returned", *q3): (3, 3),
        (("planning_region", "kurzeme", ""), "people_returned", *q3): (5, 1),
        (region, "people_returned", *h1): (9, 1),
        (("national", "", ""), "people_returned", *q3): (7, 1),
    }
    assert latest([pv(4, 2), pv(6, 2)]).value == 4  # type: ignore[union-attr]
    assert latest([]) is None


def test_every_ingest_module_is_well_under_400_lines() -> None:
    folder = Path(dashboard.ingest.__file__).parent
    sizes = {
        m.name: len((folder / f"{m.name}.py").read_text(encoding="utf-8").splitlines())
        for m in pkgutil.iter_modules([str(folder)])
    }
    assert {"validate", "reader", "xlsx", "header", "cells", "layouts"} <= set(sizes)
    assert {"consistency", "published", "issues", "context", "grid"} <= set(sizes)
    assert max(sizes.values()) < 400, sizes
