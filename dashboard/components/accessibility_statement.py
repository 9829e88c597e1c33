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
        t(
            "Charts are hidden from screen readers; instead each chart has a "
            "sentence with its main finding and a table with the same numbers.",
            lang,
        ),
        t(
            "The map itself cannot be used with a keyboard; find a municipality "
            "with the search box or the table below the map instead.",
            lang,
        ),
        t(
            "Downloaded PNG and SVG images carry a title and source but no text "
            "alternative; use the CSV or XLSX files instead.",
            lang,
        ),
        t(
            "Links lead to other bodies' pages and documents, whose "
            "accessibility this site cannot change.",
            lang,
        ),
        t(
            "Automated checks find only part of the problems; a manual review "
            "with screen readers has not been made yet.",
            lang,
        ),
    ]


def accessibility_statement(lang: str, evaluated_on: dt.date, prepared_on: dt.date) -> html.Div:
    """Status, how and when it was checked, known limitations, and where to report a problem
    (the data-problem form on ``/data``, in the reader's language)."""
    return html.Div(
        [
            html.H1(t("Accessibility statement", lang), className="h2"),
            html.P(
                t(
                    "This statistics site of the “Regional remigration coordinator” "
                    "programme aims to be accessible to everyone, as required by Cabinet "
                    "Regulation No. 445 of 14 July 2020 and the standard EN 301 549 "
                    "(WCAG 2.1 level AA).",
                    lang,
                ),
                className="lead",
            ),
            html.H2(t("Compliance status", lang), className="h4 mt-4"),
            html.P(
                t(
                    "The site is partially compliant with WCAG 2.1 AA: the automated "
                    "checks find no failures, but the shortcomings listed below remain, "
                    "and no test with screen readers has been made yet.",
                    lang,
                ),
                id="a11y-status",
            ),
            html.H2(t("How this was checked", lang), className="h4 mt-4"),
            html.P(
                t(
                    "Self-assessment, last on {date}: every change is checked "
                    "automatically on every page in both languages, on a desktop and a "
                    "320-pixel-wide phone screen, with axe-core (WCAG 2.0 and 2.1 A and "
                    "AA rules), plus keyboard-only use, visible focus, the skip link and "
                    "reflow on narrow screens.",
                    lang,
                    date=format_date(evaluated_on, lang),
                ),
                id="a11y-method",
            ),
            html.H2(t("Known limitations", lang), className="h4 mt-4"),
            html.Ul(
                [html.Li(text) for text in known_limitations(lang)],
                id="a11y-limitations",
            ),
            html.H2(t("Feedback and contact", lang), className="h4 mt-4"),
            html.P(
                [
                    t(
                        "If you cannot read or use something, please tell us which page and "
                        "what does not work, using",
                        lang,
                    ),
                    " ",
                    html.A(
                        t(
                            "the report form on the data page (the site's administrators see "
                            "every report)",
                            lang,
                        ),
                        href=f"/data?lang={lang}#data-report-form",
                    ),
                    ".",
                ],
                id="a11y-feedback",
            ),
            html.P(
                t("Statement prepared on {date}.", lang, date=format_date(prepared_on, lang)),
                className="small text-body-secondary",
            ),
        ]
    )
