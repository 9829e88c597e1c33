"""Programme page (``/about``): what the programme is, what each measure means, the data's
limitations and its sources (built in ``dashboard/components/programme.py``)."""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from dashboard import queries
from dashboard.components.programme import metric_definitions, pilot_names, source_list, timeline
from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang

dash.register_page(
    __name__,
    path="/about",
    name="About",
    title=lambda **_: page_title("about"),
    description=lambda **_: page_description("about"),
)


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    return html.Div(
        [
            html.H1(t("about.title", lang), className="h2"),
            html.P(t("about.lead", lang), className="lead"),
            html.H2(t("about.how", lang), className="h4 mt-4"),
            html.P(t("about.how_coordinators", lang)),
            html.P(
                t(
                    "about.how_municipalities",
                    lang,
                    names=pilot_names(queries.municipalities(), lang),
                )
            ),
            html.P(t("about.how_measures", lang)),
            html.H2(t("about.timeline", lang), className="h4 mt-4"),
            timeline(queries.events(), lang),
            html.H2(t("about.metrics", lang), className="h4 mt-4"),
            metric_definitions(queries.metrics(), lang),
            html.H2(t("about.limitations", lang), className="h4 mt-4"),
            html.Ul(
                [
                    html.Li(t("about.limitation_periods", lang)),
                    html.Li(t("about.limitation_units", lang)),
                    html.Li(t("about.limitation_total", lang)),
                ]
            ),
            html.H2(t("about.sources", lang), className="h4 mt-4"),
            source_list(queries.sources(), lang),
            html.H2(t("about.licence", lang), className="h4 mt-4"),
            html.P(t("about.licence_data", lang)),
            html.P(t("about.licence_map", lang)),
            html.P(t("about.licence_code", lang)),
        ]
    )
