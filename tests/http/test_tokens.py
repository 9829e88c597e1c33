"""API tokens expire: an expired (or revoked) token is refused with 401 and changes nothing, and
``last_used_at`` follows use at most once a minute."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from typing import Any

import pytest
import sqlalchemy as sa
from support import data_fingerprint, fresh_client, quarter_csv

from dashboard.auth import create_token, hash_token
from dashboard.db import models as m


def _set(db: Any, token: str, **values: Any) -> None:
    with db.session() as session:
        session.execute(
            sa.update(m.ApiToken).where(m.ApiToken.token_hash == hash_token(token)).values(**values)
        )


def _row(db: Any, token: str) -> m.ApiToken:
    with db.session() as session:
        row = session.scalar(
            sa.select(m.ApiToken).where(m.ApiToken.token_hash == hash_token(token))
        )
        session.expunge(row)
        return row


def _requests(client: Any, headers: dict[str, str]) -> dict[str, int]:
    """A read and each kind of change an admin token could make."""
    return {
        "read": client.get("/admin/api/audit", headers=headers).status_code,
        "upload": client.post(
            "/admin/api/uploads",
            data={"file": (io.BytesIO(quarter_csv()), "q.csv")},
            headers=headers,
            content_type="multipart/form-data",
        ).status_code,
        "rollback": client.post("/admin/api/releases/1/rollback", headers=headers).status_code,
    }


def test_an_expired_token_is_refused_and_changes_nothing(app, mutable_db, accounts):
    token = accounts["ada_token"]
    headers = {"Authorization": f"Bearer {token}"}
    _set(mutable_db, token, expires_at=m.utcnow() + dt.timedelta(minutes=5))
    assert fresh_client(app).get("/admin/api/uploads", headers=headers).status_code == 200

    _set(mutable_db, token, expires_at=m.utcnow() - dt.timedelta(seconds=1), last_used_at=None)
    before = data_fingerprint(mutable_db)
    assert _requests(fresh_client(app), headers) == {"read": 401, "upload": 401, "rollback": 401}
    assert data_fingerprint(mutable_db) == before
    assert _row(mutable_db, token).last_used_at is None, "a refused token is not 'used'"


def test_a_token_without_an_expiry_is_refused(app, mutable_db, accounts):
    token = accounts["ada_token"]
    _set(mutable_db, token, expires_at=None)
    response = fresh_client(app).get(
        "/admin/api/audit", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 401


def test_a_deactivated_users_token_is_refused(app, mutable_db, accounts):
    with mutable_db.session() as session:
        session.execute(sa.update(m.User).where(m.User.username == "ada").values(active=False))
    response = fresh_client(app).get(
        "/admin/api/audit", headers={"Authorization": f"Bearer {accounts['ada_token']}"}
    )
    assert response.status_code == 401


def test_last_used_is_kept_up_to_date_at_most_once_a_minute(app, mutable_db, accounts):
    token = accounts["sam_token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert _row(mutable_db, token).last_used_at is None
    started = m.utcnow()
    assert fresh_client(app).get("/admin/api/uploads", headers=headers).status_code == 200
    first = _row(mutable_db, token).last_used_at
    assert first is not None and first >= started - dt.timedelta(seconds=1)

    fresh_client(app).get("/admin/api/uploads", headers=headers)
    assert _row(mutable_db, token).last_used_at == first, "not rewritten within a minute"

    two_minutes_ago = m.utcnow() - dt.timedelta(minutes=2)
    _set(mutable_db, token, last_used_at=two_minutes_ago)
    fresh_client(app).get("/admin/api/uploads", headers=headers)
    assert _row(mutable_db, token).last_used_at > two_minutes_ago + dt.timedelta(minutes=1)


@pytest.mark.parametrize(("configured", "days", "expected"), [(7, None, 7), (365, 30, 30)])
def test_a_new_token_expires_after_the_given_or_configured_days(
    make_app, config, mutable_db, accounts, configured, days, expected
):
    app = make_app(dataclasses.replace(config, api_token_days=configured))
    with app.server.app_context(), mutable_db.session() as session:
        token = create_token(session, "ada", "expiry", days)
    row = _row(mutable_db, token)
    assert row.expires_at - row.created_at == dt.timedelta(days=expected)


@pytest.mark.parametrize("days", [0, -1, 3651])
def test_a_lifetime_out_of_range_is_refused(app, mutable_db, accounts, days):
    with app.server.app_context(), mutable_db.session() as session:
        before = session.scalar(sa.select(sa.func.count()).select_from(m.ApiToken))
        with pytest.raises(ValueError, match="days must be between 1 and 3650"):
            create_token(session, "ada", "bad", days)
        assert session.scalar(sa.select(sa.func.count()).select_from(m.ApiToken)) == before
