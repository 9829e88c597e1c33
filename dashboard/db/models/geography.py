"""Planning regions and municipalities, each municipality in its own division."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dashboard.db.models.base import Base


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
    """A municipality (novads or city) of one administrative division.

    Latvia has had two divisions since the programme began: the 119 units of 2009–2021
    (``division="2009"``) and the units in force from 1 July 2021 (``division="2021"``). The same
    name can mean different territories in the two ("Jēkabpils novads"), and a unit can move
    between planning regions (Tukuma novads: Rīga until June 2021, Kurzeme after), so a unit is
    identified by division and code, and carries the planning region it belonged to *in that
    division*. ``valid_from``/``valid_to`` bound the months a figure for it can cover
    (Varakļānu novads ends on 30 June 2025, when it joined Madonas novads).
    """

    __tablename__ = "municipality"
    __table_args__ = (
        sa.UniqueConstraint("division", "code", name="uq_municipality_division_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    division: Mapped[str] = mapped_column(sa.String(4), default="2009", server_default="2009")
    code: Mapped[str] = mapped_column(sa.String(16))  # ISO 3166-2, e.g. LV-083
    name_lv: Mapped[str] = mapped_column(sa.String(100))
    name_en: Mapped[str] = mapped_column(sa.String(100))
    kind: Mapped[str] = mapped_column(sa.String(16))  # "city" | "novads"
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("region.id"))
    is_pilot: Mapped[bool] = mapped_column(default=False)
    valid_from: Mapped[dt.date | None]
    valid_to: Mapped[dt.date | None]
    atvk: Mapped[str | None] = mapped_column(sa.String(8))

    region: Mapped[Region] = relationship(back_populates="municipalities")

    def valid_for(self, start: dt.date, end: dt.date) -> bool:
        """Whether the unit existed for the whole of ``start``–``end``."""
        return (self.valid_from is None or self.valid_from <= start) and (
            self.valid_to is None or end <= self.valid_to
        )


class MunicipalitySuccessor(Base):
    """A 2009–2021 unit and a 2021 unit that took over (part of) its territory.

    ``approximate`` marks the units that were split between two successors (Aglonas and
    Inčukalna novads): their territory, and any boundary drawn from it, is only approximately
    the successor's.
    """

    __tablename__ = "municipality_successor"

    id: Mapped[int] = mapped_column(primary_key=True)
    predecessor_id: Mapped[int] = mapped_column(sa.ForeignKey("municipality.id"))
    successor_id: Mapped[int] = mapped_column(sa.ForeignKey("municipality.id"))
    approximate: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(sa.Text)
