"""Charts and table alternatives for the overview page, drawn from a :class:`SeriesView`.

Every slot of the range is on the axis; a region that published nothing for a slot has
``None`` there: no bar, a break in its line (``connectgaps`` off), "–" in the table, and a slot
nobody published for carries the words "no data published". The share chart shows only the
slots in which every selected region reported: a share of an incomplete total is no share.
With ``per_month`` a value is divided by its period's length in months.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from dashboard.figures.series_view import SeriesView, coverage_text
from dashboard.figures.style import (
    FALLBACK_COLOUR,
    REGION_COLOURS,
    REGION_PATTERNS,
    REGION_SYMBOLS,
    assemble,
    bar,
    base_layout,
    layout_json,
    scatter,
    text_on,
)
from dashboard.i18n import t
from dashboard.i18n.formatting import format_number, format_percent
from dashboard.queries.series import Slot

# Empty slots are labelled on the chart itself up to this many slots (years, halves, quarters);
# on a month axis the summary and table say where figures exist.
MAX_LABELLED_SLOTS = 40


@dataclass(frozen=True)
class MetricInfo:
    """What the charts need to know about the selected metric."""

    code: str
    name: str
    unit: str


@dataclass(frozen=True)
class ChartTable:
    """A chart's table alternative: header cells and rows of display strings."""

    columns: list[str]
    rows: list[list[str]]


# (slot key, region) → the other values published for that cell: (value, publisher, year).
Conflicts = Mapping[tuple[str, str], list[tuple[int, str, str]]]


def decimals(view: SeriesView) -> int:
    return 1 if view.per_month else 0


def unit_label(metric: MetricInfo, per_month: bool, lang: str) -> str:
    return t("{unit} per month", lang, unit=metric.unit) if per_month else metric.unit


def _hover(metric: MetricInfo, view: SeriesView, y: str = "y") -> str:
    number = f"%{{{y}:,.1f}}" if view.per_month else f"%{{{y}:,.0f}}"
    # The region is the trace's name; the slot's name and who reported travel as customdata.
    return (
        "<b>%{fullData.name}</b><br>%{customdata[0]}<br>"
        f"{number} {unit_label(metric, view.per_month, view.lang)}<br>"
        "%{customdata[1]}<extra></extra>"
    )


def _customdata(view: SeriesView) -> list[list[str]]:
    return [[view.name(s), coverage_text(view, s)] for s in view.slots]


