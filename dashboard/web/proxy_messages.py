"""The words of nginx's own refusals, for ``deploy/nginx.conf`` (``deploy/serve_production.py``).

nginx answers some requests itself, before the app sees them (a body over the upload limit, too
many requests at once from one address, the app not answering). Those pages are plain text in
Latvian, then English; their messages live here so that they are in the app's catalogues.
"""

from __future__ import annotations

from dashboard.i18n import LANGS, t


def too_large(limit: str) -> str:
    return "".join(
        t("The request is too large: an uploaded file may be up to {limit}.", lang, limit=limit)
        + "\n"
        for lang in LANGS
    )


def busy() -> str:
    return "".join(
        t("Too many simultaneous requests from this address; please try again in a moment.", lang)
        + "\n"
        for lang in LANGS
    )


def unavailable() -> str:
    return "".join(
        t("The site is temporarily unavailable; please try again in a moment.", lang) + "\n"
        for lang in LANGS
    )
