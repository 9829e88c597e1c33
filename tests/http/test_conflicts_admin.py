"""Conflicting sources in the admin area, over HTTP: the admin API (``GET /admin/api/conflicts``,
``POST``/``DELETE /admin/api/observations/<id>/preferred``) and the Conflicts tab's callbacks,
for anonymous callers, staff and admins, by session (with and without the CSRF token) and by
API token.

The conflict is a hand-built TEST FIXTURE (``tests/source_rows.py``): one made-up figure for
Latgale, 2025 Q3, from an official page (7) and a press page (9).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa
from source_rows import OFFICIAL, PRESS_LATE, parsed, publish_rows
from support import (
    ADMIN_PASSWORD,
    STAFF_PASSWORD,
    dash_outputs,
    data_fingerprint,
    fresh_client,
    page_content,
    signed_in,
)

from dashboard.db import models as m


@pytest.fixture
def conflict(app: Any, accounts: dict[str, str]) -> dict[str, Any]:
    """Release 2 (official: 7) and release 3 (press: 9) for the same cell."""
    with app.server.app_context():
        publish_rows([parsed(value=7, source=OFFICIAL)])
        publish_rows([parsed(value=9, source=PRESS_LATE)])
    client = fresh_client(app)
    cells = client.get(
        "/admin/api/conflicts", headers={"Authorization": f"Bearer {accounts['ada_token']}"}
    ).get_json()
    [cell] = cells
    official, press = cell["rows"]
    return {"official": official["id"], "press": press["id"], **accounts}


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _preferred_url(observation: int) -> str:
    return f"/admin/api/observations/{observation}/preferred"


def _cells(app: Any, token: str) -> list[dict[str, Any]]:
    response = fresh_client(app).get("/admin/api/conflicts", headers=_bearer(token))
    assert response.status_code == 200
    return response.get_json()


def _chosen(db: Any) -> list[int]:
    with db.session() as session:
        return list(
            session.scalars(sa.select(m.Observation.id).where(m.Observation.preferred_by_admin))
        )


# --- The admin API -------------------------------------------------------------------------------


def test_the_conflict_list_says_which_value_is_used_and_why(app, conflict):
    [cell] = _cells(app, conflict["sam_token"])  # staff may read
    assert (cell["metric"], cell["geo_level"], cell["region"], cell["period"]) == (
        "people_returned",
        "planning_region",
        "latgale",
        "2025-Q3",
    )
    assert cell["reason"] == "official" and cell["admin_choice"] is False
    rows = [
        (r["value"], r["preferred"], r["source_kind"], r["source_publisher"], r["release"])
        for r in cell["rows"]
    ]
    assert rows == [(7, True, "official", "VARAM", 2), (9, False, "press", "TVNET", 3)]
    assert [r["published_on"] for r in cell["rows"]] == ["2025-10-01", "2025-11-05"]
    assert [r["published_precision"] for r in cell["rows"]] == ["day", "day"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/admin/api/conflicts"),
        ("post", "preferred"),
        ("delete", "preferred"),
    ],
)
def test_anonymous_callers_get_401_and_nothing_changes(app, conflict, mutable_db, method, path):
    url = _preferred_url(conflict["press"]) if path == "preferred" else path
    before = data_fingerprint(mutable_db)
    response = getattr(fresh_client(app), method)(url)
    assert response.status_code == 401
    assert data_fingerprint(mutable_db) == before


def test_staff_may_read_but_not_choose(app, conflict, mutable_db):
    client, csrf = signed_in(app, "sam", STAFF_PASSWORD)
    before = data_fingerprint(mutable_db)
    for method in ("post", "delete"):
        by_token = getattr(fresh_client(app), method)(
            _preferred_url(conflict["press"]), headers=_bearer(conflict["sam_token"])
        )
        assert by_token.status_code == 403, method
    assert client.get("/admin/api/conflicts").status_code == 200
    by_session = client.post(_preferred_url(conflict["press"]), headers={"X-CSRFToken": csrf})
    assert by_session.status_code == 403
    assert data_fingerprint(mutable_db) == before


def test_an_admin_chooses_a_value_and_returns_to_the_rule(app, conflict, mutable_db):
    headers = _bearer(conflict["ada_token"])
    client = fresh_client(app)
    chosen = client.post(_preferred_url(conflict["press"]), headers=headers)
    assert chosen.status_code == 200, chosen.get_json()
    body = chosen.get_json()
    assert (body["old"]["value"], body["new"]["value"]) == (7, 9)
    assert _chosen(mutable_db) == [conflict["press"]]
    [cell] = _cells(app, conflict["ada_token"])
    assert cell["reason"] == "admin" and cell["rows"][0]["id"] == conflict["press"]
    audit = client.get("/admin/api/audit", headers=headers).get_json()
    entry = next(a for a in audit if a["action"] == "choose_preferred_source")
    assert (entry["actor"], entry["target"], entry["outcome"]) == (
        "ada",
        f"observation {conflict['press']}",
        "ok",
    )
    assert entry["detail"]["old"]["publisher"] == "VARAM"
    assert entry["detail"]["new"]["publisher"] == "TVNET"

    back = client.delete(_preferred_url(conflict["official"]), headers=headers)
    assert back.status_code == 200 and back.get_json()["new"]["value"] == 7
    assert _chosen(mutable_db) == []
    assert _cells(app, conflict["ada_token"])[0]["reason"] == "official"
    again = client.delete(_preferred_url(conflict["official"]), headers=headers)
    assert again.status_code == 409 and again.get_json()["error"] == "no_choice"
    assert again.get_json()["message_lv"] and again.get_json()["message_en"]


@pytest.mark.parametrize("observation", [987654, 2**31, 2**40])
def test_a_figure_not_in_effect_is_404(app, conflict, mutable_db, observation):
    before = data_fingerprint(mutable_db)
    response = fresh_client(app).post(
        _preferred_url(observation), headers=_bearer(conflict["ada_token"])
    )
    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"
    assert data_fingerprint(mutable_db) == before


def test_a_rolled_back_figure_cannot_be_chosen(app, conflict, mutable_db):
    headers = _bearer(conflict["ada_token"])
    client = fresh_client(app)
    assert client.post("/admin/api/releases/3/rollback", headers=headers).status_code == 200
    assert _cells(app, conflict["ada_token"]) == []
    response = client.post(_preferred_url(conflict["press"]), headers=headers)
    assert response.status_code == 404


def test_a_session_change_needs_the_csrf_token(app, conflict, mutable_db):
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    before = data_fingerprint(mutable_db)
    assert client.post(_preferred_url(conflict["press"])).status_code == 400
    assert data_fingerprint(mutable_db) == before
    assert (
        client.post(_preferred_url(conflict["press"]), headers={"X-CSRFToken": csrf}).status_code
        == 200
    )
    assert _chosen(mutable_db) == [conflict["press"]]


# --- The Conflicts tab -----------------------------------------------------------------------


def _dep(client: Any, first_output: str) -> dict[str, Any]:
    """The callback whose first output is ``first_output``."""
    for dep in client.get("/_dash-dependencies").get_json():
        outputs = dash_outputs(dep["output"])
        if (outputs if isinstance(outputs, list) else [outputs])[0]["id"] == first_output:
            return dep
    raise AssertionError(first_output)


def _render(client: Any, headers: dict[str, str], lang: str = "en") -> Any:
    dep = _dep(client, "admin-conflicts")
    body = {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": [
            {"id": "admin-refresh", "property": "data", "value": 0},
            {"id": "admin-active-tab", "property": "data", "value": "conflicts"},
        ],
        "state": [{"id": "admin-lang", "property": "data", "value": lang}],
        "changedPropIds": ["admin-refresh.data"],
    }
    return client.post("/_dash-update-component", json=body, headers=headers)


def _press(client: Any, headers: dict[str, str], kind: str, observation: int) -> Any:
    dep = _dep(client, "admin-conflict-result")
    button = {"type": kind, "observation": observation}
    clicked = [{"id": button, "property": "n_clicks", "value": 1}]
    inputs = [clicked, []] if kind == "admin-prefer" else [[], clicked]
    body = {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": inputs,
        "state": [
            {"id": "admin-refresh", "property": "data", "value": 4},
            {"id": "admin-lang", "property": "data", "value": "lv"},
        ],
        "changedPropIds": [json.dumps(button, separators=(",", ":"), sort_keys=True) + ".n_clicks"],
    }
    return client.post("/_dash-update-component", json=body, headers=headers)


def _buttons(response: Any) -> dict[tuple[str, int], bool]:
    """``{(button type, observation): disabled}`` in a rendered conflict list."""
    found = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            props = node.get("props", {})
            ident = props.get("id") if isinstance(props, dict) else None
            if isinstance(ident, dict) and ident.get("type", "").startswith("admin-prefer"):
                found[(ident["type"], ident["observation"])] = bool(props.get("disabled"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(response.get_json())
    return found


def test_anonymous_callers_cannot_render_or_press(app, conflict, mutable_db):
    client = fresh_client(app)
    before = data_fingerprint(mutable_db)
    assert _render(client, {}).status_code == 401
    assert _press(client, {}, "admin-prefer", conflict["press"]).status_code == 401
    assert data_fingerprint(mutable_db) == before
    page = page_content(fresh_client(app), "/admin")
    assert "admin-panel-conflicts" not in page.get_data(as_text=True)


def test_staff_see_the_list_with_the_buttons_disabled_and_cannot_press(app, conflict, mutable_db):
    client, csrf = signed_in(app, "sam", STAFF_PASSWORD)
    headers = {"X-CSRFToken": csrf}
    assert "admin-panel-conflicts" in page_content(client, "/admin").get_data(as_text=True)
    rendered = _render(client, headers)
    assert rendered.status_code == 200
    text = rendered.get_data(as_text=True)
    assert "rule: official source" in text and "VARAM" in text and "TVNET" in text
    assert _buttons(rendered) == {
        ("admin-prefer", conflict["official"]): True,
        ("admin-prefer", conflict["press"]): True,
    }
    before = data_fingerprint(mutable_db)
    assert _press(client, headers, "admin-prefer", conflict["press"]).status_code == 403
    assert data_fingerprint(mutable_db) == before


def test_an_admin_presses_use_this_value_then_return_to_the_rule(app, conflict, mutable_db):
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    headers = {"X-CSRFToken": csrf}
    assert _press(client, {}, "admin-prefer", conflict["press"]).status_code == 400  # no CSRF
    assert _chosen(mutable_db) == []

    pressed = _press(client, headers, "admin-prefer", conflict["press"])
    assert pressed.status_code == 200, pressed.get_data(as_text=True)[:500]
    out = pressed.get_json()["response"]
    assert out["admin-refresh"]["data"] == 5
    assert "Lasītāji tagad šim skaitlim redz 9 (jūsu izvēle)." in json.dumps(
        out["admin-conflict-result"], ensure_ascii=False
    )
    assert _chosen(mutable_db) == [conflict["press"]]

    rendered = _render(client, headers, "lv")
    text = rendered.get_data(as_text=True)
    assert "administratora izv" in text and "Atgriezties pie noteikuma" in text
    assert _buttons(rendered) == {
        ("admin-prefer", conflict["press"]): True,  # already the choice
        ("admin-prefer", conflict["official"]): False,
        ("admin-prefer-rule", conflict["press"]): False,
    }

    back = _press(client, headers, "admin-prefer-rule", conflict["press"])
    assert back.status_code == 200
    assert "redz 7 (pēc noteikuma)" in json.dumps(back.get_json()["response"], ensure_ascii=False)
    assert _chosen(mutable_db) == []
    refused = _press(client, headers, "admin-prefer-rule", conflict["press"])
    assert "admin-conflict-error" in refused.get_data(as_text=True)


def test_with_no_conflict_the_tab_says_so(app, accounts, mutable_db):
    client, csrf = signed_in(app, "sam", STAFF_PASSWORD)
    rendered = _render(client, {"X-CSRFToken": csrf})
    assert rendered.status_code == 200
    assert "admin-conflicts-empty" in rendered.get_data(as_text=True)
