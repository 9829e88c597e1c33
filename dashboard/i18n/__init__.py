"""Translations for Latvian (first) and English, from gettext catalogues.

Messages are written in English in the code and translated through the catalogues in
``dashboard/i18n/translations/<lang>/LC_MESSAGES/messages.po`` (compiled to ``messages.mo`` by
``make translations``, which also extracts new messages and updates the catalogues):

* ``t(message, lang, **values)``: the message in ``lang``, its ``{placeholders}`` filled;
* ``tn(singular, plural, n, lang, **values)``: a message about a count ``n`` (Latvian has three
  plural forms, English two); ``{n}`` is filled too;
* ``tc(context, message, lang, **values)``: for the same English words that Latvian says in
  two ways (a column "Download" and a button "Download");
* ``N_(message)`` marks a message kept in a table, translated later with ``t``.

Only literal messages can be extracted, so the message is always a string literal at the call
(``tests/unit/test_translations.py`` fails on an untranslated message, a placeholder that differs
between the languages, or a catalogue that was not recompiled).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from babel.support import NullTranslations, Translations

from dashboard.i18n.formatting import DEFAULT_LANG, LANGS, normalise_lang

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
DOMAIN = "messages"


@functools.cache
def catalogue(lang: str) -> NullTranslations:
    """The compiled catalogue of ``lang``, read once per process (catalogues do not change while
    the app runs; ``make translations`` rebuilds them)."""
    return Translations.load(str(TRANSLATIONS_DIR), [normalise_lang(lang)], DOMAIN)


def _fill(text: str, values: dict[str, Any]) -> str:
    return text.format(**values) if values else text


def t(message: str, lang: str, **values: Any) -> str:
    return _fill(catalogue(lang).gettext(message), values)


def tn(singular: str, plural: str, n: int, lang: str, **values: Any) -> str:
    return _fill(catalogue(lang).ngettext(singular, plural, n), {"n": n, **values})


def tc(context: str, message: str, lang: str, **values: Any) -> str:
    return _fill(catalogue(lang).pgettext(context, message), values)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    return message


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


def other_lang(lang: str) -> str:
    """The language the reader is not reading (for the language switch and bilingual texts)."""
    return "en" if normalise_lang(lang) == "lv" else "lv"


def page_title(title: str) -> str:
    """ "<Page> – <site>" in the current request's language (for ``register_page(title=…)``)."""
    from dashboard.i18n.context import current_lang

    lang = current_lang()
    site = t("Regional remigration support", lang)
    return f"{t(title, lang)} – {site}"


def page_description(description: str) -> str:
    from dashboard.i18n.context import current_lang

    return t(description, current_lang())


__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "N_",
    "localized",
    "normalise_lang",
    "other_lang",
    "page_description",
    "page_title",
    "t",
    "tc",
    "tn",
]
