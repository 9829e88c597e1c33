"""What is counted, when, where, by whom: the published figures and their provenance."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dashboard.db.models.base import Base, utcnow

if TYPE_CHECKING:
    from dashboard.db.models.geography import Municipality, Region


class Metric(Base):
    """What is counted, in which unit. Units differ, so metrics are never summed together."""

    __tablename__ = "metric"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name_lv: Mapped[str] = mapped_column(sa.String(200))
    name_en: Mapped[str] = mapped_column(sa.String(200))
    unit_code: Mapped[str] = mapped_column(sa.String(32))
    unit_lv: Mapped[str] = mapped_column(sa.String(50))
    unit_en: Mapped[str] = mapped_column(sa.String(50))
    definition_lv: Mapped[str] = mapped_column(sa.Text)
    definition_en: Mapped[str] = mapped_column(sa.Text)
    sort_order: Mapped[int] = mapped_column(default=0)
    # flow: counted during the period (running totals are long flows from March 2018);
    # stock: standing at the period's end month ("as of"); target: a plan, may lie in the future.
    kind: Mapped[str] = mapped_column(sa.String(8), default="flow", server_default="flow")


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
    # How much of ``published_on`` the source states: "day", "month" (the date is the month's
    # first day) or None when the source gives no date ("not stated").
    published_precision: Mapped[str | None] = mapped_column(sa.String(8))
    # official (the ministry, a planning region, a municipality), press, or other; the
    # preferred value of a cell with conflicting sources is the official one (see
    # queries/preference.py).
    kind: Mapped[str] = mapped_column(sa.String(16), default="other", server_default="other")
    quote: Mapped[str | None] = mapped_column(sa.Text)
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
    """One published number: the value of a metric for a geography and period, from a source.

    ``geo_level`` says where the number applies: ``national`` (Latvia: no region, no
    municipality), ``planning_region`` (``region_id``) or ``municipality`` (``municipality_id``,
    with ``region_id`` the planning region it belonged to in its division). The levels are
    separate figures, never summed into each other.

    A cell (geography × period dates × metric) may hold one row per source: the same value is a
    corroboration, a different one a conflict; readers see the preferred row
    (``preferred_by_admin`` first, then the rule in ``queries/preference.py``). Rows are never
    updated in place: a later release that replaces a value *from the same source* sets
    ``superseded_by_release_id`` on the old row, so every release stays reproducible.
    """

    __tablename__ = "observation"
    __table_args__ = (
        sa.CheckConstraint("value >= 0", name="value_non_negative"),
        sa.CheckConstraint(
            "(geo_level = 'national' AND region_id IS NULL AND municipality_id IS NULL)"
            " OR (geo_level = 'planning_region' AND region_id IS NOT NULL"
            " AND municipality_id IS NULL)"
            " OR (geo_level = 'municipality' AND municipality_id IS NOT NULL)",
            name="geography",
        ),
        sa.CheckConstraint("reliability IN ('normal', 'low')", name="reliability"),
        sa.Index("ix_observation_lookup", "metric_id", "period_id", "region_id", "source_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(sa.ForeignKey("period.id"))
    geo_level: Mapped[str] = mapped_column(
        sa.String(16), default="planning_region", server_default="planning_region"
    )
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("region.id"))
    municipality_id: Mapped[int | None] = mapped_column(sa.ForeignKey("municipality.id"))
    metric_id: Mapped[int] = mapped_column(sa.ForeignKey("metric.id"))
    value: Mapped[int]
    # None: the upload named no source ("source not stated"), never the uploader or the file.
    source_id: Mapped[int | None] = mapped_column(sa.ForeignKey("source.id"))
    release_id: Mapped[int] = mapped_column(sa.ForeignKey("release.id"), index=True)
    superseded_by_release_id: Mapped[int | None] = mapped_column(sa.ForeignKey("release.id"))
    # An admin's choice among a cell's conflicting sources (audited); overrides the rule.
    preferred_by_admin: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # "low" for machine-translated aggregators, approximate wording (the dossier's flag).
    reliability: Mapped[str] = mapped_column(
        sa.String(8), default="normal", server_default="normal"
    )
    note: Mapped[str | None] = mapped_column(sa.Text)

    period: Mapped[Period] = relationship()
    region: Mapped[Region | None] = relationship()
    municipality: Mapped[Municipality | None] = relationship()
    metric: Mapped[Metric] = relationship()
    source: Mapped[Source | None] = relationship()
    release: Mapped[Release] = relationship(foreign_keys=[release_id])
