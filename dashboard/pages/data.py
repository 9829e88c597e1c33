"""Open-data page (``/data``): every release as published, which figures are available where
and when, the API with examples, the data dictionary, the licence, and a form to report a data
problem (stored for admins).

The content is built in ``dashboard/components/`` (``release_table``, ``availability``,
``open_data``, ``report_form``); this module wires it to the data and the report form to the
service.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, dcc, html
from flask import current_app
from flask_limiter.util import get_remote_address
from limits import parse as parse_limit

from dashboard import queries
from dashboard.components.availability import availability_section, matrix_for
from dashboard.components.open_data import (
    api_section,
    current_downloads,
    data_dictionary,
    licence_section,
    machine_readable,
)
from dashboard.components.release_table import release_table
from dashboard.components.report_form import (
    report_fields,
    report_form,
    report_refused,
    report_thanks,
    report_too_many,
)
from dashboard.components.static_section import static_section
from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang
from dashboard.queries.availability import availability, release_contents
from dashboard.services import ServiceError, submit_data_report
from dashboard.services.reports import retention_days
from dashboard.web.site import site_url

dash.register_page(
    __name__,
    path="/data",
    title=lambda **_: page_title("Open data"),
    description=lambda **_: page_description(
        "Download the data, use the API, read the data dictionary."
    ),
)

REPORT_LIMIT = parse_limit("5/hour")


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    return html.Div(
        [
            html.H1(t("Open data", lang), className="h2"),
            html.P(
                t(
                    "Every figure on this site can be downloaded and is available through the API.",
                    lang,
                ),
                className="lead",
            ),
            # The static parts reach React as HTML (components/static_section.py).
            static_section(
                [
                    html.H2(t("Data releases", lang), className="h4 mt-4"),
                    current_downloads(lang),
                    release_table(
                        queries.releases(),
                        lang,
                        release_contents(),
                        queries.metrics(),
                        queries.regions(),
                    ),
                ]
            ),
            *availability_section(availability(), len(queries.regions()), lang),
            static_section(
                [
                    *api_section(lang, site_url()),
                    *machine_readable(lang),
                    *data_dictionary(queries.metrics(), lang),
                    *licence_section(lang, site_url(), queries.latest_release()),
                ]
            ),
            html.H2(t("Report a data problem", lang), className="h4 mt-4"),
            report_form(
                lang,
                queries.regions(),
                queries.periods(),
                queries.metrics(),
                retention_days(lang),
            ),
            dcc.Store(id="data-lang", data=lang),
        ]
    )


@callback(
    Output("data-availability-matrix", "children"),
    Input("data-availability-measure", "value"),
    State("data-lang", "data"),
    prevent_initial_call=True,
)
def show_availability_matrix(choice: str | None, lang: str | None) -> list[Any]:
    """The chosen measure's places × years table (a choice that names none: a message)."""
    return matrix_for(availability(), choice, current_lang(lang))


@callback(
    Output("data-report-result", "children"),
    Input("data-report-submit", "n_clicks"),
    State("data-report-region", "value"),
    State("data-report-period", "value"),
    State("data-report-metric", "value"),
    State("data-report-message", "value"),
    State("data-report-email", "value"),
    State("data-lang", "data"),
    prevent_initial_call=True,
)
def submit_report(n_clicks, region, period, metric, message, email, lang):
    """Store the report; a clear message for bad input; at most 5 reports per hour per address."""
    lang = current_lang(lang)
    if not n_clicks:
        return dash.no_update
    limiter = current_app.extensions["remigration_limiter"]
    if not limiter.limiter.hit(REPORT_LIMIT, "data-report", get_remote_address()):
        return report_too_many(lang)
    try:
        report_id = submit_data_report(report_fields(region, period, metric, message, email), lang)
    except ServiceError as exc:
        return report_refused(exc, lang)
    return report_thanks(report_id, lang)
