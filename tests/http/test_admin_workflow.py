"""The quarterly-upload workflow over HTTP, as an admin, and the same steps through the CLI.

upload → validation report → publish (release N) → everyone sees it (API, overview callback,
caches invalidated) → same file again is recognised → overlapping data needs "replace" →
rollback restores the previous state; bad and oversized files change nothing; every step is in
the audit log. The data-changing tests use ``mutable_db`` (restored afterwards), so they run on
SQLite and on PostgreSQL (+ Redis cache with ``TEST_REDIS_URL``) alike.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from support import (
    ADMIN_PASSWORD,
    ADMIN_QUARTER,
    dash_outputs,
    data_fingerprint,
    fresh_client,
    quarter_csv,
    quarter_values,
    signed_in,
)

from dashboard.cli import main as cli
from dashboard.config import Config
from dashboard.db import models as m
from dashboard.ingest import parse_period
from dashboard.queries.series import slot_grid

REGIONS = ("kurzeme", "latgale", "riga", "vidzeme", "zemgale")
METRICS = ("families_returned", "people_returned", "offers_prepared")


class Admin:
    """An admin's session (with the CSRF header), speaking to /admin/api."""

    def __init__(self, app: Any) -> None:
        self.client, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
        self.headers = {"X-CSRFToken": csrf}

    def upload(self, data: bytes, name: str = "quarter.csv", replace: bool = False) -> Any:
        return self.client.post(
            "/admin/api/uploads" + ("?replace=true" if replace else ""),
            data={"file": (io.BytesIO(data), name)},
            headers=self.headers,
            content_type="multipart/form-data",
        )

    def publish(self, upload_id: int, replace: bool = False) -> Any:
        url = f"/admin/api/uploads/{upload_id}/publish" + ("?replace=true" if replace else "")
        return self.client.post(url, headers=self.headers)

    def rollback(self, number: int) -> Any:
        return self.client.post(f"/admin/api/releases/{number}/rollback", headers=self.headers)

    def audit(self) -> list[dict[str, Any]]:
        response = self.client.get("/admin/api/audit")
        assert response.status_code == 200
        return response.get_json()


@pytest.fixture
def admin(app: Any, accounts: dict[str, str]) -> Admin:
    return Admin(app)


def observations(app: Any, release: int | None = None) -> dict[tuple[str, str, str], int]:
    """``{(period, region, metric): value}`` from the public API (a fresh anonymous client)."""
    url = "/api/v1/observations" + (f"?release={release}" if release else "")
    response = fresh_client(app).get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    rows = response.get_json()
    table = {(r["period"], r["region"], r["metric"]): r["value"] for r in rows}
    assert len(table) == len(rows), "one row per period × region × metric"
    return table


def expected_quarter(period: str = ADMIN_QUARTER, scale: int = 1) -> dict[tuple, int]:
    return {(period, r, mt): v for (r, mt), v in quarter_values(scale).items()}


def release_count(db: Any) -> int:
    with db.session() as session:
        return session.scalar(sa.select(sa.func.count()).select_from(m.Release))


# --- The overview callback, as dash-renderer calls it after loading the page ---------------------


def _walk(node: Any) -> Any:
    if isinstance(node, dict):
        if "props" in node:
            yield node
            yield from _walk(node["props"].get("children"))
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _post(client: Any, dep: dict[str, Any], inputs: list, state: list) -> dict[str, Any]:
    body = {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
    }
    response = client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:1000]
    return response.get_json()["response"]


