"""Check an uploaded file against every rule and say exactly what is wrong, in LV and EN.

The validator only reports: it never writes. Its report is all-or-nothing: one error anywhere and
``report.rows`` is empty, so the publish service has nothing it could half-publish. Errors name the
row and column as the user sees them in the file, because "row 14, column Rīga" is something an
admin can fix and "invalid data" is not.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from openpyxl.utils import get_column_letter

from dashboard.contact_details import is_http_url
from dashboard.ingest.messages import human_size, make_issue
from dashboard.ingest.names import (
    is_metric_fragment,
    is_total,
    resolve_metric,
    resolve_region,
    words,
)
from dashboard.ingest.periods import KnownPeriods, parse_period
from dashboard.ingest.reader import CellError, Formula, Grid, is_blank, read_file
from dashboard.ingest.types import (
    Change,
    Issue,
    Limits,
    ParsedRow,
    PeriodSpec,
    PublishedValue,
    Reference,
    RefPeriod,
    ValidationReport,
)

log = logging.getLogger(__name__)

MAX_ERRORS = 1000
MAX_WARNINGS = 1000
MAX_VALUE = 2_147_483_647  # the database column is a 32-bit integer
MAX_URL = 500
MAX_TITLE = 300
MAX_NOTE = 2000
HEADER_SCAN_ROWS = 10
FAMILIES = "families_returned"
PEOPLE = "people_returned"

# Header spellings, compared as folded words joined by "_" ("Source URL" → "source_url").
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "period": ("period", "periods", "laika_periods", "laikposms", "laika_posms", "gads", "year"),
    "region": ("region", "regions", "planosanas_regions", "planning_region"),
    "metric": ("metric", "raditajs", "raditaji", "indicator", "metrika"),
    "value": ("value", "vertiba", "skaits", "count"),
    "source_url": ("source_url", "url", "avota_url", "avots_url", "saite", "avota_saite"),
    "source_title": ("source_title", "source", "avots", "avota_nosaukums", "source_name"),
    "note": ("note", "notes", "piezime", "piezimes", "comment", "komentars", "remark"),
}
_FIELD_BY_KEY = {alias: name for name, aliases in FIELD_ALIASES.items() for alias in aliases}
IGNORED_HEADERS = {"unit", "units", "mervieniba", "merv", "vieniba"}
LONG_REQUIRED = ("period", "region", "metric", "value")
# ASCII digits only: str.isdigit() and \d also accept Arabic-Indic and other digits.
_GROUPED_INT = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+")
_PLAIN_INT = re.compile(r"[0-9]+")
_NEGATIVE = re.compile(r"[-\u2212]\s*([0-9]+|[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+)")


def header_field(text: str) -> str | None:
    """The long-layout field a header names (any language, case, spacing), or ``None``.

    Bilingual headers such as "Periods / Period" are accepted when every part agrees.
    """
    key = "_".join(words(text))
    if key in _FIELD_BY_KEY:
        return _FIELD_BY_KEY[key]
    parts = {_FIELD_BY_KEY.get("_".join(words(p))) for p in re.split(r"[/|]", text) if p.strip()}
    return parts.pop() if len(parts) == 1 and None not in parts else None


class _Issues:
    """Collects errors and warnings, capped so a broken 100 000-row file gives a usable report."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report

    def error(
        self, code: str, row: int | None = None, column: str | None = None, **kw: Any
    ) -> None:
        errors = self.report.errors
        if len(errors) < MAX_ERRORS:
            errors.append(make_issue(code, row, column, **kw))
        elif len(errors) == MAX_ERRORS:
            errors.append(make_issue("too_many_errors", limit=MAX_ERRORS))

    def warning(
        self, code: str, row: int | None = None, column: str | None = None, **kw: Any
    ) -> None:
        warnings = self.report.warnings
        if len(warnings) < MAX_WARNINGS:
            warnings.append(make_issue(code, row, column, **kw))
        elif len(warnings) == MAX_WARNINGS:
            warnings.append(make_issue("too_many_warnings", limit=MAX_WARNINGS))


@dataclass
class _Header:
    row: int
    layout: str
    names: dict[int, str]  # column index → header text as written (or the column's role)
    fields: dict[str, int] = field(default_factory=dict)
    regions: dict[int, str] = field(default_factory=dict)  # column index → region code
    total: int | None = None


