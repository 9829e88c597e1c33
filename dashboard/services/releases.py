"""Uploads and releases: validate and keep a file, publish it as the next release, roll back."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from dashboard.audit import audit
from dashboard.db import models as m
from dashboard.db.published import in_effect
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
from dashboard.services.base import (
    Actor,
    ServiceError,
    audit_refusal,
    bump_revision,
    contention_as_conflict,
    db_int,
    lock_content,
)
from dashboard.services.release_rows import write_rows


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
        .where(in_effect())
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
        with contention_as_conflict(), db.session(write=True) as session:
            lock_content(session)
            row_id = db_int(upload_id)
            upload = None if row_id is None else session.get(m.Upload, row_id, with_for_update=True)
            if upload is None:
                raise ServiceError.translated(
                    "not_found", "Upload {id} not found.", {"id": upload_id}
                )
            if upload.status == "published":
                raise ServiceError.translated(
                    "already_published",
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
                raise ServiceError.translated(
                    "invalid",
                    "The file is not valid; nothing was changed.",
                    report=report.to_dict(),
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
            counts = write_rows(session, release, report.rows, replace=replace)
            if counts["added"] == 0:
                raise ServiceError.translated(
                    "nothing_new",
                    "The file holds no new or changed figures; nothing was published.",
                )
            upload.status = "published"
            upload.release_id = release.id
            bump_revision(session)
            audit(
                actor.username,
                "publish",
                f"release {number}",
                "ok",
                {
                    "upload": upload.id,
                    "sha256": upload.sha256,
                    "rows": len(report.rows),
                    **counts,
                    "replace": replace,
                },
                session=session,
            )
            session.flush()
            session.expunge(release)
            return release
    except ServiceError as exc:
        audit_refusal(actor.username, "publish", f"upload {upload_id}"[:200], exc.code)
        raise


def rollback_release(actor: Actor, number: int) -> m.Release:
    """Withdraw the latest published release; the data it replaced are in effect again.

    Serialised like :func:`publish_upload`: of concurrent rollbacks of one release one succeeds,
    the others are refused ("already rolled back").
    """
    actor.require("admin")
    try:
        with contention_as_conflict(), get_db().session(write=True) as session:
            lock_content(session)
            row_number = db_int(number)
            release = (
                None
                if row_number is None
                else session.scalar(
                    sa.select(m.Release).where(m.Release.number == row_number).with_for_update()
                )
            )
            if release is None:
                raise ServiceError.translated(
                    "not_found", "Release {number} not found.", {"number": number}
                )
            if release.status != "published":
                raise ServiceError.translated(
                    "not_published", "This release has already been rolled back."
                )
            latest = session.scalar(
                sa.select(sa.func.max(m.Release.number)).where(m.Release.status == "published")
            )
            if number != latest:
                raise ServiceError.translated(
                    "not_latest",
                    "Only the latest published release can be rolled back.",
                    latest=latest,
                )
            if number == 1:
                raise ServiceError.translated(
                    "base_release", "Release 1 (the published table) cannot be rolled back."
                )
            release.status = "rolled_back"
            release.rolled_back_at = m.utcnow()
            release.rolled_back_by = actor.username
            session.execute(
                sa.update(m.Upload)
                .where(m.Upload.release_id == release.id)
                .values(status="rolled_back")
            )
            bump_revision(session)
            audit(actor.username, "rollback", f"release {number}", "ok", session=session)
            session.flush()
            session.expunge(release)
            return release
    except ServiceError as exc:
        audit_refusal(actor.username, "rollback", f"release {number}"[:200], exc.code)
        raise
