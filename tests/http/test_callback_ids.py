"""Every component id a registered callback names exists somewhere a browser could meet it.

A callback whose input, state or output names an id no layout creates never runs (or writes
into nothing), and nothing complains: the readers' reports once went to such an output, and a
test that posted the callback by hand passed. So this test gathers every id a browser can meet:

* the app's frame (``/_dash-layout``) and every registered page's layout (each embed included),
  in Latvian and English, for an anonymous reader, a staff member and an admin (the admin page
  holds every tab's panel);
* the ids that exist only once a callback has drawn them (a release's rollback button, a
  report's note field and resolve button, the map's search results and "select" buttons): every
  callback that only reads is run, as an admin, with values its controls hold, over data that
  makes it draw them (a second release, an open report, a search that matches); callbacks whose
  inputs are such drawn components get the ones found so far, until nothing new appears.

Then every id of every callback (server and client side; a pattern-matching id by its ``type``
and keys) must be among them. Callbacks that write (publish, roll back, resolve, save, submit)
are not run: their outputs are alerts that no callback reads, and running them would change
what the others draw.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import dash
import pytest
from source_rows import OFFICIAL, PRESS, parsed, publish_rows
from support import (
    ADMIN_PASSWORD,
    STAFF_PASSWORD,
    dash_outputs,
    fresh_client,
    page_content,
    quarter_csv,
    signed_in,
)

from dashboard import services as svc
from dashboard.admin.shell import TAB_KEYS
from dashboard.components.chart_tools import EMBEDS
from dashboard.queries.conflicts import conflicts
from dashboard.services.preference import choose_preferred

ADMIN = svc.Actor("ada", "admin")

# Callbacks that change data (by an id among their outputs); not run, see the module docstring.
WRITE_OUTPUTS = {
    "admin-upload-report",
    "admin-publish-result",
    "admin-rollback-result",
    "admin-report-result",
    "admin-conflict-result",
    "admin-contact-result",
    "admin-funding-result",
    "admin-measure-result",
    "data-report-result",
}

# What the controls hold when the callbacks are run (unlisted: unset, ``None``). Chosen so that
# the callbacks draw what they can: the map search matches municipalities, the reports list shows
# open reports, the releases table the latest release's rollback button.
VALUES: dict[str, Any] = {
    "filter-regions.value": ["kurzeme", "latgale"],
    "filter-metric.value": "families_returned",
    "filter-per-month.value": False,
    "overview-lang.data": "en",
    "map-filter-metric.value": "people_returned",
    "map-filter-period.value": "2019",
    "map-division.value": "2021",
    "map-selected.data": "2009:LV-083",
    "map-lang.data": "en",
    "map-search.value": "rīg",
    "contacts-search.value": "",
    "contacts-region.value": "all",
    "contacts-lang.data": "en",
    "data-lang.data": "en",
    "_pages_location.pathname": "/",
    "_pages_location.search": "",
    "admin-lang.data": "en",
    "admin-refresh.data": 0,
    "admin-active-tab.data": "reports",
    "admin-reports-filter.value": "open",
    "admin-contact-select.value": "__new__",
}


def component_ids(node: Any) -> Iterator[Any]:
    """Every ``id`` in a Dash component tree as JSON (a layout, or a callback's response)."""
    if isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict):
            if "id" in props:
                yield props["id"]
            for value in props.values():
                yield from component_ids(value)
        else:
            for value in node.values():
                yield from component_ids(value)
    elif isinstance(node, list):
        for item in node:
            yield from component_ids(item)


def _parse_id(text: str) -> Any:
    return json.loads(text) if text.startswith("{") else text


def dependency_ids(dep: dict[str, Any]) -> list[tuple[str, Any]]:
    """``(role, id)`` for every output, input and state of a ``/_dash-dependencies`` entry."""
    outputs = dash_outputs(dep["output"])
    out = [
        ("output", _parse_id(o["id"]))
        for o in (outputs if isinstance(outputs, list) else [outputs])
    ]
    out += [("input", _parse_id(i["id"])) for i in dep["inputs"]]
    out += [("state", _parse_id(s["id"])) for s in dep["state"]]
    return out


def _pattern(ident: dict[str, Any]) -> tuple[Any, frozenset[str]]:
    return ident.get("type"), frozenset(ident)


