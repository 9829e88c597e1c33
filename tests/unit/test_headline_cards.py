"""The overview's headline card (``components/headline_cards.py``) and filter message, from a
small sparse grid: a total over incomplete coverage is the published national figure where one
exists, else labelled "sum of the regions that reported"; running totals are never added up."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from component_tree import ids, text

from dashboard.components.headline_cards import National, headline, headline_cards
from dashboard.components.overview_charts import filter_message
from dashboard.figures.series_view import series_view
from dashboard.queries import OBSERVATION_COLUMNS
from dashboard.view_state import OverviewState

D = dt.date
REGIONS = [("kurzeme", "Kurzeme"), ("latgale", "Latgale"), ("riga", "Rīga")]
PEOPLE = {
    "code": "people_returned",
    "name_lv": "Atgriezušies cilvēki",
    "name_en": "People returned",
    "unit_lv": "cilvēki",
    "unit_en": "persons",
}
# Made-up values: all three regions in 2019, two in 2020, one in 2021, nobody in 2022.
ROWS = [
    ("2019", D(2019, 1, 1), D(2019, 12, 31), "kurzeme", 10),
    ("2019", D(2019, 1, 1), D(2019, 12, 31), "latgale", 20),
    ("2019", D(2019, 1, 1), D(2019, 12, 31), "riga", 30),
    ("2020", D(2020, 1, 1), D(2020, 12, 31), "kurzeme", 11),
    ("2020", D(2020, 1, 1), D(2020, 12, 31), "riga", 31),
    ("2021", D(2021, 1, 1), D(2021, 12, 31), "latgale", 22),
    ("2018-03..2019-12", D(2018, 3, 1), D(2019, 12, 31), "kurzeme", 90),
    ("2018-03..2019-12", D(2018, 3, 1), D(2019, 12, 31), "latgale", 80),
    ("2018-03..2020-12", D(2018, 3, 1), D(2020, 12, 31), "riga", 70),
]


def view(granularity="year", per_month=False, lang="en", date_from=None, date_to=None):
    frame = pd.DataFrame(
        [
            (code, code, code, start, end, 12, False, region, region, region,
             "people_returned", value)
            for code, start, end, region, value in ROWS
        ],
        columns=OBSERVATION_COLUMNS,
    )  # fmt: skip
    return series_view(
        frame, "people_returned", REGIONS, granularity, date_from or D(2019, 1, 1),
        date_to or D(2022, 12, 31), per_month, lang,
    )  # fmt: skip


NATIONAL = {"2020": National(100, 12, "LSM"), "2022": National(200, 12, "VARAM")}


def test_complete_years_add_the_regions_and_incomplete_ones_take_the_national_figure():
    found = headline(view(), NATIONAL, all_regions=True)
    assert [s.key for s in found.complete] == ["2019"]
    assert [(s.key, n.value) for s, n in found.national] == [("2020", 100), ("2022", 200)]
    assert [s.key for s in found.partial] == ["2021"]
    # 2021 (one region of three, no national figure) is listed beside the total, never in it.
    assert found.partial_values == {"2021": 22}
    assert found.value == 60 + 100 + 200
    assert found.months == 36


def test_without_every_region_selected_the_national_figure_is_not_used():
    found = headline(view(), NATIONAL, all_regions=False)
    assert [s.key for s in found.partial] == ["2020", "2021"]
    assert [s.key for s in found.empty] == ["2022"]
    assert found.value == 60  # 2019 alone had every selected region


def test_a_range_with_no_complete_period_has_no_total_and_lists_the_partial_sum():
    only_2021 = view(date_from=D(2021, 1, 1), date_to=D(2021, 12, 31))
    found = headline(only_2021, {}, all_regions=False)
    assert found.value is None
    assert found.partial_values == {"2021": 22}
    words = text(headline_cards(only_2021, PEOPLE, {}, all_regions=False))
    assert "No period in view has figures from every selected region." in words
    assert "sum of the regions that reported: 22" in words


@pytest.mark.parametrize(
    ("lang", "national", "partial"),
    [
        ("en", "published national figure is used (LSM)", "sum of the regions that reported"),
        ("lv", "izmantots publicētais valsts kopskaitlis (LSM)",
         "reģionu, kas publicēja datus, summa"),
    ],
)  # fmt: skip
def test_the_card_says_what_its_total_covers(lang, national, partial):
    cards = headline_cards(view(lang=lang), PEOPLE, NATIONAL, all_regions=True)
    assert ids(cards) == ["headline-people-returned"]  # one card: the selected measure's
    words = text(cards)
    assert "360" in words  # 2019 + the national 2020 and 2022; 2021 is listed, not added
    assert national in words and partial in words
    assert (
        "Not in the total: 2021, 1 of 3 regions reported"
        if lang == "en"
        else "Kopsummā nav iekļauts: 2021, datus publicēja 1 no 3"
    ) in words


def test_per_month_divides_by_the_months_counted():
    found = headline(view(per_month=True), NATIONAL, all_regions=True)
    assert found.value == pytest.approx(360 / 36)


def test_running_totals_are_never_added_over_slots():
    found = headline(view("programme"), {}, all_regions=False)
    # The latest running total is Rīga's to December 2020, alone: not added to the 2019 ones.
    assert found.value == 70
    assert [s.key for s in found.partial] == ["2020-12"]


def _state(**changes) -> OverviewState:
    base = {
        "regions": ("latgale", "riga"),
        "metric": "people_returned",
        "period_from": "2019",
        "period_to": "2022",
        "per_month": False,
        "date_from": None,
        "date_to": None,
    }
    return OverviewState(**(base | changes))


def test_filter_message():
    assert filter_message(_state(), "en") == []
    assert "Select at least one region." in text(filter_message(_state(regions=()), "en"))
    assert "swapped" in text(filter_message(_state(swapped=True), "en"))
