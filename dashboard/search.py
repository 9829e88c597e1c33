"""Diacritic-insensitive text matching, so "Rundale" finds "Rundāles novads" and "uzulina" finds
"Ūzuliņa": people type Latvian names on keyboards without Latvian letters."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case ``text`` and strip diacritics (ā→a, ģ→g, ņ→n, š→s …)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def matches(query: str, *fields: str | None) -> bool:
    """True when every word of ``query`` occurs in at least one of ``fields`` (folded)."""
    words = fold(query).split()
    haystack = " ".join(fold(f) for f in fields if f)
    return all(word in haystack for word in words)
