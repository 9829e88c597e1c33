"""Rolling back from the admin page takes two steps: the button asks, the dialog's Confirm acts.

Posted to Dash exactly as the browser posts it (the browser test in tests/e2e/test_admin_e2e.py
clicks through the real dialog). The admin API's rollback endpoint stays one explicit call
(tests/http/test_admin_workflow.py).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa
from support import ADMIN_PASSWORD, dash_outputs, data_fingerprint, quarter_csv, signed_in

from dashboard.db import models as m
from dashboard.services import Actor, publish_upload, stage_upload

ADMIN = Actor("ada", "admin")


@pytest.fixture
def two_releases(app: Any, mutable_db: Any, accounts: dict[str, str]) -> Any:
    """Releases 2 and 3 published on top of the seed: rolling back 3 shows release 2 again."""
    with app.server.app_context():
        for quarter in ("2025-Q1", "2025-Q2"):
            upload, report = stage_upload(ADMIN, quarter_csv(quarter), f"{quarter}.csv")
            assert report.ok
            publish_upload(ADMIN, upload.id)
    return mutable_db


def _dep(client: Any, first_output: str) -> dict[str, Any]:
    deps = client.get("/_dash-dependencies").get_json()
    return next(d for d in deps if d["output"].startswith(f"..{first_output}"))


def _post(client: Any, csrf: str, dep: dict[str, Any], inputs: list, state: list, changed: str):
    body = {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": inputs,
        "state": state,
        "changedPropIds": [changed],
    }
    response = client.post(
        "/_dash-update-component",
        data=json.dumps(body),
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()["response"]


def _press_rollback(client: Any, csrf: str, number: int, lang: str) -> dict[str, Any]:
    button = {"type": "admin-rollback", "number": number}
    return _post(
        client,
        csrf,
        _dep(client, "admin-rollback-modal.is_open"),
        [[{"id": button, "property": "n_clicks", "value": 1}]],
        [{"id": "admin-lang", "property": "data", "value": lang}],
        json.dumps(button, sort_keys=True, separators=(",", ":")) + ".n_clicks",
    )


def _confirm(client: Any, csrf: str, pending: Any) -> dict[str, Any]:
    return _post(
        client,
        csrf,
        _dep(client, "admin-rollback-result.children"),
        [{"id": "admin-rollback-confirm", "property": "n_clicks", "value": 1}],
        [
            {"id": "admin-rollback-pending", "property": "data", "value": pending},
            {"id": "admin-refresh", "property": "data", "value": 4},
            {"id": "admin-lang", "property": "data", "value": "en"},
        ],
        "admin-rollback-confirm.n_clicks",
    )


def _status(db: Any, number: int) -> str:
    with db.session() as session:
        return session.scalar(sa.select(m.Release.status).where(m.Release.number == number))


@pytest.mark.parametrize(
    ("lang", "title", "question"),
    [
        ("en", "Roll back release 3?", "Readers will see release 2's figures."),
        ("lv", "Atsaukt laidienu Nr. 3?", "Lasītāji redzēs laidiena Nr. 2 datus."),
    ],
)
def test_the_rollback_button_only_asks(app, two_releases, lang, title, question):
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    before = data_fingerprint(two_releases)
    out = _press_rollback(client, csrf, 3, lang)
    assert out["admin-rollback-modal"]["is_open"] is True
    assert out["admin-rollback-title"]["children"] == title
    assert out["admin-rollback-question"]["children"] == question
    assert out["admin-rollback-pending"]["data"] == 3
    assert data_fingerprint(two_releases) == before
    assert _status(two_releases, 3) == "published"


def test_confirming_rolls_back_the_asked_release_and_closes_the_dialog(app, two_releases):
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    pending = _press_rollback(client, csrf, 3, "en")["admin-rollback-pending"]["data"]
    out = _confirm(client, csrf, pending)
    assert out["admin-rollback-result"]["children"]["props"]["id"] == "admin-rolled-back-alert"
    assert out["admin-rollback-modal"]["is_open"] is False
    assert out["admin-refresh"]["data"] == 5
    assert (_status(two_releases, 3), _status(two_releases, 2)) == ("rolled_back", "published")


def test_a_refused_confirmation_says_why_and_changes_nothing(app, two_releases):
    """Release 2 is not the latest: the service refuses, the dialog closes with the reason."""
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    before = data_fingerprint(two_releases)
    out = _confirm(client, csrf, 2)
    alert = out["admin-rollback-result"]["children"]["props"]
    assert alert["id"] == "admin-rollback-error"
    assert alert["children"] == "Only the latest published release can be rolled back."
    assert out["admin-rollback-modal"]["is_open"] is False
    assert data_fingerprint(two_releases) == before