def _empty_figure(lang: str) -> dict[str, Any]:
    fig = go.Figure()
    fig.add_annotation(
        text=t("There are no data for this selection.", lang),
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base_layout(fig, lang).to_plotly_json()


@functools.lru_cache(maxsize=64)
def _layout(kind: str, lang: str, y_title: str) -> dict[str, Any]:
    """The layout of each overview chart kind; built with Plotly's API once per process."""
    fig = go.Figure()
    if kind == "regions":
        fig.update_layout(barmode="group")
    elif kind == "trend":
        fig.update_yaxes(rangemode="tozero")
    elif kind == "share":
        fig.update_layout(
            barmode="stack",
            legend={"traceorder": "normal"},
            uniformtext={"minsize": 10, "mode": "hide"},
        )
        fig.update_xaxes(
            range=[0, 100],
            tickvals=[0, 25, 50, 75, 100],
            ticksuffix=" %" if lang == "lv" else "%",
        )
        fig.update_yaxes(autorange="reversed", automargin=True)
    fig = base_layout(fig, lang, y_title=y_title)
    # A legend even for one region: a one-region chart must still say whose numbers it shows.
    fig.update_layout(showlegend=True)
    if kind in {"regions", "trend"}:
        fig.update_xaxes(type="category")
        fig.update_yaxes(rangemode="tozero")
    if kind == "share":
        fig.update_layout(margin={"r": 28})
    layout = layout_json(fig)
    if kind in {"regions", "trend"}:
        # Every slot has a label: unset, Plotly's angle turns them where they would overlap
        # (on a phone) instead of the house style's level labels running into each other.
        layout["xaxis"] = {k: v for k, v in layout["xaxis"].items() if k != "tickangle"}
    return layout


def _no_data_annotations(view: SeriesView) -> list[dict[str, Any]]:
    """ "no data published" written up the middle of each slot nobody published for."""
    if len(view.slots) > MAX_LABELLED_SLOTS:
        return []
    text = t("no data published", view.lang)
    # On a category axis a position is the category's index: a label such as "2020" would be
    # read as the number 2020, far off the axis.
    return [
        {
            "text": text,
            "x": i,
            "xref": "x",
            "y": 0.02,
            "yref": "paper",
            "yanchor": "bottom",
            "textangle": -90,
            "showarrow": False,
            "font": {"size": 11, "color": "#555555"},
        }
        for i, slot in enumerate(view.slots)
        if not view.reported(slot)
    ]


def _with_annotations(figure: dict[str, Any], view: SeriesView) -> dict[str, Any]:
    notes = _no_data_annotations(view)
    if notes:
        figure["layout"] = {**figure["layout"], "annotations": notes}
    return figure


def regions_by_period_figure(view: SeriesView, metric: MetricInfo) -> dict[str, Any]:
    """Grouped bars: the selected regions side by side in every slot (a plain dict)."""
    lang = view.lang
    if not view.slots or not view.regions:
        return _empty_figure(lang)
    x = [view.axis_label(s) for s in view.slots]
    customdata = _customdata(view)
    traces = [
        bar(
            name=name,
            x=x,
            y=[view.shown(view.cell(s, code)) for s in view.slots],
            customdata=customdata,
            hovertemplate=_hover(metric, view),
            showlegend=True,
            marker={
                "color": REGION_COLOURS.get(code, FALLBACK_COLOUR),
                "pattern": {"shape": REGION_PATTERNS.get(code, ""), "fgcolor": "#ffffff"},
                "line": {"color": "#212529", "width": 0.5},
            },
        )
        for code, name in view.regions
    ]
    layout = _layout("regions", lang, unit_label(metric, view.per_month, lang))
    return _with_annotations(assemble(traces, layout), view)


def trend_figure(view: SeriesView, metric: MetricInfo) -> dict[str, Any]:
    """Lines over every slot, one per region, broken where a region published nothing."""
    lang = view.lang
    if not view.slots or not view.regions:
        return _empty_figure(lang)
    x = [view.axis_label(s) for s in view.slots]
    customdata = _customdata(view)
    traces = [
        scatter(
            name=name,
            x=x,
            y=[view.shown(view.cell(s, code)) for s in view.slots],
            mode="lines+markers",
            connectgaps=False,
            customdata=customdata,
            hovertemplate=_hover(metric, view),
            showlegend=True,
            line={"color": REGION_COLOURS.get(code, FALLBACK_COLOUR), "width": 2.5},
            marker={"symbol": REGION_SYMBOLS.get(code, "circle"), "size": 10},
        )
        for code, name in view.regions
    ]
    layout = _layout("trend", lang, unit_label(metric, view.per_month, lang))
    return _with_annotations(assemble(traces, layout), view)


def share_slots(view: SeriesView) -> list[Slot]:
    """The slots a share chart may show: every selected region reported, and the total is not
    zero (a share of nothing is undefined)."""
    return [
        s
        for s in view.complete_slots()
        if sum(c.value for code, _ in view.regions if (c := view.cell(s, code))) > 0
    ]


def shares(view: SeriesView) -> dict[tuple[str, str], float]:
    """Each region's share (%) of the selected regions' total, in the complete slots only."""
    out: dict[tuple[str, str], float] = {}
    for slot in share_slots(view):
        values = {code: view.cells[(slot.key, code)].value for code, _ in view.regions}
        total = sum(values.values())
        out.update({(slot.key, code): v / total * 100 for code, v in values.items()})
    return out


def share_figure(view: SeriesView, metric: MetricInfo) -> dict[str, Any]:
    """100 % stacked horizontal bars, one per slot in which every selected region reported.

    Shares do not depend on the period's length, so the per-month switch does not change them.
    """
    lang = view.lang
    slots = share_slots(view)
    if not slots:
        return _empty_figure(lang)
    data = shares(view)
    y = [view.axis_label(s) for s in slots]
    traces = []
    for code, name in view.regions:
        values = [data[(s.key, code)] for s in slots]
        traces.append(
            bar(
                name=name,
                y=y,
                x=values,
                orientation="h",
                text=[format_percent(v, lang) for v in values],
                textposition="inside",
                insidetextanchor="middle",
                textfont={"color": text_on(REGION_COLOURS.get(code, FALLBACK_COLOUR))},
                customdata=[[view.name(s), view.cells[(s.key, code)].value] for s in slots],
                hovertemplate=(
                    "<b>%{fullData.name}</b><br>%{customdata[0]}<br>%{text} "
                    f"(%{{customdata[1]:,.0f}} {metric.unit})<extra></extra>"
                ),
                showlegend=True,
                marker={
                    "color": REGION_COLOURS.get(code, FALLBACK_COLOUR),
                    "line": {"color": "#ffffff", "width": 1},
                },
            )
        )
    return assemble(traces, _layout("share", lang, ""))


def share_note(view: SeriesView) -> str:
    """Which slots the share chart leaves out and why ("2022, 2023, 2025: not every selected
    region published figures"); empty when it leaves out none."""
    shown = {s.key for s in share_slots(view)}
    left_out = [s for s in view.with_data() if s.key not in shown]
    if not left_out:
        return t("Share of the selected regions' total in each period.", view.lang)
    names = ", ".join(s.label(view.lang) for s in left_out)
    return t(
        "Share of the selected regions' total, only in periods in which every selected region "
        "published figures. Left out: {periods} (not every selected region published figures).",
        view.lang,
        periods=names,
    )


def _also(view: SeriesView, others: list[tuple[int, str, str]], months: int) -> str:
    """ "also published: 889, Latgale Planning Region, 2020" for a cell's other sources."""
    parts = [
        ", ".join(
            p
            for p in (
                format_number(v / months if view.per_month else v, view.lang, decimals(view)),
                publisher,
                year,
            )
            if p
        )
        for v, publisher, year in others
    ]
    return t("also published: {values}", view.lang, values="; ".join(parts))


def _table_slots(view: SeriesView) -> list[Slot]:
    # A month axis has up to a hundred slots: its table lists those with figures.
    return view.with_data() if view.monthly else view.slots


def values_table(
    view: SeriesView, metric: MetricInfo, conflicts: Conflicts | None = None
) -> ChartTable:
    """Table alternative for the bar and trend charts: slots as rows, regions as columns, "–"
    where a region published nothing, a last column saying who reported."""
    lang = view.lang
    conflicts = conflicts or {}
    columns = [t("Period", lang), *(name for _, name in view.regions), t("Reported", lang)]
    rows = []
    for slot in _table_slots(view):
        row = [view.name(slot)]
        for code, _ in view.regions:
            cell = view.cell(slot, code)
            text = format_number(view.shown(cell), lang, decimals(view))
            others = conflicts.get((slot.key, code))
            if cell is not None and others:
                text += f" ({_also(view, others, cell.months)})"
            row.append(text)
        row.append(
            t(
                "{k} of {n}",
                lang,
                k=len(view.reported(slot)),
                n=len(view.regions),
            )
        )
        rows.append(row)
    return ChartTable(columns=columns, rows=rows)


def share_table(view: SeriesView) -> ChartTable:
    """Table alternative of the share chart: the slots it shows, each region's share."""
    lang = view.lang
    data = shares(view)
    return ChartTable(
        columns=[t("Period", lang), *(name for _, name in view.regions)],
        rows=[
            [view.name(s), *(format_percent(data[(s.key, c)], lang, 1) for c, _ in view.regions)]
            for s in share_slots(view)
        ],
    )
