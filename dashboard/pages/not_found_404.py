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
    title=lambda **_: page_title("not_found"),
    description=lambda **_: page_description("not_found"),
)


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    return html.Div(
        [
            html.H1(t("error.not_found", lang), className="h2"),
            html.P(t("error.not_found_text", lang)),
            html.A(t("error.back_home", lang), href="/", className="btn btn-primary"),
        ],
        id="not-found",
    )
