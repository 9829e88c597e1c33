"""Load the hand-made seed CSVs in ``data/seed/`` into the database.

Seeding is idempotent: reference rows are matched by their ``code`` and only missing ones are
added, and release 1 (the published VARAM table) is created only if no release exists yet. Every
row is validated first; a bad row stops the load with a message naming the file, line and column
rather than being loaded silently.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from dashboard.contact_details import is_http_url, is_valid_email, normalise_phone
from dashboard.db import models as m

SEED_RELEASE_DESCRIPTION = (
    "VARAM, “Reģionālais remigrācijas atbalsts”, published 18.08.2020 (seed table)"
)
OBSERVATIONS_FILE = "observations_seed004.csv"
OBSERVATIONS_SOURCE = "seed-004"
TOTAL_COLUMN = "KOPĀ"


class SeedError(ValueError):
    """A seed row failed validation; the message names the file, line and column."""


@dataclass(frozen=True)
class SeedReport:
    added: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.added.values())


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            {k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)
        ]


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "jā"}


def _opt(value: str) -> str | None:
    return value or None


def validate_contact_row(row: dict[str, str], where: str) -> dict[str, str]:
    """Check a contact row; return it with the phone normalised, or raise :class:`SeedError`."""
    email = row.get("email", "")
    if email and not is_valid_email(email):
        raise SeedError(f"{where}, column email: {email!r} is not a valid e-mail address")
    phone = row.get("phone", "")
    if phone:
        normalised = normalise_phone(phone)
        if normalised is None:
            raise SeedError(f"{where}, column phone: {phone!r} is not a valid phone number")
        row = {**row, "phone": normalised}
    if not row.get("name"):
        raise SeedError(f"{where}, column name: empty")
    return row


def _check_url(value: str, where: str, column: str) -> None:
    if value and not is_http_url(value):
        raise SeedError(f"{where}, column {column}: {value!r} is not an http(s) URL")


def _whole_number(value: str, where: str, column: str) -> int:
    if not value.isascii() or not value.isdigit():
        raise SeedError(f"{where}, column {column}: {value!r} is not a whole number ≥ 0")
    return int(value)


def read_published_table(path: Path) -> list[dict[str, Any]]:
    """Read the wide seed table (one column per region plus ``KOPĀ``) into tidy rows.

    ``KOPĀ`` is the published total; it is used to check the transcription and never stored
    as a sixth region.
    """
    rows = read_csv(path)
    tidy: list[dict[str, Any]] = []
    for lineno, row in enumerate(rows, start=2):
        where = f"{path.name} line {lineno}"
        total = _whole_number(row.get(TOTAL_COLUMN, ""), where, TOTAL_COLUMN)
        regions = {k: v for k, v in row.items() if k not in {"period", "metric", TOTAL_COLUMN}}
        values = {k: _whole_number(v, where, k) for k, v in regions.items()}
        if sum(values.values()) != total:
            raise SeedError(
                f"{where}, column {TOTAL_COLUMN}: total {total} differs from the sum of the "
                f"regions {sum(values.values())}"
            )
        for region_name, value in values.items():
            tidy.append(
                {
                    "period": row["period"],
                    "metric": row["metric"],
                    "region_name": region_name,
                    "value": value,
                }
            )
    return tidy


def _build(build: Any, row: dict[str, str], where: str) -> Any:
    """Run a row builder, turning a malformed cell into a :class:`SeedError` naming the row."""
    try:
        return build(row, where)
    except SeedError:
        raise
    except (ValueError, KeyError, ArithmeticError) as exc:
        raise SeedError(f"{where}: {type(exc).__name__}: {exc}") from exc


def _existing_codes(session: Session, model: type[Any]) -> dict[str, Any]:
    return {obj.code: obj for obj in session.scalars(sa.select(model))}


def load_seed(session: Session, seed_dir: Path) -> SeedReport:
    """Insert whatever part of the seed is missing. Runs inside the caller's transaction."""
    added: dict[str, int] = {}

    def add_missing(
        table: str, model: type[Any], file: str, build: Any, key: str = "code"
    ) -> dict[str, Any]:
        existing = _existing_codes(session, model)
        count = 0
        for lineno, row in enumerate(read_csv(seed_dir / file), start=2):
            if row[key] in existing:
                continue
            obj = _build(build, row, f"{file} line {lineno}")
            session.add(obj)
            existing[row[key]] = obj
            count += 1
        session.flush()
        added[table] = count
        return existing

    regions = add_missing(
        "region",
        m.Region,
        "regions.csv",
        lambda r, _w: m.Region(
            code=r["code"],
            name_lv=r["name_lv"],
            name_en=r["name_en"],
            long_name_lv=r["long_name_lv"],
            long_name_en=r["long_name_en"],
            sort_order=int(r["sort_order"]),
        ),
    )
    municipalities = add_missing(
        "municipality",
        m.Municipality,
        "municipalities.csv",
        lambda r, _w: m.Municipality(
            code=r["code"],
            name_lv=r["name_lv"],
            name_en=r["name_en"],
            kind=r["kind"],
            region=regions[r["region_code"]],
            is_pilot=_bool(r["is_pilot"]),
        ),
    )
    metrics = add_missing(
        "metric",
        m.Metric,
        "metrics.csv",
        lambda r, _w: m.Metric(
            code=r["code"],
            name_lv=r["name_lv"],
            name_en=r["name_en"],
            unit_code=r["unit_code"],
            unit_lv=r["unit_lv"],
            unit_en=r["unit_en"],
            definition_lv=r["definition_lv"],
            definition_en=r["definition_en"],
            sort_order=int(r["sort_order"]),
        ),
    )
    periods = add_missing(
        "period",
        m.Period,
        "periods.csv",
        lambda r, _w: m.Period(
            code=r["code"],
            start_date=dt.date.fromisoformat(r["start"]),
            end_date=dt.date.fromisoformat(r["end"]),
            label_lv=r["label_lv"],
            label_en=r["label_en"],
            months=int(r["months"]),
            is_partial=_bool(r["is_partial"]),
        ),
    )

    def build_source(r: dict[str, str], where: str) -> m.Source:
        _check_url(r["url"], where, "url")
        return m.Source(
            code=r["code"],
            title=r["title"],
            publisher=r["publisher"],
            url=_opt(r["url"]),
            published_on=_date(r["published_on"]),
            note=_opt(r.get("note", "")),
        )

    sources = add_missing("source", m.Source, "sources.csv", build_source)

    def build_funding(r: dict[str, str], _w: str) -> m.Funding:
        return m.Funding(
            code=r["code"],
            parent=funding.get(r["parent_code"]) if r["parent_code"] else None,
            title_lv=r["title_lv"],
            title_en=r["title_en"],
            amount_eur=Decimal(r["amount_eur"]) if r["amount_eur"] else None,
            share_pct=Decimal(r["share_pct"]) if r["share_pct"] else None,
            kind=r["kind"],
            year=int(r["year"]) if r["year"] else None,
            period_start=_date(r["period_start"]),
            period_end=_date(r["period_end"]),
            source=sources.get(r["source_code"]),
            note=_opt(r["note"]),
        )

    # Parents precede their parts in the file, so building in order resolves parent codes.
    funding: dict[str, Any] = _existing_codes(session, m.Funding)
    funding_added = 0
    for lineno, row in enumerate(read_csv(seed_dir / "funding.csv"), start=2):
        if row["code"] in funding:
            continue
        obj = _build(build_funding, row, f"funding.csv line {lineno}")
        session.add(obj)
        funding[row["code"]] = obj
        funding_added += 1
    session.flush()
    added["funding"] = funding_added

    def build_contact(r: dict[str, str], where: str) -> m.Contact:
        r = validate_contact_row(r, where)
        return m.Contact(
            code=r["code"],
            name=r["name"],
            role_lv=r["role_lv"],
            role_en=r["role_en"],
            organisation=r["organisation"],
            region=regions.get(r["region_code"]),
            municipality=municipalities.get(r["municipality_code"]),
            email=_opt(r["email"]),
            phone=_opt(r["phone"]),
            verified_on=_date(r["verified_on"]),
            active=_bool(r["active"]),
            source=sources.get(r["source_code"]),
            note=_opt(r.get("note", "")),
        )

    contacts = add_missing("contact", m.Contact, "contacts.csv", build_contact)

    def build_measure(r: dict[str, str], where: str) -> m.SupportMeasure:
        _check_url(r["url"], where, "url")
        return m.SupportMeasure(
            code=r["code"],
            municipality=municipalities.get(r["municipality_code"]),
            title_lv=r["title_lv"],
            title_en=r["title_en"],
            description_lv=r["description_lv"],
            description_en=r["description_en"],
            url=_opt(r["url"]),
            contact=contacts.get(r["contact_code"]),
            sort_order=int(r["sort_order"] or 0),
        )

    add_missing("support_measure", m.SupportMeasure, "support_measures.csv", build_measure)
    add_missing(
        "event",
        m.Event,
        "events.csv",
        lambda r, _w: m.Event(
            code=r["code"],
            date=dt.date.fromisoformat(r["date"]),
            title_lv=r["title_lv"],
            title_en=r["title_en"],
            kind=r["kind"],
            place=_opt(r["place"]),
            description_lv=r["description_lv"],
            description_en=r["description_en"],
            source=sources.get(r["source_code"]),
        ),
    )

    def build_link(r: dict[str, str], where: str) -> m.Link:
        if not is_http_url(r["url"]):
            raise SeedError(f"{where}, column url: {r['url']!r} is not an http(s) URL")
        return m.Link(
            code=r["code"],
            title_lv=r["title_lv"],
            title_en=r["title_en"],
            url=r["url"],
            publisher=_opt(r["publisher"]),
            cited_on=_date(r["cited_on"]),
            source=sources.get(r["source_code"]),
        )

    add_missing("link", m.Link, "links.csv", build_link)

    if session.scalar(sa.select(sa.func.count()).select_from(m.Revision)) == 0:
        session.add(m.Revision(id=1, value=1))
    added["observation"] = 0
    if session.scalar(sa.select(sa.func.count()).select_from(m.Release)) == 0:
        region_by_name = {r.name_lv: r for r in regions.values()}
        release = m.Release(number=1, description=SEED_RELEASE_DESCRIPTION, status="published")
        session.add(release)
        source = sources[OBSERVATIONS_SOURCE]
        for row in read_published_table(seed_dir / OBSERVATIONS_FILE):
            session.add(
                m.Observation(
                    period=periods[row["period"]],
                    region=region_by_name[row["region_name"]],
                    metric=metrics[row["metric"]],
                    value=row["value"],
                    source=source,
                    release=release,
                )
            )
            added["observation"] += 1
        session.flush()
    return SeedReport(added=added)
