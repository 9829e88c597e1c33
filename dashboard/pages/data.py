"""Open-data page (``/data``): every release as published, the API with examples, the data
dictionary, the licence, and a form to report a data problem (stored for admins)."""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html
from flask import current_app
from flask_limiter.util import get_remote_address
from limits import parse as parse_limit

from dashboard import queries
from dashboard.exports import TIDY_COLUMNS
from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang
from dashboard.i18n.formatting import format_date
from dashboard.services import ServiceError, submit_data_report
from dashboard.services.reports import retention_days
from dashboard.web.site import site_url

dash.register_page(
    __name__,
    path="/data",
    title=lambda **_: page_title("data"),
    description=lambda **_: page_description("data"),
)

REPORT_LIMIT = parse_limit("5/hour")
ANY = "any"


def _examples() -> str:
    return """# curl
curl "{site}/api/v1/observations?format=csv&region=latgale"

# Python (pandas)
import pandas as pd
df = pd.read_csv("{site}/api/v1/observations?format=csv")

# R
df <- read.csv("{site}/api/v1/observations?format=csv", encoding = "UTF-8")

# Excel: Data → From Web (Power Query), or in a cell:
=WEBSERVICE("{site}/api/v1/observations?format=csv&metric=people_returned")
""".replace("{site}", site_url())


def _releases(lang: str) -> html.Div:
    rows = []
    for r in queries.releases():
        state = (
            t("data.as_published", lang, date=format_date(r["published_at"].date(), lang))
            if r["status"] == "published"
            else t("data.rolled_back", lang, date=format_date(r["rolled_back_at"].date(), lang))
        )
        links = [
            html.A(
                fmt.upper(),
                href=f"/download/observations.{fmt}?scope=full&release={r['number']}",
                className="me-2",
                **{"aria-label": f"{fmt.upper()} – {r['number']}"},
            )
            for fmt in ("csv", "xlsx")
        ] + [html.A("JSON", href=f"/api/v1/observations?release={r['number']}")]
        rows.append(
            html.Tr([html.Th(str(r["number"]), scope="row"), html.Td(state), html.Td(links)])
        )
    return html.Div(
        html.Table(
            [
                html.Caption(t("data.releases_intro", lang)),
                html.Thead(
                    html.Tr(
                        [
                            html.Th(t("admin.col.number", lang), scope="col"),
                            html.Th(t("admin.col.status", lang), scope="col"),
                            html.Th(t("admin.col.download", lang), scope="col"),
                        ]
                    )
                ),
                html.Tbody(rows),
            ],
            className="table table-sm caption-top",
            id="data-releases",
        ),
        className="table-responsive",
    )


