"""The contact directory: add and edit contacts, activate, deactivate, mark verified."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from dashboard.audit import audit
from dashboard.contact_details import normalise_phone
from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.search import fold
from dashboard.services.base import (
    Actor,
    ServiceError,
    bump_revision,
    contention_as_conflict,
    lock_content,
)
from dashboard.services.fields import FieldError, as_text, clean_code, clean_email, clean_text

CONTACT_TEXT_FIELDS = {
    "name": 200,
    "role_lv": 500,
    "role_en": 500,
    "organisation": 300,
    "note": 2000,
}


def _unit(session: Any, value: str) -> m.Municipality | None:
    """The municipality a form or API names: ``"<division>:<code>"`` (``"2021:LV-099"``), or a
    bare code, read as the unit in force today (the 2021 division where the code exists there,
    else the 2009 unit it has always meant)."""
    division, _, code = value.rpartition(":")
    code = clean_code(code, 16) or ""
    if not code or division not in ("", "2009", "2021"):
        return None
    stmt = sa.select(m.Municipality).where(m.Municipality.code == code)
    if division:
        stmt = stmt.where(m.Municipality.division == division)
    return session.scalars(stmt.order_by(m.Municipality.division.desc())).first()


def validate_contact_fields(session: Session, fields: dict[str, Any]) -> dict[str, Any]:
    """Normalised contact values, or :class:`FieldError` naming the first bad field."""
    out: dict[str, Any] = {}
    for field, max_len in CONTACT_TEXT_FIELDS.items():
        out[field] = clean_text(
            field, fields.get(field), max_len, required=field in {"name", "organisation"}
        )
    out["role_lv"] = out["role_lv"] or ""
    out["role_en"] = out["role_en"] or ""
    out["email"] = clean_email(fields.get("email"))
    phone = as_text("phone", fields.get("phone"))
    if phone:
        normalised = normalise_phone(phone) if len(phone) <= 40 else None
        if normalised is None:
            shown = phone if phone.isprintable() else phone.encode("unicode_escape").decode()
            raise FieldError.translated(
                "phone",
                "“{value}” is not a valid phone (+371 and 8 digits, or E.164).",
                {"value": shown[:40]},
            )
        out["phone"] = normalised
    else:
        out["phone"] = None
    region_value = fields.get("region") or None
    out["region_id"] = None
    if region_value:
        region_code = clean_code(region_value, 32)
        region = (
            session.scalar(sa.select(m.Region).where(m.Region.code == region_code))
            if region_code
            else None
        )
        if region is None:
            raise FieldError.translated("region", "Unknown region.")
        out["region_id"] = region.id
    municipality_value = fields.get("municipality") or None
    out["municipality_id"] = None
    if municipality_value:
        municipality = _unit(session, str(municipality_value))
        if municipality is None:
            raise FieldError.translated("municipality", "Unknown municipality.")
        out["municipality_id"] = municipality.id
        if out["region_id"] is None:
            out["region_id"] = municipality.region_id
    out["active"] = bool(fields.get("active", True))
    return out


def _contact_snapshot(c: m.Contact) -> dict[str, Any]:
    return {
        k: (v.isoformat() if isinstance(v, dt.date) else v)
        for k, v in {
            "name": c.name,
            "email": c.email,
            "phone": c.phone,
            "active": c.active,
            "verified_on": c.verified_on,
            "organisation": c.organisation,
            "region_id": c.region_id,
            "municipality_id": c.municipality_id,
        }.items()
    }


def _contact_not_found() -> ServiceError:
    return ServiceError.translated("not_found", "Contact not found.")


def save_contact(actor: Actor, code: str | None, fields: dict[str, Any]) -> str:
    """Create (``code=None``) or update a contact; returns its code."""
    actor.require("admin")
    target = None if code is None else (clean_code(code, 64) or "?")
    try:
        with contention_as_conflict(), get_db().session(write=True) as session:
            lock_content(session)  # two admins adding "Anna Bērziņa" get two distinct codes
            values = validate_contact_fields(session, fields)
            if code is None:
                base = re.sub(r"[^a-z0-9]+", "-", fold(values["name"])).strip("-")[:50] or "contact"
                target = base
                n = 2
                while session.scalar(sa.select(m.Contact).where(m.Contact.code == target)):
                    target = f"{base}-{n}"
                    n += 1
                contact = m.Contact(code=target, **values)
                session.add(contact)
                before = None
            else:
                contact = session.scalar(sa.select(m.Contact).where(m.Contact.code == target))
                if contact is None:
                    raise _contact_not_found()
                before = _contact_snapshot(contact)
                for key, value in values.items():
                    setattr(contact, key, value)
            session.flush()
            bump_revision(session)
            audit(
                actor.username,
                "contact.save",
                target,
                "ok",
                {"before": before, "after": _contact_snapshot(contact)},
                session=session,
            )
            return target
    except ServiceError as exc:
        audit(
            actor.username,
            "contact.save",
            target,
            "refused",
            {"error": exc.code, **({"field": exc.extra["field"]} if "field" in exc.extra else {})},
        )
        raise


def set_contact_state(
    actor: Actor, code: str, *, active: bool | None = None, verified_on: dt.date | None = None
) -> None:
    """Activate/deactivate a contact or mark it verified on a date."""
    actor.require("admin")
    target = clean_code(code, 64)
    with contention_as_conflict(), get_db().session(write=True) as session:
        lock_content(session)
        contact = (
            session.scalar(sa.select(m.Contact).where(m.Contact.code == target)) if target else None
        )
        if contact is None:
            raise _contact_not_found()
        before = _contact_snapshot(contact)
        if active is not None:
            contact.active = active
        if verified_on is not None:
            contact.verified_on = verified_on
        bump_revision(session)
        action = "contact.verify" if verified_on is not None else "contact.active"
        audit(
            actor.username,
            action,
            target,
            "ok",
            {"before": before, "after": _contact_snapshot(contact)},
            session=session,
        )
