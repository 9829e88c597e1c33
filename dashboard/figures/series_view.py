"""The overview's charts as a grid: every slot of the chosen range × every selected region.

:func:`series_view` turns the tidy frame of :func:`dashboard.queries.observations` (one view's
rows: see ``queries/series.py``) into that grid, with ``None`` wherever a region published
nothing for a slot. The figures, tables, summaries and headline cards read it, so each of them
knows for every slot which regions reported ("4 of 5 regions reported in 2024") and none can
draw a missing value as 0, bridge a gap, or compare five regions' total with one region's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from dashboard.i18n import t, tn
from dashboard.queries.series import ADDITIVE, Slot, period_slot, slot_grid


@dataclass(frozen=True)
class Cell:
    """One region's published value for one slot (``period``: the period's code)."""

    value: int
    months: int
    period: str


@dataclass(frozen=True)
class SeriesView:
    granularity: str
    per_month: bool
    slots: list[Slot]
    regions: list[tuple[str, str]]  # the selected regions: (code, name), in registry order
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)  # (slot key, region)
    lang: str = "lv"

    # --- reading cells ---------------------------------------------------------------------

    def cell(self, slot: Slot, region: str) -> Cell | None:
        return self.cells.get((slot.key, region))

    def shown(self, cell: Cell | None) -> float | None:
        """A cell as the chart shows it: the value, or per month; ``None`` when unpublished."""
        if cell is None:
            return None
        return cell.value / cell.months if self.per_month else float(cell.value)

    def reported(self, slot: Slot) -> list[str]:
        """Codes of the selected regions that published a value for ``slot``."""
        return [code for code, _ in self.regions if (slot.key, code) in self.cells]

    def complete(self, slot: Slot) -> bool:
        """Every selected region published a value for ``slot``."""
        return bool(self.regions) and len(self.reported(slot)) == len(self.regions)

    def with_data(self) -> list[Slot]:
        return [s for s in self.slots if self.reported(s)]

    def complete_slots(self) -> list[Slot]:
        return [s for s in self.slots if self.complete(s)]

    def region_name(self, code: str) -> str:
        return dict(self.regions).get(code, code)

    @property
    def additive(self) -> bool:
        """Slots are disjoint (years, halves, quarters): their values may be added up."""
        return self.granularity in ADDITIVE

    @property
    def monthly(self) -> bool:
        """Slots are months (running totals, stocks): too many to label every empty one."""
        return not self.additive

    # --- naming slots ----------------------------------------------------------------------

    def axis_label(self, slot: Slot) -> str:
        """The slot's label on the axis, on two lines where it has a part-year note."""
        return slot.label(self.lang).replace(" (", "<br>(", 1)

    def name(self, slot: Slot) -> str:
        """The slot's full name, for hovers, tables and summaries."""
        label = slot.label(self.lang)
        if self.granularity == "programme":
            return t("running total since March 2018, to {month}", self.lang, month=label)
        if self.granularity == "stock":
            return t("at the end of {month}", self.lang, month=label)
        if slot.partial:
            return t("{period}, part year", self.lang, period=label)
        return label


def series_view(
    frame: pd.DataFrame,
    metric: str,
    regions: list[tuple[str, str]],
    granularity: str,
    date_from: dt.date | None,
    date_to: dt.date | None,
    per_month: bool,
    lang: str,
) -> SeriesView:
    """The grid of ``frame``'s rows of ``metric`` for the selected ``regions`` ((code, name)
    pairs): every slot of ``granularity`` from ``date_from`` to ``date_to``."""
    rows = frame[frame["metric"] == metric]
    cells: dict[tuple[str, str], Cell] = {}
    columns = ("period", "period_start", "period_end", "months", "region", "value")
    for code, start, end, months, region, value in zip(
        *(rows[c].tolist() for c in columns), strict=True
    ):
        key = period_slot(start, end, granularity)
        if key is not None:
            cells.setdefault((key, region), Cell(int(value), int(months), code))
    if date_from is None or date_to is None:
        slots: list[Slot] = []
    else:
        slots = slot_grid(granularity, date_from, date_to)
    wanted = {code for code, _ in regions}
    keys = {s.key for s in slots}
    cells = {k: c for k, c in cells.items() if k[1] in wanted and k[0] in keys}
    return SeriesView(granularity, per_month, slots, list(regions), cells, lang)


def coverage_text(view: SeriesView, slot: Slot) -> str:
    """Who reported for ``slot``: "4 of 5 regions reported in 2024" (LV "2024. gadā datus
    publicēja 4 no 5 reģioniem"), "all 5 …", or "only Vidzeme …"."""
    reported = view.reported(slot)
    n = len(view.regions)
    period = view.name(slot)
    if not reported:
        return t("{period}: no data published", view.lang, period=period)
    if len(reported) == n:
        if n == 1:
            return t(
                "{period}: {region} reported",
                view.lang,
                period=period,
                region=view.region_name(reported[0]),
            )
        return tn(
            "{period}: all {n} selected region reported",
            "{period}: all {n} selected regions reported",
            n,
            view.lang,
            period=period,
        )
    return tn(
        "{period}: {k} of {n} selected region reported",
        "{period}: {k} of {n} selected regions reported",
        n,
        view.lang,
        period=period,
        k=len(reported),
    )
