"""The measures registry over HTTP: the admin API (``/admin/api/measures``) and the Measures tab.

Who may list and who may change measures (anonymous 401, staff 403 on changes, by session with
the CSRF header and by API token), how refusals are answered (400 with every field's message in
both languages, 409 for a taken code or a field that stored figures lock, 404 for an unknown
measure), the tab's one callback posted as dash-renderer posts it (fill the form, save, errors
under each field, read-only for staff), and a measure added through the API used by an upload at
once. The measures and figures here are made up, for the registry's logic only.
"""

from __future__ import annotations

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
    page_content,
    signed_in,
)

from dashboard.admin.measures import NEW_MEASURE
from dashboard.db import models as m
from dashboard.db.published import in_effect
from dashboard.services.measures import MEASURE_FIELDS

NEW = {
    "code": "test_people_advised",
    "name_lv": "Konsultētie cilvēki (tests)",
    "name_en": "People advised (test)",
    "unit_code": "persons",
    "kind": "flow",
    "definition_lv": "Testa rādītājs: cilvēki, kurus koordinators konsultējis periodā.",
    "definition_en": "A test measure: people a coordinator advised in the period.",
}


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _metric(db: Any, code: str) -> m.Metric | None:
    with db.session() as session:
        metric = session.scalar(sa.select(m.Metric).where(m.Metric.code == code))
        if metric is not None:
            session.expunge(metric)
        return metric


def _published_figures(db: Any, code: str) -> int:
    with db.session() as session:
        return session.scalar(
            sa.select(sa.func.count())
            .select_from(m.Observation)
            .join(m.Metric, m.Observation.metric_id == m.Metric.id)
            .join(m.Release, m.Observation.release_id == m.Release.id)
            .where(m.Metric.code == code, in_effect())
        )


def _upload_csv(code: str) -> bytes:
    """One made-up figure of ``code`` for a planning region and a past quarter."""
    return f"period,region,metric,value\n2025-Q3,Vidzeme,{code},7\n".encode()


# --- The admin API -------------------------------------------------------------------------------


def test_anonymous_callers_get_401_and_nothing_changes(app, accounts, mutable_db):
    client = fresh_client(app)
    before = data_fingerprint(mutable_db)
    for response in (
        client.get("/admin/api/measures"),
        client.post("/admin/api/measures", json=NEW),
        client.patch("/admin/api/measures/families_returned", json={"name_en": "X"}),
        client.delete("/admin/api/measures/families_returned"),
    ):
        assert response.status_code == 401, response.get_data(as_text=True)
        assert response.get_json()["error"] == "unauthorized"
    assert data_fingerprint(mutable_db) == before


def test_staff_may_list_but_not_change(app, accounts, mutable_db):
    staff, csrf = signed_in(app, "sam", STAFF_PASSWORD)
    before = data_fingerprint(mutable_db)
    for client, headers in (
        (staff, {"X-CSRFToken": csrf}),
        (fresh_client(app), _bearer(accounts["sam_token"])),
    ):
        listed = client.get("/admin/api/measures", headers=headers)
        assert listed.status_code == 200
        for response in (
            client.post("/admin/api/measures", json=NEW, headers=headers),
            client.patch(
                "/admin/api/measures/families_returned", json={"name_en": "X"}, headers=headers
            ),
            client.delete("/admin/api/measures/families_returned", headers=headers),
        ):
            assert response.status_code == 403, response.get_data(as_text=True)
    assert data_fingerprint(mutable_db) == before


def test_the_list_has_every_measure_with_its_published_figures(app, accounts, mutable_db):
    response = fresh_client(app).get("/admin/api/measures", headers=_bearer(accounts["sam_token"]))
    rows = {row["code"]: row for row in response.get_json()}
    with mutable_db.session() as session:
        codes = set(session.scalars(sa.select(m.Metric.code)))
    assert set(rows) == codes
    families = rows["families_returned"]
    assert families["published_figures"] == _published_figures(mutable_db, "families_returned")
    assert families["published_figures"] > 0
    assert (families["unit_code"], families["unit_lv"], families["unit_en"]) == (
        "families",
        "ģimenes",
        "families",
    )
    assert families["kind"] == "flow" and families["definition_en"].startswith("Number of")


