"""The Releases tab: every release with its as-published downloads, and rollback of the latest.

Only the latest published release can be rolled back (and never release 1, the seed): rolling
back is undoing the last publication, which keeps "as published in release N" reproducible.
A rollback changes what every reader sees, so the button only asks: a dialog (``dbc.Modal``,
which keeps focus inside while open and gives it back when closed) says which release readers
will see instead, and only its Confirm button rolls back. The admin API's rollback endpoint is a
separate, explicit call and does not ask. The table is read through
:func:`dashboard.queries.releases`, cached by the data version, which every publication and
rollback changes.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, clientside_callback, ctx, dcc, html

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
            # Focus moves here once a rollback is done (see FOCUS_RESULT_JS).
            html.Div(
                html.Div(id="admin-rollback-result", role="status"),
                id="admin-rollback-result-box",
                tabIndex="-1",
            ),
            rollback_dialog(lang),
            dcc.Store(id="admin-rollback-pending"),
        ]
    )


def rollback_dialog(lang: str) -> dbc.Modal:
    """The closed confirmation dialog; :func:`ask_rollback` fills in the question and opens it.

    Cancel comes first and takes the focus when the dialog opens, so Enter on a stray keypress
    cancels rather than rolls back. No header close button: dbc's is labelled in English only;
    Cancel and Escape close it.
    """
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(id="admin-rollback-title"), close_button=False),
            dbc.ModalBody(html.P(id="admin-rollback-question", className="mb-0")),
            dbc.ModalFooter(
                [
                    html.Button(
                        t("Cancel", lang),
                        id="admin-rollback-cancel",
                        type="button",
                        className="btn btn-outline-secondary",
                        autoFocus=True,
                    ),
                    html.Button(
                        t("Confirm", lang),
                        id="admin-rollback-confirm",
                        type="button",
                        className="btn btn-danger",
                    ),
                ]
            ),
        ],
        id="admin-rollback-modal",
        is_open=False,
        labelledby="admin-rollback-title",
        keyboard=True,
        fade=False,
    )


def previous_release(releases: list[dict[str, Any]], number: int) -> int | None:
    """The release readers see again once ``number`` is rolled back: the latest published one
    before it."""
    earlier = [r["number"] for r in releases if r["status"] == "published" and r["number"] < number]
    return max(earlier, default=None)


def rollback_question(number: int, previous: int | None, lang: str) -> tuple[str, str]:
    """The dialog's title and text: which release goes, which readers will see instead."""
    title = t("Roll back release {number}?", lang, number=number)
    if previous is None:  # never offered (release 1 is never rolled back); the service refuses
        return title, t("Release {number} cannot be rolled back.", lang, number=number)
    return title, t("Readers will see release {previous}'s figures.", lang, previous=previous)


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


def ask_rollback(clicks, lang):
    """Open the confirmation dialog for the release whose button was pressed; nothing changes
    until it is confirmed (:func:`rollback`)."""
    lang = current_lang(lang)
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not any(c for c in (clicks or []) if c):
        return dash.no_update, dash.no_update, dash.no_update, dash.no_update
    number = as_id(trigger.get("number"))
    if number is None:
        return dash.no_update, dash.no_update, dash.no_update, dash.no_update
    require_role("staff")
    title, question = rollback_question(number, previous_release(queries.releases(), number), lang)
    return True, title, question, number


def rollback(confirmed, number, refresh, lang):
    """Roll back the release the confirmed dialog named, and close the dialog."""
    lang = current_lang(lang)
    number = as_id(number)
    if not confirmed or number is None:
        return dash.no_update, dash.no_update, dash.no_update
    who = actor()
    try:
        release = rollback_release(who, number)
    except ServiceError as exc:
        return error_alert(exc, lang, "admin-rollback-error"), dash.no_update, False
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
        False,
    )


# The button that opened the dialog is gone once the table is redrawn without it, so focus
# would fall back to the page's top: move it to the result instead, after the dialog has handed
# focus back (it does so as it closes).
FOCUS_RESULT_JS = """
function (children) {
    if (!children) { return dash_clientside.no_update; }
    setTimeout(function () {
        const box = document.getElementById("admin-rollback-result-box");
        if (box) { box.focus(); }
    }, 100);
    return "-1";
}
"""
# Cancel closes the dialog and forgets which release it asked about.
CANCEL_JS = """
function (clicks) {
    if (!clicks) { return [dash_clientside.no_update, dash_clientside.no_update]; }
    return [null, false];
}
"""


def register_callbacks() -> None:
    """Register this tab's callbacks in Dash's registry (see ``dashboard/pages/admin.py``)."""
    callback(
        Output("admin-releases", "children"),
        Input("admin-refresh", "data"),
        State("admin-lang", "data"),
    )(render_releases)
    callback(
        Output("admin-rollback-modal", "is_open"),
        Output("admin-rollback-title", "children"),
        Output("admin-rollback-question", "children"),
        Output("admin-rollback-pending", "data"),
        Input({"type": "admin-rollback", "number": ALL}, "n_clicks"),
        State("admin-lang", "data"),
        prevent_initial_call=True,
    )(ask_rollback)
    callback(
        Output("admin-rollback-result", "children"),
        Output("admin-refresh", "data", allow_duplicate=True),
        Output("admin-rollback-modal", "is_open", allow_duplicate=True),
        Input("admin-rollback-confirm", "n_clicks"),
        State("admin-rollback-pending", "data"),
        State("admin-refresh", "data"),
        State("admin-lang", "data"),
        prevent_initial_call=True,
    )(rollback)
    clientside_callback(
        CANCEL_JS,
        Output("admin-rollback-pending", "data", allow_duplicate=True),
        Output("admin-rollback-modal", "is_open", allow_duplicate=True),
        Input("admin-rollback-cancel", "n_clicks"),
        prevent_initial_call=True,
    )
    clientside_callback(
        FOCUS_RESULT_JS,
        Output("admin-rollback-result-box", "tabIndex"),
        Input("admin-rollback-result", "children"),
        prevent_initial_call=True,
    )
