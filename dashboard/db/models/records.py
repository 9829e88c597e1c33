"""What the admin area records: uploads, the audit log, the revision counter, readers' reports."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.db.models.base import Base, utcnow


class Upload(Base):
    """An uploaded file, its validation report and, once published, the release it became."""

    __tablename__ = "upload"

    id: Mapped[int] = mapped_column(primary_key=True)
    uploaded_by: Mapped[str] = mapped_column(sa.String(64))
    uploaded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    file_name: Mapped[str] = mapped_column(sa.String(300))
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    size: Mapped[int]
    content: Mapped[bytes] = mapped_column(sa.LargeBinary)
    status: Mapped[str] = mapped_column(sa.String(16))  # valid | invalid | published | discarded
    report: Mapped[dict] = mapped_column(sa.JSON)
    release_id: Mapped[int | None] = mapped_column(sa.ForeignKey("release.id"))


class AuditLog(Base):
    """Who did what, when, and how it ended. Written in the same transaction as the change."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(sa.String(64))
    action: Mapped[str] = mapped_column(sa.String(64))
    target: Mapped[str | None] = mapped_column(sa.String(200))
    outcome: Mapped[str] = mapped_column(sa.String(16))  # ok | refused | failed
    detail: Mapped[dict | None] = mapped_column(sa.JSON)


class Revision(Base):
    """A single-row counter bumped by every change to published content.

    Cached query results are keyed by it, so a publish, rollback or directory edit invalidates
    every cached view on every host at once.
    """

    __tablename__ = "revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[dt.datetime | None] = mapped_column(default=utcnow)


class DataReport(Base):
    """A reader's "report a data problem" submission, for the staff to read and admins to resolve
    in the Reports tab of /admin."""

    __tablename__ = "data_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    region_code: Mapped[str | None] = mapped_column(sa.String(32))
    period_code: Mapped[str | None] = mapped_column(sa.String(32))
    metric_code: Mapped[str | None] = mapped_column(sa.String(64))
    message: Mapped[str] = mapped_column(sa.Text)
    email: Mapped[str | None] = mapped_column(sa.String(254))
    lang: Mapped[str] = mapped_column(sa.String(2), default="lv")
    status: Mapped[str] = mapped_column(sa.String(16), default="new")  # new | resolved
    # The reader's e-mail address is erased a set time after this (REPORT_EMAIL_RETENTION_DAYS).
    resolved_at: Mapped[dt.datetime | None]
    # What the admin who resolved it found or did (required when resolving; shown in the inbox).
    resolution_note: Mapped[str | None] = mapped_column(sa.Text)
