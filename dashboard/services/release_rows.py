"""Writing a validated upload's rows into a new release: each at its geography, with its source,
beside or instead of what is already in effect for the same cell.

A cell is one geography (national, a planning region, or a municipality of one division) × one
period × one metric (``queries.preference.CELL_COLUMNS``). Several sources may publish the same
cell, and every one is kept:

* the same value from the **same source** (the same identity, ``ingest.types.source_key``) is
  nothing new: the published row keeps its release and provenance;
* a different value from the **same source** is a correction: refused unless the upload is
  published with ``replace``, which supersedes that source's row for that cell (and no other);
* a value from **another source** is stored beside the others — a corroboration when the values
  agree, a conflict when they do not — and readers get the cell's preferred row
  (``queries/preference.py``). Nothing of another source is superseded, so a rollback of the
  release takes its rows away and the cell is as it was.

An admin's choice of a cell's source (``services/preference.py``) follows that source: a row
that supersedes the chosen row of its own source is chosen in its place (and a rollback brings
the old, still chosen, row back).

Kept apart from ``releases.py`` (staging, the publishing transaction, rollback) so each module
stays about one job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from dashboard.db import models as m
from dashboard.db.published import in_effect
from dashboard.ingest.types import ParsedRow
from dashboard.services.base import ServiceError
from dashboard.services.sources import NamedSource, SourceFinder, stored_source_key


@dataclass(frozen=True)
class Cell:
    """Where a row goes: its geography, period and metric, as the observation table stores them."""

    geo_level: str
    region_id: int | None
    municipality_id: int | None
    period_id: int
    metric_id: int


def _invalid(why: str) -> ServiceError:
    """The validator should have refused such a row; refuse the publish cleanly all the same."""
    return ServiceError.translated(
        "invalid", "The file is not valid; nothing was changed.", row=why
    )


class _Places:
    """The regions, municipalities (by division and code) and metrics a file's rows name."""

    def __init__(self, session: Session) -> None:
        self.regions = {r.code: r.id for r in session.scalars(sa.select(m.Region))}
        self.municipalities = {
            (u.division, u.code): u for u in session.scalars(sa.select(m.Municipality))
        }
        self.metrics = {x.code: x.id for x in session.scalars(sa.select(m.Metric))}

    def cell(self, row: ParsedRow, period_id: int) -> Cell:
        metric = self.metrics.get(row.metric)
        if metric is None:
            raise _invalid(f"row {row.row}: metric {row.metric!r}")
        if row.geo_level == "national":
            return Cell("national", None, None, period_id, metric)
        if row.geo_level == "planning_region":
            region = self.regions.get(row.region or "")
            if region is None:
                raise _invalid(f"row {row.row}: region {row.region!r}")
            return Cell("planning_region", region, None, period_id, metric)
        if row.geo_level == "municipality":
            unit = self.municipalities.get((row.division or "", row.municipality or ""))
            if unit is None:
                raise _invalid(f"row {row.row}: municipality {row.division}/{row.municipality}")
            # Its planning region in its own division (Tukuma novads: Rīga in 2009, Kurzeme
            # in 2021), whatever the row says.
            return Cell("municipality", unit.region_id, unit.id, period_id, metric)
        raise _invalid(f"row {row.row}: geography level {row.geo_level!r}")


def get_or_create_period(session: Session, spec: Any) -> m.Period:
    """The period with the spec's dates (any whole-month range), created if new."""
    period = session.scalar(
        sa.select(m.Period).where(m.Period.start_date == spec.start, m.Period.end_date == spec.end)
    )
    if period is None:
        period = m.Period.from_spec(spec)
        session.add(period)
        session.flush()
    return period


