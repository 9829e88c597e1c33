"""The dossier's publications as ``Source`` rows: one per URL, shared by its three files.

The dossier (``data/seed/dossier/``, copied from ``shared/data/published-figures``) names a
publication by URL, publisher and a free-text publication date. This module turns that into a
source: a readable title (the dossier gives none), the date to the day or the month where the
text states one, the kind of publisher (:func:`dashboard.services.sources.source_kind`, as for
uploads: it decides the preferred value of a conflicting cell) and the publication's own words.

Every dossier source has the code ``dossier-<first row id>`` (``dossier-F001``, or
``dossier-contact-01``/``dossier-budget-01`` for a page cited only there), so loading again finds
it instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.orm import Session

from dashboard.db import models as m
from dashboard.services.sources import source_kind

SOURCE_CODE_PREFIX = "dossier-"

# A stated date: "2024-02-07", "2022-04", "2023-03 (meeting 15 March 2023)", "page dated
# 2024-04-22 (…)". Hedged texts ("c. 2022-07 (not stated)", "2020 (month not stated)",
# "undated page", "unknown") state no date.
_STATED = re.compile(r"^(?:page dated )?(\d{4})-(\d{2})(?:-(\d{2}))?(?: \(([^)]*)\))?$")
_ANY_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")

# Publishers of pages cited only in contacts.csv or budget.csv (which have no publisher
# column): the organisation that runs the site, where the host names one.
HOST_PUBLISHERS = {
    "lpr.gov.lv": "Latgales plānošanas reģions",
    "varam.gov.lv": "VARAM",
    "kurzemesregions.lv": "Kurzemes plānošanas reģions",
    "aluksne.lv": "Alūksnes novada pašvaldība",
    "preili.lv": "Preiļu novada pašvaldība",
    "vecumnieki.lv": "Vecumnieku novada pašvaldība",
    "bauskasnovads.lv": "Bauskas novada pašvaldība",
}


@dataclass(frozen=True)
class PublishedOn:
    """A dossier publication date: the date and how much of it the text states."""

    text: str
    on: dt.date | None
    precision: str | None  # "day" | "month" | None (not stated)

    @property
    def sort_key(self) -> dt.date:
        """For ordering publications: the stated date, else the first year(-month) the text
        mentions ("c. 2022-07 (not stated)" → July 2022), else the far future."""
        if self.on is not None:
            return self.on
        found = _ANY_DATE.search(self.text)
        if found is None:
            return dt.date.max
        year, month, day = found.groups()
        return dt.date(int(year), int(month or 1), int(day or 1))


def parse_published_on(text: str) -> PublishedOn:
    """The date a dossier text states, to the day or the month; ``None`` when it is hedged."""
    found = _STATED.match(text.strip())
    if found is None:
        return PublishedOn(text, None, None)
    year, month, day, remark = found.groups()
    if remark and ("not stated" in remark or remark.startswith("c.")):
        return PublishedOn(text, None, None)
    try:
        on = dt.date(int(year), int(month), int(day or 1))
    except ValueError:
        return PublishedOn(text, None, None)
    return PublishedOn(text, on, "day" if day else "month")


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def readable_title(publisher: str, url: str, published: PublishedOn) -> str:
    """ "<publisher>, <site>, <date>": the dossier gives no titles, and a slug is no title."""
    host = host_of(url)
    parts = [publisher]
    if host and host not in publisher.casefold():
        parts.append(host)
    if published.on is None:
        parts.append("date not stated")
    else:
        parts.append(published.on.isoformat()[: 10 if published.precision == "day" else 7])
    return ", ".join(parts)


@dataclass(frozen=True)
class Publication:
    """A publication as the dossier names it."""

    code: str
    url: str
    publisher: str
    published: PublishedOn
    quote: str | None = None


class SourceRegistry:
    """The dossier's sources by URL: the stored ones, plus any this load adds."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_url: dict[str, m.Source] = {}
        self.others: dict[str, m.Source] = {}  # the seed's (or an upload's) sources by URL
        self.added = 0
        for source in session.scalars(sa.select(m.Source).order_by(m.Source.id)):
            mine = source.code.startswith(SOURCE_CODE_PREFIX)
            (self.by_url if mine else self.others).setdefault(source.url or "", source)

    def get(self, publication: Publication) -> m.Source:
        """The source of ``publication``'s URL, added the first time it is seen."""
        found = self.by_url.get(publication.url)
        if found is not None:
            return found
        published = publication.published
        stated = None
        if published.on is not None:
            stated = published.on.isoformat()[: 10 if published.precision == "day" else 7]
        notes = []
        if published.text != stated:
            notes.append(f"Publication date as the dossier gives it: {published.text}.")
        earlier = self.others.get(publication.url)
        if earlier is not None:
            # varam.gov.lv's programme page: seed 004 is its 2020 text, the dossier read it later.
            notes.append(
                f"The same page as source {earlier.code} ({earlier.published_on or 'undated'}), "
                "as it read later: a separate source, since its content changed."
            )
        source = m.Source(
            code=publication.code,
            title=readable_title(publication.publisher, publication.url, published),
            publisher=publication.publisher,
            url=publication.url,
            published_on=published.on,
            published_precision=published.precision,
            kind=source_kind(publication.publisher, publication.url),
            quote=publication.quote,
            note=" ".join(notes) or None,
        )
        self.session.add(source)
        self.by_url[publication.url] = source
        self.added += 1
        return source

    def publisher_for(self, url: str) -> str:
        """Who published ``url``: as a figures row named it, else the organisation its site
        belongs to, else the site's host."""
        known = self.by_url.get(url)
        if known is not None:
            return known.publisher
        host = host_of(url)
        return HOST_PUBLISHERS.get(host, host)