def test_an_admin_adds_and_edits_a_measure_with_a_token(app, accounts, mutable_db):
    client, headers = fresh_client(app), _bearer(accounts["ada_token"])
    response = client.post("/admin/api/measures", json=NEW, headers=headers)
    assert response.status_code == 201, response.get_data(as_text=True)
    measure = response.get_json()["measure"]
    assert {f: measure[f] for f in MEASURE_FIELDS} == NEW
    assert (measure["unit_lv"], measure["published_figures"]) == ("cilvēki", 0)
    response = client.patch(
        f"/admin/api/measures/{NEW['code']}",
        json={"name_en": "People advised", "code": "test_people_advised_v2"},
        headers=headers,
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["measure"]["code"] == "test_people_advised_v2"
    assert _metric(mutable_db, "test_people_advised_v2").name_en == "People advised"
    listed = client.get("/admin/api/measures", headers=headers).get_json()
    assert "test_people_advised_v2" in {row["code"] for row in listed}, "the cache expired"
    audit = client.get("/admin/api/audit", headers=headers).get_json()
    assert [(a["actor"], a["action"], a["outcome"]) for a in audit[:2]] == [
        ("ada", "update_measure", "ok"),
        ("ada", "add_measure", "ok"),
    ]
    assert audit[0]["detail"]["old"]["code"] == NEW["code"]
    assert audit[0]["detail"]["new"]["code"] == "test_people_advised_v2"


def test_a_session_change_needs_the_csrf_header(app, accounts, mutable_db):
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    before = data_fingerprint(mutable_db)
    response = client.post("/admin/api/measures", json=NEW)
    assert response.status_code == 400
    assert data_fingerprint(mutable_db) == before
    response = client.post("/admin/api/measures", json=NEW, headers={"X-CSRFToken": csrf})
    assert response.status_code == 201, response.get_data(as_text=True)


def test_bad_fields_are_400_with_every_message_in_both_languages(app, accounts, mutable_db):
    client, headers = fresh_client(app), _bearer(accounts["ada_token"])
    before = data_fingerprint(mutable_db)
    response = client.post(
        "/admin/api/measures",
        json={**NEW, "code": "People Advised", "unit_code": "euro", "definition_lv": ""},
        headers=headers,
    )
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"] == "invalid_field" and body["field"] == "code"
    errors = {e["field"]: e for e in body["errors"]}
    assert list(errors) == ["code", "unit_code", "definition_lv"]
    assert "families, persons, offers" in errors["unit_code"]["message_en"]
    assert "jābūt vienai no vērtībām" in errors["unit_code"]["message_lv"]
    assert errors["definition_lv"]["message_lv"] == "Lauks “Definīcija (latviski)” ir obligāts."
    for payload in ("not json", json.dumps(["a", "list"])):
        response = client.post(
            "/admin/api/measures",
            data=payload,
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == 400
        assert response.get_json()["message_lv"].startswith("Pieprasījuma saturam")
    response = client.patch(
        "/admin/api/measures/families_returned", json={"colour": "red"}, headers=headers
    )
    assert response.status_code == 400 and response.get_json()["field"] == "colour"
    assert data_fingerprint(mutable_db) == before


def test_a_taken_code_or_a_locked_field_is_409_and_an_unknown_measure_404(
    app, accounts, mutable_db
):
    client, headers = fresh_client(app), _bearer(accounts["ada_token"])
    before = data_fingerprint(mutable_db)
    response = client.post(
        "/admin/api/measures", json={**NEW, "code": "people_returned"}, headers=headers
    )
    assert response.status_code == 409
    assert (response.get_json()["error"], response.get_json()["field"]) == ("duplicate", "code")
    response = client.patch(
        "/admin/api/measures/people_returned", json={"unit_code": "families"}, headers=headers
    )
    assert response.status_code == 409
    body = response.get_json()
    assert (body["error"], body["field"]) == ("locked", "unit_code")
    assert "silently change what those numbers mean" in body["message_en"]
    response = client.delete("/admin/api/measures/people_returned", headers=headers)
    assert (response.status_code, response.get_json()["error"]) == (409, "in_use")
    response = client.patch("/admin/api/measures/no_such", json={"name_en": "X"}, headers=headers)
    assert (response.status_code, response.get_json()["error"]) == (404, "not_found")
    assert data_fingerprint(mutable_db) == before


def test_a_measure_added_through_the_api_is_usable_by_an_upload(app, accounts, mutable_db):
    client, headers = fresh_client(app), _bearer(accounts["ada_token"])

    def upload() -> Any:
        return client.post(
            "/admin/api/uploads",
            data={"file": (io.BytesIO(_upload_csv(NEW["code"])), "advised.csv")},
            headers=headers,
            content_type="multipart/form-data",
        )

    assert upload().status_code == 422, "unknown before it is defined"
    assert client.post("/admin/api/measures", json=NEW, headers=headers).status_code == 201
    response = upload()
    assert response.status_code == 201, response.get_json()["report"]["errors"]
    upload_id = response.get_json()["upload_id"]
    response = client.post(f"/admin/api/uploads/{upload_id}/publish", headers=headers)
    assert response.status_code == 201, response.get_data(as_text=True)
    listed = {r["code"]: r for r in client.get("/admin/api/measures", headers=headers).get_json()}
    assert listed[NEW["code"]]["published_figures"] == 1
    response = client.patch(
        f"/admin/api/measures/{NEW['code']}", json={"kind": "stock"}, headers=headers
    )
    assert (response.status_code, response.get_json()["error"]) == (409, "locked")


# --- The Measures tab's callback -----------------------------------------------------------------


def _tab_callback(client: Any) -> dict[str, Any]:
    deps = client.get("/_dash-dependencies").get_json()
    return next(d for d in deps if d["output"].startswith("..admin-measure-code.value"))


def _post_tab(
    client: Any,
    headers: dict[str, str],
    *,
    trigger: str,
    select: str,
    fields: dict[str, Any] | None = None,
    lang: str = "en",
) -> Any:
    dep = _tab_callback(client)
    fields = fields or {}
    body = {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": [
            {"id": "admin-measure-save", "property": "n_clicks", "value": 1},
            {"id": "admin-measure-select", "property": "value", "value": select},
        ],
        "state": [
            *[
                {"id": f"admin-measure-{f}", "property": "value", "value": fields.get(f, "")}
                for f in MEASURE_FIELDS
            ],
            {"id": "admin-lang", "property": "data", "value": lang},
        ],
        "changedPropIds": [trigger],
    }
    return client.post("/_dash-update-component", json=body, headers=headers)


def _values(response: Any) -> dict[str, dict[str, Any]]:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()["response"]


def test_the_tab_fills_the_form_for_staff_and_admins(app, accounts):
    for user, password in (("sam", STAFF_PASSWORD), ("ada", ADMIN_PASSWORD)):
        client, csrf = signed_in(app, user, password)
        out = _values(
            _post_tab(
                client,
                {"X-CSRFToken": csrf},
                trigger="admin-measure-select.value",
                select="families_returned",
            )
        )
        assert out["admin-measure-code"]["value"] == "families_returned"
        assert out["admin-measure-unit_code"]["value"] == "families"
        assert out["admin-measure-name_lv"]["value"] == "Ģimenes atgriezušās"
        assert all(out[f"admin-measure-{f}"]["invalid"] is False for f in MEASURE_FIELDS)
        out = _values(
            _post_tab(
                client,
                {"X-CSRFToken": csrf},
                trigger="admin-measure-select.value",
                select=NEW_MEASURE,
            )
        )
        assert all(out[f"admin-measure-{f}"]["value"] == "" for f in MEASURE_FIELDS)


def test_the_tab_adds_a_measure_and_lists_it(app, accounts, mutable_db):
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    out = _values(
        _post_tab(
            client,
            {"X-CSRFToken": csrf},
            trigger="admin-measure-save.n_clicks",
            select=NEW_MEASURE,
            fields=NEW,
        )
    )
    assert out["admin-measure-result"]["children"]["props"]["id"] == "admin-measure-saved"
    assert out["admin-measure-select"]["value"] == NEW["code"]
    options = [o["value"] for o in out["admin-measure-select"]["options"]]
    assert options[0] == NEW_MEASURE and NEW["code"] in options
    table = json.dumps(out["admin-measures-table"]["children"], ensure_ascii=False)
    assert NEW["code"] in table and NEW["definition_en"] in table
    assert _metric(mutable_db, NEW["code"]).name_lv == NEW["name_lv"]
    # Saved again with the measure chosen: an edit, not a second measure.
    out = _values(
        _post_tab(
            client,
            {"X-CSRFToken": csrf},
            trigger="admin-measure-save.n_clicks",
            select=NEW["code"],
            fields={**NEW, "name_en": "People advised"},
        )
    )
    assert out["admin-measure-name_en"]["value"] == "People advised"
    assert _metric(mutable_db, NEW["code"]).name_en == "People advised"


def test_the_tab_shows_each_error_under_its_field(app, accounts, mutable_db):
    client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    before = data_fingerprint(mutable_db)
    out = _values(
        _post_tab(
            client,
            {"X-CSRFToken": csrf},
            trigger="admin-measure-save.n_clicks",
            select=NEW_MEASURE,
            fields={**NEW, "code": "Bad code", "kind": "", "name_en": "  "},
            lang="lv",
        )
    )
    marked = {f for f in MEASURE_FIELDS if out[f"admin-measure-{f}"]["invalid"]}
    assert marked == {"code", "name_en", "kind"}
    assert out["admin-measure-kind-error"]["children"] == "Lauks “Veids” ir obligāts."
    assert "jāsākas ar mazo burtu" in out["admin-measure-code-error"]["children"]
    assert out["admin-measure-unit_code-error"]["children"] == ""
    assert out["admin-measure-result"]["children"]["props"]["id"] == "admin-measure-error"
    assert "admin-measure-code" not in {k for k, v in out.items() if "value" in v}, (
        "what the admin typed stays in the form"
    )
    out = _values(
        _post_tab(
            client,
            {"X-CSRFToken": csrf},
            trigger="admin-measure-save.n_clicks",
            select="people_returned",
            fields={**NEW, "code": "people_returned", "unit_code": "offers"},
        )
    )
    assert out["admin-measure-unit_code"]["invalid"] is True
    assert "cannot change" in out["admin-measure-unit_code-error"]["children"]
    assert data_fingerprint(mutable_db) == before


def test_staff_cannot_save_through_the_tab(app, accounts, mutable_db):
    client, csrf = signed_in(app, "sam", STAFF_PASSWORD)
    before = data_fingerprint(mutable_db)
    response = _post_tab(
        client,
        {"X-CSRFToken": csrf},
        trigger="admin-measure-save.n_clicks",
        select=NEW_MEASURE,
        fields=NEW,
    )
    assert response.status_code == 403
    response = _post_tab(
        fresh_client(app),
        {},
        trigger="admin-measure-save.n_clicks",
        select=NEW_MEASURE,
        fields=NEW,
    )
    assert response.status_code == 401
    assert data_fingerprint(mutable_db) == before


@pytest.mark.parametrize(("user", "password"), [("ada", ADMIN_PASSWORD), ("sam", STAFF_PASSWORD)])
def test_the_admin_page_has_the_measures_tab(app, accounts, user, password):
    client, _ = signed_in(app, user, password)
    response = page_content(client, "/admin", "?lang=lv")
    assert response.status_code == 200
    text = json.dumps(response.get_json(), ensure_ascii=False)
    assert '"admin-panel-measures"' in text and "Rādītāji" in text
    assert "admin-measures-list" in text and "people_returned" in text

    def find(node: Any, ident: str) -> Any:
        if isinstance(node, dict):
            if node.get("props", {}).get("id") == ident:
                return node
            node = list(node.values())
        if isinstance(node, list):
            for item in node:
                found = find(item, ident)
                if found is not None:
                    return found
        return None

    save = find(response.get_json(), "admin-measure-save")
    assert save["props"]["disabled"] is (user == "sam")
    code = find(response.get_json(), "admin-measure-code")
    assert code["props"]["disabled"] is (user == "sam")
