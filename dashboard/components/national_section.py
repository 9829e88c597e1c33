"""The overview's "Latvia as a whole" section: the national series of each programme measure.

Server-rendered with the page (it does not follow the region filters, so it needs no callback):
for each measure a card with its chart, one-sentence summary, progress against the 2024–2026
targets, the running total since March 2018, a table alternative and the sources of the numbers
it shows. Each graph's box is as tall as its figure before it draws, so nothing below moves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import queries
from dashboard.components.chart_card import GRAPH_CONFIG, data_table, graph_box
from dashboard.components.static_section import static_section
from dashboard.figures import national as nf
from dashboard.figures.overview import ChartTable
from dashboard.i18n import localized, t, tc
from dashboard.i18n.formatting import format_date
from dashboard.queries.national import NationalSeries, SourceRef, national_picture

SECTION_ID = "national-section"


def chart_id(metric: str) -> str:
    """``national-people-returned`` …: kebab-case ids, prefixed ``national-``."""
    return "national-" + metric.replace("_", "-")


def _source_item(source: SourceRef, lang: str) -> html.Li:
    """Publisher and date, linked to the publication; its title only where it says more than
    the publisher (the dossier's titles repeat the publisher)."""
    label = source.publisher or source.title or ""
    parts: list[Any] = [
        html.A(label, href=source.url, rel="noopener", target="_blank", lang="lv")
        if source.url
        else html.Span(label, lang="lv"),
        ", " + nf.source_date(source, lang),
    ]
    if source.title and source.publisher and not source.title.startswith(source.publisher):
        parts.append(html.Span([": ", html.Span(source.title, lang="lv")]))
    return html.Li(parts)


def sources_block(sources: list[SourceRef], unit: str, lang: str) -> html.Div:
    """Unit, the sources of the numbers shown (once each) and the newest publication date."""
    items: list[Any] = [html.Div(t("Unit: {unit}", lang, unit=unit))]
    if sources:
        items.append(
            html.Div(
                [
                    html.Span(t("Sources", lang) + ":"),
                    html.Ul([_source_item(s, lang) for s in sources], className="mb-0 ps-3"),
                ],
            )
        )
    dates = [s.published_on for s in sources if s.published_on is not None]
    if dates:
        items.append(html.Div(t("Data as of {date}", lang, date=format_date(max(dates), lang))))
    return html.Div(items, className="national-sources small text-body-secondary mt-2")


def statements(series: NationalSeries, unit: str, lang: str) -> list[str]:
    """Progress against each target year, then the running total since March 2018."""
    lines = [nf.progress_text(p, unit, lang) for p in series.progress()]
    total = nf.running_total_text(series, unit, lang)
    if total:
        lines.append(total)
    return lines


@dataclass(frozen=True)
class NationalChart:
    """One measure's chart and texts, ready to render (cached, see :func:`national_charts`)."""

    chart_id: str
    title: str
    unit: str
    figure: dict[str, Any]
    summary: str
    statements: list[str]
    table: ChartTable
    sources: list[SourceRef]


def _chart(series: NationalSeries, metric: dict[str, Any], lang: str) -> NationalChart:
    unit = localized(metric, "unit", lang)
    return NationalChart(
        chart_id=chart_id(series.metric),
        title=t(
            "{metric}: Latvia as a whole, by year", lang, metric=localized(metric, "name", lang)
        ),
        unit=unit,
        figure=nf.national_figure(series, unit, lang),
        summary=nf.national_summary(series, unit, lang),
        statements=statements(series, unit, lang),
        table=nf.national_table(series, lang),
        sources=series.sources(),
    )


def national_charts(lang: str, last_year: int) -> list[NationalChart]:
    """Each measure's chart, cached with the data version like the overview's charts: the
    figures, tables and formatted sentences are the same for every reader of a language."""

    def compute() -> list[NationalChart]:
        metrics = {m["code"]: m for m in queries.metrics()}
        picture = national_picture(last_year)
        return [_chart(s, metrics[code], lang) for code, s in picture.items() if code in metrics]

    return queries.cached("national_charts", [lang, last_year], compute)


def national_details(chart: NationalChart, lang: str) -> list[Any]:
    """Summary, progress and running total, table alternative and sources of one chart."""
    unit = t("Unit: {unit}", lang, unit=chart.unit)
    caption = t("{title}. {unit}.", lang, title=chart.title, unit=unit)
    note = t(
        "The sum of the five regions is given only for years in which all five planning regions "
        "published a full-year figure, and drawn where it differs from the published national "
        "figure or none was published. Half-years and running totals are not added into years.",
        lang,
    )
    # Plain content, no callback reads it: one static section (components/static_section.py).
    return [
        static_section(
            [
                html.P(chart.summary, className="chart-summary mb-2"),
                html.Ul(
                    [html.Li(line) for line in chart.statements],
                    className="national-statements mb-2",
                )
                if chart.statements
                else None,
                html.Details(
                    [
                        html.Summary(t("Show the data as a table", lang)),
                        html.Div(
                            data_table(chart.table, caption), className="table-responsive mt-2"
                        ),
                    ],
                    className="chart-table",
                ),
                html.P(note, className="small text-body-secondary mt-2 mb-0"),
                sources_block(chart.sources, chart.unit, lang),
            ]
        )
    ]


def national_card(chart: NationalChart, lang: str) -> dbc.Card:
    """One measure's card: ``{id}-title``, ``{id}-graph`` (its height reserved) and
    ``{id}-details``, the same parts as every chart card (``chart_card.chart_card``)."""
    cid = chart.chart_id
    graph = dcc.Graph(
        id=f"{cid}-graph",
        figure=chart.figure,
        config={**GRAPH_CONFIG, "locale": lang},
        className="chart-graph",
        style={"height": f"{nf.HEIGHT}px"},
    )
    return dbc.Card(
        dbc.CardBody(
            [
                html.H3(chart.title, id=f"{cid}-title", className="h5 card-title"),
                graph_box(graph, chart.figure),
                html.Div(national_details(chart, lang), id=f"{cid}-details"),
            ]
        ),
        className="chart-card shadow-sm h-100",
        id=f"{cid}-card",
    )


def national_section(lang: str, today: dt.date | None = None) -> html.Section:
    """The section, years 2018 to ``today``'s year (default: today)."""
    last_year = (today or dt.date.today()).year
    cards = [national_card(chart, lang) for chart in national_charts(lang, last_year)]
    columns = [dbc.Col(card, xs=12, lg=12 if i == 0 else 6) for i, card in enumerate(cards)]
    return html.Section(
        [
            html.H2(
                tc("section heading", "Latvia as a whole", lang),
                id="national-heading",
                className="h4 mt-2",
            ),
            html.P(
                t(
                    "The figures published for the whole country, year by year, with the "
                    "2024–2026 targets. Where all five planning regions published a year, "
                    "their sum is marked as such.",
                    lang,
                ),
            ),
            dbc.Row(columns, className="g-4 mb-4"),
        ],
        id=SECTION_ID,
        **{"aria-labelledby": "national-heading"},
    )
