"""The Contacts tab: add or edit a directory entry, deactivate it, or mark it verified today.

The form is filled from :func:`dashboard.queries.contacts` (cached by the data version, which
every directory edit changes) and saved through :func:`dashboard.services.save_contact`, which
checks every field and answers with the field's name in the page's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, html

from dashboard import queries
from dashboard.admin.common import actor, error_alert
from dashboard.auth import require_role
from dashboard.i18n import N_, t
from dashboard.i18n.context import current_lang
from dashboard.services import ServiceError, save_contact, set_contact_state

KEY = "contacts"
LABEL = N_("Contacts")

NEW_CONTACT = "__new__"

# Text fields of the form, in order, with their labels (literal keys).
CONTACT_INPUTS = {
    "name": N_("Name or department"),
    "role_lv": N_("Role (Latvian)"),
    "role_en": N_("Role (English)"),
    "organisation": N_("Organisation"),
    "email": N_("E-mail"),
    "phone": N_("Phone (+371 and 8 digits, or E.164)"),
    "note": N_("Note"),
}


def contact_options(contacts: list[dict[str, Any]], lang: str) -> list[dict[str, str]]:
    """The choices: "New contact" first, then every contact by name, inactive ones marked "(—)"."""
    return [{"label": t("New contact", lang), "value": NEW_CONTACT}] + [
        {"label": f"{c['name']}{'' if c['active'] else ' (—)'}", "value": c["code"]}
        for c in contacts
    ]


def _select(field: str, label_key: str, options: list[dict[str, str]], lang: str, admin: bool):
    return html.Div(
        [
            dbc.Label(t(label_key, lang), html_for=f"admin-contact-{field}"),
            dbc.Select(id=f"admin-contact-{field}", options=options, value="", disabled=not admin),
        ],
        className="mb-2",
    )


def unit_value(unit: dict[str, Any]) -> str:
    """A municipality as the form's value: ``"<division>:<code>"`` (``"2021:LV-099"``)."""
    return f"{unit['division']}:{unit['code']}"


def panel(lang: str, admin: bool) -> html.Div:
    name = "name_en" if lang == "en" else "name_lv"
    none = [{"label": t("— none —", lang), "value": ""}]
    region_options = none + [{"label": r[name], "value": r["code"]} for r in queries.regions()]
    # A code names two territories in the two divisions (LV-099 is Tukuma novads of 2009–2021
    # and of 2021–), so an option is the unit's division and code, labelled with the division.
    municipality_options = none + [
        {"label": f"{x['name_lv']} ({x['division']})", "value": unit_value(x)}
        for x in sorted(queries.municipalities(), key=lambda u: (u["name_lv"], u["division"]))
    ]
    fields = [
        html.Div(
            [
                dbc.Label(t(label_key, lang), html_for=f"admin-contact-{field}"),
                dbc.Input(id=f"admin-contact-{field}", type="text", disabled=not admin),
            ],
            className="mb-2",
        )
        for field, label_key in CONTACT_INPUTS.items()
    ]
    return html.Div(
        [
            html.P(
                t("Edit the directory. Names and notes are shown as text, never as HTML.", lang)
            ),
            dbc.Label(t("Contact", lang), html_for="admin-contact-select"),
            dbc.Select(
                id="admin-contact-select",
                options=contact_options(queries.contacts(active_only=False), lang),
                value=NEW_CONTACT,
                className="mb-3",
            ),
            *fields,
            _select("region", N_("Planning region"), region_options, lang, admin),
            _select("municipality", N_("Municipality"), municipality_options, lang, admin),
            dbc.Checkbox(
                id="admin-contact-active",
                label=t("Active (shown publicly)", lang),
                value=True,
                disabled=not admin,
            ),
            html.Div(
                [
                    dbc.Button(
                        t("Save", lang),
                        id="admin-contact-save",
                        color="primary",
                        className="me-2",
                        disabled=not admin,
                    ),
                    dbc.Button(
                        t("Mark verified today", lang),
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


def form_values(contact: dict[str, Any] | None) -> tuple[Any, ...]:
    """What the form shows for ``contact`` (an empty, active form for a new one): the text
    fields in :data:`CONTACT_INPUTS` order, region, municipality, active."""
    if contact is None:
        return *([""] * len(CONTACT_INPUTS)), "", "", True
    return (
        *[contact.get(f) or "" for f in CONTACT_INPUTS],
        (contact.get("region") or {}).get("code", ""),
        unit_value(contact["municipality"]) if contact.get("municipality") else "",
        bool(contact.get("active")),
    )


def fill_contact_form(code):
    """Load the chosen contact into the form (empty for a new one)."""
    require_role("staff")
    contacts = queries.contacts(active_only=False)
    return form_values(next((c for c in contacts if c["code"] == code), None))


def save_contact_form(_save, _verify, code, *values):
    """Save the contact form, or mark the chosen contact verified today."""
    *texts, region, municipality, active, lang = values
    lang = current_lang(lang)
    who = actor()
    try:
        if ctx.triggered_id == "admin-contact-verify":
            if code == NEW_CONTACT:
                return dash.no_update, dash.no_update, dash.no_update
            set_contact_state(who, code, verified_on=dt.date.today())
            saved = code
        else:
            fields = dict(zip(CONTACT_INPUTS, texts, strict=True))
            fields.update(region=region, municipality=municipality, active=bool(active))
            saved = save_contact(who, None if code == NEW_CONTACT else code, fields)
    except ServiceError as exc:
        return error_alert(exc, lang, "admin-contact-error"), dash.no_update, dash.no_update
    options = contact_options(queries.contacts(active_only=False), lang)
    return dbc.Alert(t("Saved.", lang), color="success"), options, saved


def register_callbacks() -> None:
    """Register this tab's callbacks in Dash's registry (see ``dashboard/pages/admin.py``)."""
    callback(
        *[Output(f"admin-contact-{f}", "value") for f in CONTACT_INPUTS],
        Output("admin-contact-region", "value"),
        Output("admin-contact-municipality", "value"),
        Output("admin-contact-active", "value"),
        Input("admin-contact-select", "value"),
    )(fill_contact_form)
    callback(
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
    )(save_contact_form)
