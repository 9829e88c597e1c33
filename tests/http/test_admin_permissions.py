"""Who may do what in the admin area, over HTTP: every admin route and every Dash callback.

The permission matrix (anonymous / staff / admin, by session and by API token) for the admin
routes, CSRF on session-authenticated changes, revoked tokens, and the callback sweep the issue
asks for: every callback the app lists in ``/_dash-dependencies`` is posted to anonymously and as
staff, and the database is proved unchanged afterwards.

Each test builds its own signed-in clients (``fresh_client``/``signed_in``), and service calls
run in short-lived app contexts, so no request shares ``flask.g`` (and with it Flask-Login's
current user) with another.
"""

from __future__ import annotations

import base64
import io
import json
from typing import Any

import pytest
import sqlalchemy as sa
from support import (
    ADMIN_PASSWORD,
    STAFF_PASSWORD,
    dash_outputs,
    data_fingerprint,
    fresh_client,
    quarter_csv,
    signed_in,
)

from dashboard.auth import hash_token, revoke_token
from dashboard.db import models as m
from dashboard.services import Actor, publish_upload, stage_upload, submit_data_report

ADMIN = Actor("ada", "admin")
STAGED_QUARTER = "2025-Q2"  # staged, never published by the fixture
PUBLISHED_QUARTER = "2025-Q1"  # published by the fixture as release 2
NEW_QUARTER = "2024-Q4"  # what the tests upload themselves


@pytest.fixture
def state(app: Any, mutable_db: Any, accounts: dict[str, str]) -> dict[str, Any]:
    """Release 2 published and one more upload staged (not published), through the services."""
    with app.server.app_context():
        first, _ = stage_upload(ADMIN, quarter_csv(PUBLISHED_QUARTER), "q1.csv")
        release = publish_upload(ADMIN, first.id)
        staged, report = stage_upload(ADMIN, quarter_csv(STAGED_QUARTER), "q2.csv")
        assert report.ok and release.number == 2
        upload_id = staged.id
        report_id = submit_data_report({"message": "Wrong", "email": "r@example.lv"}, "en")
    with mutable_db.session() as session:
        observation = session.scalar(sa.select(sa.func.min(m.Observation.id)))
    return {
        "upload": upload_id,
        "release": 2,
        "report": report_id,
        "observation": observation,
        **accounts,
    }


def _file(data: bytes | None = None, name: str = "new.csv") -> dict[str, Any]:
    return {"file": (io.BytesIO(data or quarter_csv(NEW_QUARTER)), name)}


def _upload_status(db: Any, upload_id: int) -> str:
    with db.session() as session:
        return session.get(m.Upload, upload_id).status


# --- The matrix ----------------------------------------------------------------------------------

CHANGES = ["upload", "publish", "rollback"]
READS = ["list_uploads", "audit"]


def _call(client: Any, action: str, state: dict[str, Any], headers: dict[str, str]) -> Any:
    if action == "upload":
        return client.post(
            "/admin/api/uploads",
            data=_file(),
            headers=headers,
            content_type="multipart/form-data",
        )
    if action == "publish":
        return client.post(f"/admin/api/uploads/{state['upload']}/publish", headers=headers)
    if action == "rollback":
        return client.post(f"/admin/api/releases/{state['release']}/rollback", headers=headers)
    if action == "list_uploads":
        return client.get("/admin/api/uploads", headers=headers)
    if action == "audit":
        return client.get("/admin/api/audit", headers=headers)
    raise AssertionError(action)


@pytest.mark.parametrize("action", CHANGES + READS)
def test_anonymous_gets_401_and_nothing_changes(app, state, mutable_db, action):
    before = data_fingerprint(mutable_db)
    response = _call(fresh_client(app), action, state, {})
    assert response.status_code == 401, response.get_data(as_text=True)
    assert response.get_json()["error"] == "unauthorized"
    assert data_fingerprint(mutable_db) == before


def test_anonymous_admin_page_redirects_to_login(app, state):
    response = fresh_client(app).get("/admin")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/admin")


