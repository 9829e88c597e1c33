"""Contact directory (``/contacts``): coordinators and support contacts, searchable.

Search is diacritic-insensitive ("uzulina" finds "Ūzuliņa"); entries not verified within the
configured age (``CONTACT_STALE_MONTHS``, default 12) carry a visible "may be out of date" marker.
Inactive contacts never leave the server.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html
from flask import current_app

from dashboard import queries
from dashboard.contact_details import format_phone
from dashboard.directory import SORT_KEYS, filter_contacts, is_stale, sort_contacts
from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang
from dashboard.i18n.formatting import format_date

dash.register_page(
    __name__,
    path="/contacts",
    name="Contacts",
    title=lambda **_: page_title("contacts"),
    description=lambda **_: page_description("contacts"),
)


ALL = "all"
SEARCH_MAX = 200  # characters; dashboard/callback_inputs.py refuses longer searches


def _stale_months() -> int:
    return current_app.config["REMIGRATION"].contact_stale_months


def contact_card(contact: dict[str, Any], lang: str, today: dt.date, months: int) -> dbc.Card:
    """One directory entry. Names and notes are rendered as text, never as markup."""
    suffix = "en" if lang == "en" else "lv"
    stale = is_stale(contact.get("verified_on"), today, months)
    region = contact.get("region")
    municipality = contact.get("municipality")
    where = [
        html.Span(f"{t('contacts.region_label', lang)}: {region[f'name_{suffix}']}")
        if region
        else None,
        html.Span(f"{t('contacts.municipality_label', lang)}: {municipality[f'name_{suffix}']}")
        if municipality
        else None,
    ]
    channels: list[Any] = []
    if contact.get("email"):
        channels.append(
            html.Li(
                [
                    f"{t('contacts.email', lang)}: ",
                    html.A(contact["email"], href=f"mailto:{contact['email']}"),
                ]
            )
        )
    if contact.get("phone"):
        channels.append(
            html.Li(
                [
                    f"{t('contacts.phone', lang)}: ",
                    html.A(format_phone(contact["phone"]), href=f"tel:{contact['phone']}"),
                ]
            )
        )
    if not channels:
        channels.append(html.Li(t("contacts.no_channel", lang), className="text-body-secondary"))
    verified = (
        t("contacts.verified", lang, date=format_date(contact["verified_on"], lang))
        if contact.get("verified_on")
        else t("contacts.verified_unknown", lang)
    )
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(contact["name"], className="h5 card-title mb-1"),
                html.P(contact[f"role_{suffix}"], className="mb-1"),
                html.P(contact["organisation"], className="mb-1 text-body-secondary"),
                html.P(
                    [w for w in where if w is not None],
                    className="small mb-2 contact-where d-flex flex-wrap gap-3",
                ),
                html.Ul(channels, className="list-unstyled mb-2"),
                html.P(
                    [
                        verified,
                        " ",
                        html.Span(
                            ["⚠ ", t("contacts.stale", lang)],
                            className="badge text-bg-warning stale-badge",
                            title=t("contacts.stale_help", lang, months=months),
                        )
                        if stale
                        else None,
                    ],
                    className="small mb-2",
                ),
                html.A(
                    t("contacts.vcard", lang),
                    href=f"/download/contact/{contact['code']}.vcf",
                    className="small",
                    **{"aria-label": t("contacts.vcard_for", lang, name=contact["name"])},
                ),
            ]
        ),
        className="h-100 contact-card",
        id=f"contact-{contact['code']}",
    )


def _links(lang: str) -> html.Section:
    suffix = "en" if lang == "en" else "lv"
    items = []
    for link in queries.links():
        cited = (
            f" ({t('contacts.cited', lang, date=format_date(link['cited_on'], lang))})"
            if link.get("cited_on")
            else ""
        )
        items.append(
            html.Li([html.A(link[f"title_{suffix}"], href=link["url"], rel="noopener"), cited])
        )
    return html.Section(
        [
            html.H2(t("contacts.links", lang), className="h4 mt-5"),
            html.Ul(items, id="official-links"),
        ]
    )


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    suffix = "en" if lang == "en" else "lv"
    region_options = [{"label": t("contacts.all_regions", lang), "value": ALL}] + [
        {"label": r[f"name_{suffix}"], "value": r["code"]} for r in queries.regions()
    ]
    sort_options = [{"label": t(f"contacts.sort.{k}", lang), "value": k} for k in SORT_KEYS]
    region = (
        query.get("region") if query.get("region") in {o["value"] for o in region_options} else ALL
    )
    sort = query.get("sort") if query.get("sort") in SORT_KEYS else "name"
    return html.Div(
        [
            html.H1(t("contacts.title", lang), className="h2"),
            html.P(t("contacts.intro", lang), className="lead"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label(t("contacts.search", lang), html_for="contacts-search"),
                            dbc.Input(
                                id="contacts-search",
                                type="search",
                                value=str(query.get("q", ""))[:SEARCH_MAX],
                                maxLength=SEARCH_MAX,
                                debounce=False,
                                autocomplete="off",
                            ),
                        ],
                        md=6,
                    ),
                    dbc.Col(
                        [
                            dbc.Label(t("contacts.region", lang), html_for="contacts-region"),
                            dbc.Select(id="contacts-region", options=region_options, value=region),
                        ],
                        md=3,
                    ),
                    dbc.Col(
                        [
                            dbc.Label(t("contacts.sort", lang), html_for="contacts-sort"),
                            dbc.Select(id="contacts-sort", options=sort_options, value=sort),
                        ],
                        md=3,
                    ),
                ],
                className="g-3 mb-3",
            ),
            html.P(id="contacts-count", role="status", className="fw-semibold"),
            dbc.Row(id="contacts-list", className="g-3"),
            _links(lang),
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
    search = search or ""
    region = None if not region or region == ALL else region
    found = filter_contacts(queries.contacts(active_only=True), search, region)
    ordered = sort_contacts(found, sort if sort in SORT_KEYS else "name")
    today = dt.date.today()
    months = _stale_months()
    if not ordered:
        return [dbc.Col(dbc.Alert(t("contacts.none", lang), color="info"))], t(
            "contacts.count", lang, n=0
        )
    cards = [dbc.Col(contact_card(c, lang, today, months), md=6, lg=4) for c in ordered]
    return cards, t("contacts.count", lang, n=len(ordered))
