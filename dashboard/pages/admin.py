"""Admin page (``/admin``): upload → validation report → preview → publish → rollback, the upload
history and audit log, readers' data-problem reports, directory and funding editing.

The page lives in :mod:`dashboard.admin`, one module per tab; this module registers it with Dash
Pages and registers the tabs' callbacks.

Why the callbacks are registered here, by a call, and not by ``@callback`` decorators in the tab
modules: Dash executes every page module afresh for each app it builds, and before each build
``dash_internals.forget_unclaimed_page_callbacks()`` empties Dash's global callback registry
(tests and the CLI build many apps in one process). A decorator in a module that is merely
imported runs once per process, so every app after the first would lack those callbacks. So each
tab module puts its registrations in a ``register_callbacks()`` function, and the call below runs
them every time Dash executes this module, once per app
(``tests/unit/test_admin_package.py::test_every_admin_callback_is_in_every_app`` builds two apps
and finds every admin callback in both). Nothing but this module may call it: a second call for
the same app would register every admin callback twice.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html
from flask import g

from dashboard.admin import shell
from dashboard.auth import current_account
from dashboard.i18n import page_description, page_title
from dashboard.i18n.context import current_lang

dash.register_page(
    __name__,
    path="/admin",
    title=lambda **_: page_title("Administration"),
    description=lambda **_: page_description("Data management."),
)

shell.register_callbacks()


def layout(**query: Any) -> html.Div:
    lang = current_lang(query.get("lang"))
    user = current_account()
    if user is None:  # the guard redirects before this; defence in depth
        ended = "&ended=1" if g.get("session_ended") else ""
        return html.Div(dcc.Location(id="admin-redirect", href=f"/login?next=/admin{ended}"))
    return shell.layout(lang, user)
