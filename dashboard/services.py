"""The write side: every change to data goes through one of these functions.

Each takes the acting account (an :class:`Actor`) and checks its role itself, so the admin page,
the admin HTTP API and the CLI share one permission check and one audit trail. Each runs in one
database transaction: a failed or interrupted step leaves the database exactly as it was, and the
audit row is written in the same transaction as the change it records (a refused action is
audited in its own transaction).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
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


def _lock_publishing(session: Session) -> None:
    """Serialise publishers: the revision row is locked until the transaction ends.

    On PostgreSQL this is a row lock (SELECT … FOR UPDATE); SQLite serialises writers itself.
    """
    session.get(m.Revision, 1, with_for_update=True)


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
    changed since it was staged), with the publishing lock held so two admins cannot interleave.
    """
    actor.require("admin")
    db = get_db()
    today = today or dt.date.today()
    try:
        with db.session() as session:
            _lock_publishing(session)
            upload = session.get(m.Upload, upload_id, with_for_update=True)
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
        audit(actor.username, "publish", f"upload {upload_id}", "refused", {"error": exc.code})
        raise


def rollback_release(actor: Actor, number: int) -> m.Release:
    """Withdraw the latest published release; the data it replaced are in effect again."""
    actor.require("admin")
    try:
        with get_db().session() as session:
            _lock_publishing(session)
            release = session.scalar(
                sa.select(m.Release).where(m.Release.number == number).with_for_update()
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
        audit(actor.username, "rollback", f"release {number}", "refused", {"error": exc.code})
        raise


# --- Directory and funding editing -------------------------------------------------------------

_HTML_RE = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|&#?[a-zA-Z0-9]+;")
CONTACT_TEXT_FIELDS = {
    "name": 200,
    "role_lv": 500,
    "role_en": 500,
    "organisation": 300,
    "note": 2000,
}


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
}


def _clean_text(field: str, value: Any, max_len: int, *, required: bool) -> str | None:
    label_lv, label_en = FIELD_LABELS.get(field, (field, field))
    text = ("" if value is None else str(value)).strip()
    if not text:
        if required:
            raise FieldError(
                field, f"Lauks “{label_lv}” ir obligāts.", f"“{label_en}” is required."
            )
        return None
    if len(text) > max_len:
        raise FieldError(
            field,
            f"Lauks “{label_lv}” ir par garu (maks. {max_len} zīmes).",
            f"“{label_en}” is too long (max {max_len} characters).",
        )
    if _HTML_RE.search(text):
        raise FieldError(
            field, f"Laukā “{label_lv}” nav atļauts HTML.", f"HTML is not allowed in “{label_en}”."
        )
    return text


def validate_contact_fields(session: Session, fields: dict[str, Any]) -> dict[str, Any]:
    """Normalised contact values, or :class:`FieldError` naming the first bad field."""
    out: dict[str, Any] = {}
    for field, max_len in CONTACT_TEXT_FIELDS.items():
        out[field] = _clean_text(
            field, fields.get(field), max_len, required=field in {"name", "organisation"}
        )
    out["role_lv"] = out["role_lv"] or ""
    out["role_en"] = out["role_en"] or ""
    email = (fields.get("email") or "").strip()
    if email and not is_valid_email(email):
        raise FieldError(
            "email",
            f"“{email}” nav derīga e-pasta adrese.",
            f"“{email}” is not a valid e-mail address.",
        )
    out["email"] = email or None
    phone = (fields.get("phone") or "").strip()
    if phone:
        normalised = normalise_phone(phone)
        if normalised is None:
            raise FieldError(
                "phone",
                f"“{phone}” nav derīgs tālrunis (+371 un 8 cipari vai E.164).",
                f"“{phone}” is not a valid phone (+371 and 8 digits, or E.164).",
            )
        out["phone"] = normalised
    else:
        out["phone"] = None
    region_code = fields.get("region") or None
    out["region_id"] = None
    if region_code:
        region = session.scalar(sa.select(m.Region).where(m.Region.code == region_code))
        if region is None:
            raise FieldError("region", "Nezināms reģions.", "Unknown region.")
        out["region_id"] = region.id
    municipality_code = fields.get("municipality") or None
    out["municipality_id"] = None
    if municipality_code:
        municipality = session.scalar(
            sa.select(m.Municipality).where(m.Municipality.code == municipality_code)
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


def save_contact(actor: Actor, code: str | None, fields: dict[str, Any]) -> str:
    """Create (``code=None``) or update a contact; returns its code."""
    actor.require("admin")
    try:
        with get_db().session() as session:
            values = validate_contact_fields(session, fields)
            if code is None:
                base = re.sub(r"[^a-z0-9]+", "-", fold(values["name"])).strip("-")[:50] or "contact"
                code = base
                n = 2
                while session.scalar(sa.select(m.Contact).where(m.Contact.code == code)):
                    code = f"{base}-{n}"
                    n += 1
                contact = m.Contact(code=code, **values)
                session.add(contact)
                before = None
            else:
                contact = session.scalar(sa.select(m.Contact).where(m.Contact.code == code))
                if contact is None:
                    raise ServiceError("not_found", "Kontakts nav atrasts.", "Contact not found.")
                before = _contact_snapshot(contact)
                for key, value in values.items():
                    setattr(contact, key, value)
            session.flush()
            _bump_revision(session)
            audit(
                actor.username,
                "contact.save",
                code,
                "ok",
                {"before": before, "after": _contact_snapshot(contact)},
                session=session,
            )
            return code
    except ServiceError as exc:
        audit(
            actor.username,
            "contact.save",
            code,
            "refused",
            {"error": exc.code, **({"field": exc.extra["field"]} if "field" in exc.extra else {})},
        )
        raise


def set_contact_state(
    actor: Actor, code: str, *, active: bool | None = None, verified_on: dt.date | None = None
) -> None:
    """Activate/deactivate a contact or mark it verified on a date."""
    actor.require("admin")
    with get_db().session() as session:
        contact = session.scalar(sa.select(m.Contact).where(m.Contact.code == code))
        if contact is None:
            raise ServiceError("not_found", "Kontakts nav atrasts.", "Contact not found.")
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
            code,
            "ok",
            {"before": before, "after": _contact_snapshot(contact)},
            session=session,
        )


