"""The gettext catalogues are complete, consistent with the code, and compiled.

Messages are extracted from the code exactly as ``make translations`` does (the keywords of
``dashboard/i18n/catalogues.py``); the Latvian catalogue must translate every one of them, in every
plural form, with the same ``{placeholders}``; the compiled ``.mo`` must say what the ``.po``
says; and no message may be built at run time (an f-string cannot be extracted).
"""

from __future__ import annotations

import ast
import string

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from babel.support import Translations

from dashboard.i18n import catalogue, t, tc, tn
from dashboard.i18n.catalogues import KEYWORDS, PROJECT_DIR, TRANSLATIONS_DIR

PACKAGE = PROJECT_DIR / "dashboard"


def _catalogue(lang: str):
    path = TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def _extracted() -> set[tuple[str | None, str | tuple[str, ...]]]:
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add((context, message))
    return found


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def extracted():
    return _extracted()


@pytest.fixture(scope="module")
def latvian():
    return _catalogue("lv")


def test_every_message_in_the_code_is_translated_to_latvian(extracted, latvian):
    assert len(extracted) > 300
    missing, untranslated = [], []
    for context, message in sorted(extracted, key=repr):
        msgid = message[0] if isinstance(message, tuple) else message
        entry = latvian.get(msgid, context=context)
        if entry is None:
            missing.append(message)
            continue
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy or not all(form.strip() for form in forms):
            untranslated.append(message)
    assert missing == [], "not in the catalogue: run `make translations`"
    assert untranslated == [], "untranslated or fuzzy in translations/lv/…/messages.po"


def test_the_catalogues_hold_no_message_the_code_no_longer_uses(extracted):
    used = {(context, m[0] if isinstance(m, tuple) else m) for context, m in extracted}
    for lang in ("lv", "en"):
        stale = [
            (e.context, e.id) for e in _catalogue(lang) if e.id and (e.context, _id(e)) not in used
        ]
        assert stale == [], f"{lang}: obsolete messages; run `make translations`"


def _id(entry) -> str:
    return entry.id[0] if isinstance(entry.id, tuple) else entry.id


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_placeholders_are_the_same_in_every_language(lang):
    for entry in _catalogue(lang):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        source = set().union(*(_placeholders(i) for i in ids))
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for form in forms:
            if form:  # an empty English entry means "the source text"
                assert _placeholders(form) <= source | {"n"}, (entry.id, form)
                assert _placeholders(form) >= source - {"n"}, (entry.id, form)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_compiled_catalogue_says_what_the_po_file_says(lang):
    compiled = Translations.load(str(TRANSLATIONS_DIR), [lang], "messages")
    for entry in _catalogue(lang):
        if not entry.id or entry.fuzzy:
            continue
        if isinstance(entry.id, tuple):
            for n, form in ((1, 1), (2, 2), (10, 0)):
                expected = entry.string[form if lang == "lv" else (0 if n == 1 else 1)]
                got = (
                    compiled.npgettext(entry.context, *entry.id, n)
                    if entry.context
                    else compiled.ngettext(*entry.id, n)
                )
                assert got == (expected or entry.id[0 if n == 1 else 1]), (entry.id, n)
        else:
            got = (
                compiled.pgettext(entry.context, entry.id)
                if entry.context
                else compiled.gettext(entry.id)
            )
            assert got == (entry.string or entry.id), entry.id


def test_the_latvian_plural_rule_is_cldr_s():
    header = _catalogue("lv").plural_forms
    assert header == get_plural("lv").plural_forms
    assert get_plural("lv").num_plurals == 3


def test_every_message_call_is_a_literal_the_extractor_reads(extracted):
    """``t(f"…")`` cannot be extracted, and neither can a message in parentheses
    (``t(("a " "b"), lang)``): every literal message must be among the extracted ones."""
    messages = {m[0] if isinstance(m, tuple) else m for _, m in extracted}
    built, unread = [], []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            position = {"t": 0, "tn": 0, "tc": 1, "N_": 0, "translated": 1, "field_error": 1}
            if name not in position or len(node.args) <= position[name]:
                continue
            message = node.args[position[name]]
            where = f"{path.relative_to(PROJECT_DIR)}:{node.lineno}"
            if isinstance(message, ast.JoinedStr | ast.BinOp):
                built.append(where)
            elif isinstance(message, ast.Constant) and message.value not in messages:
                unread.append(where)
    assert built == [], "messages built at run time"
    assert unread == [], "literal messages the extractor does not see (parenthesised?)"


def test_plural_forms_follow_the_language():
    assert [tn("{n} day", "{n} days", n, "lv") for n in (1, 2, 10, 11, 21, 30)] == [
        "1 dienu",
        "2 dienas",
        "10 dienas",
        "11 dienas",
        "21 dienu",
        "30 dienas",
    ]
    assert [tn("{n} day", "{n} days", n, "en") for n in (1, 2, 21)] == [
        "1 day",
        "2 days",
        "21 days",
    ]


def test_t_and_tc_translate_and_fill_placeholders():
    assert t("Overview", "lv") == "Pārskats"
    assert t("Overview", "en") == "Overview"
    assert t("Overview", "de") == "Pārskats"  # an unknown language reads Latvian
    assert t("{unit} per month", "lv", unit="ģimenes") == "ģimenes mēnesī"
    assert tc("button", "Download", "lv") != tc("table column", "Download", "lv")
    assert catalogue("lv") is catalogue("lv")  # read once per process
