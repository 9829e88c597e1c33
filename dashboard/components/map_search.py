"""Finding a municipality on ``/map`` without the map: the search box's results, the table of
all municipalities, and which municipality a click, Enter or button press selects.

A reader who only knows their home town must get to its panel by keyboard and screen reader as
surely as by pointing at the map, so the three ways in choose the same way and are tested here
on plain rows, without a server.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.static_section import static_section
from dashboard.geo import unit_key
from dashboard.i18n import localized, t
from dashboard.i18n.formatting import format_date
from dashboard.search import fold, matches

# On the table's buttons: the unit key that ``assets/map-page.js`` selects when one is pressed.
MAP_SELECT = "data-map-select"

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
    division: str = "2009",
) -> list[dict[str, Any]]:
    """One row per municipality boundary feature of ``division``, sorted by Latvian name
    (diacritics folded); ``key`` is the unit key (``"2021:LV-016"``) the selection uses.

    Both names are kept besides the shown ``name`` so that a search in either language finds it.
    ``pilots`` are 2009 codes: the pilot municipalities are units of 2009.
    """
    region_names = {r["code"]: localized(r, "name", lang) for r in regions}
    return [
        {
            "key": unit_key(division, f["id"]),
            "code": f["id"],
            "division": division,
            "name": localized(f["properties"], "name", lang),
            "name_lv": f["properties"]["name_lv"],
            "name_en": f["properties"]["name_en"],
            "region": f["properties"]["region"],
            "region_name": region_names.get(f["properties"]["region"], f["properties"]["region"]),
            "pilot": division == "2009" and f["id"] in pilots,
        }
        for f in sorted(features, key=lambda f: fold(f["properties"]["name_lv"]))
    ]


def with_successors(
    rows_2009: Sequence[dict[str, Any]],
    rows_2021: Sequence[dict[str, Any]],
    links: Iterable[tuple[str, str, bool]],
    features_2021: Iterable[dict[str, Any]],
) -> list[dict[str, Any]]:
    """The rows of both divisions, each 2009 row with ``successors`` (the 2021 rows that took
    over its territory, the one whose drawn shape holds it first) and each 2021 row with its
    ``predecessors``; ``links`` are ``(2009 code, 2021 code, approximate)``. A 2021 unit that is
    a pilot municipality unchanged (same code, one predecessor) is marked ``pilot`` too."""
    by_2021 = {r["code"]: dict(r, predecessors=[]) for r in rows_2021}
    old = {r["code"]: dict(r, successors=[]) for r in rows_2009}
    holder = {code: f["id"] for f in features_2021 for code in f["properties"]["shapes_2009"]}
    for code_2009, code_2021, _approximate in links:
        if code_2009 in old and code_2021 in by_2021:
            old[code_2009]["successors"].append(by_2021[code_2021])
            by_2021[code_2021]["predecessors"].append(old[code_2009])
    for row in old.values():
        row["successors"].sort(key=lambda r: r["code"] != holder.get(row["code"]))
    for row in by_2021.values():
        # A pilot municipality that kept its territory (Daugavpils, Jelgava) is still the pilot.
        previous = row["predecessors"]
        if len(previous) == 1 and previous[0]["pilot"] and previous[0]["code"] == row["code"]:
            row["pilot"] = True
    return [*old.values(), *by_2021.values()]


def former_note(row: dict[str, Any], lang: str, region_names: dict[str, str]) -> str | None:
    """ "Rundāles novads (until 2021) is now part of Bauskas novads, Zemgale Planning Region"
    for a 2009 unit; ``None`` for a unit of 2021."""
    successors = row.get("successors") or []
    if row.get("division") != "2009" or not successors:
        return None
    names = t(" and ", lang).join(r["name"] for r in successors)
    regions = t(" and ", lang).join(
        dict.fromkeys(region_names.get(r["region"], r["region"]) for r in successors)
    )
    return t(
        "{former} (until 2021) is now part of {unit}, {region}",
        lang,
        former=row["name"],
        unit=names,
        region=regions,
    )


def unit_notes(
    row: dict[str, Any],
    via: dict[str, Any] | None,
    valid_to: dt.date | None,
    lang: str,
    region_names: dict[str, str],
) -> list[str]:
    """What a unit was or became in the other division, for its panel: the former unit the
    reader searched for (``via``) and what it is part of now, what a 2009 unit became, what a
    2021 unit was formed from (pilots starred), and the last day of a unit that has ended."""
    notes = [
        note for unit in (via, row) if unit and (note := former_note(unit, lang, region_names))
    ]
    predecessors = row.get("predecessors") or []
    if row.get("division") == "2021" and predecessors:
        names = ", ".join(r["name"] + (" ★" if r["pilot"] else "") for r in predecessors)
        notes.append(t("Formed in July 2021 from: {units}", lang, units=names))
    if row.get("division") == "2021" and valid_to:
        notes.append(
            t("This municipality existed until {date}.", lang, date=format_date(valid_to, lang))
        )
    return notes


def search_municipalities(
    query: str, rows: Sequence[dict[str, Any]], division: str = "2021"
) -> list[dict[str, Any]]:
    """The units ``query`` names, answered with the unit in force on the layer drawn.

    Names that start with the query come first. On the 2021 layer a former (2009) name is
    answered with its successor, marked ``via`` the former unit ("Rundāle" → Bauskas novads via
    Rundāles novads); on the 2009 layer a 2009 name is its own unit and a 2021 name the 2021
    unit (outlined over its predecessors). Each unit is answered once.
    """
    q = fold(query or "")
    if not q:
        return []
    found = [r for r in rows if matches(q, r["name_lv"], r["name_en"], r["code"])]
    found.sort(
        key=lambda r: (
            not fold(r["name_lv"]).startswith(q),
            r.get("division", division) != division,
            fold(r["name_lv"]),
        )
    )
    answers: dict[str, dict[str, Any]] = {}
    for row in found:
        target, via = row, None
        if division == "2021" and row.get("division") == "2009" and row.get("successors"):
            target, via = row["successors"][0], row
        key = target.get("key", target["code"])
        if key not in answers:
            answers[key] = dict(target, via=via)
    return list(answers.values())


def search_results(
    query: str | None,
    rows: Sequence[dict[str, Any]],
    lang: str,
    division: str = "2021",
    region_names: dict[str, str] | None = None,
) -> Any:
    """What goes under the search box: nothing, "no match", or a button per match (capped);
    a match by a former name says which unit it is part of now."""
    query = query or ""
    if not fold(query):
        return []
    found = search_municipalities(query, rows, division)
    if not found:
        return html.P(t("No municipality matches “{q}”.", lang, q=query), className="mb-0")
    notes = [
        note
        for r in found[:MAX_RESULTS]
        if r.get("via") and (note := former_note(r["via"], lang, region_names or {}))
    ]
    return html.Div(
        [
            html.Span(t("Matching municipalities", lang) + ": ", className="small me-1"),
            *[
                html.Button(
                    r["name"] + (" ★" if r["pilot"] else ""),
                    id={"type": "map-result", "code": r.get("key", r["code"])},
                    className="btn btn-sm btn-outline-secondary me-1 mb-1",
                )
                for r in found[:MAX_RESULTS]
            ],
            *[html.P(note, className="small mb-0 map-former-note") for note in notes],
        ]
    )


def municipality_table(rows: Sequence[dict[str, Any]], lang: str) -> html.Table:
    """Every municipality with its region, pilot status and a "select" button (the map's
    keyboard and screen-reader alternative).

    Plain HTML, sent as a static section (``municipality_details``): a button carries its unit's
    key in ``data-map-select`` and ``assets/map-page.js`` sets the page's selection from it
    (``dash_clientside.set_props``), which runs the panel's callback as a click on a Dash
    button did. With 119 rows the table was ~270 Dash components, most of /map's.
    """
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
                            type="button",
                            className="btn btn-sm btn-outline-primary",
                            **{
                                MAP_SELECT: r.get("key", r["code"]),
                                "aria-label": t("Select {name}", lang, name=r["name"]),
                            },
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


def main_trigger(triggered: Sequence[dict[str, Any]]) -> tuple[Any, list[Any]]:
    """``(trigger id, its values)`` of the selection event that counts among ``triggered``
    (``ctx.triggered``: ``{"prop_id", "value"}`` items).

    Dash merges the inputs that changed while a request was on its way, so Enter in the search
    box can arrive together with the result buttons it caused to be drawn (which fire with no
    clicks). A clicked button counts first, then Enter, then a map click.
    """
    parsed = []
    for item in triggered:
        ident, _, prop = str(item.get("prop_id", "")).rpartition(".")
        if ident.startswith("{"):
            try:
                ident = json.loads(ident)
            except ValueError:
                continue
        parsed.append((ident, prop, item.get("value")))
    for ident, _prop, value in parsed:
        if isinstance(ident, dict) and value:
            return ident, [value]
    for wanted in ("map-search", "map-graph"):
        for ident, _prop, value in parsed:
            if ident == wanted:
                return ident, [value]
    first = parsed[0] if parsed else (None, "", None)
    return first[0], [first[2]]


def chosen_municipality(
    trigger: Any,
    button_clicks: Iterable[Any],
    click: dict[str, Any] | None,
    query: str | None,
    rows: Sequence[dict[str, Any]],
    order: Sequence[str] | None,
    division: str = "2021",
) -> str | None:
    """The unit key a selection event picks, or ``None`` to leave the selection alone.

    ``trigger`` is the id of what fired (``ctx.triggered_id``): a search result button
    (``{"type": "map-result", "code": …}``; the table's buttons set the selection in the
    browser), ``"map-search"`` (Enter: the first match, answered for the layer ``division``), or
    ``"map-graph"`` (a click: the shape's ``customdata`` key, else its curve's place in
    ``order``, the drawn layer's keys).
    ``button_clicks`` are the triggering buttons' ``n_clicks``: a button that was only just
    rendered fires with none and must not select anything.
    """
    if isinstance(trigger, dict) and trigger.get("type") == "map-result":
        return trigger.get("code") if any(button_clicks) else None
    if trigger == "map-search":
        found = search_municipalities(query or "", rows, division)
        return found[0].get("key", found[0]["code"]) if found else None
    if trigger == "map-graph" and click and click.get("points"):
        point = click["points"][0]
        code = point.get("customdata")
        known = {r.get("key", r["code"]) for r in rows}
        if isinstance(code, str) and (code in known or (order and code in order)):
            return code
        curve = point.get("curveNumber")
        if isinstance(curve, int) and order and 0 <= curve < len(order):
            return order[curve]
    return None


def municipality_details(rows: Sequence[dict[str, Any]], lang: str) -> html.Div:
    """The table of all municipalities, folded away under the map until asked for (one static
    section: plain HTML for React)."""
    return static_section(
        html.Details(
            [
                html.Summary(t("All municipalities (select one to see its contacts)", lang)),
                html.Div(municipality_table(rows, lang), className="table-responsive mt-2"),
            ],
            className="mt-2",
            id="map-municipality-details",
        )
    )
