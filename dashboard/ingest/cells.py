"""One cell at a time: a count, a period, a region, a metric, a source, or the reason it is not.

Errors name the row and column as the user sees them in the file, because "row 14, column Rīga"
is something an admin can fix and "invalid data" is not. Which cells make up a row is the
layouts' business (``layouts.py``); checks across rows are in ``consistency.py``.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from typing import Any

from dashboard.contact_details import is_http_url
from dashboard.ingest.context import Upload
from dashboard.ingest.grid import CellError, Formula, is_blank
from dashboard.ingest.names import is_total
from dashboard.ingest.types import PeriodSpec, RefPeriod

MAX_VALUE = 2_147_483_647  # the database column is a 32-bit integer
MAX_URL = 500
MAX_TITLE = 300
MAX_NOTE = 2000
# ASCII digits only: str.isdigit() and \d also accept Arabic-Indic and other digits.
_GROUPED_INT = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+")
_PLAIN_INT = re.compile(r"[0-9]+")
_NEGATIVE = re.compile(r"[-\u2212]\s*([0-9]+|[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+)")


def cell_text(value: Any) -> str | None:
    """A cell as text (numbers typed into Excel become their digits); ``None`` when blank."""
    if value is None or isinstance(value, Formula | CellError):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime | date | time | timedelta):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    text = str(value).strip()
    return text or None


def shorten(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters, for quoting a cell in a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_count(value: Any) -> tuple[int | None, str | None]:
    """A cell as a whole number ≥ 0: ``(value, None)`` or ``(None, error code)``.

    Text must be digits, optionally grouped by (no-break) spaces as in "1 234"; "12.5", "1,234"
    and "1234.0" typed as text are refused. An Excel number 12.0 is 12: Excel stores every number
    as a float, so its integral floats are whole numbers.
    """
    if isinstance(value, Formula | CellError):
        return None, None  # already reported
    if is_blank(value):
        return None, "empty_value"
    if isinstance(value, bool | datetime | date | time | timedelta):
        return None, "not_integer"
    number: int
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return None, "not_integer"
        number = int(value)
    else:
        text = str(value).strip()
        if _PLAIN_INT.fullmatch(text) or _GROUPED_INT.fullmatch(text):
            number = int(re.sub(r"[^0-9]", "", text))
        elif _NEGATIVE.fullmatch(text):
            number = -int(re.sub(r"[^0-9]", "", text))
        else:
            return None, "not_integer"
    if number < 0:
        return None, "negative"
    if number > MAX_VALUE:
        return None, "too_large"
    return number, None


def report_bad_cells(upload: Upload) -> None:
    """Formulas and Excel error values are errors wherever they are: values only, please.

    Reported once here, for the whole grid, so the cell readers below skip such cells silently.
    """
    for number, cells in upload.grid.rows:
        for index, value in enumerate(cells):
            if isinstance(value, Formula):
                upload.issues.error(
                    "formula", number, upload.column(index), formula=shorten(value.text, 40)
                )
            elif isinstance(value, CellError):
                upload.issues.error("cell_error", number, upload.column(index), value=value.text)


class CellReader:
    """Reads the cells of data rows for a layout, reporting each problem where it is.

    A period's own rules (not in the future, no clash with a known code) are checked once per
    period and row, and worked out once per period: a file repeats its periods on every row.
    """

    def __init__(self, upload: Upload) -> None:
        self.upload = upload
        self._checked_periods: set[tuple[int, str]] = set()
        self._period_problems: dict[PeriodSpec, list[tuple[str, dict[str, Any]]]] = {}
        self._periods_by_code: dict[str, list[RefPeriod]] = {}
        for ref in upload.reference.periods:
            self._periods_by_code.setdefault(ref.code, []).append(ref)

    def period(self, number: int, value: Any) -> PeriodSpec | None:
        """The period cell of row ``number``, checked; ``None`` (reported) when unusable."""
        upload = self.upload
        assert upload.header is not None
        column = upload.column(upload.header.fields["period"])
        if isinstance(value, Formula | CellError):
            return None
        if is_blank(value):
            upload.issues.error("missing_period", number, column)
            return None
        if isinstance(value, datetime | date):
            upload.issues.error("date_as_period", number, column, value=cell_text(value))
            return None
        text = cell_text(value) or ""
        spec = upload.period(text)
        if spec is None:
            upload.issues.error("unknown_period", number, column, value=shorten(text))
            return None
        self.check_period(number, column, spec)
        return spec

    def check_period(self, number: int, column: str, spec: PeriodSpec) -> None:
        """Rules about the period itself: not in the future, no clash with a known code."""
        if (number, spec.code) in self._checked_periods:
            return
        self._checked_periods.add((number, spec.code))
        if spec not in self._period_problems:
            problems: list[tuple[str, dict[str, Any]]] = []
            if spec.end > self.upload.today:
                end, today = spec.end.isoformat(), self.upload.today.isoformat()
                problems.append(
                    ("future_period", {"period": spec.code, "end": end, "today": today})
                )
            for ref in self._periods_by_code.get(spec.code, ()):
                if (ref.start, ref.end) != (spec.start, spec.end):
                    dates = {"start": ref.start.isoformat(), "end": ref.end.isoformat()}
                    problems.append(("period_code_conflict", {"period": spec.code, **dates}))
            self._period_problems[spec] = problems
        for code, params in self._period_problems[spec]:
            self.upload.issues.error(code, number, column, **params)

    def region(self, number: int, value: Any, column: str) -> tuple[str | None, bool]:
        """A long-layout region cell: ``(region code or None, whether it says KOPĀ/Total)``."""
        upload = self.upload
        text = cell_text(value)
        if text is None:
            if not isinstance(value, Formula | CellError):
                upload.issues.error("missing_region", number, column)
            return None, False
        if is_total(text):
            return None, True
        region = upload.region(text)
        if region is None:
            upload.issues.error(
                "unknown_region", number, column, value=shorten(text), valid=upload.region_list
            )
        return region, False

    def metric(
        self, number: int, value: Any, column: str, fragment: str | None = None
    ) -> str | None:
        """A metric cell; ``fragment`` is the start of a label the row's period cell holds."""
        upload = self.upload
        text = cell_text(value)
        if isinstance(value, Formula | CellError):
            return None
        metric = upload.metric(text) if text else None
        if metric is None and fragment:
            # The ministry splits labels over two cells: "Sagatavoti" | "personalizētie …".
            metric = upload.metric(f"{fragment} {text or ''}")
        if metric is None:
            if text is None and fragment is None:
                upload.issues.error("missing_metric", number, column)
            else:
                shown = " ".join(t for t in (fragment, text) if t)
                upload.issues.error(
                    "unknown_metric",
                    number,
                    column,
                    value=shorten(shown),
                    valid=upload.metric_list,
                )
        return metric

    def count(self, number: int, column: str, value: Any) -> int | None:
        """A value cell as a whole number ≥ 0 (:func:`parse_count`), its problem reported."""
        count, problem = parse_count(value)
        if problem:
            self.upload.issues.error(problem, number, column, value=shorten(cell_text(value) or ""))
        return count

    def sources(self, number: int, cells: list[Any]) -> tuple[str | None, ...] | None:
        """``(source_url, source_title, note)`` of a row, or ``None`` if one is invalid."""
        upload = self.upload
        assert upload.header is not None
        out: list[str | None] = []
        ok = True
        for name, limit in (
            ("source_url", MAX_URL),
            ("source_title", MAX_TITLE),
            ("note", MAX_NOTE),
        ):
            text = cell_text(upload.cell(cells, name))
            out.append(text)
            if text is None:
                continue
            column = upload.column(upload.header.fields[name])
            if len(text) > limit:
                upload.issues.error("too_long", number, column, length=len(text), limit=limit)
                ok = False
            elif name == "source_url" and not is_http_url(text):
                upload.issues.error("bad_url", number, column, value=shorten(text))
                ok = False
        return tuple(out) if ok else None
