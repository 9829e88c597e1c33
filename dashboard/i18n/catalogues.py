"""``make translations``: extract the messages, update the catalogues, compile them.

``python -m dashboard.i18n.catalogues`` runs Babel's three steps with the keywords below (the one
list of them; the translation tests extract with the same list). After it, translate the new
(empty) Latvian entries in ``translations/lv/LC_MESSAGES/messages.po`` and run it again to
compile; English entries may stay empty (the English source text is used).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

I18N_DIR = Path(__file__).resolve().parent
PROJECT_DIR = I18N_DIR.parent.parent
TEMPLATE = I18N_DIR / "messages.pot"
TRANSLATIONS_DIR = I18N_DIR / "translations"

# Function name -> which arguments are messages (Babel's keyword specification).
KEYWORDS: dict[str, tuple | None] = {
    "t": None,  # t(message, lang, **values)
    "tn": (1, 2),  # tn(singular, plural, n, lang, **values)
    "tc": ((1, "c"), 2),  # tc(context, message, lang, **values)
    "N_": None,  # a message kept in a table
    "page_title": None,
    "page_description": None,
    "translated": (2,),  # ServiceError.translated(code, message) / FieldError.translated(field, …)
    "field_error": (2,),
}


def _keyword_options() -> list[str]:
    options = []
    for name, spec in KEYWORDS.items():
        if spec is None:
            options += ["-k", name]
            continue
        parts = [f"{p[0]}{p[1]}" if isinstance(p, tuple) else str(p) for p in spec]
        options += ["-k", f"{name}:{','.join(parts)}"]
    return options


def main() -> None:
    cli = CommandLineInterface()
    common = ["--no-location", "--sort-output", "--width", "100"]
    cli.run(
        [
            "pybabel",
            "extract",
            "-F",
            str(PROJECT_DIR / "babel.cfg"),
            "--no-default-keywords",
            *_keyword_options(),
            *common,
            "--project",
            "remigration-dashboard",
            "-o",
            str(TEMPLATE),
            str(PROJECT_DIR),
        ]
    )
    cli.run(
        ["pybabel", "update", "-i", str(TEMPLATE), "-d", str(TRANSLATIONS_DIR), "-D", "messages"]
        + ["--width", "100", "--ignore-obsolete", "--ignore-pot-creation-date"]
    )
    cli.run(["pybabel", "compile", "-d", str(TRANSLATIONS_DIR), "-D", "messages", "--statistics"])


if __name__ == "__main__":
    sys.exit(main())