def overview_periods(app: Any, lang: str = "lv") -> list[str]:
    """Period labels on the regions chart's x axis (quarter view) after a fresh load of ``/``.

    The filter values come from the page layout (what the renderer then sends), so a new period
    shows up only if the cached period list and observations were invalidated. The reader picks
    the quarter view: the uploads here are quarters, which the year view never shows.
    """
    client = fresh_client(app)
    deps = client.get("/_dash-dependencies").get_json()
    page_dep = next(d for d in deps if "_pages_content.children" in d["output"])
    page = _post(
        client,
        page_dep,
        [
            {"id": "_pages_location", "property": "pathname", "value": "/"},
            {"id": "_pages_location", "property": "search", "value": f"?lang={lang}"},
        ],
        [],
    )
    values = {
        c["props"]["id"]: c["props"].get("value")
        for c in _walk(page["_pages_content"]["children"])
        if str(c["props"].get("id", "")).startswith("filter-")
    }
    dep = next(d for d in deps if "regions-chart-graph.figure" in d["output"])
    values["filter-granularity"] = "quarter"
    inputs = [{**i, "value": values[i["id"]]} for i in dep["inputs"]]
    state = [
        {"id": "overview-lang", "property": "data", "value": lang},
        {"id": "overview-release", "property": "data", "value": None},
    ]
    figure = _post(client, dep, inputs, state)["regions-chart-graph"]["figure"]
    # The full period names of the slots with a figure (customdata: name, hover text); the axis
    # shows short labels and every slot of the range, published or not.
    names: list[str] = []
    for trace in figure["data"]:
        for y, custom in zip(trace.get("y", []), trace.get("customdata", []), strict=False):
            name = custom[0] if isinstance(custom, list) else custom
            if y is not None and name not in names:
                names.append(name)
    return names


def _shows(names: list[str], period: str) -> bool:
    """Whether the quarter view shows a figure in ``period``'s slot (by its Latvian label)."""
    spec = parse_period(period)
    slot = next(s for s in slot_grid("quarter", spec.start, spec.end) if s.start == spec.start)
    return slot.label("lv") in names


# --- Upload and publish --------------------------------------------------------------------------


def test_upload_and_publish_a_quarter(app, admin, mutable_db, seed_values):
    seed = {(p, r, mt): v for (p, r, mt), v in seed_values.items()}
    assert observations(app) == seed

    uploaded = admin.upload(quarter_csv(), "2025-q3.csv")
    assert uploaded.status_code == 201, uploaded.get_json()
    body = uploaded.get_json()
    report = body["report"]
    assert report["ok"] is True and report["errors"] == []
    assert report["layout"] == "long" and report["file_type"] == "csv"
    assert len(report["rows"]) == 15
    assert {(c["period_code"], c["region"], c["metric"]) for c in report["changes"]} == set(
        expected_quarter()
    )
    assert {c["kind"] for c in report["changes"]} == {"add"}
    assert all(c["old"] is None for c in report["changes"])
    assert body["duplicate_of"] is None
    assert observations(app) == seed, "nothing is visible before publishing"

    published = admin.publish(body["upload_id"])
    assert published.status_code == 201, published.get_json()
    release = published.get_json()["release"]
    assert release["number"] == 2 and release["status"] == "published"
    assert release["published_by"] == "ada" and release["file_name"] == "2025-q3.csv"
    assert release["file_sha256"] == report["sha256"]

    assert observations(app) == {**seed, **expected_quarter()}
    assert observations(app, release=1) == seed, "release 1 is still the 45 seed rows"
    assert len(observations(app, release=1)) == 45
    assert observations(app, release=2) == {**seed, **expected_quarter()}
    assert _shows(overview_periods(app), ADMIN_QUARTER)

    with mutable_db.session() as session:
        upload = session.get(m.Upload, body["upload_id"])
        assert upload.status == "published" and upload.content == quarter_csv()


def test_releases_endpoint_lists_the_new_release(app, admin, mutable_db):
    upload_id = admin.upload(quarter_csv()).get_json()["upload_id"]
    assert admin.publish(upload_id).status_code == 201
    response = fresh_client(app).get("/api/v1/releases")
    if response.status_code == 404:
        pytest.skip("/api/v1/releases is not implemented yet (404)")
    assert response.status_code == 200
    releases = {r["number"]: r for r in response.get_json()}
    assert set(releases) == {1, 2}
    assert releases[2]["status"] == "published"
    assert releases[2]["observations_url"] == "/api/v1/observations?release=2"


def test_publishing_invalidates_cached_views(app, admin, mutable_db):
    """Read everything once (so it is cached — in Redis with TEST_REDIS_URL), then publish."""
    before = observations(app)
    assert not _shows(overview_periods(app), ADMIN_QUARTER)
    upload_id = admin.upload(quarter_csv()).get_json()["upload_id"]
    assert not _shows(overview_periods(app), ADMIN_QUARTER), "staging publishes nothing"
    assert admin.publish(upload_id).status_code == 201
    assert observations(app) == {**before, **expected_quarter()}  # the same query, not cached
    assert _shows(overview_periods(app), ADMIN_QUARTER)
    assert admin.rollback(2).status_code == 200
    assert observations(app) == before
    assert not _shows(overview_periods(app), ADMIN_QUARTER)


