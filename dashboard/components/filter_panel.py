"""The filter panel shared by the overview and the map.

Native controls only (checkboxes, radio buttons, ``<select>``, a switch): they are keyboard- and
screen-reader-friendly out of the box, unlike custom dropdown widgets. Component ids are
``{prefix}-regions``, ``{prefix}-metric``, ``{prefix}-period-from``, ``{prefix}-period-to`` and
``{prefix}-per-month`` so that two pages can use the panel without sharing callbacks.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard import queries
from dashboard.i18n import localized, t
from dashboard.view_state import OverviewState


def filter_panel(
    prefix: str, lang: str, state: OverviewState, *, regions: bool = True, message: Any = None
) -> dbc.Card:
    period_options = [
        {"label": localized(p, "label", lang), "value": p["code"]} for p in queries.periods()
    ]
    legend_class = "form-label fs-6 fw-semibold"
    columns = []
    if regions:
        columns.append(
            dbc.Col(
                html.Fieldset(
                    [
                        html.Legend(t("Planning regions", lang), className=legend_class),
                        dbc.Checklist(
                            id=f"{prefix}-regions",
                            options=[
                                {"label": localized(r, "name", lang), "value": r["code"]}
                                for r in queries.regions()
                            ],
                            value=list(state.regions),
                        ),
                    ]
                ),
                md=3,
            )
        )
    columns += [
        dbc.Col(
            html.Fieldset(
                [
                    html.Legend(t("Measure", lang), className=legend_class),
                    dbc.RadioItems(
                        id=f"{prefix}-metric",
                        options=[
                            {"label": localized(m, "name", lang), "value": m["code"]}
                            for m in queries.charted_metrics()
                        ],
                        value=state.metric,
                    ),
                ]
            ),
            md=4 if regions else 5,
        ),
        dbc.Col(
            [
                dbc.Label(
                    t("Period from", lang),
                    html_for=f"{prefix}-period-from",
                    className="fw-semibold",
                ),
                dbc.Select(
                    id=f"{prefix}-period-from", options=period_options, value=state.period_from
                ),
                dbc.Label(
                    t("Period to", lang),
                    html_for=f"{prefix}-period-to",
                    className="fw-semibold mt-2",
                ),
                dbc.Select(id=f"{prefix}-period-to", options=period_options, value=state.period_to),
            ],
            md=3 if regions else 4,
        ),
        dbc.Col(
            [
                dbc.Switch(
                    id=f"{prefix}-per-month",
                    label=t("Show per month (the periods differ in length)", lang),
                    value=state.per_month,
                ),
                html.P(
                    t(
                        "Divides each value by the period's length in months (2018: 10, "
                        "2019: 12, 2020: 6).",
                        lang,
                    ),
                    className="small text-body-secondary",
                ),
            ],
            md=2 if regions else 3,
        ),
    ]
    # A native <details>: collapsible by keyboard and screen reader without any script. It is
    # open on load and closed by COLLAPSE_ON_PHONES on narrow screens, so the numbers come first.
    return dbc.Card(
        dbc.CardBody(
            [
                html.Details(
                    [
                        html.Summary(
                            html.H2(t("Filters", lang), className="h5 d-inline"),
                            className="filters-summary mb-2",
                        ),
                        dbc.Row(columns, className="g-3"),
                    ],
                    open=True,
                    id=f"{prefix}-details",
                ),
                html.Div(message, id=f"{prefix}-message", role="status", className="mt-2"),
            ]
        ),
        className="filters mb-4",
        id=f"{prefix}-card",
    )


# Clientside body: collapse the filter panel on first render when the screen is phone-sized.
COLLAPSE_ON_PHONES = "function (_) { return window.innerWidth >= 768; }"


def url_sync_script(prefix: str, *, regions: bool = True) -> str:
    """Client-side callback body mirroring the panel's values into the URL query string."""
    args = "regions, metric, from, to, perMonth" if regions else "metric, from, to, perMonth"
    region_line = (
        'params.set("regions", (regions && regions.length) ? regions.join(",") : "none");'
        if regions
        else ""
    )
    return f"""
    function ({args}) {{
        const params = new URLSearchParams(window.location.search);
        {region_line}
        if (metric) {{ params.set("metric", metric); }}
        if (from) {{ params.set("from", from); }}
        if (to) {{ params.set("to", to); }}
        params.set("per_month", perMonth ? "1" : "0");
        const url = window.location.pathname + "?" + params.toString();
        window.history.replaceState(window.history.state, "", url);
        return url;
    }}
    """
