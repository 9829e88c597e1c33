"""Finding a municipality on ``/map`` without the map: the search box's results, the table of
all municipalities, and which municipality a click, Enter or button press selects.

A reader who only knows their home town must get to its panel by keyboard and screen reader as
surely as by pointing at the map, so the three ways in choose the same way and are tested here
on plain rows, without a server.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import localized, t
from dashboard.search import fold, matches

MAX_RESULTS = 8  # buttons under the search box; more would bury the first match on a phone
SEARCH_MAX = 100  # characters; dashboard/web/callback_inputs.py refuses longer searches


def search_box(lang: str) -> dbc.Card:
    """The search box, its help text and the (live) place its results appear."""
    return dbc.Card(
        dbc.CardBody(
            [
                dbc.Label(
                    t("Find your municipality", lang),
                    html_for="map-search",
                    className="fw-semibold",
                ),
                dbc.Input(
                    id="map-search",
                    type="search",
                    maxLength=SEARCH_MAX,
                    autocomplete="off",
                    debounce=False,
                ),
                html.P(
                    t(
                        "Type a name (Latvian letters optional, e.g. “Rundale”) and press Enter.",
                        lang,
                    ),
                    id="map-search-help",
                    className="small text-body-secondary mb-1",
                ),
                html.Div(id="map-search-results", **{"aria-live": "polite"}),
            ]
        ),
        className="mb-3",
    )


def municipality_rows(
    features: Iterable[dict[str, Any]],
    regions: Iterable[dict[str, Any]],
    pilots: set[str],
    lang: str,
) -> list[dict[str, Any]]:
    """One row per municipality boundary feature, sorted by Latvian name (diacritics folded).

    Both names are kept besides the shown ``name`` so that a search in either language finds it.
    """
    region_names = {r["code"]: localized(r, "name", lang) for r in regions}
    return [
        {
            "code": f["id"],
            "name": localized(f["properties"], "name", lang),
            "name_lv": f["properties"]["name_lv"],
            "name_en": f["properties"]["name_en"],
            "region": f["properties"]["region"],
            "region_name": region_names.get(f["properties"]["region"], f["properties"]["region"]),
            "pilot": f["id"] in pilots,
        }
        for f in sorted(features, key=lambda f: fold(f["properties"]["name_lv"]))
    ]


def search_municipalities(query: str, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Matches for ``query``; names that start with it come first."""
    q = fold(query or "")
    if not q:
        return []
    found = [r for r in rows if matches(q, r["name_lv"], r["name_en"], r["code"])]
    return sorted(found, key=lambda r: (not fold(r["name_lv"]).startswith(q), fold(r["name_lv"])))


def search_results(query: str | None, rows: Sequence[dict[str, Any]], lang: str) -> Any:
    """What goes under the search box: nothing, "no match", or a button per match (capped)."""
    query = query or ""
    if not fold(query):
        return []
    found = search_municipalities(query, rows)
    if not found:
        return html.P(t("No municipality matches “{q}”.", lang, q=query), className="mb-0")
    return html.Div(
        [
            html.Span(t("Matching municipalities", lang) + ": ", className="small me-1"),
            *[
                html.Button(
                    r["name"] + (" ★" if r["pilot"] else ""),
                    id={"type": "map-result", "code": r["code"]},
                    className="btn btn-sm btn-outline-secondary me-1 mb-1",
                )
                for r in found[:MAX_RESULTS]
            ],
        ]
    )


def municipality_table(rows: Sequence[dict[str, Any]], lang: str) -> html.Table:
    """Every municipality with its region, pilot status and a "select" button (the map's
    keyboard and screen-reader alternative)."""
    head = html.Thead(
        html.Tr(
            [
                html.Th(t("Municipality", lang), scope="col"),
                html.Th(t("Planning region", lang), scope="col"),
                html.Th(t("Pilot", lang), scope="col"),
                html.Th(t("Select", lang), scope="col"),
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Th(r["name"], scope="row"),
                    html.Td(r["region_name"]),
                    html.Td(("★ " + t("yes", lang)) if r["pilot"] else t("no", lang)),
                    html.Td(
                        html.Button(
                            t("Select", lang),
                            id={"type": "map-select", "code": r["code"]},
                            className="btn btn-sm btn-outline-primary",
                            **{"aria-label": t("Select {name}", lang, name=r["name"])},
                        )
                    ),
                ]
            )
            for r in rows
        ]
    )
    return html.Table(
        [html.Caption(t("All municipalities (select one to see its contacts)", lang)), head, body],
        className="table table-sm table-striped align-middle",
        id="map-municipality-table",
    )


def chosen_municipality(
    trigger: Any,
    button_clicks: Iterable[Any],
    click: dict[str, Any] | None,
    query: str | None,
    rows: Sequence[dict[str, Any]],
    order: Sequence[str] | None,
) -> str | None:
    """The municipality code a selection event picks, or ``None`` to leave the selection alone.

    ``trigger`` is the id of what fired (``ctx.triggered_id``): a result or table button
    (``{"type": "map-result" | "map-select", "code": …}``), ``"map-search"`` (Enter: the first
    match), or ``"map-graph"`` (a click: the shape's ``customdata`` code, else its curve's place
    in ``order``). ``button_clicks`` are the triggering buttons' ``n_clicks``: a button that was
    only just rendered fires with none and must not select anything.
    """
    if isinstance(trigger, dict) and trigger.get("type") in {"map-result", "map-select"}:
        return trigger.get("code") if any(button_clicks) else None
    if trigger == "map-search":
        found = search_municipalities(query or "", rows)
        return found[0]["code"] if found else None
    if trigger == "map-graph" and click and click.get("points"):
        point = click["points"][0]
        code = point.get("customdata")
        if isinstance(code, str) and order and code in order:
            return code
        curve = point.get("curveNumber")
        if isinstance(curve, int) and order and 0 <= curve < len(order):
            return order[curve]
    return None


def municipality_details(rows: Sequence[dict[str, Any]], lang: str) -> html.Details:
    """The table of all municipalities, folded away under the map until asked for."""
    return html.Details(
        [
            html.Summary(t("All municipalities (select one to see its contacts)", lang)),
            html.Div(municipality_table(rows, lang), className="table-responsive mt-2"),
        ],
        className="mt-2",
        id="map-municipality-details",
    )
