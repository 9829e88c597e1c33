"""Parsing the overview's filter state from a URL query string (pure, no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.queries import ObservationFilter
from dashboard.view_state import DEFAULT_METRIC, parse_overview_state

REGIONS = [{"code": c} for c in ("kurzeme", "latgale", "riga", "vidzeme", "zemgale")]
ALL_REGIONS = ("kurzeme", "latgale", "riga", "vidzeme", "zemgale")
METRICS = [{"code": c} for c in ("families_returned", "people_returned", "offers_prepared")]
PERIODS = [
    {
        "code": "2018-03..2018-12",
        "start_date": dt.date(2018, 3, 1),
        "end_date": dt.date(2018, 12, 31),
    },
    {"code": "2019", "start_date": dt.date(2019, 1, 1), "end_date": dt.date(2019, 12, 31)},
    {
        "code": "2020-01..2020-06",
        "start_date": dt.date(2020, 1, 1),
        "end_date": dt.date(2020, 6, 30),
    },
]


def parse(**query):
    return parse_overview_state(query, REGIONS, METRICS, PERIODS)


def test_defaults():
    state = parse()
    assert state.regions == ALL_REGIONS
    assert state.metric == DEFAULT_METRIC == "families_returned"
    # The range is in calendar years, from the first period's year to the last one's.
    assert state.period_from == "2018"
    assert state.period_to == "2020"
    assert state.date_from == dt.date(2018, 1, 1)
    assert state.date_to == dt.date(2020, 12, 31)
    assert state.per_month is False
    assert state.swapped is False
    assert state.granularity == "year"
    assert state.release is None


def test_empty_values_are_defaults():
    assert parse(regions="", metric="", **{"from": "", "to": ""}, per_month="") == parse()


def test_valid_values_are_kept():
    state = parse(
        regions="latgale,riga",
        metric="offers_prepared",
        per_month="1",
        **{"from": "2019", "to": "2019"},
    )
    assert state.regions == ("latgale", "riga")
    assert state.metric == "offers_prepared"
    assert (state.period_from, state.period_to) == ("2019", "2019")
    assert (state.date_from, state.date_to) == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert state.per_month is True
    assert state.swapped is False


def test_regions_come_back_in_canonical_order_without_duplicates():
    assert parse(regions="zemgale, latgale,zemgale").regions == ("latgale", "zemgale")


def test_unknown_values_fall_back_to_defaults():
    state = parse(
        regions="atlantis,narnia",
        metric="drop table",
        per_month="perhaps",
        **{"from": "1999", "to": "2030-01..2030-12"},
    )
    assert state == parse(per_month="0")
    assert state.regions == ALL_REGIONS
    assert state.metric == "families_returned"


def test_unknown_regions_are_dropped_but_known_ones_kept():
    assert parse(regions="latgale,atlantis").regions == ("latgale",)


def test_regions_none_selects_nothing():
    state = parse(regions="none")
    assert state.regions == ()
    # The rest of the state stays usable.
    assert state.metric == "families_returned"
    assert state.period_from == "2018"


def test_links_made_before_years_open_the_years_of_their_periods():
    state = parse(**{"from": "2019", "to": "2020-01..2020-06"})
    assert (state.period_from, state.period_to) == ("2019", "2020")
    assert parse(**{"from": "2018-03..2018-12"}).period_from == "2018"


def test_swapped_range_is_swapped_and_flagged():
    state = parse(**{"from": "2020", "to": "2018-03..2018-12"})
    assert state.swapped is True
    assert (state.period_from, state.period_to) == ("2018", "2020")
    assert (state.date_from, state.date_to) == (dt.date(2018, 1, 1), dt.date(2020, 12, 31))


def test_granularity_and_release_come_from_the_link():
    metrics_of = {"stock": [{"code": "families_planning_return"}]}

    def offered(granularity):
        return metrics_of.get(granularity, METRICS)

    state = parse_overview_state(
        {"granularity": "stock", "release": "2", "metric": "families_returned"},
        REGIONS, offered, PERIODS, [1, 2],
    )  # fmt: skip
    assert state.granularity == "stock"
    assert state.metric == "families_planning_return"  # the view's own measure
    assert state.release == 2
    assert state.observation_filter().release == 2
    assert "granularity=stock" in state.query_string("en")
    assert "release=2" in state.query_string("en")
    # An unknown release or view opens the current data's year view.
    odd = parse_overview_state({"granularity": "decade", "release": "9"}, REGIONS, offered,
                               PERIODS, [1, 2])  # fmt: skip
    assert (odd.granularity, odd.release) == ("year", None)
    assert "granularity" not in odd.query_string("en") and "release" not in odd.query_string("en")


def test_years_bound_the_range_when_given():
    state = parse_overview_state({"to": "2025"}, REGIONS, METRICS, PERIODS, years=[2018, 2025])
    assert (state.period_from, state.period_to) == ("2018", "2025")


@pytest.mark.parametrize("value", ["1", "true", "yes", "on", ["1"], ("true", "0")])
def test_per_month_on(value):
    assert parse(per_month=value).per_month is True


@pytest.mark.parametrize("value", ["0", "", "false", "no", "off", "2", "maybe", None, [], ["0"]])
def test_per_month_off(value):
    assert parse(per_month=value).per_month is False


def test_list_values_use_the_first():
    # Flask's MultiDict-like inputs and Dash's query kwargs may hand over lists.
    state = parse(regions=["latgale", "riga"], metric=["people_returned", "offers_prepared"])
    assert state.regions == ("latgale",)
    assert state.metric == "people_returned"


def test_default_metric_missing_falls_back_to_the_first_metric():
    state = parse_overview_state({}, REGIONS, [{"code": "offers_prepared"}], PERIODS)
    assert state.metric == "offers_prepared"


def test_no_periods_means_no_dates():
    state = parse_overview_state({"from": "2019"}, REGIONS, METRICS, [])
    assert state.period_from is None and state.period_to is None
    assert state.date_from is None and state.date_to is None


def test_observation_filter_carries_regions_and_dates():
    state = parse(regions="latgale", metric="people_returned", **{"from": "2019"})
    assert state.observation_filter() == ObservationFilter(
        regions=("latgale",), date_from=dt.date(2019, 1, 1), date_to=dt.date(2020, 12, 31)
    )


def test_a_link_without_a_view_opens_the_databases_default_view():
    """Where no year figure exists (e.g. quarterly figures only), the page opens the first view
    with figures; a link naming the year view must then say so to reopen it."""
    opened = parse_overview_state({}, REGIONS, METRICS, PERIODS, default_granularity="quarter")
    assert opened.granularity == "quarter"
    assert "granularity" not in opened.query_string("en")
    chosen = parse_overview_state(
        {"granularity": "year"}, REGIONS, METRICS, PERIODS, default_granularity="quarter"
    )
    assert chosen.granularity == "year"
    assert "granularity=year" in chosen.query_string("en")
