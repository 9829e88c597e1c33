"""The overview's headline cards and filter message (dashboard/components/headline_cards.py,
overview_charts.filter_message) from a small observations frame: no database, no HTTP."""

from __future__ import annotations

import pytest
from component_tree import ids, of_kind, text
from observation_frames import frame

from dashboard.components.headline_cards import coverage_text, headline_cards, headline_values
from dashboard.components.overview_charts import filter_message
from dashboard.view_state import OverviewState

NBSP = "\u00a0"
FAMILIES = {
    "code": "families_returned",
    "name_lv": "Ģimenes atgriezušās",
    "name_en": "Families returned",
    "unit_lv": "ģimenes",
    "unit_en": "families",
}
PEOPLE = {
    "code": "people_returned",
    "name_lv": "Cilvēki atgriezušies",
    "name_en": "People returned",
    "unit_lv": "cilvēki",
    "unit_en": "persons",
}
FRAME = frame(
    {
        ("2018-03..2018-12", "latgale", "families_returned"): 1000,
        ("2018-03..2018-12", "riga", "families_returned"): 200,
        ("2019", "latgale", "families_returned"): 1000,
        ("2019", "riga", "people_returned"): 33,
    }
)
EMPTY = FRAME.iloc[0:0]


def state(**changes) -> OverviewState:
    base = {
        "regions": ("latgale", "riga"),
        "metric": "families_returned",
        "period_from": "2018-03..2018-12",
        "period_to": "2019",
        "per_month": False,
        "date_from": None,
        "date_to": None,
    }
    return OverviewState(**(base | changes))


def test_values_are_totals_over_every_region_and_period():
    assert headline_values(FRAME, [FAMILIES, PEOPLE], per_month=False) == [2200, 33]


def test_values_per_month_divide_by_the_months_of_each_measures_own_periods():
    # Families: 2 200 over March 2018 – December 2019 (22 months); people were published for
    # 2019 alone, so their 33 are spread over those 12 months, not over 22.
    assert headline_values(FRAME, [FAMILIES, PEOPLE], per_month=True) == [
        pytest.approx(100.0),
        pytest.approx(2.75),
    ]


def test_a_metric_without_data_has_no_value():
    assert headline_values(FRAME, [{"code": "offers_prepared"}], per_month=False) == [None]
    assert headline_values(EMPTY, [FAMILIES], per_month=True) == [None]


def test_coverage_spans_the_first_to_the_last_period_and_flags_part_years():
    assert coverage_text(FRAME, "lv") == ("01.03.2018 – 31.12.2019 (22 mēn.)", True)
    only_2019 = FRAME[FRAME["period"] == "2019"]
    assert coverage_text(only_2019, "en") == ("1 Jan 2019 – 31 Dec 2019 (12 months)", False)
    assert coverage_text(EMPTY, "en") == ("There are no data for this selection.", False)


def test_cards_in_latvian():
    cards = headline_cards(FRAME, [FAMILIES, PEOPLE], False, "lv")
    assert ids(cards) == ["headline-families-returned", "headline-people-returned"]
    assert text(cards[0]) == (
        f"Ģimenes atgriezušās 2{NBSP}200 ģimenes 01.03.2018 – 31.12.2019 (22 mēn.) "
        "ietver daļējus gadus"
    )


def test_cards_per_month_in_english():
    cards = headline_cards(FRAME, [FAMILIES, PEOPLE], True, "en")
    assert text(cards[1]) == (
        "People returned 2.8 persons per month on average 1 Jan 2019 – 31 Dec 2019 (12 months)"
    )


def test_cards_without_data():
    (card,) = headline_cards(EMPTY, [FAMILIES], False, "en")
    assert text(card) == "Families returned – families There are no data for this selection."
    assert not of_kind(card, "Br")  # no part-year line


def test_filter_message():
    assert filter_message(state(), "en") == []
    assert text(filter_message(state(regions=()), "en")) == "Select at least one region."
    swapped = text(filter_message(state(swapped=True), "en"))
    assert swapped == "The start period is after the end period; the range has been swapped."
    # No region is the more pressing problem.
    assert "region" in text(filter_message(state(regions=(), swapped=True), "en"))
