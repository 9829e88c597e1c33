"""Latvian and English number, money, percent and date formatting (Babel's locale data)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.i18n.formatting import (
    NBSP,
    format_date,
    format_eur,
    format_int,
    format_number,
    format_percent,
    normalise_lang,
    plotly_separators,
)


def test_nbsp_is_the_non_breaking_space():
    assert NBSP == "\u00a0"


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (1815, "lv", 0, "1\u00a0815"),
        (1815, "en", 0, "1,815"),
        (10714.29, "lv", 2, "10\u00a0714,29"),
        (10714.29, "en", 2, "10,714.29"),
        (643529, "lv", 0, "643\u00a0529"),
        (643529, "en", 0, "643,529"),
        (1234567.5, "lv", 1, "1\u00a0234\u00a0567,5"),
        (1234567.5, "en", 1, "1,234,567.5"),
        (163, "lv", 0, "163"),
        (3.3, "lv", 1, "3,3"),
        (3.3, "en", 1, "3.3"),
        (0, "lv", 0, "0"),
        (7500, "lv", 2, "7\u00a0500,00"),
        (Decimal("3214.29"), "lv", 2, "3\u00a0214,29"),
        (2.5, "en", 0, "3"),  # half up, not banker's rounding
        (0.125, "en", 2, "0.13"),
        (64 / 12, "lv", 1, "5,3"),
        (-1234, "en", 0, "\u22121,234"),  # a real minus sign
        (-1234.5, "lv", 1, "\u22121\u00a0234,5"),
    ],
)
def test_format_number(value, lang, decimals, expected):
    assert format_number(value, lang, decimals) == expected


def test_format_number_never_uses_a_plain_space_or_a_dot_in_latvian():
    text = format_number(9876543.21, "lv", 2)
    assert " " not in text
    assert "." not in text
    assert text == "9\u00a0876\u00a0543,21"


def test_format_number_of_none_is_a_dash():
    assert format_number(None, "lv") == "–"
    assert format_number(None, "en", 2) == "–"


def test_format_number_accepts_numpy_scalars():
    np = pytest.importorskip("numpy")
    assert format_number(np.int64(1815), "lv") == "1\u00a0815"
    assert format_number(np.float64(33) / 10, "en", 1) == "3.3"


def test_format_int():
    assert format_int(2268, "lv") == "2\u00a0268"
    assert format_int(2268.4, "en") == "2,268"


def test_format_eur():
    assert format_eur(10714.29, "lv") == "10\u00a0714,29\u00a0€"
    assert format_eur(10714.29, "en") == "€10,714.29"
    assert format_eur(643529, "lv", 0) == "643\u00a0529\u00a0€"
    assert format_eur(643529, "en", 0) == "€643,529"
    assert format_eur(Decimal("7500.00"), "lv") == "7\u00a0500,00\u00a0€"


def test_format_percent():
    assert format_percent(30, "lv") == "30\u00a0%"
    assert format_percent(30, "en") == "30%"
    assert format_percent(33.333, "lv", 1) == "33,3\u00a0%"
    assert format_percent(33.333, "en", 1) == "33.3%"


def test_format_date():
    day = dt.date(2020, 8, 18)
    assert format_date(day, "lv") == "18.08.2020"
    assert format_date(day, "en") == "18 Aug 2020"
    assert format_date(dt.date(2018, 3, 1), "lv") == "01.03.2018"
    assert format_date(dt.date(2018, 3, 1), "en") == "1 Mar 2018"
    assert format_date(dt.date(2019, 12, 31), "en") == "31 Dec 2019"
    assert format_date(None, "lv") == "–"


def test_plotly_separators():
    # Plotly's layout.separators: decimal mark, then thousands separator.
    assert plotly_separators("lv") == ",\u00a0"
    assert plotly_separators("en") == ".,"


def test_normalise_lang():
    assert normalise_lang("en") == "en"
    assert normalise_lang("lv") == "lv"
    assert normalise_lang("de") == "lv"
    assert normalise_lang(None) == "lv"


# The translations (catalogues, plural forms, placeholders) are tested in test_translations.py.


@given(
    value=st.one_of(
        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12).filter(
            lambda v: v != 0  # zero (and -0.0) is checked below
        ),
        st.integers(min_value=-(10**6), max_value=10**6).map(lambda n: n / 200),  # many ties
    ),
    decimals=st.integers(min_value=0, max_value=3),
)
def test_fast_float_formatting_rounds_half_up_like_decimal(value, decimals):
    """The float fast path of format_number agrees with exact half-up rounding of the repr."""
    quantum = Decimal(1).scaleb(-decimals)
    expected = f"{Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP):,.{decimals}f}"
    if expected.startswith("-"):
        expected = "−" + expected[1:]
    assert format_number(value, "en", decimals) == expected


def test_zero_has_no_sign():
    assert format_number(-0.0, "en") == format_number(0.0, "en") == "0"
