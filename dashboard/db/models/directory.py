"""The public directory and the programme facts around the figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dashboard.db.models.base import Base

if TYPE_CHECKING:
    from dashboard.db.models.figures import Source
    from dashboard.db.models.geography import Municipality, Region


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
