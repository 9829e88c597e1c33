"""Publishing under contention: concurrent publishes and rollbacks, with real threads.

Each thread has its own test client and sends its request through the admin API (Bearer token)
or the admin page's Dash callback (signed-in session), all released at once by a barrier, on the
shared test database: SQLite in the first run, PostgreSQL in the second. Exactly one of several
publishes of one upload succeeds and every other one is a clean 409 (or a clear alert on the
admin page), never a 500, never two releases. Exceptions are not propagated to the test, so an
unhandled one shows up as the 500 a reader would get.
"""

from __future__ import annotations

import io
import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from support import ADMIN_PASSWORD, dash_outputs, quarter_csv, signed_in

from dashboard.auth import create_user
from dashboard.db import models as m
from dashboard.db.session import get_db

N = 6
QUARTERS = ["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4", "2022-Q1", "2022-Q2"]


def _at_once(app: Any, calls: list[Callable[[], Any]]) -> list[Any]:
    """Run ``calls`` in as many threads, released together; their results in order."""
    app.server.config["PROPAGATE_EXCEPTIONS"] = False
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        barrier.wait(timeout=30)
        results[index] = calls[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in threads), "a request never finished"
    return results


class Api:
    """The admin API as an admin's script uses it: a Bearer token, no cookies."""

    def __init__(self, app: Any, token: str) -> None:
        self.app = app
        self.headers = {"Authorization": f"Bearer {token}"}

    def upload(self, data: bytes, name: str) -> int:
        response = self.app.server.test_client().post(
            "/admin/api/uploads",
            data={"file": (io.BytesIO(data), name)},
            headers=self.headers,
            content_type="multipart/form-data",
        )
        assert response.status_code == 201, response.get_json()
        return response.get_json()["upload_id"]

    def publish(self, upload_id: int) -> Callable[[], Any]:
        client = self.app.server.test_client()
        url = f"/admin/api/uploads/{upload_id}/publish"
        return lambda: client.post(url, headers=self.headers)

    def rollback(self, number: int) -> Callable[[], Any]:
        client = self.app.server.test_client()
        url = f"/admin/api/releases/{number}/rollback"
        return lambda: client.post(url, headers=self.headers)


@pytest.fixture
def api(app: Any, accounts: dict[str, str]) -> Api:
    return Api(app, accounts["ada_token"])


def _statuses(responses: list[Any]) -> list[int]:
    return sorted(r.status_code for r in responses)


def _refusals(responses: list[Any]) -> Counter:
    """Error codes of the 409 answers, after checking each carries both messages."""
    codes: Counter = Counter()
    for response in responses:
        if response.status_code != 409:
            continue
        body = response.get_json()
        assert body["message_lv"] and body["message_en"], body
        assert body["message_lv"] != body["message_en"], body
        codes[body["error"]] += 1
    return codes


def _count(db: Any, model: Any) -> int:
    with db.session() as session:
        return session.scalar(sa.select(sa.func.count()).select_from(model))


def _audit(db: Any, action: str) -> Counter:
    with db.session() as session:
        rows = session.scalars(sa.select(m.AuditLog.outcome).where(m.AuditLog.action == action))
        return Counter(rows)


def test_concurrent_publishes_of_one_upload_give_one_release_and_clean_409s(api, mutable_db):
    upload_id = api.upload(quarter_csv(), "q.csv")
    responses = _at_once(api.app, [api.publish(upload_id) for _ in range(N)])
    assert _statuses(responses) == [201] + [409] * (N - 1), [
        (r.status_code, r.get_data(as_text=True)[:200]) for r in responses
    ]
    assert _refusals(responses) == {"already_published": N - 1}
    winner = next(r for r in responses if r.status_code == 201)
    assert winner.get_json()["release"]["number"] == 2
    assert _count(mutable_db, m.Release) == 2
    assert _count(mutable_db, m.Observation) == 45 + 15
    with mutable_db.session() as session:
        assert session.get(m.Upload, upload_id).status == "published"
    assert _audit(mutable_db, "publish") == {"ok": 1, "refused": N - 1}


def test_concurrent_rollbacks_of_one_release_give_one_rollback_and_clean_409s(api, mutable_db):
    upload_id = api.upload(quarter_csv(), "q.csv")
    assert api.publish(upload_id)().status_code == 201
    responses = _at_once(api.app, [api.rollback(2) for _ in range(N)])
    assert _statuses(responses) == [200] + [409] * (N - 1)
    assert _refusals(responses) == {"not_published": N - 1}
    with mutable_db.session() as session:
        statuses = session.execute(
            sa.select(m.Release.number, m.Release.status).order_by(m.Release.number)
        ).all()
    assert statuses == [(1, "published"), (2, "rolled_back")]
    assert _audit(mutable_db, "rollback") == {"ok": 1, "refused": N - 1}


def test_concurrent_publishes_of_different_uploads_get_consecutive_numbers(api, mutable_db):
    uploads = [api.upload(quarter_csv(q), f"{q}.csv") for q in QUARTERS]
    responses = _at_once(api.app, [api.publish(u) for u in uploads])
    assert _statuses(responses) == [201] * N
    numbers = sorted(r.get_json()["release"]["number"] for r in responses)
    assert numbers == list(range(2, N + 2))
    assert _count(mutable_db, m.Observation) == 45 + 15 * N


