"""Sources named in uploads: what kind of publisher they are, their identity, and finding or
creating the ``Source`` row a published figure points to.

Why this is its own module: the kind of a source decides which of a cell's conflicting values
readers see (``queries/preference.py``: the official publisher over the press, the press over
other sites), so every writer of sources — publishing an upload here, loading the dossier in
``init-db`` — must classify publishers the same way, through :func:`source_kind`.

A figure whose upload names no source gets no ``Source`` at all (``source_id`` is ``None``,
shown as "source not stated"); a source is never made up from the uploader or the file name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.orm import Session

from dashboard.db import models as m
from dashboard.ingest.types import source_key

# --- What kind of publisher ----------------------------------------------------------------------
#
# official: the ministry (VARAM, under either of its names; any ministry), the five planning
#   regions, municipalities (pašvaldība, novada/pilsētas dome), and any site under gov.lv.
# press: news outlets — the agency LETA, public media LSM (Latvijas Radio, LTV), the national
#   outlets Delfi, TVNET, Diena, Latvijas Avīze (la.lv), Neatkarīgā, Jauns, Apollo, TV3, LNT,
#   BNN, The Baltic Times, The Baltic Course, Anglo Baltic News, and the regional papers and
#   portals (Vidzemes Saule, Valmieras Ziņas, Zemgales Ziņas, Bauskas Dzīve, ReKurzeme,
#   Kurzemnieks, Kurzemes Vārds, Ventas Balss, Ventspilnieks, Alūksniešiem, Latgales Laiks,
#   Rēzeknes Vēstis, Radio1 …).
# other: everything else, e.g. aggregators and mirrors (world-today-news.com, onthemovema.com),
#   diaspora sites, parish pages.
#
# The URL's host decides first (it names the site that published the page). Without a URL, or
# on a host not listed, the publisher's own name decides: its leading part, before "(", "/" or
# " via ", because "TVNET (VARAM release)" and "LETA via Vidzemes Saule (citing VARAM)" are the
# press reporting what the ministry said, not the ministry.

OFFICIAL_HOSTS = (
    "gov.lv",  # varam.gov.lv, lpr.gov.lv (Latgale), rpr.gov.lv (Rīga), mfa.gov.lv, pmlp.gov.lv …
    "vidzeme.lv",  # Vidzemes plānošanas reģions
    "kurzemesregions.lv",  # Kurzemes plānošanas reģions
    "zemgale.lv",  # Zemgales plānošanas reģions
    # Municipal sites: the state cities, and the municipalities whose site is their name.
    "riga.lv",
    "daugavpils.lv",
    "jelgava.lv",
    "jurmala.lv",
    "liepaja.lv",
    "rezekne.lv",
    "valmiera.lv",
    "ventspils.lv",
    "jekabpils.lv",
    "valka.lv",
    "madona.lv",
    "gulbene.lv",
    "dobele.lv",
    "saldus.lv",
    "balvi.lv",
    "preili.lv",
    "kraslava.lv",
    "aizkraukle.lv",
    "aluksne.lv",
    "tukums.lv",
)
# Municipal sites named "<name>novads.lv" (smiltenesnovads.lv, augsdaugavasnovads.lv …).
OFFICIAL_HOST_SUFFIXES = ("novads.lv",)

PRESS_HOSTS = (
    "leta.lv",
    "lsm.lv",
    "delfi.lv",
    "tvnet.lv",
    "diena.lv",
    "la.lv",
    "nra.lv",
    "jauns.lv",
    "apollo.lv",
    "tv3.lv",
    "lnt.lv",
    "bnn-news.com",
    "bnn-news.lv",
    "baltictimes.com",
    "baltic-course.com",
    "anglobalticnews.co.uk",
    "vs.lv",
    "valmieraszinas.lv",
    "zz.lv",
    "bauskasdzive.lv",
    "rekurzeme.lv",
    "kurzemnieks.lv",
    "kurzemesvards.lv",
    "ventasbalss.lv",
    "ventspilnieks.lv",
    "vlz.lv",
    "aluksniesiem.lv",
    "latgaleslaiks.lv",
    "rv.lv",
    "radio1.lv",
)

# Words in a publisher's name (folded: lower case, no diacritics), matched as whole words.
OFFICIAL_NAMES = (
    "varam",
    "ministrija",
    "ministrijas",
    "ministry",
    "planosanas regions",
    "planosanas regiona",
    "planning region",
    "pasvaldiba",
    "pasvaldibas",
    "novada dome",
    "novada domes",
    "pilsetas dome",
    "pilsetas domes",
    "valstspilsetas",
    "municipality",
    "city council",
)
PRESS_NAMES = (
    "leta",
    "lsm",
    "latvijas radio",
    "latvian radio",
    "ltv",
    "delfi",
    "tvnet",
    "diena",
    "la.lv",
    "latvijas avize",
    "neatkariga",
    "jauns.lv",
    "apollo",
    "tv3",
    "lnt",
    "bnn",
    "baltic times",
    "baltic course",
    "anglo baltic news",
    "vidzemes saule",
    "valmieras zinas",
    "zemgales zinas",
    "bauskas dzive",
    "rekurzeme",
    "kurzemnieks",
    "kurzemes vards",
    "ventas balss",
    "ventspilnieks",
    "aluksniesiem",
    "latgales laiks",
    "rezeknes vestis",
    "radio1",
)

KINDS = ("official", "press", "other")


def _fold(text: str) -> str:
    """Lower case without diacritics, runs of spaces as one: "Plānošanas  Reģions" →
    "planosanas regions"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def _host_matches(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def _names_match(name: str, words: tuple[str, ...]) -> bool:
    """Whether a word of ``words`` occurs in ``name`` as whole words (so "lnt" is not found in
    "atlantic", nor "leta" in "Letamija")."""
    return any(re.search(rf"(?<![\w.]){re.escape(w)}(?![\w])", name) for w in words)


def source_kind(publisher: str | None, url: str | None) -> str:
    """``"official"``, ``"press"`` or ``"other"``: the kind of the publisher of a source (the
    lists and the order they are asked in are at the top of this module)."""
    host = (urlsplit(url.strip()).hostname or "") if url else ""
    host = host.lower().removeprefix("www.")
    if host:
        if _host_matches(host, OFFICIAL_HOSTS) or host.endswith(OFFICIAL_HOST_SUFFIXES):
            return "official"
        if _host_matches(host, PRESS_HOSTS):
            return "press"
    name = _fold(publisher or "")
    leading = re.split(r"\(|/| via ", name, maxsplit=1)[0].strip()
    for part in (leading, name):
        if _names_match(part, PRESS_NAMES):
            return "press"
        if _names_match(part, OFFICIAL_NAMES):
            return "official"
    return "other"


# --- Identity and dates --------------------------------------------------------------------------


def stored_source_key(source: m.Source | None) -> str:
    """The identity of a stored source, as :func:`dashboard.ingest.types.source_key` gives it for
    an upload's row naming the same source (``""`` for no source).

    A source created from a row that named only its publisher has that publisher as its title;
    ``source_key`` treats a title equal to the publisher as no title, so both give the same key.
    """
    if source is None:
        return ""
    return source_key(source.url, source.title, source.publisher)


class PublicationDate(NamedTuple):
    """A source's publication date as the upload states it: a day, a month, or not stated."""

    on: dt.date | None
    precision: str | None  # "day" | "month" | None


def publication_date(text: str | None) -> PublicationDate | None:
    """``YYYY-MM-DD`` → that day; ``YYYY-MM`` → the month's first day, precision "month";
    empty → not stated; anything else → ``None`` (the validator refuses such a file)."""
    text = (text or "").strip()
    if not text:
        return PublicationDate(None, None)
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return PublicationDate(dt.date.fromisoformat(text), "day")
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return PublicationDate(dt.date.fromisoformat(text + "-01"), "month")
    except ValueError:
        return None
    return None


# --- Finding or creating a source ----------------------------------------------------------------


@dataclass(frozen=True)
class NamedSource:
    """A source as an upload's row names it."""

    url: str | None
    title: str | None
    publisher: str | None
    published_on: str | None

    @property
    def key(self) -> str:
        return source_key(self.url, self.title, self.publisher)


class SourceFinder:
    """Finds the stored source an upload's row names, or creates it, within one transaction.

    A source is the same when its identity (:func:`source_key`: the URL, else title and
    publisher) is: a figure from a page already on file points to that page's row, whatever
    the new row says about its date. Found rows are remembered, so a file naming one page on
    every row reads it once.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.found: dict[str, m.Source] = {}

    def _stored(self, key: str, url: str | None) -> m.Source | None:
        if url:
            return self.session.scalar(
                sa.select(m.Source).where(m.Source.url == url.strip()).order_by(m.Source.id)
            )
        candidates = self.session.scalars(
            sa.select(m.Source).where(m.Source.url.is_(None)).order_by(m.Source.id)
        )
        return next((s for s in candidates if stored_source_key(s) == key), None)

    def source_for(self, named: NamedSource) -> m.Source | None:
        """The source ``named`` identifies, created if new; ``None`` when it names none.

        Raises ``ValueError`` for a publication date that is not ``YYYY-MM-DD`` or ``YYYY-MM``.
        """
        key = named.key
        if not key:
            return None
        if key in self.found:
            return self.found[key]
        source = self._stored(key, named.url)
        if source is None:
            date = publication_date(named.published_on)
            if date is None:
                raise ValueError(f"publication date {named.published_on!r}")
            url = named.url.strip() if named.url else None
            title = (named.title or "").strip() or (named.publisher or "").strip() or url or ""
            source = m.Source(
                # Codes of sources first named in an upload: "upload-" and a digest of the
                # identity, so concurrent publishers creating one source collide cleanly.
                code="upload-" + hashlib.sha256(key.encode()).hexdigest()[:24],
                title=title,
                publisher=(named.publisher or "").strip()[:300],
                url=url,
                published_on=date.on,
                published_precision=date.precision,
                kind=source_kind(named.publisher, url),
            )
            self.session.add(source)
            self.session.flush()
        self.found[key] = source
        return source