def unmatched(deps: Iterable[dict[str, Any]], ids: Iterable[Any]) -> list[str]:
    """The ids the callbacks name that are not among ``ids``: a string id exactly, a
    pattern-matching id by its ``type`` and the names of its keys."""
    ids = list(ids)
    strings = {i for i in ids if isinstance(i, str)}
    patterns = {_pattern(i) for i in ids if isinstance(i, dict)}
    missing = []
    for dep in deps:
        for role, ident in dependency_ids(dep):
            found = _pattern(ident) in patterns if isinstance(ident, dict) else ident in strings
            if not found:
                missing.append(f"{dep['output'][:80]}: {role} {json.dumps(ident)}")
    return missing


def _writes(dep: dict[str, Any]) -> bool:
    return any(
        isinstance(i, str) and i in WRITE_OUTPUTS
        for role, i in dependency_ids(dep)
        if role == "output"
    )


def distinct(ids: Iterable[Any]) -> list[Any]:
    """``ids`` without repeats, in order (an id is met once per layout it is in)."""
    seen: dict[str, Any] = {}
    for ident in ids:
        seen.setdefault(json.dumps(ident, sort_keys=True), ident)
    return list(seen.values())


def _item(spec: dict[str, Any], known: list[Any]) -> Any:
    """One input or state as the browser sends it; for a pattern (ALL), every known match."""
    ident = _parse_id(spec["id"])
    if isinstance(ident, dict):
        return [
            {"id": i, "property": spec["property"], "value": None}
            for i in known
            if isinstance(i, dict) and _pattern(i) == _pattern(ident)
        ]
    return {**spec, "value": VALUES.get(f"{spec['id']}.{spec['property']}")}


def _run(client: Any, csrf: str, dep: dict[str, Any], known: list[Any]) -> Any:
    inputs = [_item(s, known) for s in dep["inputs"]]
    first = inputs[0]
    changed = (
        [f"{json.dumps(i['id'], separators=(',', ':'))}.{i['property']}" for i in first]
        if isinstance(first, list)
        else [f"{first['id']}.{first['property']}"]
    )
    body = {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": inputs,
        "state": [_item(s, known) for s in dep["state"]],
        "changedPropIds": changed,
    }
    return client.post("/_dash-update-component", json=body, headers={"X-CSRFToken": csrf})


def _page_paths() -> list[str]:
    paths = []
    for page in dash.page_registry.values():
        if page.get("path_template") == "/embed/<chart>":
            paths += [f"/embed/{name}" for name in EMBEDS]
        else:
            paths.append(page["path"])
    return paths


@pytest.fixture
def drawn(app: Any, accounts: Any, mutable_db: Any) -> dict[str, Any]:
    """Data that makes the callbacks draw their components: a release after the seed (so the
    latest can be rolled back), an open reader's report (so it can be resolved), and a figure
    two sources disagree on, with an admin's choice (so it can be chosen and returned to the
    rule)."""
    with app.server.app_context():
        upload, report = svc.stage_upload(ADMIN, quarter_csv(), "q.csv")
        assert report.ok
        svc.publish_upload(ADMIN, upload.id)
        report_id = svc.submit_data_report({"message": "Wrong?"}, "en")
        publish_rows([parsed(value=7, source=OFFICIAL)])
        latest = publish_rows([parsed(value=9, source=PRESS)])
        [cell] = conflicts()
        choose_preferred(ADMIN, cell["rows"][1]["id"])
    return {"report": report_id, "observation": cell["rows"][1]["id"], "latest": latest}


def _layout_ids(app: Any) -> tuple[list[Any], dict[str, list[Any]]]:
    """Ids of the frame and of every page, for every kind of visitor and both languages; and,
    per visitor, the ids of the admin page."""
    anonymous = fresh_client(app)
    staff, _ = signed_in(app, "sam", STAFF_PASSWORD)
    admin, _ = signed_in(app, "ada", ADMIN_PASSWORD)
    ids = list(component_ids(anonymous.get("/_dash-layout").get_json()))
    admin_pages: dict[str, list[Any]] = {}
    for who, client in (("anonymous", anonymous), ("staff", staff), ("admin", admin)):
        for path in _page_paths():
            for lang in ("lv", "en"):
                response = page_content(client, path, f"?lang={lang}")
                assert response.status_code == 200, (who, path, lang)
                found = list(component_ids(response.get_json()["response"]))
                ids += found
                if path == "/admin":
                    admin_pages.setdefault(who, []).extend(found)
    return distinct(ids), admin_pages


