"""The contact directory of ``/contacts``: its search/region/sort controls, the entries that
match them (as cards) and the official links under them.

Plain functions of plain rows (``queries.contacts()`` dicts), today's date and the staleness age,
so what a reader finds for a search, and how an entry reads, is tested without a server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.contact_details import format_phone
from dashboard.directory import SORT_KEYS, filter_contacts, is_stale, sort_contacts
from dashboard.i18n import localized, t, tn
from dashboard.i18n.formatting import format_date

ALL = "all"  # the region choice that means "every region"
SEARCH_MAX = 200  # characters; dashboard/web/callback_inputs.py refuses longer searches


def sort_labels(lang: str) -> dict[str, str]:
    """The label of each sort order (``SORT_KEYS``)."""
    return {
        "name": t("name", lang),
        "region": t("region", lang),
        "verified": t("date verified", lang),
    }


def region_options(regions: Iterable[dict[str, Any]], lang: str) -> list[dict[str, str]]:
    """ "All regions" followed by every planning region, for the region ``<select>``."""
    return [{"label": t("All regions", lang), "value": ALL}] + [
        {"label": localized(r, "name", lang), "value": r["code"]} for r in regions
    ]


def initial_choices(query: Mapping[str, Any], region_codes: Iterable[str]) -> tuple[str, str, str]:
    """``(search, region, sort)`` for the controls from the page's query string: a shared link
    reopens the same view; unknown values fall back to all regions and name order, and the
    search is cut to what the input accepts."""
    region = query.get("region")
    region = region if region == ALL or region in set(region_codes) else ALL
    sort = query.get("sort") if query.get("sort") in SORT_KEYS else "name"
    return str(query.get("q", ""))[:SEARCH_MAX], region, sort


def directory_filters(
    lang: str, regions: Sequence[dict[str, Any]], query: Mapping[str, Any]
) -> dbc.Row:
    """Search box, region ``<select>`` and sort ``<select>``, set from the query string."""
    search, region, sort = initial_choices(query, [r["code"] for r in regions])
    labels = sort_labels(lang)
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(
                        t("Search (name, municipality, role)", lang), html_for="contacts-search"
                    ),
                    dbc.Input(
                        id="contacts-search",
                        type="search",
                        value=search,
                        maxLength=SEARCH_MAX,
                        debounce=False,
                        autocomplete="off",
                    ),
                ],
                md=6,
            ),
            dbc.Col(
                [
                    dbc.Label(t("Planning region", lang), html_for="contacts-region"),
                    dbc.Select(
                        id="contacts-region", options=region_options(regions, lang), value=region
                    ),
                ],
                md=3,
            ),
            dbc.Col(
                [
                    dbc.Label(t("Sort by", lang), html_for="contacts-sort"),
                    dbc.Select(
                        id="contacts-sort",
                        options=[{"label": labels[k], "value": k} for k in SORT_KEYS],
                        value=sort,
                    ),
                ],
                md=3,
            ),
        ],
        className="g-3 mb-3",
    )


def matching_contacts(
    contacts: Iterable[dict[str, Any]], search: str | None, region: str | None, sort: str | None
) -> list[dict[str, Any]]:
    """The entries matching the search (diacritics optional) in the region (``"all"`` or none:
    every region), in the chosen order (name order for an unknown one)."""
    region = None if not region or region == ALL else region
    found = filter_contacts(contacts, search or "", region)
    return sort_contacts(found, sort if sort in SORT_KEYS else "name")


def contact_card(contact: dict[str, Any], lang: str, today: dt.date, months: int) -> dbc.Card:
    """One directory entry. Names and notes are rendered as text, never as markup."""
    stale = is_stale(contact.get("verified_on"), today, months)
    region = contact.get("region")
    municipality = contact.get("municipality")
    where = [
        html.Span(t("Region", lang) + f": {localized(region, 'name', lang)}") if region else None,
        html.Span(t("Municipality", lang) + f": {localized(municipality, 'name', lang)}")
        if municipality
        else None,
    ]
    channels: list[Any] = []
    if contact.get("email"):
        channels.append(
            html.Li(
                [
                    t("E-mail", lang) + ": ",
                    html.A(contact["email"], href=f"mailto:{contact['email']}"),
                ]
            )
        )
    if contact.get("phone"):
        channels.append(
            html.Li(
                [
                    t("Phone", lang) + ": ",
                    html.A(format_phone(contact["phone"]), href=f"tel:{contact['phone']}"),
                ]
            )
        )
    if not channels:
        channels.append(
            html.Li(
                t("The source gives no e-mail or phone.", lang), className="text-body-secondary"
            )
        )
    verified = (
        t("Verified on {date}", lang, date=format_date(contact["verified_on"], lang))
        if contact.get("verified_on")
        else t("Date of verification unknown", lang)
    )
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(contact["name"], className="h5 card-title mb-1"),
                html.P(localized(contact, "role", lang), className="mb-1"),
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
                            ["⚠ ", t("may be out of date", lang)],
                            className="badge text-bg-warning stale-badge",
                            title=tn(
                                "Last verified more than {n} month ago, or never.",
                                "Last verified more than {n} months ago, or never.",
                                months,
                                lang,
                            ),
                        )
                        if stale
                        else None,
                    ],
                    className="small mb-2",
                ),
                html.A(
                    t("Download contact card (vCard)", lang),
                    href=f"/download/contact/{contact['code']}.vcf",
                    className="small",
                    **{
                        "aria-label": t(
                            "Download contact card (vCard): {name}", lang, name=contact["name"]
                        )
                    },
                ),
            ]
        ),
        className="h-100 contact-card",
        id=f"contact-{contact['code']}",
    )


def contact_list(
    contacts: Sequence[dict[str, Any]], lang: str, today: dt.date, months: int
) -> tuple[list[Any], str]:
    """The cards of ``contacts`` (or a "none found" notice) and the count line above them."""
    if not contacts:
        return [
            dbc.Col(
                dbc.Alert(
                    t("No contact matches your search. General information: paps.lv.", lang),
                    color="info",
                )
            )
        ], t("Contacts found: {n}", lang, n=0)
    cards = [dbc.Col(contact_card(c, lang, today, months), md=6, lg=4) for c in contacts]
    return cards, t("Contacts found: {n}", lang, n=len(contacts))


def official_links(links: Iterable[dict[str, Any]], lang: str) -> html.Section:
    """The official pages on remigration, each with the date it was cited."""
    items = []
    for link in links:
        cited = (
            " (" + t("cited {date}", lang, date=format_date(link["cited_on"], lang)) + ")"
            if link.get("cited_on")
            else ""
        )
        items.append(
            html.Li(
                [html.A(localized(link, "title", lang), href=link["url"], rel="noopener"), cited]
            )
        )
    return html.Section(
        [
            html.H2(t("Official pages", lang), className="h4 mt-5"),
            html.Ul(items, id="official-links"),
        ]
    )