@dataclass
class _Candidate:
    """A parsed row plus where its value came from, for cross-row messages."""

    parsed: ParsedRow
    value_column: str


class _Series:
    """The published values of one region and metric, indexed for "which overlap this period".

    The values are sorted by (start, end, value, position); ``tree`` is a segment tree holding
    the latest end date under each node, so the values in a range of that order that end on or
    after a day are listed in O((k + 1) log m) for k found. Values starting after a period ends
    never overlap it, so the range is a prefix; the values equal to a row (same dates, same
    value) form one block inside it, which lets a caller ask for them alone or for all but them.
    """

    def __init__(self, values: list[PublishedValue]) -> None:
        order = sorted(
            range(len(values)),
            key=lambda i: (values[i].period_start, values[i].period_end, values[i].value, i),
        )
        self.values = [values[i] for i in order]
        self.position = order
        self.starts = [v.period_start for v in self.values]
        self.keys = [(v.period_start, v.period_end, v.value) for v in self.values]
        size = 1
        while size < len(self.values):
            size *= 2
        self.size = size
        tree = [date.min] * (2 * size)
        tree[size : size + len(self.values)] = [v.period_end for v in self.values]
        for node in range(size - 1, 0, -1):
            tree[node] = max(tree[2 * node], tree[2 * node + 1])
        self.tree = tree

    def _reaching(self, lo: int, hi: int, day: date, out: list[int]) -> None:
        """Append the indexes in ``[lo, hi)`` whose value ends on or after ``day``."""
        stack = [(1, 0, self.size)]
        while stack:
            node, first, last = stack.pop()
            if last <= lo or hi <= first or self.tree[node] < day:
                continue
            if last - first == 1:
                out.append(first)
                continue
            middle = (first + last) // 2
            stack.append((2 * node + 1, middle, last))
            stack.append((2 * node, first, middle))

    def overlapping(
        self, start: date, end: date, value: int, *, same: bool, other: bool
    ) -> list[PublishedValue]:
        """Values overlapping ``start``..``end``, in their original order: those equal to the
        row (same dates and value) when ``same``, the others when ``other``."""
        prefix = bisect_right(self.starts, end)
        equal_from = bisect_left(self.keys, (start, end, value), 0, prefix)
        equal_to = bisect_right(self.keys, (start, end, value), equal_from, prefix)
        found: list[int] = []
        if other:
            self._reaching(0, equal_from, start, found)
        if same:
            found.extend(range(equal_from, equal_to))
        if other:
            self._reaching(equal_to, prefix, start, found)
        found.sort(key=self.position.__getitem__)
        return [self.values[i] for i in found]


def _text(value: Any) -> str | None:
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


def _short(text: str, limit: int = 60) -> str:
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


