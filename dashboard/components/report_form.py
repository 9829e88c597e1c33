"""The "report a data problem" form on ``/data`` and what its reader is told after sending.

The form promises the administrators will see the report and says how long the e-mail address is
kept; the pieces here are plain functions (regions, periods, metrics, a number of days in; Dash
components out) so the wording and the fields sent on are tested without a server.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import localized, normalise_lang, t
from dashboard.services.reports import REPORT_MAX_CHARS

ANY = "any"  # the choice that means "not about one region/period/measure in particular"


def days_text(n: int, lang: str) -> str:
    """ "30 dienas" / "30 days"; Latvian takes the singular after 1, 21, 31… but not 11."""
    one = (n % 10 == 1 and n % 100 != 11) if normalise_lang(lang) == "lv" else n == 1
    return t("unit.days.one", lang, n=n) if one else t("unit.days.other", lang, n=n)


def _choice(field_id: str, label: str, options: list[dict[str, Any]], lang: str) -> html.Div:
    """A labelled ``<select>`` whose first option, chosen by default, is "any"."""
    return html.Div(
        [
            dbc.Label(label, html_for=field_id),
            dbc.Select(
                id=field_id,
                options=[{"label": t("data.report_any", lang), "value": ANY}] + options,
                value=ANY,
            ),
        ],
        className="mb-2",
    )


def report_form(
    lang: str,
    regions: Iterable[dict[str, Any]],
    periods: Iterable[dict[str, Any]],
    metrics: Iterable[dict[str, Any]],
    retention: str,
) -> html.Div:
    """The form; ``retention`` is how long a resolved report's address is kept, in words
    (:func:`days_text`)."""
    region_options = [{"label": localized(r, "name", lang), "value": r["code"]} for r in regions]
    period_options = [{"label": localized(p, "label", lang), "value": p["code"]} for p in periods]
    metric_options = [{"label": localized(m, "name", lang), "value": m["code"]} for m in metrics]
    return html.Div(
        [
            html.P(t("data.report_intro", lang)),
            dbc.Row(
                [
                    dbc.Col(
                        _choice(
                            "data-report-region",
                            t("data.report_region", lang),
                            region_options,
                            lang,
                        ),
                        md=4,
                    ),
                    dbc.Col(
                        _choice(
                            "data-report-period",
                            t("data.report_period", lang),
                            period_options,
                            lang,
                        ),
                        md=4,
                    ),
                    dbc.Col(
                        _choice(
                            "data-report-metric",
                            t("data.report_metric", lang),
                            metric_options,
                            lang,
                        ),
                        md=4,
                    ),
                ]
            ),
            dbc.Label(t("data.report_message", lang), html_for="data-report-message"),
            dbc.Textarea(
                id="data-report-message", maxLength=REPORT_MAX_CHARS, rows=4, className="mb-2"
            ),
            dbc.Label(t("data.report_email", lang), html_for="data-report-email"),
            # Before the field, so a screen reader reads it before the address is typed.
            html.P(
                t("data.report_privacy", lang, days=retention),
                id="data-report-privacy",
                className="form-text mt-0 mb-1",
            ),
            dbc.Input(id="data-report-email", type="email", autocomplete="email", className="mb-3"),
            dbc.Button(t("data.report_submit", lang), id="data-report-submit", color="primary"),
            html.Div(id="data-report-result", role="status", className="mt-3"),
        ],
        id="data-report-form",
    )


def report_fields(
    region: str | None, period: str | None, metric: str | None, message: Any, email: Any
) -> dict[str, Any]:
    """The form's values as ``services.submit_data_report`` takes them: "any" (or nothing)
    becomes ``None``; the message and address go on as typed, for the service to check."""

    def chosen(value: str | None) -> str | None:
        return None if value in (None, "", ANY) else value

    return {
        "region": chosen(region),
        "period": chosen(period),
        "metric": chosen(metric),
        "message": message,
        "email": email,
    }


def report_thanks(report_id: int, lang: str) -> dbc.Alert:
    return dbc.Alert(
        t("data.report_thanks", lang, id=report_id), color="success", id="data-report-thanks"
    )


def report_refused(error: Any, lang: str) -> dbc.Alert:
    """The service's reason (a ``ServiceError``'s message) for not storing the report."""
    return dbc.Alert(localized(error, "message", lang), color="danger", id="data-report-error")


def report_too_many(lang: str) -> dbc.Alert:
    return dbc.Alert(t("data.report_too_many", lang), color="warning")
