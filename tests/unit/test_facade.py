"""The server's pictures of charts (``figures/facade.py``, ``figures/facade_axes.py``).

The figures here are hand-built in the shapes the site's builders produce (their values are made
up for the rules, not statistics); the last tests draw the real builders' figures.
"""

from __future__ import annotations

import re

import pytest

from dashboard.figures.facade import chart_facade
from dashboard.figures.facade_axes import Axis, nice_ticks

YEARS = ["2018<br>(Mar–Dec)", "2019", "2020", "2021"]


def _bars(html: str) -> list[dict[str, float]]:
    """Each bar's style numbers (percent of the plot area)."""
    out = []
    for style in re.findall(r'class="facade-bar" style="([^"]*)"', html):
        out.append(
            {k: float(v) for k, v in re.findall(r"(left|bottom|width|height):([-\d.]+)%", style)}
        )
    return out


def _grouped(values_by_trace: list[list[float | None]], **layout) -> dict:
    return {
        "data": [
            {"type": "bar", "name": f"R{i}", "x": YEARS, "y": ys, "marker": {"color": "#0072B2"}}
            for i, ys in enumerate(values_by_trace)
        ],
        "layout": {"barmode": "group", "height": 380, "separators": ", ", **layout},
    }


def test_nice_ticks_are_round_and_cover_the_range():
    assert nice_ticks(0, 100) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(0, 1227.6) == [0, 250, 500, 750, 1000]
    assert nice_ticks(0, 7) == [0, 2, 4, 6]
    assert nice_ticks(5, 5) == [5]


def test_category_axis_places_categories_one_unit_apart_and_can_turn_round():
    axis = Axis({"type": "category"}, ["a", "b", "a", "c"], None)
    assert [axis.position(c) for c in "abc"] == pytest.approx([1 / 6, 3 / 6, 5 / 6])
    turned = Axis({"type": "category", "autorange": "reversed"}, ["a", "b"], None)
    assert turned.position("a") == pytest.approx(0.75)
    # A descending range, as the funding chart gives it, turns a linear axis round too.
    down = Axis({"range": [3.5, -0.5]}, [0, 1, 2, 3], None)
    assert down.position(0) == pytest.approx(0.875)


def test_grouped_bars_have_heights_in_proportion_and_no_bar_where_no_figure():
    html = chart_facade(_grouped([[10, 20, None, None], [30, None, None, 40]]))
    assert html is not None
    bars = _bars(html)
    # Four published figures, four bars: a missing figure is no bar, never a zero-height one.
    assert len(bars) == 4
    heights = sorted(b["height"] for b in bars)
    assert heights[1] / heights[0] == pytest.approx(2)
    assert heights[3] / heights[0] == pytest.approx(4)
    # Side by side within a period: the two bars of 2018 do not overlap.
    first, second = sorted((b for b in bars if b["left"] < 25), key=lambda b: b["left"])
    assert first["left"] + first["width"] <= second["left"] + 1e-6


def test_stacked_horizontal_bars_start_where_the_previous_part_ended():
    figure = {
        "data": [
            {"type": "bar", "orientation": "h", "x": [25, 40], "y": ["2018", "2019"]},
            {"type": "bar", "orientation": "h", "x": [75, 60], "y": ["2018", "2019"]},
        ],
        "layout": {"barmode": "stack", "xaxis": {"range": [0, 100]}},
    }
    bars = _bars(chart_facade(figure))
    first_2018, second_2018 = bars[0], bars[2]
    assert first_2018["left"] == 0
    assert first_2018["width"] == pytest.approx(25)
    assert second_2018["left"] == pytest.approx(25)
    assert second_2018["width"] == pytest.approx(75)


def test_lines_break_where_a_period_has_no_figure():
    figure = {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": YEARS,
                "y": [1, 2, None, 3],
                "line": {"color": "#D55E00", "width": 2.5, "dash": "dash"},
            }
        ],
        "layout": {"xaxis": {"type": "category"}},
    }
    html = chart_facade(figure)
    path = re.search(r'<path d="([^"]*)"', html).group(1)
    # One segment 2018-2019; 2021 stands alone (a marker, no line across the gap).
    assert path.count("M") == 1 and path.count("L") == 1
    assert html.count('class="facade-marker"') == 3
    assert 'stroke-dasharray="6 4"' in html
    assert 'vector-effect="non-scaling-stroke"' in html


