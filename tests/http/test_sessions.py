"""Sessions that end: sign-out, a password change and deactivation end every session of the
account on the server (a copied cookie replayed afterwards is refused everywhere), and sessions
expire after inactivity and at their maximum age.

Session time is moved through ``dashboard.auth.sessions.clock``; nothing sleeps. Every replay
uses a new client holding only the copied cookie, since a refused session is cleared in the jar
of the client that sent it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from support import (
    ADMIN_PASSWORD,
    STAFF_PASSWORD,
    dash_outputs,
    data_fingerprint,
    fresh_client,
    login,
    quarter_csv,
    signed_in,
)

from dashboard.auth import sessions
from dashboard.cli import main as cli
from dashboard.db import models as m
from dashboard.services import Actor, publish_upload, stage_upload

RELEASE = 2  # published by the fixture; the latest, so the one a rollback would undo


@pytest.fixture
def state(app: Any, mutable_db: Any, accounts: dict[str, str]) -> dict[str, Any]:
    """Release 2 published through the services, plus the ``accounts`` (ada, sam)."""
    with app.server.app_context():
        upload, report = stage_upload(Actor("ada", "admin"), quarter_csv("2025-Q1"), "q1.csv")
        assert report.ok
        assert publish_upload(Actor("ada", "admin"), upload.id).number == RELEASE
    return accounts


class Clock:
    """A clock the test moves by hand (installed as ``dashboard.auth.sessions.clock``)."""

    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(sessions, "clock", fake)
    return fake


def _with_cookie(app: Any, cookie: str) -> Any:
    """A new client (another address: someone who copied the cookie) holding only ``cookie``."""
    client = fresh_client(app)
    client.set_cookie("session", cookie)
    return client


def _session_cookie(client: Any) -> str:
    return client.get_cookie("session").value


def _rollback_callback_body(app: Any) -> dict[str, Any]:
    """What the admin page's rollback dialog sends when "roll back release 2" is confirmed."""
    deps = fresh_client(app).get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if "admin-rollback-result.children" in d["output"])
    return {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": [{"id": "admin-rollback-confirm", "property": "n_clicks", "value": 1}],
        "state": [
            {"id": "admin-rollback-pending", "property": "data", "value": RELEASE},
            {"id": "admin-refresh", "property": "data", "value": 0},
            {"id": "admin-lang", "property": "data", "value": "en"},
        ],
        "changedPropIds": ["admin-rollback-confirm.n_clicks"],
    }


def _replay(app: Any, cookie: str, csrf: str) -> dict[str, Any]:
    """Everything a copied admin cookie (and the CSRF token that came with it) could be used
    for: the admin page, the audit log, an admin callback and a rollback."""
    headers = {"X-CSRFToken": csrf}
    page = _with_cookie(app, cookie).get("/admin")
    callback = _with_cookie(app, cookie).post(
        "/_dash-update-component",
        data=json.dumps(_rollback_callback_body(app)),
        content_type="application/json",
        headers=headers,
    )
    return {
        "page": (page.status_code, page.headers.get("Location", "")),
        "audit": _with_cookie(app, cookie).get("/admin/api/audit").status_code,
        "callback": callback.status_code,
        "rollback": _with_cookie(app, cookie)
        .post(f"/admin/api/releases/{RELEASE}/rollback", headers=headers)
        .status_code,
    }


def _assert_refused(replayed: dict[str, Any]) -> None:
    status, location = replayed["page"]
    assert status == 302 and location.startswith("/login?next=/admin"), replayed
    assert "ended=1" in location, "the sign-in page says why"
    assert (replayed["audit"], replayed["callback"], replayed["rollback"]) == (401, 401, 401)


def _release_status(db: Any) -> str:
    with db.session() as session:
        return session.scalar(sa.select(m.Release.status).where(m.Release.number == RELEASE))


def _cli(database_url: str, tmp_path: Any, *args: str, stdin: str = "") -> None:
    env = {
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp_path / "cli-instance"),
        "SECRET_KEY": "cli",
        "REDIS_URL": "",
        "PRODUCTION": "0",
    }
    result = CliRunner(env=env).invoke(cli, list(args), input=stdin)
    assert result.exit_code == 0, result.output


NEW_PASSWORD = "a brand new passphrase"


def _end_sessions(how: str, client: Any, csrf: str, database_url: str, tmp_path: Any) -> str:
    """End ada's sessions ``how``; returns the password she signs in with afterwards."""
    if how == "sign-out":
        assert client.post("/logout", data={"csrf_token": csrf}).status_code == 302
        return ADMIN_PASSWORD
    if how == "set-password":
        _cli(database_url, tmp_path, "set-password", "ada", "--password-stdin", stdin=NEW_PASSWORD)
        return NEW_PASSWORD
    assert how == "deactivate-user"
    _cli(database_url, tmp_path, "deactivate-user", "ada")
    # Activated again: the sessions ended by the deactivation must stay ended.
    _cli(database_url, tmp_path, "activate-user", "ada")
    return ADMIN_PASSWORD


