"""Period labels as people type them, turned into explicit start and end dates.

The ministry writes "2018.gads (mar.-dec.)", staff type "2024. g. 3. cet." or "2024-Q3", English
speakers "Q3 2024". All of them become a :class:`PeriodSpec` with dates and a month count, because
periods of different lengths (10, 12, 6 months in the seed) must never be compared as equals.
A period that already exists in the database (same dates) keeps its code and labels, so the seed's
``2018-03..2018-12`` is found again whichever spelling the file uses.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from dashboard.ingest.types import PeriodSpec, RefPeriod
from dashboard.search import fold

MIN_YEAR = 1900
MAX_YEAR = 2999

# Folded (lower-case, no diacritics) full month names; any prefix of 3+ letters is accepted.
_MONTH_NAMES_LV = (
    "janvaris",
    "februaris",
    "marts",
    "aprilis",
    "maijs",
    "junijs",
    "julijs",
    "augusts",
    "septembris",
    "oktobris",
    "novembris",
    "decembris",
)
_MONTH_NAMES_EN = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Abbreviations in the style of the seed's "(mar.–dec.)" and "(jan.–jūn.)".
MONTH_ABBR_LV = (
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "mai.",
    "jūn.",
    "jūl.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)
MONTH_ABBR_EN = calendar.month_abbr[1:]

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")

_Y = r"(\d{4})"
_GADS = r"(?:gads|gada|g\b\.?)?"  # "2024. gads", "2024. gada", "2024. g."
_NUM = r"([1-4]|iv|i{1,3})"
_QWORD = r"(?:ceturksnis|ceturksni|ceturksn[a-z]*|cet|quarter|qtr)"
_HWORD = r"(?:pusgads|pusgada|pusgad[a-z]*|pusg|half\s*-?\s*year|half)"
_WORD = r"([a-z]+)"
_SEP = r"\s*(?:\.{2,3}|-|/)\s*"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern, re.ASCII))
    for kind, pattern in [
        ("year", rf"^{_Y}\s*\.?\s*{_GADS}$"),
        ("quarter", rf"^{_Y}\s*-?\s*q\s*([1-4])$"),
        ("quarter_rev", rf"^q\s*([1-4])\s*[-/]?\s*{_Y}$"),
        ("quarter", rf"^{_Y}\s*\.?\s*{_GADS}\s*{_NUM}\s*\.?\s*{_QWORD}\s*\.?$"),
        ("quarter_rev", rf"^{_NUM}\s*\.?\s*{_QWORD}\s*\.?\s*,?\s*{_Y}\s*\.?\s*{_GADS}$"),
        ("half", rf"^{_Y}\s*-?\s*h\s*([12])$"),
        ("half_rev", rf"^h\s*([12])\s*[-/]?\s*{_Y}$"),
        ("half", rf"^{_Y}\s*\.?\s*{_GADS}\s*{_NUM}\s*\.?\s*{_HWORD}\s*\.?$"),
        ("half_rev", rf"^{_NUM}\s*\.?\s*{_HWORD}\s*\.?\s*,?\s*{_Y}\s*\.?\s*{_GADS}$"),
        ("iso_months", rf"^{_Y}-(\d{{2}}){_SEP}{_Y}-(\d{{2}})$"),
        ("iso_month", rf"^{_Y}-(\d{{2}})$"),
        ("iso_dates", rf"^{_Y}-(\d{{2}})-(\d{{2}}){_SEP}{_Y}-(\d{{2}})-(\d{{2}})$"),
        # "2018.gads (mar.-dec.)", "2018 (Mar–Dec)", "2020. gada jan.–jūn."
        (
            "named_range",
            rf"^{_Y}\s*\.?\s*{_GADS}\s*\(?\s*{_WORD}\s*\.?\s*-\s*{_WORD}\s*\.?\s*\)?$",
        ),
        ("named_range_rev", rf"^{_WORD}\s*\.?\s*-\s*{_WORD}\s*\.?\s*,?\s*{_Y}$"),
        ("named_month", rf"^{_Y}\s*\.?\s*{_GADS}\s*\(\s*{_WORD}\s*\.?\s*\)$"),
        # "2018. g. mar. – 2019. g. feb.", "Mar 2018 – Feb 2019"
        (
            "named_span",
            rf"^{_Y}\s*\.?\s*{_GADS}\s*{_WORD}\s*\.?\s*-\s*{_Y}\s*\.?\s*{_GADS}\s*{_WORD}\s*\.?$",
        ),
        ("named_span_rev", rf"^{_WORD}\s*\.?\s*{_Y}\s*-\s*{_WORD}\s*\.?\s*{_Y}$"),
    ]
]

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _normalise(label: str) -> str:
    """Fold case and diacritics, unify dashes, collapse spaces: spelling noise must not matter."""
    text = unicodedata.normalize("NFKC", label).translate(_DASHES)
    return fold(text)


def _number(token: str) -> int:
    return _ROMAN[token] if token in _ROMAN else int(token)


def month_from_name(token: str) -> int | None:
    """``mar``/``marts``/``March``/``jūn.`` → month number; ``None`` when unknown or ambiguous."""
    word = fold(token).strip(".")
    if len(word) < 3:
        return None
    found = {
        index + 1
        for index, (lv, en) in enumerate(zip(_MONTH_NAMES_LV, _MONTH_NAMES_EN, strict=True))
        if lv.startswith(word) or en.startswith(word)
    }
    return found.pop() if len(found) == 1 else None


def _month_span(y1: int, m1: int, y2: int, m2: int) -> tuple[date, date] | None:
    if not (MIN_YEAR <= y1 <= MAX_YEAR and MIN_YEAR <= y2 <= MAX_YEAR):
        return None
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (y1, m1) > (y2, m2):
        return None
    return date(y1, m1, 1), date(y2, m2, calendar.monthrange(y2, m2)[1])


def _dates(kind: str, groups: tuple[str, ...]) -> tuple[date, date] | None:
    """Turn one pattern's captured groups into the period's first and last day."""
    if kind == "year":
        year = int(groups[0])
        return _month_span(year, 1, year, 12)
    if kind in ("quarter", "quarter_rev", "half", "half_rev"):
        year_text, num_text = (groups[1], groups[0]) if kind.endswith("_rev") else groups
        year, num = int(year_text), _number(num_text)
        size = 3 if kind.startswith("quarter") else 6
        if num > 12 // size:
            return None
        return _month_span(year, (num - 1) * size + 1, year, num * size)
    if kind == "iso_months":
        y1, m1, y2, m2 = map(int, groups)
        return _month_span(y1, m1, y2, m2)
    if kind == "iso_month":
        year, month = map(int, groups)
        return _month_span(year, month, year, month)
    if kind == "iso_dates":
        y1, m1, d1, y2, m2, d2 = map(int, groups)
        span = _month_span(y1, m1, y2, m2)
        # Periods are whole months: a range must start on the 1st and end on a month's last day.
        if span is None or d1 != 1 or d2 != span[1].day:
            return None
        return span
    if kind in ("named_range", "named_range_rev", "named_month"):
        if kind == "named_range":
            year_text, first, last = groups
        elif kind == "named_range_rev":
            first, last, year_text = groups
        else:
            year_text, first = groups
            last = first
        m1, m2 = month_from_name(first), month_from_name(last)
        if m1 is None or m2 is None:
            return None
        return _month_span(int(year_text), m1, int(year_text), m2)
    if kind in ("named_span", "named_span_rev"):
        if kind == "named_span":
            y1_text, first, y2_text, last = groups
        else:
            first, y1_text, last, y2_text = groups
        m1, m2 = month_from_name(first), month_from_name(last)
        if m1 is None or m2 is None:
            return None
        return _month_span(int(y1_text), m1, int(y2_text), m2)
    return None  # pragma: no cover - every pattern kind is handled above


def months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


@dataclass(frozen=True)
class KnownPeriods:
    """The database's periods indexed by dates and by spelling, built once per upload.

    Looking a label up by scanning every known period costs O(periods) per label, and with a
    long published history and a file of 100 000 distinct labels that is quadratic; with these
    two dictionaries each label costs O(1). Where two periods share dates or a spelling, the
    first one in the given order wins, as the scan it replaces did.
    """

    by_dates: dict[tuple[date, date], RefPeriod]
    by_text: dict[str, RefPeriod]

    @classmethod
    def of(cls, known: Sequence[RefPeriod] | KnownPeriods) -> KnownPeriods:
        if isinstance(known, KnownPeriods):
            return known
        by_dates: dict[tuple[date, date], RefPeriod] = {}
        by_text: dict[str, RefPeriod] = {}
        for ref in known:
            by_dates.setdefault((ref.start, ref.end), ref)
            for spelling in (ref.code, ref.label_lv, ref.label_en):
                by_text.setdefault(_normalise(spelling), ref)
        return cls(by_dates, by_text)


def make_spec(start: date, end: date, known: Sequence[RefPeriod] | KnownPeriods = ()) -> PeriodSpec:
    """The canonical spec for whole months ``start``..``end``; an existing period's code wins."""
    months = months_between(start, end)
    ref = KnownPeriods.of(known).by_dates.get((start, end))
    if ref is not None:
        return PeriodSpec(
            code=ref.code,
            start=start,
            end=end,
            months=months,
            label_lv=ref.label_lv,
            label_en=ref.label_en,
            is_partial=months < 12,
        )
    y, m1, m2 = start.year, start.month, end.month
    same_year = start.year == end.year
    if same_year and m1 == 1 and m2 == 12:
        code, lv, en = f"{y}", f"{y}. gads", f"{y}"
    elif same_year and months == 3 and m1 % 3 == 1:
        q = (m1 + 2) // 3
        code, lv, en = f"{y}-Q{q}", f"{y}. gada {q}. ceturksnis", f"{y} Q{q}"
    elif same_year and months == 6 and m1 in (1, 7):
        h = 1 if m1 == 1 else 2
        code, lv, en = f"{y}-H{h}", f"{y}. gada {h}. pusgads", f"{y} H{h}"
    else:
        code = f"{start:%Y-%m}..{end:%Y-%m}"
        a_lv, b_lv = MONTH_ABBR_LV[m1 - 1], MONTH_ABBR_LV[m2 - 1]
        a_en, b_en = MONTH_ABBR_EN[m1 - 1], MONTH_ABBR_EN[m2 - 1]
        if not same_year:
            lv = f"{start.year}. g. {a_lv} – {end.year}. g. {b_lv}"
            en = f"{a_en} {start.year} – {b_en} {end.year}"
        elif m1 == m2:
            lv, en = f"{y}. gads ({a_lv})", f"{y} ({a_en})"
        else:
            lv, en = f"{y}. gads ({a_lv}–{b_lv})", f"{y} ({a_en}–{b_en})"
    return PeriodSpec(
        code=code,
        start=start,
        end=end,
        months=months,
        label_lv=lv,
        label_en=en,
        is_partial=months < 12,
    )


