"""The Reports tab: readers' data-problem reports from /data, and resolving them with a note.

Staff and admins list the reports, newest first, open or resolved or all: what the reader
chose (region, period, measure), their text and whether they left an address. The address
itself reaches an admin's browser only, and nobody's once its time is up; the service decides
both (:func:`dashboard.services.data_reports`). An admin resolves an open report by writing a
note (what was found or done) and pressing its button; the note is stored with the report,
written to the audit log and shown in the list. Staff see the same rows with the note field and
button disabled, and the service refuses them regardless.

Each open row carries its own note field and button, both with pattern-matching ids keyed by
the report's number; the resolve callback reads the note whose number matches the pressed
button (:func:`note_for`).
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, ctx, dcc, html

from dashboard import queries
from dashboard.admin.common import actor, as_id, error_alert, status_label, table, when
from dashboard.i18n import N_, t
from dashboard.i18n.context import current_lang
from dashboard.services import ServiceError, data_reports, resolve_data_report
from dashboard.services.reports import REPORT_FILTERS, REPORT_MAX_CHARS, retention_days

KEY = "reports"
LABEL = N_("Data problem reports")

DEFAULT_FILTER = "open"  # an inbox opens on what still needs doing

FILTER_LABELS = {
    "open": N_("Open"),
    "resolved": N_("Resolved"),
    "all": N_("All"),
}

EMPTY_LABELS = {
    "open": N_("No open reports."),
    "resolved": N_("No resolved reports."),
    "all": N_("No reports."),
}


def panel(lang: str, admin: bool) -> html.Div:
    return html.Div(
        [
            html.P(
                t(
                    "Readers' reports of data problems, newest first. Only "
                    "administrators see a reader's e-mail address; it is erased {days} "
                    "after the report is marked resolved.",
                    lang,
                    days=retention_days(lang),
                )
            ),
            html.P(
                t(
                    "To resolve a report, write a note on what was found or done and "
                    "press “Mark resolved”. The note is kept with the report and in the "
                    "audit log.",
                    lang,
                )
            ),
            html.Fieldset(
                [
                    html.Legend(t("Show", lang), className="form-label fs-6 mb-1"),
                    dbc.RadioItems(
                        id="admin-reports-filter",
                        options=[
                            {"label": t(FILTER_LABELS[key], lang), "value": key}
                            for key in REPORT_FILTERS
                        ],
                        value=DEFAULT_FILTER,
                        inline=True,
                    ),
                ],
                className="mb-3",
            ),
            html.Div(id="admin-report-result", role="status"),
            html.Div(id="admin-reports", className="table-responsive"),
        ]
    )


def chosen_filter(value: Any) -> str:
    """The list to show: the radio's value, or the default for anything else."""
    return value if value in REPORT_FILTERS else DEFAULT_FILTER


def _names(lang: str) -> dict[str, dict[str, str]]:
    """Region, period and measure names in the page's language, by code."""
    name, label = ("name_en", "label_en") if lang == "en" else ("name_lv", "label_lv")
    return {
        "region": {r["code"]: r[name] for r in queries.regions()},
        "period": {p["code"]: p[label] for p in queries.periods()},
        "metric": {x["code"]: x[name] for x in queries.metrics()},
    }


def _email(report: dict[str, Any], lang: str) -> Any:
    if report["email"]:
        return html.A(report["email"], href=f"mailto:{report['email']}")
    if report["email_given"]:
        return t("given (visible to administrators only)", lang)
    return ""


def _resolution(report: dict[str, Any], lang: str, admin: bool) -> Any:
    """For a resolved report, when and the note; for an open one, the note field and button."""
    number = report["id"]
    if report["status"] == "resolved":
        return html.Div(
            [
                html.Div(when(report["resolved_at"])),
                html.Div(
                    report.get("resolution_note") or "",
                    className="admin-report-note",
                    style={"whiteSpace": "pre-wrap"},
                ),
            ]
        )
    return html.Div(
        [
            # The label wraps the field (implicit label: pattern-matching ids have no usable
            # DOM id for html_for); the report's number is spoken, not shown (it is column 1).
            html.Label(
                [
                    t("Resolution note", lang),
                    html.Span(
                        t(" (report {id})", lang, id=number),
                        className="visually-hidden",
                    ),
                    dcc.Textarea(
                        id={"type": "admin-report-note", "report": number},
                        maxLength=REPORT_MAX_CHARS,
                        rows=2,
                        className="form-control form-control-sm mt-1",
                        disabled=not admin,
                    ),
                ],
                className="form-label small d-block mb-1",
            ),
            # A plain button: dbc.Button takes no aria-label, and each row's needs its number.
            html.Button(
                t("Mark resolved", lang),
                id={"type": "admin-report-resolve", "report": number},
                type="button",
                className="btn btn-outline-secondary btn-sm",
                disabled=not admin,
                **{"aria-label": t("Mark resolved (report {id})", lang, id=number)},
            ),
        ]
    )


