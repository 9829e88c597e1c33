"""The dossier's contacts and budgets: ``contacts.csv`` into the directory, ``budget.csv`` into
funding. Part of :func:`dashboard.db.dossier.load_dossier`.

The dossier gives roles and budget items in English only; the Latvian (and tidied English)
roles, the organisations, and the funding codes, titles, kinds and structure are in two small
hand-made files beside it, ``data/seed/dossier_contacts.csv`` and ``dossier_budget.csv``. They
add words, never numbers: every e-mail address, phone number, date and amount comes from the
dossier, and each hand-made row names the dossier row it belongs to (the name, or the line and
item), so a changed dossier stops the load instead of being matched to the wrong words.

Contacts: "not found" (and "stripped in stored copy") stays empty; ``verified_on`` is the date a
dated publication confirmed the person in the role (``role_confirmed_on``), else the source's
date when it states a day; a second phone number goes into the note (``phone`` holds one).
Former coordinators are stored inactive with the note "former coordinator". A municipal
contact is attached to the unit of that name in force today (2021 division), or, for a place
that is no longer a municipality (Skrunda), to its 2009 unit.

A contact already in the directory under the same code (Astrīda Leščinska, from seed 003) is
not added twice: the dossier's row is merged into it once (inactive, the dossier's e-mail and
phone where the seed had none, the dossier's source), and never again after that, so an admin's
later edits stay.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Session

from dashboard.contact_details import format_phone, is_valid_email, normalise_phone
from dashboard.db import models as m
from dashboard.db.dossier_sources import SOURCE_CODE_PREFIX, Publication, SourceRegistry
from dashboard.db.dossier_sources import parse_published_on as published
from dashboard.db.seed_csv import SeedError, read_csv

if TYPE_CHECKING:
    from dashboard.db.dossier import DossierReport

CONTACTS_FILE = "contacts.csv"
BUDGET_FILE = "budget.csv"
CONTACT_WORDS = "dossier_contacts.csv"
BUDGET_WORDS = "dossier_budget.csv"
FORMER = "Former coordinator."
MINISTRY = "Latvija (ministry)"
_AMOUNT = re.compile(r"^(\d+)(?:\s+\((.*)\))?$")
_YEARS = re.compile(r"^(\d{4})(?:–(\d{4}))?(?:\s+\((.*)\))?$")


def slug(text: str) -> str:
    """ "Astrīda Leščinska" → "astrida-lescinska" (the seed's contact codes are made this way)."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _given(value: str) -> str:
    """A contact detail, or ``""`` for the dossier's "not found …" and "stripped …"."""
    return "" if value.casefold().startswith(("not found", "stripped")) else value


def _municipality(session: Session, name: str, region: m.Region | None) -> m.Municipality | None:
    """The unit named ``name`` in force today, else its 2009 unit ("Skrunda" → Skrundas novads)."""
    for division in ("2021", "2009"):
        for unit in session.scalars(
            sa.select(m.Municipality).where(m.Municipality.division == division)
        ):
            if name in (unit.name_lv, unit.name_en, unit.name_en.removesuffix(" Municipality")):
                if region is not None and unit.region_id != region.id:
                    continue
                if unit.valid_to is None or unit.valid_to >= dt.date.today():
                    return unit
                if division == "2009":
                    return unit
    return None


def _phones(value: str, where: str) -> tuple[str | None, list[str]]:
    numbers = [p.strip() for p in _given(value).split(";") if p.strip()]
    e164 = []
    for number in numbers:
        normalised = normalise_phone(number)
        if normalised is None:
            raise SeedError(f"{where}, column phone: {number!r} is not a valid phone number")
        e164.append(normalised)
    return (e164[0] if e164 else None), [format_phone(p) for p in e164[1:]]


def load_contacts(
    session: Session, folder: Path, sources: SourceRegistry, report: DossierReport
) -> None:
    """Add the dossier's contacts (or merge one into the seed's entry for the same person)."""
    words = {r["name"]: r for r in read_csv(folder.parent / CONTACT_WORDS)}
    regions = {r.name_lv: r for r in session.scalars(sa.select(m.Region))}
    existing = {c.code: c for c in session.scalars(sa.select(m.Contact))}
    added = merged = 0
    for lineno, row in enumerate(read_csv(folder / CONTACTS_FILE), start=2):
        where = f"{folder.name}/{CONTACTS_FILE} line {lineno}"
        hand = words.get(row["name"])
        if hand is None:
            raise SeedError(f"{where}, column name: {row['name']!r} is not in {CONTACT_WORDS}")
        code = slug(row["name"].removesuffix(" (general)"))
        found = existing.get(code)
        if found is not None and found.source and found.source.code.startswith(SOURCE_CODE_PREFIX):
            continue  # loaded (or merged) before
        region_name, _, place = row["region"].partition(": ")
        region = None if row["region"] == MINISTRY else regions.get(region_name)
        if region is None and row["region"] != MINISTRY:
            raise SeedError(f"{where}, column region: {row['region']!r} is not a planning region")
        municipality = _municipality(session, place, region) if place else None
        if place and municipality is None:
            raise SeedError(f"{where}, column region: no municipality {place!r} in {region_name}")
        email = _given(row["email"])
        if email and not is_valid_email(email):
            raise SeedError(f"{where}, column email: {email!r} is not a valid e-mail address")
        phone, more_phones = _phones(row["phone"], where)
        source_date = published(row["published_on"])
        confirmed = row["role_confirmed_on"]
        verified = dt.date.fromisoformat(confirmed) if confirmed else None
        if verified is None and source_date.precision == "day":
            verified = source_date.on
        former = row["role"].startswith("FORMER")
        notes = [FORMER] if former else []
        notes.append(f"Dossier: {row['role']}.")
        if more_phones:
            notes.append("Also: " + ", ".join(more_phones) + ".")
        if row["email"] and not email:
            notes.append(f"E-mail: {row['email']}.")
        if confirmed:
            notes.append(f"Role confirmed on {confirmed} by {row['role_confirmed_url']}.")
        if row["quote"]:
            notes.append(f"Source: “{row['quote']}”")
        source = sources.get(
            Publication(
                code=f"{SOURCE_CODE_PREFIX}contact-{lineno - 1:02d}",
                url=row["source_url"],
                publisher=sources.publisher_for(row["source_url"]),
                published=source_date,
            )
        )
        if found is not None:  # the seed's entry for the same person: merge once
            found.active = found.active and not former
            found.email = found.email or email or None
            found.phone = found.phone or phone
            found.verified_on = found.verified_on or verified
            # "Former coordinator." first, as on every former coordinator's entry.
            lead, rest = notes[: int(former)], notes[int(former) :]
            found.note = " ".join([*lead, *([found.note] if found.note else []), *rest])
            found.source = source
            merged += 1
            continue
        contact = m.Contact(
            code=code,
            name=row["name"].removesuffix(" (general)"),
            role_lv=hand["role_lv"],
            role_en=hand["role_en"],
            organisation=hand["organisation"],
            region=region,
            municipality=municipality,
            email=email or None,
            phone=phone,
            verified_on=verified,
            active=not former,
            source=source,
            note=" ".join(notes),
        )
        session.add(contact)
        existing[code] = contact
        added += 1
    session.flush()
    report.added["dossier_contact"] = added
    report.added["dossier_contact_merged"] = merged


def _period(years: str, where: str) -> tuple[int | None, dt.date | None, dt.date | None, str]:
    """ "2018" → year 2018; "2024–2026 (per year)" → 1 Jan 2024 – 31 Dec 2026, "per year"."""
    found = _YEARS.match(years)
    if found is None:
        raise SeedError(f"{where}, column year: {years!r} is not a year or a range of years")
    first, last, remark = found.groups()
    if last is None:
        return int(first), None, None, remark or ""
    return None, dt.date(int(first), 1, 1), dt.date(int(last), 12, 31), remark or ""


def load_budget(
    session: Session, folder: Path, sources: SourceRegistry, report: DossierReport
) -> None:
    """Add the dossier's budgets and grants as funding rows (missing codes only)."""
    hand_rows = read_csv(folder.parent / BUDGET_WORDS)
    rows = read_csv(folder / BUDGET_FILE)
    if len(hand_rows) != len(rows):
        raise SeedError(f"{BUDGET_WORDS}: {len(hand_rows)} rows for {len(rows)} in {BUDGET_FILE}")
    funding = {f.code: f for f in session.scalars(sa.select(m.Funding))}
    added = 0
    for lineno, (row, hand) in enumerate(zip(rows, hand_rows, strict=True), start=2):
        where = f"{folder.name}/{BUDGET_FILE} line {lineno}"
        if hand["item"] != row["item"]:
            raise SeedError(f"{BUDGET_WORDS} line {lineno}, column item: not {row['item']!r}")
        if hand["not_loaded"] or hand["code"] in funding:
            continue
        year, start, end, per = _period(row["year"], where)
        notes = [f"As published for {row['year']}."] if per else []
        amount = None
        if row["amount_eur"]:
            found = _AMOUNT.match(row["amount_eur"])
            if found is None:
                raise SeedError(f"{where}, column amount_eur: {row['amount_eur']!r}")
            amount = Decimal(found.group(1))
            if found.group(2):
                notes.append(f"Amount as published: {row['amount_eur']}.")
        share = None
        if row["share_pct"]:
            value, _, remark = row["share_pct"].partition(" ")
            if "computed" in remark:  # the dossier's arithmetic, not a published share
                notes.append(f"Share not published (the dossier computes {row['share_pct']}).")
            else:
                share = Decimal(value)
        notes += [f"Dossier: {row['item']}.", f"Source: “{row['quote']}”"]
        source = sources.get(
            Publication(
                code=f"{SOURCE_CODE_PREFIX}budget-{lineno - 1:02d}",
                url=row["source_url"],
                publisher=sources.publisher_for(row["source_url"]),
                published=published(row["published_on"]),
            )
        )
        parent = funding.get(hand["parent_code"]) if hand["parent_code"] else None
        if hand["parent_code"] and parent is None:
            raise SeedError(f"{BUDGET_WORDS} line {lineno}, column parent_code: unknown")
        funding[hand["code"]] = m.Funding(
            code=hand["code"],
            parent=parent,
            title_lv=hand["title_lv"],
            title_en=hand["title_en"],
            amount_eur=amount,
            share_pct=share,
            kind=hand["kind"],
            year=year,
            period_start=start,
            period_end=end,
            source=source,
            note=" ".join(notes + _also(hand_rows, rows, hand["code"])),
        )
        session.add(funding[hand["code"]])
        added += 1
    session.flush()
    report.added["dossier_funding"] = added


def _also(hand_rows: list[dict[str, str]], rows: list[dict[str, str]], code: str) -> list[str]:
    """The note on a stored row about rows left out in its favour (a misprint, a repeat)."""
    out = []
    for hand, row in zip(hand_rows, rows, strict=True):
        if hand["not_loaded"] and code in hand["not_loaded"]:
            out.append(
                f"Not stored: {row['amount_eur']} EUR from {row['source_url']} "
                f"({row['published_on']}): {hand['not_loaded']}."
            )
    return out
