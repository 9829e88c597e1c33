"""The "page not found" page, in the reader's language (Dash Pages serves it for unknown paths)."""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from dashboard.i18n import page_description, page_title, t
from dashboard.i18n.context import current_lang

dash.register_page(
    __name__,
    path="/404",
    title=lambda **_: page_title("Page not found"),
    description=lambda **_: page_description("There is no such page."),
)


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    return html.Div(
        [
            html.H1(t("Page not found", lang), className="h2"),
            html.P(
                t(
                    "There is no such page on this site. Use the navigation or go back "
                    "to the overview.",
                    lang,
                )
            ),
            html.A(t("Back to the overview", lang), href="/", className="btn btn-primary"),
        ],
        id="not-found",
    )
