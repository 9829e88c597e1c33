"""Region and metric names as people write them, resolved to the database codes.

Files come from Latvian and English speakers, from keyboards with and without Latvian letters,
and from the ministry's own tables, where a metric label may be split over two cells ("Ģimenes" in
one, "atgriezušies" in the next). Matching is done on folded words (no case, no diacritics, no
punctuation), and an alias that could mean two things resolves to nothing rather than to a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from dashboard.ingest.types import RefMetric, RefRegion
from dashboard.search import fold

# Words that only say "this is a planning region": "Rīgas plānošanas reģions", "Riga Planning
# Region", "Kurzemes reģions", "the Latgale region".
_REGION_NOISE = {"planosanas", "regions", "region", "reg", "planning", "pr", "the", "of"}

# Words that add nothing to a metric label: "Number of families returned", "ģimeņu skaits".
_METRIC_NOISE = {"number", "of", "the", "skaits", "count", "no", "nr"}

# Extra spellings for the three metrics the programme publishes, including the seed table's
# short forms ("Ģimenes" / "Cilvēki" / "personalizētie piedāvājumi"). They apply only when the
# reference actually has that metric code.
METRIC_ALIASES: dict[str, tuple[str, ...]] = {
    "families_returned": (
        "Ģimenes",
        "Ģimenes atgriezušās",
        "Ģimenes atgriezušies",
        "Atgriezušās ģimenes",
        "Ģimeņu skaits",
        "Families",
        "Returned families",
        "Number of families returned",
    ),
    "people_returned": (
        "Cilvēki",
        "Cilvēki atgriezušies",
        "Atgriezušies cilvēki",
        "Cilvēku skaits",
        "Personas",
        "People",
        "Persons",
        "Persons returned",
        "Returned people",
        "Returnees",
        "Number of people returned",
    ),
    "offers_prepared": (
        "Personalizētie piedāvājumi",
        "Sagatavoti personalizētie piedāvājumi",
        "Sagatavotie personalizētie piedāvājumi",
        "Sagatavoti piedāvājumi",
        "Piedāvājumi",
        "Offers",
        "Offers prepared",
        "Personalised offers",
        "Personalized offers",
        "Personalized offers prepared",
    ),
}

TOTAL_NAMES = {"kopa", "total", "kopsumma", "summa", "sum", "totals", "pavisam", "kopa latvija"}


def words(text: str) -> list[str]:
    """Folded alphanumeric words: ``"Rīgas plānošanas reģions"`` → ``["rigas", "planosanas", …]``.

    Underscores split words too, so the code ``families_returned`` reads like its label.
    """
    return re.findall(r"[a-z0-9]+", fold(text))


def _unique(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Map alias → code, dropping any alias that two different codes claim."""
    found: dict[str, set[str]] = {}
    for alias, code in pairs:
        if alias:
            found.setdefault(alias, set()).add(code)
    return {alias: codes.pop() for alias, codes in found.items() if len(codes) == 1}


def _region_key(text: str) -> str:
    return " ".join(w for w in words(text) if w not in _REGION_NOISE)


@lru_cache(maxsize=32)
def _region_aliases(regions: tuple[RefRegion, ...]) -> dict[str, str]:
    """Cached: a file with 100 000 rows resolves the same few names over and over."""
    pairs: list[tuple[str, str]] = []
    for region in regions:
        names = [region.code, region.name_lv, region.name_en, region.long_name_lv]
        names.append(region.long_name_en)
        for name in names:
            key = _region_key(name)
            pairs.append((key, region.code))
        # Latvian genitive, as in "Kurzemes reģions": Kurzeme → Kurzemes, Rīga → Rīgas.
        short = _region_key(region.name_lv)
        if short and not short.endswith("s"):
            pairs.append((short + "s", region.code))
    return _unique(pairs)


def resolve_region(text: str, regions: Sequence[RefRegion]) -> str | None:
    """The region code for any LV/EN, short/long, with/without-diacritics spelling, or ``None``."""
    if not isinstance(text, str):
        return None
    key = _region_key(text)
    if not key:
        return None
    return _region_aliases(tuple(regions)).get(key)


def is_total(text: str) -> bool:
    """True for a total column or row label (``KOPĀ``, ``Kopā``, ``Total``)."""
    return isinstance(text, str) and _is_total(text)


@lru_cache(maxsize=4096)
def _is_total(text: str) -> bool:
    return " ".join(words(text)) in TOTAL_NAMES


def _metric_key(text: str) -> str:
    return " ".join(w for w in words(text) if w not in _METRIC_NOISE)


def _metric_labels(metrics: tuple[RefMetric, ...]) -> dict[str, list[str]]:
    return {
        metric.code: [
            metric.code,
            metric.name_lv,
            metric.name_en,
            *METRIC_ALIASES.get(metric.code, ()),
        ]
        for metric in metrics
    }


@lru_cache(maxsize=32)
def _metric_vocabulary(metrics: tuple[RefMetric, ...]) -> dict[str, frozenset[str]]:
    """Every word used by any spelling of each metric."""
    return {
        code: frozenset(w for label in labels for w in _metric_key(label).split())
        for code, labels in _metric_labels(metrics).items()
    }


@lru_cache(maxsize=32)
def _metric_exact(metrics: tuple[RefMetric, ...]) -> dict[str, str]:
    return _unique(
        (_metric_key(label), code)
        for code, labels in _metric_labels(metrics).items()
        for label in labels
    )


def resolve_metric(text: str, metrics: Sequence[RefMetric]) -> str | None:
    """The metric code for a code, an LV/EN label or a seed-table short form, or ``None``.

    An exact (folded) alias wins; otherwise the words must all belong to exactly one metric's
    spellings, so "personalizētie piedāvājumi" finds the offers but "atgriezušies" (families or
    people?) finds nothing.
    """
    if not isinstance(text, str):
        return None
    key = _metric_key(text)
    if not key:
        return None
    refs = tuple(metrics)
    exact = _metric_exact(refs)
    if key in exact:
        return exact[key]
    given = set(key.split())
    candidates = [code for code, vocab in _metric_vocabulary(refs).items() if given <= vocab]
    return candidates[0] if len(candidates) == 1 else None


def is_metric_fragment(text: str, metrics: Sequence[RefMetric]) -> bool:
    """True when every word of ``text`` belongs to some metric's label.

    The ministry's table puts the second half of a metric label ("atgriezušies", "Sagatavoti")
    in the period column of continuation rows; such a cell means "same period as above".
    """
    key = _metric_key(text) if isinstance(text, str) else ""
    if not key:
        return False
    vocabulary = set().union(*_metric_vocabulary(tuple(metrics)).values())
    return set(key.split()) <= vocabulary
