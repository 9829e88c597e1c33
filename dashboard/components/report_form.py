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

from dashboard.i18n import localized, t
from dashboard.services.reports import REPORT_MAX_CHARS

ANY = "any"  # the choice that means "not about one region/period/measure in particular"


def _choice(field_id: str, label: str, options: list[dict[str, Any]], lang: str) -> html.Div:
    """A labelled ``<select>`` whose first option, chosen by default, is "any"."""
    return html.Div(
        [
            dbc.Label(label, html_for=field_id),
            dbc.Select(
                id=field_id,
                options=[{"label": t("— any —", lang), "value": ANY}] + options,
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
    (``services.reports.retention_days``)."""
    region_options = [{"label": localized(r, "name", lang), "value": r["code"]} for r in regions]
    period_options = [{"label": localized(p, "label", lang), "value": p["code"]} for p in periods]
    metric_options = [{"label": localized(m, "name", lang), "value": m["code"]} for m in metrics]
    return html.Div(
        [
            html.P(t("Spotted a mistake? Describe it; the administrators will see it.", lang)),
            dbc.Row(
                [
                    dbc.Col(
                        _choice(
                            "data-report-region",
                            t("Region (if relevant)", lang),
                            region_options,
                            lang,
                        ),
                        md=4,
                    ),
                    dbc.Col(
                        _choice(
                            "data-report-period",
                            t("Period (if relevant)", lang),
                            period_options,
                            lang,
                        ),
                        md=4,
                    ),
                    dbc.Col(
                        _choice(
                            "data-report-metric",
                            t("Measure (if relevant)", lang),
                            metric_options,
                            lang,
                        ),
                        md=4,
                    ),
                ]
            ),
            dbc.Label(t("What is wrong?", lang), html_for="data-report-message"),
            dbc.Textarea(
                id="data-report-message", maxLength=REPORT_MAX_CHARS, rows=4, className="mb-2"
            ),
            dbc.Label(
                t("Your e-mail (optional, if you would like a reply)", lang),
                html_for="data-report-email",
            ),
            # Before the field, so a screen reader reads it before the address is typed.
            html.P(
                t(
                    "Your e-mail address is optional. Only the site's administrators see "
                    "it, and it is used only to reply to your report. It is erased "
                    "{days} after the report is resolved.",
                    lang,
                    days=retention,
                ),
                id="data-report-privacy",
                className="form-text mt-0 mb-1",
            ),
            dbc.Input(id="data-report-email", type="email", autocomplete="email", className="mb-3"),
            dbc.Button(t("Send", lang), id="data-report-submit", color="primary"),
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
        t("Thank you! Your report has been saved (no. {id}).", lang, id=report_id),
        color="success",
        id="data-report-thanks",
    )


def report_refused(error: Any, lang: str) -> dbc.Alert:
    """The service's reason (a ``ServiceError``'s message) for not storing the report."""
    return dbc.Alert(localized(error, "message", lang), color="danger", id="data-report-error")


def report_too_many(lang: str) -> dbc.Alert:
    return dbc.Alert(
        t("Too many reports from this address; please try again later.", lang), color="warning"
    )
