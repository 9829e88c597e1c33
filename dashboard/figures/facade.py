"""A chart's picture in HTML and SVG, drawn on the server from its Plotly figure.

On a phone (Lighthouse's mobile preset) Plotly cost the chart pages 0.35 s of main thread to
evaluate and 0.3-1.1 s per task to draw their first charts, most of the blocking time left on /,
/funding and /map once the page itself was HTML. Most readers only look at the charts; the
numbers are in the table beside each. So every chart's box first holds this picture of the same
figure (bars, lines, markers, labels, "no data" notes, legend), drawn from the figure dict the
callbacks send to Plotly, and Plotly draws the interactive chart over it when the reader reaches
for it (``assets/plotly-on-demand.js``: a touch, the pointer or the keyboard on the chart) or a
filter changes it.

The picture fills the box at any width without a script: the plot area is a box inside the
margins; bars, markers and labels are positioned in percent of it, lines are an SVG stretched to
it (strokes keep their width). Only what the site's figures use is drawn: bar (vertical or
horizontal, grouped or stacked, with patterns), scatter (lines, markers, text; gaps where a
value is missing), category and linear axes, paper/axis annotations, a legend row; the map is
drawn by ``figures/facade_map.py``. A figure with anything else gets no picture and Plotly
draws it as before.
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from dashboard.figures.facade_axes import (
    Axis,
    Unsupported,
    category_index,
    label_html,
    numbers,
    pct,
)
from dashboard.figures.facade_map import map_facade

FACADE_CLASS = "chart-facade"
PATTERNS = {
    "/": "repeating-linear-gradient(-45deg, {fg} 0 2px, transparent 2px 7px)",
    "\\": "repeating-linear-gradient(45deg, {fg} 0 2px, transparent 2px 7px)",
    "x": "repeating-linear-gradient(45deg, {fg} 0 1.5px, transparent 1.5px 7px),"
    " repeating-linear-gradient(-45deg, {fg} 0 1.5px, transparent 1.5px 7px)",
    ".": "radial-gradient({fg} 1.5px, transparent 1.6px) 0 0 / 6px 6px",
    "-": "repeating-linear-gradient(0deg, {fg} 0 2px, transparent 2px 7px)",
    "|": "repeating-linear-gradient(90deg, {fg} 0 2px, transparent 2px 7px)",
}
SHAPES = {
    "square": "none",
    "diamond": "polygon(50% 0, 100% 50%, 50% 100%, 0 50%)",
    "triangle-up": "polygon(50% 0, 100% 100%, 0 100%)",
    "star": "polygon(50% 0,61% 35%,98% 35%,68% 57%,79% 91%,50% 70%,21% 91%,32% 57%,2% 35%,39% 35%)",
}
DASHES = {"dot": "2 4", "dash": "6 4", "dashdot": "6 3 2 3", "longdash": "10 4"}


def chart_facade(figure: Any) -> str | None:
    """The HTML picture of ``figure`` (a Plotly figure dict), or None if it cannot be drawn."""
    if hasattr(figure, "to_plotly_json"):
        figure = figure.to_plotly_json()
    if not isinstance(figure, dict) or not isinstance(figure.get("data"), list | tuple):
        return None
    if not figure["data"] or not all(isinstance(trace, dict) for trace in figure["data"]):
        return None
    try:
        if any(trace.get("fill") for trace in figure["data"]):
            return map_facade(figure)
        return _Picture(figure).html()
    except (Unsupported, TypeError, ValueError, KeyError, ZeroDivisionError):
        return None


def _style(**declarations: Any) -> str:
    return ";".join(f"{k.replace('_', '-')}:{v}" for k, v in declarations.items() if v is not None)


class _Picture:
    def __init__(self, figure: dict[str, Any]):
        self.traces = [t for t in figure["data"] if t.get("visible", True) is True]
        self.layout = figure.get("layout") or {}
        for trace in self.traces:
            if trace.get("type", "scatter") not in ("bar", "scatter") or trace.get("fill"):
                raise Unsupported(trace.get("type"))
        separators = self.layout.get("separators") or ".,"
        self.decimal, self.thousands = separators[0], separators[1:2]
        self.stack = self.layout.get("barmode") == "stack"
        self.horizontal = any(
            t.get("orientation") == "h" for t in self.traces if t.get("type") == "bar"
        )
        self.bars = [t for t in self.traces if t.get("type") == "bar"]
        value_axis = "x" if self.horizontal else "y"
        category_axis = "y" if self.horizontal else "x"
        stacked_max = self._stacked_max(value_axis, category_axis) if self.bars else None
        self.axes = {
            name: Axis(
                self.layout.get(f"{name}axis") or {},
                [v for t in self.traces for v in (t.get(name) or [])],
                stacked_max if name == value_axis else None,
            )
            for name in ("x", "y")
        }

    def _stacked_max(self, value_axis: str, category_axis: str) -> float:
        totals: dict[Any, float] = {}
        for trace in self.bars:
            for key, value in zip(
                trace.get(category_axis) or [], numbers(trace.get(value_axis)), strict=False
            ):
                if value is not None:
                    totals[key] = (totals.get(key, 0.0) if self.stack else 0.0) + value
                    if not self.stack:
                        totals[key] = max(totals[key], value)
        return max(totals.values(), default=0.0)

    # ---- formatting ----------------------------------------------------------------------
    def number(self, value: Any, axis: dict[str, Any]) -> str:
        if not isinstance(value, int | float):
            return label_html(value)
        whole = axis.get("tickformat") in (",d", ",.0f") or float(value).is_integer()
        decimals = 0 if whole else 1
        text = f"{value:,.{decimals}f}"
        return text.replace(",", "\x00").replace(".", self.decimal).replace("\x00", self.thousands)

    # ---- drawing -------------------------------------------------------------------------
    def html(self) -> str:
        margin = {"l": 80, "r": 80, "t": 100, "b": 80, **(self.layout.get("margin") or {})}
        margin["l"] = max(margin["l"], self._label_room())
        height = self.layout.get("height") or 450
        font = self.layout.get("font") or {}
        plot = _style(
            position="absolute",
            left=f"{margin['l']}px",
            right=f"{margin['r']}px",
            top=f"{margin['t']}px",
            bottom=f"{margin['b']}px",
        )
        parts = [*self._grid(), *self._bars(), self._lines(), *self._markers(), *self._notes()]
        return (
            f'<div class="{FACADE_CLASS}" aria-hidden="true" style="'
            + _style(
                height=f"{height}px",
                font_family=font.get("family"),
                color=font.get("color"),
            )
            + f'">{self._legend(margin["t"])}<div class="facade-plot" style="{plot}">'
            + "".join(parts)
            + "</div></div>"
        )

    def _label_room(self) -> int:
        """Room for a category y axis's labels (Plotly's automargin widens the margin so)."""
        axis = self.axes["y"]
        if not axis.category or axis.spec.get("showticklabels") is False:
            return 0
        size = (axis.spec.get("tickfont") or {}).get("size", 12)
        longest = max(
            (len(line) for c in axis.categories for line in str(c).split("<br>")), default=0
        )
        return int(longest * size * 0.6) + 10

    def _grid(self) -> list[str]:
        out = []
        for name, axis in self.axes.items():
            spec = axis.spec
            size = (spec.get("tickfont") or {}).get("size", 12)
            for at, value in axis.ticks():
                if at is None or not -0.001 <= at <= 1.001:
                    continue
                label = self.number(value, spec) if not axis.category else label_html(value)
                if name == "x":
                    line = "" if axis.category else _style(left=pct(at), top=0, bottom=0)
                    if line:
                        out.append(f'<i class="facade-grid facade-grid-x" style="{line}"></i>')
                    position = _style(left=pct(at), top="100%", font_size=f"{size}px")
                    many = axis.category and len(axis.categories) > 4
                    crowded = " facade-crowded" if many else ""
                    out.append(
                        f'<span class="facade-tick facade-tick-x{crowded}" style="{position}">'
                    )
                else:
                    if not axis.category:
                        line = _style(top=pct(1 - at), left=0, right=0)
                        out.append(f'<i class="facade-grid facade-grid-y" style="{line}"></i>')
                    position = _style(top=pct(1 - at), right="100%", font_size=f"{size}px")
                    out.append(f'<span class="facade-tick facade-tick-y" style="{position}">')
                out.append(f"{label}</span>")
        title = ((self.axes["y"].spec.get("title") or {}).get("text")) or ""
        if title:
            out.append(f'<span class="facade-axis-title">{label_html(title)}</span>')
        title = ((self.axes["x"].spec.get("title") or {}).get("text")) or ""
        if title:
            out.append(f'<span class="facade-axis-title-x">{label_html(title)}</span>')
        return out

    def _bars(self) -> list[str]:
        if not self.bars:
            return []
        value_name, category_name = ("x", "y") if self.horizontal else ("y", "x")
        value_axis, category_axis = self.axes[value_name], self.axes[category_name]
        slot = 0.8 / (1 if self.stack else len(self.bars))
        base: dict[Any, float] = {}
        out = []
        for index, trace in enumerate(self.bars):
            marker = trace.get("marker") or {}
            colours = marker.get("color")
            pattern = (marker.get("pattern") or {}).get("shape") or ""
            fg = (marker.get("pattern") or {}).get("fgcolor", "#ffffff")
            texts = trace.get("text")
            values = numbers(trace.get(value_name))
            for i, (key, value) in enumerate(
                zip(trace.get(category_name) or [], values, strict=False)
            ):
                centre = category_axis.position(key)
                if value is None or centre is None:
                    continue
                start = base.get(key, 0.0) if self.stack else 0.0
                end = start + value
                if self.stack:
                    base[key] = end
                a, b = value_axis.position(start), value_axis.position(end)
                if a is None or b is None:
                    continue
                span = category_axis.high - category_axis.low
                if isinstance(trace.get("width"), int | float):
                    # A bar placed by hand: ``offset`` and ``width`` in the axis's units.
                    start_at = category_index(category_axis, key) + trace.get(
                        "offset", -trace["width"] / 2
                    )
                    a_end = category_axis.position(start_at)
                    b_end = category_axis.position(start_at + trace["width"])
                    if a_end is None or b_end is None:
                        continue
                    across, width = min(a_end, b_end), abs(b_end - a_end)
                else:
                    width = slot / abs(span)
                    offset = 0.0 if self.stack else (index - (len(self.bars) - 1) / 2) * width
                    across = centre + offset - width / 2
                colour = colours[i] if isinstance(colours, list) else colours or "#636efa"
                fill = [colour]
                if pattern in PATTERNS:
                    fill.insert(0, PATTERNS[pattern].format(fg=fg))
                low, high = min(a, b), max(a, b)
                if self.horizontal:
                    box = _style(left=pct(low), width=pct(high - low), bottom=pct(across))
                    box += ";" + _style(height=pct(width))
                else:
                    box = _style(bottom=pct(low), height=pct(high - low), left=pct(across))
                    box += ";" + _style(width=pct(width))
                label = texts[i] if isinstance(texts, list) and i < len(texts) else ""
                inner = f"<span>{label_html(label)}</span>" if label else ""
                text_colour = (trace.get("textfont") or {}).get("color")
                style = box + ";" + _style(background=", ".join(fill), color=text_colour)
                out.append(f'<b class="facade-bar" style="{style}">{inner}</b>')
        return out

    def _points(self, trace: dict[str, Any]) -> list[tuple[float, float] | None]:
        out: list[tuple[float, float] | None] = []
        xs, ys = trace.get("x") or [], numbers(trace.get("y"))
        for x, y in zip(xs, ys, strict=False):  # Plotly ignores the longer one's rest
            px, py = self.axes["x"].position(x), self.axes["y"].position(y)
            out.append(None if px is None or py is None else (px, py))
        return out

    def _lines(self) -> str:
        paths = []
        for trace in self.traces:
            if trace.get("type") != "scatter" or "lines" not in trace.get("mode", "lines"):
                continue
            line = trace.get("line") or {}
            runs, current = [], []
            for point in self._points(trace):
                if point is None:
                    if current:
                        runs.append(current)
                    current = []
                else:
                    current.append(point)
            runs.append(current)
            d = " ".join(
                "M" + " L".join(f"{x * 100:.2f} {100 - y * 100:.2f}" for x, y in run)
                for run in runs
                if len(run) > 1
            )
            if not d:
                continue
            dash = DASHES.get(line.get("dash", ""), "")
            paths.append(
                f'<path d="{d}" stroke="{escape(line.get("color", "#636efa"))}"'
                f' stroke-width="{line.get("width", 2)}"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + ' fill="none" vector-effect="non-scaling-stroke"/>'
            )
        if not paths:
            return ""
        return (
            '<svg class="facade-lines" viewBox="0 0 100 100" preserveAspectRatio="none">'
            + "".join(paths)
            + "</svg>"
        )

    def _markers(self) -> list[str]:
        out = []
        for trace in self.traces:
            mode = trace.get("mode", "lines+markers")
            if trace.get("type") != "scatter" or mode == "lines":
                continue
            marker = trace.get("marker") or {}
            colour = marker.get("color") or (trace.get("line") or {}).get("color", "#636efa")
            size = marker.get("size", 6)
            shape = SHAPES.get(marker.get("symbol", "circle"))
            texts = trace.get("text")
            text_style = trace.get("textfont") or {}
            for i, point in enumerate(self._points(trace)):
                if point is None:
                    continue
                at = _style(left=pct(point[0]), bottom=pct(point[1]))
                if "markers" in mode and isinstance(colour, str):
                    flat = str(marker.get("symbol", "")).startswith("line-ew")
                    look = _style(
                        width=f"{size}px",
                        height=f"{(marker.get('line') or {}).get('width', 2) if flat else size}px",
                        background=colour,
                        border_radius="50%" if shape is None and not flat else None,
                        clip_path=shape if shape not in (None, "none") else None,
                    )
                    out.append(f'<i class="facade-marker" style="{at};{look}"></i>')
                label = texts[i] if isinstance(texts, list) and i < len(texts) else ""
                if "text" in mode and label:
                    look = _style(
                        color=text_style.get("color"),
                        font_size=f"{text_style.get('size', 12)}px",
                        margin_bottom=f"{size / 2 + 2}px",
                    )
                    out.append(f'<span class="facade-label" style="{at};{look}">')
                    out.append(f"{label_html(label)}</span>")
        return out

    def _notes(self) -> list[str]:
        out = []
        for note in self.layout.get("annotations") or []:
            x = (
                note.get("x", 0)
                if note.get("xref") == "paper"
                else self.axes["x"].position(note.get("x"))
            )
            y = (
                note.get("y", 0)
                if note.get("yref") == "paper"
                else self.axes["y"].position(note.get("y"))
            )
            if x is None or y is None:
                continue
            font = note.get("font") or {}
            rotated = note.get("textangle") == -90
            vertical = {"top": "top", "middle": "middle"}.get(note.get("yanchor", ""), "bottom")
            look = _style(
                left=pct(x),
                bottom=pct(y) if vertical != "top" else None,
                top=pct(1 - y) if vertical == "top" else None,
                color=font.get("color"),
                font_size=f"{font.get('size', 12)}px",
                text_align=note.get("align"),
            )
            anchor = note.get("xanchor", "center")
            kind = "facade-note-up" if rotated else f"facade-note-{anchor}"
            if vertical == "middle":
                kind += " facade-note-middle"
            text = label_html(note.get("text", ""))
            out.append(f'<span class="facade-note {kind}" style="{look}">{text}</span>')
        return out

    def _legend(self, top: int) -> str:
        if self.layout.get("showlegend") is False:
            return ""
        items = []
        for trace in self.traces:
            if trace.get("showlegend") is False or not trace.get("name"):
                continue
            marker = trace.get("marker") or {}
            colour = marker.get("color") or (trace.get("line") or {}).get("color", "#636efa")
            if not isinstance(colour, str):
                continue
            pattern = (marker.get("pattern") or {}).get("shape") or ""
            fill = [colour]
            if trace.get("type") == "bar" and pattern in PATTERNS:
                fill.insert(0, PATTERNS[pattern].format(fg="#ffffff"))
            kind = "facade-key-bar" if trace.get("type") == "bar" else "facade-key-line"
            swatch = f'<i class="{kind}" style="background:{", ".join(fill)}"></i>'
            items.append(f"<span>{swatch}{label_html(trace['name'])}</span>")
        if len(items) < 2 and not any(t.get("showlegend") for t in self.traces):
            return ""
        return f'<div class="facade-legend" style="max-height:{top}px">{"".join(items)}</div>'
