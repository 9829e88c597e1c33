"""How a chart names its sources: each publication once, newest first, as "publisher, title
(date)", and the "data as of" date of the numbers it shows.

Shared by the provenance under every chart (``chart_card.py``), its citation and image caption
(``chart_tools.py``) and ``/about``'s list of sources. A source is a plain dict with
``publisher``, ``title``, ``url``, ``published_on`` and, where known, ``published_precision``
(``"day"``, ``"month"`` or ``None``: the date is the month's first day when only the month is
stated). The callers pass the sources of the numbers they show; nothing here reads the database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from babel.dates import format_date as babel_format_date
from dash import html

from dashboard.i18n import t, tn
from dashboard.i18n.formatting import format_date, normalise_lang

# Sources listed before the rest fold into "and N more sources".
SHOWN = 3
# A month stated without its day: 08.2020 in Latvian (as dates are 18.08.2020), Aug 2020 in English.
MONTH_PATTERNS = {"lv": "MM.y", "en": "MMM y"}
# What the dossier loader appends to a title it builds ("<publisher>, <site>, <date>", see
# ``db/dossier_sources.readable_title``): the date is shown on its own, so it is not repeated.
_UNDATED_SUFFIX = re.compile(r",\s*date not stated$")


def published_text(on: dt.date | None, precision: str | None, lang: str) -> str:
    """A publication date as precisely as the source states it, in the reader's language."""
    if on is None:
        return ""
    if precision == "month":
        return babel_format_date(on, MONTH_PATTERNS[normalise_lang(lang)], locale=lang)
    return format_date(on, lang)


def precision(source: dict[str, Any]) -> str | None:
    """How much of ``published_on`` the source states: its ``published_precision`` where given;
    else "month" where its title ends with that month alone (the dossier's titles do, e.g.
    "…, 2023-03"), so a month is never shown as its first day; else "day"."""
    if "published_precision" in source:
        return source["published_precision"]
    on = source.get("published_on")
    if on is None:
        return None
    title = (source.get("title") or "").rstrip()
    return "month" if on.day == 1 and title.endswith(on.isoformat()[:7]) else "day"


def _key(source: dict[str, Any]) -> tuple[str, ...]:
    """One publication: its address, else its title and publisher (``ingest.types.source_key``)."""
    url = (source.get("url") or "").strip()
    if url:
        return ("url", url.rstrip("/").casefold())
    title = (source.get("title") or "").strip().casefold()
    return ("named", title, (source.get("publisher") or "").strip().casefold())


def distinct_sources(sources: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each publication once, newest publication first, undated ones last (in the order given).

    The same page cited twice (e.g. read at two dates) is listed once, with its newest date.
    """
    given = list(sources)
    ordered = sorted(
        range(len(given)),
        key=lambda i: (
            given[i].get("published_on") is None,
            -(given[i]["published_on"].toordinal() if given[i].get("published_on") else 0),
            i,
        ),
    )
    seen: set[tuple[str, ...]] = set()
    out = []
    for i in ordered:
        key = _key(given[i])
        if key not in seen:
            seen.add(key)
            out.append(given[i])
    return out


def title_part(source: dict[str, Any]) -> str:
    """The title as it adds to the publisher: empty where it only repeats the publisher (and
    the date, which is shown on its own)."""
    title = (source.get("title") or "").strip()
    publisher = (source.get("publisher") or "").strip()
    if publisher and title.casefold().startswith(publisher.casefold()):
        rest = title[len(publisher) :]
        # "VARAM" → ""; "VARAM, varam.gov.lv" → "varam.gov.lv"; but a title that is a sentence
        # starting with the publisher's name ("Dome turpina …") is kept whole.
        if not rest.strip() or rest.lstrip()[0] in ",:;":
            title = rest.lstrip().lstrip(",:;").strip()
    title = _UNDATED_SUFFIX.sub("", title).strip()
    on = source.get("published_on")
    if on is not None:
        stated = on.isoformat()[: 7 if precision(source) == "month" else 10]
        title = title.removesuffix(stated).rstrip(",;: ").strip()
    elif title.casefold() == "date not stated":
        title = ""
    return title


def source_name(source: dict[str, Any], lang: str) -> str:
    """ "publisher, title": the title left out where it equals the publisher."""
    publisher = (source.get("publisher") or "").strip()
    title = title_part(source)
    return ", ".join(p for p in (publisher, title) if p) or t("source not stated", lang)


def source_label(source: dict[str, Any], lang: str) -> str:
    """ "publisher, title (date)", or "(date not stated)" where the source states none."""
    date = published_text(source.get("published_on"), precision(source), lang)
    return f"{source_name(source, lang)} ({date or t('date not stated', lang)})"


def newest(sources: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The source published last (of those that state a date), or ``None``."""
    dated = [s for s in sources if s.get("published_on") is not None]
    return max(dated, key=lambda s: s["published_on"]) if dated else None


def as_of_text(sources: Sequence[dict[str, Any]], lang: str) -> str | None:
    """ "Data as of <the newest publication date among ``sources``>"; where none states a date,
    says so; nothing where there are no sources."""
    if not sources:
        return None
    last = newest(sources)
    if last is None:
        return t("Data as of: publication date not stated", lang)
    date = published_text(last["published_on"], precision(last), lang)
    return t("Data as of {date}", lang, date=date)


def label_text(count: int, lang: str) -> str:
    """ "Source" for one publication, "Sources" for several."""
    return t("Source", lang) if count == 1 else t("Sources", lang)


def sources_text(sources: Sequence[dict[str, Any]], lang: str, limit: int = SHOWN) -> str:
    """ "A (date); B (date) and 4 more sources": plain text for a citation or an image."""
    listed = distinct_sources(sources)
    text = "; ".join(source_label(s, lang) for s in listed[:limit])
    rest = len(listed) - limit
    if rest > 0:
        text += " " + tn("and {n} more source", "and {n} more sources", rest, lang)
    return text


def source_item(source: dict[str, Any], lang: str) -> html.Li:
    """One source as a list item: its name (linked where online) and its date."""
    name = source_name(source, lang)
    # Sources are Latvian publications; mark them so screen readers pronounce them right.
    named = (
        html.A(name, href=source["url"], rel="noopener", target="_blank", lang="lv")
        if source.get("url")
        else html.Span(name, lang="lv")
    )
    stated = precision(source)
    date = published_text(source.get("published_on"), stated, lang)
    when = (
        html.Time(date, dateTime=source["published_on"].isoformat()[:7])
        if date and stated == "month"
        else html.Time(date, dateTime=source["published_on"].isoformat())
        if date
        else t("date not stated", lang)
    )
    return html.Li([named, " (", when, ")"])


def source_block(sources: Sequence[dict[str, Any]], lang: str, shown: int = SHOWN) -> html.Div:
    """ "Sources:" and a list of them, each once, newest first, linked where online; a long
    list shows ``shown`` and folds the rest into "and N more sources"."""
    listed = distinct_sources(sources)
    first, rest = listed[:shown], listed[shown:]
    children: list[Any] = [
        html.Span(label_text(len(listed), lang) + ":", className="provenance-label"),
        html.Ul([source_item(s, lang) for s in first], className="source-items"),
    ]
    if rest:
        children.append(
            html.Details(
                [
                    html.Summary(
                        tn("and {n} more source", "and {n} more sources", len(rest), lang)
                    ),
                    html.Ul([source_item(s, lang) for s in rest], className="source-items"),
                ],
                className="source-more",
            )
        )
    return html.Div(children, className="provenance-sources")
