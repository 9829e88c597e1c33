"""Admin page (``/admin``): upload → validation report → preview → publish → rollback, the upload
history and audit log, directory/funding editing, and readers' data-problem reports.

Every component id here starts with ``admin-``: the auth guard checks the role and CSRF token of
any callback that outputs to such a component before Dash runs it, and every change goes through
:mod:`dashboard.services`, which checks the role again. Staff see the same page with the controls
disabled; the server refuses them regardless.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

import dash
import dash_bootstrap_components as dbc
import sqlalchemy as sa
from dash import ALL, Input, Output, State, callback, clientside_callback, ctx, dcc, html
from flask import g
from flask_wtf.csrf import generate_csrf

from dashboard import queries
from dashboard.auth import current_account, require_role
from dashboard.components.chart_card import GRAPH_CONFIG
from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.figures.admin import preview_figure
from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang
from dashboard.i18n.formatting import format_number
from dashboard.pages.data import retention_days
from dashboard.services import (
    Actor,
    ServiceError,
    data_reports,
    publish_upload,
    resolve_data_report,
    rollback_release,
    save_contact,
    save_funding,
    set_contact_state,
    stage_upload,
)

dash.register_page(
    __name__,
    path="/admin",
    title=lambda **_: page_title("admin"),
    description=lambda **_: page_description("admin"),
)

TEMPLATES = [
    ("admin.upload.template_long", "remigration-template-long.csv"),
    ("admin.upload.template_wide", "remigration-template-wide.csv"),
    ("admin.upload.template_xlsx", "remigration-template.xlsx"),
]
NEW_CONTACT = "__new__"


def _actor() -> Actor:
    user = require_role("staff")
    return Actor(username=user.username, role=user.role)


def _is_admin() -> bool:
    user = current_account()
    return bool(user and user.has_role("admin"))


def _as_id(value: Any) -> int | None:
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


def _table(columns: list[str], rows: list[list[Any]], caption: str, table_id: str) -> html.Table:
    return html.Table(
        [
            html.Caption(caption),
            html.Thead(html.Tr([html.Th(c, scope="col") for c in columns])),
            html.Tbody([html.Tr([html.Td(c) for c in row]) for row in rows]),
        ],
        className="table table-sm table-striped align-middle caption-top",
        id=table_id,
    )


def _upload_tab(lang: str, admin: bool) -> html.Div:
    return html.Div(
        [
            html.P(t("admin.upload.intro", lang)),
            html.P(
                [html.Strong(t("admin.upload.templates", lang) + ": ")]
                + [
                    html.A(t(key, lang), href=f"/download/template/{name}", className="me-3")
                    for key, name in TEMPLATES
                ]
            ),
            html.Div(
                dcc.Upload(
                    id="admin-upload",
                    children=html.Div(
                        [html.Span(t("admin.upload.drop", lang)), " (CSV, XLSX)"],
                        className="py-4 text-center",
                    ),
                    className="upload-drop border border-2 rounded mb-2",
                    accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    multiple=False,
                    disabled=not admin,
                ),
                # dcc.Upload's own <input type=file> has no label; assets/upload-label.js names
                # it from this attribute (the visible drop-zone text).
                className="upload-label-source",
                **{"data-input-label": t("admin.upload.drop", lang) + " (CSV, XLSX)"},
            ),
            dbc.Checkbox(
                id="admin-replace",
                label=t("admin.upload.replace", lang),
                value=False,
                disabled=not admin,
            ),
            dcc.Loading(html.Div(id="admin-upload-report", className="mt-3"), type="default"),
            dbc.Button(
                t("admin.upload.publish", lang),
                id="admin-publish",
                color="success",
                className="mt-2",
                disabled=True,
            ),
            dcc.Loading(html.Div(id="admin-publish-result", className="mt-3", role="status")),
            dcc.Store(id="admin-upload-id"),
        ]
    )


TAB_KEYS = ["upload", "releases", "history", "contacts", "funding", "reports"]
FIRST_TAB = TAB_KEYS[0]


def _tabs(panels: dict[str, Any], lang: str) -> html.Div:
    """Tabs built from plain buttons and panels with the ARIA tab roles.

    ``dbc.Tabs`` (dash-bootstrap-components 2.0) renders every tab with the same id and an
    ``aria-controls`` that points at no element, which axe reports as critical; these are
    ordinary buttons, switched client-side by ``show_admin_tab`` below.
    """
    buttons = [
        html.Li(
            html.Button(
                t(f"admin.tab.{key}", lang),
                id={"type": "admin-tab", "tab": key},
                type="button",
                role="tab",
                className="nav-link active" if key == FIRST_TAB else "nav-link",
                **{
                    "aria-selected": "true" if key == FIRST_TAB else "false",
                    "aria-controls": f"admin-panel-{key}",
                },
            ),
            className="nav-item",
            role="presentation",
        )
        for key in TAB_KEYS
    ]
    return html.Div(
        [
            html.Ul(
                buttons,
                id="admin-tabs",
                className="nav nav-tabs mb-3",
                role="tablist",
                **{"aria-label": t("admin.title", lang)},
            ),
            *[
                html.Div(
                    panel,
                    id=f"admin-panel-{key}",
                    role="tabpanel",
                    hidden=key != FIRST_TAB,
                    **{"aria-label": t(f"admin.tab.{key}", lang)},
                )
                for key in TAB_KEYS
                for panel in [panels[key]]
            ],
        ]
    )


clientside_callback(
    """
    function (clicks, ids) {
        const triggered = dash_clientside.callback_context.triggered;
        let active = "upload";
        if (triggered.length && triggered[0].value) {
            active = JSON.parse(triggered[0].prop_id.split(".")[0]).tab;
        } else {
            return dash_clientside.no_update;
        }
        return [
            ids.map((id) => id.tab === active ? "nav-link active" : "nav-link"),
            ids.map((id) => id.tab === active ? "true" : "false"),
            active,
        ].concat(ids.map((id) => id.tab !== active));  // panels, in TAB_KEYS order
    }
    """,
    Output({"type": "admin-tab", "tab": ALL}, "className"),
    Output({"type": "admin-tab", "tab": ALL}, "aria-selected"),
    Output("admin-active-tab", "data"),
    *[Output(f"admin-panel-{key}", "hidden") for key in TAB_KEYS],
    Input({"type": "admin-tab", "tab": ALL}, "n_clicks"),
    State({"type": "admin-tab", "tab": ALL}, "id"),
    prevent_initial_call=True,
)


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    user = current_account()
    if user is None:  # the guard redirects before this; defence in depth
        ended = "&ended=1" if g.get("session_ended") else ""
        return html.Div(dcc.Location(id="admin-redirect", href=f"/login?next=/admin{ended}"))
    admin = user.has_role("admin")
    header = dbc.Row(
        [
            dbc.Col(html.H1(t("admin.title", lang), className="h2"), md=6),
            dbc.Col(
                html.Form(
                    [
                        html.Span(
                            t("admin.signed_in", lang, user=user.username, role=user.role),
                            className="me-3",
                        ),
                        dcc.Input(
                            type="hidden",
                            name="csrf_token",
                            value=generate_csrf(),
                            id="admin-logout-csrf",
                        ),
                        html.Button(
                            t("admin.logout", lang),
                            type="submit",
                            className="btn btn-outline-secondary btn-sm",
                        ),
                    ],
                    method="POST",
                    action="/logout",
                    className="text-md-end",
                ),
                md=6,
            ),
        ],
        className="align-items-center mb-3",
    )
    note = [] if admin else [dbc.Alert(t("admin.staff_note", lang), color="info")]
    panels = {
        "upload": _upload_tab(lang, admin),
        "releases": html.Div(
            [
                html.P(t("admin.releases.intro", lang)),
                html.Div(id="admin-releases"),
                html.Div(id="admin-rollback-result", role="status"),
            ]
        ),
        "history": html.Div(
            [
                html.H2(t("admin.history.uploads", lang), className="h5"),
                html.Div(id="admin-uploads"),
                html.H2(t("admin.history.audit", lang), className="h5 mt-4"),
                html.Div(id="admin-audit"),
            ]
        ),
        "contacts": _contacts_tab(lang, admin),
        "funding": _funding_tab(lang, admin),
        "reports": html.Div(
            [
                html.P(t("admin.reports.intro", lang, days=retention_days(lang))),
                html.Div(id="admin-report-result", role="status"),
                html.Div(id="admin-reports", className="table-responsive"),
            ]
        ),
    }
    tabs = _tabs(panels, lang)
    return html.Div(
        [
            header,
            *note,
            tabs,
            dcc.Store(id="admin-active-tab", data=FIRST_TAB),
            dcc.Store(id="admin-lang", data=lang),
            dcc.Store(id="admin-refresh", data=0),
        ]
    )


# --- Upload, preview, publish --------------------------------------------------------------------


def _decode(contents: str) -> bytes | None:
    try:
        _, encoded = contents.split(",", 1)
        return base64.b64decode(encoded, validate=True)
    except (ValueError, binascii.Error):
        return None


def _issues_table(issues: list[dict[str, Any]], lang: str, caption: str, table_id: str) -> Any:
    other = "en" if lang == "lv" else "lv"
    rows = [
        [i.get("row") or "", i.get("column") or "", i[f"message_{lang}"], i[f"message_{other}"]]
        for i in issues
    ]
    return _table(
        [
            t("admin.col.row", lang),
            t("admin.col.column", lang),
            t("admin.col.message", lang),
            t("admin.col.message_other", lang),
        ],
        rows,
        caption,
        table_id,
    )


def _names() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    return (
        {r["code"]: r["name_lv"] for r in queries.regions()},
        {x["code"]: x["name_lv"] for x in queries.metrics()},
        {x["code"]: x["name_en"] for x in queries.metrics()},
    )


def render_report(report: dict[str, Any], name: str, lang: str) -> list[Any]:
    """The validation report and, for a valid file, the preview of what will change."""
    out: list[Any] = []
    if report.get("duplicate_of") and report["duplicate_of"].get("release"):
        out.append(
            dbc.Alert(
                t("admin.upload.duplicate", lang, release=report["duplicate_of"]["release"]),
                color="warning",
            )
        )
    changes = report.get("changes", [])
    if not report.get("ok"):
        out.append(
            dbc.Alert(
                t("admin.upload.invalid", lang, name=name, n=len(report.get("errors", []))),
                color="danger",
                id="admin-upload-status",
            )
        )
        out.append(
            _issues_table(
                report.get("errors", []), lang, t("admin.upload.errors", lang), "admin-errors"
            )
        )
    else:
        counts = {k: sum(1 for c in changes if c["kind"] == k) for k in ("add", "change", "same")}
        out.append(
            dbc.Alert(
                t(
                    "admin.upload.valid",
                    lang,
                    name=name,
                    rows=len(report.get("rows", [])),
                    added=counts["add"],
                    changed=counts["change"],
                    same=counts["same"],
                ),
                color="success",
                id="admin-upload-status",
            )
        )
    if report.get("warnings"):
        out.append(
            _issues_table(
                report["warnings"], lang, t("admin.upload.warnings", lang), "admin-warnings"
            )
        )
    if report.get("ok") and changes:
        regions, metrics_lv, metrics_en = _names()
        metric_names = metrics_en if lang == "en" else metrics_lv
        rows = [
            [
                c["period_code"],
                regions.get(c["region"], c["region"]),
                metric_names.get(c["metric"], c["metric"]),
                format_number(c["old"], lang) if c["old"] is not None else "–",
                format_number(c["new"], lang),
                t(f"admin.change.{c['kind']}", lang),
            ]
            for c in changes
        ]
        out.append(html.H2(t("admin.upload.preview", lang), className="h5 mt-3"))
        out.append(
            html.Div(
                _table(
                    [
                        t("admin.col.period", lang),
                        t("admin.col.region", lang),
                        t("admin.col.metric", lang),
                        t("admin.col.old", lang),
                        t("admin.col.new", lang),
                        t("admin.col.change", lang),
                    ],
                    rows,
                    t("admin.upload.preview", lang),
                    "admin-preview-table",
                ),
                className="table-responsive",
            )
        )
        out.append(html.H3(t("admin.upload.preview_chart", lang), className="h6"))
        out.append(
            dcc.Graph(
                id="admin-preview-graph",
                figure=preview_figure(changes, lang),
                config={**GRAPH_CONFIG, "locale": lang},
            )
        )
    return out


@callback(
    Output("admin-upload-report", "children"),
    Output("admin-upload-id", "data"),
    Output("admin-publish", "disabled"),
    Input("admin-upload", "contents"),
    State("admin-upload", "filename"),
    State("admin-replace", "value"),
    State("admin-lang", "data"),
    prevent_initial_call=True,
)
def validate_uploaded_file(contents, filename, replace, lang):
    """Validate the chosen file and show the report and preview; nothing is published yet."""
    lang = current_lang(lang)
    actor = _actor()
    data = _decode(contents or "")
    name = (filename or "upload")[:200]
    if data is None:
        return (
            dbc.Alert(t("admin.upload.invalid", lang, name=name, n=1), color="danger"),
            None,
            True,
        )
    upload, report = stage_upload(actor, data, name, replace=bool(replace))
    body = report.to_dict()
    if upload is not None and upload.report.get("duplicate_of"):
        body["duplicate_of"] = upload.report["duplicate_of"]
    can_publish = report.ok and upload is not None and actor.role == "admin"
    return render_report(body, name, lang), (upload.id if upload else None), not can_publish


@callback(
    Output("admin-publish-result", "children"),
    Output("admin-refresh", "data", allow_duplicate=True),
    Output("admin-publish", "disabled", allow_duplicate=True),
    Input("admin-publish", "n_clicks"),
    State("admin-upload-id", "data"),
    State("admin-replace", "value"),
    State("admin-refresh", "data"),
    State("admin-lang", "data"),
    prevent_initial_call=True,
)
def publish_release(n_clicks, upload_id, replace, refresh, lang):
    """Publish the validated upload as the next release."""
    lang = current_lang(lang)
    upload_id = _as_id(upload_id)
    if not n_clicks or upload_id is None:
        return dash.no_update, dash.no_update, dash.no_update
    actor = _actor()
    try:
        release = publish_upload(actor, upload_id, replace=bool(replace))
    except ServiceError as exc:
        return (
            dbc.Alert(
                exc.message_en if lang == "en" else exc.message_lv,
                color="danger",
                id="admin-publish-error",
            ),
            dash.no_update,
            True,
        )
    return (
        dbc.Alert(
            t("admin.upload.published", lang, number=release.number),
            color="success",
            id="admin-published-alert",
        ),
        (refresh or 0) + 1,
        True,
    )


# --- Releases, history, audit ----------------------------------------------------------------


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


@callback(
    Output("admin-releases", "children"),
    Input("admin-refresh", "data"),
    State("admin-lang", "data"),
)
def render_releases(_refresh, lang):
    """Every release, with its as-published download and a rollback button on the latest."""
    lang = current_lang(lang)
    require_role("staff")
    admin = _is_admin()
    with get_db().session() as session:
        releases = session.scalars(sa.select(m.Release).order_by(m.Release.number.desc())).all()
        latest = next((r.number for r in releases if r.status == "published"), None)
        rows = []
        for r in releases:
            action: Any = ""
            if r.status == "published" and r.number == latest and r.number != 1:
                action = dbc.Button(
                    t("admin.rollback", lang, number=r.number),
                    id={"type": "admin-rollback", "number": r.number},
                    color="danger",
                    outline=True,
                    size="sm",
                    disabled=not admin,
                )
            rows.append(
                [
                    r.number,
                    t(f"admin.status.{r.status}", lang),
                    _when(r.published_at),
                    r.published_by or "",
                    r.file_name or r.description,
                    html.Span(
                        [
                            html.A(
                                "CSV",
                                href=f"/api/v1/observations?format=csv&release={r.number}",
                                className="me-2",
                            ),
                            html.A(
                                "JSON", href=f"/api/v1/observations?format=json&release={r.number}"
                            ),
                        ]
                    ),
                    action,
                ]
            )
    return _table(
        [
            t("admin.col.number", lang),
            t("admin.col.status", lang),
            t("admin.col.when", lang),
            t("admin.col.who", lang),
            t("admin.col.file", lang),
            t("admin.col.download", lang),
            t("admin.col.action", lang),
        ],
        rows,
        t("admin.tab.releases", lang),
        "admin-releases-table",
    )


@callback(
    Output("admin-rollback-result", "children"),
    Output("admin-refresh", "data", allow_duplicate=True),
    Input({"type": "admin-rollback", "number": ALL}, "n_clicks"),
    State("admin-refresh", "data"),
    State("admin-lang", "data"),
    prevent_initial_call=True,
)
def rollback(clicks, refresh, lang):
    """Roll back the release whose button was pressed."""
    lang = current_lang(lang)
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not any(c for c in (clicks or []) if c):
        return dash.no_update, dash.no_update
    number = _as_id(trigger.get("number"))
    if number is None:
        return dash.no_update, dash.no_update
    actor = _actor()
    try:
        release = rollback_release(actor, number)
    except ServiceError as exc:
        return dbc.Alert(
            exc.message_en if lang == "en" else exc.message_lv,
            color="danger",
            id="admin-rollback-error",
        ), dash.no_update
    return (
        dbc.Alert(
            t("admin.rolled_back", lang, number=release.number),
            color="success",
            id="admin-rolled-back-alert",
        ),
        (refresh or 0) + 1,
    )


@callback(
    Output("admin-uploads", "children"),
    Output("admin-audit", "children"),
    Input("admin-refresh", "data"),
    Input("admin-active-tab", "data"),
    State("admin-lang", "data"),
)
def render_history(_refresh, _tab, lang):
    """Upload history and the latest audit-log entries."""
    lang = current_lang(lang)
    require_role("staff")
    with get_db().session() as session:
        uploads = session.scalars(sa.select(m.Upload).order_by(m.Upload.id.desc()).limit(100))
        upload_rows = [
            [
                u.id,
                _when(u.uploaded_at),
                u.uploaded_by,
                u.file_name,
                t(f"admin.status.{u.status}", lang)
                if u.status in {"published", "valid", "invalid", "rolled_back"}
                else u.status,
                u.sha256[:12],
            ]
            for u in uploads
        ]
        audits = session.scalars(sa.select(m.AuditLog).order_by(m.AuditLog.id.desc()).limit(100))
        audit_rows = [[_when(a.at), a.actor, a.action, a.target or "", a.outcome] for a in audits]
    return (
        _table(
            [
                "ID",
                t("admin.col.when", lang),
                t("admin.col.who", lang),
                t("admin.col.file", lang),
                t("admin.col.status", lang),
                "SHA-256",
            ],
            upload_rows,
            t("admin.history.uploads", lang),
            "admin-uploads-table",
        ),
        _table(
            [
                t("admin.col.when", lang),
                t("admin.col.who", lang),
                t("admin.col.action", lang),
                t("admin.col.target", lang),
                t("admin.col.outcome", lang),
            ],
            audit_rows,
            t("admin.history.audit", lang),
            "admin-audit-table",
        ),
    )


@callback(
    Output("admin-reports", "children"),
    Input("admin-refresh", "data"),
    Input("admin-active-tab", "data"),
    State("admin-lang", "data"),
)
def render_data_reports(_refresh, _tab, lang):
    """Readers' data-problem reports, newest first, as text (never HTML).

    A reader's e-mail address reaches the browser of an admin only (staff see that one was
    given), and of nobody once it is past its time; the service decides both.
    """
    lang = current_lang(lang)
    actor = _actor()
    admin = actor.role == "admin"
    reports = data_reports(actor)
    if not reports:
        return html.P(t("admin.reports.none", lang), id="admin-reports-empty")
    rows = []
    for r in reports:
        if r["email"]:
            email: Any = html.A(r["email"], href=f"mailto:{r['email']}")
        elif r["email_given"]:
            email = t("admin.reports.email_hidden", lang)
        else:
            email = ""
        action: Any = _when(r["resolved_at"])
        if r["status"] != "resolved":
            # A plain button: dbc.Button takes no aria-label, and each row's needs its number.
            action = html.Button(
                t("admin.reports.resolve", lang),
                id={"type": "admin-report-resolve", "report": r["id"]},
                type="button",
                className="btn btn-outline-secondary btn-sm",
                disabled=not admin,
                **{"aria-label": t("admin.reports.resolve_label", lang, id=r["id"])},
            )
        rows.append(
            [
                r["id"],
                _when(r["created_at"]),
                r["region"] or "",
                r["period"] or "",
                r["metric"] or "",
                html.Span(r["message"], style={"whiteSpace": "pre-wrap"}),
                email,
                t(f"admin.status.{r['status']}", lang)
                if r["status"] in {"new", "resolved"}
                else r["status"],
                action,
            ]
        )
    return _table(
        [
            "ID",
            t("admin.col.when", lang),
            t("admin.col.region", lang),
            t("admin.col.period", lang),
            t("admin.col.metric", lang),
            t("admin.col.message", lang),
            t("admin.col.email", lang),
            t("admin.col.status", lang),
            t("admin.col.action", lang),
        ],
        rows,
        t("admin.tab.reports", lang),
        "admin-reports-table",
    )


@callback(
    Output("admin-report-result", "children"),
    Output("admin-refresh", "data", allow_duplicate=True),
    Input({"type": "admin-report-resolve", "report": ALL}, "n_clicks"),
    State("admin-refresh", "data"),
    State("admin-lang", "data"),
    prevent_initial_call=True,
)
def resolve_report(clicks, refresh, lang):
    """Mark the report whose button was pressed resolved (admins; the service refuses staff)."""
    lang = current_lang(lang)
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not any(c for c in (clicks or []) if c):
        return dash.no_update, dash.no_update
    report_id = _as_id(trigger.get("report"))
    if report_id is None:
        return dash.no_update, dash.no_update
    actor = _actor()
    try:
        resolve_data_report(actor, report_id)
    except ServiceError as exc:
        return dbc.Alert(
            exc.message_en if lang == "en" else exc.message_lv,
            color="danger",
            id="admin-report-error",
        ), dash.no_update
    return (
        dbc.Alert(
            t("admin.reports.resolved", lang, id=report_id),
            color="success",
            id="admin-report-resolved-alert",
        ),
        (refresh or 0) + 1,
    )


# --- Contacts --------------------------------------------------------------------------------

CONTACT_INPUTS = ["name", "role_lv", "role_en", "organisation", "email", "phone", "note"]


def _contacts_tab(lang: str, admin: bool) -> html.Div:
    suffix = "en" if lang == "en" else "lv"
    contacts = queries.contacts(active_only=False)
    options = [{"label": t("admin.contacts.new", lang), "value": NEW_CONTACT}] + [
        {"label": f"{c['name']}{'' if c['active'] else ' (—)'}", "value": c["code"]}
        for c in contacts
    ]
    none = [{"label": t("admin.field.none", lang), "value": ""}]
    region_options = none + [
        {"label": r[f"name_{suffix}"], "value": r["code"]} for r in queries.regions()
    ]
    municipality_options = none + [
        {"label": x["name_lv"], "value": x["code"]} for x in queries.municipalities()
    ]
    fields = [
        html.Div(
            [
                dbc.Label(t(f"admin.field.{f}", lang), html_for=f"admin-contact-{f}"),
                dbc.Input(id=f"admin-contact-{f}", type="text", disabled=not admin),
            ],
            className="mb-2",
        )
        for f in CONTACT_INPUTS
    ]
    return html.Div(
        [
            html.P(t("admin.contacts.intro", lang)),
            dbc.Label(t("admin.contacts.choose", lang), html_for="admin-contact-select"),
            dbc.Select(
                id="admin-contact-select", options=options, value=NEW_CONTACT, className="mb-3"
            ),
            *fields,
            html.Div(
                [
                    dbc.Label(t("admin.field.region", lang), html_for="admin-contact-region"),
                    dbc.Select(
                        id="admin-contact-region",
                        options=region_options,
                        value="",
                        disabled=not admin,
                    ),
                ],
                className="mb-2",
            ),
            html.Div(
                [
                    dbc.Label(
                        t("admin.field.municipality", lang), html_for="admin-contact-municipality"
                    ),
                    dbc.Select(
                        id="admin-contact-municipality",
                        options=municipality_options,
                        value="",
                        disabled=not admin,
                    ),
                ],
                className="mb-2",
            ),
            dbc.Checkbox(
                id="admin-contact-active",
                label=t("admin.field.active", lang),
                value=True,
                disabled=not admin,
            ),
            html.Div(
                [
                    dbc.Button(
                        t("admin.contacts.save", lang),
                        id="admin-contact-save",
                        color="primary",
                        className="me-2",
                        disabled=not admin,
                    ),
                    dbc.Button(
                        t("admin.contacts.verify", lang),
                        id="admin-contact-verify",
                        color="secondary",
                        outline=True,
                        disabled=not admin,
                    ),
                ],
                className="mt-3",
            ),
            html.Div(id="admin-contact-result", className="mt-3", role="status"),
        ]
    )


@callback(
    *[Output(f"admin-contact-{f}", "value") for f in CONTACT_INPUTS],
    Output("admin-contact-region", "value"),
    Output("admin-contact-municipality", "value"),
    Output("admin-contact-active", "value"),
    Input("admin-contact-select", "value"),
)
def fill_contact_form(code):
    """Load the chosen contact into the form (empty for a new one)."""
    require_role("staff")
    contact = next((c for c in queries.contacts(active_only=False) if c["code"] == code), None)
    if contact is None:
        return *([""] * len(CONTACT_INPUTS)), "", "", True
    return (
        *[contact.get(f) or "" for f in CONTACT_INPUTS],
        (contact.get("region") or {}).get("code", ""),
        (contact.get("municipality") or {}).get("code", ""),
        bool(contact.get("active")),
    )


@callback(
    Output("admin-contact-result", "children"),
    Output("admin-contact-select", "options"),
    Output("admin-contact-select", "value"),
    Input("admin-contact-save", "n_clicks"),
    Input("admin-contact-verify", "n_clicks"),
    State("admin-contact-select", "value"),
    *[State(f"admin-contact-{f}", "value") for f in CONTACT_INPUTS],
    State("admin-contact-region", "value"),
    State("admin-contact-municipality", "value"),
    State("admin-contact-active", "value"),
    State("admin-lang", "data"),
    prevent_initial_call=True,
)
def save_contact_form(_save, _verify, code, *values):
    """Save the contact form, or mark the chosen contact verified today."""
    *texts, region, municipality, active, lang = values
    lang = current_lang(lang)
    actor = _actor()
    try:
        if ctx.triggered_id == "admin-contact-verify":
            if code == NEW_CONTACT:
                return dash.no_update, dash.no_update, dash.no_update
            set_contact_state(actor, code, verified_on=dt.date.today())
            saved = code
        else:
            fields = dict(zip(CONTACT_INPUTS, texts, strict=True))
            fields.update(region=region, municipality=municipality, active=bool(active))
            saved = save_contact(actor, None if code == NEW_CONTACT else code, fields)
    except ServiceError as exc:
        return (
            dbc.Alert(
                exc.message_en if lang == "en" else exc.message_lv,
                color="danger",
                id="admin-contact-error",
            ),
            dash.no_update,
            dash.no_update,
        )
    options = [{"label": t("admin.contacts.new", lang), "value": NEW_CONTACT}] + [
        {"label": f"{c['name']}{'' if c['active'] else ' (—)'}", "value": c["code"]}
        for c in queries.contacts(active_only=False)
    ]
    return dbc.Alert(t("admin.contacts.saved", lang), color="success"), options, saved


# --- Funding ---------------------------------------------------------------------------------

FUNDING_INPUTS = ["title_lv", "title_en", "amount", "share", "note"]


def _funding_tab(lang: str, admin: bool) -> html.Div:
    rows = queries.funding()
    return html.Div(
        [
            html.P(t("admin.funding.intro", lang)),
            dbc.Label(t("admin.funding.choose", lang), html_for="admin-funding-select"),
            dbc.Select(
                id="admin-funding-select",
                options=[
                    {"label": r["title_en" if lang == "en" else "title_lv"], "value": r["code"]}
                    for r in rows
                ],
                value=rows[0]["code"] if rows else None,
                className="mb-3",
            ),
            *[
                html.Div(
                    [
                        dbc.Label(t(f"admin.field.{f}", lang), html_for=f"admin-funding-{f}"),
                        dbc.Input(id=f"admin-funding-{f}", type="text", disabled=not admin),
                    ],
                    className="mb-2",
                )
                for f in FUNDING_INPUTS
            ],
            dbc.Button(
                t("admin.contacts.save", lang),
                id="admin-funding-save",
                color="primary",
                disabled=not admin,
                className="mt-2",
            ),
            html.Div(id="admin-funding-result", className="mt-3", role="status"),
        ]
    )


@callback(
    *[Output(f"admin-funding-{f}", "value") for f in FUNDING_INPUTS],
    Input("admin-funding-select", "value"),
)
def fill_funding_form(code):
    """Load the chosen funding row into the form."""
    require_role("staff")
    row = next((r for r in queries.funding() if r["code"] == code), None)
    if row is None:
        return [""] * len(FUNDING_INPUTS)
    return (
        row["title_lv"],
        row["title_en"],
        "" if row["amount_eur"] is None else str(row["amount_eur"]),
        "" if row["share_pct"] is None else str(row["share_pct"]),
        row.get("note") or "",
    )


@callback(
    Output("admin-funding-result", "children"),
    Input("admin-funding-save", "n_clicks"),
    State("admin-funding-select", "value"),
    *[State(f"admin-funding-{f}", "value") for f in FUNDING_INPUTS],
    State("admin-lang", "data"),
    prevent_initial_call=True,
)
def save_funding_form(_n, code, title_lv, title_en, amount, share, note, lang):
    """Save the funding form."""
    lang = current_lang(lang)
    actor = _actor()
    try:
        save_funding(
            actor,
            code,
            {
                "title_lv": title_lv,
                "title_en": title_en,
                "amount_eur": amount,
                "share_pct": share,
                "note": note,
            },
        )
    except ServiceError as exc:
        return dbc.Alert(
            exc.message_en if lang == "en" else exc.message_lv,
            color="danger",
            id="admin-funding-error",
        )
    return dbc.Alert(t("admin.contacts.saved", lang), color="success")
