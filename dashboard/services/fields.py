"""Form fields as the admin forms and the report form send them: checked, with a message that
names the field in Latvian and English. Text is stored as given (trimmed) and always rendered as
text; only characters no column can hold or no reader wants are refused."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from dashboard.contact_details import is_valid_email
from dashboard.i18n import N_, t
from dashboard.services.base import ServiceError

# Text is stored as given (trimmed) and always rendered as text (Dash escapes children; Plotly
# labels are escaped in dashboard.figures), so no markup needs to be filtered out here. Refused
# are only characters no column can hold or no reader wants: NUL (PostgreSQL cannot store it),
# the other C0 and C1 control characters and DEL, lone surrogates (not encodable as UTF-8), and
# in single-line fields tab and line breaks too (a CR in a name would be a new line anywhere the
# name is written line by line, as in a vCard).
_MULTI_LINE_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


_SINGLE_LINE_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


MULTI_LINE_FIELDS = frozenset({"note", "message"})


EMAIL_MAX_CHARS = 254  # the e-mail columns' length (and the longest address RFC 5321 allows)


class FieldError(ServiceError):
    """One form field is invalid; ``field`` names it."""

    def __init__(self, field: str, message_lv: str, message_en: str) -> None:
        super().__init__("invalid_field", message_lv, message_en, field=field)
        self.field = field

    @classmethod
    def translated(  # type: ignore[override]
        cls, field: str, message: str, values: dict[str, Any] | None = None
    ) -> FieldError:
        """The error for ``field`` with ``message`` (English, in the catalogues) in both
        languages; ``{label}`` in it is the field's label in each language."""
        label = FIELD_LABELS.get(field, field)
        values = values or {}
        return cls(
            field,
            t(message, "lv", label=t(label, "lv"), **values),
            t(message, "en", label=t(label, "en"), **values),
        )


# Each form field's label, as the forms show it (in the catalogues).
FIELD_LABELS = {
    "name": N_("Name or department"),
    "role_lv": N_("Role (Latvian)"),
    "role_en": N_("Role (English)"),
    "organisation": N_("Organisation"),
    "note": N_("Note"),
    "title_lv": N_("Title (Latvian)"),
    "title_en": N_("Title (English)"),
    "message": N_("What is wrong?"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "amount_eur": N_("Amount, EUR"),
    "share_pct": N_("Share, %"),
    "code": N_("Code"),
    "name_lv": N_("Name (Latvian)"),
    "name_en": N_("Name (English)"),
    "unit_code": N_("Unit"),
    "kind": N_("Kind"),
    "definition_lv": N_("Definition (Latvian)"),
    "definition_en": N_("Definition (English)"),
}


def field_error(field: str, message: str, **values: Any) -> FieldError:
    """A :class:`FieldError` for ``field`` with ``message`` (``{label}`` is the field's label)."""
    return FieldError.translated(field, message, values)


def as_text(field: str, value: Any) -> str:
    """A form value as trimmed text; anything but a string (a list, a number) is refused."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise field_error(field, "“{label}” must be text.")
    return value.strip()


def clean_text(field: str, value: Any, max_len: int, *, required: bool) -> str | None:
    """The trimmed text, ``None`` when empty and optional; :class:`FieldError` otherwise."""
    text = as_text(field, value)
    if not text:
        if required:
            raise field_error(field, "“{label}” is required.")
        return None
    if len(text) > max_len:
        raise field_error(field, "“{label}” is too long (max {max} characters).", max=max_len)
    multi_line = field in MULTI_LINE_FIELDS
    bad = (_MULTI_LINE_FORBIDDEN if multi_line else _SINGLE_LINE_FORBIDDEN).search(text)
    if bad:
        if bad.group() in "\r\n\t" and not multi_line:
            raise field_error(field, "“{label}” must be a single line (no line breaks or tabs).")
        code_point = "U+%04X" % ord(bad.group())  # noqa: UP031 - no f-string inside a message call
        raise field_error(
            field,
            "“{label}” contains a control character that is not allowed ({char}); remove it.",
            char=code_point,
        )
    return text


def clean_email(value: Any) -> str | None:
    email = as_text("email", value)
    if not email:
        return None
    if len(email) > EMAIL_MAX_CHARS or not is_valid_email(email):
        shown = email if len(email) <= 80 and email.isprintable() else email[:40] + "…"
        raise FieldError.translated(
            "email", "“{value}” is not a valid e-mail address.", {"value": shown}
        )
    return email


def clean_code(value: Any, max_len: int) -> str | None:
    """A code as sent by a form (a select's value), if it could name a row; else ``None``."""
    if not isinstance(value, str) or not 0 < len(value) <= max_len:
        return None
    return None if _SINGLE_LINE_FORBIDDEN.search(value) else value


# Numeric(14, 2): twelve digits before the decimal point, two after.
AMOUNT_MAX = Decimal("999999999999.99")


SHARE_MAX = Decimal(100)


_CENT = Decimal("0.01")


def clean_decimal(field: str, value: Any, *, high: Decimal) -> Decimal | None:
    """An amount or share between 0 and ``high`` with at most two decimals, or ``None`` if
    empty. ``1e400``, ``NaN``, ``-0``, ``Infinity`` and overlong input get the field's message."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal, type(None))):
        raise field_error(field, "“{label}” must be a number such as 1234.50.")
    text = ("" if value is None else str(value)).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    try:
        number = Decimal(text.replace(",", ".")) if len(text) <= 40 else None
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite():
        raise field_error(field, "“{label}” must be a number such as 1234.50.")
    if number.is_signed() or number > high:
        highest = format(high, "f")
        raise field_error(
            field, "“{label}” must be between {low} and {high}.", low="0", high=highest
        )
    rounded = number.quantize(_CENT)
    if rounded != number:
        raise field_error(field, "“{label}” can have at most two decimal places.")
    return rounded