def _decimal(field: str, value: Any, *, low: Decimal, high: Decimal | None) -> Decimal | None:
    text = ("" if value is None else str(value)).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise FieldError(field, f"“{value}” nav skaitlis.", f"“{value}” is not a number.") from None
    if not number.is_finite() or number < low or (high is not None and number > high):
        bound = f"{low}–{high}" if high is not None else f"≥ {low}"
        raise FieldError(field, f"Vērtībai jābūt {bound}.", f"The value must be {bound}.")
    return number.quantize(Decimal("0.01"))


def save_funding(actor: Actor, code: str, fields: dict[str, Any]) -> None:
    """Update a funding row; the parts of a total must still add up to 100 %."""
    actor.require("admin")
    try:
        with get_db().session() as session:
            row = session.scalar(sa.select(m.Funding).where(m.Funding.code == code))
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
            row.amount_eur = _decimal(
                "amount_eur", fields.get("amount_eur"), low=Decimal(0), high=None
            )
            row.share_pct = _decimal(
                "share_pct", fields.get("share_pct"), low=Decimal(0), high=Decimal(100)
            )
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
                code,
                "ok",
                {
                    "before": before,
                    "after": {"amount_eur": str(row.amount_eur), "share_pct": str(row.share_pct)},
                },
                session=session,
            )
    except ServiceError as exc:
        audit(actor.username, "funding.save", code, "refused", {"error": exc.code})
        raise


# --- Readers' data-problem reports --------------------------------------------------------------

REPORT_MAX_CHARS = 2000


def submit_data_report(fields: dict[str, Any], lang: str) -> int:
    """Store a reader's report (public: no role needed). Validated like every other input."""
    with get_db().session() as session:
        message = _clean_text("message", fields.get("message"), REPORT_MAX_CHARS, required=True)
        email = (fields.get("email") or "").strip()
        if email and not is_valid_email(email):
            raise FieldError(
                "email",
                f"“{email}” nav derīga e-pasta adrese.",
                f"“{email}” is not a valid e-mail address.",
            )
        codes: dict[str, str | None] = {}
        for field, model in (("region", m.Region), ("period", m.Period), ("metric", m.Metric)):
            code = (fields.get(field) or "").strip() or None
            if code and session.scalar(sa.select(model.id).where(model.code == code)) is None:
                raise FieldError(
                    field, f"Nezināma vērtība laukā “{field}”.", f"Unknown value for “{field}”."
                )
            codes[field] = code
        report = m.DataReport(
            region_code=codes["region"],
            period_code=codes["period"],
            metric_code=codes["metric"],
            message=message or "",
            email=email or None,
            lang="en" if lang == "en" else "lv",
        )
        session.add(report)
        session.flush()
        audit("public", "data-report", str(report.id), "ok", session=session)
        return report.id


def resolve_data_report(actor: Actor, report_id: int) -> None:
    actor.require("admin")
    with get_db().session() as session:
        report = session.get(m.DataReport, report_id)
        if report is None:
            raise ServiceError("not_found", "Ziņojums nav atrasts.", "Report not found.")
        report.status = "resolved"
        audit(actor.username, "data-report.resolve", str(report_id), "ok", session=session)