def test_labels_notes_and_legend_are_written_and_escaped():
    figure = _grouped(
        [[1000, 2, None, None], [3, 4, None, None]],
        annotations=[
            {
                "text": "no data <script>",
                "x": 2,
                "xref": "x",
                "y": 0.02,
                "yref": "paper",
                "textangle": -90,
                "showarrow": False,
            }
        ],
        yaxis={"tickformat": ",d", "title": {"text": "families"}},
    )
    html = chart_facade(figure)
    assert "no data &lt;script&gt;" in html and "<script>" not in html
    assert "facade-note-up" in html
    # Latvian separators: a space between thousands.
    assert ">1 000</span>" in html
    assert "2018<br>(Mar–Dec)" in html  # Plotly's line break kept
    assert html.count("facade-key-bar") == 2  # one legend entry per trace
    assert "families" in html


@pytest.mark.parametrize(
    "figure",
    [
        None,
        {"data": []},
        {"data": ["not a trace"]},
        {"data": [{"type": "choroplethmap", "z": [1]}], "layout": {}},
        {"data": [{"type": "scatter", "x": [1, 2], "y": [1, 2], "fill": "toself"}]},
        {"data": [{"type": "bar", "x": ["a"], "y": ["not a number"]}]},
        {"data": [{"type": "bar", "x": ["a"], "y": [1]}], "layout": {"xaxis": {"visible": False}}},
    ],
)
def test_a_figure_it_cannot_draw_gets_no_picture(figure):
    assert chart_facade(figure) is None


def test_the_real_builders_figures_have_pictures(app):
    """Every chart on the overview and the funding page (the seed's figures) gets a picture
    with as many bars or markers as the figure has values; the map gets none."""
    from dashboard.dash_internals import page_for_path

    with app.server.test_request_context("/?lang=en"):
        for path in ("/", "/funding"):
            page, _ = page_for_path(path)
            layout = page["layout"](lang="en")
            graphs = _graphs(layout)
            assert graphs, path
            for graph_id, figure in graphs:
                html = chart_facade(figure)
                assert html is not None, graph_id
                data = (
                    figure["data"] if isinstance(figure, dict) else figure.to_plotly_json()["data"]
                )
                bars = sum(
                    1
                    for t in data
                    if t.get("type") == "bar"
                    for v in (t.get("x") if t.get("orientation") == "h" else t.get("y")) or []
                    if v is not None
                )
                assert html.count('class="facade-bar"') == bars, graph_id


def test_the_map_s_picture_has_every_municipality_selectable_and_hatches_missing_regions(app):
    """The map's first view (the seed's latest year, in its division): one outline per
    municipality carrying its key, the five region labels, stars for the pilots, and the "no
    data" hatching exactly where Plotly's figure has it."""
    from dashboard.dash_internals import page_for_path

    with app.server.test_request_context("/map?lang=lv"):
        page, _ = page_for_path("/map")
        [(_, figure)] = _graphs(page["layout"](lang="lv"))
    html = chart_facade(figure)
    assert html is not None and 'class="chart-facade map-facade"' in html
    fills = [t for t in figure["data"] if t.get("fill") == "toself"]
    keys = next(t["customdata"] for t in figure["data"] if t.get("name") == "click-targets")
    selectable = re.findall(r'data-map-select="([^"]+)"', html)
    assert selectable == list(keys) and len(selectable) == len(fills) in (43, 119)
    assert html.count('class="map-facade-label"') == 5
    hatched = sum(1 for t in fills if t.get("fillpattern"))
    assert html.count('fill="url(#map-facade-hatch)"') == hatched
    pilots = next(t for t in figure["data"] if t.get("marker", {}).get("symbol") == "star")
    assert html.count('<i class="map-facade-star" style=') == len(pilots["x"])  # + the legend's


def _graphs(node) -> list[tuple[str, object]]:
    found = []
    if hasattr(node, "_type"):  # a Dash component
        props = node.to_plotly_json().get("props", {})
        if node._type == "Graph" and props.get("figure") is not None:
            found.append((props.get("id"), props["figure"]))
        for value in props.values():
            found += _graphs(value)
        static = getattr(node, "static_children", None)
        if static is not None:
            found += _graphs(static)
    elif isinstance(node, list | tuple):
        for child in node:
            found += _graphs(child)
    return found
