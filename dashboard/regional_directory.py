"""Whom to contact in a planning region today: the directory's entries sorted into the region's
current coordinator(s), its office, local contacts, the ministry and former coordinators.

Nothing here is a hand-kept list of names: who is a coordinator, who is current and who is
former is read from each entry as the directory stores it (``queries.directory_entries()``):

* **former coordinator**: stored inactive with the note the dossier loader gives former
  coordinators (``dashboard.db.dossier_directory.FORMER``); any other inactive entry was taken
  down by an editor and never shown;
* **office**: an organisation's own general contact (its name is the organisation's name, e.g.
  "Latgales plānošanas reģions");
* **ministry**: an entry of no planning region and no municipality (VARAM's contact persons);
* **coordinator**: an entry of a planning region, of no municipality, whose role (LV or EN)
  says coordinator; the **current** ones are those with the newest date saying so
  (:func:`as_of`), the others are listed after them;
* **local**: everyone of a municipality (the pilot municipalities' coordinators and offices).

Dates: :func:`as_of` is the newest date that says an entry was current: the day a dated
publication confirmed the person in the role (written into the note by the dossier loader), the
day an editor checked it (``verified_on``), or the source's publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dashboard.collation import latvian_key
from dashboard.db.dossier_directory import FORMER
from dashboard.search import fold, matches

# Written by dashboard/db/dossier_directory.py: "Role confirmed on 2024-05-21 by https://…."
_ROLE_CONFIRMED = re.compile(r"Role confirmed on (\d{4}-\d{2}-\d{2}) by (\S+)\.(?=\s|$)")

KINDS = ("coordinator", "office", "local", "other", "ministry", "former")


def role_confirmation(note: str | None) -> tuple[dt.date, str] | None:
    """``(date, url)`` of the publication that confirmed the person in the role, if noted."""
    found = _ROLE_CONFIRMED.search(note or "")
    if found is None:
        return None
    try:
        return dt.date.fromisoformat(found.group(1)), found.group(2)
    except ValueError:
        return None


def is_former(contact: dict[str, Any]) -> bool:
    """A former coordinator: stored inactive and noted as such by the dossier loader."""
    return not contact.get("active", True) and (contact.get("note") or "").startswith(FORMER)


def kind_of(contact: dict[str, Any]) -> str:
    """One of :data:`KINDS` (see the module docstring)."""
    if is_former(contact):
        return "former"
    if contact.get("municipality"):
        return "local"
    if not contact.get("region"):
        return "ministry"
    if fold(contact.get("name") or "") == fold(contact.get("organisation") or ""):
        return "office"
    role = fold(f"{contact.get('role_lv') or ''} {contact.get('role_en') or ''}")
    return "coordinator" if "koordinator" in role or "coordinator" in role else "other"


def source_date(contact: dict[str, Any]) -> dt.date | None:
    """The source's publication date, when it states one (to the day or month)."""
    source = contact.get("source") or {}
    return source.get("published_on") if source.get("published_precision") else None


def as_of(contact: dict[str, Any]) -> dt.date | None:
    """The newest date saying the entry was current (role confirmed, checked, or published)."""
    confirmed = contact.get("role_confirmed_on")
    dates = [d for d in (confirmed, contact.get("verified_on"), source_date(contact)) if d]
    return max(dates) if dates else None


def has_channel(contact: dict[str, Any]) -> bool:
    """Whether an e-mail address or a phone number is published for the entry."""
    return bool(contact.get("email") or contact.get("phone"))