def test_the_same_file_twice_is_recognised_and_not_republished(app, admin, mutable_db):
    first = admin.upload(quarter_csv(), "a.csv").get_json()
    assert admin.publish(first["upload_id"]).status_code == 201
    again = admin.upload(quarter_csv(), "a-again.csv")
    assert again.status_code == 201, again.get_json()
    body = again.get_json()
    assert body["duplicate_of"] == {"upload": first["upload_id"], "release": 2}
    assert {c["kind"] for c in body["report"]["changes"]} == {"same"}
    before = data_fingerprint(mutable_db)
    refused = admin.publish(body["upload_id"])
    assert refused.status_code == 409
    assert refused.get_json()["error"] == "nothing_new"
    assert refused.get_json()["message_lv"] and refused.get_json()["message_en"]
    assert data_fingerprint(mutable_db) == before
    assert release_count(mutable_db) == 2


def test_overlapping_data_needs_replace(app, admin, mutable_db, seed_values):
    seed = dict(seed_values)
    first = admin.upload(quarter_csv()).get_json()
    assert admin.publish(first["upload_id"]).status_code == 201

    # Same quarter, different values, no "replace": refused, naming row and column.
    before = data_fingerprint(mutable_db)
    changed = admin.upload(quarter_csv(scale=2), "changed.csv")
    assert changed.status_code == 422
    errors = changed.get_json()["report"]["errors"]
    assert len(errors) == 15
    assert {e["code"] for e in errors} <= {"already_published", "overlap"}
    assert [e["row"] for e in errors] == list(range(2, 17))
    assert {e["column"] for e in errors} == {"value"}
    assert "Rīga" in errors[2]["message_lv"] and "Rīga" in errors[2]["message_en"]
    assert data_fingerprint(mutable_db)["counts"]["release"] == before["counts"]["release"]

    # A different period that overlaps the published quarter (the half-year containing it) is
    # another view of the same flow, accepted as new figures (issue 12: overlaps are normal and
    # never summed); it is not published here, so release 2 stays the latest.
    half = admin.upload(quarter_csv(period="2025-H2"), "half.csv")
    assert half.status_code == 201, half.get_json()
    assert {c["kind"] for c in half.get_json()["report"]["changes"]} == {"add"}
    assert release_count(mutable_db) == 2

    # With "replace": publishes release 3; release 2 still answers with what it published.
    replacing = admin.upload(quarter_csv(scale=2), "replace.csv", replace=True)
    assert replacing.status_code == 201, replacing.get_json()
    report = replacing.get_json()["report"]
    assert {c["kind"] for c in report["changes"]} == {"change"}
    assert len(report["superseded"]) == 15
    published = admin.publish(replacing.get_json()["upload_id"], replace=True)
    assert published.status_code == 201, published.get_json()
    assert published.get_json()["release"]["number"] == 3
    assert observations(app) == {**seed, **expected_quarter(scale=2)}
    assert observations(app, release=2) == {**seed, **expected_quarter()}
    assert observations(app, release=1) == seed
    with mutable_db.session() as session:
        release_3 = session.scalar(sa.select(m.Release.id).where(m.Release.number == 3))
        superseded = session.scalar(
            sa.select(sa.func.count())
            .select_from(m.Observation)
            .where(m.Observation.superseded_by_release_id == release_3)
        )
    assert superseded == 15, "old values are kept in history, marked superseded"


