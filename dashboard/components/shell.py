"""The page shell around every page: skip link, navigation bar, language switch, footer."""

from __future__ import annotations

from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask import current_app

from dashboard.dash_internals import page_for_path
from dashboard.i18n import N_, other_lang, t
from dashboard.i18n.context import current_lang, page_location, page_search

NAV_ITEMS = [
    ("/", N_("Overview")),
    ("/map", N_("Map")),
    ("/contacts", N_("Contacts")),
    ("/funding", N_("Funding")),
    ("/data", N_("Data")),
    ("/about", N_("About")),
]


def _switch_href(path: str, other: str) -> str:
    """The same page and query in the other language (assets/lang-switch.js keeps it fresh)."""
    args = dict(page_location()[1])
    args["lang"] = other
    return f"{path}?{urlencode(args)}"


def navbar(lang: str, path: str) -> html.Header:
    other = other_lang(lang)
    links = [
        html.Li(
            html.A(
                t(label, lang),
                href=href,
                className="nav-link active" if path == href else "nav-link",
                **({"aria-current": "page"} if path == href else {}),
            ),
            className="nav-item",
        )
        for href, label in NAV_ITEMS
    ]
    switch = html.A(
        t("Latviski", lang),
        href=_switch_href(path, other),
        lang=other,
        className="btn btn-outline-light btn-sm ms-lg-3 lang-switch",
        id="lang-switch",
        title=t("Pārslēgt uz latviešu valodu", lang),
        **{"data-lang": other},
    )
    return html.Header(
        dbc.Navbar(
            dbc.Container(
                [
                    html.A(
                        [
                            html.Span(
                                t("Regional remigration support", lang),
                                className="d-none d-sm-inline",
                            ),
                            html.Span(t("Remigration", lang), className="d-sm-none"),
                        ],
                        href="/",
                        className="navbar-brand fw-semibold",
                    ),
                    html.Button(
                        html.Span(className="navbar-toggler-icon"),
                        id="navbar-toggler",
                        className="navbar-toggler",
                        type="button",
                        **{
                            "aria-label": t("Main navigation", lang),
                            "aria-controls": "navbar-collapse",
                        },
                    ),
                    dbc.Collapse(
                        [html.Ul(links, className="navbar-nav me-auto"), switch],
                        id="navbar-collapse",
                        navbar=True,
                    ),
                ],
                fluid="lg",
            ),
            color="dark",
            class_name="site-navbar",
            dark=True,
            expand="lg",
        ),
        role="banner",
    )


def footer(lang: str) -> html.Footer:
    return html.Footer(
        dbc.Container(
            [
                html.P(
                    [
                        html.Strong(t("Programme “Regional remigration coordinator”", lang)),
                        html.Br(),
                        t(
                            "Ministry of Smart Administration and Regional Development (VARAM)",
                            lang,
                        ),
                        " ",
                        html.Span(
                            t(
                                "Former name: Ministry of Environmental Protection "
                                "and Regional Development.",
                                lang,
                            ),
                            className="text-body-secondary",
                        ),
                    ],
                    className="mb-1",
                ),
                html.P(
                    [
                        html.A(t("Open data (API)", lang), href="/api/v1/observations?format=csv"),
                        " · ",
                        html.A(
                            t("Accessibility statement", lang), href=f"/accessibility?lang={lang}"
                        ),
                    ]
                ),
            ],
            fluid="lg",
            className="py-3",
        ),
        className="site-footer border-top mt-5 bg-body-tertiary",
    )


def page_container(path: str, query: dict[str, str]) -> html.Div:
    """Dash's page container, already holding the page at ``path``.

    ``dash.page_container`` arrives empty, and its ``dcc.Location`` then reports the address,
    which runs Dash's routing callback for the page's layout: one more round trip and one more
    render of the whole page before a phone can use it. Here the container has the same ids
    (the routing callback still serves later navigation) but holds the page, and its Location
    already knows the address, so it reports no change and the callback does not run. When
    the address is unknown (no referrer) or names no page, Dash's own container is used.
    """
    search = page_search()
    page, variables = page_for_path(path)
    if search is None or not page or page.get("path") == "/404":
        return dash.page_container
    layout, title = page.get("layout"), page.get("title")
    try:
        content = layout(**variables, **query) if callable(layout) else layout
    except Exception:  # the shell still loads; Dash's routing callback then reports the error
        current_app.logger.exception("page layout for %s failed", path)
        return dash.page_container
    return html.Div(
        [
            dcc.Location(
                id="_pages_location", refresh="callback-nav", pathname=path, search=search
            ),
            html.Div(content, id="_pages_content", disable_n_clicks=True),
            # What the routing callback would store: Dash's title script reads it on load.
            dcc.Store(
                id="_pages_store",
                data={"title": title(**variables) if callable(title) else title},
            ),
            html.Div(id="_pages_dummy", disable_n_clicks=True),
        ]
    )


def layout() -> html.Div:
    """The app layout: a function so that every page load renders in the reader's language."""
    lang = current_lang()
    path, query = page_location()
    container = page_container(path, query)
    if path.startswith("/embed/"):
        # Embeds sit inside another site's article: the chart alone, no navigation or footer.
        return html.Div(
            [
                html.Main(container, id="main-content", className="embed-main p-2"),
                dcc.Store(id="app-lang", data=lang),
            ]
        )
    return html.Div(
        [
            html.A(t("Skip to content", lang), href="#main-content", className="skip-link"),
            navbar(lang, path),
            html.Main(
                dbc.Container(container, fluid="lg", className="py-3"),
                id="main-content",
                tabIndex="-1",
            ),
            footer(lang),
            dcc.Store(id="app-lang", data=lang),
        ]
    )
