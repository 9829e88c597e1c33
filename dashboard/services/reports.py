"""Readers' data-problem reports: submitted from /data, listed for the staff and admins in the
Reports tab of /admin, resolved by an admin with a note; a reader's e-mail address is shown to
admins only and erased a set time after resolution.

Listing lives here rather than in ``dashboard.queries`` because it is not a plain read: it checks
the role (the address is for admins only) and first erases the addresses whose time is up.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from dashboard.audit import audit
from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.i18n import normalise_lang, tn
from dashboard.services.base import ROLES, Actor, ServiceError, db_int
from dashboard.services.fields import FieldError, clean_code, clean_email, clean_text

REPORT_MAX_CHARS = 2000  # the reader's message and the admin's resolution note


# What the inbox can show: reports still open ("new"), resolved ones, or both (newest first).
REPORT_FILTERS = ("open", "resolved", "all")


REPORT_CODE_FIELDS = (("region", m.Region), ("period", m.Period), ("metric", m.Metric))


def submit_data_report(fields: dict[str, Any], lang: str, *, now: dt.datetime | None = None) -> int:
    """Store a reader's report (public: no role needed). Validated like every other input.

    Also erases the e-mail addresses whose time is up (see :func:`purge_report_emails`).
    """
    with get_db().session() as session:
        message = clean_text("message", fields.get("message"), REPORT_MAX_CHARS, required=True)
        email = clean_email(fields.get("email"))
        codes: dict[str, str | None] = {}
        for field, model in REPORT_CODE_FIELDS:
            value = fields.get(field)
            if value is None or (isinstance(value, str) and not value.strip()):
                codes[field] = None
                continue
            code = clean_code(value.strip() if isinstance(value, str) else value, 32)
            known = code is not None and session.scalar(
                sa.select(model.id).where(model.code == code)
            )
            if not known:
                raise FieldError.translated(field, "Unknown value for “{field}”.", {"field": field})
            codes[field] = code
        report = m.DataReport(
            region_code=codes["region"],
            period_code=codes["period"],
            metric_code=codes["metric"],
            message=message or "",
            email=email,
            lang=normalise_lang(lang),
        )
        session.add(report)
        session.flush()
        audit("public", "data-report", str(report.id), "ok", session=session)
        _purge_report_emails(session, now or m.utcnow(), "system")
        return report.id


def report_email_retention() -> dt.timedelta:
    """How long a reader's address is kept after the report is resolved (configurable)."""
    return dt.timedelta(days=max(0, get_db().config.report_email_retention_days))


def retention_days(lang: str) -> str:
    """The retention time in words, "30 dienas" / "21 dienu" / "30 days", as the /data form and
    the admin inbox say it."""
    return tn("{n} day", "{n} days", report_email_retention().days, lang)


def report_email_expired(report: m.DataReport, now: dt.datetime) -> bool:
    """True once the address of a resolved report is past its time, purged or not."""
    return report.resolved_at is not None and now >= report.resolved_at + report_email_retention()


def _purge_report_emails(session: Session, now: dt.datetime, actor: str) -> list[int]:
    cutoff = now - report_email_retention()
    ids = list(
        session.scalars(
            sa.select(m.DataReport.id)
            .where(
                m.DataReport.email.is_not(None),
                m.DataReport.resolved_at.is_not(None),
                m.DataReport.resolved_at <= cutoff,
            )
            .order_by(m.DataReport.id)
        )
    )
    if ids:
        session.execute(sa.update(m.DataReport).where(m.DataReport.id.in_(ids)).values(email=None))
        audit(
            actor,
            "data-report.erase-emails",
            f"{len(ids)} reports",
            "ok",
            {"reports": ids, "retention_days": report_email_retention().days},
            session=session,
        )
    return ids


def purge_report_emails(*, now: dt.datetime | None = None, actor: str = "system") -> list[int]:
    """Erase readers' e-mail addresses ``REPORT_EMAIL_RETENTION_DAYS`` after their report was
    resolved; returns the reports' ids. Audited. Runs when reports are submitted, resolved and
    listed, and from cron (``remigration purge-report-emails``); no role needed, since it only
    ever removes personal data whose time is up."""
    with get_db().session() as session:
        return _purge_report_emails(session, now or m.utcnow(), actor)


def resolve_data_report(
    actor: Actor, report_id: int, note: Any, *, now: dt.datetime | None = None
) -> None:
    """Mark a report resolved with the admin's note (admins only; the note is required and
    checked like every text field). Audited with the note; the reader's address is erased the
    retention time later."""
    actor.require("admin")
    now = now or m.utcnow()
    text = clean_text("note", note, REPORT_MAX_CHARS, required=True)
    row_id = db_int(report_id)
    with get_db().session(write=True) as session:
        report = session.get(m.DataReport, row_id) if row_id is not None else None
        if report is None:
            raise ServiceError.translated("not_found", "Report not found.")
        if report.status == "resolved":
            raise ServiceError.translated(
                "already_resolved", "This report has already been marked resolved."
            )
        report.status = "resolved"
        report.resolved_at = now
        report.resolution_note = text
        audit(
            actor.username,
            "data-report.resolve",
            str(report.id),
            "ok",
            {"note": text},
            session=session,
        )
        _purge_report_emails(session, now, "system")


def data_reports(
    actor: Actor, *, status: str = "all", now: dt.datetime | None = None, limit: int = 200
) -> list[dict]:
    """Readers' reports, newest first, as the admin inbox shows them: ``status`` is one of
    :data:`REPORT_FILTERS` (open, resolved or all).

    Staff (who may read reports) learn only whether an address was given; the address itself is
    in the result for admins only, and for nobody once its time is up, even if no purge has run
    yet. Purges expired addresses first.
    """
    actor.require("staff")
    if status not in REPORT_FILTERS:
        raise ValueError(f"status must be one of {REPORT_FILTERS}, not {status!r}")
    now = now or m.utcnow()
    purge_report_emails(now=now)
    admin = ROLES.index(actor.role) >= ROLES.index("admin")
    stmt = sa.select(m.DataReport).order_by(m.DataReport.id.desc()).limit(limit)
    if status == "open":
        stmt = stmt.where(m.DataReport.status != "resolved")
    elif status == "resolved":
        stmt = stmt.where(m.DataReport.status == "resolved")
    with get_db().session() as session:
        reports = session.scalars(stmt).all()
        out = []
        for r in reports:
            has_email = bool(r.email) and not report_email_expired(r, now)
            out.append(
                {
                    "id": r.id,
                    "created_at": r.created_at,
                    "region": r.region_code,
                    "period": r.period_code,
                    "metric": r.metric_code,
                    "message": r.message,
                    "lang": r.lang,
                    "status": r.status,
                    "resolved_at": r.resolved_at,
                    "resolution_note": r.resolution_note,
                    "email_given": has_email,
                    "email": r.email if admin and has_email else None,
                }
            )
        return out