def test_rollback_restores_the_previous_data(app, admin, mutable_db, seed_values):
    seed = dict(seed_values)
    assert admin.publish(admin.upload(quarter_csv()).get_json()["upload_id"]).status_code == 201
    upload_3 = admin.upload(quarter_csv(scale=2), replace=True).get_json()["upload_id"]
    assert admin.publish(upload_3, replace=True).status_code == 201
    assert observations(app) == {**seed, **expected_quarter(scale=2)}

    not_latest = admin.rollback(2)
    assert not_latest.status_code == 409
    assert not_latest.get_json()["error"] == "not_latest"
    assert not_latest.get_json()["latest"] == 3

    rolled = admin.rollback(3)
    assert rolled.status_code == 200, rolled.get_json()
    assert rolled.get_json()["release"]["status"] == "rolled_back"
    assert rolled.get_json()["release"]["rolled_back_at"]
    assert observations(app) == {**seed, **expected_quarter()}, "release 2's values are back"
    assert observations(app, release=3) == {**seed, **expected_quarter(scale=2)}
    assert admin.rollback(3).status_code == 409, "already rolled back"

    assert admin.rollback(2).status_code == 200
    assert observations(app) == seed
    assert not _shows(overview_periods(app), ADMIN_QUARTER)

    base = admin.rollback(1)
    assert base.status_code == 409
    assert base.get_json()["error"] == "base_release"
    assert admin.rollback(99).status_code == 404
    assert observations(app) == seed
    uploads = {u["id"]: u["status"] for u in admin.client.get("/admin/api/uploads").get_json()}
    assert uploads[upload_3] == "rolled_back"


def test_a_rolled_back_quarter_can_be_published_again(app, admin, mutable_db, seed_values):
    first = admin.upload(quarter_csv()).get_json()["upload_id"]
    assert admin.publish(first).status_code == 201
    assert admin.rollback(2).status_code == 200
    again = admin.upload(quarter_csv()).get_json()
    assert again["report"]["ok"] and {c["kind"] for c in again["report"]["changes"]} == {"add"}
    published = admin.publish(again["upload_id"])
    assert published.status_code == 201, published.get_json()
    assert published.get_json()["release"]["number"] == 3
    assert observations(app) == {**seed_values, **expected_quarter()}


# --- Files that change nothing -------------------------------------------------------------------


def test_a_bad_file_is_refused_with_row_and_column(app, admin, mutable_db):
    before = data_fingerprint(mutable_db)
    response = admin.upload(quarter_csv(bad_region_row=3), "bad.csv")
    assert response.status_code == 422
    body = response.get_json()
    report = body["report"]
    assert report["ok"] is False and report["rows"] == [] and report["changes"] == []
    [error] = report["errors"]
    assert (error["row"], error["column"], error["code"]) == (3, "region", "unknown_region")
    assert "Atlantīda" in error["message_lv"] and "Atlantīda" in error["message_en"]
    assert "Reģions" in error["message_lv"] and "Region" in error["message_en"]
    assert error["message_lv"] != error["message_en"]

    # Kept in the history as invalid, but it cannot be published.
    history = admin.client.get("/admin/api/uploads").get_json()
    assert history[0]["id"] == body["upload_id"]
    assert history[0]["status"] == "invalid" and history[0]["errors"] == 1
    refused = admin.publish(body["upload_id"])
    assert refused.status_code == 409 and refused.get_json()["error"] == "invalid"
    after = data_fingerprint(mutable_db)
    assert after["counts"]["release"] == before["counts"]["release"]
    assert after["observations"] == before["observations"]
    assert after["revision"] == before["revision"]
    with mutable_db.session() as session:
        statuses = session.scalars(sa.select(m.Upload.status)).all()
    assert statuses == ["invalid"], "no upload is publishable"


def test_upload_without_a_file_is_a_400(app, admin, mutable_db):
    response = admin.client.post("/admin/api/uploads", headers=admin.headers)
    assert response.status_code == 400
    assert "file" in response.get_json()["message"]


