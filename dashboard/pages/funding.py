"""Funding page (``/funding``): the 2020 programme budget, the Daugavpils pilot project and the
"Impulss" grant cap, each with a chart, a table alternative and its source."""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import queries
from dashboard.components.chart_card import GRAPH_CONFIG, chart_details
from dashboard.components.chart_tools import chart_tools, image_caption
from dashboard.figures import funding as ff
from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang
from dashboard.i18n.formatting import format_date, format_eur

dash.register_page(
    __name__,
    path="/funding",
    name="Funding",
    title=lambda **_: page_title("funding"),
    description=lambda **_: page_description("funding"),
)


def _card(
    chart_id: str,
    lang: str,
    title: str,
    data: ff.Breakdown,
    note: str | None,
    extra: Any = None,
    *,
    embed: str,
) -> dbc.Card:
    caption = f"{title}. {t('chart.unit', lang, unit=t('funding.unit', lang))}."
    sources = [data.source] if data.source else []
    unit = t("funding.unit", lang)
    tools = chart_tools(
        chart_id,
        lang,
        title=title,
        caption=image_caption(lang, unit, sources, None),
        sources=sources,
        release=None,
        page_path="/funding",
        page_query=f"lang={lang}",
        embed=embed,
        data_links=[
            (f"{fmt.upper()} – {t(f'tools.{scope}', lang)}", f"/download/funding.{fmt}{query}")
            for scope, query in (("view", f"?code={data.code}"), ("full", ""))
            for fmt in ("csv", "xlsx")
        ],
    )
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(title, className="h5 card-title", id=f"{chart_id}-title"),
                extra,
                html.Div(
                    dcc.Graph(
                        id=f"{chart_id}-graph",
                        figure=ff.breakdown_figure(data, lang),
                        config={**GRAPH_CONFIG, "locale": lang},
                    ),
                    **{"aria-hidden": "true"},
                ),
                html.Div(
                    chart_details(
                        lang,
                        ff.breakdown_summary(data, lang),
                        ff.breakdown_table(data, lang),
                        caption,
                        t("funding.unit", lang),
                        sources,
                        None,
                        note,
                        tools,
                    ),
                    id=f"{chart_id}-details",
                ),
            ]
        ),
        className="chart-card mb-4 shadow-sm",
        id=f"{chart_id}-card",
    )


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    suffix = "en" if lang == "en" else "lv"
    rows = queries.funding()
    budget = ff.breakdown(rows, "budget-2020", lang)
    pilot = ff.breakdown(rows, "daugavpils-pilot", lang)
    pilot_row = next(r for r in rows if r["code"] == "daugavpils-pilot")
    impulss = next(r for r in rows if r["code"] == "impulss-grant-cap")
    duration = (
        html.P(
            t("funding.pilot.duration", lang, end=format_date(pilot_row["period_end"], lang)),
            className="mb-1",
        )
        if pilot_row.get("period_end")
        else None
    )
    impulss_source = impulss.get("source") or {}
    return html.Div(
        [
            html.H1(t("funding.title", lang), className="h2"),
            html.P(t("funding.intro", lang), className="lead"),
            _card(
                "budget-chart",
                lang,
                t("funding.budget.title", lang),
                budget,
                t("funding.budget.note", lang),
                embed="budget",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        _card(
                            "pilot-chart",
                            lang,
                            t("funding.pilot.title", lang),
                            pilot,
                            None,
                            duration,
                            embed="pilot",
                        ),
                        lg=8,
                    ),
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody(
                                [
                                    html.H2(t("funding.impulss.title", lang), className="h5"),
                                    html.P(
                                        format_eur(impulss["amount_eur"], lang, 0),
                                        className="display-6 fw-semibold mb-1",
                                        id="impulss-amount",
                                    ),
                                    html.P(
                                        t(
                                            "funding.impulss.text",
                                            lang,
                                            amount=format_eur(impulss["amount_eur"], lang, 0),
                                        )
                                    ),
                                    html.P(
                                        f"{t('chart.source', lang)}: "
                                        f"{impulss_source.get('publisher', '')}: "
                                        f"{impulss_source.get('title', '')}",
                                        className="small text-body-secondary mb-0",
                                    ),
                                    html.P(impulss[f"title_{suffix}"], className="visually-hidden"),
                                ]
                            ),
                            className="h-100",
                            id="impulss-card",
                        ),
                        lg=4,
                    ),
                ]
            ),
        ]
    )
