"""Embeddable charts (``/embed/<chart>?<the page's query>``) for news sites and blogs.

Just the chart, its title, a one-sentence summary, the table alternative, the source and a link
back to the interactive view: no navigation, and framing by other sites is allowed for these
paths only (``dashboard/web/security.py``). Rendered once on the server from the query
string, so an embed shows the same numbers as the view it was copied from. The content is built
in ``dashboard/components/embed_view.py``.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from dashboard import queries
from dashboard.components.chart_tools import EMBEDS
from dashboard.components.embed_view import (
    FUNDING_EMBEDS,
    funding_embed,
    map_embed,
    overview_embed,
    unknown_embed,
)
from dashboard.components.map_view import map_state, map_view
from dashboard.components.overview_charts import overview_charts
from dashboard.figures import funding as ff
from dashboard.i18n import t
from dashboard.i18n.context import current_lang
from dashboard.view_state import OverviewState, parse_overview_state

dash.register_page(
    __name__,
    path_template="/embed/<chart>",
    name="Embed",
    title=lambda **_: t("Regional remigration support", current_lang()),
    description=lambda **_: t(
        "How many families and people returned to Latvia with regional coordinators' help",
        current_lang(),
    ),
)


def _state(query: dict[str, Any]) -> OverviewState:
    return parse_overview_state(
        query,
        queries.regions(),
        queries.charted_metrics,
        queries.periods(),
        [r["number"] for r in queries.releases()],
        queries.view_years(),
        queries.default_granularity(),
    )


def layout(chart: str | None = None, **query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    if chart in {"overview", "trend", "share"}:
        state = _state(query)
        built = overview_charts(state, lang)
        item = next(c for c in built.charts if c.embed == chart)
        children = overview_embed(built, item, lang, state.query_string(lang))
    elif chart == "map":
        map_query = map_state(query)
        children = map_embed(map_view(map_query, lang), lang, map_query.query_string(lang))
    elif chart in FUNDING_EMBEDS:
        code, title = FUNDING_EMBEDS[chart]
        data = ff.breakdown(queries.funding(), code, lang)
        children = funding_embed(data, t(title, lang), lang)
    else:
        children = unknown_embed(EMBEDS, lang)
    return html.Div(children, className="embed-chart")
