"""The axes of a chart's picture (``figures/facade.py``): value ranges, ticks, positions; and
the two helpers the map's picture (``figures/facade_map.py``) shares with it.

Plotly's own rules, as far as the site's figures use them: a category axis places its
categories in order of first appearance, one unit apart; a linear one spans its values (from 0
with ``rangemode="tozero"``, or a bar chart's) with a little room, unless the layout gives a
``range``; ``autorange="reversed"`` or a descending range turns it round.
"""

from __future__ import annotations

import math
from typing import Any

from markupsafe import escape


def pct(value: float) -> str:
    """A fraction as a CSS percentage, without trailing zeros."""
    return f"{value * 100:.3f}".rstrip("0").rstrip(".") + "%"


def label_html(value: Any) -> str:
    """Plotly's label text as HTML: its ``<br>`` and ``<b>`` kept, everything else escaped."""
    safe = str(escape(str(value)))
    for tag in ("br", "b", "/b"):
        safe = safe.replace(f"&lt;{tag}&gt;", f"<{tag}>")
    return safe


class Unsupported(Exception):
    """The figure uses something this picture does not draw."""


def numbers(values: Any) -> list[float | None]:
    out: list[float | None] = []
    for v in values or []:
        if v is None or isinstance(v, bool):
            out.append(None)
        elif isinstance(v, int | float):
            out.append(None if math.isnan(v) else float(v))
        else:
            raise Unsupported(f"value {v!r}")
    return out


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (steps of 1, 2 or 5 times a power of ten)."""
    if high <= low:
        return [low]
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    ticks, value = [], first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


class Axis:
    """One axis: maps a value to a fraction of the plot area (0 at the start, 1 at the end)."""

    def __init__(self, spec: dict[str, Any], values: list[Any], stacked_max: float | None):
        self.spec = spec
        if spec.get("visible") is False:
            raise Unsupported("hidden axis")
        self.category = spec.get("type") == "category" or any(isinstance(v, str) for v in values)
        self.reversed = spec.get("autorange") == "reversed"
        if self.category:
            self.categories: list[Any] = list(dict.fromkeys(v for v in values if v is not None))
            low, high = -0.5, len(self.categories) - 0.5
        else:
            found = [v for v in numbers(values) if v is not None]
            if stacked_max is not None:
                found.append(stacked_max)
            low, high = (min(found), max(found)) if found else (0.0, 1.0)
            if spec.get("rangemode") == "tozero" or stacked_max is not None:
                low, high = min(low, 0.0), max(high, 0.0)
            pad = (high - low) * 0.06 or 1.0
            low = low if low == 0 else low - pad
            high = high + pad
        given = spec.get("range")
        if isinstance(given, list | tuple) and len(given) == 2 and None not in given:
            low, high = float(given[0]), float(given[1])
        self.low, self.high = low, high

    def position(self, value: Any) -> float | None:
        if value is None:
            return None
        if self.category:
            if isinstance(value, int | float) and not isinstance(value, bool):
                index = float(value)
            elif value in self.categories:
                index = float(self.categories.index(value))
            else:
                return None
        else:
            index = float(value)
        fraction = (index - self.low) / (self.high - self.low)
        return 1 - fraction if self.reversed else fraction

    def ticks(self) -> list[tuple[float, Any]]:
        if self.spec.get("showticklabels") is False:
            return []
        if self.category:
            return [(self.position(c), c) for c in self.categories]  # type: ignore[misc]
        return [(self.position(v), v) for v in nice_ticks(self.low, self.high)]  # type: ignore[misc]


def category_index(axis: Axis, key: Any) -> float:
    """A category's index on a category axis, the value itself on a linear one."""
    if axis.category and not isinstance(key, int | float):
        return float(axis.categories.index(key))
    return float(key)
