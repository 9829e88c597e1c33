"""The Conflicts tab: figures whose sources disagree, which value readers see and why, and the
admin's choice.

A cell (measure × geography × period) may have several sources; when their values differ,
readers get one of them by the rule in ``queries/preference.py`` (official over the press, then
the later publication) unless an admin chose another. This tab lists every such cell in effect
(:func:`dashboard.queries.conflicts.conflicts`), each source's value with its publisher, date
and release, and which row is in use and why. An admin presses "Use this value" on a row to
choose it, or "Return to the rule" to undo the cell's choice
(:mod:`dashboard.services.preference`, audited); staff see the same list with the buttons
disabled, and the service refuses them regardless.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, ctx, html

from dashboard.admin.common import actor, as_id, error_alert
from dashboard.i18n import N_, t
from dashboard.i18n.context import current_lang
from dashboard.queries.conflicts import REASONS, conflicts
from dashboard.services import ServiceError
from dashboard.services.preference import choose_preferred, clear_preferred

KEY = "conflicts"
LABEL = N_("Conflicting sources")

KIND_LABELS = {
    "official": N_("official"),
    "press": N_("press"),
    "other": N_("other"),
}


def panel(lang: str, admin: bool) -> html.Div:
    return html.Div(
        [
            html.P(
                t(
                    "Figures published by several sources with different values. Readers "
                    "see one value per figure: the one an administrator chose, otherwise the "
                    "official publisher's over the press's, then the later publication's. "
                    "Every source is kept.",
                    lang,
                )
            ),
            html.Div(id="admin-conflict-result", role="status"),
            html.Div(id="admin-conflicts"),
        ]
    )


def geography(cell: dict[str, Any], lang: str) -> str:
    """Latvia, a planning region, or a municipality with its division."""
    suffix = "en" if lang == "en" else "lv"
    if cell["geo_level"] == "national":
        return t("Latvia (national)", lang)
    if cell["geo_level"] == "municipality":
        return t(
            "{name} ({division} division)",
            lang,
            name=cell[f"municipality_name_{suffix}"] or cell["municipality"],
            division=cell["division"],
        )
    return cell[f"region_name_{suffix}"] or cell["region"] or ""


def published(row: dict[str, Any], lang: str) -> str:
    """The source's date as precise as it was stated: a day, a month, or not stated."""
    day: dt.date | None = row["published_on"]
    if day is None:
        return t("not stated", lang)
    return day.strftime("%Y-%m") if row["published_precision"] == "month" else day.isoformat()


def _source(row: dict[str, Any], lang: str) -> Any:
    if row["source_title"] is None:
        return html.Em(t("source not stated", lang))
    if row["source_url"]:
        return html.A(row["source_title"], href=row["source_url"], rel="noopener noreferrer")
    return row["source_title"]


def _use_button(row: dict[str, Any], lang: str, admin: bool) -> html.Button:
    # A plain button: dbc.Button takes no aria-label, and each row's needs its figure's id.
    return html.Button(
        t("Use this value", lang),
        id={"type": "admin-prefer", "observation": row["id"]},
        type="button",
        className="btn btn-outline-primary btn-sm",
        disabled=not admin or row["preferred_by_admin"],
        **{"aria-label": t("Use this value (figure {id})", lang, id=row["id"])},
    )


def cell_rows(cell: dict[str, Any], lang: str, admin: bool) -> list[list[Any]]:
    """One row per source, the value in use first: value, source, publisher, kind, date,
    release, whether (and why) it is in use, and the button choosing it."""
    out = []
    for row in cell["rows"]:
        in_use = "✓ " + t(REASONS[cell["reason"]], lang) if row["preferred"] else ""
        kind = t(KIND_LABELS[row["source_kind"]], lang) if row["source_kind"] in KIND_LABELS else ""
        value = str(row["value"])
        if row["reliability"] == "low":
            value += " (" + t("low reliability", lang) + ")"
        out.append(
            [
                value,
                _source(row, lang),
                row["source_publisher"] or "",
                kind,
                published(row, lang),
                row["release"],
                in_use,
                _use_button(row, lang, admin),
            ]
        )
    return out