def test_a_file_over_the_size_limit_is_refused_and_not_stored(
    make_app, config, accounts, mutable_db, tmp_path
):
    small = make_app(
        Config(
            database_url=config.database_url,
            secret_key="test",
            testing=True,
            instance_path=tmp_path / "small",
            redis_url=config.redis_url,
            upload_max_bytes=1000,
        )
    )
    client = fresh_client(small)
    headers = {"Authorization": f"Bearer {accounts['ada_token']}"}
    before = data_fingerprint(mutable_db)

    padded = quarter_csv() + b"\n" * 2000  # valid content, 2.5 kB: over the 1000-byte limit
    response = client.post(
        "/admin/api/uploads",
        data={"file": (io.BytesIO(padded), "big.csv")},
        headers=headers,
        content_type="multipart/form-data",
    )
    assert response.status_code in (413, 422), response.get_data(as_text=True)
    body = response.get_json()
    assert body["upload_id"] is None
    [error] = body["report"]["errors"]
    assert error["code"] == "file_too_large"
    assert "1000" in error["message_en"] or "kB" in error["message_en"], error["message_en"]
    assert error["message_lv"] != error["message_en"]

    huge = b"period,region,metric,value\n" + b"x" * 400_000  # over the request size cap
    response = client.post(
        "/admin/api/uploads",
        data={"file": (io.BytesIO(huge), "huge.csv")},
        headers=headers,
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert response.get_json()["error"] == "request_entity_too_large"

    after = data_fingerprint(mutable_db)
    assert after["counts"]["upload"] == before["counts"]["upload"] == 0
    assert after["observations"] == before["observations"]


# --- Audit ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", [2**31, 2**63, 2**64, 10**30])
def test_ids_beyond_the_integer_columns_are_404_not_500(app, admin, mutable_db, number):
    """An id no integer column can hold names nothing: 404 with the bilingual message."""
    app.server.config["PROPAGATE_EXCEPTIONS"] = False
    before = data_fingerprint(mutable_db)
    for response in (
        admin.publish(number),
        admin.rollback(number),
        admin.client.get(f"/admin/api/uploads/{number}/file"),
    ):
        assert response.status_code == 404, response.get_data(as_text=True)[:300]
        assert response.get_json()["error"] == "not_found"
    assert str(number) in admin.publish(number).get_json()["message_en"]
    assert data_fingerprint(mutable_db) == before


def test_every_step_is_audited(app, admin, mutable_db):
    upload_id = admin.upload(quarter_csv(), "audited.csv").get_json()["upload_id"]
    assert admin.publish(upload_id).status_code == 201
    duplicate = admin.upload(quarter_csv(), "audited.csv").get_json()["upload_id"]
    assert admin.publish(duplicate).status_code == 409
    assert admin.upload(quarter_csv(bad_region_row=3), "bad.csv").status_code == 422
    assert admin.rollback(2).status_code == 200
    assert admin.rollback(1).status_code == 409

    entries = [
        (a["actor"], a["action"], a["target"], a["outcome"])
        for a in reversed(admin.audit())
        if a["action"] != "login"
    ]
    assert entries == [
        ("ada", "upload", "audited.csv", "ok"),
        ("ada", "publish", "release 2", "ok"),
        ("ada", "upload", "audited.csv", "ok"),
        ("ada", "publish", f"upload {duplicate}", "refused"),
        ("ada", "upload", "bad.csv", "refused"),
        ("ada", "rollback", "release 2", "ok"),
        ("ada", "rollback", "release 1", "refused"),
    ]
    log = {(a["action"], a["target"], a["outcome"]): a for a in admin.audit()}
    assert log[("publish", "release 2", "ok")]["detail"]["upload"] == upload_id
    assert log[("publish", f"upload {duplicate}", "refused")]["detail"] == {"error": "nothing_new"}
    assert log[("upload", "bad.csv", "refused")]["detail"]["errors"] == 1
    assert log[("rollback", "release 1", "refused")]["detail"] == {"error": "base_release"}
    assert all(a["at"].endswith("Z") for a in admin.audit())


# --- The CLI -------------------------------------------------------------------------------------


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, Any]:
    """Environment for ``remigration`` on a throwaway SQLite database, already initialised."""
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test",
        "REDIS_URL": "",
        "PRODUCTION": "0",
        "DATA_DIR": None,
    }
    # Seed only: the uploads below are quarters of 2025, which the overlap rule would refuse
    # beside the dossier's 2025 figures.
    result = CliRunner(env=env).invoke(cli, ["init-db", "--seed-only"])
    assert result.exit_code == 0, result.output
    return env