def test_a_publish_racing_a_rollback_leaves_a_consistent_state(api, mutable_db):
    """Whichever goes first, the other sees its result: either both succeed (rollback of 2,
    then release 3) or the rollback is refused because 3 is now the latest."""
    first = api.upload(quarter_csv("2021-Q1"), "a.csv")
    second = api.upload(quarter_csv("2021-Q2"), "b.csv")
    assert api.publish(first)().status_code == 201
    publish, rollback = _at_once(api.app, [api.publish(second), api.rollback(2)])
    assert publish.status_code == 201 and publish.get_json()["release"]["number"] == 3
    with mutable_db.session() as session:
        states = dict(session.execute(sa.select(m.Release.number, m.Release.status)).all())
    if rollback.status_code == 200:
        assert states == {1: "published", 2: "rolled_back", 3: "published"}
    else:
        assert rollback.status_code == 409 and rollback.get_json()["error"] == "not_latest"
        assert states == {1: "published", 2: "published", 3: "published"}


def test_concurrent_publishes_recreate_a_missing_lock_row_once(api, mutable_db):
    """The revision row that serialises publishers comes with init-db; if it were ever gone,
    publishing recreates it and concurrent publishers still get one release and clean 409s."""
    upload_id = api.upload(quarter_csv(), "q.csv")
    with mutable_db.session() as session:
        session.execute(sa.delete(m.Revision))
    responses = _at_once(api.app, [api.publish(upload_id) for _ in range(N)])
    assert _statuses(responses) == [201] + [409] * (N - 1)
    assert set(_refusals(responses)) <= {"already_published", "conflict"}
    assert _count(mutable_db, m.Release) == 2
    assert _count(mutable_db, m.Revision) == 1


# --- The admin page: the publish button pressed by several admins at once ----------------------


def _publish_callback(client: Any, csrf: str, upload_id: int) -> Callable[[], Any]:
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if d["output"].startswith("..admin-publish-result.children"))
    values = {
        "admin-publish.n_clicks": 1,
        "admin-upload-id.data": upload_id,
        "admin-replace.value": False,
        "admin-refresh.data": 0,
        "admin-lang.data": "en",
    }
    body = {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": [{**i, "value": values[f"{i['id']}.{i['property']}"]} for i in dep["inputs"]],
        "state": [{**s, "value": values[f"{s['id']}.{s['property']}"]} for s in dep["state"]],
        "changedPropIds": ["admin-publish.n_clicks"],
    }
    return lambda: client.post(
        "/_dash-update-component",
        data=json.dumps(body),
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )


def test_admins_pressing_publish_at_once_get_one_release_and_clear_alerts(app, api, mutable_db):
    names = [f"admin{n}" for n in range(1, 5)]
    with app.server.app_context(), mutable_db.session() as session:
        for name in names:
            create_user(session, name, ADMIN_PASSWORD, "admin")
    upload_id = api.upload(quarter_csv(), "q.csv")
    calls = [_publish_callback(*signed_in(app, name, ADMIN_PASSWORD), upload_id) for name in names]
    responses = _at_once(app, calls)
    assert [r.status_code for r in responses] == [200] * len(names)
    alerts = [r.get_json()["response"]["admin-publish-result"]["children"] for r in responses]
    ids = Counter(alert["props"]["id"] for alert in alerts)
    assert ids == {"admin-published-alert": 1, "admin-publish-error": len(names) - 1}
    refusals = [a["props"]["children"] for a in alerts if a["props"]["id"] == "admin-publish-error"]
    assert set(refusals) == {"This upload has already been published."}
    assert _count(mutable_db, m.Release) == 2


# --- SQLite: a writer that cannot get the lock in time ---------------------------------------


def test_a_publisher_that_cannot_get_the_write_lock_gets_a_clean_409(
    make_app, tmp_path, monkeypatch
):
    """On a throwaway SQLite database whose write lock another process holds past the busy
    timeout (shortened here): a clean 409 "busy" that changes nothing, then a normal publish."""
    from dashboard.config import Config
    from dashboard.db import session as session_module
    from dashboard.db.migrate import init_db
    from dashboard.db.session import Database

    monkeypatch.setattr(session_module, "SQLITE_BUSY_TIMEOUT_SECONDS", 0.2)
    path = tmp_path / "busy.db"
    config = Config(
        database_url=f"sqlite:///{path}",
        secret_key="test",
        testing=True,
        instance_path=tmp_path / "instance",
    )
    database = Database(config)
    init_db(database, dossier=False)  # the upload is a 2025 quarter: no dossier 2025 beside it
    database.dispose()
    app = make_app(config)
    app.server.config["PROPAGATE_EXCEPTIONS"] = False
    with app.server.app_context(), get_db().session() as session:
        create_user(session, "ada", ADMIN_PASSWORD, "admin")
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    headers = {"X-CSRFToken": csrf}
    uploaded = client.post(
        "/admin/api/uploads",
        data={"file": (io.BytesIO(quarter_csv()), "q.csv")},
        headers=headers,
        content_type="multipart/form-data",
    )
    upload_id = uploaded.get_json()["upload_id"]

    holder = sqlite3.connect(path, timeout=0, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        response = client.post(f"/admin/api/uploads/{upload_id}/publish", headers=headers)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert response.status_code == 409, response.get_data(as_text=True)[:300]
    body = response.get_json()
    assert body["error"] == "busy"
    assert "aizņemta" in body["message_lv"] and "busy" in body["message_en"]
    assert _count(get_db(app.server), m.Release) == 1

    again = client.post(f"/admin/api/uploads/{upload_id}/publish", headers=headers)
    assert again.status_code == 201 and again.get_json()["release"]["number"] == 2
