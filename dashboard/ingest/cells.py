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

from dashboard.i18n import t
from dashboard.ingest.context import Upload
from dashboard.ingest.geography import Place, level_of
from dashboard.ingest.grid import CellError, Formula, is_blank
from dashboard.ingest.messages import LEVEL_NAMES
from dashboard.ingest.names import is_total, resolve_region
from dashboard.ingest.periods import make_spec, parse_month_bound
from dashboard.ingest.types import PeriodSpec, RefPeriod

MAX_VALUE = 2_147_483_647  # the database column is a 32-bit integer
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

    A period's own rules (no clash with a known code; not in the future unless a target; one
    month for a stock) are checked once per period and row, and worked out once per period: a
    file repeats its periods on every row.
    """

    def __init__(self, upload: Upload) -> None:
        self.upload = upload
        self._checked_periods: set[tuple[int, str]] = set()
        self._checked_kinds: set[tuple[int, str, str]] = set()
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

    def period_range(self, number: int, cells: list[Any]) -> PeriodSpec | None:
        """The period of a row written as ``period_start`` and ``period_end`` months."""
        upload = self.upload
        assert upload.header is not None
        bounds: list[date | None] = []
        for name, code, end in (
            ("period_start", "bad_period_start", False),
            ("period_end", "bad_period_end", True),
        ):
            value = upload.cell(cells, name)
            column = upload.column(upload.header.fields[name])
            bound = None
            if isinstance(value, Formula | CellError):
                pass
            elif is_blank(value):
                upload.issues.error("missing_period", number, column)
            else:
                bound = parse_month_bound(value, end=end)
                if bound is None:
                    upload.issues.error(code, number, column, value=shorten(cell_text(value) or ""))
            bounds.append(bound)
        start, end_day = bounds
        if start is None or end_day is None:
            return None
        if end_day < start:
            column = upload.column(upload.header.fields["period_end"])
            issue = {"start": f"{start:%Y-%m}", "end": f"{end_day:%Y-%m}"}
            upload.issues.error("period_reversed", number, column, **issue)
            return None
        spec = make_spec(start, end_day, upload.known_periods)
        self.check_period(number, upload.period_column(), spec)
        return spec

    def check_period(self, number: int, column: str, spec: PeriodSpec) -> None:
        """Rules about the period itself: no clash with a code the database knows."""
        if (number, spec.code) in self._checked_periods:
            return
        self._checked_periods.add((number, spec.code))
        if spec not in self._period_problems:
            problems: list[tuple[str, dict[str, Any]]] = []
            for ref in self._periods_by_code.get(spec.code, ()):
                if (ref.start, ref.end) != (spec.start, spec.end):
                    dates = {"start": ref.start.isoformat(), "end": ref.end.isoformat()}
                    problems.append(("period_code_conflict", {"period": spec.code, **dates}))
            self._period_problems[spec] = problems
        for code, params in self._period_problems[spec]:
            self.upload.issues.error(code, number, column, **params)

    def check_kind(self, number: int, column: str, spec: PeriodSpec, metric: str) -> None:
        """The period against the measure's kind: only a target may end after today; a stock
        stands at one month."""
        if (number, spec.code, metric) in self._checked_kinds:
            return
        self._checked_kinds.add((number, spec.code, metric))
        kind = self.upload.kinds.get(metric, "flow")
        today = self.upload.today
        if kind != "target" and spec.end > today:
            end, now = spec.end.isoformat(), today.isoformat()
            self.upload.issues.error(
                "future_period", number, column, period=spec.code, end=end, today=now
            )
        if kind == "stock" and spec.months != 1:
            self.upload.issues.error(
                "stock_not_one_month",
                number,
                column,
                metric=metric,
                period=spec.code,
                months=spec.months,
            )

    def place(
        self, number: int, cells: list[Any], spec: PeriodSpec | None
    ) -> tuple[Place | None, bool]:
        """A long-layout geography: ``(place or None, whether the cell says KOPĀ/Total)``.

        The region/geo cell, read in the division in force for the period, then the optional
        geo_level and parent_region cells, which must agree with it.
        """
        upload = self.upload
        assert upload.header is not None
        fields = upload.header.fields
        value = upload.cell(cells, "region")
        column = upload.column(fields["region"])
        text = cell_text(value)
        if text is None:
            if not isinstance(value, Formula | CellError):
                upload.issues.error("missing_region", number, column)
            return None, False
        if is_total(text):
            return None, True
        level = None
        level_text = cell_text(upload.cell(cells, "geo_level"))
        if level_text is not None:
            level = level_of(level_text)
            if level is None:
                level_column = upload.column(fields["geo_level"])
                upload.issues.error(
                    "unknown_geo_level", number, level_column, value=shorten(level_text)
                )
                return None, False
        found = upload.geography.resolve(text, spec, level)
        if found is None:
            return None, False
        if not isinstance(found, Place):
            code, params = found
            params = dict(params)
            if code == "unknown_region":
                params["valid"] = upload.region_list
            if code == "geo_level_mismatch":
                params["given"] = _level_words(params["given"])
                params["actual"] = _level_words(params["actual"])
            if "value" in params:
                params["value"] = shorten(params["value"])
            upload.issues.error(code, number, column, **params)
            return None, False
        if not self._parent_agrees(number, cells, found, spec):
            return None, False
        return found, False

    def _parent_agrees(
        self, number: int, cells: list[Any], place: Place, spec: PeriodSpec | None
    ) -> bool:
        upload = self.upload
        assert upload.header is not None
        text = cell_text(upload.cell(cells, "parent_region"))
        if text is None:
            return True
        column = upload.column(upload.header.fields["parent_region"])
        if place.level != "municipality":
            upload.issues.warning("parent_region_not_used", number, column, value=shorten(text))
            return True
        given = resolve_region(text, upload.reference.regions)
        if given is None:
            upload.issues.error(
                "unknown_parent_region",
                number,
                column,
                value=shorten(text),
                valid=upload.region_list,
            )
            return False
        if given != place.region:
            upload.issues.error(
                "parent_region_mismatch",
                number,
                column,
                name=upload.geography.name(place.division, place.municipality),
                actual=upload.region_name(place.region or ""),
                given=upload.region_name(given),
                period=spec.code if spec else "",
            )
            return False
        return True

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
                shown = " ".join(part for part in (fragment, text) if part)
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


def _level_words(level: str) -> Any:
    return lambda lang: t(LEVEL_NAMES[level], lang)
