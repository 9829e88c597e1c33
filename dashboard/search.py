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


# What readers add to a municipality's name, folded: "Rundāles novads", "Bauska Municipality",
# "Daugavpils (city)", "Rīgas pilsēta". Left off, the bare name stays ("rundales": the Latvian
# genitive, as in "Rundāles novads").
PLACE_SUFFIXES = (" novads", " municipality", " (city)", " city", " pilseta", " novada pasvaldiba")


def name_forms(*names: str | None) -> set[str]:
    """Every folded form a reader might type for a place called ``names`` (its LV and EN
    names): each whole name and each without a :data:`PLACE_SUFFIXES` ending."""
    out = set()
    for name in names:
        folded = fold(name or "")
        out.add(folded)
        out.update(folded.removesuffix(s) for s in PLACE_SUFFIXES if folded.endswith(s))
    return {n for n in out if n}


def place_query(text: str | None) -> str:
    """``text`` folded and without a :data:`PLACE_SUFFIXES` ending, to compare with
    :func:`name_forms` ("Rundale Municipality" → "rundale")."""
    folded = fold(text or "")
    for suffix in PLACE_SUFFIXES:
        folded = folded.removesuffix(suffix)
    return folded.strip()


def name_rank(query: str, forms: set[str]) -> int:
    """How well a :func:`place_query` names a place with ``forms``: 0 a whole name, 1 the
    beginning of one, 2 neither. Pages list whole names before beginnings."""
    if query in forms:
        return 0
    return 1 if any(form.startswith(query) for form in forms) else 2