def _cli_counts(env: dict[str, Any]) -> dict[str, int]:
    engine = sa.create_engine(env["DATABASE_URL"])
    try:
        with engine.connect() as conn:
            return {
                name: conn.scalar(sa.text(f"SELECT COUNT(*) FROM {name}"))
                for name in ("upload", "release", "observation", "period")
            }
    finally:
        engine.dispose()


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_cli_import_validates_without_publishing(cli_env, tmp_path):
    before = _cli_counts(cli_env)
    result = CliRunner(env=cli_env).invoke(
        cli, ["import", _write(tmp_path, "good.csv", quarter_csv())]
    )
    assert result.exit_code == 0, result.output
    assert "good.csv: valid, 15 rows (15 new, 0 changed)" in result.stdout
    after = _cli_counts(cli_env)
    assert after["release"] == before["release"] == 1
    assert after["upload"] == before["upload"] + 1  # kept for preview, not published
    assert after["observation"] == 45


def test_cli_import_of_a_bad_file_fails_and_writes_nothing(cli_env, tmp_path):
    before = _cli_counts(cli_env)
    bad = _write(tmp_path, "bad.csv", quarter_csv(bad_region_row=3))
    for args in (["import", bad], ["import", bad, "--publish"]):
        result = CliRunner(env=cli_env).invoke(cli, args)
        assert result.exit_code == 1, result.output
        assert "error: row 3, column region:" in result.stderr
        assert "Atlantīda" in result.stderr
        assert "bad.csv: invalid, 1 error(s); nothing written." in result.stderr
        assert _cli_counts(cli_env) == before
    lv = CliRunner(env=cli_env).invoke(cli, ["import", bad, "--lang", "lv"])
    assert lv.exit_code == 1 and "Reģions" in lv.stderr


def test_cli_import_and_publish(cli_env, tmp_path):
    good = _write(tmp_path, "good.csv", quarter_csv())
    result = CliRunner(env=cli_env).invoke(cli, ["import", good, "--publish"])
    assert result.exit_code == 0, result.output
    assert "Published release 2." in result.stdout
    assert _cli_counts(cli_env)["observation"] == 60
    again = CliRunner(env=cli_env).invoke(cli, ["import", good, "--publish"])
    assert again.exit_code == 1
    assert "Not published" in again.stderr
    assert _cli_counts(cli_env)["release"] == 2


def test_cli_create_user_refuses_a_short_password(cli_env):
    runner = CliRunner(env=cli_env)
    short = runner.invoke(
        cli, ["create-user", "ada", "--role", "admin", "--password-stdin"], input="short\n"
    )
    assert short.exit_code == 1
    assert "at least 12 characters" in short.stderr
    no_stdin = runner.invoke(cli, ["create-user", "ada", "--role", "admin"])
    assert no_stdin.exit_code != 0
    engine = sa.create_engine(cli_env["DATABASE_URL"])
    try:
        with engine.connect() as conn:
            assert conn.scalar(sa.text("SELECT COUNT(*) FROM user_account")) == 0
    finally:
        engine.dispose()


def test_cli_token_authenticates_the_upload_api(cli_env, make_app, tmp_path):
    runner = CliRunner(env=cli_env)
    created = runner.invoke(
        cli,
        ["create-user", "ada", "--role", "admin", "--password-stdin"],
        input=ADMIN_PASSWORD + "\n",
    )
    assert created.exit_code == 0, created.output
    result = runner.invoke(cli, ["create-token", "ada", "--label", "ci"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    token = lines[-1]
    assert token.startswith("rmg_") and " " not in token and len(token) > 40
    assert all(token not in line for line in lines[:-1])

    app = make_app(
        Config(
            database_url=cli_env["DATABASE_URL"],
            secret_key="other",
            testing=True,
            instance_path=tmp_path / "app-instance",
        )
    )
    client = fresh_client(app)
    response = client.post(
        "/admin/api/uploads",
        data={"file": (io.BytesIO(quarter_csv()), "token.csv")},
        headers={"Authorization": f"Bearer {token}"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 201, response.get_json()
    assert client.get("/admin/api/uploads").status_code == 401, "no token, no access"
    engine = sa.create_engine(cli_env["DATABASE_URL"])
    try:
        with engine.connect() as conn:
            stored = conn.scalar(sa.text("SELECT token_hash FROM api_token"))
            uploader = conn.scalar(sa.text("SELECT uploaded_by FROM upload"))
    finally:
        engine.dispose()
    assert token not in stored and len(stored) == 64, "only the SHA-256 is stored"
    assert uploader == "ada"
