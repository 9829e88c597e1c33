"""The licence of the open data: the one place its name, address and wording live.

The compilation (this dashboard's tables, their structure and their translations) is
CC BY 4.0; each figure stays under the terms of the original publisher named on it. The /data
page, the API's ``Link`` header, every download, the data package, the catalogue record, the
JSON-stat dataset and the release feed all say so from here, so they cannot disagree.
"""

from __future__ import annotations

from dashboard.i18n import t

LICENCE_ID = "CC-BY-4.0"
LICENCE_TITLE = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_SHORT = "CC BY 4.0"  # under a chart image and in a chart's citation
# RFC 8288 web link for HTTP responses (the "license" relation is registered by RFC 4946).
LICENCE_LINK_HEADER = f'<{LICENCE_URL}>; rel="license"'


def licence_statement(lang: str) -> str:
    """One paragraph: what is licensed, under what, and whom to credit."""
    return t(
        "The compilation of figures on this site is licensed under CC BY 4.0: you may copy, "
        "share and adapt it for any purpose if you credit this dashboard and the original "
        "publisher named on each figure (the source columns). Each figure itself remains "
        "subject to its original publisher's terms.",
        lang,
    )


def attribution(lang: str, site: str) -> str:
    """The credit line a reuser writes, naming this site by its address."""
    return t(
        "Source: Regional remigration support dashboard ({site}), CC BY 4.0; original "
        "publishers as named on each figure.",
        lang,
        site=site or "/",
    )


def licence_lines(lang: str, site: str) -> list[str]:
    """The licence as the lines of a workbook's "licence" sheet."""
    return [LICENCE_TITLE, LICENCE_URL, licence_statement(lang), attribution(lang, site)]
