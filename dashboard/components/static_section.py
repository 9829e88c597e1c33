"""Static sections: parts of a page that never change in the browser, handed to React as one
element holding their HTML instead of as hundreds of components.

On a phone (Lighthouse's mobile preset, 4x CPU slowdown) React's work on Dash's copy of the page
was the main-thread time that blocked input: react-dom alone ran 0.6 s on /about and 1.1 s on
/data, in tasks of up to 0.5 s, in proportion to the number of components (each Dash component
is several React components). A release table, a data dictionary or an explanatory text has no
callback and no state, so it is rendered to HTML once, on the server, by the same writer as the
first view (``web/first_view.to_html``, ids unprefixed), and Dash gets one ``html.Div`` carrying
that HTML in ``data-static-html``; ``assets/static-sections.js`` puts it into the element as
soon as React has created it. The first view renders the section's children as usual.

Only plain content belongs here: no component a callback reads or writes, nothing but
``html``, the ``dbc`` and ``dcc`` components ``to_html`` knows (links are plain ``<a>``: a click
loads the page rather than routing in the browser). A callback output may *start* as a static
section: its answer replaces the element.
"""

from __future__ import annotations

from typing import Any

from dash import html
from markupsafe import Markup

from dashboard.web.first_view import STATIC_HTML, to_html


def static_section(children: Any, **props: Any) -> html.Div:
    """A ``Div`` (``props``: id, className …) whose ``children`` reach the browser as HTML."""
    section = html.Div(**props, **{STATIC_HTML: to_html(children, prefix="")})
    # Kept for the first view (rendered with its own id prefix) and for the tests; never sent.
    section.static_children = children
    return section


def static_markup(markup: str, **props: Any) -> html.Div:
    """A ``Div`` holding ``markup``, HTML written on the server (``figures/facade.py``)."""
    section = html.Div(**props, **{STATIC_HTML: markup})
    section.static_children = Markup(markup)
    return section
