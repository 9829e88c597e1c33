"""Place names → municipality → planning region (dashboard/queries/places.py), on the seed's own
unit and successor files (data/seed/municipality_units.csv, municipality_successors.csv), read
here independently of the loader."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from dashboard.queries.places import MIN_PREFIX, PlaceUnit, match_places, units_covering

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"


def _units() -> list[PlaceUnit]:
    with (SEED / "municipality_successors.csv").open(encoding="utf-8") as f:
        links = list(csv.DictReader(f))
    with (SEED / "municipality_units.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [
        PlaceUnit(
            division=r["division"],
            code=r["code"],
            name_lv=r["name_lv"],
            name_en=r["name_en"],
            region_code=r["region_code"],
            valid_from=dt.date.fromisoformat(r["valid_from"]) if r["valid_from"] else None,
            valid_to=dt.date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
            successors=tuple(sorted(x["code_2021"] for x in links if x["code_2009"] == r["code"]))
            if r["division"] == "2009"
            else (),
        )
        for r in rows
    ]


UNITS = _units()


def summary(text: str) -> list[tuple[str, str, list[str], tuple[str, ...]]]:
    return [
        (p.unit.division, p.unit.name_lv, [u.name_lv for u in p.current], p.region_codes)
        for p in match_places(text, UNITS)
    ]


@pytest.mark.parametrize(
    "text", ["Dienvidkurzemes novads", "Dienvidkurzeme", "dienvidkurzeme", "DIENVIDKURZEME"]
)
def test_a_current_municipality_by_its_full_or_short_name(text):
    assert summary(text) == [
        ("2021", "Dienvidkurzemes novads", ["Dienvidkurzemes novads"], ("kurzeme",))
    ]


@pytest.mark.parametrize(
    "text", ["Rundāle", "rundale", "RUNDĀLE", "Rundāles novads", "rundales", "Rundale Municipality"]
)
def test_a_former_municipality_answers_with_its_successor_and_region_today(text):
    [match] = match_places(text, UNITS)
    assert (match.unit.division, match.unit.name_lv) == ("2009", "Rundāles novads")
    assert [u.name_lv for u in match.current] == ["Bauskas novads"]
    assert match.region_codes == ("zemgale",)
    assert match.is_former and match.exact


def test_augsdaugava_is_latgale():
    assert summary("Augšdaugava") == [
        ("2021", "Augšdaugavas novads", ["Augšdaugavas novads"], ("latgale",))
    ]


def test_a_unit_that_changed_region_answers_with_today_s_region():
    # Tukuma novads was in the Rīga planning region until June 2021, in Kurzeme after.
    assert {p.region_codes for p in match_places("Tukums", UNITS)} == {("kurzeme",)}
    former = next(u for u in UNITS if u.division == "2009" and u.code == "LV-099")
    assert former.region_code == "riga"


def test_a_split_unit_names_both_successors():
    [match] = match_places("Aglona", UNITS)
    assert sorted(u.name_lv for u in match.current) == ["Krāslavas novads", "Preiļu novads"]


def test_whole_names_win_over_beginnings_and_short_text_matches_nothing():
    assert {p.unit.name_lv for p in match_places("Daugavpils", UNITS)} == {
        "Daugavpils",
        "Daugavpils novads",
    }
    assert all(p.exact for p in match_places("Daugavpils", UNITS))
    assert {p.unit.name_lv for p in match_places("bausk", UNITS)} == {"Bauskas novads"}
    assert not any(p.exact for p in match_places("bausk", UNITS))
    assert match_places("x" * (MIN_PREFIX - 1), UNITS) == []
    assert match_places("", UNITS) == match_places(None, UNITS) == []
    assert match_places("Atlantīda", UNITS) == []


def test_units_covering_a_place_include_its_predecessors():
    # Kuldīgas novads (2021) took over Skrundas novads: a contact stored under Skrunda's
    # 2009 unit is a contact for "Kuldīga".
    covered = units_covering(match_places("Kuldīga", UNITS), UNITS)
    assert ("2009", "LV-093") in covered  # Skrundas novads
    assert ("2021", "LV-050") in covered
    assert ("2009", "LV-083") not in covered  # Rundāle: elsewhere
