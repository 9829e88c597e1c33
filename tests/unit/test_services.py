"""The write side (dashboard.services): roles, all-or-nothing publishing, release numbering,
concurrent publishers (real threads, on SQLite and on PostgreSQL), lost races as clean refusals,
directory/funding editing with validation and audit, and readers' reports.

Every test here changes the shared database through ``mutable_db`` (restored afterwards) and runs
inside an app context, as the admin page, the admin API and the CLI do.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
import sqlalchemy as sa
from support import data_fingerprint, quarter_csv
from werkzeug.exceptions import Forbidden

from dashboard import queries
from dashboard import services as svc
from dashboard.db import models as m
from dashboard.i18n import t
from dashboard.services import (
    Actor,
    FieldError,
    ServiceError,
    publish_upload,
    rollback_release,
    save_contact,
    save_funding,
    set_contact_state,
    stage_upload,
)
from dashboard.services import base as svc_base
from dashboard.services import fields as svc_fields
from dashboard.services import release_rows as svc_release_rows

ADMIN = Actor("ada", "admin")
STAFF = Actor("sam", "staff")


@pytest.fixture
def ctx(app: Any, mutable_db: Any) -> Any:
    """An app context on the shared database, restored to the seed afterwards."""
    with app.server.app_context():
        yield mutable_db


def _audit(db: Any) -> list[tuple[str, str, str | None, str]]:
    with db.session() as session:
        rows = session.scalars(sa.select(m.AuditLog).order_by(m.AuditLog.id))
        return [(a.actor, a.action, a.target, a.outcome) for a in rows]


def _upload(db: Any, upload_id: int) -> m.Upload:
    with db.session() as session:
        upload = session.get(m.Upload, upload_id)
        session.expunge(upload)
        return upload


# --- Roles ---------------------------------------------------------------------------------------


def test_actor_require():
    ADMIN.require("admin")
    ADMIN.require("staff")
    STAFF.require("staff")
    with pytest.raises(Forbidden):
        STAFF.require("admin")


def test_staff_can_change_nothing(ctx):
    upload, _ = stage_upload(ADMIN, quarter_csv(), "q.csv")
    before = data_fingerprint(ctx)
    calls = [
        lambda: stage_upload(STAFF, quarter_csv("2025-Q2"), "q2.csv"),
        lambda: publish_upload(STAFF, upload.id),
        lambda: rollback_release(STAFF, 1),
        lambda: save_contact(STAFF, None, {"name": "X", "organisation": "Y"}),
        lambda: set_contact_state(STAFF, "olga-tolmacova", active=False),
        lambda: save_funding(STAFF, "daugavpils-pilot", {"title_lv": "a", "title_en": "b"}),
    ]
    for call in calls:
        with pytest.raises(Forbidden):
            call()
    assert data_fingerprint(ctx) == before
    assert _upload(ctx, upload.id).status == "valid"


# --- Publishing ----------------------------------------------------------------------------------


def test_publish_is_all_or_nothing(ctx, monkeypatch):
    """A failure half-way through (after some observations were added) leaves no trace."""
    upload, report = stage_upload(ADMIN, quarter_csv(), "q.csv")
    assert report.ok
    before = data_fingerprint(ctx)
    original = svc_release_rows._source_for
    calls = {"n": 0}

    def flaky_source_for(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 6:
            raise RuntimeError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(svc_release_rows, "_source_for", flaky_source_for)
    with pytest.raises(RuntimeError, match="disk full"):
        publish_upload(ADMIN, upload.id)
    assert calls["n"] == 6, "the failure came after five observations had been added"
    after = data_fingerprint(ctx)
    assert after == before, "no release, no observation, no period, no revision bump"
    assert after["counts"]["release"] == 1 and after["counts"]["observation"] == 45
    assert _upload(ctx, upload.id).status == "valid"
    assert _upload(ctx, upload.id).release_id is None

    monkeypatch.setattr(svc_release_rows, "_source_for", original)
    assert publish_upload(ADMIN, upload.id).number == 2, "the same upload publishes afterwards"


def test_sequential_publishes_get_consecutive_numbers(ctx):
    first, _ = stage_upload(ADMIN, quarter_csv("2025-Q1"), "q1.csv")
    second, _ = stage_upload(ADMIN, quarter_csv("2025-Q2"), "q2.csv")
    assert publish_upload(ADMIN, first.id).number == 2
    assert publish_upload(ADMIN, second.id).number == 3
    assert rollback_release(ADMIN, 3).number == 3
    third, _ = stage_upload(ADMIN, quarter_csv("2025-Q3"), "q3.csv")
    assert publish_upload(ADMIN, third.id).number == 4, "numbers are never reused"
    with ctx.session() as session:
        releases = session.execute(
            sa.select(m.Release.number, m.Release.status).order_by(m.Release.number)
        ).all()
    assert releases == [(1, "published"), (2, "published"), (3, "rolled_back"), (4, "published")]


def test_publishing_an_already_published_upload_is_refused(ctx):
    upload, _ = stage_upload(ADMIN, quarter_csv(), "q.csv")
    publish_upload(ADMIN, upload.id)
    with pytest.raises(ServiceError) as excinfo:
        publish_upload(ADMIN, upload.id)
    assert excinfo.value.code == "already_published"
    with pytest.raises(ServiceError) as missing:
        publish_upload(ADMIN, 987654)
    assert missing.value.code == "not_found"


@pytest.mark.parametrize("number", [2**31, 2**63, 2**64 + 1, 10**400, -(2**31) - 1, -(2**63)])
def test_ids_beyond_the_database_integer_range_are_not_found(ctx, number):
    """An id no integer column can hold names no row: "not found", not a database error."""
    before = data_fingerprint(ctx)
    for call in (
        lambda: publish_upload(ADMIN, number),
        lambda: rollback_release(ADMIN, number),
        lambda: svc.resolve_data_report(ADMIN, number, "a note"),
    ):
        with pytest.raises(ServiceError) as excinfo:
            call()
        assert excinfo.value.code == "not_found"
    assert data_fingerprint(ctx) == before


def test_publish_revalidates_against_data_published_since_staging(ctx):
    """Two admins stage files for the same quarter; the second publish must not double it."""
    first, _ = stage_upload(ADMIN, quarter_csv(), "a.csv")
    second, report = stage_upload(ADMIN, quarter_csv(scale=2), "b.csv")
    assert report.ok, "nothing was published yet when b.csv was staged"
    publish_upload(ADMIN, first.id)
    before = data_fingerprint(ctx)
    with pytest.raises(ServiceError) as excinfo:
        publish_upload(ADMIN, second.id)
    assert excinfo.value.code == "invalid"
    assert data_fingerprint(ctx) == before


def test_stage_upload_of_an_invalid_file(ctx):
    before = data_fingerprint(ctx)
    upload, report = stage_upload(ADMIN, quarter_csv(bad_region_row=3), "bad.csv")
    assert not report.ok and upload is not None and upload.status == "invalid"
    none, _ = stage_upload(ADMIN, quarter_csv(bad_region_row=3), "bad.csv", store_invalid=False)
    assert none is None
    after = data_fingerprint(ctx)
    assert after["counts"]["upload"] == before["counts"]["upload"] + 1
    assert after["observations"] == before["observations"]
    assert [a for a in _audit(ctx) if a[1] == "upload"] == [
        ("ada", "upload", "bad.csv", "refused"),
        ("ada", "upload", "bad.csv", "refused"),
    ]


def test_concurrent_publishers_cannot_both_publish(app, ctx):
    """Row lock on PostgreSQL, BEGIN IMMEDIATE on SQLite: the second sees the first's result."""
    upload, _ = stage_upload(ADMIN, quarter_csv(), "q.csv")
    barrier = threading.Barrier(2)
    outcomes: list[Any] = []

    def publish() -> None:
        with app.server.app_context():
            barrier.wait(timeout=10)
            try:
                outcomes.append(publish_upload(ADMIN, upload.id).number)
            except ServiceError as exc:
                outcomes.append(exc.code)

    threads = [threading.Thread(target=publish) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes, key=str) == [2, "already_published"]
    with ctx.session() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(m.Release)) == 2
        assert session.scalar(sa.select(sa.func.count()).select_from(m.Observation)) == 60


