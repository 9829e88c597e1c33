"""Where a figure applies: Latvia as a whole, a planning region, or a municipality of a division.

A municipality's name means different territories before and after the reform of 1 July 2021
("Jēkabpils novads" grew to take in the city and four other units), some units only exist on
one side of it ("Dienvidkurzemes novads" from 2021; Varakļānu novads until June 2025), and a unit
can belong to another planning region after it (Tukuma novads: Rīga, then Kurzeme). So a name is
resolved in the division in force for the row's period, never on its own, and a name that fits
only the other division is explained rather than guessed. Pure: everything comes from the
:class:`~dashboard.ingest.types.Reference`; lookups are indexed once per upload and cached per
distinct text and period, because a file repeats both on every row.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from dashboard.i18n import t
from dashboard.ingest.names import resolve_region, words
from dashboard.ingest.types import PeriodSpec, Reference, RefMunicipality

REFORM = date(2021, 7, 1)  # the 2021 division is in force from this day
NATIONAL_NAMES = frozenset(
    {"latvija", "latvia", "lv", "national", "valsts", "visa latvija", "whole country"}
)
# geo_level cell spellings (folded words joined by "_") → level.
LEVEL_ALIASES = {
    **dict.fromkeys(("national", "nacionalais", "valsts", "latvija", "country"), "national"),
    **dict.fromkeys(
        ("planning_region", "region", "regions", "planosanas_regions", "regional"),
        "planning_region",
    ),
    **dict.fromkeys(("municipality", "municipal", "pasvaldiba", "novads", "local"), "municipality"),
}
# Words that only say "this is a municipality": "Tukuma novads", "Tukums Municipality".
_MUNICIPALITY_NOISE = frozenset({"novads", "novada", "municipality", "pasvaldiba", "city"})
MAX_SUGGESTED = 200  # distinct unknown names that get "did you mean" suggestions


@dataclass(frozen=True)
class Place:
    """A resolved geography: ``region`` is a municipality's planning region in its division."""

    level: str
    region: str | None = None
    municipality: str | None = None
    division: str | None = None


# A problem found while resolving: (message code, its parameters).
Problem = tuple[str, dict[str, Any]]


def division_for(start: date, end: date) -> str | None:
    """The division in force for the whole period, or ``None`` when it straddles 1 July 2021."""
    if end < REFORM:
        return "2009"
    if start >= REFORM:
        return "2021"
    return None


def _key(text: str) -> str:
    return " ".join(words(text))


def _loose(text: str) -> str:
    return " ".join(w for w in words(text) if w not in _MUNICIPALITY_NOISE)


def _index(units: list[RefMunicipality], key: Callable[[str], str]) -> dict[str, RefMunicipality]:
    """Spelling → unit, dropping spellings two units of the division share."""
    found: dict[str, set[RefMunicipality]] = {}
    for unit in units:
        for name in (unit.name_lv, unit.name_en, unit.code):
            spelling = key(name)
            if spelling:
                found.setdefault(spelling, set()).add(unit)
    return {k: v.pop() for k, v in found.items() if len(v) == 1}


def level_of(text: str) -> str | None:
    """A geo_level cell → ``national`` | ``planning_region`` | ``municipality``, or ``None``."""
    return LEVEL_ALIASES.get("_".join(words(text)))


