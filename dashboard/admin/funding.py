"""The Funding tab: edit a row of the funding table (titles, amount or share, note).

The form is filled from :func:`dashboard.queries.funding` and saved through
:func:`dashboard.services.save_funding`, which checks amounts, shares and that the parts of a
total still add up.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, html

from dashboard import queries
from dashboard.admin.common import actor, error_alert
from dashboard.auth import require_role
from dashboard.i18n import N_, t
from dashboard.i18n.context import current_lang
from dashboard.services import ServiceError, save_funding

KEY = "funding"
LABEL = N_("Funding")

# Fields of the form, in order, with their labels (literal keys).
FUNDING_INPUTS = {
    "title_lv": N_("Title (Latvian)"),
    "title_en": N_("Title (English)"),
    "amount": N_("Amount, EUR"),
    "share": N_("Share, %"),
    "note": N_("Note"),
}


def panel(lang: str, admin: bool) -> html.Div:
    rows = queries.funding()
    title = "title_en" if lang == "en" else "title_lv"
    return html.Div(
        [
            html.P(t("Edit the funding rows. The parts must add up to 100 %.", lang)),
            dbc.Label(t("Funding row", lang), html_for="admin-funding-select"),
            dbc.Select(
                id="admin-funding-select",
                options=[{"label": r[title], "value": r["code"]} for r in rows],
                value=rows[0]["code"] if rows else None,
                className="mb-3",
            ),
            *[
                html.Div(
                    [
                        dbc.Label(t(label_key, lang), html_for=f"admin-funding-{field}"),
                        dbc.Input(id=f"admin-funding-{field}", type="text", disabled=not admin),
                    ],
                    className="mb-2",
                )
                for field, label_key in FUNDING_INPUTS.items()
            ],
            dbc.Button(
                t("Save", lang),
                id="admin-funding-save",
                color="primary",
                disabled=not admin,
                className="mt-2",
            ),
            html.Div(id="admin-funding-result", className="mt-3", role="status"),
        ]
    )


def form_values(row: dict[str, Any] | None) -> tuple[str, ...]:
    """What the form shows for a funding row, in :data:`FUNDING_INPUTS` order (empty if none)."""
    if row is None:
        return ("",) * len(FUNDING_INPUTS)
    return (
        row["title_lv"],
        row["title_en"],
        "" if row["amount_eur"] is None else str(row["amount_eur"]),
        "" if row["share_pct"] is None else str(row["share_pct"]),
        row.get("note") or "",
    )


def fill_funding_form(code):
    """Load the chosen funding row into the form."""
    require_role("staff")
    return form_values(next((r for r in queries.funding() if r["code"] == code), None))


def save_funding_form(_n, code, title_lv, title_en, amount, share, note, lang):
    """Save the funding form."""
    lang = current_lang(lang)
    who = actor()
    fields = {
        "title_lv": title_lv,
        "title_en": title_en,
        "amount_eur": amount,
        "share_pct": share,
        "note": note,
    }
    try:
        save_funding(who, code, fields)
    except ServiceError as exc:
        return error_alert(exc, lang, "admin-funding-error")
    return dbc.Alert(t("Saved.", lang), color="success")


def register_callbacks() -> None:
    """Register this tab's callbacks in Dash's registry (see ``dashboard/pages/admin.py``)."""
    callback(
        *[Output(f"admin-funding-{f}", "value") for f in FUNDING_INPUTS],
        Input("admin-funding-select", "value"),
    )(fill_funding_form)
    callback(
        Output("admin-funding-result", "children"),
        Input("admin-funding-save", "n_clicks"),
        State("admin-funding-select", "value"),
        *[State(f"admin-funding-{f}", "value") for f in FUNDING_INPUTS],
        State("admin-lang", "data"),
        prevent_initial_call=True,
    )(save_funding_form)
