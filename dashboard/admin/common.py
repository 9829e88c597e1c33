"""Pieces every admin tab shares: who is acting, ids sent back by the browser, tables, alerts.

Plain functions returning Dash components, so each tab's module stays about its own job and
the shared markup (a captioned, striped table; a refusal shown in the page's language) is the
same everywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.auth import current_account, require_role
from dashboard.i18n import N_, t
from dashboard.services import Actor, ServiceError

# Status words of uploads, releases and reports. Literal keys, so every key can be found in the
# code; a status without a word (an upload "discarded") is shown as stored.
STATUS_LABELS = {
    "published": N_("published"),
    "rolled_back": N_("rolled back"),
    "valid": N_("valid (not published)"),
    "invalid": N_("invalid"),
    "new": N_("new"),
    "resolved": N_("resolved"),
}


def actor() -> Actor:
    """The signed-in account as the services want it; staff at least (else 401/403)."""
    user = require_role("staff")
    return Actor(username=user.username, role=user.role)


def is_admin() -> bool:
    user = current_account()
    return bool(user and user.has_role("admin"))


def as_id(value: Any) -> int | None:
    """A row id or number sent back by the browser (a store, a button's id), if it is one.

    The browser may send anything; the services then range-check it against the database.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 20:
        return int(value)
    return None


def when(value: dt.datetime | None) -> str:
    """A stored UTC time as the admin tables show it (the column headers say UTC)."""
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def status_label(status: str, lang: str) -> str:
    key = STATUS_LABELS.get(status)
    return t(key, lang) if key else status


def table(columns: list[str], rows: list[list[Any]], caption: str, table_id: str) -> html.Table:
    """A captioned table; cells are text or components, never HTML."""
    return html.Table(
        [
            html.Caption(caption),
            html.Thead(html.Tr([html.Th(c, scope="col") for c in columns])),
            html.Tbody([html.Tr([html.Td(c) for c in row]) for row in rows]),
        ],
        className="table table-sm table-striped align-middle caption-top",
        id=table_id,
    )


def error_message(exc: ServiceError, lang: str) -> str:
    """The service's refusal in the page's language."""
    return exc.message_en if lang == "en" else exc.message_lv


def error_alert(exc: ServiceError, lang: str, alert_id: str) -> dbc.Alert:
    """A refusal as a red alert with an id the tests (and screen-reader users) can find."""
    return dbc.Alert(error_message(exc, lang), color="danger", id=alert_id)
