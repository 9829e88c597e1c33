"""Embeddable charts (``/embed/<chart>?<the page's query>``) for news sites and blogs.

Just the chart, its title, a one-sentence summary, the table alternative, the source and a link
back to the interactive view: no navigation, and framing by other sites is allowed for these
paths only (``dashboard/security.py``). Rendered once on the server from the query string, so an
embed shows the same numbers as the view it was copied from.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html

from dashboard import queries
from dashboard.components.chart_card import GRAPH_CONFIG, chart_details
from dashboard.components.chart_tools import EMBEDS
from dashboard.components.map_view import map_view
from dashboard.components.overview_charts import chart_children, overview_charts
from dashboard.figures import funding as ff
from dashboard.i18n import t
from dashboard.i18n.context import current_lang
from dashboard.view_state import parse_overview_state

dash.register_page(
    __name__,
    path_template="/embed/<chart>",
    name="Embed",
    title=lambda **_: t("site.title", current_lang()),
    description=lambda **_: t("site.tagline", current_lang()),
)

# Embed name -> (funding row code, title key): the same titles as on /funding.
FUNDING = {
    "budget": ("budget-2020", "funding.budget.title"),
    "pilot": ("daugavpils-pilot", "funding.pilot.title"),
}


def _graph(figure: Any, lang: str) -> html.Div:
    return html.Div(
        dcc.Graph(figure=figure, config={**GRAPH_CONFIG, "locale": lang}, id="embed-graph"),
        **{"aria-hidden": "true"},
    )


def _back(lang: str, path: str, query: str) -> html.P:
    return html.P(
        html.A(
            t("embed.back", lang),
            href=f"{path}?{query}",
            target="_blank",
            rel="noopener",
            id="embed-back",
        ),
        className="small mt-2 mb-0",
    )


def _overview(chart: str, query: dict[str, Any], lang: str) -> list[Any]:
    state = parse_overview_state(query, queries.regions(), queries.metrics(), queries.periods())
    built = overview_charts(state, lang)
    item = next(c for c in built.charts if c.embed == chart)
    return [
        html.H1(item.title, className="h5", id="embed-title"),
        _graph(item.figure, lang),
        *chart_children(built, item, lang),
        _back(lang, "/", state.query_string(lang)),
    ]


def _map(query: dict[str, Any], lang: str) -> list[Any]:
    state = parse_overview_state(query, queries.regions(), queries.metrics(), queries.periods())
    view = map_view(state, lang)
    return [
        html.H1(view.title, className="h5", id="embed-title"),
        html.Div(view.legend, className="map-legend mb-2"),
        _graph(view.figure, lang),
        *view.details,
        _back(lang, "/map", state.query_string(lang, regions=False)),
    ]


def _funding(chart: str, lang: str) -> list[Any]:
    code, title_key = FUNDING[chart]
    data = ff.breakdown(queries.funding(), code, lang)
    unit = t("funding.unit", lang)
    title = t(title_key, lang)
    caption = f"{title}. {t('chart.unit', lang, unit=unit)}."
    sources = [data.source] if data.source else []
    return [
        html.H1(title, className="h5", id="embed-title"),
        _graph(ff.breakdown_figure(data, lang), lang),
        *chart_details(
            lang,
            ff.breakdown_summary(data, lang),
            ff.breakdown_table(data, lang),
            caption,
            unit,
            sources,
            None,
        ),
        _back(lang, "/funding", f"lang={lang}"),
    ]


def layout(chart: str | None = None, **query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    if chart in {"overview", "trend", "share"}:
        children = _overview(chart, query, lang)
    elif chart == "map":
        children = _map(query, lang)
    elif chart in FUNDING:
        children = _funding(chart, lang)
    else:
        children = [
            html.H1(t("site.title", lang), className="h5"),
            html.P(t("embed.unknown", lang, names=", ".join(EMBEDS)), id="embed-unknown"),
        ]
    return html.Div(children, className="embed-chart")
