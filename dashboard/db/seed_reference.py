"""The reference part of the seed: regions, municipalities of both divisions and their
successors, measures, the seed table's periods and the seed documents as sources.

Split from :mod:`dashboard.db.seed` (which loads the directory, the programme facts and the seed
table on top of it). Like the rest of the seed, rows are matched by their key and only missing
ones are added, so ``init-db`` can run again on any database, including one created before the
two divisions existed: there the ten pilot municipalities are already stored (as division 2009
rows, which migration 0009 made them), so they are kept and the other 152 units are added.

Columns that migration 0009 added to existing rows hold its defaults there (a municipality
without validity dates, a seed source of kind ``other``); :func:`load_reference` fills those in
from the seed, and only where the default is still there, so nothing an admin chose is undone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from dashboard.contact_details import is_http_url
from dashboard.db import models as m
from dashboard.db.seed_csv import SeedError, bool_cell, build_row, date_cell, opt, read_csv

UNITS_FILE = "municipality_units.csv"
SUCCESSORS_FILE = "municipality_successors.csv"
DIVISIONS = ("2009", "2021")
METRIC_KINDS = ("flow", "stock", "target")
SOURCE_KINDS = ("official", "press", "other")


@dataclass
class Reference:
    """The reference rows by key, for the loaders that build on them."""

    regions: dict[str, m.Region]
    municipalities: dict[tuple[str, str], m.Municipality]  # (division, code)
    metrics: dict[str, m.Metric]
    periods: dict[str, m.Period]
    sources: dict[str, m.Source]

    def municipalities_of(self, division: str) -> dict[str, m.Municipality]:
        """One division's units by code (a code alone is ambiguous across divisions)."""
        return {code: x for (div, code), x in self.municipalities.items() if div == division}


def add_missing(
    session: Session,
    added: dict[str, int],
    table: str,
    rows: list[dict[str, str]],
    file: str,
    existing: dict[Any, Any],
    key: Callable[[dict[str, str]], Any],
    build: Callable[[dict[str, str], str], Any],
) -> dict[Any, Any]:
    """Build and add each row whose key is not in ``existing``; count them in ``added``."""
    count = 0
    for lineno, row in enumerate(rows, start=2):
        if key(row) in existing:
            continue
        obj = build_row(build, row, f"{file} line {lineno}")
        session.add(obj)
        existing[key(row)] = obj
        count += 1
    session.flush()
    added[table] = count
    return existing


def _by_code(session: Session, model: type[Any]) -> dict[str, Any]:
    return {obj.code: obj for obj in session.scalars(sa.select(model))}


def _check_choice(value: str, choices: tuple[str, ...], where: str, column: str) -> str:
    if value not in choices:
        raise SeedError(f"{where}, column {column}: {value!r} is not one of {', '.join(choices)}")
    return value


def load_municipalities(
    session: Session, seed_dir: Path, regions: dict[str, m.Region], added: dict[str, int]
) -> dict[tuple[str, str], m.Municipality]:
    """Both divisions' units (key: division and code) and, on an older database, the validity
    dates and ATVK codes of units stored before the divisions existed."""
    rows = read_csv(seed_dir / UNITS_FILE)
    existing = {(x.division, x.code): x for x in session.scalars(sa.select(m.Municipality))}
    for lineno, row in enumerate(rows, start=2):
        unit = existing.get((row["division"], row["code"]))
        if unit is None:
            continue
        where = f"{UNITS_FILE} line {lineno}"
        if unit.valid_from is None and row["valid_from"]:
            unit.valid_from = build_row(lambda r, _w: date_cell(r["valid_from"]), row, where)
        if unit.valid_to is None and row["valid_to"]:
            unit.valid_to = build_row(lambda r, _w: date_cell(r["valid_to"]), row, where)
        if unit.atvk is None and row["atvk"]:
            unit.atvk = row["atvk"]

    def build(r: dict[str, str], where: str) -> m.Municipality:
        return m.Municipality(
            division=_check_choice(r["division"], DIVISIONS, where, "division"),
            code=r["code"],
            name_lv=r["name_lv"],
            name_en=r["name_en"],
            kind=r["kind"],
            region=regions[r["region_code"]],
            is_pilot=bool_cell(r["is_pilot"]),
            valid_from=date_cell(r["valid_from"]),
            valid_to=date_cell(r["valid_to"]),
            atvk=opt(r["atvk"]),
        )

    return add_missing(
        session,
        added,
        "municipality",
        rows,
        UNITS_FILE,
        existing,
        lambda r: (r["division"], r["code"]),
        build,
    )


