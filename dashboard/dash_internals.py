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

import threading
from typing import Any

from dash import Dash
from dash import _callback as dash_callback
from dash import _pages as dash_pages

# The Dash release this module was written and tested against (see the module docstring).
TESTED_DASH_MAJOR_MINOR = (4, 4)

PLOTLY_BUNDLE = "vendor/plotly-custom.min.js"  # under assets/
PLOTLY_BUNDLE_URL = f"/assets/{PLOTLY_BUNDLE}"
# Dash's ``assets_ignore``: asset files served but not written into every page as scripts.
ASSETS_NOT_ON_EVERY_PAGE = r"^plotly-custom\.min\.js$"

# The page's scripts are written as inert ``<script type="text/plain" data-after-paint src>`` tags
# (a browser neither fetches nor runs those) and this fixed inline script adds the real ones, in
# order, once the first view has painted (``LeanDash._generate_scripts_html``); the renderer
# starts on the event it sends when the last has run.
#
# "Painted" is the browser's first-contentful-paint entry, not the first animation frame: on a
# slower machine Lighthouse saw the frame come and the paint presented only a second later, after
# Dash's scripts had run (observed first paint 1.3 s instead of 0.25 s in 2 of 5 runs), and its
# simulation then counted every script in the largest paint (LCP 4.0 s instead of 1.2 s on
# /funding, /data, /about). A second after load it stops waiting; a hidden tab never paints.
SCRIPTS_LOADED = "app-scripts-loaded"
SCRIPT_LOADER = (
    "(function(){var tags=document.querySelectorAll('script[data-after-paint]'),started=false;"
    "function load(){if(started){return;}started=true;"
    "tags.forEach(function(tag,i){var s=document.createElement('script');"
    "s.src=tag.getAttribute('src');s.async=false;if(i===tags.length-1){s.onload=function(){"
    "window.dispatchEvent(new Event('" + SCRIPTS_LOADED + "'));};}"
    "document.body.appendChild(s);});}"
    "function soon(){window.setTimeout(load,0);}"
    "var types=window.PerformanceObserver&&PerformanceObserver.supportedEntryTypes||[];"
    "if(document.visibilityState==='hidden'){load();}"
    "else if(types.indexOf('paint')>=0){new PerformanceObserver(function(list,observer){"
    "if(list.getEntriesByName('first-contentful-paint').length){observer.disconnect();soon();}})"
    ".observe({type:'paint',buffered:true});window.addEventListener('load',function(){"
    "window.setTimeout(load,1000);});}"
    "else{window.requestAnimationFrame(soon);}})();"
)

# Dash's script resources left out of every page (``LeanDash._collect_and_register_resources``).
DROPPED_SCRIPTS = ("dash_table/", "deps/polyfill@")


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


def _without_dropped(resource: dict[str, Any]) -> dict[str, Any] | None:
    """``resource`` without the dropped scripts, or None if nothing of it is left. Dash lists
    React and its companions as one resource whose ``relative_package_path`` and
    ``external_url`` are parallel lists (the polyfill first)."""
    paths = resource.get("relative_package_path", "")
    if isinstance(paths, str):
        return None if paths.startswith(DROPPED_SCRIPTS) else resource
    keep = [i for i, path in enumerate(paths) if not str(path).startswith(DROPPED_SCRIPTS)]
    if not keep:
        return None
    lean = {**resource, "relative_package_path": [paths[i] for i in keep]}
    if isinstance(resource.get("external_url"), list):
        lean["external_url"] = [resource["external_url"][i] for i in keep]
    return lean


class LeanDash(Dash):
    """Dash serving our Plotly.js build, leaving out the DataTable bundle and polyfill, and
    running its scripts after the page has been parsed and painted."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._setup_lock = threading.Lock()
        # The scripts load after the first paint (``_generate_scripts_html``); the renderer
        # starts when the last of them has run.
        start = self.renderer.removeprefix("var renderer = ").rstrip(";")
        self.renderer = (
            f"window.addEventListener('{SCRIPTS_LOADED}', function () {{ "
            f"window.renderer = {start}; }});"
        )

    def _setup_server(self) -> None:
        """Dash's per-process setup, one request at a time.

        Dash marks itself set up before it has registered its scripts' paths, so a script
        request reaching another thread of a fresh gthread worker meanwhile was answered 500
        ("the path requested is not valid"; seen in ``bench/lighthouse.py`` right after the
        servers started). Every request calls this; after the first it returns at once.
        """
        with self._setup_lock:
            super()._setup_server()

    def _generate_scripts_html(self) -> str:
        """Dash's scripts, requested once the first view (``web/first_view.py``) is painted.

        As ``<script src>`` tags (even deferred) they were requested with the page and shared a
        phone's bandwidth with the stylesheets the first paint waits for. Here the tags are
        inert and ``SCRIPT_LOADER`` (an inline script with a fixed text, allowed by its hash in
        the Content-Security-Policy) adds live copies in order after the first frame. Dash's
        inline scripts (client-side callback functions) only define functions and stay as they
        are.
        """
        html = super()._generate_scripts_html()
        inert = html.replace("<script src=", '<script type="text/plain" data-after-paint src=')
        return f"{inert}\n<script>{SCRIPT_LOADER}</script>"

    def _collect_and_register_resources(
        self, resources: Any, include_async: bool = True, url_attr: str = "src"
    ) -> Any:
        """Leave out dash_table's scripts and the Babel polyfill.

        No page uses a DataTable (a test checks), and Dash would otherwise load its bundle on
        every page (one request, 33 kB to parse). The polyfill (core-js, 34 kB compressed) only
        serves browsers older than any Dash 4 supports, yet its evaluation was the second
        largest script cost on a phone (Lighthouse's bootup-time: 0.5-1.4 s at 4x CPU
        slowdown); the one global the bundles need from it, ``regeneratorRuntime``, comes from
        ``assets/vendor/regenerator-runtime.js`` instead."""
        kept = [lean for r in resources if (lean := _without_dropped(r)) is not None]
        return super()._collect_and_register_resources(kept, include_async, url_attr)

    def _setup_plotlyjs(self) -> None:
        """Serve our Plotly.js build instead of Dash's full bundle.

        ``assets/vendor/plotly-custom.min.js`` (core + bar + Latvian locale, built reproducibly by
        ``scripts/build_plotly_bundle.sh``) is 0.36 MB compressed against the full bundle's
        1.47 MB. It is not a page script: dcc.Graph waits on ``window.Plotly`` when that is
        defined, and ``assets/plotly-on-demand.js`` defines it as a promise that loads the
        bundle when a chart nears the viewport. Dash's own version of this method would also
        append to ``dcc``'s module-level script list on every app built.
        """
        self._plotlyjs_url = PLOTLY_BUNDLE_URL
