"""Typed SQLAlchemy 2 models.

The model keeps every definition explicit so that figures from different publishers never get
mixed: a number is always an :class:`Observation` of one :class:`Metric` (which carries the unit:
families, persons or offers), for one :class:`Period` (with its start and end dates), one
:class:`Region`, from one :class:`Source`, published in one :class:`Release`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Declarative base with a naming convention so Alembic migrations get stable names."""

    metadata = sa.MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class Region(Base):
    """One of Latvia's five planning regions (plānošanas reģioni)."""

    __tablename__ = "region"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    name_lv: Mapped[str] = mapped_column(sa.String(100))
    name_en: Mapped[str] = mapped_column(sa.String(100))
    long_name_lv: Mapped[str] = mapped_column(sa.String(200))
    long_name_en: Mapped[str] = mapped_column(sa.String(200))
    sort_order: Mapped[int] = mapped_column(default=0)

    municipalities: Mapped[list[Municipality]] = relationship(back_populates="region")


class Municipality(Base):
    """A municipality of the 2009–2021 administrative division (novads or republican city)."""

    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(16), unique=True)  # ISO 3166-2, e.g. LV-083
    name_lv: Mapped[str] = mapped_column(sa.String(100))
    name_en: Mapped[str] = mapped_column(sa.String(100))
    kind: Mapped[str] = mapped_column(sa.String(16))  # "city" | "novads"
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("region.id"))
    is_pilot: Mapped[bool] = mapped_column(default=False)

    region: Mapped[Region] = relationship(back_populates="municipalities")


class Metric(Base):
    """What is counted, in which unit. Units differ, so metrics are never summed together."""

    __tablename__ = "metric"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    name_lv: Mapped[str] = mapped_column(sa.String(200))
    name_en: Mapped[str] = mapped_column(sa.String(200))
    unit_code: Mapped[str] = mapped_column(sa.String(32))
    unit_lv: Mapped[str] = mapped_column(sa.String(50))
    unit_en: Mapped[str] = mapped_column(sa.String(50))
    definition_lv: Mapped[str] = mapped_column(sa.Text)
    definition_en: Mapped[str] = mapped_column(sa.Text)
    sort_order: Mapped[int] = mapped_column(default=0)


class Period(Base):
    """A reporting period with explicit dates; periods may have different lengths."""

    __tablename__ = "period"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)  # e.g. 2018-03..2018-12
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date]
    label_lv: Mapped[str] = mapped_column(sa.String(100))
    label_en: Mapped[str] = mapped_column(sa.String(100))
    months: Mapped[int]
    is_partial: Mapped[bool] = mapped_column(default=False)

    @classmethod
    def from_spec(cls, spec: Any) -> Period:
        """A new period from an ingest ``PeriodSpec`` (code, dates, labels, length)."""
        return cls(
            code=spec.code,
            start_date=spec.start,
            end_date=spec.end,
            label_lv=spec.label_lv,
            label_en=spec.label_en,
            months=spec.months,
            is_partial=spec.is_partial,
        )