def test_a_copied_cookie_works_while_its_session_lives(app, state, mutable_db):
    """Positive control for the replays below: the same requests succeed before sign-out."""
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    cookie = _session_cookie(client)
    assert _with_cookie(app, cookie).get("/admin").status_code == 200
    assert _with_cookie(app, cookie).get("/admin/api/audit").status_code == 200
    response = _with_cookie(app, cookie).post(
        "/_dash-update-component",
        data=json.dumps(_rollback_callback_body(app)),
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert _release_status(mutable_db) == "rolled_back"


@pytest.mark.parametrize("how", ["sign-out", "set-password", "deactivate-user"])
def test_ending_sessions_refuses_every_copy_of_every_session(
    app, state, mutable_db, database_url, tmp_path, how
):
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    other_device, other_csrf = signed_in(app, "ada", ADMIN_PASSWORD)  # made before, elsewhere
    staff, _ = signed_in(app, "sam", STAFF_PASSWORD)
    copied, other_copied = _session_cookie(client), _session_cookie(other_device)

    password = _end_sessions(how, client, csrf, database_url, tmp_path)

    before = data_fingerprint(mutable_db)
    _assert_refused(_replay(app, copied, csrf))
    _assert_refused(_replay(app, other_copied, other_csrf))
    assert data_fingerprint(mutable_db) == before
    assert _release_status(mutable_db) == "published"
    # Only ada's sessions ended; she can sign in again and gets a working session.
    assert staff.get("/admin").status_code == 200
    again, _ = signed_in(app, "ada", password)
    assert again.get("/admin/api/audit").status_code == 200
    if how == "set-password":
        assert login(fresh_client(app), "ada", ADMIN_PASSWORD).status_code == 401


def test_sign_out_is_audited_and_bumps_the_generation(app, state, mutable_db):
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    with mutable_db.session() as session:
        generation = session.scalar(
            sa.select(m.User.session_generation).where(m.User.username == "ada")
        )
    response = client.post("/logout", data={"csrf_token": csrf})
    assert response.status_code == 302
    assert any(c.startswith("_csrf_token=;") for c in response.headers.getlist("Set-Cookie"))
    with mutable_db.session() as session:
        user = session.scalar(sa.select(m.User).where(m.User.username == "ada"))
        assert user.session_generation == generation + 1
        entry = session.scalars(sa.select(m.AuditLog).order_by(m.AuditLog.id.desc())).first()
        assert (entry.actor, entry.action, entry.outcome) == ("ada", "logout", "ok")


def test_a_session_from_before_generations_is_refused(app, state):
    """A cookie naming only the user id (as issued before this change) no longer signs in."""
    client, _ = signed_in(app, "ada", ADMIN_PASSWORD)
    serializer = app.server.session_interface.get_signing_serializer(app.server)
    data = dict(serializer.loads(_session_cookie(client)))
    user_id = data["_user_id"].partition(":")[0]
    old_style = _with_cookie(app, serializer.dumps({**data, "_user_id": user_id}))
    assert old_style.get("/admin/api/audit").status_code == 401


# --- Expiry -------------------------------------------------------------------------------------


def test_an_idle_session_expires(app, state, clock):
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)  # idle limit: 30 minutes (Config)
    clock.advance(29)
    assert client.get("/admin").status_code == 200  # active again: "last seen" moves
    clock.advance(29)
    assert client.get("/admin/api/audit").status_code == 200
    copied = _session_cookie(client)
    clock.advance(31)
    response = client.get("/admin")
    assert response.status_code == 302
    note = client.get(response.headers["Location"])
    assert "Jūsu sesija ir beigusies" in note.get_data(as_text=True)
    replayed = _with_cookie(app, copied).get("/admin/api/audit")
    assert replayed.status_code == 401
    assert "Your session has ended" in replayed.get_json()["message"]
    _assert_refused(_replay(app, copied, csrf))


def test_a_session_ends_at_its_maximum_age_however_active(app, state, clock):
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)  # maximum: 8 hours (Config)
    for _ in range(24):  # a request every 20 minutes: never idle, 8 hours in all
        clock.advance(20)
        assert client.get("/admin/api/audit").status_code == 200
    copied = _session_cookie(client)
    clock.advance(1)
    assert client.get("/admin/api/audit").status_code == 401
    _assert_refused(_replay(app, copied, csrf))


def test_expiry_follows_the_configured_times(make_app, config, state, clock):
    import dataclasses

    app = make_app(dataclasses.replace(config, session_idle_minutes=5, session_max_hours=1))
    client, _ = signed_in(app, "ada", ADMIN_PASSWORD)
    clock.advance(4)
    assert client.get("/admin/api/audit").status_code == 200
    clock.advance(6)
    assert client.get("/admin/api/audit").status_code == 401
    client, _ = signed_in(app, "ada", ADMIN_PASSWORD)
    for _ in range(15):
        clock.advance(4)
        assert client.get("/admin/api/audit").status_code == 200
    clock.advance(4)  # 64 minutes after sign-in
    assert client.get("/admin/api/audit").status_code == 401


def _sets_session_cookie(response: Any) -> bool:
    return any(c.startswith("session=") for c in response.headers.getlist("Set-Cookie"))


def test_last_seen_is_rewritten_at_most_once_a_minute(app, state, clock):
    client, _ = signed_in(app, "ada", ADMIN_PASSWORD)
    client.get("/admin")  # the first page adds the CSRF token to the session
    clock.now += 20
    assert not _sets_session_cookie(client.get("/admin/api/audit"))
    clock.now += 30
    assert not _sets_session_cookie(client.get("/admin"))
    clock.now += 15  # 65 s after sign-in
    assert _sets_session_cookie(client.get("/admin/api/audit"))
    clock.now += 5
    assert not _sets_session_cookie(client.get("/admin/api/audit"))
