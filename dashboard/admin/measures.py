"""The Measures tab: the registry of what is counted, with a form to add or edit a measure.

Publishers keep naming new measures, so an admin defines them here (code, names, unit, kind and
definitions in both languages) before uploading their figures. The list shows how many figures of
each measure are published, which is also why some fields of a measure are locked: the service
(:mod:`dashboard.services.measures`) refuses to change the code, unit or kind under stored
figures, and says why next to the field.

One callback both fills the form (choosing a measure) and saves it: each field's error is shown
under the field, and choosing another measure must clear those marks, which two callbacks could
only do by writing the same outputs.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, html

from dashboard import queries
from dashboard.admin.common import actor, error_alert, table
from dashboard.i18n import N_, t
from dashboard.i18n.context import current_lang
from dashboard.services import FieldError, ServiceError, add_measure, update_measure
from dashboard.services.fields import FIELD_LABELS
from dashboard.services.measures import (
    CODE_MAX,
    DEFINITION_MAX,
    KINDS,
    MEASURE_FIELDS,
    NAME_MAX,
    UNITS,
)

KEY = "measures"
LABEL = N_("Measures")

NEW_MEASURE = "__new__"

# The longest value each field takes (the inputs' maxLength; the service checks again).
MAX_LENGTHS = {
    "code": CODE_MAX,
    "name_lv": NAME_MAX,
    "name_en": NAME_MAX,
    "definition_lv": DEFINITION_MAX,
    "definition_en": DEFINITION_MAX,
}


def measure_options(measures: list[dict[str, Any]], lang: str) -> list[dict[str, str]]:
    """The choices: "New measure" first, then every measure by code and name."""
    name = "name_en" if lang == "en" else "name_lv"
    return [{"label": t("New measure", lang), "value": NEW_MEASURE}] + [
        {"label": f"{x['code']} — {x[name]}", "value": x["code"]} for x in measures
    ]


def unit_options(measures: list[dict[str, Any]], lang: str) -> list[dict[str, str]]:
    """Every unit of the vocabulary, and any other unit a stored measure has (so it shows)."""
    words = {code: pair[1 if lang == "en" else 0] for code, pair in UNITS.items()}
    for x in measures:
        words.setdefault(x["unit_code"], x["unit_en" if lang == "en" else "unit_lv"])
    return [{"label": t("— choose —", lang), "value": ""}] + [
        {"label": f"{word} ({code})", "value": code} for code, word in words.items()
    ]


def kind_options(lang: str) -> list[dict[str, str]]:
    return [{"label": t("— choose —", lang), "value": ""}] + [
        {"label": t(label, lang), "value": kind} for kind, label in KINDS.items()
    ]


def measure_rows(
    measures: list[dict[str, Any]], figures: dict[str, int], lang: str
) -> list[list[Any]]:
    """One row per measure: code, names, unit, kind, definition (page language), figures."""
    en = lang == "en"
    return [
        [
            # Long codes have no spaces; without a break anywhere one widens its column and
            # squeezes the definitions into a column a few words wide. The usual ones (about 17
            # characters) still fit on one line.
            html.Code(
                x["code"],
                style={"overflowWrap": "anywhere", "display": "inline-block", "minWidth": "9rem"},
            ),
            x["name_lv"],
            x["name_en"],
            x["unit_en"] if en else x["unit_lv"],
            t(KINDS[x["kind"]], lang) if x["kind"] in KINDS else x["kind"],
            # Definitions run to a paragraph: a readable width keeps each row a few lines tall
            # (on a phone the table scrolls sideways inside its wrapper instead).
            html.Div(x["definition_en"] if en else x["definition_lv"], style={"minWidth": "18rem"}),
            str(figures.get(x["code"], 0)),
        ]
        for x in measures
    ]


def measures_table(lang: str) -> html.Table:
    columns = [
        t("Code", lang),
        t("Name (Latvian)", lang),
        t("Name (English)", lang),
        t("Unit", lang),
        t("Kind", lang),
        t("Definition", lang),
        t("Published figures", lang),
    ]
    rows = measure_rows(queries.metrics(), queries.metric_figures(), lang)
    return table(columns, rows, t("Every measure", lang), "admin-measures-list")


def _control(field: str, lang: str, admin: bool, measures: list[dict[str, Any]]) -> Any:
    ident = f"admin-measure-{field}"
    if field == "unit_code":
        return dbc.Select(
            id=ident, options=unit_options(measures, lang), value="", disabled=not admin
        )
    if field == "kind":
        return dbc.Select(id=ident, options=kind_options(lang), value="", disabled=not admin)
    if field.startswith("definition_"):
        return dbc.Textarea(
            id=ident, maxLength=DEFINITION_MAX, rows=3, disabled=not admin, value=""
        )
    return dbc.Input(
        id=ident, type="text", maxLength=MAX_LENGTHS[field], disabled=not admin, value=""
    )


def panel(lang: str, admin: bool) -> html.Div:
    measures = queries.metrics()
    fields = [
        html.Div(
            [
                dbc.Label(t(FIELD_LABELS[field], lang), html_for=f"admin-measure-{field}"),
                _control(field, lang, admin, measures),
                dbc.FormFeedback(id=f"admin-measure-{field}-error", type="invalid"),
            ],
            className="mb-2",
        )
        for field in MEASURE_FIELDS
    ]
    return html.Div(
        [
            html.P(
                t(
                    "What is counted, in which unit, and what it means. Define a measure here "
                    "before uploading its figures. Once figures of a measure are stored, its "
                    "code, unit and kind stay as they are; names and definitions can change.",
                    lang,
                )
            ),
            html.Div(measures_table(lang), id="admin-measures-table", className="table-responsive"),
            dbc.Label(t("Measure", lang), html_for="admin-measure-select"),
            dbc.Select(
                id="admin-measure-select",
                options=measure_options(measures, lang),
                value=NEW_MEASURE,
                className="mb-3",
            ),
            *fields,
            dbc.Button(
                t("Save", lang),
                id="admin-measure-save",
                color="primary",
                disabled=not admin,
                className="mt-2",
            ),
            html.Div(id="admin-measure-result", className="mt-3", role="status"),
        ]
    )


def form_values(measure: dict[str, Any] | None) -> tuple[str, ...]:
    """What the form shows for ``measure`` (empty for a new one), in ``MEASURE_FIELDS`` order."""
    if measure is None:
        return ("",) * len(MEASURE_FIELDS)
    return tuple(measure.get(field) or "" for field in MEASURE_FIELDS)


def field_marks(exc: ServiceError | None, lang: str) -> tuple[list[bool], list[str]]:
    """Which fields are marked invalid, and the message under each (``MEASURE_FIELDS`` order)."""
    messages: dict[str, str] = {}
    if isinstance(exc, FieldError):
        errors = exc.extra.get("errors") or [
            {"field": exc.field, "message_lv": exc.message_lv, "message_en": exc.message_en}
        ]
        for error in errors:
            text = error["message_en"] if lang == "en" else error["message_lv"]
            messages.setdefault(error["field"], text)
    return (
        [field in messages for field in MEASURE_FIELDS],
        [messages.get(field, "") for field in MEASURE_FIELDS],
    )


def measure_form(_save, code, *values):
    """Fill the form with the chosen measure, or save it (add when "New measure" is chosen)."""
    *texts, lang = values
    lang = current_lang(lang)
    who = actor()  # staff may read the form; the service refuses their saves
    keep = dash.no_update
    if ctx.triggered_id != "admin-measure-save":
        measure = next((x for x in queries.metrics() if x["code"] == code), None)
        invalid, feedback = field_marks(None, lang)
        return *form_values(measure), *invalid, *feedback, "", keep, keep, keep
    fields = dict(zip(MEASURE_FIELDS, texts, strict=True))
    try:
        if code == NEW_MEASURE:
            saved = add_measure(who, fields)
        else:
            saved = update_measure(who, code, fields)
    except ServiceError as exc:
        invalid, feedback = field_marks(exc, lang)
        alert = error_alert(exc, lang, "admin-measure-error")
        return *([keep] * len(MEASURE_FIELDS)), *invalid, *feedback, alert, keep, keep, keep
    measures = queries.metrics()
    measure = next((x for x in measures if x["code"] == saved), None)
    invalid, feedback = field_marks(None, lang)
    return (
        *form_values(measure),
        *invalid,
        *feedback,
        dbc.Alert(t("Saved.", lang), color="success", id="admin-measure-saved"),
        measure_options(measures, lang),
        saved,
        measures_table(lang),
    )


def register_callbacks() -> None:
    """Register this tab's callback in Dash's registry (see ``dashboard/pages/admin.py``)."""
    callback(
        *[Output(f"admin-measure-{f}", "value") for f in MEASURE_FIELDS],
        *[Output(f"admin-measure-{f}", "invalid") for f in MEASURE_FIELDS],
        *[Output(f"admin-measure-{f}-error", "children") for f in MEASURE_FIELDS],
        Output("admin-measure-result", "children"),
        Output("admin-measure-select", "options"),
        Output("admin-measure-select", "value"),
        Output("admin-measures-table", "children"),
        Input("admin-measure-save", "n_clicks"),
        Input("admin-measure-select", "value"),
        *[State(f"admin-measure-{f}", "value") for f in MEASURE_FIELDS],
        State("admin-lang", "data"),
    )(measure_form)
