"""The measures registry: admins add and edit what is counted (``Metric``), audited.

The programme's publishers keep naming new measures (assisted and unassisted returns, families
planning to return, grants, targets), so measures are data an admin maintains, not code. Whatever
already has figures is protected: its code is how uploads, links and the open-data API name it,
and its unit and kind say what those numbers mean, so neither may change under stored figures
(a new measure is the honest way to count something else). Names and definitions may be
improved at any time. Every change bumps the data revision, so every cached view that shows
measure names or definitions is retired at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from dashboard.audit import audit
from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.i18n import N_, t
from dashboard.services.base import (
    Actor,
    ServiceError,
    bump_revision,
    contention_as_conflict,
    lock_content,
)
from dashboard.services.fields import FieldError, clean_code, clean_text

# The closed vocabulary of units: code -> (Latvian word, English word), stored with each measure
# (``Metric.unit_lv``/``unit_en``) and shown beside its figures. Figures in different units are
# never added together, so the unit is chosen from this list, never typed freely. It is the
# vocabulary of the seed registry (data/seed/MEASURES.md): grants awarded are counted in projects
# and clients served in persons, as their sources count them, so neither has a unit of its own.
UNITS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "families": ("ģimenes", "families"),
        "persons": ("cilvēki", "persons"),
        "offers": ("piedāvājumi", "offers"),
        "applications": ("pieteikumi", "applications"),
        "projects": ("projekti", "projects"),
        "eur": ("EUR", "EUR"),
        "municipalities": ("pašvaldības", "municipalities"),
    }
)

# What a measure's periods mean (see ``Metric.kind``), with the words the forms show.
KINDS: Mapping[str, str] = MappingProxyType(
    {
        "flow": N_("flow: counted during the period"),
        "stock": N_("stock: standing at the end of a month"),
        "target": N_("target: a plan, may lie in the future"),
    }
)

CODE_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
CODE_MAX = 64
NAME_MAX = 200
DEFINITION_MAX = 4000

# The fields a caller may send, in the order forms show them and errors are listed.
MEASURE_FIELDS = (
    "code",
    "name_lv",
    "name_en",
    "unit_code",
    "kind",
    "definition_lv",
    "definition_en",
)


class _StateFieldError(FieldError):
    """A well-formed field value the stored data refuses; ``code`` says how (API: 409)."""

    error_code = "invalid_field"

    def __init__(self, field: str, message_lv: str, message_en: str) -> None:
        super().__init__(field, message_lv, message_en)
        self.code = self.error_code


class DuplicateCode(_StateFieldError):
    """Another measure already has this code."""

    error_code = "duplicate"


class FieldLocked(_StateFieldError):
    """The field cannot change because figures of the measure are stored."""

    error_code = "locked"


def snapshot(metric: m.Metric) -> dict[str, Any]:
    """What the audit log records of a measure, before and after a change."""
    return {field: getattr(metric, field) for field in MEASURE_FIELDS}


def figure_count(session: Session, metric: m.Metric) -> int:
    """Every stored figure of ``metric``, in any release (rolled back and superseded ones too:
    "as published in release N" must keep meaning what it meant)."""
    return (
        session.scalar(
            sa.select(sa.func.count())
            .select_from(m.Observation)
            .where(m.Observation.metric_id == metric.id)
        )
        or 0
    )


def _check_fields(fields: Mapping[str, Any], current: Mapping[str, Any] | None) -> dict[str, Any]:
    """Every field checked on its own; all errors at once (the first raised, all in ``errors``).

    ``current`` is the stored measure when editing: omitted fields keep their stored value, and a
    stored unit outside today's vocabulary may stay as it is.
    """
    if not isinstance(fields, Mapping):
        raise FieldError.translated("code", "The measure must be sent as an object of fields.")
    errors: list[FieldError] = [
        FieldError.translated(str(key)[:64], "Unknown field “{field}”.", {"field": str(key)[:64]})
        for key in fields
        if key not in MEASURE_FIELDS
    ]
    values: dict[str, Any] = {}
    for field in MEASURE_FIELDS:
        if current is not None and field not in fields:
            values[field] = current[field]
            continue
        try:
            values[field] = _check_field(field, fields.get(field), current)
        except FieldError as exc:
            errors.append(exc)
    if errors:
        first = errors[0]
        first.extra["errors"] = [
            {"field": e.field, "message_lv": e.message_lv, "message_en": e.message_en}
            for e in errors
        ]
        raise first
    return values


def _check_field(field: str, value: Any, current: Mapping[str, Any] | None) -> str:
    if field == "code":
        code = clean_text(field, value, CODE_MAX, required=True) or ""
        if not CODE_PATTERN.fullmatch(code):
            raise FieldError.translated(
                field,
                "“{label}” must start with a lowercase letter and hold only lowercase letters "
                "a–z, digits and underscores, such as people_returned.",
            )
        return code
    if field == "unit_code":
        unit = clean_text(field, value, 32, required=True) or ""
        if unit not in UNITS and not (current is not None and unit == current["unit_code"]):
            raise FieldError.translated(
                field, "“{label}” must be one of: {choices}.", {"choices": ", ".join(UNITS)}
            )
        return unit
    if field == "kind":
        kind = clean_text(field, value, 16, required=True) or ""
        if kind not in KINDS:
            raise FieldError.translated(
                field, "“{label}” must be one of: {choices}.", {"choices": ", ".join(KINDS)}
            )
        return kind
    max_len = NAME_MAX if field.startswith("name_") else DEFINITION_MAX
    return clean_text(field, value, max_len, required=True) or ""


def _find(session: Session, code: str) -> m.Metric | None:
    return session.scalar(sa.select(m.Metric).where(m.Metric.code == code))


def _duplicate(code: str) -> DuplicateCode:
    return DuplicateCode.translated(
        "code", "A measure with the code “{code}” already exists.", {"code": code}
    )


def _not_found(code: str) -> ServiceError:
    return ServiceError.translated("not_found", "There is no measure “{code}”.", {"code": code})


def _apply(metric: m.Metric, values: Mapping[str, Any]) -> None:
    for field in MEASURE_FIELDS:
        setattr(metric, field, values[field])
    if values["unit_code"] in UNITS:
        metric.unit_lv, metric.unit_en = UNITS[values["unit_code"]]


def _refused(actor: Actor, action: str, target: str | None, exc: ServiceError) -> None:
    fields = [e["field"] for e in exc.extra.get("errors", [])] or (
        [exc.extra["field"]] if "field" in exc.extra else []
    )
    audit(actor.username, action, target, "refused", {"error": exc.code, "fields": fields})


def add_measure(actor: Actor, fields: Mapping[str, Any]) -> str:
    """Add a measure (every field required); returns its code. Admin only."""
    actor.require("admin")
    target = clean_code(fields.get("code") if isinstance(fields, Mapping) else None, CODE_MAX)
    try:
        with contention_as_conflict(), get_db().session(write=True) as session:
            lock_content(session)  # two admins adding the same code: the second is told
            values = _check_fields(fields, None)
            target = values["code"]
            if _find(session, target) is not None:
                raise _duplicate(target)
            last = session.scalar(sa.select(sa.func.max(m.Metric.sort_order)))
            metric = m.Metric(sort_order=(last or 0) + 1)
            _apply(metric, values)
            session.add(metric)
            session.flush()
            bump_revision(session)
            audit(
                actor.username,
                "add_measure",
                target,
                "ok",
                {"old": None, "new": snapshot(metric)},
                session=session,
            )
            return target
    except ServiceError as exc:
        _refused(actor, "add_measure", target, exc)
        raise


def _check_locks(session: Session, metric: m.Metric, values: Mapping[str, Any]) -> None:
    """Code, unit and kind stay as they are once figures of the measure are stored."""
    changed = [f for f in ("code", "unit_code", "kind") if values[f] != getattr(metric, f)]
    if not changed or figure_count(session, metric) == 0:
        return
    field = changed[0]
    if field == "code":
        message = N_(
            "Figures of “{code}” are stored, so its code cannot change: uploads, links and the "
            "open-data API name the measure by its code. Its names and definitions can change."
        )
    elif field == "unit_code":
        message = N_(
            "Figures of “{code}” are stored, so its unit ({unit}) cannot change: that would "
            "silently change what those numbers mean. Add a new measure for the other unit."
        )
    else:
        message = N_(
            "Figures of “{code}” are stored, so its kind ({kind}) cannot change: that would "
            "change how their periods are read. Add a new measure instead."
        )
    kind = KINDS.get(metric.kind)
    words = {
        lang: {
            "code": metric.code,
            "unit": metric.unit_lv if lang == "lv" else metric.unit_en,
            "kind": t(kind, lang) if kind else metric.kind,
        }
        for lang in ("lv", "en")
    }
    raise FieldLocked(field, t(message, "lv", **words["lv"]), t(message, "en", **words["en"]))


def update_measure(actor: Actor, code: str, fields: Mapping[str, Any]) -> str:
    """Change some fields of the measure ``code`` (omitted ones stay); returns its code, new if
    it was renamed. Admin only."""
    actor.require("admin")
    target = clean_code(code, CODE_MAX) or "?"
    try:
        with contention_as_conflict(), get_db().session(write=True) as session:
            lock_content(session)
            metric = _find(session, target)
            if metric is None:
                raise _not_found(target)
            before = snapshot(metric)
            values = _check_fields(fields, before)
            if values["code"] != metric.code and _find(session, values["code"]) is not None:
                raise _duplicate(values["code"])
            _check_locks(session, metric, values)
            _apply(metric, values)
            session.flush()
            bump_revision(session)
            audit(
                actor.username,
                "update_measure",
                target,
                "ok",
                {"old": before, "new": snapshot(metric)},
                session=session,
            )
            return metric.code
    except ServiceError as exc:
        _refused(actor, "update_measure", target, exc)
        raise


def delete_measure(actor: Actor, code: str) -> None:
    """Delete a measure that has no stored figures (one added by mistake). Admin only."""
    actor.require("admin")
    target = clean_code(code, CODE_MAX) or "?"
    try:
        with contention_as_conflict(), get_db().session(write=True) as session:
            lock_content(session)
            metric = _find(session, target)
            if metric is None:
                raise _not_found(target)
            if figure_count(session, metric):
                raise ServiceError.translated(
                    "in_use",
                    "Figures of “{code}” are stored, so the measure cannot be deleted.",
                    {"code": target},
                )
            before = snapshot(metric)
            session.delete(metric)
            bump_revision(session)
            audit(
                actor.username,
                "delete_measure",
                target,
                "ok",
                {"old": before, "new": None},
                session=session,
            )
    except ServiceError as exc:
        _refused(actor, "delete_measure", target, exc)
        raise
