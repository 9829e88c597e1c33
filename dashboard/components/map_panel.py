"""The side panel of ``/map`` for one municipality: its own published figures, its region's
figures for the map's period, whom to contact and (for pilot municipalities) the support on offer.

Built from plain rows (a feature, region, metrics, figures, contacts, measures) so what a reader
sees for a municipality can be checked without a database or a server.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.contact_cards import office_route, provenance
from dashboard.contact_details import format_phone
from dashboard.i18n import localized, t
from dashboard.i18n.formatting import format_date, format_number
from dashboard.queries.map_values import Figure
from dashboard.regional_directory import has_channel, region_block, role_confirmation

PAPS_URL = "https://www.paps.lv/"  # where to turn when a region has no coordinator listed


def panel_region(lang: str, first: Any = None) -> html.Aside:
    """The (live) region the panel is drawn into: ``first`` with the page, then by the page's
    callback."""
    return html.Aside(
        dbc.Card(dbc.CardBody(first, id="map-panel"), className="shadow-sm"),
        id="map-panel-region",
        **{"aria-live": "polite", "aria-label": t("Whom to contact", lang)},
    )


def empty_panel(lang: str) -> html.P:
    """The prompt shown before a municipality is selected."""
    return html.P(
        t("Select a municipality on the map, with the search box or in the table.", lang),
        className="mb-0",
    )


def region_figures(values: Sequence[tuple[dict[str, Any], Figure | None]], lang: str) -> html.Dl:
    """The region's figure of every measure for the map's period, with its unit, or "no data
    published" (never 0) where the region published none for exactly that period."""
    items: list[Any] = []
    for metric, figure in values:
        unit = localized(metric, "unit", lang)
        shown: list[Any] = (
            [html.Strong(format_number(figure.value, lang)), f" {unit}"]
            if figure is not None
            else [html.Span(t("no data published", lang), className="text-body-secondary")]
        )
        items += [
            html.Dt(localized(metric, "name", lang), className="fw-normal"),
            html.Dd(shown, className="mb-1"),
        ]
    return html.Dl(items, className="mb-2 panel-figures")


def _source_line(figure: Figure, lang: str) -> list[Any]:
    source = figure.source
    if source is None:
        return [t("source not stated", lang)]
    label = source["publisher"] or source["title"]
    parts: list[Any] = [
        html.A(label, href=source["url"], rel="noopener", lang="lv")
        if source.get("url")
        else html.Span(label, lang="lv")
    ]
    if source.get("published_on"):
        parts.append(", " + format_date(source["published_on"], lang))
    return [t("Source", lang) + ": ", *parts]


def unit_figures(
    figures: Sequence[Figure],
    metrics: Sequence[dict[str, Any]],
    lang: str,
    *,
    unit_name: str,
    region_name: str,
    former: Sequence[tuple[str, Sequence[Figure]]] = (),
) -> list[Any]:
    """The municipality's own published figures, each with its period and source; or, when it
    has none, that none are published and that its planning region's figures are below.

    ``former`` are ``(name, figures)`` of the 2009 units a 2021 unit was formed from: their
    figures are listed under their own names, never added to the unit's.
    """
    by_code = {m["code"]: m for m in metrics}

    def listing(items: Sequence[Figure], ident: str | None = None) -> html.Ul:
        rows = []
        for f in items:
            metric = by_code.get(f.metric, {"name_lv": f.metric, "name_en": f.metric})
            period = f.period_label_lv if lang == "lv" else f.period_label_en
            rows.append(
                html.Li(
                    [
                        f"{localized(metric, 'name', lang)}, {period}: ",
                        html.Strong(format_number(f.value, lang)),
                        f" {localized(metric, 'unit', lang)}" if metric.get("unit_lv") else "",
                        html.Br(),
                        html.Span(_source_line(f, lang), className="small text-body-secondary"),
                    ],
                    className="mb-1",
                )
            )
        extra = {"id": ident} if ident else {}
        return html.Ul(rows, className="list-unstyled mb-2", **extra)

    out: list[Any] = []
    if figures:
        out.append(listing(figures, "map-panel-unit-figures"))
    else:
        out.append(
            html.P(
                t(
                    "No figures are published for {unit}. See the figures of its planning "
                    "region, {region}, below.",
                    lang,
                    unit=unit_name,
                    region=region_name,
                ),
                id="map-panel-no-unit-figures",
            )
        )
    for name, items in former:
        if items:
            out += [
                html.P(
                    t("Published for {unit} (before July 2021):", lang, unit=name),
                    className="small fw-semibold mb-1",
                ),
                listing(items),
            ]
    return out


def contacts_for(
    contacts: Iterable[dict[str, Any]], region_code: str, municipality_code: str
) -> list[dict[str, Any]]:
    """The municipality's own contacts and its region's coordinators (contacts of the region
    that belong to no municipality); another municipality's contacts never show."""
    return [
        c
        for c in contacts
        if (c.get("municipality") or {}).get("code") == municipality_code
        or ((c.get("region") or {}).get("code") == region_code and not c.get("municipality"))
    ]


