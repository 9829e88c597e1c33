"""The write side: every change to data goes through one of these functions.

Each takes the acting account (an :class:`Actor`) and checks its role itself, so the admin page,
the admin HTTP API and the CLI share one permission check and one audit trail. Each runs in one
database transaction: a failed or interrupted step leaves the database exactly as it was, and the
audit row is written in the same transaction as the change it records (a refused action is
audited in its own transaction). Functions that read and then write what they read use a write
session (``Database.session(write=True)``), so concurrent admins are served one after the other;
a race one of them loses anyway is a :class:`ServiceError`, never a database error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from flask import g, has_request_context
from sqlalchemy.orm import Session
from werkzeug.exceptions import Forbidden

from dashboard.audit import audit
from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.i18n import t
from dashboard.ingest import (
    Limits,
    PublishedValue,
    Reference,
    RefMetric,
    RefPeriod,
    RefRegion,
    ValidationReport,
    validate_upload,
)
from dashboard.search import fold
from dashboard.validators import is_valid_email, normalise_phone

ROLES = ("staff", "admin")
# Integer columns (ids, release numbers) are 32-bit on PostgreSQL; anything outside cannot name a
# row, and sending it to the database is an error there (and an OverflowError in sqlite3).
DB_INT_MIN, DB_INT_MAX = -(2**31), 2**31 - 1

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, an API token's owner, or the CLI operator."""

    username: str
    role: str

    def require(self, role: str) -> None:
        if ROLES.index(self.role) < ROLES.index(role):
            raise Forbidden(f"{self.username} ({self.role}) may not do this; {role} required")


class ServiceError(ValueError):
    """The request was understood but cannot be carried out; the message says why (LV / EN)."""

    def __init__(self, code: str, message_lv: str, message_en: str, **extra: Any) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_lv = message_lv
        self.message_en = message_en
        self.extra = extra

    def to_dict(self) -> dict[str, Any]:
        return {
            "error": self.code,
            "message_lv": self.message_lv,
            "message_en": self.message_en,
            **self.extra,
        }

    @classmethod
    def from_strings(cls, code: str, key: str, **values: Any) -> ServiceError:
        """An error whose LV and EN messages are the string ``key`` of dashboard.i18n."""
        return cls(code, t(key, "lv", **values), t(key, "en", **values))


