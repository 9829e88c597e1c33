"""The Upload tab: choose a file → validation report → preview of what would change → publish.

Nothing is published when a file is chosen: the service stages it (stored with its report) and
the page shows the report, the changes as a table and a chart; "Publish" then makes it the next
release. Staff see the report of a file they upload too, but the publish button stays disabled
for them and the service refuses them regardless.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard.admin.common import actor, as_id, error_alert, table
from dashboard.admin.preview import change_counts, preview_section
from dashboard.i18n import N_, t, tn
from dashboard.i18n.context import current_lang
from dashboard.services import ServiceError, publish_upload, stage_upload

KEY = "upload"
LABEL = N_("Upload")

TEMPLATES = (
    ("admin.upload.template_long", "remigration-template-long.csv"),
    ("admin.upload.template_wide", "remigration-template-wide.csv"),
    ("admin.upload.template_xlsx", "remigration-template.xlsx"),
)

ACCEPT = (
    ".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)


def panel(lang: str, admin: bool) -> html.Div:
    return html.Div(
        [
            html.P(
                t(
                    "Upload a quarter's figures as CSV or XLSX. The file is checked; "
                    "nothing is published until you confirm.",
                    lang,
                )
            ),
            html.P(
                [html.Strong(t("Templates", lang) + ": ")]
                + [
                    html.A(t(key, lang), href=f"/download/template/{name}", className="me-3")
                    for key, name in TEMPLATES
                ]
            ),
            html.Div(
                dcc.Upload(
                    id="admin-upload",
                    children=html.Div(
                        [html.Span(t("Drag a file here or choose one", lang)), " (CSV, XLSX)"],
                        className="py-4 text-center",
                    ),
                    className="upload-drop border border-2 rounded mb-2",
                    accept=ACCEPT,
                    multiple=False,
                    disabled=not admin,
                ),
                # dcc.Upload's own <input type=file> has no label; assets/upload-label.js names
                # it from this attribute (the visible drop-zone text).
                className="upload-label-source",
                **{"data-input-label": t("Drag a file here or choose one", lang) + " (CSV, XLSX)"},
            ),
            dbc.Checkbox(
                id="admin-replace",
                label=t(
                    "Replace figures already published for the same periods (the old "
                    "ones stay in history)",
                    lang,
                ),
                value=False,
                disabled=not admin,
            ),
            dcc.Loading(html.Div(id="admin-upload-report", className="mt-3"), type="default"),
            dbc.Button(
                t("Publish as a new release", lang),
                id="admin-publish",
                color="success",
                className="mt-2",
                disabled=True,
            ),
            dcc.Loading(html.Div(id="admin-publish-result", className="mt-3", role="status")),
            dcc.Store(id="admin-upload-id"),
        ]
    )


def decode(contents: str) -> bytes | None:
    """The bytes of a ``data:…;base64,…`` URL as dcc.Upload sends them; ``None`` if malformed."""
    try:
        _, encoded = contents.split(",", 1)
        return base64.b64decode(encoded, validate=True)
    except (ValueError, binascii.Error):
        return None


def _issues_table(issues: list[dict[str, Any]], lang: str, caption: str, table_id: str) -> Any:
    """Errors or warnings: row, column, the message in the page's language and in the other."""
    mine, other = ("message_en", "message_lv") if lang == "en" else ("message_lv", "message_en")
    rows = [[i.get("row") or "", i.get("column") or "", i[mine], i[other]] for i in issues]
    # Scrolls sideways on a phone instead of widening the page.
    return html.Div(
        table(
            [
                t("Row", lang),
                t("Column", lang),
                t("Message", lang),
                t("Latviski", lang),
            ],
            rows,
            caption,
            table_id,
        ),
        className="table-responsive",
    )


def other_sources_text(counts: dict[str, int], lang: str) -> str:
    """ " 2 confirm … 1 differs …" when a file publishes cells another source has published:
    those rows are stored beside the other source's, not instead of them."""
    if not counts["corroboration"] and not counts["conflict"]:
        return ""
    return " " + t(
        "Figures already published by another source: {same} with the same value, {other} "
        "with a different value (kept beside the other source's; see Conflicting sources).",
        lang,
        same=counts["corroboration"],
        other=counts["conflict"],
    )


