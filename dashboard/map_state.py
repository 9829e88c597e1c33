"""The map's view state (``/map`` and ``/embed/map``) from a URL query string.

Pure, like ``view_state.py``: a reader's old or hand-edited link opens a sensible view, so an
unknown measure, period, division or municipality falls back to its default instead of failing.
The state is one measure, one period (a calendar year or March–December 2018), the division
drawn and the selected municipality.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from dashboard.geo import MUNICIPALITY_FILES

DEFAULT_METRIC = "families_returned"


@dataclass(frozen=True)
class MapState:
    metric: str
    period: str | None  # a map period code ("2024", "2018-03..2018-12")
    division: str  # "2009" or "2021"
    selected: str | None = None  # a unit key ("2021:LV-016"), see dashboard.geo.unit_key

    def query_string(self, lang: str) -> str:
        """The URL query that reopens this view. ``from``/``to`` name the period as well, so
        the "this view" data downloads (which read the overview's parameters) cover it."""
        params: dict[str, str] = {"metric": self.metric}
        if self.period:
            params.update({"period": self.period, "from": self.period, "to": self.period})
        params["division"] = self.division
        if self.selected:
            params["m"] = self.selected
        params["lang"] = lang
        return urlencode(params, safe=",.:")


def _first(value: Any) -> str | None:
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return None if value is None else str(value)


def parse_map_state(
    query: Mapping[str, Any],
    metrics: Sequence[str],
    periods: Sequence[str],
    default_period: Callable[[str], str | None],
    default_division: Callable[[str | None], str],
    known_unit: Callable[[str], str | None],
) -> MapState:
    """A valid state from ``query`` (``metric``, ``period``, ``division``, ``m``).

    ``metrics`` and ``periods`` are the codes the map offers; ``default_period(metric)`` the
    period shown when none is asked for, ``default_division(period)`` the division in force
    then; ``known_unit(value)`` turns ``m`` into a unit key or ``None`` (old links name a 2009
    code alone).
    """
    metric = _first(query.get("metric"))
    if metric not in metrics:
        metric = DEFAULT_METRIC if DEFAULT_METRIC in metrics else (list(metrics) or [""])[0]
    period = _first(query.get("period"))
    if period not in periods:
        period = default_period(metric)
    division = _first(query.get("division"))
    if division not in MUNICIPALITY_FILES:
        division = default_division(period)
    raw = _first(query.get("m"))
    selected = known_unit(raw) if raw else None
    return MapState(metric=metric, period=period, division=division, selected=selected)
