"""The contact directory of ``/contacts``: its search/region/sort controls, the listing that
answers "whom do I contact in my region today?" (each region's coordinator or office first,
then its other contacts, the ministry, and former coordinators collapsed) and the official
links under it.

Plain functions of plain rows (``queries.directory_entries()`` dicts chosen by
``dashboard.regional_directory.directory_view``), today's date and the staleness age, so what a
reader finds for a search, and how an entry reads, is tested without a server. One card is
built in ``contact_cards.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.contact_cards import contact_card, office_route, route_card
from dashboard.directory import SORT_KEYS, filter_contacts, sort_contacts
from dashboard.i18n import localized, normalise_lang, t
from dashboard.i18n.formatting import format_date
from dashboard.regional_directory import DirectoryView, RegionBlock

ALL = "all"  # the region choice that means "every region"
SEARCH_MAX = 200  # characters; dashboard/web/callback_inputs.py refuses longer searches


def sort_labels(lang: str) -> dict[str, str]:
    """The label of each sort order (``SORT_KEYS``)."""
    return {
        "name": t("name", lang),
        "region": t("region", lang),
        "verified": t("newest date first", lang),
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
                        t("Search (municipality, also a former one; name, role)", lang),
                        html_for="contacts-search",
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


def _cards(cards: Sequence[Any]) -> list[dbc.Col]:
    return [dbc.Col(card, md=6, lg=4) for card in cards]


def region_section(
    block: RegionBlock,
    lang: str,
    today: dt.date,
    months: int,
    links: Sequence[dict[str, Any]],
) -> html.Section:
    """A planning region's heading and cards: its current coordinator first (or, when none is
    published, the route through its office), then earlier coordinators, the office and the
    municipalities' contacts."""
    region = block.region
    route = office_route(region, block.offices, links, lang)
    cards: list[Any] = []
    if block.current:
        cards += [
            contact_card(c, lang, today, months, badge="coordinator", route=route)
            for c in block.current
        ]
        cards += [
            contact_card(c, lang, today, months, badge="earlier", route=route)
            for c in block.earlier
        ]
        cards += [contact_card(c, lang, today, months) for c in block.offices]
    else:
        cards.append(route_card(region, block.offices, links, lang))
    cards += [contact_card(c, lang, today, months, route=route) for c in block.others]
    return html.Section(
        [
            html.H2(localized(region, "long_name", lang), className="h4 mt-2"),
            dbc.Row(_cards(cards), className="g-3"),
        ],
        className="region-contacts mb-4",
        id=f"contacts-region-{region['code']}",
        **{"aria-label": localized(region, "long_name", lang)},
    )


def place_answer(view: DirectoryView, regions: Sequence[dict[str, Any]], lang: str) -> Any:
    """ "Rundāles novads (until 30.06.2021) is now part of Bauskas novads, in Zemgale." for
    each municipality the search named; ``None`` when it named none."""
    if not view.places and view.elsewhere is None:
        return None
    names = {r["code"]: localized(r, "name", lang) for r in regions}
    lines = []
    for place in view.places:
        unit = place.unit
        unit_name = unit.name_lv if normalise_lang(lang) == "lv" else unit.name_en
        region_names = ", ".join(names.get(code, code) for code in place.region_codes)
        current = [u for u in place.current if u.code != unit.code or u.division != unit.division]
        if place.is_former and current:
            lines.append(
                t(
                    "{place} (until {date}) is now part of {current}, in the {region} planning "
                    "region.",
                    lang,
                    place=unit_name,
                    date=format_date(unit.valid_to, lang),
                    current=", ".join(
                        u.name_lv if normalise_lang(lang) == "lv" else u.name_en for u in current
                    ),
                    region=region_names,
                )
            )
        elif place.is_former:
            lines.append(
                t(
                    "{place} (until {date}) was in the {region} planning region.",
                    lang,
                    place=unit_name,
                    date=format_date(unit.valid_to, lang),
                    region=region_names,
                )
            )
        else:
            lines.append(
                t(
                    "{place} is in the {region} planning region.",
                    lang,
                    place=unit_name,
                    region=region_names,
                )
            )
    if view.elsewhere is not None:
        lines.append(
            t(
                "Showing the contacts of the region “{query}” belongs to, not of {region}.",
                lang,
                query=view.query,
                region=localized(view.elsewhere, "name", lang),
            )
        )
    return dbc.Alert(
        [html.P(line, className="mb-1") for line in dict.fromkeys(lines)],
        color="info",
        id="contacts-place",
        className="mb-3",
    )


def former_section(former: Sequence[dict[str, Any]], lang: str, today: dt.date, months: int):
    """Former coordinators, collapsed under their own heading (a reader asking "whom today?"
    should not write to them, one tracing a past contact can still find them)."""
    if not former:
        return None
    return html.Details(
        [
            html.Summary(
                html.H2(
                    t("Former coordinators", lang) + f" ({len(former)})",
                    className="h5 d-inline",
                ),
            ),
            dbc.Row(
                _cards([contact_card(c, lang, today, months, badge="former") for c in former]),
                className="g-3 mt-1",
            ),
        ],
        id="contacts-former",
        className="mt-4 mb-3",
    )


def directory(
    view: DirectoryView,
    regions: Sequence[dict[str, Any]],
    links: Sequence[dict[str, Any]],
    lang: str,
    today: dt.date,
    months: int,
) -> tuple[list[Any], str]:
    """The page's listing for ``view`` and the count line above it. A region always answers
    with its coordinator or its office; only a search that finds nothing says so."""
    out: list[Any] = [place_answer(view, regions, lang)]
    count = 0
    if view.found:
        cards = [
            contact_card(
                c,
                lang,
                today,
                months,
                route=office_route(
                    c.get("region"),
                    view.offices.get((c.get("region") or {}).get("code"), []),
                    links,
                    lang,
                ),
            )
            for c in view.found
        ]
        out.append(dbc.Row(_cards(cards), className="g-3 mb-3"))
        count += len(view.found)
    elif view.found is not None and view.blocks:  # nothing in the chosen region matches
        region = localized(view.blocks[0].region, "name", lang)
        out.append(
            html.P(
                t(
                    "No contact in {region} matches “{query}”.",
                    lang,
                    region=region,
                    query=view.query,
                ),
                className="mb-2",
            )
        )
    elif view.found is not None and not view.former:
        out.append(
            dbc.Alert(
                t("No contact matches your search. General information: paps.lv.", lang),
                color="info",
            )
        )
    for block in view.blocks:
        out.append(region_section(block, lang, today, months, links))
        count += len(block.shown)
    if view.ministry:
        route = office_route(None, [], [], lang)
        cards = [contact_card(c, lang, today, months, route=route) for c in view.ministry]
        out.append(
            html.Section(
                [
                    html.H2(t("The ministry (VARAM)", lang), className="h4 mt-2"),
                    dbc.Row(_cards(cards), className="g-3"),
                ],
                id="contacts-ministry",
                className="mb-4",
            )
        )
        count += len(view.ministry)
    out.append(former_section(view.former, lang, today, months))
    return [c for c in out if c is not None], t("Contacts found: {n}", lang, n=count)


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