def parse_period(label: str, known: Sequence[RefPeriod] | KnownPeriods = ()) -> PeriodSpec | None:
    """Parse a period label in any accepted spelling; ``None`` when it is not one.

    ``known`` are the periods already in the database: a label with the same dates reuses that
    period's code and labels, and a label written exactly like a known code or label is accepted
    even if no pattern covers it. Pass a :class:`KnownPeriods` when parsing many labels.
    """
    if not isinstance(label, str):
        return None
    text = _normalise(label)
    if not text or len(text) > 100:
        return None
    index = KnownPeriods.of(known)
    for kind, pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            span = _dates(kind, match.groups())
            if span is not None:
                return make_spec(span[0], span[1], index)
    ref = index.by_text.get(text)
    return make_spec(ref.start, ref.end, index) if ref is not None else None


_MONTH_CELL = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")


def parse_month_bound(value: object, *, end: bool) -> date | None:
    """A ``period_start`` (``end=False``) or ``period_end`` cell → the period's first or last day.

    Text is ``YYYY-MM`` or a full date that is the month's first day (start) or last day (end).
    An Excel date cell is read as its month when it is the month's first day, because Excel
    turns a typed "2024-12" into 1 December 2024, or, for an end, the month's last day.
    ``None`` when the cell is none of these.
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        year, month, day = value.year, value.month, value.day
        last = calendar.monthrange(year, month)[1]
        if day != 1 and not (end and day == last):
            return None
    elif isinstance(value, str):
        match = _MONTH_CELL.fullmatch(value.strip())
        if match is None:
            return None
        year, month = int(match[1]), int(match[2])
        if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
            return None
        last = calendar.monthrange(year, month)[1]
        if match[3] is not None and int(match[3]) != (last if end else 1):
            return None
    else:
        return None
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
