"""The filter panel shared by the overview and the map.

Native controls only (checkboxes, radio buttons, ``<select>``, a switch): they are keyboard- and
screen-reader-friendly out of the box, unlike custom dropdown widgets. Component ids are
``{prefix}-regions``, ``{prefix}-metric``, ``{prefix}-period-from``, ``{prefix}-period-to`` and
``{prefix}-per-month`` so that two pages can use the panel without sharing callbacks; the
overview's panel also has ``{prefix}-granularity`` (year, half-year, quarter, running total since
March 2018, stocks) and ``{prefix}-per-month-help``, which says which period lengths the view has.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard import queries
from dashboard.i18n import N_, localized, t
from dashboard.queries.series import GRANULARITIES
from dashboard.view_state import OverviewState

GRANULARITY_LABELS = {
    "year": N_("Year"),
    "half": N_("Half-year"),
    "quarter": N_("Quarter"),
    "programme": N_("Whole programme: running total since March 2018"),
    "stock": N_("Stocks: standing at the end of a month"),
}


def granularity_options(lang: str) -> list[dict[str, str]]:
    return [{"label": t(GRANULARITY_LABELS[g], lang), "value": g} for g in GRANULARITIES]


def filter_panel(
    prefix: str,
    lang: str,
    state: OverviewState,
    *,
    regions: bool = True,
    message: Any = None,
    granularity: bool | None = None,
    per_month_help: str | None = None,
) -> dbc.Card:
    """The panel; ``granularity`` (default: with ``regions``) adds the view selector, and
    ``per_month_help`` replaces the general per-month help with the view's own."""
    with_granularity = regions if granularity is None else granularity
    period_options = [{"label": str(y), "value": str(y)} for y in queries.view_years()]
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
                            for m in queries.charted_metrics(state.granularity)
                        ],
                        value=state.metric,
                    ),
                ]
            ),
            md=4 if regions else 5,
        ),
        dbc.Col(
            [
                *(
                    [
                        dbc.Label(
                            t("View", lang),
                            html_for=f"{prefix}-granularity",
                            className="fw-semibold",
                        ),
                        dbc.Select(
                            id=f"{prefix}-granularity",
                            options=granularity_options(lang),
                            value=state.granularity,
                            className="mb-2",
                        ),
                    ]
                    if with_granularity
                    else []
                ),
                dbc.Label(
                    t("Period from (year)", lang),
                    html_for=f"{prefix}-period-from",
                    className="fw-semibold",
                ),
                dbc.Select(
                    id=f"{prefix}-period-from", options=period_options, value=state.period_from
                ),
                dbc.Label(
                    t("Period to (year)", lang),
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
                    per_month_help
                    or t("Divides each value by its period's length in months.", lang),
                    id=f"{prefix}-per-month-help",
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
                    className="collapse-on-phones",  # the first view closes it too
                ),
                html.Div(message, id=f"{prefix}-message", role="status", className="mt-2"),
            ]
        ),
        className="filters mb-4",
        id=f"{prefix}-card",
    )


# Clientside body: collapse the filter panel on first render when the screen is phone-sized.
COLLAPSE_ON_PHONES = "function (_) { return window.innerWidth >= 768; }"


def url_sync_script(prefix: str, *, regions: bool = True, granularity: bool = False) -> str:
    """Client-side callback body mirroring the panel's values into the URL query string (other
    parameters, such as ``release``, are kept)."""
    names = ["regions"] if regions else []
    names += ["metric", "from", "to", "perMonth"] + (["granularity"] if granularity else [])
    region_line = (
        'params.set("regions", (regions && regions.length) ? regions.join(",") : "none");'
        if regions
        else ""
    )
    granularity_line = (
        'if (granularity) { params.set("granularity", granularity); }' if granularity else ""
    )
    return f"""
    function ({", ".join(names)}) {{
        const params = new URLSearchParams(window.location.search);
        {region_line}
        if (metric) {{ params.set("metric", metric); }}
        if (from) {{ params.set("from", from); }}
        if (to) {{ params.set("to", to); }}
        params.set("per_month", perMonth ? "1" : "0");
        {granularity_line}
        const url = window.location.pathname + "?" + params.toString();
        window.history.replaceState(window.history.state, "", url);
        return url;
    }}
    """
