"""The region charts never add overlapping periods or stocks together (``one_period_per_year``),
and their totals count each calendar month once (``covered_months``)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard import queries
from dashboard.components.headline_cards import covered_months
from dashboard.queries.observations import one_period_per_year

D = dt.date
# id: (start, end, months); the values in the rows below are made up for the rule, not figures.
PERIODS = {
    1: (D(2018, 3, 1), D(2018, 12, 31), 10),  # the programme's first year
    2: (D(2018, 3, 1), D(2018, 11, 30), 9),  # a part of it
    3: (D(2020, 1, 1), D(2020, 12, 31), 12),
    4: (D(2020, 1, 1), D(2020, 6, 30), 6),
    5: (D(2018, 3, 1), D(2022, 3, 31), 49),  # a running total
    6: (D(2021, 1, 1), D(2021, 6, 30), 6),
    7: (D(2021, 4, 1), D(2021, 9, 30), 6),
    8: (D(2022, 3, 1), D(2022, 3, 31), 1),
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


def _kept(rows: pd.DataFrame) -> set[tuple[int, int, int]]:
    out = one_period_per_year(rows, LABELS)
    return set(zip(out["region_id"], out["metric_id"], out["period_id"], strict=True))


def test_a_year_wins_over_its_parts_and_a_part_stands_where_no_year_was_published():
    rows = _rows((1, 1, 1), (1, 1, 2), (1, 1, 3), (1, 1, 4), (2, 1, 4), (2, 1, 2))
    assert _kept(rows) == {(1, 1, 1), (1, 1, 3), (2, 1, 4), (2, 1, 2)}


def test_running_totals_and_stocks_are_left_to_the_open_data():
    rows = _rows((1, 1, 5), (1, 2, 8), (1, 1, 3))
    assert _kept(rows) == {(1, 1, 3)}


def test_equal_lengths_in_one_year_keep_the_later_period():
    assert _kept(_rows((1, 1, 6), (1, 1, 7))) == {(1, 1, 7)}


def test_covered_months_counts_each_calendar_month_once():
    frame = pd.DataFrame(
        {
            "period_start": [D(2018, 3, 1), D(2020, 1, 1), D(2020, 1, 1)],
            "period_end": [D(2018, 12, 31), D(2020, 12, 31), D(2020, 6, 30)],
        }
    )
    assert covered_months(frame) == 10 + 12
    assert covered_months(frame.iloc[:0]) == 0


def test_the_charts_offer_the_measures_they_can_show(app_context):
    """On the seed table: its three measures, in the registry's order; the registry's other
    measures (no region flows yet) are in the open data and the definitions, not the picker."""
    codes = [row["code"] for row in queries.charted_metrics()]
    assert codes == ["families_returned", "people_returned", "offers_prepared"]
    assert len(queries.metrics()) > len(codes)


def test_cached_queries_are_keyed_by_the_code_as_well_as_the_data(app_context, monkeypatch):
    """A deploy changes the code, not the data version: results cached by the old code (in a
    file cache or Redis, which outlive a restart) must not be served by the new one."""
    from flask import current_app

    from dashboard.queries.versioning import cached
    from dashboard.web.shared_cache import CODE_TAG_KEY, code_tag

    assert current_app.extensions[CODE_TAG_KEY] == code_tag()
    assert cached("code-tag-probe", [], lambda: "old code") == "old code"
    assert cached("code-tag-probe", [], lambda: "recomputed") == "old code"
    monkeypatch.setitem(current_app.extensions, CODE_TAG_KEY, "another-deploy")
    assert cached("code-tag-probe", [], lambda: "new code") == "new code"
