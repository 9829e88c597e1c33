"""The measures registry's write side (dashboard.services.measures) and its CLI.

Every rule an admin meets when defining a measure, with its Latvian and English message; the audit
row and the data revision of each change; the locks that stored figures put on a measure's code,
unit and kind (names and definitions stay editable); and that an upload may use a measure as soon
as an admin has added it. The figures uploaded here are made up, for the validation logic only.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from support import data_fingerprint
from werkzeug.exceptions import Forbidden

from dashboard import queries
from dashboard.cli import main
from dashboard.db import models as m
from dashboard.db.seed import read_csv
from dashboard.services import (
    Actor,
    FieldError,
    ServiceError,
    add_measure,
    delete_measure,
    publish_upload,
    stage_upload,
    update_measure,
)
from dashboard.services.measures import KINDS, MEASURE_FIELDS, UNITS, DuplicateCode, FieldLocked

ADMIN = Actor("ada", "admin")
STAFF = Actor("sam", "staff")
SEED_DIR = Path(__file__).resolve().parents[2] / "data" / "seed"

# A made-up measure, for the registry's logic only.
NEW = {
    "code": "test_people_advised",
    "name_lv": "Konsultētie cilvēki (tests)",
    "name_en": "People advised (test)",
    "unit_code": "persons",
    "kind": "flow",
    "definition_lv": "Testa rādītājs: cilvēki, kurus koordinators konsultējis periodā.",
    "definition_en": "A test measure: people a coordinator advised in the period.",
}


@pytest.fixture
def ctx(app: Any, mutable_db: Any) -> Any:
    """An app context on the shared database; measures added here are removed afterwards."""
    with app.server.app_context():
        yield mutable_db


def _audit(db: Any) -> list[m.AuditLog]:
    with db.session() as session:
        rows = list(session.scalars(sa.select(m.AuditLog).order_by(m.AuditLog.id)))
        session.expunge_all()
        return rows


def _revision(db: Any) -> int:
    with db.session() as session:
        return session.scalar(sa.select(m.Revision.value).where(m.Revision.id == 1))


def _metric(db: Any, code: str) -> m.Metric | None:
    with db.session() as session:
        metric = session.scalar(sa.select(m.Metric).where(m.Metric.code == code))
        if metric is not None:
            session.expunge(metric)
        return metric


def _upload_csv(code: str, period: str = "2025-Q3", region: str = "Kurzeme") -> bytes:
    """A long-layout file with one made-up figure of ``code`` for one planning region."""
    return f"period,region,metric,value\n{period},{region},{code},12\n".encode()


def _publish(code: str) -> int:
    upload, report = stage_upload(ADMIN, _upload_csv(code), "measure.csv")
    assert report.ok, [e.message_en for e in report.errors]
    return publish_upload(ADMIN, upload.id).number


# --- The vocabulary ------------------------------------------------------------------------------


def test_the_unit_vocabulary_covers_the_seed_with_the_same_words():
    for row in read_csv(SEED_DIR / "metrics.csv"):
        assert row["unit_code"] in UNITS, row["code"]
        assert UNITS[row["unit_code"]] == (row["unit_lv"], row["unit_en"]), row["code"]
        if "kind" in row:
            assert row["kind"] in KINDS, row["code"]


def test_the_unit_vocabulary_is_the_closed_list_of_the_registry():
    """data/seed/MEASURES.md: grants awarded count projects, clients served count persons."""
    assert set(UNITS) == {
        "families",
        "persons",
        "offers",
        "applications",
        "projects",
        "eur",
        "municipalities",
    }
    assert all(lv and en for lv, en in UNITS.values())
    assert set(KINDS) == {"flow", "stock", "target"}


# --- Adding --------------------------------------------------------------------------------------


def test_staff_may_not_add_edit_or_delete(ctx):
    before = data_fingerprint(ctx)
    for call in (
        lambda: add_measure(STAFF, NEW),
        lambda: update_measure(STAFF, "families_returned", {"name_en": "X"}),
        lambda: delete_measure(STAFF, "families_returned"),
    ):
        with pytest.raises(Forbidden):
            call()
    assert data_fingerprint(ctx) == before


def test_adding_a_measure_stores_audits_and_expires_the_caches(ctx):
    assert NEW["code"] not in {x["code"] for x in queries.metrics()}  # now cached
    revision = _revision(ctx)
    assert add_measure(ADMIN, {**NEW, "name_en": "  People advised (test)  "}) == NEW["code"]
    assert _revision(ctx) == revision + 1
    listed = next(x for x in queries.metrics() if x["code"] == NEW["code"])
    assert {f: listed[f] for f in MEASURE_FIELDS} == NEW, "stored trimmed, served fresh"
    assert (listed["unit_lv"], listed["unit_en"]) == ("cilvēki", "persons")
    assert listed["sort_order"] > max(x["sort_order"] for x in queries.metrics()[:-1])
    entry = _audit(ctx)[-1]
    assert (entry.actor, entry.action, entry.target, entry.outcome) == (
        "ada",
        "add_measure",
        NEW["code"],
        "ok",
    )
    assert entry.detail == {"old": None, "new": NEW}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("code", ""),
        ("code", None),
        ("code", "People_returned"),
        ("code", "1st_measure"),
        ("code", "_private"),
        ("code", "people-returned"),
        ("code", "people returned"),
        ("code", "cilvēki"),
        ("code", "a" * 65),
        ("code", ["people"]),
        ("name_lv", ""),
        ("name_lv", "   "),
        ("name_lv", "x" * 201),
        ("name_en", None),
        ("name_en", "Two\nlines"),
        ("unit_code", ""),
        ("unit_code", "euro"),
        ("unit_code", "Persons"),
        ("kind", ""),
        ("kind", "cumulative"),
        ("kind", "Flow"),
        ("definition_lv", ""),
        ("definition_en", None),
        ("definition_en", "x" * 4001),
        ("definition_lv", "a\x00b"),
    ],
)
def test_each_bad_field_is_refused_with_its_message_in_both_languages(ctx, field, value):
    before = data_fingerprint(ctx)
    with pytest.raises(FieldError) as excinfo:
        add_measure(ADMIN, {**NEW, field: value})
    error = excinfo.value
    assert (error.field, error.code) == (field, "invalid_field")
    assert error.message_lv and error.message_en and error.message_lv != error.message_en
    assert [e["field"] for e in error.extra["errors"]] == [field]
    assert data_fingerprint(ctx) == before
    entry = _audit(ctx)[-1]
    assert (entry.action, entry.outcome, entry.detail["fields"]) == (
        "add_measure",
        "refused",
        [field],
    )


def test_every_bad_field_is_reported_at_once_in_form_order(ctx):
    with pytest.raises(FieldError) as excinfo:
        add_measure(
            ADMIN, {**NEW, "kind": "sometimes", "code": "Bad Code", "name_en": "", "extra": "x"}
        )
    assert [e["field"] for e in excinfo.value.extra["errors"]] == [
        "extra",
        "code",
        "name_en",
        "kind",
    ]
    assert "extra" in excinfo.value.message_en


def test_a_taken_code_is_a_duplicate(ctx):
    add_measure(ADMIN, NEW)
    before = data_fingerprint(ctx)
    for call in (
        lambda: add_measure(ADMIN, {**NEW, "code": "people_returned"}),
        lambda: add_measure(ADMIN, NEW),
        lambda: update_measure(ADMIN, NEW["code"], {"code": "families_returned"}),
    ):
        with pytest.raises(DuplicateCode) as excinfo:
            call()
        assert (excinfo.value.field, excinfo.value.code) == ("code", "duplicate")
        assert "already exists" in excinfo.value.message_en
        assert "jau ir" in excinfo.value.message_lv
    assert data_fingerprint(ctx) == before


def test_admins_adding_the_same_code_at_once_get_one_measure(app, ctx):
    """Each checks the code is free, then inserts: serialised, so one is added and the others are
    told the code is taken (never a database error)."""
    barrier = threading.Barrier(3)
    outcomes: list[str] = []

    def add() -> None:
        with app.server.app_context():
            barrier.wait(timeout=10)
            try:
                outcomes.append(add_measure(ADMIN, NEW))
            except ServiceError as exc:
                outcomes.append(exc.code)
            except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong
                outcomes.append(repr(exc))

    threads = [threading.Thread(target=add) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["duplicate", "duplicate", NEW["code"]]


# --- Editing -------------------------------------------------------------------------------------


def test_a_measure_without_figures_can_change_anything(ctx):
    add_measure(ADMIN, NEW)
    changes = {
        "code": "test_people_advised_2",
        "unit_code": "families",
        "kind": "stock",
        "name_en": "Families advised (test)",
    }
    revision = _revision(ctx)
    assert update_measure(ADMIN, NEW["code"], changes) == "test_people_advised_2"
    assert _revision(ctx) == revision + 1
    assert _metric(ctx, NEW["code"]) is None
    metric = _metric(ctx, "test_people_advised_2")
    assert (metric.unit_code, metric.unit_lv, metric.unit_en, metric.kind) == (
        "families",
        "ģimenes",
        "families",
        "stock",
    )
    assert metric.name_lv == NEW["name_lv"], "fields not sent stay as they were"
    entry = _audit(ctx)[-1]
    assert (entry.action, entry.target, entry.outcome) == ("update_measure", NEW["code"], "ok")
    assert entry.detail["old"] == NEW
    assert entry.detail["new"] == {**NEW, **changes}


def test_figures_lock_code_unit_and_kind_but_not_names_or_definitions(ctx):
    add_measure(ADMIN, NEW)
    _publish(NEW["code"])
    before = data_fingerprint(ctx)
    for field, value, en, lv in (
        ("code", "test_renamed", "its code cannot change", "kodu nevar mainīt"),
        ("unit_code", "families", "its unit (persons) cannot change", "mērvienību (cilvēki)"),
        ("kind", "stock", "its kind (flow: counted", "veidu (plūsma"),
    ):
        with pytest.raises(FieldLocked) as excinfo:
            update_measure(ADMIN, NEW["code"], {field: value})
        error = excinfo.value
        assert (error.field, error.code) == (field, "locked")
        assert en in error.message_en and lv in error.message_lv, error.message_lv
    with pytest.raises(ServiceError) as excinfo:
        delete_measure(ADMIN, NEW["code"])
    assert excinfo.value.code == "in_use"
    assert data_fingerprint(ctx) == before
    refused = [a for a in _audit(ctx) if a.outcome == "refused"]
    assert [(a.action, a.detail["error"]) for a in refused[-4:]] == [
        ("update_measure", "locked"),
        ("update_measure", "locked"),
        ("update_measure", "locked"),
        ("delete_measure", "in_use"),
    ]
    edits = {"name_lv": "Konsultētās personas", "definition_en": "People advised, counted."}
    assert update_measure(ADMIN, NEW["code"], {**NEW, **edits}) == NEW["code"]
    metric = _metric(ctx, NEW["code"])
    assert (metric.name_lv, metric.definition_en) == tuple(edits.values())


def test_a_seed_measure_with_figures_keeps_its_code_and_unit(ctx):
    before = data_fingerprint(ctx)
    with pytest.raises(FieldLocked):
        update_measure(ADMIN, "families_returned", {"code": "families_back"})
    with pytest.raises(FieldLocked):
        update_measure(ADMIN, "people_returned", {"unit_code": "families"})
    assert data_fingerprint(ctx) == before


def test_editing_an_unknown_measure_is_not_found(ctx):
    for call in (
        lambda: update_measure(ADMIN, "no_such_measure", {"name_en": "X"}),
        lambda: delete_measure(ADMIN, "no_such_measure"),
    ):
        with pytest.raises(ServiceError) as excinfo:
            call()
        assert excinfo.value.code == "not_found"
        assert "no_such_measure" in excinfo.value.message_lv


def test_a_stored_unit_outside_the_vocabulary_may_stay(ctx):
    """A measure stored before the vocabulary (or by a later seed) keeps its unit when its names
    are edited; it cannot be given a unit outside the list."""
    with ctx.session() as session:
        session.add(
            m.Metric(
                **{**NEW, "unit_code": "households"},
                unit_lv="mājsaimniecības",
                unit_en="households",
                sort_order=99,
            )
        )
    update_measure(ADMIN, NEW["code"], {**NEW, "unit_code": "households", "name_en": "Renamed"})
    metric = _metric(ctx, NEW["code"])
    assert (metric.unit_code, metric.unit_en, metric.name_en) == (
        "households",
        "households",
        "Renamed",
    )
    with pytest.raises(FieldError):
        add_measure(ADMIN, {**NEW, "code": "test_other", "unit_code": "households"})


def test_a_measure_without_figures_can_be_deleted(ctx):
    add_measure(ADMIN, NEW)
    delete_measure(ADMIN, NEW["code"])
    assert _metric(ctx, NEW["code"]) is None
    entry = _audit(ctx)[-1]
    assert (entry.action, entry.outcome, entry.detail) == (
        "delete_measure",
        "ok",
        {"old": NEW, "new": None},
    )


# --- Uploads use the registry --------------------------------------------------------------------


def test_an_upload_may_use_a_measure_once_an_admin_has_added_it(ctx):
    data = _upload_csv(NEW["code"])
    _, report = stage_upload(ADMIN, data, "early.csv", store_invalid=False)
    assert not report.ok, "an unknown measure is refused"
    add_measure(ADMIN, NEW)
    upload, report = stage_upload(ADMIN, data, "measure.csv")
    assert report.ok, [e.message_en for e in report.errors]
    assert [(r.metric, r.value) for r in report.rows] == [(NEW["code"], 12)]
    release = publish_upload(ADMIN, upload.id)
    assert queries.metric_figures()[NEW["code"]] == 1
    assert release.number >= 2


# --- The CLI -------------------------------------------------------------------------------------


@pytest.fixture
def cli(database_url: str, tmp_path: Path, mutable_db: Any, monkeypatch: Any) -> CliRunner:
    """The ``remigration`` command on the shared test database (restored afterwards)."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "test")
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    return CliRunner()


