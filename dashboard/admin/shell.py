"""The admin page's frame: the header with the sign-out form, the ARIA tabs, and the stores the
tabs share (language, active tab, the refresh counter every change bumps).

Each tab is a module of this package with the same four names: ``KEY`` (the tab's id),
``LABEL`` (its string key), ``panel(lang, admin)`` and ``register_callbacks()``. :data:`TABS`
lists them in the order the page shows them; adding a tab is adding a module to it.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, clientside_callback, dcc, html
from flask_wtf.csrf import generate_csrf

from dashboard.admin import (
    conflicts,
    contacts,
    funding,
    history,
    measures,
    releases,
    reports,
    upload,
)
from dashboard.i18n import t

TABS: tuple[ModuleType, ...] = (
    upload,
    releases,
    conflicts,
    history,
    contacts,
    funding,
    reports,
    measures,
)
TAB_KEYS = tuple(tab.KEY for tab in TABS)
FIRST_TAB = TAB_KEYS[0]


def _header(lang: str, user: Any) -> dbc.Row:
    return dbc.Row(
        [
            dbc.Col(html.H1(t("Administration", lang), className="h2"), md=6),
            dbc.Col(
                html.Form(
                    [
                        html.Span(
                            t(
                                "Signed in: {user} ({role})",
                                lang,
                                user=user.username,
                                role=user.role,
                            ),
                            className="me-3",
                        ),
                        dcc.Input(
                            type="hidden",
                            name="csrf_token",
                            value=generate_csrf(),
                            id="admin-logout-csrf",
                        ),
                        html.Button(
                            t("Sign out", lang),
                            type="submit",
                            className="btn btn-outline-secondary btn-sm",
                        ),
                    ],
                    method="POST",
                    action="/logout",
                    className="text-md-end",
                ),
                md=6,
            ),
        ],
        className="align-items-center mb-3",
    )


def tabs(panels: dict[str, Any], lang: str) -> html.Div:
    """Tabs built from plain buttons and panels with the ARIA tab roles.

    ``dbc.Tabs`` (dash-bootstrap-components 2.0) renders every tab with the same id and an
    ``aria-controls`` that points at no element, which axe reports as critical; these are
    ordinary buttons, switched client-side by the callback in :func:`register_callbacks`.
    """
    buttons = [
        html.Li(
            html.Button(
                t(tab.LABEL, lang),
                id={"type": "admin-tab", "tab": tab.KEY},
                type="button",
                role="tab",
                className="nav-link active" if tab.KEY == FIRST_TAB else "nav-link",
                **{
                    "aria-selected": "true" if tab.KEY == FIRST_TAB else "false",
                    "aria-controls": f"admin-panel-{tab.KEY}",
                },
            ),
            className="nav-item",
            role="presentation",
        )
        for tab in TABS
    ]
    return html.Div(
        [
            html.Ul(
                buttons,
                id="admin-tabs",
                className="nav nav-tabs mb-3",
                role="tablist",
                **{"aria-label": t("Administration", lang)},
            ),
            *[
                html.Div(
                    panels[tab.KEY],
                    id=f"admin-panel-{tab.KEY}",
                    role="tabpanel",
                    hidden=tab.KEY != FIRST_TAB,
                    **{"aria-label": t(tab.LABEL, lang)},
                )
                for tab in TABS
            ],
        ]
    )


def layout(lang: str, user: Any) -> html.Div:
    """The whole admin page for a signed-in ``user`` (staff get the controls disabled)."""
    admin = user.has_role("admin")
    note = (
        []
        if admin
        else [
            dbc.Alert(
                t(
                    "You have staff access: you can see drafts, the history and the "
                    "audit log, but not change data.",
                    lang,
                ),
                color="info",
            )
        ]
    )
    return html.Div(
        [
            _header(lang, user),
            *note,
            tabs({tab.KEY: tab.panel(lang, admin) for tab in TABS}, lang),
            dcc.Store(id="admin-active-tab", data=FIRST_TAB),
            dcc.Store(id="admin-lang", data=lang),
            dcc.Store(id="admin-refresh", data=0),
        ]
    )


# Switches tabs in the browser: the pressed tab becomes active and selected, its panel shown
# and the others hidden (panels in TAB_KEYS order), and admin-active-tab tells the tabs that
# re-read data on opening (history, reports) which one that is.
SHOW_TAB_JS = """
function (clicks, ids) {
    const triggered = dash_clientside.callback_context.triggered;
    if (!(triggered.length && triggered[0].value)) {
        return dash_clientside.no_update;
    }
    const active = JSON.parse(triggered[0].prop_id.split(".")[0]).tab;
    return [
        ids.map((id) => id.tab === active ? "nav-link active" : "nav-link"),
        ids.map((id) => id.tab === active ? "true" : "false"),
        active,
    ].concat(%s.map((key) => key !== active));
}
"""


def register_callbacks() -> None:
    """Register the tab switcher and every tab's callbacks in Dash's registry (called by
    ``dashboard/pages/admin.py`` each time Dash executes it; see its docstring)."""
    clientside_callback(
        SHOW_TAB_JS % json.dumps(TAB_KEYS),
        Output({"type": "admin-tab", "tab": ALL}, "className"),
        Output({"type": "admin-tab", "tab": ALL}, "aria-selected"),
        Output("admin-active-tab", "data"),
        *[Output(f"admin-panel-{key}", "hidden") for key in TAB_KEYS],
        Input({"type": "admin-tab", "tab": ALL}, "n_clicks"),
        State({"type": "admin-tab", "tab": ALL}, "id"),
        prevent_initial_call=True,
    )
    for tab in TABS:
        tab.register_callbacks()
