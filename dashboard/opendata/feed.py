"""The Atom feed of data releases (``/api/v1/releases.atom``), built from what the queries return.

Journalists and analysts subscribe to it to hear of new figures without watching the site: one
entry per release, newest first, saying in the reader's language what the release *added* (how
many figures, of which measures, where, for which periods, from which sources) and what it
*changed* (figures of earlier releases it replaced, and whether it was itself rolled back), with
links to its data exactly as published. Nothing here reads the database or the request: the
route passes the rows and the site's address in, so the feed is a pure function of them and can
be tested without an app.

Identifiers are built from the site's configured address (``dashboard.web.site``), never from a
``Host`` header, and an entry's id is the same in both languages: it is the same release, told
twice. Everything from the database is escaped before it goes into the entries' HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from xml.etree import ElementTree as ET

from dashboard.i18n import localized, t, tn
from dashboard.i18n.formatting import format_date, normalise_lang
from dashboard.opendata.licence import LICENCE_URL, licence_statement

FEED_PATH = "/api/v1/releases.atom"
DATA_PAGE_PATH = "/data"
ATOM_TYPE = "application/atom+xml"
# Periods listed in full up to this many; a longer list shows its first and last two.
PERIODS_LISTED = 12
ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot carry at all (ElementTree would write them, making the document
# unreadable): dropped from every text.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# The date of a feed with no release and no other date (Atom requires one).
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def observations_path(number: int) -> str:
    """The API's data as published in release ``number``: the entry's id, language-neutral."""
    return f"/api/v1/observations?release={number}"


def csv_path(number: int) -> str:
    """The CSV download of release ``number`` as published (what /data links to)."""
    return f"/download/observations.csv?scope=full&release={number}"


def feed_path(lang: str) -> str:
    """The feed in ``lang``: Latvian is the default, so only English carries ``?lang=``."""
    return FEED_PATH if normalise_lang(lang) == "lv" else f"{FEED_PATH}?lang=en"


def _with_lang(path: str, lang: str) -> str:
    """``path`` for an English reader (``lang=en`` added); Latvian is every page's default."""
    if normalise_lang(lang) == "lv":
        return path
    return f"{path}{'&' if '?' in path else '?'}lang=en"


