"""The Upload tab's preview: what a valid file will change, as a table and a chart per measure.

The table lists every figure of the file beside the one in effect now; the charts show the same
figures by measure (families, persons and offers never share an axis, see
``dashboard/figures/admin.py``), places named as the table names them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dash import dcc, html

from dashboard import queries
from dashboard.admin.common import table
from dashboard.components.chart_card import GRAPH_CONFIG
from dashboard.figures.admin import PreviewPoint, preview_figure
from dashboard.i18n import N_, t, tn
from dashboard.i18n.formatting import format_number
from dashboard.ingest import parse_period
from dashboard.ingest.coverage import AND

CHANGE_LABELS = {
    "add": N_("new"),
    "change": N_("changed"),
    "same": N_("unchanged"),
    "corroboration": N_("confirms another source"),
    "conflict": N_("differs from another source"),
}


def _names(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """Region names (as typed in files: Latvian) and metric names in the page's language."""
    name = "name_en" if lang == "en" else "name_lv"
    return (
        {r["code"]: r["name_lv"] for r in queries.regions()},
        {x["code"]: x[name] for x in queries.metrics()},
    )


def geography_label(change: dict[str, Any], regions: dict[str, str], lang: str) -> str:
    """Where a change applies, as a file names it: Latvija, a region, or a municipality (with
    its division, since the same name can mean two territories)."""
    level = change.get("geo_level", "planning_region")
    if level == "national":
        return t("Latvia", lang)
    if level == "municipality":
        units = {(u["division"], u["code"]): u["name_lv"] for u in queries.municipalities()}
        code = change.get("municipality") or ""
        division = change.get("division") or ""
        name = units.get((division, code)) or next(
            (n for (_d, c), n in units.items() if c == code), code
        )
        return f"{name} ({division})" if division else name
    return regions.get(change.get("region") or "", change.get("region") or "")


def change_counts(changes: list[dict[str, Any]]) -> dict[str, int]:
    """How many rows a publication would add, change and leave as they are."""
    return {k: sum(1 for c in changes if c["kind"] == k) for k in CHANGE_LABELS}


def _period(change: dict[str, Any], row: dict[str, Any], lang: str) -> tuple[Any, Any, str]:
    """A change's first and last day and label: from its parsed row (the same order as the
    changes), else from its code, which names the dates."""
    period = row.get("period") or {}
    if period.get("start") and period.get("end"):
        start, end = dt.date.fromisoformat(period["start"]), dt.date.fromisoformat(period["end"])
        label = period.get("label_en" if lang == "en" else "label_lv") or change["period_code"]
        return start, end, label
    spec = parse_period(change["period_code"])
    if spec is None:
        return None, None, change["period_code"]
    return spec.start, spec.end, spec.label_en if lang == "en" else spec.label_lv


def preview_points(
    changes: list[dict[str, Any]], rows: list[dict[str, Any]], lang: str
) -> dict[str, list[PreviewPoint]]:
    """The file's figures by measure (measures in the file's order), as the preview charts draw
    them: Latvia first, then the planning regions in their usual order, then municipalities."""
    regions, _ = _names(lang)
    order = {code: i for i, code in enumerate(regions)}
    if len(rows) != len(changes):
        rows = [{} for _ in changes]
    out: dict[str, list[tuple[tuple[int, str], PreviewPoint]]] = {}
    for change, row in zip(changes, rows, strict=True):
        start, end, label = _period(change, row, lang)
        if start is None:
            continue
        level = change.get("geo_level", "planning_region")
        region = change.get("region") if level == "planning_region" else None
        place = geography_label(change, regions, lang)
        if level == "national":
            rank = 0
        elif level == "municipality":
            rank = len(order) + 2
        else:
            rank = 1 + order.get(region or "", len(order))
        out.setdefault(change["metric"], []).append(
            (
                (rank, place),
                PreviewPoint(
                    place=place,
                    region=region,
                    start=start,
                    end=end,
                    period=label,
                    new=change["new"],
                    old=change["old"],
                ),
            )
        )
    return {
        metric: [p for _, p in sorted(keyed, key=lambda k: (k[0], k[1].start, k[1].end))]
        for metric, keyed in out.items()
    }