class Source(Base):
    """Where a figure was published: title, publisher, URL and publication date."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    title: Mapped[str] = mapped_column(sa.Text)
    publisher: Mapped[str] = mapped_column(sa.String(300))
    url: Mapped[str | None] = mapped_column(sa.String(500))
    published_on: Mapped[dt.date | None]
    note: Mapped[str | None] = mapped_column(sa.Text)


class Release(Base):
    """A numbered, timestamped publication of data. The seed table is release 1."""

    __tablename__ = "release"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    published_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(16), default="published")
    published_by: Mapped[str | None] = mapped_column(sa.String(100))
    file_name: Mapped[str | None] = mapped_column(sa.String(300))
    file_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    rolled_back_at: Mapped[dt.datetime | None]
    rolled_back_by: Mapped[str | None] = mapped_column(sa.String(100))


class Observation(Base):
    """One published number: value of a metric for a region and period.

    Rows are never updated in place: a later release that replaces a value sets
    ``superseded_by_release_id`` on the old row so every release stays reproducible.
    """

    __tablename__ = "observation"
    __table_args__ = (
        sa.CheckConstraint("value >= 0", name="value_non_negative"),
        # In the grouping order of queries/observations.py's _observation_sums, source last:
        # SQLite then sums in one pass over the index without a temporary B-tree.
        sa.Index("ix_observation_lookup", "metric_id", "period_id", "region_id", "source_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(sa.ForeignKey("period.id"))
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("region.id"))
    # Set when a figure is published per municipality (so far only the synthetic benchmark
    # data of ``remigration bench-data``); region views sum such rows within their region.
    municipality_id: Mapped[int | None] = mapped_column(sa.ForeignKey("municipality.id"))
    metric_id: Mapped[int] = mapped_column(sa.ForeignKey("metric.id"))
    value: Mapped[int]
    source_id: Mapped[int] = mapped_column(sa.ForeignKey("source.id"))
    release_id: Mapped[int] = mapped_column(sa.ForeignKey("release.id"), index=True)
    superseded_by_release_id: Mapped[int | None] = mapped_column(sa.ForeignKey("release.id"))
    note: Mapped[str | None] = mapped_column(sa.Text)

    period: Mapped[Period] = relationship()
    region: Mapped[Region] = relationship()
    metric: Mapped[Metric] = relationship()
    source: Mapped[Source] = relationship()
    release: Mapped[Release] = relationship(foreign_keys=[release_id])


class Funding(Base):
    """A funding figure: a total (``parent_id`` empty) or one part of it (amount or share)."""

    __tablename__ = "funding"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("funding.id"))
    title_lv: Mapped[str] = mapped_column(sa.Text)
    title_en: Mapped[str] = mapped_column(sa.Text)
    amount_eur: Mapped[Decimal | None] = mapped_column(sa.Numeric(14, 2))
    share_pct: Mapped[Decimal | None] = mapped_column(sa.Numeric(5, 2))
    kind: Mapped[str] = mapped_column(sa.String(32))
    year: Mapped[int | None]
    period_start: Mapped[dt.date | None]
    period_end: Mapped[dt.date | None]
    source_id: Mapped[int | None] = mapped_column(sa.ForeignKey("source.id"))
    note: Mapped[str | None] = mapped_column(sa.Text)

    parent: Mapped[Funding | None] = relationship(remote_side=[id])
    source: Mapped[Source | None] = relationship()


class Contact(Base):
    """A coordinator or support contact shown in the public directory when active."""

    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    role_lv: Mapped[str] = mapped_column(sa.Text)
    role_en: Mapped[str] = mapped_column(sa.Text)
    organisation: Mapped[str] = mapped_column(sa.String(300))
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("region.id"))
    municipality_id: Mapped[int | None] = mapped_column(sa.ForeignKey("municipality.id"))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    phone: Mapped[str | None] = mapped_column(sa.String(32))
    verified_on: Mapped[dt.date | None]
    active: Mapped[bool] = mapped_column(default=True)
    source_id: Mapped[int | None] = mapped_column(sa.ForeignKey("source.id"))
    note: Mapped[str | None] = mapped_column(sa.Text)

    region: Mapped[Region | None] = relationship()
    municipality: Mapped[Municipality | None] = relationship()
    source: Mapped[Source | None] = relationship()


class SupportMeasure(Base):
    """A support measure a pilot municipality offers returnees (grants, courses, housing …)."""

    __tablename__ = "support_measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    municipality_id: Mapped[int | None] = mapped_column(sa.ForeignKey("municipality.id"))
    title_lv: Mapped[str] = mapped_column(sa.Text)
    title_en: Mapped[str] = mapped_column(sa.Text)
    description_lv: Mapped[str] = mapped_column(sa.Text, default="")
    description_en: Mapped[str] = mapped_column(sa.Text, default="")
    url: Mapped[str | None] = mapped_column(sa.String(500))
    contact_id: Mapped[int | None] = mapped_column(sa.ForeignKey("contact.id"))
    sort_order: Mapped[int] = mapped_column(default=0)

    municipality: Mapped[Municipality | None] = relationship()
    contact: Mapped[Contact | None] = relationship()


class Event(Base):
    """A dated programme event (forum, seminar, regulation) for the timeline."""

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    date: Mapped[dt.date]
    title_lv: Mapped[str] = mapped_column(sa.Text)
    title_en: Mapped[str] = mapped_column(sa.Text)
    kind: Mapped[str] = mapped_column(sa.String(32))
    place: Mapped[str | None] = mapped_column(sa.String(200))
    description_lv: Mapped[str] = mapped_column(sa.Text, default="")
    description_en: Mapped[str] = mapped_column(sa.Text, default="")
    source_id: Mapped[int | None] = mapped_column(sa.ForeignKey("source.id"))

    source: Mapped[Source | None] = relationship()


class Link(Base):
    """A reference link cited by the seeds (official programme pages)."""

    __tablename__ = "link"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    title_lv: Mapped[str] = mapped_column(sa.Text)
    title_en: Mapped[str] = mapped_column(sa.Text)
    url: Mapped[str] = mapped_column(sa.String(500))
    publisher: Mapped[str | None] = mapped_column(sa.String(300))
    cited_on: Mapped[dt.date | None]
    source_id: Mapped[int | None] = mapped_column(sa.ForeignKey("source.id"))

    source: Mapped[Source | None] = relationship()


class User(Base):
    """An admin or staff account. Passwords are stored as werkzeug scrypt hashes only."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    role: Mapped[str] = mapped_column(sa.String(16))  # "admin" | "staff"
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Part of every session's identity (Flask-Login's alternative id): bumped by sign-out,
    # a password change and deactivation, so every session issued before that ends at once,
    # on every worker and host, although the session itself is a signed cookie.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    password_changed_at: Mapped[dt.datetime | None]


class ApiToken(Base):
    """A bearer token for the admin API; only its SHA-256 is stored. Revocable."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"))
    name: Mapped[str] = mapped_column(sa.String(100))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None]
    last_used_at: Mapped[dt.datetime | None]
    # A token stops working after this moment (default: a year after it was created).
    expires_at: Mapped[dt.datetime | None]

    user: Mapped[User] = relationship()


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
    metric_code: Mapped[str | None] = mapped_column(sa.String(32))
    message: Mapped[str] = mapped_column(sa.Text)
    email: Mapped[str | None] = mapped_column(sa.String(254))
    lang: Mapped[str] = mapped_column(sa.String(2), default="lv")
    status: Mapped[str] = mapped_column(sa.String(16), default="new")  # new | resolved
    # The reader's e-mail address is erased a set time after this (REPORT_EMAIL_RETENTION_DAYS).
    resolved_at: Mapped[dt.datetime | None]
    # What the admin who resolved it found or did (required when resolving; shown in the inbox).
    resolution_note: Mapped[str | None] = mapped_column(sa.Text)
