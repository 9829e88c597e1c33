"""Load the hand-made seed CSVs in ``data/seed/`` into the database.

Seeding is idempotent: reference rows are matched by their ``code`` and only missing ones are
added, and release 1 (the published VARAM table) is created only if no release exists yet. Every
row is validated first; a bad row stops the load with a message naming the file, line and column
rather than being loaded silently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from dashboard.contact_details import is_http_url, is_valid_email, normalise_phone
from dashboard.db import models as m
from dashboard.db.seed_csv import SeedError, bool_cell, date_cell, opt, read_csv
from dashboard.db.seed_reference import add_missing, load_reference

__all__ = [
    "OBSERVATIONS_FILE",
    "OBSERVATIONS_SOURCE",
    "SEED_RELEASE_DESCRIPTION",
    "TOTAL_COLUMN",
    "SeedError",
    "SeedReport",
    "load_seed",
    "read_csv",
    "read_published_table",
    "validate_contact_row",
]

SEED_RELEASE_DESCRIPTION = (
    "VARAM, “Reģionālais remigrācijas atbalsts”, published 18.08.2020 (seed table)"
)
OBSERVATIONS_FILE = "observations_seed004.csv"
OBSERVATIONS_SOURCE = "seed-004"
TOTAL_COLUMN = "KOPĀ"


@dataclass(frozen=True)
class SeedReport:
    added: dict[str, int]
    # Ids of the dossier rows that cannot be loaded (listed in data/seed/README.md).
    not_loaded: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.added.values())


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


def load_seed(session: Session, seed_dir: Path) -> SeedReport:
    """Insert whatever part of the seed is missing. Runs inside the caller's transaction.

    The seed's contacts and support measures name municipalities by code: they are the pilot
    municipalities of 2018–2020, so the codes are read in the 2009 division.
    """
    added: dict[str, int] = {}
    ref = load_reference(session, seed_dir, added)
    regions, sources = ref.regions, ref.sources
    municipalities = ref.municipalities_of("2009")

    def add_file(table: str, model: type[Any], file: str, build: Any) -> dict[str, Any]:
        existing = {obj.code: obj for obj in session.scalars(sa.select(model))}
        return add_rows(table, file, existing, build)

    def add_rows(table: str, file: str, existing: dict[str, Any], build: Any) -> dict[str, Any]:
        rows = read_csv(seed_dir / file)
        return add_missing(session, added, table, rows, file, existing, lambda r: r["code"], build)

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
            period_start=date_cell(r["period_start"]),
            period_end=date_cell(r["period_end"]),
            source=sources.get(r["source_code"]),
            note=opt(r["note"]),
        )

    # Parents precede their parts in the file, so building in order resolves parent codes
    # (``add_missing`` adds each new row to ``funding`` as it goes).
    funding: dict[str, Any] = {f.code: f for f in session.scalars(sa.select(m.Funding))}
    add_rows("funding", "funding.csv", funding, build_funding)

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
            email=opt(r["email"]),
            phone=opt(r["phone"]),
            verified_on=date_cell(r["verified_on"]),
            active=bool_cell(r["active"]),
            source=sources.get(r["source_code"]),
            note=opt(r.get("note", "")),
        )

    contacts = add_file("contact", m.Contact, "contacts.csv", build_contact)

    def build_measure(r: dict[str, str], where: str) -> m.SupportMeasure:
        _check_url(r["url"], where, "url")
        return m.SupportMeasure(
            code=r["code"],
            municipality=municipalities.get(r["municipality_code"]),
            title_lv=r["title_lv"],
            title_en=r["title_en"],
            description_lv=r["description_lv"],
            description_en=r["description_en"],
            url=opt(r["url"]),
            contact=contacts.get(r["contact_code"]),
            sort_order=int(r["sort_order"] or 0),
        )

    add_file("support_measure", m.SupportMeasure, "support_measures.csv", build_measure)
    add_file(
        "event",
        m.Event,
        "events.csv",
        lambda r, _w: m.Event(
            code=r["code"],
            date=dt.date.fromisoformat(r["date"]),
            title_lv=r["title_lv"],
            title_en=r["title_en"],
            kind=r["kind"],
            place=opt(r["place"]),
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
            publisher=opt(r["publisher"]),
            cited_on=date_cell(r["cited_on"]),
            source=sources.get(r["source_code"]),
        )

    add_file("link", m.Link, "links.csv", build_link)

    if session.scalar(sa.select(sa.func.count()).select_from(m.Revision)) == 0:
        session.add(m.Revision(id=1, value=1))
    added["observation"] = 0
    if session.scalar(sa.select(sa.func.count()).select_from(m.Release)) == 0:
        added["observation"] = _load_seed_table(session, seed_dir, ref)
    return SeedReport(added=added)


def _load_seed_table(session: Session, seed_dir: Path, ref: Any) -> int:
    """Release 1: the ministry's table of 18.08.2020, one planning-region row per cell."""
    region_by_name = {r.name_lv: r for r in ref.regions.values()}
    release = m.Release(number=1, description=SEED_RELEASE_DESCRIPTION, status="published")
    session.add(release)
    source = ref.sources[OBSERVATIONS_SOURCE]
    count = 0
    for row in read_published_table(seed_dir / OBSERVATIONS_FILE):
        session.add(
            m.Observation(
                period=ref.periods[row["period"]],
                geo_level="planning_region",
                region=region_by_name[row["region_name"]],
                metric=ref.metrics[row["metric"]],
                value=row["value"],
                source=source,
                release=release,
            )
        )
        count += 1
    session.flush()
    return count
