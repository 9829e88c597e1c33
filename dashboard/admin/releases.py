"""The Releases tab: every release with its as-published downloads, and rollback of the latest.

Only the latest published release can be rolled back (and never release 1, the seed): rolling
back is undoing the last publication, which keeps "as published in release N" reproducible.
The table is read through :func:`dashboard.queries.releases`, cached by the data version, which
every publication and rollback changes.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, ctx, html

from dashboard import queries
from dashboard.admin.common import actor, as_id, error_alert, is_admin, status_label, table, when
from dashboard.auth import require_role
from dashboard.i18n import N_, t, tc
from dashboard.i18n.context import current_lang
from dashboard.services import ServiceError, rollback_release

KEY = "releases"
LABEL = N_("Releases")


def panel(lang: str, admin: bool) -> html.Div:
    return html.Div(
        [
            html.P(
                t(
                    "Every release can be downloaded exactly as published. The latest "
                    "release can be rolled back.",
                    lang,
                )
            ),
            html.Div(id="admin-releases"),
            html.Div(id="admin-rollback-result", role="status"),
        ]
    )


def rollback_target(releases: list[dict[str, Any]]) -> int | None:
    """The number of the release a rollback button is offered for: the latest published one,
    unless that is release 1 (the seed, which nothing replaces)."""
    published = [r["number"] for r in releases if r["status"] == "published"]
    latest = max(published, default=None)
    return latest if latest is not None and latest != 1 else None


def _downloads(number: int) -> html.Span:
    """The release's rows as published, from the open-data API."""
    return html.Span(
        [
            html.A(
                "CSV", href=f"/api/v1/observations?format=csv&release={number}", className="me-2"
            ),
            html.A("JSON", href=f"/api/v1/observations?format=json&release={number}"),
        ]
    )


def release_rows(releases: list[dict[str, Any]], lang: str, admin: bool) -> list[list[Any]]:
    """One row per release, newest first, with the rollback button on :func:`rollback_target`
    (disabled for staff)."""
    target = rollback_target(releases)
    rows = []
    for r in sorted(releases, key=lambda r: r["number"], reverse=True):
        action: Any = ""
        if r["number"] == target:
            action = dbc.Button(
                t("Roll back release {number}", lang, number=r["number"]),
                id={"type": "admin-rollback", "number": r["number"]},
                color="danger",
                outline=True,
                size="sm",
                disabled=not admin,
            )
        rows.append(
            [
                r["number"],
                status_label(r["status"], lang),
                when(r["published_at"]),
                r["published_by"] or "",
                r["file_name"] or r["description"],
                _downloads(r["number"]),
                action,
            ]
        )
    return rows


def render_releases(_refresh, lang):
    """Every release, with its as-published download and a rollback button on the latest."""
    lang = current_lang(lang)
    require_role("staff")
    return table(
        [
            t("No.", lang),
            t("Status", lang),
            t("When (UTC)", lang),
            t("Who", lang),
            t("File", lang),
            tc("table column", "Download", lang),
            t("Action", lang),
        ],
        release_rows(queries.releases(), lang, is_admin()),
        t("Releases", lang),
        "admin-releases-table",
    )


def rollback(clicks, refresh, lang):
    """Roll back the release whose button was pressed."""
    lang = current_lang(lang)
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not any(c for c in (clicks or []) if c):
        return dash.no_update, dash.no_update
    number = as_id(trigger.get("number"))
    if number is None:
        return dash.no_update, dash.no_update
    who = actor()
    try:
        release = rollback_release(who, number)
    except ServiceError as exc:
        return error_alert(exc, lang, "admin-rollback-error"), dash.no_update
    return (
        dbc.Alert(
            t(
                "Release {number} rolled back; the previous figures are in effect again.",
                lang,
                number=release.number,
            ),
            color="success",
            id="admin-rolled-back-alert",
        ),
        (refresh or 0) + 1,
    )


def register_callbacks() -> None:
    """Register this tab's callbacks in Dash's registry (see ``dashboard/pages/admin.py``)."""
    callback(
        Output("admin-releases", "children"),
        Input("admin-refresh", "data"),
        State("admin-lang", "data"),
    )(render_releases)
    callback(
        Output("admin-rollback-result", "children"),
        Output("admin-refresh", "data", allow_duplicate=True),
        Input({"type": "admin-rollback", "number": ALL}, "n_clicks"),
        State("admin-refresh", "data"),
        State("admin-lang", "data"),
        prevent_initial_call=True,
    )(rollback)
