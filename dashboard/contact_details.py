"""Field validators shared by seed loading, uploads and admin forms.

Real data is dirty (seed 003 prints an e-mail address without its ``@``), so every entry point
checks fields the same way and refuses bad rows instead of loading them silently.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

# Deliberately simple: one @, a dotted domain, no spaces. Full RFC 5322 is not the goal; catching
# the typos that appear in published contact lists is.
_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
_E164_RE = re.compile(r"^\+[1-9]\d{6,14}$")
_LV_PHONE_RE = re.compile(r"^\+371\d{8}$")


def is_valid_email(value: str) -> bool:
    return bool(_EMAIL_RE.match(value.strip()))


def normalise_phone(value: str) -> str | None:
    """Return the phone in E.164 form, or ``None`` if it is not a valid number.

    Accepts spaces, dashes and a leading ``00``; an 8-digit number is taken as Latvian (+371).
    """
    digits = re.sub(r"[\s\-()]", "", value.strip())
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if re.fullmatch(r"\d{8}", digits):
        digits = "+371" + digits
    if digits.startswith("+371"):
        return digits if _LV_PHONE_RE.match(digits) else None
    return digits if _E164_RE.match(digits) else None


def format_phone(e164: str) -> str:
    """Display form: ``+371 6547 6064`` for Latvian numbers, E.164 otherwise."""
    if _LV_PHONE_RE.match(e164):
        return f"+371 {e164[4:8]} {e164[8:]}"
    return e164


def is_http_url(value: str) -> bool:
    parsed = urlparse(value.strip())
    return parsed.scheme in {"http", "https"} and bool(parsed.netloc)
