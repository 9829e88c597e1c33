"""Contact directory (``/contacts``): coordinators and support contacts, searchable.

Search is diacritic-insensitive ("uzulina" finds "Ūzuliņa"); entries not verified within the
configured age (``CONTACT_STALE_MONTHS``, default 12) carry a visible "may be out of date" marker.
Inactive contacts never leave the server. What the page shows is built in
``dashboard/components/contact_list.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html
from flask import current_app

from dashboard import queries
from dashboard.components.contact_list import (
    contact_list,
    directory_filters,
    matching_contacts,
    official_links,
)
from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang

dash.register_page(
    __name__,
    path="/contacts",
    name="Contacts",
    title=lambda **_: page_title("Contacts"),
    description=lambda **_: page_description(
        "Regional and municipal remigration coordinators and support contacts."
    ),
)


def _stale_months() -> int:
    return current_app.config["REMIGRATION"].contact_stale_months


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    return html.Div(
        [
            html.H1(t("Contacts", lang), className="h2"),
            html.P(
                t(
                    "Regional and municipal remigration coordinators and support "
                    "contacts. Advice is free of charge. If your municipality is not "
                    "listed, write to the regional coordinator or see the programme's "
                    "website paps.lv.",
                    lang,
                ),
                className="lead",
            ),
            directory_filters(lang, queries.regions(), query),
            html.P(id="contacts-count", role="status", className="fw-semibold"),
            dbc.Row(id="contacts-list", className="g-3"),
            official_links(queries.links(), lang),
            dcc.Store(id="contacts-lang", data=lang),
        ]
    )


@callback(
    Output("contacts-list", "children"),
    Output("contacts-count", "children"),
    Input("contacts-search", "value"),
    Input("contacts-region", "value"),
    Input("contacts-sort", "value"),
    State("contacts-lang", "data"),
)
def render_contact_list(search, region, sort, lang):
    """The directory entries matching the search box and region, in the chosen order."""
    lang = current_lang(lang)
    found = matching_contacts(queries.contacts(active_only=True), search, region, sort)
    return contact_list(found, lang, dt.date.today(), _stale_months())