def chart_summary(points: list[PreviewPoint], lang: str) -> str:
    """ "4 figures for Kurzeme and Rīga, 2024 Q1 to 2024 Q4." under each preview chart."""
    places = list(dict.fromkeys(p.place for p in points))
    first = min(points, key=lambda p: (p.start, p.end))
    last = max(points, key=lambda p: (p.end, p.start))
    joined = (
        ", ".join(places[:-1]) + AND.get(lang, AND["en"]) + places[-1]
        if len(places) > 1
        else places[0]
    )
    if (first.start, first.end) == (last.start, last.end):
        return tn(
            "{n} figure for {places}, {period}.",
            "{n} figures for {places}, {period}.",
            len(points),
            lang,
            places=joined,
            period=first.period,
        )
    return tn(
        "{n} figure for {places}, {first} to {last}.",
        "{n} figures for {places}, {first} to {last}.",
        len(points),
        lang,
        places=joined,
        first=first.period,
        last=last.period,
    )


def preview_charts(
    changes: list[dict[str, Any]], rows: list[dict[str, Any]], lang: str
) -> list[html.Div]:
    """One small chart per measure: families, persons and offers never share an axis."""
    metrics = {m["code"]: m for m in queries.metrics()}
    name, unit = ("name_en", "unit_en") if lang == "en" else ("name_lv", "unit_lv")
    charts = []
    for code, points in preview_points(changes, rows, lang).items():
        metric = metrics.get(code, {})
        measure, measure_unit = metric.get(name) or code, metric.get(unit) or ""
        slug = code.replace("_", "-")
        charts.append(
            html.Div(
                [
                    html.H4(
                        f"{measure} ({measure_unit})" if measure_unit else measure,
                        className="h6 mt-3 mb-1",
                        id=f"admin-preview-title-{slug}",
                    ),
                    html.P(chart_summary(points, lang), className="small mb-1"),
                    dcc.Graph(
                        id=f"admin-preview-chart-{slug}",
                        figure=preview_figure(points, lang, measure=measure, unit=measure_unit),
                        config={**GRAPH_CONFIG, "locale": lang},
                    ),
                ],
                className="admin-preview-chart",
            )
        )
    return charts


def preview_section(
    changes: list[dict[str, Any]], rows: list[dict[str, Any]], lang: str
) -> list[Any]:
    """The preview of a valid file: the table of every figure, then a chart per measure."""
    regions, metrics = _names(lang)
    table_rows = [
        [
            c["period_code"],
            geography_label(c, regions, lang),
            metrics.get(c["metric"], c["metric"]),
            format_number(c["old"], lang) if c["old"] is not None else "–",
            format_number(c["new"], lang),
            t(CHANGE_LABELS[c["kind"]], lang),
        ]
        for c in changes
    ]
    return [
        html.H2(t("Preview: what will change", lang), className="h5 mt-3"),
        html.Div(
            table(
                [
                    t("Period", lang),
                    t("Region", lang),
                    t("Measure", lang),
                    t("Now", lang),
                    t("New", lang),
                    t("Change", lang),
                ],
                table_rows,
                t("Preview: what will change", lang),
                "admin-preview-table",
            ),
            className="table-responsive",
        ),
        html.H3(t("The data after publishing (affected periods)", lang), className="h6"),
        html.P(
            t(
                "One chart per measure. Each figure is a line over the period it covers; a "
                "hollow circle marks the figure readers see now where it differs.",
                lang,
            ),
            className="small text-body-secondary",
        ),
        html.Div(preview_charts(changes, rows, lang), id="admin-preview-graph"),
    ]