def _utc(stamp: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) time as an aware one, whole seconds: Atom wants RFC 3339 with a
    zone."""
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC).replace(microsecond=0)


def _clean(text: str | None) -> str:
    """Database text as XML can carry it (an upload's file name could hold a control byte)."""
    return _NOT_XML.sub("", text or "")


def _esc(text: str | None) -> str:
    """Text for the entries' HTML content: cleaned, then escaped (quotes too, for attributes)."""
    return html.escape(_clean(text), quote=True)


def _paragraph(text: str) -> str:
    return f"<p>{_esc(text)}</p>"


def _heading(text: str) -> str:
    return f"<h3>{_esc(text)}</h3>"


def _web_url(url: str | None) -> str | None:
    """A source's address if it is a web address; anything else (``javascript:``) is not
    linked."""
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


def _periods(periods: Sequence[Mapping[str, Any]], lang: str) -> str:
    labels = [localized(p, "label", lang) for p in periods]
    if len(labels) <= PERIODS_LISTED:
        return ", ".join(labels)
    return t(
        "{first} … {last} ({n} periods)",
        lang,
        first=", ".join(labels[:2]),
        last=", ".join(labels[-2:]),
        n=len(labels),
    )


def _places(
    contents: Mapping[str, Any], regions: Mapping[str, Mapping[str, Any]], lang: str
) -> str:
    places = [t("Latvia", lang)] if contents["national"] else []
    places += [
        localized(regions[code], "name", lang) if code in regions else code
        for code in contents["regions"]
    ]
    if contents["municipalities"]:
        count = contents["municipalities"]
        places.append(tn("{n} municipality", "{n} municipalities", count, lang))
    return ", ".join(places)


def _source(source: Mapping[str, Any], lang: str) -> str:
    """A source as HTML: its title (or publisher) linked to its page, or "source not stated"."""
    name = source.get("title") or source.get("publisher")
    if not name:
        return _esc(t("source not stated", lang))
    url = _web_url(source.get("url"))
    if url is None:
        return _esc(name)
    return f'<a href="{_esc(url)}">{_esc(name)}</a>'


def _added(
    contents: Mapping[str, Any] | None,
    metrics: Mapping[str, Mapping[str, Any]],
    regions: Mapping[str, Mapping[str, Any]],
    lang: str,
) -> str:
    """What the release published, as an HTML list (the wording of /data's release table)."""
    if contents is None:
        return _paragraph(t("No figures.", lang))
    measures = [
        localized(metrics[code], "name", lang) if code in metrics else code
        for code in contents["metrics"]
    ]
    figures = contents["figures"]
    periods = contents["periods"]
    sources = contents["sources"]
    items = [
        _esc(
            tn(
                "{n} figure: {measures}",
                "{n} figures: {measures}",
                figures,
                lang,
                # Semicolons: some measure names hold a comma of their own.
                measures="; ".join(measures),
            )
        ),
        _esc(t("Where: {places}", lang, places=_places(contents, regions, lang))),
        _esc(
            t("Period: {periods}", lang, periods=_periods(periods, lang))
            if len(periods) == 1
            else t("Periods: {periods}", lang, periods=_periods(periods, lang))
        ),
        _esc(t("Source", lang) if len(sources) == 1 else t("Sources", lang))
        + ": "
        + "; ".join(_source(s, lang) for s in sources),
    ]
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _changed(changes: Mapping[str, Any] | None, lang: str) -> str:
    """What the release changed, as an HTML paragraph: the earlier figures it replaced."""
    if not changes or not changes["replaced"]:
        return _paragraph(t("Replaced no figure published earlier.", lang))
    origins = changes["replaced_from"]
    if len(origins) == 1:
        named = t("release {number}", lang, number=origins[0][0])
    else:
        named = ", ".join(t("release {number} ({n})", lang, number=n, n=c) for n, c in origins)
    total = changes["replaced"]
    text = tn(
        "Replaced {n} figure published earlier by {origins}.",
        "Replaced {n} figures published earlier by {origins}.",
        total,
        lang,
        origins=named,
    )
    return _paragraph(text)


def _rolled_back(release: Mapping[str, Any], replaced: bool, lang: str) -> str:
    """When the release was withdrawn, and what that did to the figures it had replaced."""
    when = _utc(release["rolled_back_at"])
    values = {"date": format_date(when.date(), lang), "time": when.strftime("%H:%M")}
    if replaced:
        text = t(
            "Rolled back on {date} at {time} UTC: its figures are no longer in effect, and the "
            "figures it replaced are in effect again.",
            lang,
            **values,
        )
    else:
        text = t(
            "Rolled back on {date} at {time} UTC: its figures are no longer in effect.",
            lang,
            **values,
        )
    return f"<p><strong>{_esc(text)}</strong></p>"


def entry_content(
    release: Mapping[str, Any],
    contents: Mapping[str, Any] | None,
    changes: Mapping[str, Any] | None,
    metrics: Mapping[str, Mapping[str, Any]],
    regions: Mapping[str, Mapping[str, Any]],
    lang: str,
    site: str,
) -> str:
    """The HTML of one release's entry: its state and description, what it added, what it
    changed, and links to its data as published."""
    number = release["number"]
    parts = []
    if release["status"] != "published" and release.get("rolled_back_at"):
        parts.append(_rolled_back(release, bool(changes and changes["replaced"]), lang))
    if release.get("description"):
        parts.append(_paragraph(release["description"]))
    parts.append(_heading(t("Added", lang)))
    parts.append(_added(contents, metrics, regions, lang))
    parts.append(_heading(t("Changed", lang)))
    parts.append(_changed(changes, lang))
    csv = _esc(site + _with_lang(csv_path(number), lang))
    json = _esc(site + _with_lang(observations_path(number), lang))
    lead = _esc(t("Data exactly as published in this release:", lang))
    parts.append(f'<p>{lead} <a href="{csv}">CSV</a> · <a href="{json}">JSON</a></p>')
    return "".join(parts)


def entry_title(release: Mapping[str, Any], lang: str) -> str:
    """ "Release 37", or "Release 37, rolled back"."""
    if release["status"] == "published":
        return t("Release {number}", lang, number=release["number"])
    return t("Release {number}, rolled back", lang, number=release["number"])


def release_updated(release: Mapping[str, Any]) -> dt.datetime:
    """When the release last changed: its rollback, else its publication."""
    return _utc(release.get("rolled_back_at") or release["published_at"])


def release_feed(
    releases: Iterable[Mapping[str, Any]],
    contents: Mapping[int, Mapping[str, Any]],
    changes: Mapping[int, Mapping[str, Any]],
    metrics: Iterable[Mapping[str, Any]],
    regions: Iterable[Mapping[str, Any]],
    *,
    lang: str,
    site: str,
    fallback_updated: dt.datetime | None = None,
) -> bytes:
    """The Atom 1.0 document (UTF-8 bytes) of every release, newest first.

    ``releases`` as ``queries.releases()`` gives them, ``contents`` as
    ``availability.release_contents()``, ``changes`` as ``release_changes.release_changes()``,
    ``metrics`` and ``regions`` as the reference queries give them (for names); ``site`` is the
    site's address without a trailing slash. ``fallback_updated`` dates a feed with no release.
    """
    lang = normalise_lang(lang)
    ordered = sorted(releases, key=lambda r: r["number"], reverse=True)
    metrics_by_code = {x["code"]: x for x in metrics}
    regions_by_code = {x["code"]: x for x in regions}
    stamps = [release_updated(r) for r in ordered]
    fallback = _utc(fallback_updated) if fallback_updated else EPOCH

    # The namespace as a plain attribute: ElementTree's own namespace handling would need a
    # process-wide prefix registry or qualified attribute names.
    root = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: lang})
    self_url = site + feed_path(lang)
    _add(root, "id", self_url)
    _add(root, "title", t("Regional remigration support: data releases", lang))
    _add(
        root,
        "subtitle",
        t(
            "Every release of the figures of Latvia's regional remigration-support programme: "
            "what each one added and changed, with links to its data exactly as published.",
            lang,
        ),
    )
    _add(root, "updated", _rfc3339(max(stamps, default=fallback)))
    author = _add(root, "author")
    _add(author, "name", t("Regional remigration support", lang))
    _add(author, "uri", site + "/")
    _add(root, "rights", f"{licence_statement(lang)} {LICENCE_URL}")
    _link(root, self_url, "self", ATOM_TYPE)
    _link(root, site + _with_lang(DATA_PAGE_PATH, lang), "alternate", "text/html")
    other = "en" if lang == "lv" else "lv"
    _link(root, site + feed_path(other), "alternate", ATOM_TYPE, hreflang=other)
    _link(root, LICENCE_URL, "license")

    for release in ordered:
        number = release["number"]
        entry = _add(root, "entry")
        _add(entry, "id", site + observations_path(number))
        _add(entry, "title", entry_title(release, lang))
        _add(entry, "published", _rfc3339(_utc(release["published_at"])))
        _add(entry, "updated", _rfc3339(release_updated(release)))
        _link(
            entry,
            site + _with_lang(observations_path(number), lang),
            "alternate",
            "application/json",
            title=t("Release {number} as published (JSON)", lang, number=number),
        )
        _link(
            entry,
            site + _with_lang(csv_path(number), lang),
            "related",
            "text/csv",
            title=t("Release {number} as published (CSV)", lang, number=number),
        )
        content = entry_content(
            release,
            contents.get(number),
            changes.get(number),
            metrics_by_code,
            regions_by_code,
            lang,
            site,
        )
        _add(entry, "content", content).set("type", "html")
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def _add(parent: ET.Element, name: str, text: str | None = None) -> ET.Element:
    """An Atom element under ``parent``; its text made XML-safe (ElementTree escapes it)."""
    element = ET.SubElement(parent, name)
    if text is not None:
        element.text = _clean(text)
    return element


def _link(parent: ET.Element, href: str, rel: str, kind: str = "", **extra: str) -> None:
    attributes = {"href": _clean(href), "rel": rel, "type": kind, **extra}
    ET.SubElement(parent, "link", {k: _clean(v) for k, v in attributes.items() if v})


def _rfc3339(stamp: dt.datetime) -> str:
    """``2026-12-02T08:43:11Z``: RFC 3339 in UTC, as Atom dates are written."""
    return _utc(stamp).isoformat().replace("+00:00", "Z")
