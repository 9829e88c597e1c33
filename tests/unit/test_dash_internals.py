"""The private Dash API behind ``dashboard/dash_internals.py`` still exists and still behaves.

Dash does not promise to keep private names. This pins the version the module was written for
and checks each name it relies on, so an upgrade fails here, with a message saying what to
re-check, instead of somewhere in the site.
"""

from __future__ import annotations

import inspect
import re

import dash
from dash import _callback as dash_callback
from dash import _pages as dash_pages

from dashboard import dash_internals
from dashboard.dash_internals import LeanDash, forget_unclaimed_page_callbacks, page_for_path


def test_the_installed_dash_is_the_one_dash_internals_was_written_for():
    major, minor = (int(part) for part in dash.__version__.split(".")[:2])
    assert (major, minor) == dash_internals.TESTED_DASH_MAJOR_MINOR, (
        f"Dash {dash.__version__} is installed; dashboard/dash_internals.py was written for "
        f"{dash_internals.TESTED_DASH_MAJOR_MINOR}. Re-check each private name it uses, then "
        "update TESTED_DASH_MAJOR_MINOR."
    )


def test_the_private_names_exist_with_the_signatures_we_override():
    assert callable(dash_pages._path_to_page)
    for name in ("GLOBAL_CALLBACK_LIST", "GLOBAL_CALLBACK_MAP", "GLOBAL_INLINE_SCRIPTS"):
        assert hasattr(dash_callback, name), name
    original = inspect.signature(dash.Dash._collect_and_register_resources)
    assert list(original.parameters) == ["self", "resources", "include_async", "url_attr"]
    assert list(inspect.signature(dash.Dash._setup_plotlyjs).parameters) == ["self"]


def test_page_for_path_finds_registered_pages_and_their_variables(app):
    page, variables = page_for_path("/map")
    assert page["path"] == "/map" and variables == {}
    page, variables = page_for_path("/embed/trend")
    assert page["path_template"] == "/embed/<chart>" and variables == {"chart": "trend"}
    assert page_for_path("/no/such/page") == ({}, {})


def test_forgetting_unclaimed_callbacks_empties_dash_s_global_registry(app):
    dash_callback.GLOBAL_CALLBACK_LIST.append({"output": "x.children"})
    dash_callback.GLOBAL_CALLBACK_MAP["x.children"] = {}
    dash_callback.GLOBAL_INLINE_SCRIPTS.append("/* x */")
    forget_unclaimed_page_callbacks()
    assert dash_callback.GLOBAL_CALLBACK_LIST == []
    assert dash_callback.GLOBAL_CALLBACK_MAP == {}
    assert dash_callback.GLOBAL_INLINE_SCRIPTS == []


def test_lean_dash_offers_our_plotly_on_demand_and_leaves_out_table_and_polyfill(client, app):
    assert isinstance(app, LeanDash)
    html = client.get("/").get_data(as_text=True)
    # Every script is written inert and added by the loader after the first paint.
    assert not re.findall(r'<script (?:defer )?src="([^"]+)"', html)
    scripts = re.findall(r'<script type="text/plain" data-after-paint src="([^"]+)"', html)
    assert f"<script>{dash_internals.SCRIPT_LOADER}</script>" in html
    assert "window.addEventListener('app-scripts-loaded'" in html  # the renderer waits for them
    # Plotly is not a page script: plotly-on-demand.js loads it from the address in the meta tag.
    assert not [s for s in scripts if "plotly" in s and "plotly-on-demand" not in s], scripts
    bundle = re.search(r'<meta name="plotly-bundle" content="([^"]+)"', html).group(1)
    assert bundle.startswith(dash_internals.PLOTLY_BUNDLE_URL + "?m=")
    assert client.get(bundle).status_code == 200
    assert [s for s in scripts if "plotly-on-demand.js" in s]
    assert not [s for s in scripts if "dash_table" in s or "polyfill" in s], scripts
    # React and its companions stay (they came in one resource with the polyfill), and the one
    # global the bundles took from the polyfill comes from our vendored runtime, before Dash's.
    names = [s.split("?")[0].rsplit("/", 1)[-1] for s in scripts]
    assert [n for n in names if n.startswith(("react@", "react-dom@", "prop-types@"))]
    renderer = next(i for i, n in enumerate(names) if n.startswith("dash_renderer"))
    assert names.index("regenerator-runtime.js") < renderer


def test_dash_s_setup_runs_for_one_request_at_a_time(app, monkeypatch):
    """Dash sets its 'set up' flag before registering script paths; a second thread must wait
    for the first to finish rather than see a half set-up app (500s for scripts)."""
    import threading
    import time

    from dash import Dash

    inside, most = [0], [0]

    def slow_setup(self):
        inside[0] += 1
        most[0] = max(most[0], inside[0])
        time.sleep(0.05)
        inside[0] -= 1

    monkeypatch.setattr(Dash, "_setup_server", slow_setup)
    threads = [threading.Thread(target=app._setup_server) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 1
