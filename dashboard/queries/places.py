"""Which municipality, and so which planning region, a typed place name means.

People name their home by the municipality they know: today's (2021 division:
"Dienvidkurzemes novads", "Dienvidkurzeme") or the one before the 2021 reform ("Rundāle", whose
Rundāles novads is part of Bauskas novads since 1 July 2021). :func:`resolve_place` answers
either with the unit that matched, the unit(s) in force today that cover it (from
``municipality_successor``) and the planning region(s) they belong to today, so a page can say
"Rundāles novads is now part of Bauskas novads, in Zemgale".

Matching is case- and diacritic-insensitive and accepts the LV and EN names, the bare name
without "novads"/"Municipality"/"(city)", and its Latvian genitive ("Rundāles"): the name forms
and ranks of ``dashboard.search`` (:func:`~dashboard.search.name_forms`,
:func:`~dashboard.search.name_rank`). A full name wins over a name that only starts with the
text; at least :data:`MIN_PREFIX` letters are needed for a prefix match.

API: ``resolve_place(text) -> list[PlaceMatch]`` reads the cached
:func:`place_units`; :func:`match_places` is the same on given units (pure, for tests).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from dashboard.collation import latvian_key
from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.queries.versioning import cached
from dashboard.search import name_forms, name_rank, place_query

MIN_PREFIX = 3  # letters; "Ri" would match half the country


@dataclass(frozen=True)
class PlaceUnit:
    """A municipality of one division, with the planning region it belongs to in it."""

    division: str  # "2009" | "2021"
    code: str  # ISO 3166-2 (LV-083), unique within a division
    name_lv: str
    name_en: str
    region_code: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successors: tuple[str, ...] = ()  # 2021 codes that took over a 2009 unit's territory
    approximate: bool = False  # split between successors: each covers it only in part


@dataclass(frozen=True)
class PlaceMatch:
    """One unit a text names, and what covers it today.

    ``current`` is the unit itself for a 2021 unit, else its 2021 successor(s);
    ``region_codes`` the planning regions of ``current`` (a former unit's region can differ:
    Tukuma novads was in Rīga, Tukuma novads of 2021 is in Kurzeme); ``exact`` whether a whole
    name matched rather than its beginning.
    """

    unit: PlaceUnit
    current: tuple[PlaceUnit, ...]
    region_codes: tuple[str, ...]
    exact: bool

    @property
    def is_former(self) -> bool:
        """Whether the matched unit is no longer in force (a 2009 unit, or Varakļānu novads)."""
        return self.unit.division == "2009" or (
            self.unit.valid_to is not None and self.unit.valid_to < dt.date.today()
        )


def match_places(text: str | None, units: Sequence[PlaceUnit]) -> list[PlaceMatch]:
    """The units ``text`` names (whole names if any match, else names starting with it), the
    2021 units first, then in Latvian alphabetical order."""
    query = place_query(text)
    if not query:
        return []
    by_code = {u.code: u for u in units if u.division == "2021"}
    exact, prefix = [], []
    for unit in units:
        rank = name_rank(query, name_forms(unit.name_lv, unit.name_en))
        if rank == 0:
            exact.append(unit)
        elif rank == 1 and len(query) >= MIN_PREFIX:
            prefix.append(unit)
    out = []
    for unit in exact or prefix:
        if unit.division == "2021":
            current: tuple[PlaceUnit, ...] = (unit,)
        else:
            current = tuple(by_code[c] for c in unit.successors if c in by_code)
        regions = tuple(dict.fromkeys(u.region_code for u in current)) or (unit.region_code,)
        out.append(PlaceMatch(unit, current, regions, exact=bool(exact)))
    return sorted(out, key=lambda p: (p.unit.division != "2021", latvian_key(p.unit.name_lv)))


def _load_units() -> list[PlaceUnit]:
    with get_db().session() as session:
        units = session.execute(
            sa.select(m.Municipality, m.Region.code).join(
                m.Region, m.Municipality.region_id == m.Region.id
            )
        ).all()
        links = session.execute(
            sa.select(
                m.MunicipalitySuccessor.predecessor_id,
                m.MunicipalitySuccessor.successor_id,
                m.MunicipalitySuccessor.approximate,
            )
        ).all()
        code_of = {unit.id: unit.code for unit, _ in units}
        successors: dict[int, list[str]] = {}
        split: set[int] = set()
        for before, after, approximate in links:
            successors.setdefault(before, []).append(code_of[after])
            if approximate:
                split.add(before)
        return [
            PlaceUnit(
                division=unit.division,
                code=unit.code,
                name_lv=unit.name_lv,
                name_en=unit.name_en,
                region_code=region,
                valid_from=unit.valid_from,
                valid_to=unit.valid_to,
                successors=tuple(sorted(successors.get(unit.id, []))),
                approximate=unit.id in split,
            )
            for unit, region in units
        ]


def place_units() -> list[PlaceUnit]:
    """Every municipality of both divisions with its successors (cached per data version)."""
    return cached("place_units", [], _load_units)


def resolve_place(text: str | None) -> list[PlaceMatch]:
    """The municipalities ``text`` names, current or former, with what covers them today."""
    return match_places(text, place_units())


def regions_of(matches: Iterable[PlaceMatch]) -> list[str]:
    """The planning regions (codes) of ``matches`` today, each once, in order of appearance."""
    return list(dict.fromkeys(code for p in matches for code in p.region_codes))


def units_covering(
    matches: Iterable[PlaceMatch], units: Sequence[PlaceUnit] | None = None
) -> set[tuple[str, str]]:
    """``(division, code)`` of the matched units, the units in force that cover them, and every
    2009 unit those took over: a contact stored under any of them is a contact for the place
    (Skrunda's coordinator, stored under the 2009 Skrundas novads, for "Kuldīga")."""
    matches = list(matches)
    out = {(p.unit.division, p.unit.code) for p in matches}
    current = {u.code for p in matches for u in p.current}
    out |= {("2021", code) for code in current}
    for unit in place_units() if units is None else units:
        if unit.division == "2009" and current.intersection(unit.successors):
            out.add(("2009", unit.code))
    return out
