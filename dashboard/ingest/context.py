"""What the steps of one validation share: the grid, the reference, the report being filled.

The steps (``header.py``, ``cells.py``, ``layouts.py``, ``consistency.py``, ``published.py``)
are plain functions of an :class:`Upload`, called in order by ``validate.py``. The texts of a
file repeat (the same region on a thousand rows), so the lookups that resolve a period, region or
metric are cached here, per upload, and the reference lists are indexed once, never scanned per
row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from openpyxl.utils import get_column_letter

from dashboard.i18n import t
from dashboard.ingest.geography import Geography
from dashboard.ingest.grid import Grid
from dashboard.ingest.issues import Issues
from dashboard.ingest.messages import LATVIA
from dashboard.ingest.names import resolve_metric, resolve_region
from dashboard.ingest.periods import KnownPeriods, parse_period
from dashboard.ingest.types import (
    ParsedRow,
    PeriodSpec,
    PublishedValue,
    Reference,
    ValidationReport,
)


@dataclass
class Header:
    """The header row once found (``header.py``): the layout and what each column holds."""

    row: int
    layout: str
    names: dict[int, str]  # column index → header text as written (or the column's role)
    fields: dict[str, int] = field(default_factory=dict)
    regions: dict[int, str] = field(default_factory=dict)  # column index → region code
    total: int | None = None


@dataclass
class Candidate:
    """A parsed row plus where its value came from, for cross-row messages."""

    parsed: ParsedRow
    value_column: str


# A long-layout KOPĀ/Total row: (period, metric, total, row number, value column).
TotalRow = tuple[PeriodSpec, str, int, int, str]
# Where a figure applies, as a key: ("national", "", ""), ("planning_region", region, ""),
# ("municipality", division, code). Levels never compare equal to each other.
PlaceKey = tuple[str, str, str]


def place_key(row: ParsedRow | PublishedValue) -> PlaceKey:
    """The geography of a file row or a published value, comparable between the two."""
    if row.geo_level == "national":
        return ("national", "", "")
    if row.geo_level == "municipality":
        return ("municipality", row.division or "", row.municipality or "")
    return ("planning_region", row.region or "", "")


class Upload:
    """One file under validation; each step reads what the earlier ones left here."""

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
        self.reference = reference
        self.report = report
        self.issues = Issues(report)
        self.today = today
        self.replace = replace
        self.header: Header | None = None
        self.candidates: list[Candidate] = []
        self.totals: list[TotalRow] = []  # long-layout total rows
        self._periods: dict[str, PeriodSpec | None] = {}
        self._regions: dict[str, str | None] = {}
        self._metrics: dict[str, str | None] = {}
        self._data_rows: list[tuple[int, list[Any]]] | None = None
        self.known_periods = KnownPeriods.of(reference.periods)
        self.geography = Geography(reference)
        self.kinds = {m.code: m.kind for m in reference.metrics}
        self._region_names: dict[str, str] = {}
        for r in reference.regions:
            self._region_names.setdefault(r.code, r.name_lv)
        self.region_list = ", ".join(r.name_lv for r in reference.regions)
        self.metric_list = ", ".join(m.code for m in reference.metrics)

    def column(self, index: int) -> str:
        """How the user finds the column: its header (CSV) or its letter and header (XLSX)."""
        name = self.header.names.get(index) if self.header else None
        if self.grid.file_type == "xlsx":
            letter = get_column_letter(index + 1)
            return f"{letter} ({name})" if name else letter
        return name or f"#{index + 1}"

    def period_column(self) -> str:
        """The column period messages point at: ``period``, or ``period_end`` when the period
        is written as two months (the end is what lies in the future or makes it long)."""
        assert self.header is not None
        fields = self.header.fields
        return self.column(fields["period"] if "period" in fields else fields["period_end"])

    def period(self, text: str) -> PeriodSpec | None:
        if text not in self._periods:
            self._periods[text] = parse_period(text, self.known_periods)
        return self._periods[text]

    def region(self, text: str) -> str | None:
        if text not in self._regions:
            self._regions[text] = resolve_region(text, self.reference.regions)
        return self._regions[text]

    def metric(self, text: str) -> str | None:
        if text not in self._metrics:
            self._metrics[text] = resolve_metric(text, self.reference.metrics)
        return self._metrics[text]

    def region_name(self, code: str) -> str:
        return self._region_names.get(code, code)

    def place_name(self, row: ParsedRow | PublishedValue) -> Any:
        """The geography of a row as a message shows it (Latvia in the reader's language)."""
        if row.geo_level == "national":
            return lambda lang: t(LATVIA, lang)
        if row.geo_level == "municipality":
            return self.geography.name(row.division, row.municipality)
        return self.region_name(row.region or "")

    def data_rows(self) -> list[tuple[int, list[Any]]]:
        """The rows below the header (the header must have been found)."""
        assert self.header is not None
        if self._data_rows is None:
            self._data_rows = [(n, c) for n, c in self.grid.rows if n > self.header.row]
        return self._data_rows

    def cell(self, cells: list[Any], name: str) -> Any:
        """The cell of a row in the column mapped to ``name`` (``None`` when absent)."""
        assert self.header is not None
        index = self.header.fields.get(name)
        return cells[index] if index is not None and index < len(cells) else None
