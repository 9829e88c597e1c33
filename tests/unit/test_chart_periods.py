"""Which published periods each view shows and where (``queries.series``), and that a view never
holds two overlapping periods of one region and measure (``observations.in_view``)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.queries.observations import in_view
from dashboard.queries.series import (
    PROGRAMME_START,
    normalise_granularity,
    period_slot,
    slot_grid,
)

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "granularity", "slot"),
    [
        (D(2019, 1, 1), D(2019, 12, 31), "year", "2019"),
        # The programme's first, part year counts as its year; the calendar year 2018 too.
        (D(2018, 3, 1), D(2018, 12, 31), "year", "2018"),
        (D(2018, 1, 1), D(2018, 12, 31), "year", "2018"),
        # Nine months are no year, no half-year and no quarter.
        (D(2021, 1, 1), D(2021, 9, 30), "year", None),
        (D(2021, 1, 1), D(2021, 9, 30), "half", None),
        (D(2021, 1, 1), D(2021, 9, 30), "quarter", None),
        (D(2020, 1, 1), D(2020, 6, 30), "year", None),
        (D(2020, 1, 1), D(2020, 6, 30), "half", "2020-H1"),
        (D(2020, 7, 1), D(2020, 12, 31), "half", "2020-H2"),
        (D(2018, 3, 1), D(2018, 6, 30), "half", "2018-H1"),
        (D(2020, 1, 1), D(2020, 12, 31), "half", None),
        (D(2020, 7, 1), D(2020, 9, 30), "quarter", "2020-Q3"),
        (D(2020, 1, 1), D(2020, 3, 31), "quarter", "2020-Q1"),
        (D(2020, 2, 1), D(2020, 4, 30), "quarter", None),
        # Running totals: from the programme's start, at their end month, whatever their length.
        (PROGRAMME_START, D(2022, 6, 30), "programme", "2022-06"),
        (PROGRAMME_START, D(2018, 12, 31), "programme", "2018-12"),
        (D(2019, 1, 1), D(2019, 12, 31), "programme", None),
        # Stocks stand at one month.
        (D(2022, 3, 1), D(2022, 3, 31), "stock", "2022-03"),
        (D(2022, 1, 1), D(2022, 3, 31), "stock", None),
    ],
)
def test_a_period_belongs_to_a_slot_only_when_it_is_that_slot(start, end, granularity, slot):
    assert period_slot(start, end, granularity) == slot


def test_the_grid_has_every_slot_of_the_range_from_the_programme_start():
    years = slot_grid("year", D(2018, 1, 1), D(2025, 12, 31))
    assert [s.key for s in years] == [str(y) for y in range(2018, 2026)]
    assert years[0].start == PROGRAMME_START and years[0].partial and years[0].months == 10
    assert not any(s.partial for s in years[1:])
    assert [s.label("en") for s in years[:2]] == ["2018 (Mar–Dec)", "2019"]
    assert years[0].label("lv") == "2018 (marts–dec.)"
    halves = slot_grid("half", D(2018, 1, 1), D(2020, 12, 31))
    assert [s.key for s in halves] == [
        "2018-H1",
        "2018-H2",
        "2019-H1",
        "2019-H2",
        "2020-H1",
        "2020-H2",
    ]
    quarters = slot_grid("quarter", D(2019, 1, 1), D(2019, 12, 31))
    assert [s.key for s in quarters] == ["2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4"]
    months = slot_grid("programme", D(2018, 1, 1), D(2019, 12, 31))
    assert len(months) == 22 and months[0].key == "2018-03" and months[-1].key == "2019-12"
    # Consecutive and disjoint: each slot starts the day after the one before ends.
    for grid in (years, halves, quarters, months):
        for before, after in zip(grid, grid[1:], strict=False):
            assert after.start == before.end + dt.timedelta(days=1)


def test_unknown_granularity_is_the_year_view():
    assert normalise_granularity("decade") == normalise_granularity(None) == "year"
    assert normalise_granularity("stock") == "stock"


# id: (start, end, months); the values in the rows below are made up for the rule, not figures.
PERIODS = {
    1: (D(2018, 3, 1), D(2018, 12, 31), 10),  # the programme's first year
    2: (D(2018, 3, 1), D(2018, 11, 30), 9),  # a running total to November
    3: (D(2020, 1, 1), D(2020, 12, 31), 12),
    4: (D(2020, 1, 1), D(2020, 6, 30), 6),
    5: (D(2018, 3, 1), D(2022, 3, 31), 49),  # a running total
    6: (D(2021, 1, 1), D(2021, 9, 30), 9),
    7: (D(2022, 3, 1), D(2022, 3, 31), 1),
    8: (D(2018, 1, 1), D(2018, 12, 31), 12),  # the calendar year 2018
}
LABELS = {
    "period": pd.DataFrame(
        [
            {"_id": i, "period_start": s, "period_end": e, "months": n}
            for i, (s, e, n) in PERIODS.items()
        ]
    ),
    "metric": pd.DataFrame(
        [
            {"_id": 1, "metric": "families_returned", "_metric_kind": "flow"},
            {"_id": 2, "metric": "families_planning_return", "_metric_kind": "stock"},
        ]
    ),
}


def _rows(*cells: tuple[int, int, int]) -> pd.DataFrame:
    """(region id, metric id, period id) → a row with a value that names its period."""
    return pd.DataFrame(
        [
            {"period_id": p, "region_id": r, "metric_id": mt, "source_id": 1, "value": 100 + p}
            for r, mt, p in cells
        ]
    )


def _kept(rows: pd.DataFrame, granularity: str) -> set[tuple[int, int, int]]:
    out = in_view(rows, LABELS, granularity)
    return set(zip(out["region_id"], out["metric_id"], out["period_id"], strict=True))


ALL = _rows(*((1, 1, p) for p in range(1, 9)), (1, 2, 7), (2, 1, 4))


def test_each_view_takes_only_its_own_kind_of_period():
    assert _kept(ALL, "year") == {(1, 1, 8), (1, 1, 3)}  # 2018 once (the longer), 2020
    assert _kept(ALL, "half") == {(1, 1, 4), (2, 1, 4)}
    assert _kept(ALL, "quarter") == set()
    assert _kept(ALL, "programme") == {(1, 1, 1), (1, 1, 2), (1, 1, 5)}
    assert _kept(ALL, "stock") == {(1, 2, 7)}  # the flow's one-month period is no stock


def test_no_view_holds_overlapping_periods_of_a_region_and_measure():
    for granularity in ("year", "half", "quarter"):
        out = in_view(ALL, LABELS, granularity)
        spans = [PERIODS[p][:2] for p in out[out["region_id"] == 1]["period_id"]]
        for i, (s1, e1) in enumerate(spans):
            for s2, e2 in spans[i + 1 :]:
                assert e1 < s2 or e2 < s1, (granularity, spans)