def load_successors(
    session: Session,
    seed_dir: Path,
    municipalities: dict[tuple[str, str], m.Municipality],
    added: dict[str, int],
) -> None:
    """Each 2009 unit → its 2021 successor(s), keyed by the pair."""
    existing = {
        (s.predecessor_id, s.successor_id): s
        for s in session.scalars(sa.select(m.MunicipalitySuccessor))
    }

    def key(r: dict[str, str]) -> tuple[int, int]:
        old = municipalities.get(("2009", r["code_2009"]))
        new = municipalities.get(("2021", r["code_2021"]))
        # An unknown code cannot match an existing pair; build() reports it with its line.
        return (old.id if old else -1, new.id if new else -1)

    def build(r: dict[str, str], where: str) -> m.MunicipalitySuccessor:
        old = municipalities.get(("2009", r["code_2009"]))
        new = municipalities.get(("2021", r["code_2021"]))
        if old is None or new is None:
            column = "code_2009" if old is None else "code_2021"
            code = r[column]
            raise SeedError(f"{where}, column {column}: {code!r} is not a unit of that division")
        return m.MunicipalitySuccessor(
            predecessor_id=old.id,
            successor_id=new.id,
            approximate=bool_cell(r["approximate"]),
            note=opt(r["note"]),
        )

    rows = read_csv(seed_dir / SUCCESSORS_FILE)
    table = "municipality_successor"
    add_missing(session, added, table, rows, SUCCESSORS_FILE, existing, key, build)


def load_reference(session: Session, seed_dir: Path, added: dict[str, int]) -> Reference:
    """Add whatever reference rows are missing; return them all by key."""
    regions = add_missing(
        session,
        added,
        "region",
        read_csv(seed_dir / "regions.csv"),
        "regions.csv",
        _by_code(session, m.Region),
        lambda r: r["code"],
        lambda r, _w: m.Region(
            code=r["code"],
            name_lv=r["name_lv"],
            name_en=r["name_en"],
            long_name_lv=r["long_name_lv"],
            long_name_en=r["long_name_en"],
            sort_order=int(r["sort_order"]),
        ),
    )
    municipalities = load_municipalities(session, seed_dir, regions, added)
    load_successors(session, seed_dir, municipalities, added)

    def build_metric(r: dict[str, str], where: str) -> m.Metric:
        # metrics.csv gains its kind column with the measure registry; until then every
        # measure is a flow, as all three of the seed table's are.
        kind = _check_choice(r.get("kind") or "flow", METRIC_KINDS, where, "kind")
        return m.Metric(
            code=r["code"],
            name_lv=r["name_lv"],
            name_en=r["name_en"],
            unit_code=r["unit_code"],
            unit_lv=r["unit_lv"],
            unit_en=r["unit_en"],
            definition_lv=r["definition_lv"],
            definition_en=r["definition_en"],
            sort_order=int(r["sort_order"]),
            kind=kind,
        )

    metrics = add_missing(
        session,
        added,
        "metric",
        read_csv(seed_dir / "metrics.csv"),
        "metrics.csv",
        _by_code(session, m.Metric),
        lambda r: r["code"],
        build_metric,
    )
    periods = add_missing(
        session,
        added,
        "period",
        read_csv(seed_dir / "periods.csv"),
        "periods.csv",
        _by_code(session, m.Period),
        lambda r: r["code"],
        lambda r, _w: m.Period(
            code=r["code"],
            start_date=dt.date.fromisoformat(r["start"]),
            end_date=dt.date.fromisoformat(r["end"]),
            label_lv=r["label_lv"],
            label_en=r["label_en"],
            months=int(r["months"]),
            is_partial=bool_cell(r["is_partial"]),
        ),
    )
    sources = load_seed_sources(session, seed_dir, added)
    return Reference(regions, municipalities, metrics, periods, sources)


def load_seed_sources(session: Session, seed_dir: Path, added: dict[str, int]) -> dict[str, Any]:
    """The seed documents as sources. Their dates are stated to the day (``published_on`` is
    empty where a seed gives none); ``kind`` is in the file (all five are official pages: the
    ministry's and, as inferred, Daugavpils city council's)."""
    rows = read_csv(seed_dir / "sources.csv")
    existing = _by_code(session, m.Source)
    for lineno, row in enumerate(rows, start=2):
        source = existing.get(row["code"])
        if source is None:
            continue
        kind = _check_choice(row.get("kind") or "other", SOURCE_KINDS, f"line {lineno}", "kind")
        if source.kind == "other" and kind != "other":  # migration 0009's default
            source.kind = kind
        if source.published_precision is None and source.published_on is not None:
            source.published_precision = "day"

    def build(r: dict[str, str], where: str) -> m.Source:
        if r["url"] and not is_http_url(r["url"]):
            raise SeedError(f"{where}, column url: {r['url']!r} is not an http(s) URL")
        published_on = date_cell(r["published_on"])
        return m.Source(
            code=r["code"],
            title=r["title"],
            publisher=r["publisher"],
            url=opt(r["url"]),
            published_on=published_on,
            published_precision="day" if published_on else None,
            kind=_check_choice(r.get("kind") or "other", SOURCE_KINDS, where, "kind"),
            note=opt(r.get("note", "")),
        )

    return add_missing(
        session, added, "source", rows, "sources.csv", existing, lambda r: r["code"], build
    )