class _Validator:
    def __init__(
        self,
        grid: Grid,
        reference: Reference,
        report: ValidationReport,
        *,
        today: date,
        replace: bool,
    ) -> None:
        self.grid = grid
        self.ref = reference
        self.report = report
        self.issues = _Issues(report)
        self.today = today
        self.replace = replace
        self.header: _Header | None = None
        self.candidates: list[_Candidate] = []
        self.totals: list[tuple[PeriodSpec, str, int, int, str]] = []  # long-layout total rows
        self._periods: dict[str, PeriodSpec | None] = {}
        self._regions: dict[str, str | None] = {}
        self._metrics: dict[str, str | None] = {}
        self._checked_periods: set[tuple[int, str]] = set()
        self._period_problems: dict[PeriodSpec, list[tuple[str, dict[str, Any]]]] = {}
        self._data_rows: list[tuple[int, list[Any]]] | None = None
        # Indexes built once, so that no row ever scans the reference lists.
        self._known = KnownPeriods.of(reference.periods)
        self._periods_by_code: dict[str, list[RefPeriod]] = {}
        for ref in reference.periods:
            self._periods_by_code.setdefault(ref.code, []).append(ref)
        self._region_names: dict[str, str] = {}
        for r in reference.regions:
            self._region_names.setdefault(r.code, r.name_lv)
        self.region_list = ", ".join(r.name_lv for r in reference.regions)
        self.metric_list = ", ".join(
            f"{m.code} ({m.name_lv} / {m.name_en})" for m in reference.metrics
        )

    # --- helpers -----------------------------------------------------------------------------

    def column(self, index: int) -> str:
        """How the user finds the column: its header (CSV) or its letter and header (XLSX)."""
        name = self.header.names.get(index) if self.header else None
        if self.grid.file_type == "xlsx":
            letter = get_column_letter(index + 1)
            return f"{letter} ({name})" if name else letter
        return name or f"#{index + 1}"

    def period(self, text: str) -> PeriodSpec | None:
        if text not in self._periods:
            self._periods[text] = parse_period(text, self._known)
        return self._periods[text]

    def region(self, text: str) -> str | None:
        if text not in self._regions:
            self._regions[text] = resolve_region(text, self.ref.regions)
        return self._regions[text]

    def metric(self, text: str) -> str | None:
        if text not in self._metrics:
            self._metrics[text] = resolve_metric(text, self.ref.metrics)
        return self._metrics[text]

    def region_name(self, code: str) -> str:
        return self._region_names.get(code, code)

    # --- header ------------------------------------------------------------------------------

    def find_header(self) -> bool:
        """Find the header row; title rows (one cell) above it are skipped with a warning."""
        skipped: list[int] = []
        for number, cells in self.grid.rows[:HEADER_SCAN_ROWS]:
            filled = [i for i, v in enumerate(cells) if not is_blank(v)]
            header = self.classify(number, cells)
            if header is not None:
                self.header = header
                self.report.layout = header.layout
                if skipped:
                    rows = ", ".join(map(str, skipped))
                    self.issues.warning("rows_above_header", rows=rows)
                return True
            if len(filled) > 1:
                self.issues.error("no_header", row=number)
                return False
            skipped.append(number)
        first = self.grid.rows[0][0] if self.grid.rows else None
        self.issues.error("no_header", row=first)
        return False

    def classify(self, number: int, cells: list[Any]) -> _Header | None:
        texts = {i: _text(v) for i, v in enumerate(cells) if _text(v)}
        fields = {i: header_field(t) for i, t in texts.items()}
        if any(f in ("value", "region") for f in fields.values()):
            layout = "long"
        elif any(self.region(t) for i, t in texts.items() if not fields[i]):
            layout = "wide"
        else:
            return None
        return _Header(row=number, layout=layout, names=dict(texts))

    def map_columns(self) -> bool:
        """Assign every header cell a role; report missing, duplicate and unknown columns."""
        header = self.header
        assert header is not None
        data_columns = {
            i for _n, cells in self.data_rows() for i, v in enumerate(cells) if not is_blank(v)
        }
        width = max([*header.names, *data_columns], default=-1) + 1
        seen: dict[str, int] = {}
        unlabelled: list[int] = []
        before_errors = len(self.report.errors)

        def claim(key: str, index: int) -> bool:
            if key in seen:
                self.issues.error(
                    "duplicate_column",
                    header.row,
                    self.column(index),
                    name=header.names[index],
                    other=self.column(seen[key]),
                )
                return False
            seen[key] = index
            return True

        for index in range(width):
            text = header.names.get(index)
            if text is None:
                if index in data_columns:
                    unlabelled.append(index)
                continue
            name = header_field(text)
            region = None if name else self.region(text)
            if name and (header.layout == "long" or name not in ("region", "value")):
                if claim(name, index):
                    header.fields[name] = index
            elif region and header.layout == "wide":
                if claim(f"region:{region}", index):
                    header.regions[index] = region
            elif is_total(text) and header.layout == "wide":
                if claim("total", index):
                    header.total = index
            elif (region or is_total(text)) and header.layout == "long":
                self.issues.error("unexpected_column", header.row, self.column(index), name=text)
            elif "_".join(words(text)) in IGNORED_HEADERS or header.layout == "long":
                self.issues.warning("ignored_column", header.row, self.column(index), name=text)
            else:
                self.issues.error("unknown_column", header.row, self.column(index), name=text)

        if header.layout == "wide":
            # The ministry's table leaves the period and metric headers blank: the first
            # unlabelled columns left of the regions are the period, then the metric.
            first_region = min(header.regions, default=width)
            for index in [i for i in unlabelled if i < first_region]:
                role = next((r for r in ("period", "metric") if r not in header.fields), None)
                if role is None:
                    break
                header.fields[role] = index
                header.names[index] = role
                unlabelled.remove(index)
            missing = [r for r in ("period", "metric") if r not in header.fields]
        else:
            missing = [r for r in LONG_REQUIRED if r not in header.fields]
        for index in unlabelled:
            self.issues.error("unlabelled_column", header.row, self.column(index))
        if missing:
            self.issues.error("missing_column", header.row, columns=", ".join(missing))
        if header.layout == "wide" and header.total is not None:
            absent = [r.name_lv for r in self.ref.regions if r.code not in header.regions.values()]
            if absent:
                self.issues.warning(
                    "total_not_checked",
                    header.row,
                    self.column(header.total),
                    missing=", ".join(absent),
                )
        return len(self.report.errors) == before_errors

    def data_rows(self) -> list[tuple[int, list[Any]]]:
        assert self.header is not None
        if self._data_rows is None:
            self._data_rows = [(n, c) for n, c in self.grid.rows if n > self.header.row]
        return self._data_rows

    # --- cells -------------------------------------------------------------------------------

    def report_bad_cells(self) -> None:
        """Formulas and Excel error values are errors wherever they are: values only, please."""
        for number, cells in self.grid.rows:
            for index, value in enumerate(cells):
                if isinstance(value, Formula):
                    self.issues.error(
                        "formula", number, self.column(index), formula=_short(value.text, 40)
                    )
                elif isinstance(value, CellError):
                    self.issues.error("cell_error", number, self.column(index), value=value.text)

    def cell(self, cells: list[Any], name: str) -> Any:
        assert self.header is not None
        index = self.header.fields.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    def parse_period_cell(self, number: int, value: Any) -> PeriodSpec | None:
        assert self.header is not None
        column = self.column(self.header.fields["period"])
        if isinstance(value, Formula | CellError):
            return None
        if is_blank(value):
            self.issues.error("missing_period", number, column)
            return None
        if isinstance(value, datetime | date):
            self.issues.error("date_as_period", number, column, value=_text(value))
            return None
        text = _text(value) or ""
        spec = self.period(text)
        if spec is None:
            self.issues.error("unknown_period", number, column, value=_short(text))
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
            if spec.end > self.today:
                end, today = spec.end.isoformat(), self.today.isoformat()
                problems.append(
                    ("future_period", {"period": spec.code, "end": end, "today": today})
                )
            for ref in self._periods_by_code.get(spec.code, ()):
                if (ref.start, ref.end) != (spec.start, spec.end):
                    dates = {"start": ref.start.isoformat(), "end": ref.end.isoformat()}
                    problems.append(("period_code_conflict", {"period": spec.code, **dates}))
            self._period_problems[spec] = problems
        for code, params in self._period_problems[spec]:
            self.issues.error(code, number, column, **params)

    def parse_value_cell(self, number: int, column: str, value: Any) -> int | None:
        count, problem = parse_count(value)
        if problem:
            self.issues.error(problem, number, column, value=_short(_text(value) or ""))
        return count

    def parse_sources(self, number: int, cells: list[Any]) -> tuple[str | None, ...] | None:
        """``(source_url, source_title, note)`` of a row, or ``None`` if one is invalid."""
        assert self.header is not None
        out: list[str | None] = []
        ok = True
        for name, limit in (
            ("source_url", MAX_URL),
            ("source_title", MAX_TITLE),
            ("note", MAX_NOTE),
        ):
            text = _text(self.cell(cells, name))
            out.append(text)
            if text is None:
                continue
            column = self.column(self.header.fields[name])
            if len(text) > limit:
                self.issues.error("too_long", number, column, length=len(text), limit=limit)
                ok = False
            elif name == "source_url" and not is_http_url(text):
                self.issues.error("bad_url", number, column, value=_short(text))
                ok = False
        return tuple(out) if ok else None

    def add(
        self,
        number: int,
        spec: PeriodSpec,
        region: str,
        metric: str,
        value: int,
        column: str,
        sources: tuple[str | None, ...],
    ) -> None:
        url, title, note = sources
        parsed = ParsedRow(number, spec, region, metric, value, url, title, note)
        self.candidates.append(_Candidate(parsed, column))

    def ignorable(self, number: int, cells: list[Any], key_columns: Sequence[int]) -> bool:
        """A row with text but nothing in the key columns (a footnote) is skipped with a warning."""
        if any(not is_blank(cells[i]) for i in key_columns if i < len(cells)):
            return False
        text = next((_text(v) for v in cells if _text(v)), "")
        self.issues.warning("ignored_row", number, text=_short(text or ""))
        return True

    # --- layouts -----------------------------------------------------------------------------

    def parse_long(self) -> None:
        header = self.header
        assert header is not None
        keys = [header.fields[f] for f in LONG_REQUIRED]
        value_column = self.column(header.fields["value"])
        region_column = self.column(header.fields["region"])
        metric_column = self.column(header.fields["metric"])
        for number, cells in self.data_rows():
            if self.ignorable(number, cells, keys):
                continue
            spec = self.parse_period_cell(number, self.cell(cells, "period"))
            region_value = self.cell(cells, "region")
            region_text = _text(region_value)
            region: str | None = None
            total_row = False
            if region_text is None:
                if not isinstance(region_value, Formula | CellError):
                    self.issues.error("missing_region", number, region_column)
            elif is_total(region_text):
                total_row = True
            else:
                region = self.region(region_text)
                if region is None:
                    self.issues.error(
                        "unknown_region",
                        number,
                        region_column,
                        value=_short(region_text),
                        valid=self.region_list,
                    )
            metric = self.metric_cell(number, self.cell(cells, "metric"), metric_column)
            value = self.parse_value_cell(number, value_column, self.cell(cells, "value"))
            sources = self.parse_sources(number, cells)
            if spec is None or metric is None or value is None or sources is None:
                continue
            if total_row:
                self.totals.append((spec, metric, value, number, value_column))
            elif region is not None:
                self.add(number, spec, region, metric, value, value_column, sources)

    def metric_cell(
        self, number: int, value: Any, column: str, fragment: str | None = None
    ) -> str | None:
        text = _text(value)
        if isinstance(value, Formula | CellError):
            return None
        metric = self.metric(text) if text else None
        if metric is None and fragment:
            # The ministry splits labels over two cells: "Sagatavoti" | "personalizētie …".
            metric = self.metric(f"{fragment} {text or ''}")
        if metric is None:
            if text is None and fragment is None:
                self.issues.error("missing_metric", number, column)
            else:
                shown = " ".join(t for t in (fragment, text) if t)
                self.issues.error(
                    "unknown_metric", number, column, value=_short(shown), valid=self.metric_list
                )
        return metric

    def parse_wide(self) -> None:
        header = self.header
        assert header is not None
        period_index = header.fields["period"]
        metric_column = self.column(header.fields["metric"])
        all_regions = {r.code for r in self.ref.regions} <= set(header.regions.values())
        value_columns = [*header.regions, *([header.total] if header.total is not None else [])]
        carry: PeriodSpec | None = None
        carry_invalid = False
        for number, cells in self.data_rows():
            raw = self.cell(cells, "period")
            keys = [*value_columns, header.fields["metric"]]
            if all(is_blank(cells[i]) for i in keys if i < len(cells)):
                label = _text(raw)
                heading = self.period(label) if label and not isinstance(raw, date) else None
                if heading is not None:
                    # A period on a row of its own heads the rows below it.
                    carry, carry_invalid = heading, False
                    self.check_period(number, self.column(period_index), heading)
                    continue
            if self.ignorable(number, cells, keys):
                continue
            fragment: str | None = None
            spec: PeriodSpec | None = None
            text = _text(raw)
            parsed = self.period(text) if text and not isinstance(raw, date) else None
            if parsed is not None:
                spec, carry, carry_invalid = parsed, parsed, False
                self.check_period(number, self.column(period_index), parsed)
            elif (is_blank(raw) or (text and is_metric_fragment(text, self.ref.metrics))) and (
                carry is not None or carry_invalid
            ):
                # Blank, or the tail of a split metric label: same period as the row above.
                spec = carry
                fragment = text
            else:
                self.parse_period_cell(number, raw)  # reports the problem
                carry, carry_invalid = None, True
            metric = self.metric_cell(number, self.cell(cells, "metric"), metric_column, fragment)
            sources = self.parse_sources(number, cells)
            values: dict[str, int] = {}
            complete = True
            for index, region in header.regions.items():
                value = cells[index] if index < len(cells) else None
                count = self.parse_value_cell(number, self.column(index), value)
                if count is None:
                    complete = False
                    continue
                values[region] = count
                if spec is not None and metric is not None and sources is not None:
                    self.add(number, spec, region, metric, count, self.column(index), sources)
            if header.total is not None:
                value = cells[header.total] if header.total < len(cells) else None
                if is_blank(value):
                    continue  # the total is optional, row by row
                total = self.parse_value_cell(number, self.column(header.total), value)
                if total is not None and complete and all_regions and sum(values.values()) != total:
                    self.issues.error(
                        "total_mismatch",
                        number,
                        self.column(header.total),
                        total=total,
                        sum=sum(values.values()),
                    )

    # --- across rows -------------------------------------------------------------------------

    def check_duplicates(self) -> None:
        first: dict[tuple[date, date, str, str], int] = {}
        for cand in self.candidates:
            row = cand.parsed
            key = (row.period.start, row.period.end, row.region, row.metric)
            if key in first:
                self.issues.error(
                    "duplicate",
                    row.row,
                    cand.value_column,
                    period=row.period.code,
                    region=self.region_name(row.region),
                    metric=row.metric,
                    first=first[key],
                )
            else:
                first[key] = row.row

    def check_overlaps_in_file(self) -> None:
        """Periods of one region and metric that overlap without being the same period.

        Sorted by (start, end, row), each candidate is compared with those before it, and the
        "other" row named is the first of them in that order that overlaps it with other dates:
        the overlapping period that starts first, then ends first, then is on the lowest row.
        ``reach[j]`` is the latest end among the first j + 1 candidates, so that first one is
        found by bisection: O(n log n) for n candidates, whatever their shape.
        """
        groups: dict[tuple[str, str], list[_Candidate]] = {}
        for cand in self.candidates:
            groups.setdefault((cand.parsed.region, cand.parsed.metric), []).append(cand)
        for (region, metric), cands in groups.items():
            cands.sort(key=lambda c: (c.parsed.period.start, c.parsed.period.end, c.parsed.row))
            reach: list[date] = []
            block = 0  # the first candidate with the current one's dates (they sort together)
            for i, cand in enumerate(cands):
                spec = cand.parsed.period
                before = cands[i - 1].parsed.period if i else None
                if before is not None and (before.start, before.end) != (spec.start, spec.end):
                    block = i
                j = bisect_left(reach, spec.start, 0, block)
                if j < block:
                    other = cands[j]
                    self.issues.error(
                        "overlap_in_file",
                        cand.parsed.row,
                        cand.value_column,
                        period=spec.code,
                        other=other.parsed.period.code,
                        other_row=other.parsed.row,
                        region=self.region_name(region),
                        metric=metric,
                    )
                reach.append(max(reach[-1], spec.end) if reach else spec.end)

    def check_totals(self) -> None:
        """Long-layout rows whose region is KOPĀ/Total check the regions' sum, never stored."""
        if not self.totals:
            return
        sums: dict[tuple[date, date, str], dict[str, int]] = {}
        for cand in self.candidates:
            row = cand.parsed
            sums.setdefault((row.period.start, row.period.end, row.metric), {})[row.region] = (
                row.value
            )
        codes = {r.code for r in self.ref.regions}
        for spec, metric, total, number, column in self.totals:
            values = sums.get((spec.start, spec.end, metric), {})
            missing = codes - set(values)
            if missing:
                names = ", ".join(self.region_name(c) for c in sorted(missing))
                self.issues.warning("total_not_checked", number, column, missing=names)
            elif sum(values.values()) != total:
                self.issues.error(
                    "total_mismatch", number, column, total=total, sum=sum(values.values())
                )

    def published_index(self) -> dict[tuple[date, date, str, str], PublishedValue]:
        index: dict[tuple[date, date, str, str], PublishedValue] = {}
        for pv in self.ref.published:
            key = (pv.period_start, pv.period_end, pv.region, pv.metric)
            if key not in index or pv.release > index[key].release:
                index[key] = pv
        return index

    def check_families_people(self) -> None:
        """Families cannot outnumber people: within the file, or against published figures."""
        published = self.published_index()
        by_key: dict[tuple[date, date, str], dict[str, _Candidate]] = {}
        for cand in self.candidates:
            row = cand.parsed
            if row.metric in (FAMILIES, PEOPLE):
                by_key.setdefault((row.period.start, row.period.end, row.region), {}).setdefault(
                    row.metric, cand
                )
        for (start, end, region), pair in by_key.items():
            fam, ppl = pair.get(FAMILIES), pair.get(PEOPLE)
            where_lv = where_en = ""
            if fam is not None and ppl is not None:
                families, people, at = fam.parsed.value, ppl.parsed.value, fam
            elif fam is not None:
                pv = published.get((start, end, region, PEOPLE))
                if pv is None:
                    continue
                families, people, at = fam.parsed.value, pv.value, fam
                where_lv = f" (cilvēku skaits no publicētajiem datiem, laidiens {pv.release})"
                where_en = f" (people from published data, release {pv.release})"
            else:
                assert ppl is not None
                pv = published.get((start, end, region, FAMILIES))
                if pv is None:
                    continue
                families, people, at = pv.value, ppl.parsed.value, ppl
                where_lv = f" (ģimeņu skaits no publicētajiem datiem, laidiens {pv.release})"
                where_en = f" (families from published data, release {pv.release})"
            if families > people:
                self.issues.error(
                    "families_gt_people",
                    at.parsed.row,
                    at.value_column,
                    families=families,
                    people=people,
                    region=self.region_name(region),
                    period=at.parsed.period.code,
                    where_lv=where_lv,
                    where_en=where_en,
                )

    def check_published(self) -> None:
        """Compare with published data: unchanged, changed, overlapping; fill ``changes``.

        Every pair of a row and a published value of its region and metric whose periods
        overlap gives one message, in row order and, within a row, in the order of
        ``reference.published``. Pairs are only enumerated while a message they would give can
        still be kept (the issue lists are capped), through an index of each series
        (:class:`_Series`), so n rows against m published values cost O((n + m) log m) plus
        the messages kept. ``superseded`` lists, in the order of ``reference.published``, every
        value that some row overlaps other than as the same period with the same value.
        """
        latest = self.published_index()
        series: dict[tuple[str, str], _Series] = {}
        by_series: dict[tuple[str, str], list[PublishedValue]] = {}
        for pv in self.ref.published:
            by_series.setdefault((pv.region, pv.metric), []).append(pv)
        errors, warnings = self.report.errors, self.report.warnings
        for cand in self.candidates:
            row = cand.parsed
            spec = row.period
            key = (row.region, row.metric)
            # A list still takes messages while its length is at most the cap (at the cap it
            # takes the "too many" note). Equal pairs give warnings; the others give errors,
            # or warnings with replace.
            same = len(warnings) <= MAX_WARNINGS
            other = same if self.replace else len(errors) <= MAX_ERRORS
            if key in by_series and (same or other):
                if key not in series:
                    series[key] = _Series(by_series[key])
                pairs = series[key].overlapping(
                    spec.start, spec.end, row.value, same=same, other=other
                )
                self.compare(cand, pairs)
            old = latest.get((spec.start, spec.end, row.region, row.metric))
            self.report.changes.append(
                Change(
                    period_code=spec.code,
                    region=row.region,
                    metric=row.metric,
                    old=old.value if old else None,
                    new=row.value,
                    old_release=old.release if old else None,
                )
            )
        if self.replace:
            self.report.superseded = self.superseded()

    def compare(self, cand: _Candidate, pairs: list[PublishedValue]) -> None:
        """The messages for one row against the published values its period overlaps."""
        row, column, spec = cand.parsed, cand.value_column, cand.parsed.period
        names = {"region": self.region_name(row.region), "metric": row.metric}
        for pv in pairs:
            identical = (pv.period_start, pv.period_end) == (spec.start, spec.end)
            if identical and pv.value == row.value:
                self.issues.warning(
                    "unchanged",
                    row.row,
                    column,
                    period=spec.code,
                    value=row.value,
                    release=pv.release,
                    **names,
                )
            elif self.replace:
                self.issues.warning(
                    "supersedes",
                    row.row,
                    column,
                    other=pv.period_code,
                    old=pv.value,
                    release=pv.release,
                    **names,
                )
            elif identical:
                self.issues.error(
                    "already_published",
                    row.row,
                    column,
                    period=spec.code,
                    old=pv.value,
                    new=row.value,
                    release=pv.release,
                    **names,
                )
            else:
                self.issues.error(
                    "overlap",
                    row.row,
                    column,
                    period=spec.code,
                    other=pv.period_code,
                    old=pv.value,
                    release=pv.release,
                    **names,
                )

    def superseded(self) -> list[PublishedValue]:
        """Published values a replace would supersede, counted rather than paired with rows.

        A value is superseded when some row of its region and metric overlaps it and is not the
        same period with the same value: (rows overlapping it) minus (rows equal to it) > 0,
        both counted by bisection or a dictionary rather than by pairing rows with values.
        """
        rows: dict[tuple[str, str], list[ParsedRow]] = {}
        for cand in self.candidates:
            rows.setdefault((cand.parsed.region, cand.parsed.metric), []).append(cand.parsed)
        counts: dict[tuple[str, str], tuple[list[date], list[date], Counter[Any]]] = {}
        for key, group in rows.items():
            starts = sorted(r.period.start for r in group)
            ends = sorted(r.period.end for r in group)
            counts[key] = (
                starts,
                ends,
                Counter((r.period.start, r.period.end, r.value) for r in group),
            )
        out: dict[tuple[Any, ...], PublishedValue] = {}
        for pv in self.ref.published:
            if (pv.region, pv.metric) not in counts:
                continue
            starts, ends, equal = counts[(pv.region, pv.metric)]
            # Rows ending before it starts are among those starting before it ends.
            overlapping = bisect_right(starts, pv.period_end) - bisect_left(ends, pv.period_start)
            if overlapping > equal[(pv.period_start, pv.period_end, pv.value)]:
                out[(pv.period_start, pv.period_end, pv.region, pv.metric, pv.release)] = pv
        return list(out.values())

    def run(self) -> None:
        if not self.find_header():
            return
        self.report_bad_cells()
        if not self.data_rows():
            self.issues.error("no_data", self.header.row if self.header else None)
            return
        if not self.map_columns():
            return
        if self.report.layout == "long":
            self.parse_long()
        else:
            self.parse_wide()
        self.check_duplicates()
        self.check_overlaps_in_file()
        self.check_totals()
        self.check_families_people()
        self.check_published()
        if not self.candidates and not self.report.errors:
            self.issues.error("no_data", self.header.row if self.header else None)
        self.report.rows = [c.parsed for c in self.candidates]