def db_int(value: Any) -> int | None:
    """``value`` as an integer the database can compare with its id columns, else ``None``."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if DB_INT_MIN <= value <= DB_INT_MAX else None


_SQLSTATE_CONTENTION = {
    "40001",  # serialization_failure
    "40P01",  # deadlock_detected
    "55P03",  # lock_not_available
}


def _lost_race(exc: sa.exc.DBAPIError) -> str | None:
    """``"conflict"`` when another transaction won a race (unique row written first, deadlock,
    serialisation failure), ``"busy"`` when SQLite's write lock was not free within the busy
    timeout; ``None`` for anything else (an outage or a bug must not pass for contention)."""
    sqlstate = getattr(exc.orig, "sqlstate", None)
    text = str(exc.orig).lower()
    if isinstance(exc, sa.exc.IntegrityError):
        return "conflict" if sqlstate == "23505" or "unique constraint failed" in text else None
    if isinstance(exc, sa.exc.OperationalError):
        if sqlstate in _SQLSTATE_CONTENTION:
            return "conflict"
        if sqlstate is None and ("database is locked" in text or "database is busy" in text):
            return "busy"
    return None


@contextmanager
def _contention_as_conflict() -> Iterator[None]:
    """Turn a lost race between concurrent writers into a clean :class:`ServiceError` (HTTP 409
    through the admin API, an alert on the admin page); nothing was written by the loser."""
    try:
        yield
    except (sa.exc.IntegrityError, sa.exc.OperationalError) as exc:
        kind = _lost_race(exc)
        if kind is None:
            raise
        raise ServiceError.from_strings(kind, f"service.{kind}") from exc


def _audit_refusal(actor: str, action: str, target: str, code: str) -> None:
    """Audit a refused action in its own transaction; a database too busy to take the audit row
    must not turn the clean refusal into an error (the refusal is logged instead)."""
    try:
        audit(actor, action, target, "refused", {"error": code})
    except sa.exc.OperationalError as exc:
        if _lost_race(exc) is None:
            raise
        log.warning("audit of refused %s %s by %s not written: %s", action, target, actor, exc)


def _bump_revision(session: Session) -> None:
    """Invalidate every cached view (see queries.data_version)."""
    revision = session.get(m.Revision, 1, with_for_update=True)
    if revision is None:
        session.add(m.Revision(id=1, value=1, updated_at=m.utcnow()))
    else:
        revision.value += 1
        revision.updated_at = m.utcnow()
    if has_request_context():
        g.pop("remigration_data_version", None)


def _lock_content(session: Session) -> None:
    """Serialise writers of published content (publish, rollback, directory and funding edits):
    the revision row is locked until the transaction ends.

    On PostgreSQL this is a row lock (SELECT … FOR UPDATE); on SQLite the write session already
    holds the database's write lock (``BEGIN IMMEDIATE``). ``init-db`` creates the row with the
    seed; should it ever be missing, it is created here, and of two publishers creating it at
    once the second fails on its primary key and is answered with a clean conflict.
    """
    if session.get(m.Revision, 1, with_for_update=True) is None:
        session.add(m.Revision(id=1, value=1, updated_at=m.utcnow()))
        session.flush()


def build_reference(session: Session) -> Reference:
    """What the validator needs to know about the database: names, periods, published data."""
    regions = [
        RefRegion(r.code, r.name_lv, r.name_en, r.long_name_lv, r.long_name_en)
        for r in session.scalars(sa.select(m.Region).order_by(m.Region.sort_order))
    ]
    metrics = [
        RefMetric(x.code, x.name_lv, x.name_en)
        for x in session.scalars(sa.select(m.Metric).order_by(m.Metric.sort_order))
    ]
    periods = [
        RefPeriod(p.code, p.start_date, p.end_date, p.label_lv, p.label_en, p.months)
        for p in session.scalars(sa.select(m.Period).order_by(m.Period.start_date))
    ]
    superseding = sa.orm.aliased(m.Release)
    stmt = (
        sa.select(
            m.Period.start_date,
            m.Period.end_date,
            m.Period.code,
            m.Region.code,
            m.Metric.code,
            m.Observation.value,
            m.Release.number,
        )
        .join(m.Period, m.Observation.period_id == m.Period.id)
        .join(m.Region, m.Observation.region_id == m.Region.id)
        .join(m.Metric, m.Observation.metric_id == m.Metric.id)
        .join(m.Release, m.Observation.release_id == m.Release.id)
        .where(
            m.Release.status == "published",
            sa.or_(
                m.Observation.superseded_by_release_id.is_(None),
                ~sa.exists().where(
                    superseding.id == m.Observation.superseded_by_release_id,
                    superseding.status == "published",
                ),
            ),
        )
    )
    published = [PublishedValue(*row) for row in session.execute(stmt)]
    return Reference(regions=regions, metrics=metrics, periods=periods, published=published)


def _limits(config: Any) -> Limits:
    return Limits(
        max_bytes=getattr(config, "upload_max_bytes", Limits().max_bytes),
        max_unpacked_bytes=getattr(
            config, "upload_max_unpacked_bytes", Limits().max_unpacked_bytes
        ),
    )


def stage_upload(
    actor: Actor,
    data: bytes,
    filename: str,
    *,
    replace: bool = False,
    today: dt.date | None = None,
    store_invalid: bool = True,
) -> tuple[m.Upload | None, ValidationReport]:
    """Validate a file and keep it for preview; nothing is published.

    Returns the stored upload and the validation report. The upload is ``None`` when the file was
    too large to keep, or invalid and ``store_invalid`` is false (the CLI writes nothing for an
    invalid file; the admin page keeps invalid files in the upload history).
    """
    actor.require("admin")
    db = get_db()
    today = today or dt.date.today()
    with db.session() as session:
        report = validate_upload(
            data,
            filename,
            build_reference(session),
            today=today,
            replace=replace,
            limits=_limits(db.config),
        )
        sha = hashlib.sha256(data).hexdigest()
        previous = session.scalar(
            sa.select(m.Upload)
            .where(m.Upload.sha256 == sha, m.Upload.status == "published")
            .order_by(m.Upload.id.desc())
            .limit(1)
        )
        report_dict = report.to_dict()
        previous_release = session.get(m.Release, previous.release_id) if previous else None
        if previous is not None:
            report_dict["duplicate_of"] = {
                "upload": previous.id,
                "release": previous_release.number if previous_release else None,
            }
        upload = None
        if len(data) <= _limits(db.config).max_bytes and (report.ok or store_invalid):
            upload = m.Upload(
                uploaded_by=actor.username,
                file_name=filename[:300],
                sha256=sha,
                size=len(data),
                content=data,
                status="valid" if report.ok else "invalid",
                report=report_dict,
            )
            session.add(upload)
            session.flush()
        audit(
            actor.username,
            "upload",
            filename[:200],
            "ok" if report.ok else "refused",
            {
                "upload": upload.id if upload else None,
                "sha256": sha,
                "errors": len(report.errors),
                "rows": len(report.rows),
                "duplicate_of_release": previous_release.number if previous_release else None,
            },
            session=session,
        )
        return upload, report


def _get_or_create_period(session: Session, spec: Any) -> m.Period:
    period = session.scalar(
        sa.select(m.Period).where(m.Period.start_date == spec.start, m.Period.end_date == spec.end)
    )
    if period is None:
        period = m.Period.from_spec(spec)
        session.add(period)
        session.flush()
    return period


def _source_for(session: Session, row: Any, upload: m.Upload, release_number: int) -> m.Source:
    if row.source_url:
        source = session.scalar(sa.select(m.Source).where(m.Source.url == row.source_url))
        if source is None:
            source = m.Source(
                code=f"upload-{upload.id}-{hashlib.sha1(row.source_url.encode()).hexdigest()[:8]}",
                title=row.source_title or row.source_url,
                publisher=row.source_title or "",
                url=row.source_url,
                published_on=None,
                note=f"Named in upload {upload.id} ({upload.file_name})",
            )
            session.add(source)
            session.flush()
        return source
    code = f"upload-{upload.id}"
    source = session.scalar(sa.select(m.Source).where(m.Source.code == code))
    if source is None:
        source = m.Source(
            code=code,
            title=f"{upload.file_name} (release {release_number})",
            publisher=f"Uploaded by {upload.uploaded_by}",
            url=None,
            published_on=dt.date.today(),
            note="The uploaded file named no source URL; the file itself is kept with the release.",
        )
        session.add(source)
        session.flush()
    return source


def publish_upload(
    actor: Actor, upload_id: int, *, replace: bool = False, today: dt.date | None = None
) -> m.Release:
    """Publish a staged upload as the next release, all or nothing.

    The stored file is validated again inside the publishing transaction (published data may have
    changed since it was staged), with the publishing lock held so two admins cannot interleave:
    of several concurrent publishes of one upload exactly one succeeds, and every other one is
    refused with a :class:`ServiceError` (already published, or a lost race), never an error.
    """
    actor.require("admin")
    db = get_db()
    today = today or dt.date.today()
    try:
        with _contention_as_conflict(), db.session(write=True) as session:
            _lock_content(session)
            row_id = db_int(upload_id)
            upload = None if row_id is None else session.get(m.Upload, row_id, with_for_update=True)
            if upload is None:
                raise ServiceError(
                    "not_found",
                    f"Augšupielāde {upload_id} nav atrasta.",
                    f"Upload {upload_id} not found.",
                )
            if upload.status == "published":
                raise ServiceError(
                    "already_published",
                    "Šī augšupielāde jau ir publicēta.",
                    "This upload has already been published.",
                    release=upload.release_id,
                )
            report = validate_upload(
                upload.content,
                upload.file_name,
                build_reference(session),
                today=today,
                replace=replace,
                limits=_limits(db.config),
            )
            if not report.ok:
                raise ServiceError(
                    "invalid",
                    "Fails neatbilst prasībām; nekas netika mainīts.",
                    "The file is not valid; nothing was changed.",
                    report=report.to_dict(),
                )
            new_rows = [c for c in report.changes if c.kind != "same"]
            if not new_rows:
                raise ServiceError(
                    "nothing_new",
                    "Failā nav jaunu vai mainītu skaitļu; nekas netika publicēts.",
                    "The file holds no new or changed figures; nothing was published.",
                )
            number = (session.scalar(sa.select(sa.func.max(m.Release.number))) or 0) + 1
            release = m.Release(
                number=number,
                status="published",
                published_by=actor.username,
                description=f"Upload {upload.id}: {upload.file_name}",
                file_name=upload.file_name,
                file_sha256=upload.sha256,
            )
            session.add(release)
            session.flush()
            regions = {r.code: r for r in session.scalars(sa.select(m.Region))}
            metrics = {x.code: x for x in session.scalars(sa.select(m.Metric))}
            superseded = 0
            for row in report.rows:
                period = _get_or_create_period(session, row.period)
                # Everything currently in effect for this region/metric that overlaps the period.
                current = session.scalars(
                    sa.select(m.Observation)
                    .join(m.Period, m.Observation.period_id == m.Period.id)
                    .join(m.Release, m.Observation.release_id == m.Release.id)
                    .where(
                        m.Observation.region_id == regions[row.region].id,
                        m.Observation.metric_id == metrics[row.metric].id,
                        m.Period.start_date <= row.period.end,
                        m.Period.end_date >= row.period.start,
                        m.Release.status == "published",
                        m.Release.id != release.id,
                        m.Observation.superseded_by_release_id.is_(None),
                    )
                ).all()
                if any(o.value == row.value and o.period_id == period.id for o in current):
                    continue  # unchanged figure: keep the original row and its provenance
                for old in current:
                    if not replace:
                        raise ServiceError(
                            "overlap",
                            "Periods pārklājas ar publicētiem datiem.",
                            "The period overlaps published data.",
                        )
                    old.superseded_by_release_id = release.id
                    superseded += 1
                session.add(
                    m.Observation(
                        period=period,
                        region=regions[row.region],
                        metric=metrics[row.metric],
                        value=row.value,
                        source=_source_for(session, row, upload, number),
                        release=release,
                        note=row.note,
                    )
                )
            upload.status = "published"
            upload.release_id = release.id
            _bump_revision(session)
            audit(
                actor.username,
                "publish",
                f"release {number}",
                "ok",
                {
                    "upload": upload.id,
                    "sha256": upload.sha256,
                    "rows": len(report.rows),
                    "superseded": superseded,
                    "replace": replace,
                },
                session=session,
            )
            session.flush()
            session.expunge(release)
            return release
    except ServiceError as exc:
        _audit_refusal(actor.username, "publish", f"upload {upload_id}"[:200], exc.code)
        raise


def rollback_release(actor: Actor, number: int) -> m.Release:
    """Withdraw the latest published release; the data it replaced are in effect again.

    Serialised like :func:`publish_upload`: of concurrent rollbacks of one release one succeeds,
    the others are refused ("already rolled back").
    """
    actor.require("admin")
    try:
        with _contention_as_conflict(), get_db().session(write=True) as session:
            _lock_content(session)
            row_number = db_int(number)
            release = (
                None
                if row_number is None
                else session.scalar(
                    sa.select(m.Release).where(m.Release.number == row_number).with_for_update()
                )
            )
            if release is None:
                raise ServiceError(
                    "not_found", f"Laidiens {number} nav atrasts.", f"Release {number} not found."
                )
            if release.status != "published":
                raise ServiceError(
                    "not_published",
                    "Šis laidiens jau ir atsaukts.",
                    "This release has already been rolled back.",
                )
            latest = session.scalar(
                sa.select(sa.func.max(m.Release.number)).where(m.Release.status == "published")
            )
            if number != latest:
                raise ServiceError(
                    "not_latest",
                    "Atsaukt var tikai jaunāko publicēto laidienu.",
                    "Only the latest published release can be rolled back.",
                    latest=latest,
                )
            if number == 1:
                raise ServiceError(
                    "base_release",
                    "Pirmo laidienu (publicēto tabulu) nevar atsaukt.",
                    "Release 1 (the published table) cannot be rolled back.",
                )
            release.status = "rolled_back"
            release.rolled_back_at = m.utcnow()
            release.rolled_back_by = actor.username
            session.execute(
                sa.update(m.Upload)
                .where(m.Upload.release_id == release.id)
                .values(status="rolled_back")
            )
            _bump_revision(session)
            audit(actor.username, "rollback", f"release {number}", "ok", session=session)
            session.flush()
            session.expunge(release)
            return release
    except ServiceError as exc:
        _audit_refusal(actor.username, "rollback", f"release {number}"[:200], exc.code)
        raise


# --- Directory and funding editing -------------------------------------------------------------

# Text is stored as given (trimmed) and always rendered as text (Dash escapes children; Plotly
# labels are escaped in dashboard.figures), so no markup needs to be filtered out here. Refused
# are only characters no column can hold or no reader wants: NUL (PostgreSQL cannot store it),
# the other C0 and C1 control characters and DEL, lone surrogates (not encodable as UTF-8), and
# in single-line fields tab and line breaks too (a CR in a name would be a new line anywhere the
# name is written line by line, as in a vCard).
_MULTI_LINE_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SINGLE_LINE_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
MULTI_LINE_FIELDS = frozenset({"note", "message"})
CONTACT_TEXT_FIELDS = {
    "name": 200,
    "role_lv": 500,
    "role_en": 500,
    "organisation": 300,
    "note": 2000,
}
EMAIL_MAX_CHARS = 254  # the e-mail columns' length (and the longest address RFC 5321 allows)


class FieldError(ServiceError):
    """One form field is invalid; ``field`` names it."""

    def __init__(self, field: str, message_lv: str, message_en: str) -> None:
        super().__init__("invalid_field", message_lv, message_en, field=field)
        self.field = field


FIELD_LABELS = {
    "name": ("Vārds vai nodaļa", "Name or department"),
    "role_lv": ("Loma (latviski)", "Role (Latvian)"),
    "role_en": ("Loma (angliski)", "Role (English)"),
    "organisation": ("Organizācija", "Organisation"),
    "note": ("Piezīme", "Note"),
    "title_lv": ("Nosaukums (latviski)", "Title (Latvian)"),
    "title_en": ("Nosaukums (angliski)", "Title (English)"),
    "message": ("Kas ir nepareizi?", "What is wrong?"),
    "email": ("E-pasts", "E-mail"),
    "phone": ("Tālrunis", "Phone"),
    "amount_eur": ("Summa, EUR", "Amount, EUR"),
    "share_pct": ("Daļa, %", "Share, %"),
}


def _field_error(field: str, key: str, **values: Any) -> FieldError:
    """A :class:`FieldError` with the messages of string ``key``, given the field's label."""
    label_lv, label_en = FIELD_LABELS.get(field, (field, field))
    return FieldError(
        field, t(key, "lv", label=label_lv, **values), t(key, "en", label=label_en, **values)
    )