def invalid_text(name: str, errors: int, lang: str) -> str:
    """ "“q.csv” was not accepted: 3 errors. Nothing was changed." """
    return tn(
        "“{name}” was not accepted: {n} error. Nothing was changed.",
        "“{name}” was not accepted: {n} errors. Nothing was changed.",
        errors,
        lang,
        name=name,
    )


def render_report(report: dict[str, Any], name: str, lang: str) -> list[Any]:
    """The validation report and, for a valid file, the preview of what will change."""
    out: list[Any] = []
    if report.get("duplicate_of") and report["duplicate_of"].get("release"):
        out.append(
            dbc.Alert(
                t(
                    "This exact file has already been published (release {release}).",
                    lang,
                    release=report["duplicate_of"]["release"],
                ),
                color="warning",
            )
        )
    changes = report.get("changes", [])
    if not report.get("ok"):
        out.append(
            dbc.Alert(
                invalid_text(name, len(report.get("errors", [])), lang),
                color="danger",
                id="admin-upload-status",
            )
        )
        out.append(_issues_table(report.get("errors", []), lang, t("Errors", lang), "admin-errors"))
    else:
        counts = change_counts(changes)
        out.append(
            dbc.Alert(
                tn(
                    "“{name}” is valid: {n} row ({added} new, {changed} changed, "
                    "{same} unchanged).",
                    "“{name}” is valid: {n} rows ({added} new, {changed} changed, "
                    "{same} unchanged).",
                    len(report.get("rows", [])),
                    lang,
                    name=name,
                    added=counts["add"],
                    changed=counts["change"],
                    same=counts["same"],
                )
                + other_sources_text(counts, lang),
                color="success",
                id="admin-upload-status",
            )
        )
    if report.get("warnings"):
        out.append(_issues_table(report["warnings"], lang, t("Warnings", lang), "admin-warnings"))
    if report.get("ok") and changes:
        out += preview_section(changes, report.get("rows", []), lang)
    return out


def validate_uploaded_file(contents, filename, replace, lang):
    """Validate the chosen file and show the report and preview; nothing is published yet."""
    lang = current_lang(lang)
    who = actor()
    data = decode(contents or "")
    name = (filename or "upload")[:200]
    if data is None:
        return (
            dbc.Alert(invalid_text(name, 1, lang), color="danger"),
            None,
            True,
        )
    upload, report = stage_upload(who, data, name, replace=bool(replace))
    body = report.to_dict()
    if upload is not None and upload.report.get("duplicate_of"):
        body["duplicate_of"] = upload.report["duplicate_of"]
    can_publish = report.ok and upload is not None and who.role == "admin"
    return render_report(body, name, lang), (upload.id if upload else None), not can_publish


def publish_release(n_clicks, upload_id, replace, refresh, lang):
    """Publish the validated upload as the next release."""
    lang = current_lang(lang)
    upload_id = as_id(upload_id)
    if not n_clicks or upload_id is None:
        return dash.no_update, dash.no_update, dash.no_update
    who = actor()
    try:
        release = publish_upload(who, upload_id, replace=bool(replace))
    except ServiceError as exc:
        return error_alert(exc, lang, "admin-publish-error"), dash.no_update, True
    return (
        dbc.Alert(
            t(
                "Published release {number}. Every view now shows the new figures.",
                lang,
                number=release.number,
            ),
            color="success",
            id="admin-published-alert",
        ),
        (refresh or 0) + 1,
        True,
    )


def register_callbacks() -> None:
    """Register this tab's callbacks in Dash's registry (see ``dashboard/pages/admin.py``)."""
    callback(
        Output("admin-upload-report", "children"),
        Output("admin-upload-id", "data"),
        Output("admin-publish", "disabled"),
        Input("admin-upload", "contents"),
        State("admin-upload", "filename"),
        State("admin-replace", "value"),
        State("admin-lang", "data"),
        prevent_initial_call=True,
    )(validate_uploaded_file)
    callback(
        Output("admin-publish-result", "children"),
        Output("admin-refresh", "data", allow_duplicate=True),
        Output("admin-publish", "disabled", allow_duplicate=True),
        Input("admin-publish", "n_clicks"),
        State("admin-upload-id", "data"),
        State("admin-replace", "value"),
        State("admin-refresh", "data"),
        State("admin-lang", "data"),
        prevent_initial_call=True,
    )(publish_release)
