"""Small observation frames (the columns of ``queries.observations``) for unit tests."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.queries.observations import OBSERVATION_COLUMNS

PERIODS = {
    # code: (start, end, months, partial)
    "2018-03..2018-12": (dt.date(2018, 3, 1), dt.date(2018, 12, 31), 10, True),
    "2019": (dt.date(2019, 1, 1), dt.date(2019, 12, 31), 12, False),
}


def frame(values: dict[tuple[str, str, str], int]) -> pd.DataFrame:
    """``{(period, region, metric): value}`` as a frame like ``queries.observations`` returns."""
    rows = []
    for (period, region, metric), value in values.items():
        start, end, months, partial = PERIODS[period]
        rows.append(
            {
                "period": period,
                "period_label_lv": period,
                "period_label_en": period,
                "period_start": start,
                "period_end": end,
                "months": months,
                "is_partial": partial,
                "region": region,
                "region_name_lv": region,
                "region_name_en": region,
                "metric": metric,
                "value": value,
            }
        )
    return pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)
