"""Plain data types shared by the parser, the validator and the publish service.

They are frozen dataclasses of built-in types so a validation report can be computed without a
database session, stored as JSON with the upload, and compared in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Limits:
    """Caps that keep a hostile or mistaken upload from exhausting memory or time."""

    max_bytes: int = 5 * 1024 * 1024
    max_unpacked_bytes: int = 50 * 1024 * 1024
    max_rows: int = 100_000


@dataclass(frozen=True)
class RefRegion:
    code: str
    name_lv: str
    name_en: str
    long_name_lv: str
    long_name_en: str


@dataclass(frozen=True)
class RefMetric:
    code: str
    name_lv: str
    name_en: str
    kind: str = "flow"  # flow | stock | target
    unit: str = ""  # unit_code: families, persons, offers, eur …


@dataclass(frozen=True)
class RefMunicipality:
    """A municipality of one division ("2009": 2009–2021, "2021": from 1 July 2021)."""

    division: str
    code: str
    name_lv: str
    name_en: str
    region: str  # the planning region it belonged to in that division
    valid_from: date | None
    valid_to: date | None


GEO_LEVELS = ("national", "planning_region", "municipality")


def source_key(url: str | None, title: str | None, publisher: str | None) -> str:
    """The identity of a source as an upload names it, to tell "the same source again" (a
    replacement) from "another source for the same cell" (a corroboration or a conflict).

    The URL when there is one, otherwise the title and publisher; ``""`` for no source. A title
    equal to the publisher counts as no title: a source stored from a row naming only its
    publisher takes the publisher as its title, and must keep the identity the row gave it.
    """
    if url and url.strip():
        return "url:" + url.strip()
    folded_title = " ".join((title or "").split()).casefold()
    folded_publisher = " ".join((publisher or "").split()).casefold()
    if folded_title == folded_publisher:
        folded_title = ""
    if folded_title or folded_publisher:
        return "title:" + folded_title + "|" + folded_publisher
    return ""


@dataclass(frozen=True)
class RefPeriod:
    code: str
    start: date
    end: date
    label_lv: str
    label_en: str
    months: int


@dataclass(frozen=True)
class PublishedValue:
    """A value currently in effect (published and not superseded), as the validator sees it."""

    period_start: date
    period_end: date
    period_code: str
    region: str
    metric: str
    value: int
    release: int
    geo_level: str = "planning_region"
    municipality: str | None = None  # code, in ``division``
    division: str | None = None
    source: str = ""  # source_key() of the row's source; "" when none was stated

    def to_dict(self) -> dict[str, Any]:
        return {
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "period_code": self.period_code,
            "region": self.region,
            "metric": self.metric,
            "value": self.value,
            "release": self.release,
            "geo_level": self.geo_level,
            "municipality": self.municipality,
            "division": self.division,
            "source": self.source,
        }


@dataclass(frozen=True)
class Reference:
    """Everything the validator needs to know about the database, passed in so it stays pure."""

    regions: list[RefRegion]
    metrics: list[RefMetric]
    periods: list[RefPeriod]
    published: list[PublishedValue]
    municipalities: list[RefMunicipality] = field(default_factory=list)


@dataclass(frozen=True)
class PeriodSpec:
    """A parsed period: explicit dates, so periods of different lengths never get confused."""

    code: str
    start: date
    end: date
    months: int
    label_lv: str
    label_en: str
    is_partial: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "months": self.months,
            "label_lv": self.label_lv,
            "label_en": self.label_en,
            "is_partial": self.is_partial,
        }


@dataclass(frozen=True)
class Issue:
    """One problem found in a file, located the way the user sees the file.

    ``row`` is the 1-based line (CSV) or spreadsheet row (XLSX) number; ``column`` is the header
    text as written in the file (CSV) or the column letter with its header (XLSX). Both are
    ``None`` for problems with the whole file.
    """

    row: int | None
    column: str | None
    code: str
    message_lv: str
    message_en: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "message_lv": self.message_lv,
            "message_en": self.message_en,
        }


@dataclass(frozen=True)
class ParsedRow:
    """One number ready to publish. In the wide layout one file row yields one per region."""

    row: int
    period: PeriodSpec
    region: str | None  # planning region code; for a municipality, its region in its division
    metric: str
    value: int
    source_url: str | None
    source_title: str | None
    note: str | None
    geo_level: str = "planning_region"  # national | planning_region | municipality
    municipality: str | None = None  # municipality code in ``division``
    division: str | None = None  # "2009" | "2021" for a municipality
    source_publisher: str | None = None
    source_published_on: str | None = None  # "YYYY-MM-DD" or "YYYY-MM" as written
    reliability: str = "normal"  # normal | low

    @property
    def source(self) -> str:
        return source_key(self.source_url, self.source_title, self.source_publisher)

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "period": self.period.to_dict(),
            "region": self.region,
            "metric": self.metric,
            "value": self.value,
            "source_url": self.source_url,
            "source_title": self.source_title,
            "note": self.note,
            "geo_level": self.geo_level,
            "municipality": self.municipality,
            "division": self.division,
            "source_publisher": self.source_publisher,
            "source_published_on": self.source_published_on,
            "reliability": self.reliability,
        }


@dataclass(frozen=True)
class Change:
    """How one row of the file compares with what is published for the same period dates."""

    period_code: str
    region: str | None
    metric: str
    old: int | None
    new: int
    old_release: int | None
    geo_level: str = "planning_region"
    municipality: str | None = None
    # Whether ``old`` came from another source than the new row: then the new row is stored
    # beside it (a corroboration when equal, a conflict when not) instead of replacing it.
    other_source: bool = False

    @property
    def kind(self) -> str:
        """add | same | change (same source) | corroboration | conflict (another source)."""
        if self.old is None:
            return "add"
        if self.other_source:
            return "corroboration" if self.old == self.new else "conflict"
        return "same" if self.old == self.new else "change"

    def to_dict(self) -> dict[str, Any]:
        return {
            "period_code": self.period_code,
            "region": self.region,
            "metric": self.metric,
            "old": self.old,
            "new": self.new,
            "old_release": self.old_release,
            "geo_level": self.geo_level,
            "municipality": self.municipality,
            "kind": self.kind,
        }


@dataclass
class ValidationReport:
    """The validator's whole answer. ``rows`` is empty whenever ``ok`` is false (all-or-nothing).

    ``superseded`` lists the published values a ``replace=True`` publish will supersede (an
    addition to the agreed fields, so the preview can show them; always empty without replace).
    """

    ok: bool
    file_type: str | None
    encoding: str | None
    delimiter: str | None
    layout: str | None
    rows: list[ParsedRow]
    errors: list[Issue]
    warnings: list[Issue]
    changes: list[Change]
    sha256: str
    size: int
    superseded: list[PublishedValue] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form (dates as ISO strings) stored with the upload."""
        return {
            "ok": self.ok,
            "file_type": self.file_type,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "layout": self.layout,
            "rows": [r.to_dict() for r in self.rows],
            "errors": [i.to_dict() for i in self.errors],
            "warnings": [i.to_dict() for i in self.warnings],
            "changes": [c.to_dict() for c in self.changes],
            "superseded": [p.to_dict() for p in self.superseded],
            "sha256": self.sha256,
            "size": self.size,
        }
