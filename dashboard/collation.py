"""Latvian alphabetical order for names, without ICU.

Python's ``sorted`` orders by code point, so "Šulca" comes after "Ziemele" and "Čakste" after
"Zariņa"; folding the diacritics away (``dashboard.search.fold``) puts "Šulca" among the S's,
which a Latvian reader does not expect either. Neither PyICU nor Babel's collation is available
here, so :func:`latvian_key` implements the Latvian tailoring of the Unicode Collation Algorithm
that CLDR (and so ICU) uses for ``lv``, for the letters Latvian names are written in:

* č, ģ, ķ, ļ, ņ, ŗ, š, ž are letters of their own, after c, g, k, l, n, r, s, z
  ("Cīrule" < "Čakste" < "Dālmane");
* the long vowels ā, ē, ī, ō, ū are the same letter as a, e, i, o, u, and only break a tie
  ("Ābele" sorts among the A's; "Kalns" < "Kāls" < "Kalva" is *not* split by the macron);
* y sorts with i (a secondary difference), as in CLDR;
* lower case before upper case on a tie; spaces and punctuation before letters and digits.

The order of the Latvian alphabet this gives: a ā b c č d e ē f g ģ h i ī j k ķ l ļ m n ņ o p
r s š t u ū v z ž (with q, w, x, y of foreign names in their Latin places).
"""

from __future__ import annotations

import string
import unicodedata

# Primary letters in order: the Latin alphabet with the Latvian letters of their own inserted.
_ALPHABET = "abcčdefgģhijkķlļmnņopqrŗsštuvwxyzž"
_PRIMARY = {letter: 100 + i for i, letter in enumerate(_ALPHABET)}
_PRIMARY["y"] = _PRIMARY["i"]  # CLDR lv: &I<<y (secondary after i)
# Secondary weights: 0 plain, 1 long vowel (macron) or y, 2 any other accent.
_MACRON = "\u0304"


def _weights(ch: str) -> tuple[int, int]:
    """``(primary, secondary)`` of one lower-case character."""
    if ch in _PRIMARY:
        return _PRIMARY[ch], 1 if ch == "y" else 0
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[:1], decomposed[1:]
    if base in _PRIMARY:
        return _PRIMARY[base], 1 if marks == _MACRON else 2
    if ch.isdigit():
        return 50 + (int(ch) if ch in string.digits else 0), 0
    if ch.isspace() or unicodedata.category(ch).startswith(("P", "S", "Z")):
        return 1, 0
    return 200 + ord(ch), 0  # other scripts: after the Latin letters, by code point


def latvian_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """A sort key that orders ``text`` as a Latvian reader expects (see the module docstring):
    letters first, then long vowels and accents, then case."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for ch in text:
        lower = ch.lower()
        for part in lower:  # "İ".lower() is two characters
            p, s = _weights(part)
            primary.append(p)
            secondary.append(s)
            tertiary.append(0 if ch == lower else 1)
    return tuple(primary), tuple(secondary), tuple(tertiary)