@pytest.mark.parametrize("via", ["session", "token"])
@pytest.mark.parametrize("action", CHANGES)
def test_staff_may_not_change_anything(app, state, mutable_db, action, via):
    if via == "session":
        client, csrf = signed_in(app, "sam", STAFF_PASSWORD)
        headers = {"X-CSRFToken": csrf}  # a valid token: the refusal is about the role
    else:
        client, headers = fresh_client(app), {"Authorization": f"Bearer {state['sam_token']}"}
    before = data_fingerprint(mutable_db)
    response = _call(client, action, state, headers)
    assert response.status_code == 403, response.get_data(as_text=True)
    assert response.get_json()["error"] == "forbidden"
    assert data_fingerprint(mutable_db) == before
    assert _upload_status(mutable_db, state["upload"]) == "valid"


@pytest.mark.parametrize("via", ["session", "token"])
@pytest.mark.parametrize("action", READS)
def test_staff_may_read_history_and_audit(app, state, action, via):
    if via == "session":
        client, _ = signed_in(app, "sam", STAFF_PASSWORD)
        headers: dict[str, str] = {}
    else:
        client, headers = fresh_client(app), {"Authorization": f"Bearer {state['sam_token']}"}
    response = _call(client, action, state, headers)
    assert response.status_code == 200
    rows = response.get_json()
    assert isinstance(rows, list) and rows
    if action == "list_uploads":
        assert {u["id"] for u in rows} >= {state["upload"]}
        assert all("content" not in u for u in rows)


@pytest.mark.parametrize("via", ["session", "token"])
def test_staff_sees_the_admin_page_with_controls_disabled(app, state, via):
    if via == "session":
        client, _ = signed_in(app, "sam", STAFF_PASSWORD)
        headers: dict[str, str] = {}
    else:
        client, headers = fresh_client(app), {"Authorization": f"Bearer {state['sam_token']}"}
    assert client.get("/admin", headers=headers).status_code == 200


@pytest.mark.parametrize("via", ["session", "token"])
def test_admin_may_do_everything(app, state, mutable_db, via):
    if via == "session":
        client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
        headers = {"X-CSRFToken": csrf}
    else:  # a bearer request carries no cookie, so it needs no CSRF token
        client, headers = fresh_client(app), {"Authorization": f"Bearer {state['ada_token']}"}
    assert client.get("/admin", headers=headers).status_code == 200
    assert _call(client, "list_uploads", state, headers).status_code == 200
    assert _call(client, "audit", state, headers).status_code == 200

    uploaded = _call(client, "upload", state, headers)
    assert uploaded.status_code == 201, uploaded.get_json()
    assert uploaded.get_json()["report"]["ok"] is True

    published = _call(client, "publish", state, headers)
    assert published.status_code == 201, published.get_json()
    assert published.get_json()["release"]["number"] == 3
    assert published.get_json()["release"]["published_by"] == "ada"

    rolled = client.post("/admin/api/releases/3/rollback", headers=headers)
    assert rolled.status_code == 200, rolled.get_json()
    assert rolled.get_json()["release"]["status"] == "rolled_back"


@pytest.mark.parametrize("action", CHANGES)
def test_session_change_without_csrf_header_is_refused(app, state, mutable_db, action):
    client, _ = signed_in(app, "ada", ADMIN_PASSWORD)
    before = data_fingerprint(mutable_db)
    response = _call(client, action, state, {})
    assert response.status_code == 400
    assert response.get_json()["error"] == "csrf"
    wrong = _call(client, action, state, {"X-CSRFToken": "not-the-token"})
    assert wrong.status_code == 400
    assert data_fingerprint(mutable_db) == before
    assert _upload_status(mutable_db, state["upload"]) == "valid"


def test_revoked_token_is_refused(app, state, mutable_db):
    token = state["ada_token"]
    client = fresh_client(app)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/admin/api/uploads", headers=headers).status_code == 200
    with app.server.app_context(), mutable_db.session() as session:
        token_id = session.scalar(
            sa.select(m.ApiToken.id).where(m.ApiToken.token_hash == hash_token(token))
        )
        assert revoke_token(session, token_id)
    before = data_fingerprint(mutable_db)
    for action in CHANGES + READS:
        response = _call(fresh_client(app), action, state, headers)
        assert response.status_code == 401, (action, response.status_code)
    assert data_fingerprint(mutable_db) == before


def test_unknown_or_malformed_token_is_refused(app, state):
    for header in ("Bearer rmg_not-a-real-token", "Bearer ", "Basic YWRhOnBhc3M="):
        response = fresh_client(app).get("/admin/api/uploads", headers={"Authorization": header})
        assert response.status_code == 401, header