def test_concurrent_publishers_of_different_uploads_get_distinct_numbers(app, ctx):
    uploads = [stage_upload(ADMIN, quarter_csv(q), f"{q}.csv")[0] for q in ("2025-Q1", "2025-Q2")]
    barrier = threading.Barrier(2)
    numbers: list[int] = []

    def publish(upload_id: int) -> None:
        with app.server.app_context():
            barrier.wait(timeout=10)
            numbers.append(publish_upload(ADMIN, upload_id).number)

    threads = [threading.Thread(target=publish, args=(u.id,)) for u in uploads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(numbers) == [2, 3]


class _DriverError(Exception):
    """Stands in for a driver exception: psycopg's carry the SQLSTATE, sqlite3's only a text."""

    def __init__(self, text: str, sqlstate: str | None = None) -> None:
        super().__init__(text)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (sa.exc.IntegrityError("INSERT", {}, _DriverError("dup", "23505")), "conflict"),
        (
            sa.exc.IntegrityError("INSERT", {}, _DriverError("UNIQUE constraint failed: x")),
            "conflict",
        ),
        (sa.exc.OperationalError("UPDATE", {}, _DriverError("deadlock", "40P01")), "conflict"),
        (sa.exc.OperationalError("UPDATE", {}, _DriverError("serialize", "40001")), "conflict"),
        (sa.exc.OperationalError("SELECT", {}, _DriverError("lock timeout", "55P03")), "conflict"),
        (sa.exc.OperationalError("BEGIN", {}, _DriverError("database is locked")), "busy"),
        # Not contention: an outage must reach the outage handler (503), a bug must surface.
        (sa.exc.OperationalError("SELECT", {}, _DriverError("connection refused", "08006")), None),
        (sa.exc.OperationalError("SELECT", {}, _DriverError("unable to open database file")), None),
        (sa.exc.IntegrityError("INSERT", {}, _DriverError("check violated", "23514")), None),
        (sa.exc.IntegrityError("INSERT", {}, _DriverError("NOT NULL constraint failed: x")), None),
    ],
)
def test_which_database_errors_are_a_lost_race(error, kind):
    assert svc_base.lost_race(error) == kind
    if kind is None:
        with pytest.raises(type(error)), svc_base.contention_as_conflict():
            raise error
    else:
        with pytest.raises(ServiceError) as excinfo, svc_base.contention_as_conflict():
            raise error
        assert excinfo.value.code == kind
        assert excinfo.value.message_lv and excinfo.value.message_en


