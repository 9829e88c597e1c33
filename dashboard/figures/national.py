"""The national picture's chart, table alternative and sentences, from a ``NationalSeries``.

One chart per measure on a calendar axis of every year from 2018 on: the published national
figure as a line that breaks where a year has none (``None``, ``connectgaps`` off), the sum of
the five regions as separately marked points where it differs from the published figure or
stands in for a missing one, and each target as a dashed reference line over its years. A year
with neither is an empty slot with a label saying so, never 0.
"""

from __future__ import annotations

import functools
from typing import Any

import plotly.graph_objects as go
from babel.dates import format_date as babel_format_date

from dashboard.figures.overview import ChartTable
from dashboard.figures.style import assemble, base_layout, layout_json, scatter
from dashboard.i18n import t, tc, tn
from dashboard.i18n.formatting import format_date, format_number, format_percent, normalise_lang
from dashboard.queries.national import NationalSeries, Progress, SourceRef, YearPoint

HEIGHT = 420  # the figure's height, also reserved for its box before it draws
PUBLISHED_COLOUR = "#0072B2"
SUM_COLOUR = "#D55E00"
TARGET_COLOUR = "#333333"
EMPTY_COLOUR = "#595959"  # 7:1 on white
MONTH_PATTERNS = {"lv": "MM.y", "en": "MMM y"}  # 02.2024, Feb 2024


def year_label(point: YearPoint, lang: str) -> str:
    """ "2019", or "2018 (Mar–Dec)" for the programme's first, part year."""
    if point.part_year:
        return t("{year} (Mar–Dec)", lang, year=point.year)
    return str(point.year)


def axis_label(point: YearPoint, lang: str) -> str:
    return year_label(point, lang).replace(" (", "<br>(", 1)


def table_label(point: YearPoint, lang: str) -> str:
    label = year_label(point, lang)
    return t("{label}, part year", lang, label=label) if point.part_year else label


def source_date(source: SourceRef, lang: str) -> str:
    """The publication date as precise as it was published: a day, a month, or not stated."""
    lang = normalise_lang(lang)
    day = source.published_on
    if day is None:
        return t("date not stated", lang)
    if source.precision == "month":
        return babel_format_date(day, MONTH_PATTERNS[lang], locale=lang)
    return format_date(day, lang)


def source_text(source: SourceRef, lang: str) -> str:
    """ "Publisher, date" (one line, for tables and hover text)."""
    return f"{source.publisher or source.title}, {source_date(source, lang)}"


@functools.lru_cache(maxsize=16)
def _layout(lang: str, y_title: str) -> dict[str, Any]:
    """The chart's fixed layout, built with Plotly's API once per process and language."""
    fig = go.Figure()
    fig.update_xaxes(type="category", tickfont={"size": 12})
    fig.update_yaxes(rangemode="tozero", tickformat=",d")
    fig = base_layout(fig, lang, y_title=y_title, height=HEIGHT)
    fig.update_layout(margin={"t": 72, "r": 12, "l": 60}, hovermode="closest")
    layout = layout_json(fig)
    # Nine years side by side do not fit a phone's width level: without ``tickangle`` plotly.js
    # turns the labels only when they would overlap ("auto", which Plotly's Python validator
    # does not accept).
    layout["xaxis"].pop("tickangle", None)
    return layout


def _empty_note(point: YearPoint, lang: str) -> str:
    """The label of an empty year: nothing published at all, or regional figures only (the
    table says how many regions)."""
    if point.regions_reported == 0:
        return t("no data published", lang)
    return t("no national figure published", lang)


def _values_max(series: NationalSeries) -> int:
    values = [p.published.value for p in series.years if p.published is not None]
    values += [p.sum_shown for p in series.years if p.sum_shown is not None]
    values += [target.value for target in series.targets]
    return max(values, default=0)


