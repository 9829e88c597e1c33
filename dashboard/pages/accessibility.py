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

from dashboard.components.accessibility_statement import accessibility_statement
from dashboard.i18n import page_description, page_title
from dashboard.i18n.context import current_lang

dash.register_page(
    __name__,
    path="/accessibility",
    name="Accessibility",
    title=lambda **_: page_title("Accessibility statement"),
    description=lambda **_: page_description(
        "How accessible this site is, how that was checked and how to report a problem."
    ),
)

EVALUATED_ON = dt.date(2026, 11, 23)
STATEMENT_PREPARED_ON = dt.date(2026, 11, 23)


def layout(**query: Any) -> html.Div:
    return accessibility_statement(
        current_lang(query.get("lang")), EVALUATED_ON, STATEMENT_PREPARED_ON
    )