def sort_entries(contacts: Iterable[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Name (Latvian alphabetical order), region then name, or newest date first."""
    by_name = sorted(contacts, key=lambda c: latvian_key(c.get("name") or ""))
    if key == "region":
        return sorted(
            by_name,
            key=lambda c: (c.get("region") is None, (c.get("region") or {}).get("sort_order", 0)),
        )
    if key == "verified":
        return sorted(by_name, key=lambda c: -(as_of(c) or dt.date.min).toordinal())
    return by_name


@dataclass
class RegionBlock:
    """A planning region's entries, in the order a reader needs them."""

    region: dict[str, Any]
    current: list[dict[str, Any]] = field(default_factory=list)  # current coordinator(s)
    earlier: list[dict[str, Any]] = field(default_factory=list)  # coordinators named earlier
    offices: list[dict[str, Any]] = field(default_factory=list)
    others: list[dict[str, Any]] = field(default_factory=list)  # local and other entries

    @property
    def coordinators(self) -> list[dict[str, Any]]:
        return self.current + self.earlier

    @property
    def shown(self) -> list[dict[str, Any]]:
        """Every entry of the block, as listed."""
        return self.coordinators + self.offices + self.others


def region_block(
    region: dict[str, Any], contacts: Iterable[dict[str, Any]], sort: str = "name"
) -> RegionBlock:
    """The region's entries (former coordinators left out: see :func:`former_of`)."""
    block = RegionBlock(region)
    mine = [c for c in contacts if (c.get("region") or {}).get("code") == region["code"]]
    coordinators = [c for c in mine if kind_of(c) == "coordinator"]
    newest = max((as_of(c) or dt.date.min for c in coordinators), default=None)
    for c in sort_entries(coordinators, "name"):
        (block.current if (as_of(c) or dt.date.min) == newest else block.earlier).append(c)
    block.offices = sort_entries([c for c in mine if kind_of(c) == "office"], "name")
    block.others = sort_entries([c for c in mine if kind_of(c) in ("local", "other")], sort)
    return block


def ministry_of(contacts: Iterable[dict[str, Any]], sort: str = "name") -> list[dict[str, Any]]:
    return sort_entries([c for c in contacts if kind_of(c) == "ministry"], sort)


def former_of(
    contacts: Iterable[dict[str, Any]], region: str | None = None
) -> list[dict[str, Any]]:
    """Former coordinators (of ``region`` when given), in Latvian alphabetical order."""
    return sort_entries(
        [
            c
            for c in contacts
            if kind_of(c) == "former"
            and (region is None or (c.get("region") or {}).get("code") == region)
        ],
        "name",
    )


def text_matches(contact: dict[str, Any], query: str) -> bool:
    """Whether the search text matches the entry's name, role, organisation, places or e-mail
    (every word somewhere, diacritics optional)."""
    region = contact.get("region") or {}
    municipality = contact.get("municipality") or {}
    return matches(
        query,
        contact.get("name"),
        contact.get("role_lv"),
        contact.get("role_en"),
        contact.get("organisation"),
        region.get("name_lv"),
        region.get("name_en"),
        municipality.get("name_lv"),
        municipality.get("name_en"),
        contact.get("email"),
    )


def regions_named(query: str, regions: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Planning regions whose name the text is ("Kurzeme", "kurzemes planosanas regions")."""
    q = fold(query)
    out = []
    for r in regions:
        names = {
            fold(r.get(k) or "") for k in ("name_lv", "name_en", "long_name_lv", "long_name_en")
        }
        stems = {n.split()[0] for n in names if n}  # "kurzemes" of "kurzemes planosanas regions"
        if q and (q in names or q in stems):
            out.append(r)
    return out


@dataclass
class DirectoryView:
    """What ``/contacts`` shows for a search, a region choice and a sort order.

    ``blocks``: each planning region asked about (by choice, by its name, or by a municipality
    in it), coordinator first; ``found``: the entries a text search found, when it named no
    place; ``places``: the municipalities the text named (``queries.places.PlaceMatch``);
    ``elsewhere``: the chosen region when the place named lies in another one.
    """

    query: str = ""
    blocks: list[RegionBlock] = field(default_factory=list)
    ministry: list[dict[str, Any]] = field(default_factory=list)
    former: list[dict[str, Any]] = field(default_factory=list)
    found: list[dict[str, Any]] | None = None
    places: list[Any] = field(default_factory=list)
    elsewhere: dict[str, Any] | None = None
    offices: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by region code

    @property
    def shown(self) -> list[dict[str, Any]]:
        """Every entry shown as a card (former coordinators aside)."""
        if self.found is not None:
            return self.found
        return [c for b in self.blocks for c in b.shown] + self.ministry


def directory_view(
    entries: Sequence[dict[str, Any]],
    regions: Sequence[dict[str, Any]],
    *,
    search: str | None,
    region: str | None,
    sort: str,
    places: Sequence[Any] = (),
    place_units: set[tuple[str, str]] | None = None,
) -> DirectoryView:
    """Choose the entries for a search, a region (``None``: every region) and a sort order.

    ``places`` are the municipalities ``search`` names and ``place_units`` the
    ``(division, code)`` of every unit they cover today or covered before
    (``queries.places.units_covering``): their own contacts are shown in their region's block,
    other municipalities' are not.
    """
    query = " ".join((search or "").split())
    entries = [c for c in entries if c.get("active", True) or is_former(c)]  # never the taken-down
    chosen = next((r for r in regions if r["code"] == region), None)
    current = [c for c in entries if kind_of(c) != "former"]
    view = DirectoryView(query=query)
    for c in current:  # every region's office, the route for anyone found without a channel
        if kind_of(c) == "office":
            view.offices.setdefault(c["region"]["code"], []).append(c)

    def blocks_for(wanted: Sequence[dict[str, Any]], pool: Sequence[dict[str, Any]]) -> None:
        view.blocks = [region_block(r, pool, sort) for r in wanted]
        view.ministry = ministry_of(current, sort)
        codes = {r["code"] for r in wanted}
        view.former = [
            c for c in former_of(entries) if (c.get("region") or {}).get("code") in codes
        ]

    if not query:
        blocks_for([chosen] if chosen else list(regions), current)
        if not chosen:
            view.former = former_of(entries)
        return view
    named = regions_named(query, regions)
    if named:
        blocks_for(named, current)
        view.elsewhere = chosen if chosen and chosen not in named else None
        return view
    if places:
        codes = list(dict.fromkeys(code for p in places for code in p.region_codes))
        wanted = [r for r in regions if r["code"] in codes]
        units = place_units or set()
        pool = [
            c
            for c in current
            if not c.get("municipality")
            or (c["municipality"].get("division"), c["municipality"].get("code")) in units
        ]
        view.places = list(places)
        blocks_for(wanted, pool)
        view.elsewhere = chosen if chosen and chosen not in wanted else None
        return view
    in_region = [
        c
        for c in entries
        if chosen is None or (c.get("region") or {}).get("code") == chosen["code"]
    ]
    hits = [c for c in in_region if text_matches(c, query)]
    view.found = sort_entries([c for c in hits if kind_of(c) != "former"], sort)
    view.former = former_of(hits)
    if not view.found and chosen is not None:
        # Nothing in the region matches: still answer whom to contact there.
        view.blocks = [region_block(chosen, current, sort)]
    return view
