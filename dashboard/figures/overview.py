"""Charts, table alternatives and one-sentence summaries for the overview page.

Input is the tidy frame from :func:`dashboard.queries.observations` (one row per period × region ×
metric). With ``per_month`` the value is divided by the period's length in months, because the
published periods are 10, 12 and 6 months long and their totals are not comparable as they stand.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

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
)
from dashboard.i18n import localized, t, tn
from dashboard.i18n.formatting import format_number, format_percent


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


def short_period_label(label: str, lang: str) -> str:
    """A compact form of a period label for chart axes ("2018. gads (mar.–dec.)" → "2018
    (mar.–dec.)"), so three labels fit side by side on a phone."""
    if lang != "lv":
        return label
    return (
        label.replace(". gads", "")
        .replace(". gada ", ". g. ")
        .replace("ceturksnis", "cet.")
        .replace("pusgads", "pusg.")
    )


def period_axis_label(row: Any, lang: str) -> str:
    """Period label with its length; partial periods are marked as such."""
    label = localized(row, "period_label", lang)
    # Year, then the months covered, then the length: three short lines fit a phone's width.
    short = short_period_label(label, lang).replace(" (", "<br>(", 1)
    return f"{short}<br>{period_length(row, lang)}"


def period_length(row: Any, lang: str) -> str:
    """ "12 months", "6 months, part year" (a period shorter than its year is marked)."""
    months = int(row["months"])
    if row["is_partial"]:
        return tn("{n} month, part year", "{n} months, part year", months, lang)
    return tn("{n} month", "{n} months", months, lang)


def period_table_label(row: Any, lang: str) -> str:
    """Full period label with its length, for table alternatives (no line breaks)."""
    label = localized(row, "period_label", lang)
    return f"{label}, {period_length(row, lang)}"


PERIOD_LABEL_COLUMNS = ("period", "period_label_lv", "period_label_en", "months", "is_partial")


def _period_labels(df: pd.DataFrame, lang: str, label: Any) -> dict[str, str]:
    """``{period code: label(row, lang)}`` for each period of ``df``, in frame order."""
    firsts = df.drop_duplicates("period")
    columns = [firsts[c].tolist() for c in PERIOD_LABEL_COLUMNS]
    return {
        values[0]: label(dict(zip(PERIOD_LABEL_COLUMNS, values, strict=True)), lang)
        for values in zip(*columns, strict=True)
    }


def prepare(frame: pd.DataFrame, metric: str, per_month: bool, lang: str) -> pd.DataFrame:
    """Rows of one metric with ``shown`` (total or per month) and display labels added."""
    df = frame[frame["metric"] == metric].copy()
    if df.empty:
        return df.assign(shown=pd.Series(dtype="float64"), period_axis="", region_name="")
    df["shown"] = df["value"] / df["months"] if per_month else df["value"].astype("float64")
    # One label per period, not per row (a row-wise apply dominated this at 280 periods).
    df["period_axis"] = df["period"].map(_period_labels(df, lang, period_axis_label))
    df["period_name"] = localized(df, "period_label", lang)
    df["region_name"] = localized(df, "region_name", lang)
    return df


def _decimals(per_month: bool) -> int:
    return 1 if per_month else 0


def _unit_label(metric: MetricInfo, per_month: bool, lang: str) -> str:
    return t("{unit} per month", lang, unit=metric.unit) if per_month else metric.unit


def _hover(metric: MetricInfo, per_month: bool, lang: str) -> str:
    number = "%{y:,.1f}" if per_month else "%{y:,.0f}"
    # The region is the trace's name and the full period name the point's customdata: one
    # string per point rather than two (with 280 periods the figures are most of the answer).
    return (
        "<b>%{fullData.name}</b><br>%{customdata}<br>"
        f"{number} {_unit_label(metric, per_month, lang)}<extra></extra>"
    )


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
    if kind == "share":
        fig.update_layout(margin={"r": 28})
    return layout_json(fig)


def regions_by_period_figure(
    df: pd.DataFrame, metric: MetricInfo, per_month: bool, lang: str
) -> dict[str, Any]:
    """Grouped bars: the planning regions side by side for each period (a plain dict)."""
    if df.empty:
        return _empty_figure(lang)
    traces = [
        bar(
            name=part["region_name"].iloc[0],
            x=part["period_axis"].tolist(),
            y=part["shown"].tolist(),
            customdata=part["period_name"].tolist(),
            hovertemplate=_hover(metric, per_month, lang),
            marker={
                "color": REGION_COLOURS.get(str(region), FALLBACK_COLOUR),
                "pattern": {"shape": REGION_PATTERNS.get(str(region), ""), "fgcolor": "#ffffff"},
                "line": {"color": "#212529", "width": 0.5},
            },
        )
        for region, part in df.groupby("region", sort=False)
    ]
    return assemble(traces, _layout("regions", lang, _unit_label(metric, per_month, lang)))


def trend_figure(
    df: pd.DataFrame, metric: MetricInfo, per_month: bool, lang: str
) -> dict[str, Any]:
    """Lines over periods, one per region, each with its own marker symbol (a plain dict)."""
    if df.empty:
        return _empty_figure(lang)
    traces = [
        scatter(
            name=part["region_name"].iloc[0],
            x=part["period_axis"].tolist(),
            y=part["shown"].tolist(),
            mode="lines+markers",
            customdata=part["period_name"].tolist(),
            hovertemplate=_hover(metric, per_month, lang),
            line={"color": REGION_COLOURS.get(str(region), FALLBACK_COLOUR), "width": 2.5},
            marker={"symbol": REGION_SYMBOLS.get(str(region), "circle"), "size": 10},
        )
        for region, part in df.groupby("region", sort=False)
    ]
    return assemble(traces, _layout("trend", lang, _unit_label(metric, per_month, lang)))


def shares(df: pd.DataFrame) -> pd.DataFrame:
    """Each region's share (%) of the selected regions' total in each period."""
    if df.empty:
        return df.assign(share=pd.Series(dtype="float64"))
    totals = df.groupby("period")["value"].transform("sum")
    return df.assign(share=(df["value"] / totals * 100).where(totals > 0, 0.0))


def share_figure(
    df: pd.DataFrame, metric: MetricInfo, lang: str, data: pd.DataFrame | None = None
) -> dict[str, Any]:
    """100 % stacked horizontal bars: each region's share of every period's total (a dict).

    Shares do not depend on the period's length, so the per-month switch does not change them.
    """
    if df.empty:
        return _empty_figure(lang)
    data = shares(df) if data is None else data
    traces = []
    for region, part in data.groupby("region", sort=False):
        labels = [format_percent(v, lang) for v in part["share"].tolist()]
        traces.append(
            bar(
                name=part["region_name"].iloc[0],
                y=part["period_axis"].tolist(),
                x=part["share"].tolist(),
                orientation="h",
                text=labels,
                textposition="inside",
                insidetextanchor="middle",
                textfont={"color": "#ffffff"},
                # Region = the trace's name, share label = the bar's text: only the period
                # and the count travel per point.
                customdata=[
                    [period, int(value)]
                    for period, value in zip(
                        part["period_name"].tolist(), part["value"].tolist(), strict=True
                    )
                ],
                hovertemplate=(
                    "<b>%{fullData.name}</b><br>%{customdata[0]}<br>%{text} "
                    f"(%{{customdata[1]:,.0f}} {metric.unit})<extra></extra>"
                ),
                marker={
                    "color": REGION_COLOURS.get(str(region), FALLBACK_COLOUR),
                    "line": {"color": "#ffffff", "width": 1},
                },
            )
        )
    return assemble(traces, _layout("share", lang, ""))


def _table_rows(df: pd.DataFrame, value: str, fmt: Any, lang: str) -> tuple[list, list]:
    """Region names and rows ``[period label, value per region …]`` (periods in frame order).

    Plain loops over three columns: at 280 periods a pivot and per-row pandas access cost
    more than the whole rest of the chart (``bench/data_scale.py``).
    """
    regions = list(dict.fromkeys(df["region_name"]))
    labels = _period_labels(df, lang, period_table_label)
    cells: dict[str, dict[str, Any]] = {period: {} for period in labels}
    # .tolist() first: iterating pandas' string arrays element by element is slow.
    columns = (df["period"].tolist(), df["region_name"].tolist(), df[value].tolist())
    for period, region, number in zip(*columns, strict=True):
        cells[period].setdefault(region, number)
    rows = [
        [label, *(fmt(cells[period].get(region)) for region in regions)]
        for period, label in labels.items()
    ]
    return regions, rows


def values_table(df: pd.DataFrame, metric: MetricInfo, per_month: bool, lang: str) -> ChartTable:
    """Table alternative for the bar and trend charts: periods as rows, regions as columns."""
    if df.empty:
        return ChartTable(columns=[t("Period", lang)], rows=[])
    decimals = _decimals(per_month)
    regions, rows = _table_rows(df, "shown", lambda v: format_number(v, lang, decimals), lang)
    return ChartTable(columns=[t("Period", lang), *regions], rows=rows)


def share_table(df: pd.DataFrame, lang: str, data: pd.DataFrame | None = None) -> ChartTable:
    """Table alternative of the share chart; ``data`` is ``shares(df)`` if already computed."""
    if df.empty:
        return ChartTable(columns=[t("Period", lang)], rows=[])
    data = shares(df) if data is None else data
    regions, rows = _table_rows(data, "share", lambda v: format_percent(v, lang, 1), lang)
    return ChartTable(columns=[t("Period", lang), *regions], rows=rows)


def _fmt(value: float, per_month: bool, lang: str) -> str:
    return format_number(value, lang, _decimals(per_month))


def regions_summary(df: pd.DataFrame, metric: MetricInfo, per_month: bool, lang: str) -> str:
    """One sentence: which region led in the latest period, with its value and share."""
    if df.empty:
        return t("There are no data for this selection.", lang)
    latest = df[df["period"] == df.sort_values("period_start")["period"].iloc[-1]]
    top = latest.sort_values(["shown", "region_name"], ascending=[False, True]).iloc[0]
    total = latest["value"].sum()
    share = top["value"] / total * 100 if total else 0.0
    return tn(
        "In {period}, {region} had the most of the {n} selected region: "
        "{value} ({unit}), {share} of the total.",
        "In {period}, {region} had the most of the {n} selected regions: "
        "{value} ({unit}), {share} of the total.",
        latest["region"].nunique(),
        lang,
        period=top["period_name"],
        region=top["region_name"],
        value=_fmt(top["shown"], per_month, lang),
        unit=_unit_label(metric, per_month, lang),
        share=format_percent(share, lang),
    )


def trend_summary(df: pd.DataFrame, metric: MetricInfo, per_month: bool, lang: str) -> str:
    """One sentence: the selected regions' combined value in the first and the last period."""
    if df.empty:
        return t("There are no data for this selection.", lang)
    per_period = (
        df.groupby(["period", "period_name", "period_start", "months"], as_index=False)["value"]
        .sum()
        .sort_values("period_start")
    )
    per_period["shown"] = (
        per_period["value"] / per_period["months"] if per_month else per_period["value"]
    )
    first, last = per_period.iloc[0], per_period.iloc[-1]
    if len(per_period) == 1:
        return t(
            "The selected regions together in {period}: {value} ({unit}).",
            lang,
            period=first["period_name"],
            value=_fmt(first["shown"], per_month, lang),
            unit=_unit_label(metric, per_month, lang),
        )
    if per_month:
        return t(
            "The selected regions together, per month ({unit}): {first_period}: "
            "{first}; {last_period}: {last}.",
            lang,
            first_period=first["period_name"],
            first=_fmt(first["shown"], True, lang),
            last_period=last["period_name"],
            last=_fmt(last["shown"], True, lang),
            unit=_unit_label(metric, True, lang),
        )
    # Totals of periods of different lengths are not comparable; say so with the monthly rate.
    return t(
        "The selected regions together ({unit}): {first_period}: {first} "
        "({first_months} months, {first_rate} a month); {last_period}: "
        "{last} ({last_months} months, {last_rate} a month).",
        lang,
        first_period=first["period_name"],
        first=_fmt(first["value"], False, lang),
        first_months=int(first["months"]),
        first_rate=format_number(first["value"] / first["months"], lang, 1),
        last_period=last["period_name"],
        last=_fmt(last["value"], False, lang),
        last_months=int(last["months"]),
        last_rate=format_number(last["value"] / last["months"], lang, 1),
        unit=metric.unit,
    )


def share_summary(df: pd.DataFrame, lang: str) -> str:
    """One sentence: the region with the largest share over all selected periods combined."""
    if df.empty:
        return t("There are no data for this selection.", lang)
    by_region = df.groupby("region_name")["value"].sum().sort_values(ascending=False)
    total = by_region.sum()
    share = by_region.iloc[0] / total * 100 if total else 0.0
    return tn(
        "Over the {n} selected period combined, {region} had the largest share: {share}.",
        "Over the {n} selected periods combined, {region} had the largest share: {share}.",
        df["period"].nunique(),
        lang,
        region=by_region.index[0],
        share=format_percent(share, lang),
    )