def cell_table(cell: dict[str, Any], index: int, lang: str, admin: bool) -> html.Div:
    """A table for one cell, named by a heading above it, and "Return to the rule" when an
    admin chose its value.

    The name is a heading outside the scrolling wrapper rather than a ``<caption>``: a caption
    is as wide as its table, so on a phone it ran off the screen with the columns and the
    figure's name could only be read by scrolling sideways.
    """
    suffix = "en" if lang == "en" else "lv"
    caption = " · ".join(
        [
            cell[f"metric_name_{suffix}"] or cell["metric"],
            geography(cell, lang),
            cell[f"period_label_{suffix}"] or cell["period"],
        ]
    )
    columns = [
        t("Value", lang),
        t("Source", lang),
        t("Publisher", lang),
        t("Kind", lang),
        t("Published", lang),
        t("Release", lang),
        t("In use", lang),
        t("Action", lang),
    ]
    title = f"admin-conflict-title-{index}"
    parts: list[Any] = [
        html.Table(
            [
                html.Thead(html.Tr([html.Th(c, scope="col") for c in columns])),
                html.Tbody(
                    [html.Tr([html.Td(c) for c in r]) for r in cell_rows(cell, lang, admin)]
                ),
            ],
            className="table table-sm table-striped align-middle",
            id=f"admin-conflict-table-{index}",
            **{"aria-labelledby": title},
        )
    ]
    if cell["admin_choice"]:
        parts.append(
            html.Button(
                t("Return to the rule", lang),
                id={"type": "admin-prefer-rule", "observation": cell["rows"][0]["id"]},
                type="button",
                className="btn btn-outline-secondary btn-sm mb-4",
                disabled=not admin,
                **{"aria-label": t("Return to the rule ({figure})", lang, figure=caption)},
            )
        )
    return html.Div(
        [
            html.H2(caption, id=title, className="h6 text-body-secondary mb-1"),
            html.Div(parts, className="table-responsive"),
        ],
        className="mb-3",
    )


def render_conflicts(_refresh, _tab, lang):
    """Every cell whose sources disagree (staff may read; only admins may choose)."""
    lang = current_lang(lang)
    who = actor()
    cells = conflicts()
    if not cells:
        return html.P(
            t("No conflicting sources: every figure in effect has one value.", lang),
            id="admin-conflicts-empty",
        )
    admin = who.role == "admin"
    return [cell_table(cell, i, lang, admin) for i, cell in enumerate(cells, start=1)]


def choose(prefer_clicks, rule_clicks, refresh, lang):
    """Use the value whose button was pressed, or return its cell to the rule."""
    lang = current_lang(lang)
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict):
        return dash.no_update, dash.no_update
    choosing = trigger.get("type") == "admin-prefer"
    clicks = prefer_clicks if choosing else rule_clicks
    observation = as_id(trigger.get("observation"))
    if observation is None or not any(c for c in (clicks or []) if c):
        return dash.no_update, dash.no_update
    who = actor()
    try:
        if choosing:
            detail = choose_preferred(who, observation)
        else:
            detail = clear_preferred(who, observation)
    except ServiceError as exc:
        return error_alert(exc, lang, "admin-conflict-error"), dash.no_update
    value = (detail["new"] or {}).get("value", "")
    message = (
        t("Readers now see {value} for this figure (your choice).", lang, value=value)
        if choosing
        else t("Readers now see {value} for this figure (the rule).", lang, value=value)
    )
    return (
        dbc.Alert(
            message,
            color="success",
            id="admin-conflict-chosen-alert",
        ),
        (refresh or 0) + 1,
    )


def register_callbacks() -> None:
    """Register this tab's callbacks in Dash's registry (see ``dashboard/pages/admin.py``)."""
    callback(
        Output("admin-conflicts", "children"),
        Input("admin-refresh", "data"),
        Input("admin-active-tab", "data"),
        State("admin-lang", "data"),
    )(render_conflicts)
    callback(
        Output("admin-conflict-result", "children"),
        Output("admin-refresh", "data", allow_duplicate=True),
        Input({"type": "admin-prefer", "observation": ALL}, "n_clicks"),
        Input({"type": "admin-prefer-rule", "observation": ALL}, "n_clicks"),
        State("admin-refresh", "data"),
        State("admin-lang", "data"),
        prevent_initial_call=True,
    )(choose)
