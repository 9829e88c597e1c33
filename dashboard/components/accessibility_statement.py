"""The accessibility statement (``/accessibility``) in the reader's language.

Its dates are arguments, not constants here, so that the page module keeps the one place to
update when a new evaluation is made, and a test can render the statement for any date.
"""

from __future__ import annotations

import datetime as dt

from dash import html

from dashboard.i18n import t
from dashboard.i18n.formatting import format_date


def known_limitations(lang: str) -> list[str]:
    """What is known not to work fully accessibly, and what readers can use instead."""
    return [
        t("a11y.limit.charts", lang),
        t("a11y.limit.map", lang),
        t("a11y.limit.images", lang),
        t("a11y.limit.external", lang),
        t("a11y.limit.manual", lang),
    ]


def accessibility_statement(lang: str, evaluated_on: dt.date, prepared_on: dt.date) -> html.Div:
    """Status, how and when it was checked, known limitations, and where to report a problem
    (the data-problem form on ``/data``, in the reader's language)."""
    return html.Div(
        [
            html.H1(t("a11y.title", lang), className="h2"),
            html.P(t("a11y.intro", lang), className="lead"),
            html.H2(t("a11y.status_title", lang), className="h4 mt-4"),
            html.P(t("a11y.status", lang), id="a11y-status"),
            html.H2(t("a11y.method_title", lang), className="h4 mt-4"),
            html.P(
                t("a11y.method", lang, date=format_date(evaluated_on, lang)),
                id="a11y-method",
            ),
            html.H2(t("a11y.limits_title", lang), className="h4 mt-4"),
            html.Ul(
                [html.Li(text) for text in known_limitations(lang)],
                id="a11y-limitations",
            ),
            html.H2(t("a11y.feedback_title", lang), className="h4 mt-4"),
            html.P(
                [
                    t("a11y.feedback", lang),
                    " ",
                    html.A(
                        t("a11y.feedback_link", lang), href=f"/data?lang={lang}#data-report-form"
                    ),
                    ".",
                ],
                id="a11y-feedback",
            ),
            html.P(
                t("a11y.prepared", lang, date=format_date(prepared_on, lang)),
                className="small text-body-secondary",
            ),
        ]
    )
