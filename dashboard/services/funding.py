"""The funding table: edit a total or one of its parts (amounts, shares, titles)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from dashboard.audit import audit
from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.services.base import (
    Actor,
    ServiceError,
    bump_revision,
    contention_as_conflict,
    lock_content,
)
from dashboard.services.fields import (
    AMOUNT_MAX,
    SHARE_MAX,
    FieldError,
    clean_code,
    clean_decimal,
    clean_text,
)


def save_funding(actor: Actor, code: str, fields: dict[str, Any]) -> None:
    """Update a funding row; the parts of a total must still add up to 100 %."""
    actor.require("admin")
    target = clean_code(code, 64)
    try:
        with contention_as_conflict(), get_db().session(write=True) as session:
            lock_content(session)  # the shares of a total are checked against its other parts
            row = (
                session.scalar(sa.select(m.Funding).where(m.Funding.code == target))
                if target
                else None
            )
            if row is None:
                raise ServiceError.translated("not_found", "Funding row not found.")
            before = {
                "amount_eur": str(row.amount_eur),
                "share_pct": str(row.share_pct),
                "title_lv": row.title_lv,
                "title_en": row.title_en,
            }
            row.title_lv = clean_text("title_lv", fields.get("title_lv"), 500, required=True)
            row.title_en = clean_text("title_en", fields.get("title_en"), 500, required=True)
            row.note = clean_text("note", fields.get("note"), 2000, required=False)
            row.amount_eur = clean_decimal("amount_eur", fields.get("amount_eur"), high=AMOUNT_MAX)
            row.share_pct = clean_decimal("share_pct", fields.get("share_pct"), high=SHARE_MAX)
            if row.parent_id is None and row.amount_eur is None:
                raise FieldError.translated("amount_eur", "A total needs an amount.")
            if row.parent_id is not None:
                if row.amount_eur is None and row.share_pct is None:
                    raise FieldError.translated("share_pct", "Give an amount or a share.")
                session.flush()
                siblings = session.scalars(
                    sa.select(m.Funding).where(m.Funding.parent_id == row.parent_id)
                ).all()
                shares = [s.share_pct for s in siblings]
                if all(s is not None for s in shares) and sum(shares) != 100:
                    raise FieldError.translated(
                        "share_pct",
                        "The shares add up to {total} %, not 100 %.",
                        {"total": sum(shares)},
                    )
            bump_revision(session)
            audit(
                actor.username,
                "funding.save",
                target,
                "ok",
                {
                    "before": before,
                    "after": {"amount_eur": str(row.amount_eur), "share_pct": str(row.share_pct)},
                },
                session=session,
            )
    except ServiceError as exc:
        audit(actor.username, "funding.save", target or "?", "refused", {"error": exc.code})
        raise
