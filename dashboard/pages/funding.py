"""Funding page (``/funding``): the 2020 programme budget, the Daugavpils pilot project and the
"Impulss" grant cap, each with a chart, a table alternative and its source.

The cards are built in ``dashboard/components/funding_cards.py``.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard import queries
from dashboard.components.funding_cards import funding_chart_card, impulss_card, pilot_duration
from dashboard.figures import funding as ff
from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang

dash.register_page(
    __name__,
    path="/funding",
    name="Funding",
    title=lambda **_: page_title("funding"),
    description=lambda **_: page_description("funding"),
)


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    rows = queries.funding()
    by_code = {r["code"]: r for r in rows}
    return html.Div(
        [
            html.H1(t("funding.title", lang), className="h2"),
            html.P(t("funding.intro", lang), className="lead"),
            funding_chart_card(
                "budget-chart",
                lang,
                t("funding.budget.title", lang),
                ff.breakdown(rows, "budget-2020", lang),
                t("funding.budget.note", lang),
                embed="budget",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        funding_chart_card(
                            "pilot-chart",
                            lang,
                            t("funding.pilot.title", lang),
                            ff.breakdown(rows, "daugavpils-pilot", lang),
                            None,
                            pilot_duration(by_code["daugavpils-pilot"], lang),
                            embed="pilot",
                        ),
                        lg=8,
                    ),
                    dbc.Col(impulss_card(by_code["impulss-grant-cap"], lang), lg=4),
                ]
            ),
        ]
    )