class _Periods:
    """Period ids by dates, read once; a period not on file yet is created when first named."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids = {(p.start_date, p.end_date): p.id for p in session.scalars(sa.select(m.Period))}

    def id_for(self, spec: Any) -> int:
        key = (spec.start, spec.end)
        if key not in self.ids:
            self.ids[key] = get_or_create_period(self.session, spec).id
        return self.ids[key]


def _cell_of(observation: m.Observation) -> Cell:
    return Cell(
        observation.geo_level,
        observation.region_id,
        observation.municipality_id,
        observation.period_id,
        observation.metric_id,
    )


def _in_effect(
    session: Session, cells: set[Cell], release: m.Release
) -> dict[Cell, list[m.Observation]]:
    """The rows in effect, from earlier releases, of each of ``cells``: read in a few queries
    (by the cells' periods and metrics, in chunks) rather than one per row."""
    found: dict[Cell, list[m.Observation]] = {}
    metrics = sorted({c.metric_id for c in cells})
    periods = sorted({c.period_id for c in cells})
    chunk = 500
    for first in range(0, len(periods), chunk):
        rows = session.scalars(
            sa.select(m.Observation)
            .join(m.Release, m.Observation.release_id == m.Release.id)
            .where(
                m.Observation.period_id.in_(periods[first : first + chunk]),
                m.Observation.metric_id.in_(metrics),
                in_effect(),
                m.Release.id != release.id,
            )
            .order_by(m.Observation.id)
        )
        for row in rows:
            cell = _cell_of(row)
            if cell in cells:
                found.setdefault(cell, []).append(row)
    return found


def _source_for(finder: SourceFinder, row: ParsedRow) -> m.Source | None:
    """The row's source (found or created), or ``None`` when the row names none."""
    named = NamedSource(
        row.source_url, row.source_title, row.source_publisher, row.source_published_on
    )
    try:
        return finder.source_for(named)
    except ValueError as exc:
        raise _invalid(f"row {row.row}: source_published_on {row.source_published_on!r}") from exc


def write_rows(
    session: Session, release: m.Release, rows: Iterable[ParsedRow], *, replace: bool
) -> dict[str, int]:
    """Add ``rows`` to ``release`` (see the module docstring); returns how many rows were
    ``added``, ``unchanged``, ``superseded``, and how many of the added are ``corroborations``
    and ``conflicts``. Raises :class:`ServiceError` (the caller's transaction is then rolled
    back) for a changed value of the same source without ``replace``."""
    places = _Places(session)
    periods = _Periods(session)
    finder = SourceFinder(session)
    keys: dict[int | None, str] = {None: ""}
    counts: Counter[str] = Counter(
        added=0, unchanged=0, superseded=0, corroborations=0, conflicts=0
    )
    written: dict[tuple[Cell, str], int] = {}

    def key_of(observation: m.Observation) -> str:
        if observation.source_id not in keys:
            keys[observation.source_id] = stored_source_key(observation.source)
        return keys[observation.source_id]

    placed = []
    for row in rows:
        if row.reliability not in ("normal", "low"):
            raise _invalid(f"row {row.row}: reliability {row.reliability!r}")
        placed.append((row, places.cell(row, periods.id_for(row.period))))
    in_effect_now = _in_effect(session, {cell for _, cell in placed}, release)

    for row, cell in placed:
        identity = row.source
        if (cell, identity) in written:
            if written[(cell, identity)] != row.value:
                raise _invalid(f"row {row.row}: the same figure twice")
            continue
        written[(cell, identity)] = row.value
        current = in_effect_now.get(cell, [])
        same = [o for o in current if key_of(o) == identity]
        others = [o for o in current if key_of(o) != identity]
        if any(o.value == row.value for o in same):
            counts["unchanged"] += 1  # keep the original row and its provenance
            continue
        if same and not replace:
            raise ServiceError.translated(
                "changed",
                "A figure from the same source is already published with another value; "
                "nothing was changed. Publish with “replace” to supersede it.",
                row=row.row,
            )
        chosen = any(o.preferred_by_admin for o in same)
        for old in same:
            old.superseded_by_release_id = release.id
        counts["superseded"] += len(same)
        source = _source_for(finder, row)
        session.add(
            m.Observation(
                period_id=cell.period_id,
                geo_level=cell.geo_level,
                region_id=cell.region_id,
                municipality_id=cell.municipality_id,
                metric_id=cell.metric_id,
                value=row.value,
                source=source,
                release=release,
                preferred_by_admin=chosen,
                reliability=row.reliability,
                note=row.note,
            )
        )
        counts["added"] += 1
        if others:
            agree = all(o.value == row.value for o in others)
            counts["corroborations" if agree else "conflicts"] += 1
    return dict(counts)
