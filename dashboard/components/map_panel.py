"""The side panel of ``/map`` for one municipality: its region's figures, whom to contact and
(for pilot municipalities) the support on offer.

Built from plain rows (a feature, region, metrics, contacts, measures and an observations
frame) so what a reader sees for a municipality can be checked without a database or a server.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.components.contact_cards import office_route, provenance
from dashboard.contact_details import format_phone
from dashboard.i18n import localized, t
from dashboard.i18n.formatting import format_number
from dashboard.regional_directory import has_channel, region_block, role_confirmation

PAPS_URL = "https://www.paps.lv/"  # where to turn when a region has no coordinator listed


def panel_region(lang: str) -> html.Aside:
    """The (live) region the panel is drawn into by the page's callback."""
    return html.Aside(
        dbc.Card(dbc.CardBody(id="map-panel"), className="shadow-sm"),
        id="map-panel-region",
        **{"aria-live": "polite", "aria-label": t("Whom to contact", lang)},
    )


def empty_panel(lang: str) -> html.P:
    """The prompt shown before a municipality is selected."""
    return html.P(
        t("Select a municipality on the map, with the search box or in the table.", lang),
        className="mb-0",
    )


def region_values(
    frame: pd.DataFrame, region_code: str, metrics: Iterable[dict[str, Any]], per_month: bool
) -> list[tuple[dict[str, Any], float | None]]:
    """``(metric, value)`` for the region in ``frame``: the sum over the frame's periods, or
    that sum divided by their months when ``per_month``; ``None`` where there is no data."""
    frame = frame[frame["region"] == region_code]
    months = int(frame.drop_duplicates("period")["months"].sum()) if not frame.empty else 0
    out = []
    for metric in metrics:
        part = frame[frame["metric"] == metric["code"]]
        total = float(part["value"].sum()) if not part.empty else None
        if per_month:
            total = total / months if months and total is not None else None
        out.append((metric, total))
    return out


def region_figures(
    frame: pd.DataFrame,
    region_code: str,
    metrics: Iterable[dict[str, Any]],
    per_month: bool,
    lang: str,
) -> html.Dl:
    """The region's value of every metric, with its unit, as a definition list."""
    items: list[Any] = []
    for metric, value in region_values(frame, region_code, metrics, per_month):
        unit = localized(metric, "unit", lang)
        if per_month:
            unit = t("{unit} per month", lang, unit=unit)
        items += [
            html.Dt(localized(metric, "name", lang), className="fw-normal"),
            html.Dd(
                [html.Strong(format_number(value, lang, 1 if per_month else 0)), f" {unit}"],
                className="mb-1",
            ),
        ]
    return html.Dl(items, className="mb-2 panel-figures")


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
) -> list[Any]:
    """The panel for ``feature`` (a municipality boundary) in ``region``.

    ``figures`` is the region's figures block (:func:`region_figures`), ``contacts`` those of
    :func:`contacts_for`; ``measures`` are listed for a pilot municipality only.
    """
    children: list[Any] = [
        html.H2(
            localized(feature["properties"], "name", lang), className="h4", id="map-panel-title"
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