# --- The callback sweep --------------------------------------------------------------------------

# Callbacks that change data when they run (the rest of the admin callbacks only read).
WRITE_CALLBACK_OUTPUTS = {
    "admin-upload-report",
    "admin-publish-result",
    "admin-rollback-result",
    "admin-contact-result",
    "admin-funding-result",
    "admin-report-result",
    "admin-measure-result",
    "admin-conflict-result",
}


def _stringify(component_id: Any) -> str:
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return component_id


def _output_ids(dep: dict[str, Any]) -> list[str]:
    outputs = dash_outputs(dep["output"])
    return [o["id"] for o in (outputs if isinstance(outputs, list) else [outputs])]


def _csv_data_url(data: bytes) -> str:
    return "data:text/csv;base64," + base64.b64encode(data).decode()


def _plausible_values(state: dict[str, Any], funding_code: str) -> dict[str, Any]:
    """``id.property`` -> a value that would change data if the callback were allowed to run."""
    return {
        "admin-upload.contents": _csv_data_url(quarter_csv(NEW_QUARTER)),
        "admin-upload.filename": "sweep.csv",
        "admin-replace.value": True,
        "admin-lang.data": "en",
        "admin-publish.n_clicks": 1,
        "admin-upload-id.data": state["upload"],
        "admin-rollback-confirm.n_clicks": 1,
        "admin-rollback-pending.data": state["release"],
        "admin-refresh.data": 0,
        "admin-active-tab.data": "history",
        "admin-reports-filter.value": "all",
        "admin-contact-save.n_clicks": 1,
        "admin-contact-verify.n_clicks": None,
        "admin-contact-select.value": "__new__",
        "admin-contact-name.value": "Sweep Person",
        "admin-contact-organisation.value": "Sweep Org",
        "admin-contact-email.value": "sweep@example.lv",
        "admin-contact-phone.value": "+371 2000 0000",
        "admin-contact-active.value": True,
        "admin-funding-save.n_clicks": 1,
        "admin-funding-select.value": funding_code,
        "admin-funding-title_lv.value": "Mainīts",
        "admin-funding-title_en.value": "Changed",
        "admin-funding-amount.value": "1",
        "admin-funding-share.value": "",
        "admin-measure-save.n_clicks": 1,
        "admin-measure-select.value": "__new__",
        "admin-measure-code.value": "sweep_measure",
        "admin-measure-name_lv.value": "Tīrīšanas rādītājs",
        "admin-measure-name_en.value": "Sweep measure",
        "admin-measure-unit_code.value": "persons",
        "admin-measure-kind.value": "flow",
        "admin-measure-definition_lv.value": "Pārbaudes rādītājs.",
        "admin-measure-definition_en.value": "A measure the sweep adds.",
        "_pages_location.pathname": "/admin",
        "_pages_location.search": "",
        "navbar-toggler.n_clicks": 1,
        "map-search.value": "Rīga",
        "contacts-search.value": "",
    }


def _item(spec: dict[str, Any], values: dict[str, Any], state: dict[str, Any]) -> Any:
    """One entry of ``inputs``/``state``; a pattern-matching (ALL) spec becomes a list."""
    component_id = spec["id"]
    if component_id.startswith("{"):
        pattern = json.loads(component_id)
        if pattern.get("type") == "admin-rollback":
            ident = {"type": "admin-rollback", "number": state["release"]}
            return [{"id": ident, "property": spec["property"], "value": 1}]
        if pattern.get("type") == "admin-report-resolve":
            ident = {"type": "admin-report-resolve", "report": state["report"]}
            return [{"id": ident, "property": spec["property"], "value": 1}]
        if pattern.get("type") in ("admin-prefer", "admin-prefer-rule"):
            ident = {"type": pattern["type"], "observation": state["observation"]}
            return [{"id": ident, "property": spec["property"], "value": 1}]
        if pattern.get("type") == "admin-report-note":
            ident = {"type": "admin-report-note", "report": state["report"]}
            return [{"id": ident, "property": spec["property"], "value": "Sweep note"}]
        return []  # no such components on the page (map results before a search)
    key = f"{component_id}.{spec['property']}"
    return {**spec, "value": values.get(key)}