def panel_contacts(contacts: Sequence[dict[str, Any]], region_code: str, lang: str) -> list[Any]:
    """Whom to contact, as ``/contacts`` answers it: the region's current coordinator first
    (``dashboard.regional_directory.region_block``), or, when none is published, the route
    through the planning region's office; then the office and the municipality's own contacts.
    Where a person has neither e-mail nor phone, the entry says so and names the office."""
    region = next((c["region"] for c in contacts if c.get("region")), None) or {"code": region_code}
    rows = [  # contacts_for chose them for this region: an entry without one belongs here
        dict(
            c,
            region=c.get("region") or region,
            role_confirmed_on=(role_confirmation(c.get("note")) or (None,))[0],
        )
        for c in contacts
    ]
    block = region_block(region, rows)
    route = office_route(region, block.offices, [], lang) if "long_name_lv" in region else []
    out: list[Any] = []
    if not block.current:
        name = localized(region, "long_name", lang) if "long_name_lv" in region else None
        out.append(
            html.P(
                t(
                    "No coordinator contact is published for {region}; contact the "
                    "{office}'s office:",
                    lang,
                    region=localized(region, "name", lang),
                    office=name,
                )
                if name
                else t(
                    "No coordinator contact is published for this planning region; contact "
                    "the planning region's office.",
                    lang,
                ),
                id="map-panel-no-contacts",
            )
        )
        if name:  # the office's published general contact, or that our sources have none
            out += office_route(region, block.offices, [], lang, label=False, pages=False)
        out.append(
            html.Ul(
                [
                    html.Li(
                        html.A(
                            t("paps.lv – the programme's website", lang),
                            href=PAPS_URL,
                            rel="noopener",
                        )
                    ),
                    html.Li(
                        html.A(
                            t("All contacts", lang),
                            href=f"/contacts?region={region_code}",
                        )
                    ),
                ]
            )
        )
    entries = block.current + block.earlier + (block.offices if block.current else [])
    entries += block.others
    items = []
    for c in entries:
        lines: list[Any] = [html.Strong(c["name"]), html.Br(), localized(c, "role", lang)]
        if c.get("email"):
            lines += [html.Br(), html.A(c["email"], href=f"mailto:{c['email']}")]
        if c.get("phone"):
            lines += [html.Br(), html.A(format_phone(c["phone"]), href=f"tel:{c['phone']}")]
        if not has_channel(c):
            lines += [html.Br(), html.Span(t("No e-mail or phone published.", lang))]
            if route:
                lines.append(html.Div(route, className="small contact-route"))
        lines.append(html.Span(provenance(c, lang), className="small text-body-secondary d-block"))
        items.append(html.Li(lines, className="mb-2"))
    if items:
        out.append(html.Ul(items, className="list-unstyled mb-1", id="map-panel-contacts"))
    return out


def panel_measures(measures: Sequence[dict[str, Any]], lang: str) -> list[Any]:
    """The support measures' titles, linked where the measure has a page."""
    if not measures:
        return [
            html.P(t("Our sources do not yet describe this municipality's support measures.", lang))
        ]
    return [
        html.Ul(
            [
                html.Li(
                    [
                        html.A(localized(m, "title", lang), href=m["url"], rel="noopener")
                        if m.get("url")
                        else html.Span(localized(m, "title", lang)),
                    ]
                )
                for m in measures
            ],
            id="map-panel-measures",
        )
    ]


def map_panel(
    feature: dict[str, Any],
    region: dict[str, Any],
    *,
    pilot: bool,
    period: str,
    figures: Any,
    contacts: Sequence[dict[str, Any]],
    measures: Sequence[dict[str, Any]] | None,
    lang: str,
    unit_block: Sequence[Any] = (),
    notes: Sequence[str] = (),
) -> list[Any]:
    """The panel for ``feature`` (a municipality boundary) in ``region``.

    ``figures`` is the region's figures block (:func:`region_figures`) for ``period``,
    ``unit_block`` the municipality's own (:func:`unit_figures`), ``notes`` what the unit was
    or became in the other division, ``contacts`` those of :func:`contacts_for`; ``measures``
    are listed for a pilot municipality only. The heading takes focus after a search
    (``tabIndex=-1``: focusable by script, not in the tab order).
    """
    children: list[Any] = [
        html.H2(
            localized(feature["properties"], "name", lang),
            className="h4",
            id="map-panel-title",
            tabIndex="-1",
        ),
        html.P(
            [
                t("Planning region: {region}", lang, region=localized(region, "name", lang)),
                html.Span(
                    " ★ " + t("Pilot municipality", lang), className="badge text-bg-dark ms-2"
                )
                if pilot
                else None,
            ],
            id="map-panel-region-name",
        ),
        *[html.P(note, className="small map-panel-note") for note in notes],
        html.H3(t("Figures published for the municipality", lang), className="h6"),
        *unit_block,
        html.H3(t("The region's figures ({period})", lang, period=period), className="h6"),
        figures,
        html.H3(t("Whom to contact", lang), className="h6 mt-3"),
        *panel_contacts(contacts, region["code"], lang),
    ]
    if pilot:
        children += [
            html.H3(t("Support on offer in the municipality", lang), className="h6 mt-3"),
            *panel_measures(measures or [], lang),
        ]
    return children
