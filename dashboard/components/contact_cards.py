"""One directory entry as a card, and the "contact the planning region's office" route.

Each card says where its details come from ("as published on 21.05.2024 in …", the source
linked) instead of a bare "verified" date, and is marked "may be out of date" when the newest
date saying it was current (:func:`dashboard.regional_directory.as_of`) is older than the
configured age. Where neither an e-mail nor a phone is published for a person, the card says so
and names the planning region's office as the way to reach them.
Plain functions of plain rows (``queries.directory_entries()``), tested without a server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import dash_bootstrap_components as dbc
from babel.dates import format_date as babel_format_date
from dash import html

from dashboard.contact_details import format_phone
from dashboard.directory import is_stale
from dashboard.i18n import N_, localized, normalise_lang, t, tn
from dashboard.i18n.formatting import format_date
from dashboard.regional_directory import as_of, has_channel, kind_of, source_date

_SLOT = "\x00"  # where a link goes in a translated sentence
PAPS_URL = "https://www.paps.lv/"

# The badge over a card: what the entry is, in a word or two.
KIND_LABELS = {
    "coordinator": N_("Regional coordinator"),
    "earlier": N_("Coordinator in an earlier source"),
    "office": N_("Planning region's office"),
    "local": N_("Municipality contact"),
    "other": N_("Regional contact"),
    "ministry": N_("Ministry"),
    "former": N_("Former coordinator"),
}

# Bootstrap badge colours (white text on these passes WCAG AA): the answer to "whom today?"
# stands out in dark, the rest in grey.
_BADGE_COLOURS = {"coordinator": "text-bg-dark", "office": "text-bg-dark"}

# What a provenance line says of the source: (with a date, without one), by what it vouches for.
PUBLISHED = {
    "plain": (
        N_("As published on {date} in {source}"),
        N_("As published in {source} (date not stated)"),
    ),
    "role": (
        N_("In the role as published on {date} in {source}"),
        N_("In the role as published in {source} (date not stated)"),
    ),
    "details": (
        N_("Contact details as published on {date} in {source}"),
        N_("Contact details as published in {source} (date not stated)"),
    ),
}


def with_link(sentence: str, link: Any) -> list[Any]:
    """``sentence`` (translated, with :data:`_SLOT` for the source) around ``link``."""
    before, _, after = sentence.partition(_SLOT)
    return [part for part in (before, link, after) if part != ""]


def source_link(source: dict[str, Any] | None, lang: str) -> Any:
    """The publisher (and site) of a source, linked to its page where it has one."""
    if not source:
        return t("source not stated", lang)
    publisher = source.get("publisher") or source.get("title") or ""
    url = source.get("url")
    if not url:
        title = source.get("title")
        return f"{publisher}, “{title}”" if title and title != publisher else publisher
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    label = publisher if not host or host in publisher.casefold() else f"{publisher} ({host})"
    return html.A(label, href=url, rel="noopener")


def publication_date(source: dict[str, Any] | None, lang: str) -> str | None:
    """The source's date as precisely as it states it (21.05.2024, 05.2024), or ``None``."""
    on = source_date({"source": source}) if source else None
    if on is None:
        return None
    if source and source.get("published_precision") == "month":
        pattern = "MM.y" if normalise_lang(lang) == "lv" else "MMM y"
        return babel_format_date(on, pattern, locale=normalise_lang(lang))
    return format_date(on, lang)


def as_published(
    source: dict[str, Any] | None, lang: str, on: str | None = None, what: str = "plain"
) -> list[Any]:
    """ "As published on <date> in <source>" (or "… date not stated"); ``what`` the line
    vouches for: the entry (``plain``), the person's role or the contact details."""
    on = on or publication_date(source, lang)
    link = source_link(source, lang)
    dated, undated = PUBLISHED[what]
    if on is None:
        return with_link(t(undated, lang, source=_SLOT), link)
    return with_link(t(dated, lang, date=on, source=_SLOT), link)


def provenance(contact: dict[str, Any], lang: str) -> list[Any]:
    """Where the entry's role and details come from, one line each, and an editor's check."""
    lines: list[Any] = []
    role_source = contact.get("role_source")
    source = contact.get("source")
    confirmed = contact.get("role_confirmed_on")
    if confirmed:
        on = format_date(confirmed, lang)
        lines.append(
            as_published(role_source, lang, on, "role")
            if role_source
            else t("In the role as published on {date}", lang, date=on)
        )
    same = role_source and source and role_source.get("url") == source.get("url")
    if source and not same:
        what = "details" if confirmed and has_channel(contact) else "plain"
        lines.append(as_published(source, lang, what=what))
    elif not source and not confirmed:
        lines.append(t("Source not stated", lang))
    checked = contact.get("verified_on")
    if checked and checked not in (confirmed, source_date(contact)):
        lines.append(t("Checked by the editors on {date}", lang, date=format_date(checked, lang)))
    return [html.Span(line, className="d-block") for line in lines]


def stale_badge(contact: dict[str, Any], lang: str, today: dt.date, months: int) -> Any:
    """ "⚠ may be out of date (21.05.2024)", or ``None`` when the newest date is recent."""
    newest = as_of(contact)
    if not is_stale(newest, today, months):
        return None
    when = format_date(newest, lang) if newest else t("no date published", lang)
    return html.Span(
        ["⚠ ", t("may be out of date", lang), f" ({when})"],
        className="badge text-bg-warning stale-badge text-wrap",
        title=tn(
            "The newest date saying these details were current is more than {n} month ago, "
            "or none is published.",
            "The newest date saying these details were current is more than {n} months ago, "
            "or none is published.",
            months,
            lang,
        ),
    )