def _cli_add_args(fields: dict[str, str]) -> list[str]:
    return [
        "measures",
        "add",
        fields["code"],
        "--name-lv",
        fields["name_lv"],
        "--name-en",
        fields["name_en"],
        "--unit",
        fields["unit_code"],
        "--kind",
        fields["kind"],
        "--definition-lv",
        fields["definition_lv"],
        "--definition-en",
        fields["definition_en"],
    ]


def test_cli_adds_edits_lists_and_deletes_a_measure(cli, mutable_db):
    result = cli.invoke(main, _cli_add_args(NEW))
    assert result.exit_code == 0, result.output
    assert f"Added measure {NEW['code']}." in result.output
    result = cli.invoke(main, ["measures", "edit", NEW["code"], "--name-en", "Advised (test)"])
    assert result.exit_code == 0, result.output
    metric = _metric(mutable_db, NEW["code"])
    assert (metric.name_en, metric.name_lv) == ("Advised (test)", NEW["name_lv"])
    result = cli.invoke(main, ["measures", "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["code", "unit", "kind", "figures", "name"]
    assert any(
        line.split()[:4] == [NEW["code"], "persons", "flow", "0"]
        and line.endswith("Advised (test)")
        for line in lines
    ), result.output
    assert any(line.split()[:2] == ["families_returned", "families"] for line in lines)
    actions = [(a.actor, a.action, a.outcome) for a in _audit(mutable_db)]
    assert actions[-2:] == [("cli", "add_measure", "ok"), ("cli", "update_measure", "ok")]
    result = cli.invoke(main, ["measures", "delete", NEW["code"]])
    assert result.exit_code == 0, result.output
    assert _metric(mutable_db, NEW["code"]) is None


def test_cli_refusals_print_every_field_and_exit_1(cli, mutable_db):
    before = data_fingerprint(mutable_db)
    result = cli.invoke(main, _cli_add_args({**NEW, "code": "Bad", "unit_code": "euro"}))
    assert result.exit_code == 1
    assert "error: code: " in result.output and "error: unit_code: " in result.output
    assert "families, persons, offers" in result.output
    assert "Nothing was changed." in result.output
    result = cli.invoke(main, [*_cli_add_args({**NEW, "kind": "cumulative"}), "--lang", "lv"])
    assert result.exit_code == 1 and "error: kind: " in result.output
    assert "“Veids”" in result.output, result.output
    result = cli.invoke(main, ["measures", "edit", "families_returned", "--unit", "persons"])
    assert result.exit_code == 1 and "cannot change" in result.output
    result = cli.invoke(main, ["measures", "edit", "families_returned"])
    assert result.exit_code == 2, "nothing to change is a usage error"
    assert data_fingerprint(mutable_db) == before


def test_cli_help_lists_every_unit_and_kind():
    result = CliRunner().invoke(main, ["measures", "add", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert all(unit in text for unit in UNITS), text
    assert all(kind in text for kind in KINDS), text
