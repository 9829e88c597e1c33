"""Latvian/English strings and formatting.

``t(key, lang, **values)`` looks a key up in :mod:`dashboard.i18n.strings` and fills in
``{placeholders}``. A missing key raises ``KeyError`` so that a forgotten translation fails the
tests instead of showing the key to a reader.
"""

from __future__ import annotations

from typing import Any

from dashboard.i18n.formatting import DEFAULT_LANG, LANGS, normalise_lang
from dashboard.i18n.strings import STRINGS


def t(key: str, lang: str, **values: object) -> str:
    entry = STRINGS[key]
    text = entry[normalise_lang(lang)]
    return text.format(**values) if values else text


def localized(row: Any, field: str, lang: str) -> Any:
    """``row["<field>_lv"]`` or ``row["<field>_en"]``, whichever is the reader's language.

    Regions, metrics, periods, contacts, links and funding rows carry every text twice
    (``name_lv``/``name_en``, ``unit_…``, ``title_…``, ``role_…``, ``label_…``); this picks one the
    same way ``t`` does (an unknown language reads Latvian), so no page spells the choice out.
    Works on dicts and pandas rows alike; objects without item access (a ``ServiceError`` with
    ``message_lv``/``message_en``) are read by attribute.
    """
    key = f"{field}_{normalise_lang(lang)}"
    return row[key] if hasattr(row, "__getitem__") else getattr(row, key)


def page_title(page: str) -> str:
    """ "<Page> – <site>" in the current request's language (for ``register_page(title=…)``)."""
    from dashboard.i18n.context import current_lang

    lang = current_lang()
    return f"{t(f'meta.{page}.title', lang)} – {t('site.title', lang)}"


def page_description(page: str) -> str:
    from dashboard.i18n.context import current_lang

    return t(f"meta.{page}.description", current_lang())


__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "localized",
    "normalise_lang",
    "page_description",
    "page_title",
    "t",
]