def _drawn_ids(app: Any, deps: list[dict[str, Any]], known: list[Any]) -> list[Any]:
    """Ids drawn by the callbacks that only read, run until no new id appears."""
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    drawn: list[Any] = []
    readers = [d for d in deps if not d.get("clientside_function") and not _writes(d)]
    for _ in range(5):
        before = len(distinct(known + drawn))
        for dep in readers:
            response = _run(client, csrf, dep, distinct(known + drawn))
            assert response.status_code in (200, 204), (dep["output"], response.get_data()[:300])
            if response.status_code == 200:
                drawn = distinct(drawn + list(component_ids(response.get_json()["response"])))
        if len(distinct(known + drawn)) == before:
            return drawn
    pytest.fail("the callbacks kept drawing new ids")


def test_every_callback_names_only_ids_that_some_layout_or_callback_creates(app, drawn):
    client = fresh_client(app)
    deps = client.get("/_dash-dependencies").get_json()
    layout_ids, admin_pages = _layout_ids(app)
    for who in ("staff", "admin"):
        panels = {i for i in admin_pages[who] if isinstance(i, str) and i.startswith("admin-panel")}
        assert panels == {f"admin-panel-{key}" for key in TAB_KEYS}, (who, panels)
    runtime = _drawn_ids(app, deps, layout_ids)

    # Not vacuous: ids that only callbacks draw were drawn, for the data set up above.
    drawn_types = {i["type"] for i in runtime if isinstance(i, dict)}
    assert {
        "admin-rollback",
        "admin-report-resolve",
        "admin-report-note",
        "admin-prefer",
        "admin-prefer-rule",
        "map-result",
    } <= drawn_types, drawn_types
    assert {"type": "admin-prefer-rule", "observation": drawn["observation"]} in runtime
    assert {"type": "admin-report-note", "report": drawn["report"]} in runtime
    assert {"type": "admin-rollback", "number": drawn["latest"]} in runtime
    assert not {
        "admin-rollback",
        "admin-report-resolve",
        "admin-report-note",
        "admin-prefer",
        "admin-prefer-rule",
    } & {i["type"] for i in layout_ids if isinstance(i, dict)}, "these exist only once drawn"

    assert unmatched(deps, layout_ids + runtime) == []


# --- The checker itself ----------------------------------------------------------------------


def test_the_checker_reports_ids_no_layout_creates():
    deps = [
        {
            "output": "..admin-reports.children...admin-gone.children..",
            "inputs": [{"id": '{"report":["ALL"],"type":"admin-report-resolve"}', "property": "n"}],
            "state": [{"id": "admin-lang", "property": "data"}],
        },
        {
            "output": "admin-refresh.data@0123abcd",
            "inputs": [{"id": '{"number":["ALL"],"type":"admin-report-resolve"}', "property": "n"}],
            "state": [],
        },
    ]
    ids = [
        "admin-reports",
        "admin-lang",
        "admin-refresh",
        {"type": "admin-report-resolve", "report": 7},
        {"nested": "not an id of a callback"},
    ]
    assert unmatched(deps, ids) == [
        '..admin-reports.children...admin-gone.children..: output "admin-gone"',
        'admin-refresh.data@0123abcd: input {"number": ["ALL"], "type": "admin-report-resolve"}',
    ]
    assert unmatched(deps[:1], [*ids, "admin-gone"]) == []


def test_component_ids_walks_layouts_and_callback_responses():
    layout = {
        "props": {
            "id": "outer",
            "children": [
                {"props": {"id": {"type": "row", "n": 1}, "children": "text"}, "type": "Div"},
                {"props": {"children": {"props": {"id": "inner"}, "type": "Span"}}, "type": "P"},
            ],
        },
        "type": "Div",
    }
    response = {"admin-reports": {"children": layout}, "admin-refresh": {"data": 3}}
    assert list(component_ids(response)) == ["outer", {"type": "row", "n": 1}, "inner"]