def _report_form(lang: str) -> html.Div:
    suffix = "en" if lang == "en" else "lv"
    any_option = [{"label": t("data.report_any", lang), "value": ANY}]

    def select(field: str, options: list[dict[str, str]]) -> html.Div:
        return html.Div(
            [
                dbc.Label(t(f"data.report_{field}", lang), html_for=f"data-report-{field}"),
                dbc.Select(id=f"data-report-{field}", options=any_option + options, value=ANY),
            ],
            className="mb-2",
        )

    return html.Div(
        [
            html.P(t("data.report_intro", lang)),
            dbc.Row(
                [
                    dbc.Col(
                        select(
                            "region",
                            [
                                {"label": r[f"name_{suffix}"], "value": r["code"]}
                                for r in queries.regions()
                            ],
                        ),
                        md=4,
                    ),
                    dbc.Col(
                        select(
                            "period",
                            [
                                {"label": p[f"label_{suffix}"], "value": p["code"]}
                                for p in queries.periods()
                            ],
                        ),
                        md=4,
                    ),
                    dbc.Col(
                        select(
                            "metric",
                            [
                                {"label": m[f"name_{suffix}"], "value": m["code"]}
                                for m in queries.metrics()
                            ],
                        ),
                        md=4,
                    ),
                ]
            ),
            dbc.Label(t("data.report_message", lang), html_for="data-report-message"),
            dbc.Textarea(id="data-report-message", maxLength=2000, rows=4, className="mb-2"),
            dbc.Label(t("data.report_email", lang), html_for="data-report-email"),
            # Before the field, so a screen reader reads it before the address is typed.
            html.P(
                t("data.report_privacy", lang, days=retention_days(lang)),
                id="data-report-privacy",
                className="form-text mt-0 mb-1",
            ),
            dbc.Input(id="data-report-email", type="email", autocomplete="email", className="mb-3"),
            dbc.Button(t("data.report_submit", lang), id="data-report-submit", color="primary"),
            html.Div(id="data-report-result", role="status", className="mt-3"),
        ],
        id="data-report-form",
    )


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    suffix = "en" if lang == "en" else "lv"
    latest = queries.latest_release()
    cite = ""
    if latest is not None:
        cite = t(
            "data.cite",
            lang,
            site=t("site.title", lang),
            number=latest["number"],
            date=format_date(latest["published_at"].date(), lang),
            url="/data",
            source="VARAM, “Reģionālais remigrācijas atbalsts”, 18.08.2020",
        )
    return html.Div(
        [
            html.H1(t("data.title", lang), className="h2"),
            html.P(t("data.intro", lang), className="lead"),
            html.H2(t("data.releases", lang), className="h4 mt-4"),
            html.P(
                [
                    t("data.current", lang),
                    ": ",
                    html.A("CSV", href="/download/observations.csv?scope=full", className="me-2"),
                    html.A("XLSX", href="/download/observations.xlsx?scope=full", className="me-2"),
                    html.A("JSON", href="/api/v1/observations"),
                ]
            ),
            _releases(lang),
            html.H2(t("data.api", lang), className="h4 mt-4"),
            html.P(
                [
                    t("data.api_intro", lang),
                    " ",
                    html.A("/api/v1/openapi.json", href="/api/v1/openapi.json"),
                ]
            ),
            html.Ul(
                [
                    html.Li(html.Code(f"/api/v1/{name}"))
                    for name in (
                        "observations",
                        "releases",
                        "regions",
                        "metrics",
                        "contacts",
                        "funding",
                    )
                ]
            ),
            html.Pre(
                html.Code(_examples()),
                className="bg-body-tertiary p-3 border rounded",
                tabIndex="0",
                **{"aria-label": "API examples"},
            ),
            html.H2(t("data.dictionary", lang), className="h4 mt-4"),
            html.H3(t("about.metrics", lang), className="h5"),
            html.Dl(
                [
                    item
                    for metric in queries.metrics()
                    for item in (
                        html.Dt(
                            f"{metric['code']} – {metric[f'name_{suffix}']} "
                            f"({metric[f'unit_{suffix}']})"
                        ),
                        html.Dd(metric[f"definition_{suffix}"]),
                    )
                ]
            ),
            html.H3(t("data.columns", lang), className="h5"),
            html.Dl(
                [
                    item
                    for c in TIDY_COLUMNS
                    for item in (html.Dt(html.Code(c)), html.Dd(t(f"data.col.{c}", lang)))
                ]
            ),
            html.P(t("data.period_rules", lang)),
            html.H2(t("data.licence", lang), className="h4 mt-4"),
            html.P(t("about.licence_data", lang)),
            html.P(cite, id="data-cite"),
            html.H2(t("data.report", lang), className="h4 mt-4"),
            _report_form(lang),
            dcc.Store(id="data-lang", data=lang),
        ]
    )


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
        return dbc.Alert(t("data.report_too_many", lang), color="warning")

    def chosen(value: str | None) -> str | None:
        return None if value in (None, "", ANY) else value

    try:
        report_id = submit_data_report(
            {
                "region": chosen(region),
                "period": chosen(period),
                "metric": chosen(metric),
                "message": message,
                "email": email,
            },
            lang,
        )
    except ServiceError as exc:
        return dbc.Alert(
            exc.message_en if lang == "en" else exc.message_lv,
            color="danger",
            id="data-report-error",
        )
    return dbc.Alert(
        t("data.report_thanks", lang, id=report_id), color="success", id="data-report-thanks"
    )
