"""The map's period and division rules (dashboard/queries/map_values.py) and its URL state
(dashboard/map_state.py), on plain values: no database."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.map_state import MapState, parse_map_state
from dashboard.queries.map_values import MapPeriod, default_division, is_map_period


def period(code: str, start: dt.date, end: dt.date) -> MapPeriod:
    return MapPeriod(code, start.year, start, end, code.startswith("2018"), code, code)


@pytest.mark.parametrize(
    ("start", "end", "division"),
    [
        (dt.date(2018, 3, 1), dt.date(2018, 12, 31), "2009"),
        (dt.date(2020, 1, 1), dt.date(2020, 12, 31), "2009"),
        # 2021 began under the 2009 division (the reform took effect on 1 July 2021).
        (dt.date(2021, 1, 1), dt.date(2021, 12, 31), "2009"),
        (dt.date(2022, 1, 1), dt.date(2022, 12, 31), "2021"),
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2021"),
    ],
)
def test_the_default_division_is_the_one_in_force_for_the_period(start, end, division):
    assert default_division(period(str(start.year), start, end)) == division


def test_without_a_period_the_current_division_is_drawn():
    assert default_division(None) == "2021"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2019, 1, 1), dt.date(2019, 12, 31), True),
        (dt.date(2018, 3, 1), dt.date(2018, 12, 31), True),  # the programme's first year
        (dt.date(2020, 1, 1), dt.date(2020, 6, 30), False),  # a half-year
        (dt.date(2018, 3, 1), dt.date(2022, 3, 31), False),  # a running total
        (dt.date(2022, 1, 1), dt.date(2022, 3, 31), False),  # a quarter
        (dt.date(2019, 1, 1), dt.date(2020, 12, 31), False),  # two years
        (dt.date(2021, 12, 1), dt.date(2021, 12, 31), False),  # a stock's month
    ],
)
def test_only_whole_years_and_the_first_programme_year_are_map_periods(start, end, expected):
    assert is_map_period(start, end) is expected


PERIODS = {
    "2019": period("2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
    "2024": period("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
}


def parse(query: dict) -> MapState:
    return parse_map_state(
        query,
        ["families_returned", "people_returned"],
        list(PERIODS),
        lambda metric: "2024" if metric == "families_returned" else "2019",
        lambda code: default_division(PERIODS.get(code or "")),
        lambda value: "2009:LV-083" if value in {"LV-083", "2009:LV-083"} else None,
    )


def test_defaults_follow_the_measure_and_its_latest_year():
    assert parse({}) == MapState("families_returned", "2024", "2021", None)
    assert parse({"metric": "people_returned"}) == MapState("people_returned", "2019", "2009")


def test_the_url_chooses_year_division_and_selection():
    state = parse(
        {"metric": "people_returned", "period": "2024", "division": "2009", "m": "LV-083"}
    )
    assert state == MapState("people_returned", "2024", "2009", "2009:LV-083")
    assert state.query_string("en") == (
        "metric=people_returned&period=2024&from=2024&to=2024&division=2009&m=2009:LV-083&lang=en"
    )


@pytest.mark.parametrize(
    "query",
    [
        {"metric": "bogus", "period": "2031", "division": "1990", "m": "LV-999"},
        {"metric": ["x"], "period": "2020-01..2020-06", "division": "", "m": "<script>"},
    ],
)
def test_unknown_values_fall_back_to_the_defaults(query):
    assert parse(query) == MapState("families_returned", "2024", "2021", None)