def test_a_real_unique_violation_at_commit_is_a_conflict(ctx):
    """What a publisher that lost the race for a release number gets, on either database."""
    before = data_fingerprint(ctx)
    with (
        pytest.raises(ServiceError) as excinfo,
        svc_base.contention_as_conflict(),
        ctx.session(write=True) as session,
    ):
        session.add(m.Release(number=1, status="published", description="duplicate"))
    assert excinfo.value.code == "conflict"
    assert "Another administrator" in excinfo.value.message_en
    assert "Cits administrators" in excinfo.value.message_lv
    assert data_fingerprint(ctx) == before


# --- Contacts ------------------------------------------------------------------------------------

VALID_CONTACT = {
    "name": "Anna Bērziņa",
    "role_lv": "Remigrācijas koordinatore",
    "role_en": "Remigration coordinator",
    "organisation": "Vidzemes plānošanas reģions",
    "email": "anna.berzina@example.lv",
    "phone": "2612 3456",
    "region": "vidzeme",
    "municipality": "",
    "active": True,
}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "anna.berzina.example.lv"),
        ("email", "anna@@example.lv"),
        ("phone", "12345"),
        ("phone", "+371 123"),
        ("phone", "+371 2612\x003456"),
        ("name", ""),
        ("name", "Anna\rEMAIL:evil@example.com"),
        ("name", "Anna\nBērziņa"),
        ("name", "Anna\tBērziņa"),
        ("name", "Anna\x00"),
        ("name", "\ud800"),
        ("name", ["Anna"]),
        ("role_lv", "\x1b[31mKoordinatore"),
        ("organisation", "Dome\x7f"),
        ("organisation", "Do\x85me"),
        ("note", "see\x00this"),
        ("note", "line\rfeed"),
        ("email", "a" * 250 + "@example.lv"),
        ("email", {"address": "anna@example.lv"}),
        ("region", "atlantida"),
        ("region", "vidzeme\x00"),
        ("region", ["vidzeme"]),
        ("municipality", "LV-" + "0" * 100),
    ],
)
def test_save_contact_rejects_bad_fields(ctx, field, value):
    before = data_fingerprint(ctx)
    with pytest.raises(FieldError) as excinfo:
        save_contact(ADMIN, None, {**VALID_CONTACT, field: value})
    assert excinfo.value.field == field
    assert excinfo.value.message_lv and excinfo.value.message_en
    assert excinfo.value.to_dict()["field"] == field
    assert data_fingerprint(ctx) == before
    assert _audit(ctx)[-1] == ("ada", "contact.save", None, "refused")