def report_rows(
    reports: list[dict[str, Any]], lang: str, admin: bool, names: dict[str, dict[str, str]]
) -> list[list[Any]]:
    """One row per report, as :func:`dashboard.services.data_reports` gives them; the reader's
    text is text (never HTML), line breaks kept."""
    rows = []
    for r in reports:
        rows.append(
            [
                r["id"],
                when(r["created_at"]),
                names["region"].get(r["region"], r["region"]) if r["region"] else "",
                names["period"].get(r["period"], r["period"]) if r["period"] else "",
                names["metric"].get(r["metric"], r["metric"]) if r["metric"] else "",
                html.Span(r["message"], style={"whiteSpace": "pre-wrap"}),
                _email(r, lang),
                status_label(r["status"], lang),
                _resolution(r, lang, admin),
            ]
        )
    return rows


def render_data_reports(_refresh, _tab, show, lang):
    """Readers' data-problem reports, newest first, open, resolved or all."""
    lang = current_lang(lang)
    who = actor()
    show = chosen_filter(show)
    reports = data_reports(who, status=show)
    if not reports:
        return html.P(t(EMPTY_LABELS[show], lang), id="admin-reports-empty")
    return table(
        [
            "ID",
            t("When (UTC)", lang),
            t("Region", lang),
            t("Period", lang),
            t("Measure", lang),
            t("Message", lang),
            t("E-mail", lang),
            t("Status", lang),
            t("Resolution", lang),
        ],
        report_rows(reports, lang, who.role == "admin", _names(lang)),
        t("Data problem reports", lang),
        "admin-reports-table",
    )


def note_for(report_id: int, notes: list[dict[str, Any]] | None) -> Any:
    """The value of the note field of report ``report_id`` among the ``notes`` the browser sent
    (``[{"id": {...}, "property": "value", "value": ...}, …]``); ``None`` if there is none."""
    for item in notes or []:
        ident = item.get("id") if isinstance(item, dict) else None
        if isinstance(ident, dict) and as_id(ident.get("report")) == report_id:
            return item.get("value")
    return None


def resolve_report(clicks, _notes, refresh, lang):
    """Mark the report whose button was pressed resolved, with the note written beside it
    (admins; the service refuses staff and an empty note)."""
    lang = current_lang(lang)
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not any(c for c in (clicks or []) if c):
        return dash.no_update, dash.no_update
    report_id = as_id(trigger.get("report"))
    if report_id is None:
        return dash.no_update, dash.no_update
    who = actor()
    note = note_for(report_id, ctx.states_list[0] if ctx.states_list else None)
    try:
        resolve_data_report(who, report_id, note)
    except ServiceError as exc:
        return error_alert(exc, lang, "admin-report-error"), dash.no_update
    return (
        dbc.Alert(
            t("Report {id} marked resolved.", lang, id=report_id),
            color="success",
            id="admin-report-resolved-alert",
        ),
        (refresh or 0) + 1,
    )


def register_callbacks() -> None:
    """Register this tab's callbacks in Dash's registry (see ``dashboard/pages/admin.py``)."""
    callback(
        Output("admin-reports", "children"),
        Input("admin-refresh", "data"),
        Input("admin-active-tab", "data"),
        Input("admin-reports-filter", "value"),
        State("admin-lang", "data"),
    )(render_data_reports)
    callback(
        Output("admin-report-result", "children"),
        Output("admin-refresh", "data", allow_duplicate=True),
        Input({"type": "admin-report-resolve", "report": ALL}, "n_clicks"),
        State({"type": "admin-report-note", "report": ALL}, "value"),
        State("admin-refresh", "data"),
        State("admin-lang", "data"),
        prevent_initial_call=True,
    )(resolve_report)