class Geography:
    """Resolves the region/geo cells of one upload against the reference."""

    def __init__(self, reference: Reference) -> None:
        self.reference = reference
        self.units = {(u.division, u.code): u for u in reference.municipalities}
        by_division: dict[str, list[RefMunicipality]] = {}
        for unit in reference.municipalities:
            by_division.setdefault(unit.division, []).append(unit)
        self.exact = {d: _index(units, _key) for d, units in by_division.items()}
        loose = {d: _index(units, _loose) for d, units in by_division.items()}
        # A loose spelling ("Tukums") never shadows an exact one of either division ("Jēkabpils"
        # is the 2009 city, not the 2021 novads without its last word).
        exact_keys = {k for index in self.exact.values() for k in index}
        self.loose = {
            d: {k: u for k, u in i.items() if k not in exact_keys} for d, i in loose.items()
        }
        self.predecessors: dict[str, list[str]] = {}
        for (division, code), later in reference.successors.items():
            if division == "2009":
                for successor in later:
                    self.predecessors.setdefault(successor, []).append(code)
        self._cache: dict[
            tuple[str, str | None, date | None, date | None], Place | Problem | None
        ] = {}
        self._texts: dict[str, tuple[bool, str | None, bool]] = {}
        self._suggested = 0

    def name(self, division: str | None, code: str | None) -> str:
        unit = self.units.get((division or "", code or ""))
        return unit.name_lv if unit else code or ""

    def resolve(
        self, text: str, spec: PeriodSpec | None, level: str | None
    ) -> Place | Problem | None:
        """The place ``text`` names for the period, a problem, or ``None`` (nothing to add: the
        name is a municipality but the period was unusable and has been reported already)."""
        key = (text, level, spec.start if spec else None, spec.end if spec else None)
        if key not in self._cache:
            self._cache[key] = self._resolve(text, spec, level)
        return self._cache[key]

    def _names(self, text: str) -> tuple[bool, str | None, bool]:
        """What a text can name whatever the period: (Latvia?, region code, a municipality?)."""
        if text not in self._texts:
            self._texts[text] = (
                _key(text) in NATIONAL_NAMES,
                resolve_region(text, self.reference.regions),
                self._is_municipality(text),
            )
        return self._texts[text]

    def _resolve(
        self, text: str, spec: PeriodSpec | None, level: str | None
    ) -> Place | Problem | None:
        national, region, municipal = self._names(text)
        if level in (None, "national") and national:
            return Place("national")
        if level in (None, "planning_region") and region and not national:
            return Place("planning_region", region)
        if level in (None, "municipality") and municipal:
            return self._municipality(text, spec)
        if level is not None and (national or region or municipal):
            actual = "national" if national else "planning_region" if region else "municipality"
            return ("geo_level_mismatch", {"value": text, "given": level, "actual": actual})
        return (
            "unknown_region",
            {"value": text, "count": len(self.units), "close": self._close(text)},
        )

    def _is_municipality(self, text: str) -> bool:
        key, loose = _key(text), _loose(text)
        return any(key in i for i in self.exact.values()) or any(
            loose in i for i in self.loose.values()
        )

    def _municipality(self, text: str, spec: PeriodSpec | None) -> Place | Problem | None:
        if spec is None:
            return None
        division = division_for(spec.start, spec.end)
        period = spec.code
        if division is None:
            return ("municipality_straddles_reform", {"value": text, "period": period})
        other = "2021" if division == "2009" else "2009"
        key, loose = _key(text), _loose(text)
        for index, spelling in ((self.exact, key), (self.loose, loose)):
            unit = index.get(division, {}).get(spelling)
            if unit is not None:
                return self._valid(unit, spec)
            if index.get(other, {}).get(spelling) is not None:
                return self._other_division(index[other][spelling], period)
        return None  # pragma: no cover - _is_municipality found it in one of the indexes

    def _valid(self, unit: RefMunicipality, spec: PeriodSpec) -> Place | Problem:
        params = {"name": unit.name_lv, "period": spec.code}
        if unit.valid_from is not None and spec.start < unit.valid_from:
            return ("municipality_not_yet", {**params, "since": unit.valid_from.isoformat()})
        if unit.valid_to is not None and spec.end > unit.valid_to:
            after = self._successor_names(unit)
            until = unit.valid_to.isoformat()
            if after:
                return ("municipality_ended_into", {**params, "until": until, "into": after})
            return ("municipality_ended", {**params, "until": until})
        return Place("municipality", unit.region, unit.code, unit.division)

    def _other_division(self, unit: RefMunicipality, period: str) -> Problem:
        params = {"name": unit.name_lv, "period": period}
        if unit.division == "2021":
            before = ", ".join(self.name("2009", c) for c in self.predecessors.get(unit.code, ()))
            if before:
                return ("municipality_formed_from", {**params, "from": before})
            return ("municipality_formed", params)
        after = self._successor_names(unit)
        if after:
            return ("municipality_merged_into", {**params, "into": after})
        return ("municipality_abolished", params)

    def _successor_names(self, unit: RefMunicipality) -> str:
        codes = self.reference.successors.get((unit.division, unit.code), [])
        return ", ".join(self.name("2021", c) for c in codes)

    def _close(self, text: str) -> Callable[[str], str]:
        """ " Did you mean …?" for a mistyped name, while suggestions are still cheap to make."""
        if self._suggested >= MAX_SUGGESTED:
            return lambda _lang: ""
        self._suggested += 1
        names = {self.name(u.division, u.code) for u in self.units.values()}
        names |= {r.name_lv for r in self.reference.regions}
        by_key = {_key(n): n for n in names}
        close = difflib.get_close_matches(_key(text), list(by_key), n=3, cutoff=0.75)
        if not close:
            return lambda _lang: ""
        shown = ", ".join(by_key[k] for k in close)
        return lambda lang: t(" Did you mean: {names}?", lang, names=shown)