def national_figure(series: NationalSeries, unit: str, lang: str) -> dict[str, Any]:
    """The chart of one measure as a plain dict (``figures.style.assemble``).

    Lines keep every point as a vertex (``simplify`` off): a dozen points cost nothing, and a
    check can then count the drawn segments' points against the years with figures.
    """
    lang = normalise_lang(lang)
    x = [axis_label(p, lang) for p in series.years]
    names = [table_label(p, lang) for p in series.years]
    hover = "<b>%{fullData.name}</b><br>%{customdata[0]}<br>%{y:,.0f} " + unit
    hover += "<br>%{customdata[1]}<extra></extra>"
    published = [p.published.value if p.published else None for p in series.years]
    traces = [
        scatter(
            name=t("Published national figure", lang),
            x=x,
            y=published,
            mode="lines+markers+text",
            connectgaps=False,
            text=[format_number(v, lang) if v is not None else "" for v in published],
            textposition="top center",
            textfont={"color": PUBLISHED_COLOUR, "size": 12},
            cliponaxis=False,
            customdata=[
                [name, source_text(p.published.source, lang) if p.published else ""]
                for name, p in zip(names, series.years, strict=True)
            ],
            hovertemplate=hover,
            line={"color": PUBLISHED_COLOUR, "width": 2.5, "simplify": False},
            marker={"symbol": "circle", "size": 10},
        )
    ]
    sums = [p.sum_shown for p in series.years]
    if any(v is not None for v in sums):
        traces.append(
            scatter(
                name=t("Sum of the five regions", lang),
                x=x,
                y=sums,
                mode="lines+markers+text",
                connectgaps=False,
                text=[format_number(v, lang) if v is not None else "" for v in sums],
                textposition="bottom center",
                textfont={"color": SUM_COLOUR, "size": 12},
                cliponaxis=False,
                customdata=[[name, t("sum of the five regions", lang)] for name in names],
                hovertemplate=hover,
                line={"color": SUM_COLOUR, "width": 2, "dash": "dot", "simplify": False},
                marker={"symbol": "diamond-open", "size": 11, "line": {"width": 2}},
            )
        )
    labels = {p.year: axis_label(p, lang) for p in series.years}
    for target in series.targets:
        years = [y for y in target.years if y in labels]
        if not years:
            continue
        traces.append(
            scatter(
                name=t(
                    "Target {first}–{last}: {value} a year",
                    lang,
                    first=target.first_year,
                    last=target.last_year,
                    value=format_number(target.value, lang),
                ),
                x=[labels[y] for y in years],
                y=[target.value] * len(years),
                mode="lines+markers",
                connectgaps=False,
                customdata=[[str(y), source_text(target.source, lang)] for y in years],
                hovertemplate=hover,
                line={"color": TARGET_COLOUR, "width": 2, "dash": "dash", "simplify": False},
                marker={"symbol": "line-ew-open", "size": 12, "line": {"width": 2}},
            )
        )
    top = _values_max(series)
    layout = dict(_layout(lang, unit))
    layout["yaxis"] = {**layout["yaxis"], "range": [0, top * 1.2 if top else 10]}
    layout["xaxis"] = {
        **layout["xaxis"],
        "categoryorder": "array",
        "categoryarray": x,
        "range": [-0.5, len(x) - 0.5],
    }
    layout["annotations"] = [
        {
            "text": _empty_note(p, lang),
            # The category's index: a category named "2021" would be read as the number 2021.
            "x": i,
            "xref": "x",
            "y": 0,
            "yref": "paper",
            "yanchor": "bottom",
            "textangle": -90,
            "showarrow": False,
            "font": {"size": 11, "color": EMPTY_COLOUR},
        }
        for i, p in enumerate(series.years)
        if p.published is None and p.sum_shown is None
    ]
    return assemble(traces, layout)


def progress_text(progress: Progress, unit: str, lang: str) -> str:
    """ "2024: 774 persons, 133 % of the 584 target" (or that no figure was published yet)."""
    target = format_number(progress.target, lang)
    if progress.value is None:
        return t(
            "{year}: no national figure published yet (target: {target} {unit}).",
            lang,
            year=progress.year,
            target=target,
            unit=unit,
        )
    values = {
        "year": progress.year,
        "value": format_number(progress.value, lang),
        "unit": unit,
        "percent": format_percent(progress.percent, lang),
        "target": target,
    }
    if progress.from_regions:
        return t(
            "{year}: no national figure published yet; the sum of the five regions, "
            "{value} {unit}, is {percent} of the {target} target.",
            lang,
            **values,
        )
    return t("{year}: {value} {unit}, {percent} of the {target} target.", lang, **values)


def running_total_text(series: NationalSeries, unit: str, lang: str) -> str | None:
    total = series.running_total
    if total is None:
        return None
    return t(
        "Running total since March 2018: {value} {unit} to {end}; source: {source}.",
        lang,
        value=format_number(total.value, lang),
        unit=unit,
        end=format_date(total.period_end, lang),
        source=source_text(total.source, lang),
    )


def national_summary(series: NationalSeries, unit: str, lang: str) -> str:
    """One sentence: how many years have a national figure and the latest, or that none does."""
    years = series.years
    first, last = years[0].year, years[-1].year
    published = [p for p in years if p.published is not None]
    if published:
        latest = published[-1]
        return tn(
            "A national figure was published for {n} of the {total} years {first}–{last}; "
            "the latest: {value} {unit} in {year}.",
            "National figures were published for {n} of the {total} years {first}–{last}; "
            "the latest: {value} {unit} in {year}.",
            len(published),
            lang,
            total=len(years),
            first=first,
            last=last,
            value=format_number(latest.published.value, lang),  # type: ignore[union-attr]
            unit=unit,
            year=year_label(latest, lang),
        )
    sums = [p for p in years if p.regions_sum is not None]
    if sums:
        return tn(
            "No national figure published; the sum of the five regions is shown for the "
            "{n} year in which all five published ({years}).",
            "No national figure published; the sum of the five regions is shown for the "
            "{n} years in which all five published ({years}).",
            len(sums),
            lang,
            years=", ".join(year_label(p, lang) for p in sums),
        )
    return t("No national figure published, and in no year did all five regions publish one.", lang)


def national_table(series: NationalSeries, lang: str) -> ChartTable:
    """The chart's numbers as a table: a row per year, the published figure and its source,
    the regions' sum (or how many regions published), and the target and progress if any."""
    columns = [
        t("Year", lang),
        t("Published national figure", lang),
        t("Source", lang),
        t("Sum of the five regions", lang),
    ]
    progress = {p.year: p for p in series.progress()}
    if series.targets:
        columns += [tc("plan", "Target", lang), t("Share of the target", lang)]
    rows = []
    for point in series.years:
        if point.sum_matches:
            regions = t("same as the published figure", lang)
        elif point.regions_sum is not None:
            regions = format_number(point.regions_sum, lang)
        elif point.regions_reported:
            regions = t(
                "{n} of {total} regions published",
                lang,
                n=point.regions_reported,
                total=series.region_count,
            )
        else:
            regions = "–"
        row = [
            table_label(point, lang),
            format_number(point.published.value if point.published else None, lang),
            source_text(point.published.source, lang) if point.published else "–",
            regions,
        ]
        if series.targets:
            goal = progress.get(point.year)
            row += [
                format_number(goal.target if goal else None, lang),
                format_percent(goal.percent, lang) if goal and goal.percent is not None else "–",
            ]
        rows.append(row)
    return ChartTable(columns=columns, rows=rows)
