"""Programme page (``/about``): what the programme is, what each measure means, the data's
limitations and its sources."""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from dashboard import queries
from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang
from dashboard.i18n.formatting import format_date

dash.register_page(
    __name__,
    path="/about",
    name="About",
    title=lambda **_: page_title("about"),
    description=lambda **_: page_description("about"),
)


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    suffix = "en" if lang == "en" else "lv"
    metrics = queries.metrics()
    sources = queries.sources()
    pilot_names = ", ".join(m[f"name_{suffix}"] for m in queries.municipalities() if m["is_pilot"])
    return html.Div(
        [
            html.H1(t("about.title", lang), className="h2"),
            html.P(t("about.lead", lang), className="lead"),
            html.H2(t("about.how", lang), className="h4 mt-4"),
            html.P(t("about.how_coordinators", lang)),
            html.P(t("about.how_municipalities", lang, names=pilot_names)),
            html.P(t("about.how_measures", lang)),
            html.H2(t("about.timeline", lang), className="h4 mt-4"),
            html.Ol(
                [
                    html.Li(
                        [
                            html.Time(
                                format_date(e["date"], lang),
                                dateTime=e["date"].isoformat(),
                                className="fw-semibold me-2",
                            ),
                            e[f"title_{suffix}"],
                            html.Span(f" ({e['place']})", className="text-body-secondary")
                            if e.get("place")
                            else None,
                        ],
                        className="mb-2",
                    )
                    for e in queries.events()
                ],
                id="timeline",
                className="timeline list-unstyled",
            ),
            html.H2(t("about.metrics", lang), className="h4 mt-4"),
            html.Dl(
                [
                    item
                    for metric in metrics
                    for item in (
                        html.Dt(f"{metric[f'name_{suffix}']} ({metric[f'unit_{suffix}']})"),
                        html.Dd(metric[f"definition_{suffix}"]),
                    )
                ],
                id="metric-definitions",
            ),
            html.H2(t("about.limitations", lang), className="h4 mt-4"),
            html.Ul(
                [
                    html.Li(t("about.limitation_periods", lang)),
                    html.Li(t("about.limitation_units", lang)),
                    html.Li(t("about.limitation_total", lang)),
                ]
            ),
            html.H2(t("about.sources", lang), className="h4 mt-4"),
            html.Ul(
                [
                    html.Li(
                        [
                            html.A(s["title"], href=s["url"], rel="noopener")
                            if s["url"]
                            else html.Span(s["title"]),
                            f" — {s['publisher']}",
                            f", {format_date(s['published_on'], lang)}"
                            if s["published_on"]
                            else "",
                        ]
                    )
                    for s in sources
                ],
                id="source-list",
            ),
            html.H2(t("about.licence", lang), className="h4 mt-4"),
            html.P(t("about.licence_data", lang)),
            html.P(t("about.licence_map", lang)),
            html.P(t("about.licence_code", lang)),
        ]
    )
