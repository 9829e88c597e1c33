"""Parsing of the overview/map filter state from a URL query string.

Pure functions: unknown or malformed values fall back to defaults instead of failing, because a
reader's old or hand-edited link should still open a sensible view (the open-data API, by
contrast, rejects bad parameters with HTTP 400; see ``dashboard/api.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from dashboard.queries import ObservationFilter
from dashboard.queries.series import DEFAULT_GRANULARITY, PROGRAMME_START, normalise_granularity

DEFAULT_METRIC = "families_returned"
NO_REGIONS = "none"
_YEAR = re.compile(r"[0-9]{4}")
_RELEASE = re.compile(r"[1-9][0-9]{0,8}")  # ASCII digits only: str.isdigit() accepts "²"


@dataclass(frozen=True)
class OverviewState:
    """A page's filter state. ``period_from``/``period_to`` are calendar years ("2018"); the
    view's axis is every slot of ``granularity`` between them (``queries.series``)."""

    regions: tuple[str, ...]
    metric: str
    period_from: str | None
    period_to: str | None
    per_month: bool
    date_from: dt.date | None
    date_to: dt.date | None
    swapped: bool = False
    granularity: str = DEFAULT_GRANULARITY
    release: int | None = None
    default_granularity: str = DEFAULT_GRANULARITY  # the view a link without one opens

    @property
    def shows_per_month(self) -> bool:
        """Per month applies to flows; a stock stands at a month and is never divided."""
        return self.per_month and self.granularity != "stock"

    def observation_filter(self) -> ObservationFilter:
        return ObservationFilter(
            regions=self.regions,
            date_from=self.date_from,
            date_to=self.date_to,
            release=self.release,
            granularity=self.granularity,
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
        if self.granularity != self.default_granularity:
            params["granularity"] = self.granularity
        if self.release is not None:
            params["release"] = str(self.release)
        params["lang"] = lang
        return urlencode(params, safe=",.")


def _first(value: Any) -> str | None:
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return None if value is None else str(value)


def _year(value: str | None, by_code: Mapping[str, Mapping[str, Any]], field: str) -> int | None:
    """A year from a year ("2019") or, for links made before years, a period code (its start
    year for "from", its end year for "to")."""
    if value in by_code:
        return by_code[value][field].year
    if value and _YEAR.fullmatch(value):
        return int(value)
    return None


def parse_overview_state(
    query: Mapping[str, Any],
    regions: Sequence[Mapping[str, Any]],
    metrics: Sequence[Mapping[str, Any]] | Callable[[str], Sequence[Mapping[str, Any]]],
    periods: Sequence[Mapping[str, Any]],
    releases: Sequence[int] | None = None,
    years: Sequence[int] | None = None,
    default_granularity: str = DEFAULT_GRANULARITY,
) -> OverviewState:
    """Turn query parameters into a valid state, using defaults for anything unusable.

    ``metrics`` is the measures on offer, or a function giving them for a granularity (the
    measures with figures of that view); ``releases`` the release numbers a ``release=N`` link
    may name (without them, ``release`` is ignored); ``years`` the years a range may span
    (default: those of ``periods``).
    """
    region_codes = [r["code"] for r in regions]
    raw_regions = _first(query.get("regions"))
    if raw_regions is None or raw_regions == "":
        selected = tuple(region_codes)
    elif raw_regions == NO_REGIONS:
        selected = ()
    else:
        wanted = {part.strip() for part in raw_regions.split(",")}
        selected = tuple(code for code in region_codes if code in wanted) or tuple(region_codes)

    default_granularity = normalise_granularity(default_granularity)
    raw_granularity = _first(query.get("granularity"))
    granularity = normalise_granularity(raw_granularity) if raw_granularity else default_granularity
    offered = metrics(granularity) if callable(metrics) else metrics
    metric_codes = [m["code"] for m in offered]
    metric = _first(query.get("metric"))
    if metric not in metric_codes:
        metric = DEFAULT_METRIC if DEFAULT_METRIC in metric_codes else (metric_codes or [""])[0]

    by_code = {p["code"]: p for p in periods}
    if years:
        first_year, last_year = min(years), max(years)
    else:
        first_year = min((p["start_date"].year for p in periods), default=None)
        last_year = max((p["end_date"].year for p in periods), default=None)
    year_from = _year(_first(query.get("from")), by_code, "start_date")
    year_to = _year(_first(query.get("to")), by_code, "end_date")
    if first_year is None or last_year is None:
        year_from = year_to = None
    else:
        first_year = max(first_year, PROGRAMME_START.year)
        if year_from is None or not first_year <= year_from <= last_year:
            year_from = first_year
        if year_to is None or not first_year <= year_to <= last_year:
            year_to = last_year
    swapped = False
    if year_from is not None and year_to is not None and year_from > year_to:
        year_from, year_to = year_to, year_from
        swapped = True

    release_text = _first(query.get("release"))
    release = (
        int(release_text)
        if release_text
        and releases
        and _RELEASE.fullmatch(release_text)
        and int(release_text) in releases
        else None
    )

    per_month = _first(query.get("per_month")) in {"1", "true", "yes", "on"}
    return OverviewState(
        regions=selected,
        metric=metric,
        period_from=str(year_from) if year_from is not None else None,
        period_to=str(year_to) if year_to is not None else None,
        per_month=per_month,
        date_from=dt.date(year_from, 1, 1) if year_from is not None else None,
        date_to=dt.date(year_to, 12, 31) if year_to is not None else None,
        swapped=swapped,
        granularity=granularity,
        release=release,
        default_granularity=default_granularity,
    )