@pytest.mark.parametrize(
    ("field", "value", "lv", "en"),
    [
        ("name", "Anna\rX", "vienā rindiņā", "must be a single line"),
        ("note", "a\x00b", "vadības rakstzīme (U+0000)", "control character that is not allowed"),
        ("name", ["x"], "jābūt tekstam", "must be text"),
        ("organisation", "", "ir obligāts", "is required"),
    ],
)
def test_field_messages_name_the_field_in_both_languages(ctx, field, value, lv, en):
    with pytest.raises(FieldError) as excinfo:
        save_contact(ADMIN, None, {**VALID_CONTACT, field: value})
    label = svc_fields.FIELD_LABELS[field]
    label_lv, label_en = t(label, "lv"), t(label, "en")
    assert lv in excinfo.value.message_lv and f"“{label_lv}”" in excinfo.value.message_lv
    assert en in excinfo.value.message_en and f"“{label_en}”" in excinfo.value.message_en


def test_text_is_stored_as_given_without_an_html_filter(ctx):
    """Markup is text like any other: stored (trimmed) as typed, and escaped where shown."""
    fields = {
        **VALID_CONTACT,
        "name": "  <img src=x onerror=alert(1)> Anna &amp; <b>Bērziņa</b>  ",
        "organisation": "A & B <Dome>",
        "note": "First line\n\tindented <script>alert(1)</script>",
    }
    code = save_contact(ADMIN, None, fields)
    with ctx.session() as session:
        contact = session.scalar(sa.select(m.Contact).where(m.Contact.code == code))
        assert contact.name == "<img src=x onerror=alert(1)> Anna &amp; <b>Bērziņa</b>"
        assert contact.organisation == "A & B <Dome>"
        assert contact.note == "First line\n\tindented <script>alert(1)</script>"


def test_save_contact_creates_normalises_and_audits(ctx):
    code = save_contact(ADMIN, None, VALID_CONTACT)
    assert code == "anna-berzina"
    contact = next(c for c in queries.contacts(active_only=True) if c["code"] == code)
    assert contact["phone"] == "+37126123456"
    assert contact["email"] == "anna.berzina@example.lv"
    assert contact["region"]["code"] == "vidzeme"
    assert _audit(ctx)[-1] == ("ada", "contact.save", code, "ok")
    assert save_contact(ADMIN, None, VALID_CONTACT) == "anna-berzina-2", "codes stay unique"

    save_contact(ADMIN, code, {**VALID_CONTACT, "phone": "+44 20 7946 0958"})
    contact = next(c for c in queries.contacts(active_only=False) if c["code"] == code)
    assert contact["phone"] == "+442079460958"
    with ctx.session() as session:
        entry = session.scalars(sa.select(m.AuditLog).order_by(m.AuditLog.id.desc())).first()
    assert entry.detail["before"]["phone"] == "+37126123456"
    assert entry.detail["after"]["phone"] == "+442079460958"


