"""Accessibility statement (``/accessibility``, piekļūstamības paziņojums) in LV and EN.

Required of a public body's website by Directive (EU) 2016/2102, in Latvia by Cabinet Regulation
No. 445 of 14.07.2020, which applies EN 301 549 (WCAG 2.1 AA). It states what was checked, how
and when, and what is known not to work, so readers know what to expect and whom to tell.
The evaluation date and method are those of the automated checks in ``tests/e2e`` (axe-core and
keyboard tests, run on every change); update ``EVALUATED_ON`` when a new evaluation is made.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
from dash import html

from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang
from dashboard.i18n.formatting import format_date

dash.register_page(
    __name__,
    path="/accessibility",
    name="Accessibility",
    title=lambda **_: page_title("accessibility"),
    description=lambda **_: page_description("accessibility"),
)

EVALUATED_ON = dt.date(2026, 11, 23)
STATEMENT_PREPARED_ON = dt.date(2026, 11, 23)
LIMITATIONS = ("charts", "map", "images", "external", "manual")


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    return html.Div(
        [
            html.H1(t("a11y.title", lang), className="h2"),
            html.P(t("a11y.intro", lang), className="lead"),
            html.H2(t("a11y.status_title", lang), className="h4 mt-4"),
            html.P(t("a11y.status", lang), id="a11y-status"),
            html.H2(t("a11y.method_title", lang), className="h4 mt-4"),
            html.P(
                t("a11y.method", lang, date=format_date(EVALUATED_ON, lang)),
                id="a11y-method",
            ),
            html.H2(t("a11y.limits_title", lang), className="h4 mt-4"),
            html.Ul(
                [html.Li(t(f"a11y.limit.{key}", lang)) for key in LIMITATIONS],
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
                t("a11y.prepared", lang, date=format_date(STATEMENT_PREPARED_ON, lang)),
                className="small text-body-secondary",
            ),
        ]
    )