def _body(dep: dict[str, Any], state: dict[str, Any], funding_code: str) -> dict[str, Any]:
    values = _plausible_values(state, funding_code)
    inputs = [_item(s, values, state) for s in dep["inputs"]]
    state = [_item(s, values, state) for s in dep["state"]]
    first = inputs[0]
    if isinstance(first, list):
        changed = [f"{_stringify(i['id'])}.{i['property']}" for i in first]
    else:
        changed = [f"{first['id']}.{first['property']}"]
    return {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": inputs,
        "state": state,
        "changedPropIds": changed,
    }


def _post(client: Any, body: dict[str, Any], headers: dict[str, str] | None = None) -> Any:
    return client.post(
        "/_dash-update-component",
        data=json.dumps(body),
        content_type="application/json",
        headers=headers or {},
    )


def _funding_code(db: Any) -> str:
    with db.session() as session:
        return session.scalar(sa.select(m.Funding.code).order_by(m.Funding.id))


def _sweep(app: Any, client: Any, state: dict[str, Any], db: Any, headers: dict[str, str]):
    """POST every server-side callback; returns ``{output: (status, admin?, write?)}``."""
    app.server.config["PROPAGATE_EXCEPTIONS"] = False  # an exception must show up as a 500
    deps = client.get("/_dash-dependencies").get_json()
    assert len(deps) >= 15, [d["output"] for d in deps]
    funding = _funding_code(db)
    results = {}
    for dep in deps:
        if dep.get("clientside_function"):
            continue  # runs in the browser; see test_client_side_callbacks_are_not_a_500
        ids = _output_ids(dep)
        response = _post(client, _body(dep, state, funding), headers)
        results[dep["output"]] = (
            response.status_code,
            any(i.startswith("admin-") for i in ids),
            any(i in WRITE_CALLBACK_OUTPUTS for i in ids),
            response.get_data(as_text=True)[:300],
        )
    assert any(admin for _, admin, _, _ in results.values())
    assert sum(write for _, _, write, _ in results.values()) == len(WRITE_CALLBACK_OUTPUTS)
    return results


def test_every_callback_refuses_anonymous_callers_and_changes_nothing(app, state, mutable_db):
    client = fresh_client(app)
    before = data_fingerprint(mutable_db)
    results = _sweep(app, client, state, mutable_db, {})
    problems = {
        output: (status, text)
        for output, (status, admin, _, text) in results.items()
        if status >= 500 or (admin and status != 401) or (not admin and status not in (200, 204))
    }
    assert not problems, problems
    assert data_fingerprint(mutable_db) == before
    assert _upload_status(mutable_db, state["upload"]) == "valid"


def test_anonymous_page_render_of_admin_shows_no_admin_controls(app, state):
    """The pages router is a public callback: rendering /admin through it must not leak."""
    deps = fresh_client(app).get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if "_pages_content.children" in d["output"])
    response = _post(fresh_client(app), _body(dep, state, "x"))
    assert response.status_code == 200
    text = json.dumps(response.get_json())
    assert "admin-upload" not in text and "admin-tabs" not in text
    assert "/login?next=/admin" in text


def test_every_admin_callback_refuses_staff_changes_and_changes_nothing(app, state, mutable_db):
    """Signed-in staff with a valid CSRF token: writes are 403; the read-only admin callbacks
    (history, audit, releases, form fill) answer 200, since staff may see them."""
    client, csrf = signed_in(app, "sam", STAFF_PASSWORD)
    before = data_fingerprint(mutable_db)
    results = _sweep(app, client, state, mutable_db, {"X-CSRFToken": csrf})
    problems = {
        output: (status, text)
        for output, (status, admin, write, text) in results.items()
        if status >= 500
        or (write and status != 403)
        or (admin and not write and status != 200)
        or (not admin and status not in (200, 204))
    }
    assert not problems, problems
    assert data_fingerprint(mutable_db) == before
    assert _upload_status(mutable_db, state["upload"]) == "valid"


def test_admin_callbacks_without_csrf_header_are_refused(app, state, mutable_db):
    client, _ = signed_in(app, "ada", ADMIN_PASSWORD)
    before = data_fingerprint(mutable_db)
    results = _sweep(app, client, state, mutable_db, {})
    problems = {
        output: (status, text)
        for output, (status, admin, _, text) in results.items()
        if status >= 500 or (admin and status != 400)
    }
    assert not problems, problems
    assert data_fingerprint(mutable_db) == before


