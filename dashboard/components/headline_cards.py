"""The headline card at the top of the overview: the selected measure's total for the selection,
and exactly what that total covers.

A slot (year, half-year, quarter) in which every selected region reported adds the regions'
figures; one in which some did not is taken from the published national figure, with its
source, when all regions are selected and such a figure exists. A slot covered by only some of
the selected regions is left out of the total (its sum of the regions that reported is listed
beside it, labelled as such): adding it in would make the total mix years of five regions with
years of one. Running totals and stocks are never added over slots: their card shows the
latest one, labelled with who reported it. One card only, so on a phone the first chart
follows closely.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.figures.series_view import SeriesView
from dashboard.i18n import localized, t, tn
from dashboard.i18n.formatting import format_number
from dashboard.queries.series import Slot


@dataclass(frozen=True)
class National:
    """A published national figure for a slot, with its source's publisher (or empty)."""

    value: int
    months: int
    publisher: str


@dataclass
class Headline:
    """The card's number and how each slot of it was made."""

    value: float | None
    months: int = 0
    complete: list[Slot] = field(default_factory=list)
    national: list[tuple[Slot, National]] = field(default_factory=list)
    partial: list[Slot] = field(default_factory=list)
    partial_values: dict[str, float] = field(default_factory=dict)  # slot key → partial sum
    empty: list[Slot] = field(default_factory=list)


def headline(view: SeriesView, national: Mapping[str, National], all_regions: bool) -> Headline:
    """The total of ``view`` (the latest slot on a month axis), slot by slot: the regions' sum
    where all reported, else the national figure (``national``: slot key → figure; used only
    when ``all_regions`` are selected), else the sum of those that reported."""
    slots = view.slots
    if not view.additive:
        with_figures = [s for s in slots if view.reported(s) or (all_regions and s.key in national)]
        slots = with_figures[-1:]
    out = Headline(value=None)
    total = 0.0
    counted = False
    for slot in slots:
        reported = view.reported(slot)
        figure = national.get(slot.key) if all_regions else None
        if reported and len(reported) == len(view.regions):
            value = sum(view.cells[(slot.key, c)].value for c in reported)
            out.complete.append(slot)
        elif figure is not None:
            value = figure.value
            out.national.append((slot, figure))
        elif reported:
            value = sum(view.cells[(slot.key, c)].value for c in reported)
            out.partial.append(slot)
            out.partial_values[slot.key] = value
            if view.additive:
                continue  # listed, never added (see the module docstring)
        else:
            out.empty.append(slot)
            continue
        total += value
        out.months += slot.months
        counted = True
    if counted:
        out.value = total / out.months if view.per_month and out.months else total
    return out


def _names(view: SeriesView, slots: list[Slot]) -> str:
    return ", ".join(s.label(view.lang) for s in slots)


def headline_lines(view: SeriesView, found: Headline) -> list[str]:
    """What the number covers, one line per kind of slot ("4 of 5 regions reported in 2024")."""
    lang = view.lang
    n = len(view.regions)
    lines = []
    if not view.additive and (found.complete or found.national or found.partial):
        slot = (found.complete + [s for s, _ in found.national] + found.partial)[0]
        lines.append(view.name(slot))
    if found.complete:
        lines.append(
            tn(
                "All {n} selected region reported: {periods}.",
                "All {n} selected regions reported: {periods}.",
                n,
                lang,
                periods=_names(view, found.complete),
            )
        )
    for slot, figure in found.national:
        lines.append(
            t(
                "{period}: {k} of {n} regions reported; the published national figure is used "
                "({source}).",
                lang,
                period=slot.label(lang),
                k=len(view.reported(slot)),
                n=n,
                source=figure.publisher or t("source not stated", lang),
            )
        )
    for slot in found.partial:
        if not view.additive:
            lines.append(
                t(
                    "{period}: {k} of {n} regions reported; sum of the regions that reported.",
                    lang,
                    period=slot.label(lang),
                    k=len(view.reported(slot)),
                    n=n,
                )
            )
            continue
        lines.append(
            t(
                "Not in the total: {period}, {k} of {n} regions reported (sum of the regions "
                "that reported: {value}).",
                lang,
                period=slot.label(lang),
                k=len(view.reported(slot)),
                n=n,
                value=format_number(found.partial_values[slot.key], lang),
            )
        )
    if found.empty and view.additive:
        lines.append(t("No data published: {periods}.", lang, periods=_names(view, found.empty)))
    return lines


def headline_cards(
    view: SeriesView,
    metric: Mapping[str, Any],
    national: Mapping[str, National],
    all_regions: bool,
) -> list[dbc.Col]:
    """The selected measure's card: name, value with unit (per month when asked), and what the
    value covers."""
    lang = view.lang
    found = headline(view, national, all_regions)
    unit = localized(metric, "unit", lang)
    if view.per_month:
        unit += " " + t("per month on average", lang)
    if found.value is None and found.partial:
        body = [
            html.P(
                t("No period in view has figures from every selected region.", lang),
                className="mb-1",
            ),
            html.Ul(
                [html.Li(line) for line in headline_lines(view, found)],
                className="small text-body-secondary mb-0 ps-3 headline-coverage",
            ),
        ]
    elif found.value is None:
        body = [html.P(t("There are no data for this selection.", lang), className="mb-0")]
    else:
        label = (
            t("Total of the periods in view", lang)
            if view.additive
            else t("Latest figure in view", lang)
        )
        body = [
            html.P(
                [
                    html.Span(label + ": ", className="visually-hidden"),
                    html.Span(
                        format_number(found.value, lang, 1 if view.per_month else 0),
                        className="display-6 fw-semibold headline-value",
                    ),
                    " ",
                    html.Span(unit, className="text-body-secondary"),
                ],
                className="mb-1",
            ),
            html.Ul(
                [html.Li(line) for line in headline_lines(view, found)],
                className="small text-body-secondary mb-0 ps-3 headline-coverage",
            ),
        ]
    return [
        dbc.Col(
            dbc.Card(
                dbc.CardBody(
                    [html.H3(localized(metric, "name", lang), className="h6 mb-1"), *body]
                ),
                className="h-100 headline-card",
                id=f"headline-{str(metric['code']).replace('_', '-')}",
            ),
            md=8,
            lg=6,
        )
    ]
