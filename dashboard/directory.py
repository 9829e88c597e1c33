"""Contact-directory logic: staleness, search, sorting and vCard output (pure functions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import vobject

from dashboard.collation import latvian_key
from dashboard.i18n import normalise_lang
from dashboard.search import matches


def months_before(today: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (clamped to the month's last day)."""
    year, month = divmod(today.year * 12 + (today.month - 1) - months, 12)
    month += 1
    for day in (today.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def is_stale(verified_on: dt.date | None, today: dt.date, max_age_months: int) -> bool:
    """True when the entry was last verified more than ``max_age_months`` ago (or never)."""
    if verified_on is None:
        return True
    return verified_on < months_before(today, max_age_months)


def filter_contacts(
    contacts: Iterable[dict[str, Any]], query: str = "", region: str | None = None
) -> list[dict[str, Any]]:
    """Contacts whose text matches ``query`` (diacritic-insensitive) and are in ``region``."""
    out = []
    for c in contacts:
        if region and (c.get("region") or {}).get("code") != region:
            continue
        fields = [
            c.get("name"),
            c.get("role_lv"),
            c.get("role_en"),
            c.get("organisation"),
            (c.get("region") or {}).get("name_lv"),
            (c.get("municipality") or {}).get("name_lv"),
            (c.get("municipality") or {}).get("name_en"),
            c.get("email"),
        ]
        if query and not matches(query, *fields):
            continue
        out.append(c)
    return out


SORT_KEYS = ("name", "region", "verified")


def sort_contacts(contacts: Sequence[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Name order is Latvian alphabetical order (``dashboard.collation``): Š after S."""
    if key == "region":
        return sorted(
            contacts,
            key=lambda c: (
                (c.get("region") or {}).get("name_lv") is None,
                latvian_key((c.get("region") or {}).get("name_lv") or ""),
                latvian_key(c["name"]),
            ),
        )
    if key == "verified":
        # Most recently verified first; never-verified entries last.
        return sorted(
            contacts,
            key=lambda c: (
                c.get("verified_on") is None,
                -(c["verified_on"] or dt.date.min).toordinal(),
            ),
        )
    return sorted(contacts, key=lambda c: latvian_key(c["name"]))


def vcard(contact: dict[str, Any], lang: str = "lv") -> str:
    """A vCard 3.0 for one contact, written by ``vobject``.

    The library escapes every value (backslash, comma, semicolon, and CR/LF as ``\\n``) and folds
    long lines, so no character in a stored field can end a property early or start another
    property or card. CRLF line endings, as RFC 2426 requires.
    """
    card = vobject.vCard()
    card.add("fn").value = contact["name"]
    card.add("n").value = vobject.vcard.Name(family=contact["name"])
    card.add("org").value = [contact.get("organisation") or ""]
    role = contact.get(f"role_{normalise_lang(lang)}")
    if role:
        card.add("title").value = role
    if contact.get("email"):
        email = card.add("email")
        email.value = contact["email"]
        email.type_paramlist = ["INTERNET", "WORK"]
    if contact.get("phone"):
        tel = card.add("tel")
        tel.value = contact["phone"]
        tel.type_paramlist = ["WORK", "VOICE"]
    if contact.get("verified_on"):
        card.add("rev").value = contact["verified_on"].isoformat()
    return card.serialize()
