"""The map's controls: the measure, the ONE period the regions are shaded by, and the division.

Native ``<select>`` and radio buttons (keyboard- and screen-reader-friendly). Each period option
says how many regions published the measure for it, so a reader sees before choosing that 2021
has one region's figure and 2024 all five; the programme's first year (March–December 2018) is
marked as a part year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import localized, t, tn
from dashboard.map_state import MapState
from dashboard.queries.map_values import MapPeriod


def period_options(
    periods: Sequence[MapPeriod], covered: Mapping[str, int], total: int, lang: str
) -> list[dict[str, str]]:
    """``<option>``s for the periods, newest first, each with the regions that reported."""
    options = []
    for p in reversed(periods):
        label = localized({"label_lv": p.label_lv, "label_en": p.label_en}, "label", lang)
        if p.part_year:
            label = t("{period}, part year", lang, period=label)
        n = covered.get(p.code, 0)
        count = (
            tn(
                "{reported} of {n} region",
                "{reported} of {n} regions",
                total,
                lang,
                reported=n,
            )
            if n
            else t("no data published", lang)
        )
        options.append({"label": f"{label} ({count})", "value": p.code})
    return options


def division_options(lang: str) -> list[dict[str, str]]:
    return [
        {"label": t("Municipalities from July 2021 (43)", lang), "value": "2021"},
        {"label": t("Municipalities of 2009–2021 (119)", lang), "value": "2009"},
    ]


def map_controls(
    lang: str,
    state: MapState,
    metrics: Sequence[dict[str, Any]],
    periods: Sequence[MapPeriod],
    covered: Mapping[str, int],
    total: int,
) -> dbc.Card:
    """The controls for ``state``; ids ``map-filter-metric``, ``map-filter-period`` and
    ``map-division``."""
    label_class = "fw-semibold"
    row = dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(
                        t("Measure", lang),
                        html_for="map-filter-metric",
                        className=label_class,
                    ),
                    dbc.Select(
                        id="map-filter-metric",
                        options=[
                            {"label": localized(m, "name", lang), "value": m["code"]}
                            for m in metrics
                        ],
                        value=state.metric,
                    ),
                ],
                md=4,
            ),
            dbc.Col(
                [
                    dbc.Label(t("Year", lang), html_for="map-filter-period", className=label_class),
                    dbc.Select(
                        id="map-filter-period",
                        options=period_options(periods, covered, total, lang),
                        value=state.period,
                    ),
                    html.P(
                        t(
                            "The regions are shaded by their figure for this one year; "
                            "shorter periods and running totals are not added up.",
                            lang,
                        ),
                        id="map-filter-period-help",
                        className="small text-body-secondary mb-0",
                    ),
                ],
                md=4,
            ),
            dbc.Col(
                html.Fieldset(
                    [
                        html.Legend(
                            t("Municipal division", lang),
                            className="form-label fs-6 fw-semibold",
                        ),
                        dbc.RadioItems(
                            id="map-division",
                            options=division_options(lang),
                            value=state.division,
                        ),
                    ]
                ),
                md=4,
            ),
        ],
        className="g-3",
    )
    # A native <details> like the overview's filters: open on load, closed on phones by the
    # page's COLLAPSE_ON_PHONES callback, so the map comes first there.
    return dbc.Card(
        dbc.CardBody(
            html.Details(
                [
                    html.Summary(
                        html.H2(t("Filters", lang), className="h5 d-inline"),
                        className="filters-summary mb-2",
                    ),
                    row,
                ],
                open=True,
                id="map-filter-details",
                className="collapse-on-phones",  # the first view closes it too
            )
        ),
        className="filters mb-3",
        id="map-controls",
    )
