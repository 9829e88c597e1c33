"""The History tab: the latest uploads and the latest audit-log entries.

Both are read fresh (:mod:`dashboard.queries.admin`), not from the data-version cache: they
change without a publication. The tab re-reads them when it is opened and after every change
made on the page (the ``admin-refresh`` counter).
"""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback, html

from dashboard import queries
from dashboard.admin.common import status_label, table, when
from dashboard.auth import require_role
from dashboard.i18n import N_, t
from dashboard.i18n.context import current_lang

KEY = "history"
LABEL = N_("History and audit")

LIMIT = 100  # rows of each table; the admin API serves more


def panel(lang: str, admin: bool) -> html.Div:
    return html.Div(
        [
            html.H2(t("Upload history", lang), className="h5"),
            html.Div(id="admin-uploads"),
            html.H2(t("Audit log", lang), className="h5 mt-4"),
            html.Div(id="admin-audit"),
        ]
    )


def upload_rows(uploads: list[dict[str, Any]], lang: str) -> list[list[Any]]:
    """Id, time, who, file, status in words, and the start of the file's SHA-256."""
    return [
        [
            u["id"],
            when(u["uploaded_at"]),
            u["uploaded_by"],
            u["file_name"],
            status_label(u["status"], lang),
            u["sha256"][:12],
        ]
        for u in uploads
    ]


def audit_rows(entries: list[dict[str, Any]]) -> list[list[Any]]:
    """Time, who, action, target and outcome, as logged (the log's words are not translated)."""
    return [
        [when(a["at"]), a["actor"], a["action"], a["target"] or "", a["outcome"]] for a in entries
    ]


def render_history(_refresh, _tab, lang):
    """Upload history and the latest audit-log entries."""
    lang = current_lang(lang)
    require_role("staff")
    return (
        table(
            [
                "ID",
                t("When (UTC)", lang),
                t("Who", lang),
                t("File", lang),
                t("Status", lang),
                "SHA-256",
            ],
            upload_rows(queries.uploads(LIMIT), lang),
            t("Upload history", lang),
            "admin-uploads-table",
        ),
        table(
            [
                t("When (UTC)", lang),
                t("Who", lang),
                t("Action", lang),
                t("Target", lang),
                t("Outcome", lang),
            ],
            audit_rows(queries.audit_log(LIMIT)),
            t("Audit log", lang),
            "admin-audit-table",
        ),
    )


def register_callbacks() -> None:
    """Register this tab's callbacks in Dash's registry (see ``dashboard/pages/admin.py``)."""
    callback(
        Output("admin-uploads", "children"),
        Output("admin-audit", "children"),
        Input("admin-refresh", "data"),
        Input("admin-active-tab", "data"),
        State("admin-lang", "data"),
    )(render_history)