def channels(contact: dict[str, Any], lang: str) -> list[Any]:
    """The e-mail and phone lines (``[]`` when none is published)."""
    out: list[Any] = []
    if contact.get("email"):
        out.append(
            html.Li(
                [
                    t("E-mail", lang) + ": ",
                    html.A(contact["email"], href=f"mailto:{contact['email']}"),
                ]
            )
        )
    if contact.get("phone"):
        out.append(
            html.Li(
                [
                    t("Phone", lang) + ": ",
                    html.A(format_phone(contact["phone"]), href=f"tel:{contact['phone']}"),
                ]
            )
        )
    return out


def office_route(
    region: dict[str, Any] | None,
    offices: Sequence[dict[str, Any]],
    links: Sequence[dict[str, Any]],
    lang: str,
    *,
    label: bool = True,
    pages: bool = True,
) -> list[Any]:
    """How to reach the planning region's office: its published general contact with its
    source, else that our sources have none, its own pages among the cited links, and paps.lv
    (after "Contact through the planning region's office:" when ``label``)."""
    if region is None:  # the ministry: reach it through a region
        return [t("Write to your planning region's coordinator or office.", lang)]
    name = localized(region, "long_name", lang)
    out: list[Any] = []
    if label:
        out.append(html.Strong(t("Contact through the planning region's office", lang) + ": "))
    for office in offices:
        out.append(html.Ul(channels(office, lang), className="list-unstyled mb-1"))
        out.append(html.Span(as_published(office.get("source"), lang), className="small d-block"))
    if not any(has_channel(o) for o in offices):
        out.append(
            html.Span(
                t(
                    "The {office}'s general e-mail and phone are not in our sources.",
                    lang,
                    office=name,
                ),
                className="d-block",
            )
        )
    if pages:  # the office's own pages among the cited links, and the programme's website
        own = [link for link in links if link.get("publisher") == region.get("long_name_lv")]
        items = [
            html.A(localized(link, "title", lang), href=link["url"], rel="noopener") for link in own
        ]
        items.append(
            html.A(t("paps.lv – the programme's website", lang), href=PAPS_URL, rel="noopener")
        )
        out.append(html.Ul([html.Li(item) for item in items], className="mb-0 small"))
    return out


def contact_card(
    contact: dict[str, Any],
    lang: str,
    today: dt.date,
    months: int,
    *,
    badge: str | None = None,
    route: list[Any] | None = None,
) -> dbc.Card:
    """One directory entry. Names and notes are rendered as text, never as markup.

    ``route``: how to reach the person when neither e-mail nor phone is published (the
    planning region's office, :func:`office_route`). A former coordinator's card gives no
    channel and no vCard: the address may reach nobody.
    """
    kind = badge or kind_of(contact)
    former = kind == "former"
    region = contact.get("region")
    municipality = contact.get("municipality")
    where = [
        html.Span(t("Region", lang) + f": {localized(region, 'name', lang)}") if region else None,
        html.Span(t("Municipality", lang) + f": {localized(municipality, 'name', lang)}")
        if municipality
        else None,
    ]
    body: list[Any] = [
        html.Span(
            t(KIND_LABELS.get(kind, "Regional contact"), lang),
            className=f"badge {_BADGE_COLOURS.get(kind, 'text-bg-secondary')} contact-kind "
            f"contact-kind-{kind} mb-2 align-self-start",
        ),
        html.H3(contact["name"], className="h5 card-title mb-1"),
        html.P(localized(contact, "role", lang), className="mb-1"),
        html.P(contact["organisation"], className="mb-1 text-body-secondary"),
        html.P(
            [w for w in where if w is not None],
            className="small mb-2 contact-where d-flex flex-wrap gap-3",
        ),
    ]
    if not former:
        lines = channels(contact, lang)
        if not lines:
            lines = [html.Li(t("No e-mail or phone published.", lang), className="no-channel")]
        body.append(html.Ul(lines, className="list-unstyled mb-2"))
        if not has_channel(contact) and route:
            body.append(html.Div(route, className="small mb-2 contact-route"))
    body.append(
        html.P(
            [*provenance(contact, lang), stale_badge(contact, lang, today, months)],
            className="small mb-2 contact-provenance",
        )
    )
    if not former:
        body.append(
            html.A(
                t("Download contact card (vCard)", lang),
                href=f"/download/contact/{contact['code']}.vcf",
                className="small",
                **{
                    "aria-label": t(
                        "Download contact card (vCard): {name}", lang, name=contact["name"]
                    )
                },
            )
        )
    return dbc.Card(
        dbc.CardBody(body),
        className=f"h-100 contact-card contact-card-{kind}",
        id=f"contact-{contact['code']}",
    )


def route_card(
    region: dict[str, Any],
    offices: Sequence[dict[str, Any]],
    links: Sequence[dict[str, Any]],
    lang: str,
) -> dbc.Card:
    """The first card of a region with no coordinator contact: its office instead."""
    name = localized(region, "long_name", lang)
    return dbc.Card(
        dbc.CardBody(
            [
                html.Span(
                    t(KIND_LABELS["office"], lang),
                    className="badge text-bg-dark contact-kind contact-kind-route mb-2",
                ),
                html.H3(name, className="h5 card-title mb-1"),
                html.P(
                    t(
                        "No coordinator contact is published for {region}; contact the "
                        "{office}'s office:",
                        lang,
                        region=localized(region, "name", lang),
                        office=name,
                    ),
                    className="mb-2",
                ),
                *office_route(region, offices, links, lang, label=False),
            ]
        ),
        className="h-100 contact-card route-card",
        id=f"contact-route-{region['code']}",
    )
