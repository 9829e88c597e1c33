"""The map's picture (``figures/map.py``'s figure drawn on the server), as ``figures/facade.py``
draws the other charts.

Plotly took 0.35 s to evaluate and 0.7 s to draw the map's 47 traces on a phone (4x CPU
slowdown) before /map could respond. The figure is already geometry: each municipality is a
filled outline in longitude and latitude, with the regions' borders, the region labels and the
pilot stars on top. Here it becomes one SVG in the same projection (latitude stretched by the
layout's ``scaleratio``, as Plotly's ``scaleanchor`` does), kept at its aspect ratio inside the
map's box, with the labels and stars in HTML over it so they keep their size on a phone. A
municipality's outline carries its key in ``data-map-select``: a tap on the picture selects it
as the table's buttons do (``assets/map-page.js``).
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from dashboard.figures.facade_axes import Unsupported, label_html, numbers, pct

HATCH_ID = "map-facade-hatch"


def _rings(trace: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The trace's outlines: runs of points between the ``None`` separators."""
    rings: list[list[tuple[float, float]]] = [[]]
    for x, y in zip(numbers(trace.get("x")), numbers(trace.get("y")), strict=False):
        if x is None or y is None:
            rings.append([])
        else:
            rings[-1].append((x, y))
    return [r for r in rings if len(r) > 1]


def _path(ring: list[tuple[float, float]], ratio: float) -> str:
    """One outline as SVG path data, in thousandths of a degree (about 0.1 px at 1366 px) and
    relative steps: a third of the absolute form's size for the map's 119 outlines."""
    points = [(round(x * 1000), round(-y * ratio * 1000)) for x, y in ring]
    steps = [f"M{points[0][0]} {points[0][1]}l"]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if (x1, y1) != (x0, y0):
            steps.append(f"{x1 - x0} {y1 - y0} ")
    return "".join(steps).rstrip() + "z"


def map_facade(figure: dict[str, Any]) -> str:
    """The map's HTML picture; raises :class:`Unsupported` for a figure that is not a map."""
    layout = figure.get("layout") or {}
    yaxis = layout.get("yaxis") or {}
    ratio = float(yaxis.get("scaleratio", 1))
    if yaxis.get("scaleanchor") != "x":
        raise Unsupported("not a map: no fixed aspect")
    traces = [t for t in figure["data"] if t.get("visible", True) is True]
    shapes = [(t, _rings(t)) for t in traces if "lines" in t.get("mode", "")]
    points = [p for _, rings in shapes for ring in rings for p in ring]
    if not points:
        raise Unsupported("no outlines")
    left, right = min(x for x, _ in points), max(x for x, _ in points)
    top, bottom = max(y for _, y in points), min(y for _, y in points)
    width, height = right - left, (top - bottom) * ratio

    def where(x: float, y: float) -> tuple[float, float]:
        """A point as fractions of the picture (0, 0 at the top left)."""
        return (x - left) / width, (top - y) * ratio / height

    keys = (
        next((t.get("customdata") for t in traces if t.get("name") == "click-targets"), None) or []
    )
    paths, fill_index = [], 0
    for trace, rings in shapes:
        d = "".join(_path(ring, ratio) for ring in rings)
        line = trace.get("line") or {}
        stroke = (
            f' stroke="{escape(line.get("color", "#333"))}" stroke-width="{line.get("width", 1)}"'
        )
        if trace.get("fill") == "toself":
            fill = f"url(#{HATCH_ID})" if trace.get("fillpattern") else trace.get("fillcolor")
            key = keys[fill_index] if fill_index < len(keys) else None
            fill_index += 1
            select = f' data-map-select="{escape(key)}"' if key else ""
            paths.append(f'<path d="{d}" fill="{escape(fill)}"{stroke}{select}/>')
        else:
            paths.append(f'<path d="{d}" fill="none"{stroke} stroke-linejoin="round"/>')
    box = " ".join(str(round(v * 1000)) for v in (left, -top * ratio, width, height))
    svg = f'<svg viewBox="{box}" preserveAspectRatio="none">{_hatch(traces)}{"".join(paths)}</svg>'
    marks = []
    for trace in traces:
        mode = trace.get("mode", "")
        xs, ys = numbers(trace.get("x")), numbers(trace.get("y"))
        if mode == "text":
            font = trace.get("textfont") or {}
            colours = font.get("color")
            for i, (x, y) in enumerate(zip(xs, ys, strict=False)):
                if x is None or y is None:
                    continue
                fx, fy = where(x, y)
                colour = colours[i] if isinstance(colours, list) else colours
                size = font.get("size", 12)
                style = f"left:{pct(fx)};top:{pct(fy)};color:{colour};font-size:{size}px"
                marks.append(f'<span class="map-facade-label" style="{style}">')
                marks.append(f"{label_html(trace['text'][i])}</span>")
        elif mode == "markers" and trace.get("name") != "click-targets":
            marker = trace.get("marker") or {}
            size = marker.get("size", 8)
            for x, y in zip(xs, ys, strict=False):
                if x is None or y is None:
                    continue
                fx, fy = where(x, y)
                style = f"left:{pct(fx)};top:{pct(fy)};width:{size}px;height:{size}px"
                marks.append(f'<i class="map-facade-star" style="{style}"></i>')
    aspect = width / height
    # Plotly leaves about an eighth of the box around the map (its autorange padding).
    frame = (
        f"width:min(87.5cqw, calc(87.5cqh * {aspect:.4f}));"
        f"height:min(87.5cqh, calc(87.5cqw / {aspect:.4f}))"
    )
    return (
        '<div class="chart-facade map-facade" aria-hidden="true">'
        f'<div class="map-facade-frame" style="{frame}">{svg}{"".join(marks)}</div>'
        f"{_legend(traces)}</div>"
    )


def _hatch(traces: list[dict[str, Any]]) -> str:
    """The "no data published" hatching, as Plotly's ``fillpattern`` draws it."""
    pattern = next((tr["fillpattern"] for tr in traces if tr.get("fillpattern")), None)
    if not pattern:
        return ""
    step = 60  # thousandths of a degree, as the paths
    return (
        f'<defs><pattern id="{HATCH_ID}" patternUnits="userSpaceOnUse" width="{step}" '
        f'height="{step}" patternTransform="rotate(45)">'
        f'<rect width="{step}" height="{step}" fill="{escape(pattern.get("bgcolor", "#fff"))}"/>'
        f'<rect width="{step * pattern.get("solidity", 0.2):.1f}" height="{step}" '
        f'fill="{escape(pattern.get("fgcolor", "#000"))}"/></pattern></defs>'
    )


def _legend(traces: list[dict[str, Any]]) -> str:
    items = []
    for trace in traces:
        if not trace.get("showlegend") or not trace.get("name"):
            continue
        kind = "map-facade-star" if trace.get("mode") == "markers" else "map-facade-outline"
        items.append(f'<span><i class="{kind}"></i>{label_html(trace["name"])}</span>')
    return f'<div class="map-facade-legend">{"".join(items)}</div>' if items else ""
