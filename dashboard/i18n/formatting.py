"""Number, date and money formatting for Latvian and English, from Babel's locale data.

Latvian writes ``1 815``, ``10 714,29`` and ``10 714,29 €`` (a no-break space groups thousands, a
comma marks decimals); English writes ``1,815``, ``10,714.29`` and ``€10,714.29``. Dates are
``18.08.2020`` in Latvian and ``18 Aug 2020`` in English. The separators, currency patterns and
month names come from Babel's ``lv``/``en`` locales (CLDR); what is ours is the rounding (half up,
as people round, not Python's or Babel's half to even), a real minus sign, and a space before the
percent sign in Latvian (``30 %``, as Latvian typesetting has it; CLDR writes ``30%``).

Tables format thousands of numbers per answer, so whole numbers and floats that are not exact
ties are formatted with Python's own (fast) formatting and the locale's separators; exact ties go
through :class:`~decimal.Decimal` rounding (``tests/unit/test_formatting.py`` property-tests both
paths against each other).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_currency

NBSP = "\u00a0"
LANGS = ("lv", "en")
DEFAULT_LANG = "lv"
DATE_PATTERNS = {"lv": "dd.MM.y", "en": "d MMM y"}  # 18.08.2020, 18 Aug 2020


def normalise_lang(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


@functools.cache
def _symbols(lang: str) -> tuple[str, str]:
    """The locale's (decimal mark, group separator), read once per process from Babel."""
    symbols = Locale.parse(lang).number_symbols["latn"]
    return symbols["decimal"], symbols["group"]


def format_number(value: float | int | Decimal | None, lang: str, decimals: int = 0) -> str:
    """Format a number with the language's separators; ``None`` becomes an en dash."""
    if value is None:
        return "–"
    if decimals == 0 and isinstance(value, int | float) and float(value).is_integer():
        text = f"{int(value):,}"  # whole numbers, most of every table: no rounding to do
    elif isinstance(value, float) and not _decimal_tie(value, decimals):
        # Rounds the same way as below whenever the shortest repr is not exactly halfway (if
        # the binary value and its repr fell on different sides of the halfway point, that
        # point would itself be a shorter or closer repr). Ten times faster than Decimal,
        # which matters for the 1 400 shares of a 280-period table.
        text = f"{value:,.{decimals}f}"
    else:
        quantum = Decimal(1).scaleb(-decimals)
        rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
        text = f"{rounded:,.{decimals}f}"
    decimal, group = _symbols(normalise_lang(lang))
    if (decimal, group) != (".", ","):
        text = text.replace(",", "\x00").replace(".", decimal).replace("\x00", group)
    if text.startswith("-"):
        text = "−" + text[1:]  # a true minus sign reads better than a hyphen
    return text


def _decimal_tie(value: float, decimals: int) -> bool:
    """Whether ``repr(value)`` ends exactly halfway between two ``decimals``-place numbers
    (or is not a plain finite decimal), where half-up and float formatting may differ."""
    text = repr(value)
    if not math.isfinite(value) or "e" in text:
        return True
    fraction = text.partition(".")[2]
    return len(fraction) == decimals + 1 and fraction.endswith("5")


def format_int(value: float | int | None, lang: str) -> str:
    return format_number(value, lang, 0)


def format_eur(value: float | int | Decimal | None, lang: str, decimals: int = 2) -> str:
    """``10 714,29 €`` in Latvian, ``€10,714.29`` in English (the locale's currency pattern)."""
    if value is None:
        return "–"
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    lang = normalise_lang(lang)
    pattern = Locale.parse(lang).currency_formats["standard"].pattern
    fraction = "." + "0" * decimals if decimals else ""
    pattern = pattern.replace("0.00", "0" + fraction)
    text = format_currency(rounded, "EUR", format=pattern, locale=lang, currency_digits=False)
    return text.replace("-", "−")


def format_percent(value: float | Decimal | None, lang: str, decimals: int = 0) -> str:
    """``30 %`` in Latvian (no-break space before the sign), ``30%`` in English."""
    number = format_number(value, lang, decimals)
    return f"{number}{NBSP}%" if normalise_lang(lang) == "lv" else f"{number}%"


def format_date(value: dt.date | None, lang: str) -> str:
    if value is None:
        return "–"
    lang = normalise_lang(lang)
    return babel_format_date(value, DATE_PATTERNS[lang], locale=lang)


def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators``: decimal mark then thousands separator."""
    decimal, group = _symbols(normalise_lang(lang))
    return f"{decimal}{group}"
