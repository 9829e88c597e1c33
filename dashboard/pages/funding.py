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
    title=lambda **_: page_title("Funding"),
    description=lambda **_: page_description(
        "The programme's state budget and the Daugavpils pilot project's cost."
    ),
)


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    rows = queries.funding()
    by_code = {r["code"]: r for r in rows}
    return html.Div(
        [
            html.H1(t("Funding", lang), className="h2"),
            html.P(
                t(
                    "The programme's 2020 state budget, the cost of the Daugavpils pilot "
                    "project and the maximum grant of Daugavpils city's “Impulss” "
                    "programme.",
                    lang,
                ),
                className="lead",
            ),
            funding_chart_card(
                "budget-chart",
                lang,
                t("2020 state budget by category", lang),
                ff.breakdown(rows, "budget-2020", lang),
                t(
                    "The source publishes only the percentages; amounts are computed "
                    "from the total and rounded to the cent.",
                    lang,
                ),
                embed="budget",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        funding_chart_card(
                            "pilot-chart",
                            lang,
                            t("Daugavpils pilot project: who paid", lang),
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