def _as_text(field: str, value: Any) -> str:
    """A form value as trimmed text; anything but a string (a list, a number) is refused."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _field_error(field, "service.field.not_text")
    return value.strip()


def _clean_text(field: str, value: Any, max_len: int, *, required: bool) -> str | None:
    """The trimmed text, ``None`` when empty and optional; :class:`FieldError` otherwise."""
    text = _as_text(field, value)
    if not text:
        if required:
            raise _field_error(field, "service.field.required")
        return None
    if len(text) > max_len:
        raise _field_error(field, "service.field.too_long", max=max_len)
    multi_line = field in MULTI_LINE_FIELDS
    bad = (_MULTI_LINE_FORBIDDEN if multi_line else _SINGLE_LINE_FORBIDDEN).search(text)
    if bad:
        if bad.group() in "\r\n\t" and not multi_line:
            raise _field_error(field, "service.field.single_line")
        raise _field_error(field, "service.field.control", char=f"U+{ord(bad.group()):04X}")
    return text


def _clean_email(value: Any) -> str | None:
    email = _as_text("email", value)
    if not email:
        return None
    if len(email) > EMAIL_MAX_CHARS or not is_valid_email(email):
        shown = email if len(email) <= 80 and email.isprintable() else email[:40] + "…"
        raise FieldError(
            "email",
            f"“{shown}” nav derīga e-pasta adrese.",
            f"“{shown}” is not a valid e-mail address.",
        )
    return email


def _code(value: Any, max_len: int) -> str | None:
    """A code as sent by a form (a select's value), if it could name a row; else ``None``."""
    if not isinstance(value, str) or not 0 < len(value) <= max_len:
        return None
    return None if _SINGLE_LINE_FORBIDDEN.search(value) else value


def validate_contact_fields(session: Session, fields: dict[str, Any]) -> dict[str, Any]:
    """Normalised contact values, or :class:`FieldError` naming the first bad field."""
    out: dict[str, Any] = {}
    for field, max_len in CONTACT_TEXT_FIELDS.items():
        out[field] = _clean_text(
            field, fields.get(field), max_len, required=field in {"name", "organisation"}
        )
    out["role_lv"] = out["role_lv"] or ""
    out["role_en"] = out["role_en"] or ""
    out["email"] = _clean_email(fields.get("email"))
    phone = _as_text("phone", fields.get("phone"))
    if phone:
        normalised = normalise_phone(phone) if len(phone) <= 40 else None
        if normalised is None:
            shown = phone if phone.isprintable() else phone.encode("unicode_escape").decode()
            raise FieldError(
                "phone",
                f"“{shown[:40]}” nav derīgs tālrunis (+371 un 8 cipari vai E.164).",
                f"“{shown[:40]}” is not a valid phone (+371 and 8 digits, or E.164).",
            )
        out["phone"] = normalised
    else:
        out["phone"] = None
    region_value = fields.get("region") or None
    out["region_id"] = None
    if region_value:
        region_code = _code(region_value, 32)
        region = (
            session.scalar(sa.select(m.Region).where(m.Region.code == region_code))
            if region_code
            else None
        )
        if region is None:
            raise FieldError("region", "Nezināms reģions.", "Unknown region.")
        out["region_id"] = region.id
    municipality_value = fields.get("municipality") or None
    out["municipality_id"] = None
    if municipality_value:
        municipality_code = _code(municipality_value, 16)
        municipality = (
            session.scalar(
                sa.select(m.Municipality).where(m.Municipality.code == municipality_code)
            )
            if municipality_code
            else None
        )
        if municipality is None:
            raise FieldError("municipality", "Nezināma pašvaldība.", "Unknown municipality.")
        out["municipality_id"] = municipality.id
        if out["region_id"] is None:
            out["region_id"] = municipality.region_id
    out["active"] = bool(fields.get("active", True))
    return out


def _contact_snapshot(c: m.Contact) -> dict[str, Any]:
    return {
        k: (v.isoformat() if isinstance(v, dt.date) else v)
        for k, v in {
            "name": c.name,
            "email": c.email,
            "phone": c.phone,
            "active": c.active,
            "verified_on": c.verified_on,
            "organisation": c.organisation,
            "region_id": c.region_id,
            "municipality_id": c.municipality_id,
        }.items()
    }


def _contact_not_found() -> ServiceError:
    return ServiceError("not_found", "Kontakts nav atrasts.", "Contact not found.")


def save_contact(actor: Actor, code: str | None, fields: dict[str, Any]) -> str:
    """Create (``code=None``) or update a contact; returns its code."""
    actor.require("admin")
    target = None if code is None else (_code(code, 64) or "?")
    try:
        with _contention_as_conflict(), get_db().session(write=True) as session:
            _lock_content(session)  # two admins adding "Anna Bērziņa" get two distinct codes
            values = validate_contact_fields(session, fields)
            if code is None:
                base = re.sub(r"[^a-z0-9]+", "-", fold(values["name"])).strip("-")[:50] or "contact"
                target = base
                n = 2
                while session.scalar(sa.select(m.Contact).where(m.Contact.code == target)):
                    target = f"{base}-{n}"
                    n += 1
                contact = m.Contact(code=target, **values)
                session.add(contact)
                before = None
            else:
                contact = session.scalar(sa.select(m.Contact).where(m.Contact.code == target))
                if contact is None:
                    raise _contact_not_found()
                before = _contact_snapshot(contact)
                for key, value in values.items():
                    setattr(contact, key, value)
            session.flush()
            _bump_revision(session)
            audit(
                actor.username,
                "contact.save",
                target,
                "ok",
                {"before": before, "after": _contact_snapshot(contact)},
                session=session,
            )
            return target
    except ServiceError as exc:
        audit(
            actor.username,
            "contact.save",
            target,
            "refused",
            {"error": exc.code, **({"field": exc.extra["field"]} if "field" in exc.extra else {})},
        )
        raise


def set_contact_state(
    actor: Actor, code: str, *, active: bool | None = None, verified_on: dt.date | None = None
) -> None:
    """Activate/deactivate a contact or mark it verified on a date."""
    actor.require("admin")
    target = _code(code, 64)
    with _contention_as_conflict(), get_db().session(write=True) as session:
        _lock_content(session)
        contact = (
            session.scalar(sa.select(m.Contact).where(m.Contact.code == target)) if target else None
        )
        if contact is None:
            raise _contact_not_found()
        before = _contact_snapshot(contact)
        if active is not None:
            contact.active = active
        if verified_on is not None:
            contact.verified_on = verified_on
        _bump_revision(session)
        action = "contact.verify" if verified_on is not None else "contact.active"
        audit(
            actor.username,
            action,
            target,
            "ok",
            {"before": before, "after": _contact_snapshot(contact)},
            session=session,
        )


# Numeric(14, 2): twelve digits before the decimal point, two after.
AMOUNT_MAX = Decimal("999999999999.99")
SHARE_MAX = Decimal(100)
_CENT = Decimal("0.01")


def _decimal(field: str, value: Any, *, high: Decimal) -> Decimal | None:
    """An amount or share between 0 and ``high`` with at most two decimals, or ``None`` if
    empty. ``1e400``, ``NaN``, ``-0``, ``Infinity`` and overlong input get the field's message."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal, type(None))):
        raise _field_error(field, "service.number.invalid")
    text = ("" if value is None else str(value)).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    try:
        number = Decimal(text.replace(",", ".")) if len(text) <= 40 else None
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite():
        raise _field_error(field, "service.number.invalid")
    if number.is_signed() or number > high:
        raise _field_error(field, "service.number.range", low="0", high=f"{high:f}")
    rounded = number.quantize(_CENT)
    if rounded != number:
        raise _field_error(field, "service.number.decimals")
    return rounded


def save_funding(actor: Actor, code: str, fields: dict[str, Any]) -> None:
    """Update a funding row; the parts of a total must still add up to 100 %."""
    actor.require("admin")
    target = _code(code, 64)
    try:
        with _contention_as_conflict(), get_db().session(write=True) as session:
            _lock_content(session)  # the shares of a total are checked against its other parts
            row = (
                session.scalar(sa.select(m.Funding).where(m.Funding.code == target))
                if target
                else None
            )
            if row is None:
                raise ServiceError("not_found", "Rinda nav atrasta.", "Funding row not found.")
            before = {
                "amount_eur": str(row.amount_eur),
                "share_pct": str(row.share_pct),
                "title_lv": row.title_lv,
                "title_en": row.title_en,
            }
            row.title_lv = _clean_text("title_lv", fields.get("title_lv"), 500, required=True)
            row.title_en = _clean_text("title_en", fields.get("title_en"), 500, required=True)
            row.note = _clean_text("note", fields.get("note"), 2000, required=False)
            row.amount_eur = _decimal("amount_eur", fields.get("amount_eur"), high=AMOUNT_MAX)
            row.share_pct = _decimal("share_pct", fields.get("share_pct"), high=SHARE_MAX)
            if row.parent_id is None and row.amount_eur is None:
                raise FieldError(
                    "amount_eur", "Kopsummai jānorāda summa.", "A total needs an amount."
                )
            if row.parent_id is not None:
                if row.amount_eur is None and row.share_pct is None:
                    raise FieldError(
                        "share_pct", "Norādiet summu vai daļu.", "Give an amount or a share."
                    )
                session.flush()
                siblings = session.scalars(
                    sa.select(m.Funding).where(m.Funding.parent_id == row.parent_id)
                ).all()
                shares = [s.share_pct for s in siblings]
                if all(s is not None for s in shares) and sum(shares) != 100:
                    raise FieldError(
                        "share_pct",
                        f"Daļas kopā ir {sum(shares)} %, nevis 100 %.",
                        f"The shares add up to {sum(shares)} %, not 100 %.",
                    )
            _bump_revision(session)
            audit(
                actor.username,
                "funding.save",
                target,
                "ok",
                {
                    "before": before,
                    "after": {"amount_eur": str(row.amount_eur), "share_pct": str(row.share_pct)},
                },
                session=session,
            )
    except ServiceError as exc:
        audit(actor.username, "funding.save", target or "?", "refused", {"error": exc.code})
        raise


# --- Readers' data-problem reports --------------------------------------------------------------

REPORT_MAX_CHARS = 2000
REPORT_CODE_FIELDS = (("region", m.Region), ("period", m.Period), ("metric", m.Metric))


def submit_data_report(fields: dict[str, Any], lang: str, *, now: dt.datetime | None = None) -> int:
    """Store a reader's report (public: no role needed). Validated like every other input.

    Also erases the e-mail addresses whose time is up (see :func:`purge_report_emails`).
    """
    with get_db().session() as session:
        message = _clean_text("message", fields.get("message"), REPORT_MAX_CHARS, required=True)
        email = _clean_email(fields.get("email"))
        codes: dict[str, str | None] = {}
        for field, model in REPORT_CODE_FIELDS:
            value = fields.get(field)
            if value is None or (isinstance(value, str) and not value.strip()):
                codes[field] = None
                continue
            code = _code(value.strip() if isinstance(value, str) else value, 32)
            known = code is not None and session.scalar(
                sa.select(model.id).where(model.code == code)
            )
            if not known:
                raise FieldError(
                    field, f"Nezināma vērtība laukā “{field}”.", f"Unknown value for “{field}”."
                )
            codes[field] = code
        report = m.DataReport(
            region_code=codes["region"],
            period_code=codes["period"],
            metric_code=codes["metric"],
            message=message or "",
            email=email,
            lang="en" if lang == "en" else "lv",
        )
        session.add(report)
        session.flush()
        audit("public", "data-report", str(report.id), "ok", session=session)
        _purge_report_emails(session, now or m.utcnow(), "system")
        return report.id


def report_email_retention() -> dt.timedelta:
    """How long a reader's address is kept after the report is resolved (configurable)."""
    return dt.timedelta(days=max(0, get_db().config.report_email_retention_days))


def report_email_expired(report: m.DataReport, now: dt.datetime) -> bool:
    """True once the address of a resolved report is past its time, purged or not."""
    return report.resolved_at is not None and now >= report.resolved_at + report_email_retention()


def _purge_report_emails(session: Session, now: dt.datetime, actor: str) -> list[int]:
    cutoff = now - report_email_retention()
    ids = list(
        session.scalars(
            sa.select(m.DataReport.id)
            .where(
                m.DataReport.email.is_not(None),
                m.DataReport.resolved_at.is_not(None),
                m.DataReport.resolved_at <= cutoff,
            )
            .order_by(m.DataReport.id)
        )
    )
    if ids:
        session.execute(sa.update(m.DataReport).where(m.DataReport.id.in_(ids)).values(email=None))
        audit(
            actor,
            "data-report.erase-emails",
            f"{len(ids)} reports",
            "ok",
            {"reports": ids, "retention_days": report_email_retention().days},
            session=session,
        )
    return ids


def purge_report_emails(*, now: dt.datetime | None = None, actor: str = "system") -> list[int]:
    """Erase readers' e-mail addresses ``REPORT_EMAIL_RETENTION_DAYS`` after their report was
    resolved; returns the reports' ids. Audited. Runs when reports are submitted, resolved and
    listed, and from cron (``remigration purge-report-emails``); no role needed, since it only
    ever removes personal data whose time is up."""
    with get_db().session() as session:
        return _purge_report_emails(session, now or m.utcnow(), actor)


def resolve_data_report(actor: Actor, report_id: int, *, now: dt.datetime | None = None) -> None:
    """Mark a report resolved (admins only); its address is erased after the retention time."""
    actor.require("admin")
    now = now or m.utcnow()
    row_id = db_int(report_id)
    with get_db().session(write=True) as session:
        report = session.get(m.DataReport, row_id) if row_id is not None else None
        if report is None:
            raise ServiceError("not_found", "Ziņojums nav atrasts.", "Report not found.")
        if report.status == "resolved":
            raise ServiceError.from_strings("already_resolved", "service.report.already_resolved")
        report.status = "resolved"
        report.resolved_at = now
        audit(actor.username, "data-report.resolve", str(report.id), "ok", session=session)
        _purge_report_emails(session, now, "system")


def data_reports(actor: Actor, *, now: dt.datetime | None = None, limit: int = 200) -> list[dict]:
    """Readers' reports, newest first, as the admin page shows them.

    Staff (who may read reports) learn only whether an address was given; the address itself is
    in the result for admins only, and for nobody once its time is up, even if no purge has run
    yet. Purges expired addresses first.
    """
    actor.require("staff")
    now = now or m.utcnow()
    purge_report_emails(now=now)
    admin = ROLES.index(actor.role) >= ROLES.index("admin")
    with get_db().session() as session:
        reports = session.scalars(
            sa.select(m.DataReport).order_by(m.DataReport.id.desc()).limit(limit)
        ).all()
        out = []
        for r in reports:
            has_email = bool(r.email) and not report_email_expired(r, now)
            out.append(
                {
                    "id": r.id,
                    "created_at": r.created_at,
                    "region": r.region_code,
                    "period": r.period_code,
                    "metric": r.metric_code,
                    "message": r.message,
                    "lang": r.lang,
                    "status": r.status,
                    "resolved_at": r.resolved_at,
                    "email_given": has_email,
                    "email": r.email if admin and has_email else None,
                }
            )
        return out
