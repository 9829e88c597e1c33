"""Programme page (``/about``): what the programme is, what each measure means, the data's
limitations and its sources (built in ``dashboard/components/programme.py``)."""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from dashboard import queries
from dashboard.components.data_limits import data_currency, data_limitations
from dashboard.components.programme import metric_definitions, pilot_names, source_list, timeline
from dashboard.components.static_section import static_section
from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang
from dashboard.opendata.licence import licence_statement

dash.register_page(
    __name__,
    path="/about",
    name="About",
    title=lambda **_: page_title("About"),
    description=lambda **_: page_description(
        "How the remigration programme works and how its figures are defined."
    ),
)


def layout(**query: Any) -> html.Div:
    """The whole page is text and lists with no callback: one static section."""
    lang = current_lang(query.get("lang"))
    coverage = queries.coverage()
    return static_section(
        [
            html.H1(t("About the programme and the data", lang), className="h2"),
            html.P(
                t(
                    "In 2018 VARAM set up a network of five regional remigration "
                    "coordinators, one in each planning region. The coordinators advise, "
                    "free of charge, people abroad who are considering a return to "
                    "Latvia, and work with municipal coordinators in ten pilot "
                    "municipalities.",
                    lang,
                ),
                className="lead",
            ),
            html.H2(t("How the programme works", lang), className="h4 mt-4"),
            html.P(
                t(
                    "Each of the five planning regions has a regional remigration "
                    "coordinator. Anyone can get free advice about returning to a "
                    "particular region; the coordinator helps work out what the person "
                    "needs and prepares a personalised offer, working with municipal and "
                    "state institutions where needed.",
                    lang,
                )
            ),
            html.P(
                t(
                    "Ten pilot municipalities (2009–2021 boundaries) give practical "
                    "support together with the regional coordinators: {names}.",
                    lang,
                    names=pilot_names(queries.municipalities(), lang),
                )
            ),
            html.P(
                t(
                    "Support measures, for example in Daugavpils: start-up grants, "
                    "Latvian language courses, a list of vacancies, municipal housing, "
                    "health care and pre-school places. State support for business "
                    "activity is governed by the Cabinet regulation of 7 August 2018 "
                    "(amended on 20 August 2019).",
                    lang,
                )
            ),
            html.H2(t("Timeline", lang), className="h4 mt-4"),
            timeline(queries.events(), lang),
            html.H2(t("What each measure means", lang), className="h4 mt-4"),
            metric_definitions(queries.metrics(), lang),
            html.H2(t("Limitations of the data", lang), className="h4 mt-4"),
            # Stated from the figures in effect (cached), so the next release updates them.
            data_currency(coverage, lang),
            data_limitations(coverage, queries.regions(), lang),
            html.H2(t("Sources", lang), className="h4 mt-4"),
            source_list(queries.sources(), lang),
            html.H2(t("Licence", lang), className="h4 mt-4"),
            html.P(
                [
                    licence_statement(lang),
                    " ",
                    html.A(t("How to cite and reuse the data", lang), href="/data#licence"),
                    ".",
                ]
            ),
            html.P(
                t(
                    "Map boundaries: Natural Earth (public domain), “Made with Natural "
                    "Earth”; names and codes: ISO 3166-2.",
                    lang,
                )
            ),
            html.P(t("Application source code: MIT licence. Bootstrap: MIT licence.", lang)),
        ]
    )