def test_admin_upload_callback_works_with_the_csrf_header(app, state, mutable_db):
    """The positive control for the sweep: the same body, from an admin with the token, runs."""
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if d["output"].startswith("..admin-upload-report.children"))
    response = _post(client, _body(dep, state, "x"), {"X-CSRFToken": csrf})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    out = response.get_json()["response"]
    assert out["admin-publish"]["disabled"] is False
    new_id = out["admin-upload-id"]["data"]
    assert _upload_status(mutable_db, new_id) == "valid"


def _spoofed(dep: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    """The upload callback's body with ``outputs`` renamed to ids without the admin prefix.

    Dash dispatches on ``output``; only the guard reads ``outputs``.
    """
    body = _body(dep, state, "x")
    body["outputs"] = [
        {"id": f"x{i}", "property": o["property"]} for i, o in enumerate(body["outputs"])
    ]
    return body


def test_spoofed_outputs_never_run_an_admin_callback(app, state, mutable_db):
    """The guard reads ``outputs`` but Dash dispatches on ``output``: a body whose ``outputs``
    name non-admin ids slips past the guard, and Dash's own output-spec check must then refuse
    it before the callback runs (for an admin session without CSRF token too)."""
    app.server.config["PROPAGATE_EXCEPTIONS"] = False
    deps = fresh_client(app).get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if d["output"].startswith("..admin-upload-report.children"))
    staff, staff_csrf = signed_in(app, "sam", STAFF_PASSWORD)
    admin, _ = signed_in(app, "ada", ADMIN_PASSWORD)
    before = data_fingerprint(mutable_db)
    for client, headers in (
        (fresh_client(app), {}),
        (staff, {"X-CSRFToken": staff_csrf}),
        (admin, {}),
    ):
        response = _post(client, _spoofed(dep, state), headers)
        assert response.status_code >= 400, response.get_data(as_text=True)[:300]
    assert data_fingerprint(mutable_db) == before


def test_client_side_callbacks_are_not_a_500(app, state):
    app.server.config["PROPAGATE_EXCEPTIONS"] = False
    client = fresh_client(app)
    deps = client.get("/_dash-dependencies").get_json()
    clientside = [d for d in deps if d.get("clientside_function")]
    assert clientside
    statuses = {d["output"]: _post(client, _body(d, state, "x")).status_code for d in clientside}
    assert all(400 <= s < 500 for s in statuses.values()), statuses


def test_sweep_bodies_do_change_data_when_an_admin_sends_them(app, state, mutable_db):
    """Positive control: the very bodies the sweep sends would change data if let through."""
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    results = _sweep(app, client, state, mutable_db, {"X-CSRFToken": csrf})
    assert all(status == 200 for status, admin, _, _ in results.values() if admin), results
    with mutable_db.session() as session:
        assert session.get(m.Upload, state["upload"]).status == "published"
        assert session.scalar(sa.select(sa.func.max(m.Release.number))) == 3
        assert session.scalar(sa.select(m.Contact).where(m.Contact.name == "Sweep Person"))
        funding = session.scalar(sa.select(m.Funding).where(m.Funding.title_en == "Changed"))
        assert funding is not None and funding.code == _funding_code(mutable_db)
        assert session.scalar(sa.select(m.Metric).where(m.Metric.code == "sweep_measure"))
        new_uploads = session.scalars(sa.select(m.Upload).where(m.Upload.file_name == "sweep.csv"))
        assert [u.status for u in new_uploads] == ["valid"]
        report = session.get(m.DataReport, state["report"])
        assert (report.status, report.resolution_note) == ("resolved", "Sweep note")
        assert session.get(m.Observation, state["observation"]).preferred_by_admin
    # The rollback body (aimed at release 2, no longer the latest) was refused; aimed at the
    # latest release it rolls back.
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if d["output"].startswith("..admin-rollback-result"))
    response = _post(client, _body(dep, {**state, "release": 3}, "x"), {"X-CSRFToken": csrf})
    assert response.status_code == 200
    alert = response.get_json()["response"]["admin-rollback-result"]["children"]
    assert alert["props"]["id"] == "admin-rolled-back-alert"
    with mutable_db.session() as session:
        assert session.scalar(sa.select(m.Release.status).where(m.Release.number == 3)) == (
            "rolled_back"
        )
