"""Parsing of the overview/map filter state from a URL query string.

Pure functions: unknown or malformed values fall back to defaults instead of failing, because a
reader's old or hand-edited link should still open a sensible view (the open-data API, by
contrast, rejects bad parameters with HTTP 400; see ``dashboard/api.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from dashboard.queries import ObservationFilter

DEFAULT_METRIC = "families_returned"
NO_REGIONS = "none"


@dataclass(frozen=True)
class OverviewState:
    regions: tuple[str, ...]
    metric: str
    period_from: str | None
    period_to: str | None
    per_month: bool
    date_from: dt.date | None
    date_to: dt.date | None
    swapped: bool = False

    def observation_filter(self) -> ObservationFilter:
        return ObservationFilter(
            regions=self.regions, date_from=self.date_from, date_to=self.date_to
        )

    def query_string(self, lang: str, *, regions: bool = True) -> str:
        """The URL query that reopens this view (the pages' own parameters, in a fixed order)."""
        params: dict[str, str] = {}
        if regions:
            params["regions"] = ",".join(self.regions) or NO_REGIONS
        params["metric"] = self.metric
        if self.period_from:
            params["from"] = self.period_from
        if self.period_to:
            params["to"] = self.period_to
        params["per_month"] = "1" if self.per_month else "0"
        params["lang"] = lang
        return urlencode(params, safe=",.")


def _first(value: Any) -> str | None:
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return None if value is None else str(value)


def parse_overview_state(
    query: Mapping[str, Any],
    regions: Sequence[Mapping[str, Any]],
    metrics: Sequence[Mapping[str, Any]],
    periods: Sequence[Mapping[str, Any]],
) -> OverviewState:
    """Turn query parameters into a valid state, using defaults for anything unusable."""
    region_codes = [r["code"] for r in regions]
    raw_regions = _first(query.get("regions"))
    if raw_regions is None or raw_regions == "":
        selected = tuple(region_codes)
    elif raw_regions == NO_REGIONS:
        selected = ()
    else:
        wanted = {part.strip() for part in raw_regions.split(",")}
        selected = tuple(code for code in region_codes if code in wanted) or tuple(region_codes)

    metric_codes = [m["code"] for m in metrics]
    metric = _first(query.get("metric"))
    if metric not in metric_codes:
        metric = DEFAULT_METRIC if DEFAULT_METRIC in metric_codes else (metric_codes or [""])[0]

    by_code = {p["code"]: p for p in periods}
    ordered = [p["code"] for p in periods]
    period_from = _first(query.get("from"))
    period_to = _first(query.get("to"))
    if period_from not in by_code:
        period_from = ordered[0] if ordered else None
    if period_to not in by_code:
        period_to = ordered[-1] if ordered else None
    swapped = False
    if period_from and period_to and ordered.index(period_from) > ordered.index(period_to):
        period_from, period_to = period_to, period_from
        swapped = True

    per_month = _first(query.get("per_month")) in {"1", "true", "yes", "on"}
    return OverviewState(
        regions=selected,
        metric=metric,
        period_from=period_from,
        period_to=period_to,
        per_month=per_month,
        date_from=by_code[period_from]["start_date"] if period_from else None,
        date_to=by_code[period_to]["end_date"] if period_to else None,
        swapped=swapped,
    )