def test_admins_adding_the_same_person_at_once_get_distinct_codes(app, ctx):
    """Each checks which codes are taken, then inserts: serialised, not a unique violation."""
    barrier = threading.Barrier(4)
    outcomes: list[Any] = []

    def add() -> None:
        with app.server.app_context():
            barrier.wait(timeout=10)
            try:
                outcomes.append(save_contact(ADMIN, None, VALID_CONTACT))
            except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong
                outcomes.append(repr(exc))

    threads = [threading.Thread(target=add) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == [
        "anna-berzina",
        "anna-berzina-2",
        "anna-berzina-3",
        "anna-berzina-4",
    ]


def test_save_contact_of_an_unknown_code(ctx):
    with pytest.raises(ServiceError) as excinfo:
        save_contact(ADMIN, "nobody", VALID_CONTACT)
    assert excinfo.value.code == "not_found"


def test_deactivating_a_contact_hides_it(ctx):
    code = "olga-tolmacova"
    assert code in {c["code"] for c in queries.contacts(active_only=True)}
    set_contact_state(ADMIN, code, active=False)
    assert code not in {c["code"] for c in queries.contacts(active_only=True)}
    assert code in {c["code"] for c in queries.contacts(active_only=False)}
    assert _audit(ctx)[-1] == ("ada", "contact.active", code, "ok")
    set_contact_state(ADMIN, code, verified_on=dt.date(2026, 1, 2))
    contact = next(c for c in queries.contacts(active_only=False) if c["code"] == code)
    assert contact["verified_on"] == dt.date(2026, 1, 2)
    assert _audit(ctx)[-1] == ("ada", "contact.verify", code, "ok")


# --- Funding -------------------------------------------------------------------------------------


def _funding_fields(code: str, db: Any, **changes: Any) -> dict[str, Any]:
    with db.session() as session:
        row = session.scalar(sa.select(m.Funding).where(m.Funding.code == code))
        fields = {
            "title_lv": row.title_lv,
            "title_en": row.title_en,
            "note": row.note,
            "amount_eur": row.amount_eur,
            "share_pct": row.share_pct,
        }
    return {**fields, **changes}


def test_save_funding_rejects_shares_not_adding_to_100(ctx):
    before = data_fingerprint(ctx)
    fields = _funding_fields("daugavpils-pilot-state", ctx, share_pct="60")
    with pytest.raises(FieldError) as excinfo:
        save_funding(ADMIN, "daugavpils-pilot-state", fields)
    assert excinfo.value.field == "share_pct"
    assert "90" in excinfo.value.message_en and "100" in excinfo.value.message_en
    assert data_fingerprint(ctx) == before
    assert _audit(ctx)[-1] == ("ada", "funding.save", "daugavpils-pilot-state", "refused")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("share_pct", "101"),
        ("share_pct", "-1"),
        ("share_pct", "-0"),
        ("share_pct", "NaN"),
        ("share_pct", "1e2000"),
        ("share_pct", "33.333"),
        ("amount_eur", "abc"),
        ("amount_eur", "1e400"),
        ("amount_eur", "1e999999999999999999999"),
        ("amount_eur", "-1e-999999999"),
        ("amount_eur", "NaN"),
        ("amount_eur", "sNaN"),
        ("amount_eur", "Infinity"),
        ("amount_eur", float("inf")),
        ("amount_eur", "-0"),
        ("amount_eur", "-0.00"),
        ("amount_eur", "1000000000000"),
        ("amount_eur", "9" * 5000),
        ("amount_eur", "0.001"),
        ("amount_eur", True),
        ("amount_eur", ["1"]),
        ("title_en", "Title\nsecond line"),
        ("title_lv", "Nosaukums\x00"),
        ("note", "page\x0cbreak"),
    ],
)
def test_save_funding_rejects_bad_values(ctx, field, value):
    before = data_fingerprint(ctx)
    with pytest.raises(FieldError) as excinfo:
        save_funding(
            ADMIN,
            "daugavpils-pilot-state",
            _funding_fields("daugavpils-pilot-state", ctx, **{field: value}),
        )
    assert excinfo.value.field == field
    assert excinfo.value.message_lv and excinfo.value.message_en
    assert excinfo.value.message_lv != excinfo.value.message_en
    assert data_fingerprint(ctx) == before


@pytest.mark.parametrize(
    ("value", "lv", "en"),
    [
        ("1e400", "no 0 līdz 999999999999.99", "between 0 and 999999999999.99"),
        ("-0", "no 0 līdz", "between 0 and"),
        ("NaN", "jābūt skaitlim", "must be a number"),
        ("0.005", "divi cipari aiz komata", "two decimal places"),
    ],
)
def test_amount_messages_say_what_is_wrong(ctx, value, lv, en):
    fields = _funding_fields("daugavpils-pilot", ctx, amount_eur=value)
    with pytest.raises(FieldError) as excinfo:
        save_funding(ADMIN, "daugavpils-pilot", fields)
    assert lv in excinfo.value.message_lv and "“Summa, EUR”" in excinfo.value.message_lv
    assert en in excinfo.value.message_en and "“Amount, EUR”" in excinfo.value.message_en


def test_the_largest_amount_the_column_holds_is_saved(ctx):
    """999 999 999 999,99 fits Numeric(14, 2) on both databases; one cent more is refused."""
    fields = _funding_fields("daugavpils-pilot", ctx, amount_eur="999 999 999 999,99")
    save_funding(ADMIN, "daugavpils-pilot", fields)
    row = next(r for r in queries.funding() if r["code"] == "daugavpils-pilot")
    assert str(row["amount_eur"]) == "999999999999.99"
    with pytest.raises(FieldError):
        save_funding(ADMIN, "daugavpils-pilot", {**fields, "amount_eur": "1 000 000 000 000,00"})


