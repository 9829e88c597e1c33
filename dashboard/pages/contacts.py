"""Contact directory (``/contacts``): whom to contact in each planning region today.

Each region lists its current coordinator first (or the route through its office when none is
published), then its other contacts; then the ministry; former coordinators are collapsed at the
end. Search is diacritic-insensitive ("uzulina" finds "Ūzuliņa") and accepts municipality names,
today's or former ones ("Rundāle" → Bauskas novads → Zemgale: ``queries.places``). Entries
whose newest date is older than the configured age (``CONTACT_STALE_MONTHS``, default 12) carry
a visible "may be out of date" marker with that date. Inactive entries other than former
coordinators never leave the server. What the page shows is chosen in
``dashboard/regional_directory.py`` and built in ``dashboard/components/contact_list.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
from dash import Input, Output, State, callback, dcc, html
from flask import current_app

from dashboard import queries
from dashboard.components.contact_list import (
    ALL,
    directory,
    directory_filters,
    initial_choices,
    official_links,
)
from dashboard.components.static_section import static_section
from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang
from dashboard.queries.places import resolve_place, units_covering
from dashboard.regional_directory import directory_view

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
    # The list the filters select, rendered with the page: the reader (and a phone's first
    # paint) sees it at once, and the callback's answer on load changes nothing.
    search, region, sort = initial_choices(query, [r["code"] for r in queries.regions()])
    entries, count = contact_list(search, region, sort, lang)
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
            html.P(count, id="contacts-count", role="status", className="fw-semibold"),
            html.Div(entries, id="contacts-list"),
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
    prevent_initial_call=True,  # the layout holds the first list (see ``layout``)
)
def render_contact_list(search, region, sort, lang):
    """Whom to contact for the search box and region: each region's coordinator or office first."""
    return contact_list(search, region, sort, current_lang(lang))


def contact_list(search: str | None, region: str | None, sort: str | None, lang: str) -> Any:
    """The directory's entries and the count line for a search, region and sort order."""
    places = resolve_place(search) if search else []
    view = directory_view(
        queries.directory_entries(),
        queries.regions(),
        search=search,
        region=None if region == ALL else region,
        sort=sort or "name",
        places=places,
        place_units=units_covering(places) if places else None,
    )
    entries, count = directory(
        view, queries.regions(), queries.links(), lang, dt.date.today(), _stale_months()
    )
    # Cards hold text and plain links only: React gets them as HTML (components/static_section).
    return static_section(entries), count
