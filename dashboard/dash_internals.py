"""Every use of Dash's private API, in one place.

Dash offers no public way to do four things this app needs: serve its own Plotly.js build, leave
out the DataTable bundle no page uses, look up which registered page a path belongs to, and forget
the page callbacks that an app built earlier in the same process registered but never claimed.
Each is a private name of Dash 4 (``_setup_plotlyjs``, ``_collect_and_register_resources``,
``dash._pages._path_to_page``, ``dash._callback.GLOBAL_*``). They are used only here, and
``tests/unit/test_dash_internals.py`` pins the installed Dash version and checks each name still
exists and behaves, so a Dash upgrade breaks one test loudly instead of the site quietly.
"""

from __future__ import annotations

from typing import Any

from dash import Dash
from dash import _callback as dash_callback
from dash import _pages as dash_pages

# The Dash release this module was written and tested against (see the module docstring).
TESTED_DASH_MAJOR_MINOR = (4, 4)

PLOTLY_BUNDLE_URL = "/assets/vendor/plotly-custom.min.js"


def page_for_path(path: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The registered page serving ``path`` (``{}`` when none) and its path variables."""
    page, variables = dash_pages._path_to_page(path.strip("/"))
    return page or {}, variables or {}


def forget_unclaimed_page_callbacks() -> None:
    """Drop page callbacks that an earlier app in this process registered but never claimed.

    Dash re-imports the page modules for every app, and their ``@callback`` decorators add to a
    global registry that an app claims on its first request. An app that is built but never
    serves a request (the CLI builds one just for an app context; tests build many) would leave
    its copies there and the next app would list every callback twice. All our callbacks live in
    page modules (or are registered by them) or are registered on the app itself.
    """
    dash_callback.GLOBAL_CALLBACK_LIST.clear()
    dash_callback.GLOBAL_CALLBACK_MAP.clear()
    dash_callback.GLOBAL_INLINE_SCRIPTS.clear()


class LeanDash(Dash):
    """Dash serving our Plotly.js build and leaving out the DataTable bundle."""

    def _collect_and_register_resources(
        self, resources: Any, include_async: bool = True, url_attr: str = "src"
    ) -> Any:
        """Leave out dash_table's scripts: no page uses a DataTable (a test checks), and Dash
        would otherwise load its bundle on every page (one request, 33 kB to parse)."""
        kept = [
            r
            for r in resources
            if not str(r.get("relative_package_path", "")).startswith("dash_table/")
        ]
        return super()._collect_and_register_resources(kept, include_async, url_attr)

    def _setup_plotlyjs(self) -> None:
        """Serve our Plotly.js build instead of Dash's full bundle.

        ``assets/vendor/plotly-custom.min.js`` (core + bar + Latvian locale, built reproducibly by
        ``scripts/build_plotly_bundle.sh``) is 0.39 MB gzipped against the full bundle's 1.47 MB,
        and dcc.Graph uses ``window.Plotly`` when it is already defined. Dash's own version of
        this method would also append to ``dcc``'s module-level script list on every app built.
        """
        self._plotlyjs_url = PLOTLY_BUNDLE_URL