def test_funding_text_is_stored_as_given(ctx):
    fields = _funding_fields(
        "daugavpils-pilot", ctx, title_en=" <a href='https://evil.example'>State</a> & co "
    )
    save_funding(ADMIN, "daugavpils-pilot", fields)
    row = next(r for r in queries.funding() if r["code"] == "daugavpils-pilot")
    assert row["title_en"] == "<a href='https://evil.example'>State</a> & co"


@pytest.mark.parametrize("code", ["nobody", "x\x00", "x" * 1000, None, 7, ["daugavpils-pilot"]])
def test_funding_and_contact_codes_that_name_nothing_are_not_found(ctx, code):
    before = data_fingerprint(ctx)
    for call in (
        lambda: save_funding(ADMIN, code, {"title_lv": "a", "title_en": "b", "amount_eur": "1"}),
        lambda: set_contact_state(ADMIN, code, active=False),
    ):
        with pytest.raises(ServiceError) as excinfo:
            call()
        assert excinfo.value.code == "not_found"
    if code is not None:
        with pytest.raises(ServiceError) as excinfo:
            save_contact(ADMIN, code, VALID_CONTACT)
        assert excinfo.value.code == "not_found"
    assert data_fingerprint(ctx) == before


def test_save_funding_saves_and_audits(ctx):
    fields = _funding_fields("daugavpils-pilot", ctx, amount_eur="10 714,30", note="Rounded")
    save_funding(ADMIN, "daugavpils-pilot", fields)
    row = next(r for r in queries.funding() if r["code"] == "daugavpils-pilot")
    assert str(row["amount_eur"]) == "10714.30"
    assert _audit(ctx)[-1] == ("ada", "funding.save", "daugavpils-pilot", "ok")


def test_a_value_back_in_effect_after_a_rollback_is_superseded_by_the_next_release(ctx):
    """Release 3 replaced release 2's quarter and was rolled back, so release 2's values are in
    effect again; release 4 replacing the quarter must supersede those, not add to them."""
    from support import quarter_values

    def publish(scale: int) -> int:
        upload, report = stage_upload(
            ADMIN, quarter_csv(scale=scale), f"q{scale}.csv", replace=True
        )
        assert report.ok, report.errors
        return publish_upload(ADMIN, upload.id, replace=True).number

    assert publish(1) == 2
    assert publish(2) == 3
    rollback_release(ADMIN, 3)
    assert publish(3) == 4

    def quarter() -> dict[tuple[str, str], int]:
        frame = queries.observations(queries.ObservationFilter(granularity="quarter"))
        frame = frame[frame["period_start"] == dt.date(2025, 7, 1)]
        return {(r.region, r.metric): int(r.value) for r in frame.itertuples()}

    assert quarter() == quarter_values(3)
    rows = queries.observation_rows(queries.ObservationFilter())
    assert (
        sorted(r["release"] for r in rows if r["period_start"] == dt.date(2025, 7, 1)) == [4] * 15
    )


@pytest.mark.parametrize(
    ("value", "region", "division"),
    [
        ("2021:LV-099", "kurzeme", "2021"),  # Tukuma novads since July 2021: Kurzeme
        ("2009:LV-099", "riga", "2009"),  # the same code in 2009–2021: Rīga planning region
        ("LV-099", "kurzeme", "2021"),  # a bare code: the unit in force today
        ("LV-JKB", "zemgale", "2009"),  # Jēkabpils city exists only in the 2009 division
    ],
)
def test_a_contacts_municipality_is_its_division_and_code(ctx, value, region, division):
    code = save_contact(ADMIN, None, {**VALID_CONTACT, "region": region, "municipality": value})
    with ctx.session() as session:
        contact = session.scalar(sa.select(m.Contact).where(m.Contact.code == code))
        assert contact.municipality.division == division
        assert contact.municipality.code == value.rpartition(":")[2]


def test_a_municipality_of_an_unknown_division_is_refused(ctx):
    before = data_fingerprint(ctx)
    with pytest.raises(FieldError) as excinfo:
        save_contact(ADMIN, None, {**VALID_CONTACT, "municipality": "1999:LV-099"})
    assert excinfo.value.field == "municipality"
    assert data_fingerprint(ctx) == before