def _sort_key(issue: Issue) -> tuple[int, int]:
    return (0 if issue.row is None else 1, issue.row or 0)


def validate_upload(
    data: bytes,
    filename: str,
    reference: Reference,
    *,
    today: date,
    replace: bool = False,
    limits: Limits = Limits(),  # noqa: B008 - frozen dataclass, safe as a default
) -> ValidationReport:
    """Read and check an uploaded file; never raises, never writes.

    The report's ``rows`` are what would be published; they are empty unless ``ok``.
    """
    data = bytes(data)
    report = ValidationReport(
        ok=False,
        file_type=None,
        encoding=None,
        delimiter=None,
        layout=None,
        rows=[],
        errors=[],
        warnings=[],
        changes=[],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    try:
        if len(data) > limits.max_bytes:
            report.errors.append(
                make_issue(
                    "file_too_large",
                    size=human_size(len(data)),
                    limit=human_size(limits.max_bytes),
                )
            )
        else:
            read = read_file(data, filename, limits)
            report.file_type = read.file_type
            report.encoding = read.encoding
            report.delimiter = read.delimiter
            report.errors.extend(read.errors)
            report.warnings.extend(read.warnings)
            if read.grid is not None and not read.errors:
                if not read.grid.rows:
                    report.errors.append(make_issue("empty_file"))
                else:
                    _Validator(read.grid, reference, report, today=today, replace=replace).run()
    except Exception:  # a bug must still leave an all-or-nothing, "nothing published" answer
        log.exception("validate_upload failed on %r", filename)
        report.errors.append(make_issue("internal_error"))
    report.errors.sort(key=_sort_key)
    report.warnings.sort(key=_sort_key)
    report.ok = not report.errors and bool(report.rows)
    if not report.ok:
        report.rows = []
        report.changes = []
        report.superseded = []
    return report
