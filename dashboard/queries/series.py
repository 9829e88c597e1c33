"""Calendar slots: which published periods a chart of a given granularity may show, and where.

A chart's time axis is a grid of slots (every year, half-year, quarter or month of the chosen
range), each present whether or not anything was published for it. A published period belongs to
a slot only when it *is* that slot: a year period runs from 1 January (or from the programme's
start, 1 March 2018) to 31 December of one year; a period such as January–September 2021 is no
year, half-year or quarter, and appears in none of those views. Running totals (periods starting
at the programme's start) have their own view, each at its end month; stocks ("standing at the
end of a month") theirs. So one view never holds two overlapping periods of a region, and adding
a view's slots together never counts anyone twice.

Pure functions of dates: unit-tested without a database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PROGRAMME_START = dt.date(2018, 3, 1)

GRANULARITIES = ("year", "half", "quarter", "programme", "stock")
DEFAULT_GRANULARITY = "year"
# The metric kind each view shows: flows are counted over a period, stocks stand at a month.
VIEW_KIND = {
    "year": "flow",
    "half": "flow",
    "quarter": "flow",
    "programme": "flow",
    "stock": "stock",
}
# Views whose slots are consecutive and disjoint: their values may be added up over slots.
ADDITIVE = frozenset({"year", "half", "quarter"})

MONTHS_LV = (
    "janv.",
    "febr.",
    "marts",
    "apr.",
    "maijs",
    "jūn.",
    "jūl.",
    "aug.",
    "sept.",
    "okt.",
    "nov.",
    "dec.",
)
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def normalise_granularity(value: object) -> str:
    """A known granularity, or the default (old links have none; hand-edited ones may be bad)."""
    return value if isinstance(value, str) and value in GRANULARITIES else DEFAULT_GRANULARITY


@dataclass(frozen=True)
class Slot:
    """One place on a time axis: its key (``2019``, ``2019-H1``, ``2019-Q3``, ``2019-10``), the
    calendar dates it covers (from the programme's start at the earliest) and whether it is
    shorter than its calendar unit because the programme began within it."""

    key: str
    granularity: str
    start: dt.date
    end: dt.date
    partial: bool

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def label(self, lang: str) -> str:
        """The axis label: short enough for a phone ("2018 (mar.–dec.)", "2019 1. pusg.")."""
        lv = lang == "lv"
        months = MONTHS_LV if lv else MONTHS_EN
        year = self.start.year
        if self.granularity == "year":
            if self.partial:
                return f"{year} ({months[self.start.month - 1]}–{months[11]})"
            return str(year)
        if self.granularity == "half":
            half = 1 if self.start.month <= 6 else 2
            text = f"{year} {half}. pusg." if lv else f"{year} H{half}"
            return text + (f" ({months[self.start.month - 1]}–)" if self.partial else "")
        if self.granularity == "quarter":
            quarter = (self.start.month - 1) // 3 + 1
            text = f"{year} {quarter}. cet." if lv else f"{year} Q{quarter}"
            return text + (f" ({months[self.start.month - 1]}–)" if self.partial else "")
        month = months[self.end.month - 1]
        return f"{self.end.year}. g. {month}" if lv else f"{month} {self.end.year}"


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _calendar_slot(granularity: str, day: dt.date) -> tuple[str, dt.date, dt.date]:
    """The key, first and last day of the calendar slot holding ``day``."""
    y, mo = day.year, day.month
    if granularity == "year":
        return str(y), dt.date(y, 1, 1), dt.date(y, 12, 31)
    if granularity == "half":
        first = 1 if mo <= 6 else 7
        return f"{y}-H{1 if mo <= 6 else 2}", dt.date(y, first, 1), _month_end(y, first + 5)
    if granularity == "quarter":
        first = (mo - 1) // 3 * 3 + 1
        return f"{y}-Q{(mo - 1) // 3 + 1}", dt.date(y, first, 1), _month_end(y, first + 2)
    return f"{y}-{mo:02d}", dt.date(y, mo, 1), _month_end(y, mo)


def _slot(granularity: str, day: dt.date) -> Slot:
    key, start, end = _calendar_slot(granularity, day)
    partial = start < PROGRAMME_START <= end
    return Slot(key, granularity, max(start, PROGRAMME_START) if partial else start, end, partial)


def period_slot(start: dt.date, end: dt.date, granularity: str) -> str | None:
    """The key of the slot the period ``start``–``end`` *is* in ``granularity``, or ``None``.

    Year, half-year, quarter: the period must be the whole calendar slot, or the slot from the
    programme's start (2018 from March is the programme's first, part year). Programme: a
    running total since the programme's start, at its end month. Stock: one month.
    """
    if granularity in ADDITIVE:
        key, first, last = _calendar_slot(granularity, start)
        starts_right = start == first or (start == PROGRAMME_START and first < start <= last)
        return key if starts_right and end == last else None
    if granularity == "programme":
        return f"{end.year}-{end.month:02d}" if start == PROGRAMME_START else None
    if granularity == "stock":
        same_month = (start.year, start.month) == (end.year, end.month)
        return f"{end.year}-{end.month:02d}" if same_month else None
    return None


def slot_grid(granularity: str, date_from: dt.date, date_to: dt.date) -> list[Slot]:
    """Every slot of ``granularity`` from the one holding ``date_from`` to the one holding
    ``date_to`` (never before the programme's start), oldest first: the whole axis."""
    day = max(date_from, PROGRAMME_START)
    slots: list[Slot] = []
    while day <= date_to:
        slot = _slot(granularity, day)
        slots.append(slot)
        day = slot.end + dt.timedelta(days=1)
    return slots
