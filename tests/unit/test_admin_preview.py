"""The upload preview's charts: one per measure, periods on a calendar axis, places named
(dashboard/admin/preview.py and dashboard/figures/admin.py)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import plotly.graph_objects as go

from dashboard.admin import preview, upload
from dashboard.figures.admin import PreviewPoint, preview_figure

D = dt.date


def _walk(node: Any) -> Any:
    if isinstance(node, (list, tuple)):
        for item in node:
            yield from _walk(item)
    elif hasattr(node, "to_plotly_json"):
        yield node
        yield from _walk(getattr(node, "children", None))


def _graphs(tree: Any) -> dict[str, Any]:
    return {
        c.id: c
        for c in _walk(tree)
        if isinstance(getattr(c, "id", None), str) and c.id.startswith("admin-preview-chart-")
    }


def _text(node: Any) -> str:
    return json.dumps(node, default=lambda c: c.to_plotly_json(), ensure_ascii=False)


CHANGES = [
    {"period_code": "2024", "region": "kurzeme", "metric": "people_returned", "old": None,
     "new": 40, "kind": "add", "geo_level": "planning_region"},
    {"period_code": "2024", "region": "kurzeme", "metric": "families_returned", "old": None,
     "new": 15, "kind": "add", "geo_level": "planning_region"},
    {"period_code": "2022", "region": "kurzeme", "metric": "people_returned", "old": 30,
     "new": 31, "kind": "change", "geo_level": "planning_region"},
    {"period_code": "2024-Q3", "region": "vidzeme", "metric": "people_returned", "old": None,
     "new": 12, "kind": "add", "geo_level": "planning_region"},
    {"period_code": "2024", "region": None, "metric": "offers_prepared", "old": None,
     "new": 1500, "kind": "add", "geo_level": "national"},
]  # fmt: skip


def test_a_figure_is_a_segment_over_its_period_never_joined_to_the_next() -> None:
    points = [
        PreviewPoint("Kurzeme", "kurzeme", D(2022, 1, 1), D(2022, 12, 31), "2022", 31, 30),
        PreviewPoint("Kurzeme", "kurzeme", D(2024, 1, 1), D(2024, 12, 31), "2024", 40, None),
        PreviewPoint("Vidzeme", "vidzeme", D(2024, 7, 1), D(2024, 9, 30), "2024 Q3", 12, None),
    ]
    fig = go.Figure(preview_figure(points, "en", measure="People returned", unit="persons"))
    lines = [tr for tr in fig.data if tr.mode == "lines"]
    # Kurzeme: 2022 and 2024, with a break between them (2023 is not in the file).
    assert list(lines[0].x) == ["2022-01-01", "2022-12-31", None, "2024-01-01", "2024-12-31",
                                None]  # fmt: skip
    assert list(lines[0].y) == [31, 31, None, 40, 40, None] and lines[0].connectgaps is False
    markers = {tr.name: tr for tr in fig.data if tr.mode == "markers"}
    assert set(markers) == {"Kurzeme", "Vidzeme", "Now"}
    assert list(markers["Vidzeme"].y) == [12] and markers["Vidzeme"].x[0] == "2024-08-15"
    assert "Kurzeme, %{customdata[0]}: %{customdata[1]} persons" in markers["Kurzeme"].hovertemplate
    assert [list(c) for c in markers["Kurzeme"].customdata] == [["2022", "31", "30"],
                                                                ["2024", "40", "–"]]  # fmt: skip
    # Only the figure that changes shows what readers see now.
    assert list(markers["Now"].y) == [30] and markers["Now"].marker.symbol == "circle-open"
    assert fig.layout.xaxis.type == "date"
    # Room either side of the figures: 8 % of 2022–2024, at least 45 days.
    assert list(fig.layout.xaxis.range) == ["2021-10-06", "2025-03-28"]
    assert fig.layout.yaxis.title.text == "persons"
    assert fig.layout.meta == {"measure": "People returned", "unit": "persons"}


def test_each_measure_gets_its_own_chart_named_with_its_unit(app_context) -> None:
    for lang, titles in {
        "en": {
            "people-returned": "People returned (persons)",
            "families-returned": "Families returned (families)",
            "offers-prepared": "Personalised offers prepared (offers)",
        },
        "lv": {
            "people-returned": "Cilvēki atgriezušies (cilvēki)",
            "families-returned": "Ģimenes atgriezušās (ģimenes)",
            "offers-prepared": "Sagatavotie personalizētie piedāvājumi (piedāvājumi)",
        },
    }.items():
        charts = preview.preview_charts(CHANGES, [], lang)
        graphs = _graphs(charts)
        assert sorted(graphs) == sorted(f"admin-preview-chart-{s}" for s in titles)
        headings = {c.id: c.children for c in _walk(charts) if type(c).__name__ == "H4"}
        assert headings == {f"admin-preview-title-{s}": title for s, title in titles.items()}
        people = go.Figure(graphs["admin-preview-chart-people-returned"].figure)
        # Two places, each on its own; no other measure's values on this chart.
        assert {tr.name for tr in people.data if tr.mode == "markers"} >= {"Kurzeme", "Vidzeme"}
        values = {v for tr in people.data for v in tr.y if v is not None}
        assert values == {40, 31, 30, 12}
    offers = go.Figure(_graphs(preview.preview_charts(CHANGES, [], "en"))[
        "admin-preview-chart-offers-prepared"].figure)  # fmt: skip
    assert [tr.name for tr in offers.data if tr.mode == "markers"] == ["Latvia"]


def test_period_dates_come_from_the_parsed_rows_when_given(app_context) -> None:
    """The report's rows are in the order of its changes and carry the period's dates and
    labels; the code is the fallback."""
    rows = [{"period": {"start": "2024-01-01", "end": "2024-12-31", "label_lv": "2024. gads",
                        "label_en": "2024"}}] + [{} for _ in CHANGES[1:]]  # fmt: skip
    points = preview.preview_points(CHANGES, rows, "lv")
    # By place (the regions' usual order), then by date.
    assert [(p.place, p.start, p.end, p.period) for p in points["people_returned"]] == [
        ("Kurzeme", D(2022, 1, 1), D(2022, 12, 31), "2022. gads"),
        ("Kurzeme", D(2024, 1, 1), D(2024, 12, 31), "2024. gads"),
        ("Vidzeme", D(2024, 7, 1), D(2024, 9, 30), "2024. gada 3. ceturksnis"),
    ]
    assert [p.place for p in points["offers_prepared"]] == ["Latvija"]
    assert points["offers_prepared"][0].region is None  # Latvia: not drawn as a region


def test_each_chart_has_a_sentence_saying_what_it_shows(app_context) -> None:
    points = preview.preview_points(CHANGES, [], "en")["people_returned"]
    assert preview.chart_summary(points, "en") == "3 figures for Kurzeme and Vidzeme, 2022 to 2024."
    families = preview.preview_points(CHANGES, [], "lv")["families_returned"]
    assert preview.chart_summary(families, "lv") == "1 skaitlis: Kurzeme; 2024. gads."
    lv = preview.preview_points(CHANGES, [], "lv")["people_returned"]
    assert preview.chart_summary(lv, "lv") == (
        "3 skaitļi: Kurzeme un Vidzeme; 2022. gads – 2024. gads."
    )


def test_the_report_shows_the_table_then_a_chart_per_measure(app_context) -> None:
    report = {"ok": True, "rows": [{} for _ in CHANGES], "errors": [], "warnings": [],
              "changes": CHANGES}  # fmt: skip
    tree = upload.render_report(report, "f.csv", "en")
    ids = [c.id for c in _walk(tree) if isinstance(getattr(c, "id", None), str)]
    assert ids.index("admin-preview-table") < ids.index("admin-preview-graph")
    assert len(_graphs(tree)) == 3
    assert "hollow circle" in _text(tree)
