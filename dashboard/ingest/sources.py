"""Where a row's number was published, and how far to trust it: the source and reliability cells.

A figure is only as good as its source, so each source cell is checked where it is (an address
that is not http(s), a publication date that is not a day or a month, text longer than the
database keeps). A row may name no source at all: it is then shown as "source not stated",
never as the uploader's or the file's name, and the file gets one warning saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dashboard.contact_details import is_http_url
from dashboard.ingest.cells import cell_text, shorten
from dashboard.ingest.context import Upload
from dashboard.ingest.names import words

MAX_URL = 500
MAX_TITLE = 300
MAX_PUBLISHER = 300
MAX_NOTE = 2000
MAX_ROWS_LISTED = 20
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
RELIABILITY = {
    "normal": "normal",
    "normala": "normal",
    "parasta": "normal",
    "low": "low",
    "zema": "low",
}


@dataclass(frozen=True)
class SourceCells:
    url: str | None
    title: str | None
    publisher: str | None
    published_on: str | None  # "YYYY-MM-DD" or "YYYY-MM"
    note: str | None
    reliability: str


def parse_published_on(value: Any) -> str | None:
    """A publication date cell → ``"YYYY-MM-DD"`` (a day) or ``"YYYY-MM"`` (a month), or
    ``None`` when it is neither. An Excel date cell is a day."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = cell_text(value) or ""
    day = _DAY.fullmatch(text)
    if day:
        try:
            return date(int(day[1]), int(day[2]), int(day[3])).isoformat()
        except ValueError:
            return None
    month = _MONTH.fullmatch(text)
    if month and 1 <= int(month[2]) <= 12 and int(month[1]) >= 1900:
        return f"{month[1]}-{month[2]}"
    return None


def read_sources(upload: Upload, number: int, cells: list[Any]) -> SourceCells | None:
    """The source cells of a row, or ``None`` (each problem reported) if one is invalid."""
    header = upload.header
    assert header is not None
    ok = True
    texts: dict[str, str | None] = {}
    for name, limit in (
        ("source_url", MAX_URL),
        ("source_title", MAX_TITLE),
        ("source_publisher", MAX_PUBLISHER),
        ("note", MAX_NOTE),
    ):
        text = texts[name] = cell_text(upload.cell(cells, name))
        if text is None:
            continue
        column = upload.column(header.fields[name])
        if len(text) > limit:
            upload.issues.error("too_long", number, column, length=len(text), limit=limit)
            ok = False
        elif name == "source_url" and not is_http_url(text):
            upload.issues.error("bad_url", number, column, value=shorten(text))
            ok = False
    published_on = None
    raw = upload.cell(cells, "source_published_on")
    if cell_text(raw) is not None:
        column = upload.column(header.fields["source_published_on"])
        published_on = parse_published_on(raw)
        if published_on is None:
            upload.issues.error("bad_published_on", number, column, value=shorten(cell_text(raw)))
            ok = False
        elif published_on > upload.today.isoformat():
            upload.issues.error(
                "published_on_future", number, column, value=published_on, today=upload.today
            )
            ok = False
    reliability = "normal"
    raw = cell_text(upload.cell(cells, "reliability"))
    if raw is not None:
        found = RELIABILITY.get(" ".join(words(raw)))
        if found is None:
            column = upload.column(header.fields["reliability"])
            upload.issues.error("bad_reliability", number, column, value=shorten(raw))
            ok = False
        reliability = found or reliability
    if not ok:
        return None
    return SourceCells(
        texts["source_url"],
        texts["source_title"],
        texts["source_publisher"],
        published_on,
        texts["note"],
        reliability,
    )


def warn_unsourced(upload: Upload) -> None:
    """One warning for the figures that name no source: the whole file, or the rows listed."""
    rows = sorted({c.parsed.row for c in upload.candidates if not c.parsed.source})
    if not rows:
        return
    if len(rows) == len({c.parsed.row for c in upload.candidates}):
        upload.issues.warning("no_source_file")
        return
    listed = ", ".join(map(str, rows[:MAX_ROWS_LISTED]))
    upload.issues.warning(
        "no_source_rows", rows=listed + (", …" if len(rows) > MAX_ROWS_LISTED else "")
    )
