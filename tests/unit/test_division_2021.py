"""Checks on the 2021 division data built by scripts/build_division_2021.py.

Why: the DB model keys a municipality by (division, code) and maps 2009 units to 2021 units;
these files are what it loads, so a wrong count, an orphan unit or a silently regenerated file
would put figures under the wrong territory. Plain csv/json only (no geometry library): the
2021 shapes are checked against the 2009 shapes they are dissolved from.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "build_division_2021.py"
SHARED = REPO.parent / "shared" / "data" / "geo"
UNITS = REPO / "data" / "seed" / "municipality_units.csv"
SUCCESSORS = REPO / "data" / "seed" / "municipality_successors.csv"
GEO_2009 = REPO / "data" / "geo" / "latvia-municipalities-2009.geojson"
GEO_2021 = REPO / "data" / "geo" / "latvia-municipalities-2021.geojson"
OUTPUTS = [UNITS, SUCCESSORS, GEO_2021]

UNIT_COLUMNS = [
    "division",
    "code",
    "name_lv",
    "name_en",
    "kind",
    "region_code",
    "valid_from",
    "valid_to",
    "atvk",
    "is_pilot",
]
REGIONS = {"kurzeme", "latgale", "riga", "vidzeme", "zemgale"}
# 2009 unit -> its successors, where the shared table splits a unit between two.
SPLIT = {
    "Aglonas novads": {"Preiļu novads", "Krāslavas novads"},
    "Inčukalna novads": {"Siguldas novads", "Ropažu novads"},
    "Ķekavas novads": {"Ķekavas novads", "Olaines novads"},  # a forest only; unconfirmed
}
SHAPE_OWNER = {
    "Aglonas novads": "Preiļu novads",
    "Inčukalna novads": "Siguldas novads",
    "Ķekavas novads": "Ķekavas novads",
}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def units() -> dict[str, dict[str, dict[str, str]]]:
    """division -> code -> row."""
    rows = read_csv(UNITS)
    out: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    for r in rows:
        assert r["code"] not in out[r["division"]], f"{r['division']}/{r['code']} twice"
        out[r["division"]][r["code"]] = r
    return out


@pytest.fixture(scope="module")
def successors() -> list[dict[str, str]]:
    return read_csv(SUCCESSORS)


@pytest.fixture(scope="module")
def geo9() -> dict[str, dict]:
    return {f["id"]: f for f in json.loads(GEO_2009.read_text(encoding="utf-8"))["features"]}


@pytest.fixture(scope="module")
def geo21() -> list[dict]:
    return json.loads(GEO_2021.read_text(encoding="utf-8"))["features"]


def by_name(units, division: str) -> dict[str, dict[str, str]]:
    return {r["name_lv"]: r for r in units[division].values() if r["kind"] == "novads"}


def polygons(geometry: dict) -> list:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def signed_area(ring: list) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def area(geometry: dict) -> float:
    return sum(-signed_area(ring) for poly in polygons(geometry) for ring in poly)


def point_in_ring(x: float, y: float, ring: list) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def test_119_units_of_2009_and_43_of_2021(units):
    assert read_csv(UNITS) and list(read_csv(UNITS)[0]) == UNIT_COLUMNS
    assert set(units) == {"2009", "2021"}
    assert len(units["2009"]) == 119 and len(units["2021"]) == 43
    assert Counter(r["kind"] for r in units["2009"].values()) == {"novads": 110, "city": 9}
    assert Counter(r["kind"] for r in units["2021"].values()) == {"novads": 36, "city": 7}
    for division, rows in units.items():
        for r in rows.values():
            assert r["region_code"] in REGIONS, r
            assert r["valid_from"] == {"2009": "2009-07-01", "2021": "2021-07-01"}[division]
            if r["kind"] == "city":
                assert r["name_en"] == f"{r['name_lv']} (city)", r
            else:
                assert r["name_lv"].endswith(" novads") and r["name_en"].endswith(" Municipality")


def test_2009_units_are_the_2009_boundaries_and_pilots(units, geo9):
    pilots = {r["code"] for r in read_csv(REPO / "data" / "seed" / "municipalities.csv")}
    assert set(units["2009"]) == set(geo9)
    for code, r in units["2009"].items():
        p = geo9[code]["properties"]
        assert (r["name_lv"], r["name_en"], r["kind"], r["region_code"]) == (
            p["name_lv"],
            p["name_en"],
            p["kind"],
            p["region"],
        )
        assert r["valid_to"] == "2021-06-30" and r["atvk"] == ""
        assert r["is_pilot"] == ("1" if code in pilots else "0")
    assert sum(r["is_pilot"] == "1" for r in units["2009"].values()) == 10


def test_2021_units_regions_atvk_and_pilot_flag(units):
    rows = units["2021"].values()
    counts = Counter(r["region_code"] for r in rows)
    assert counts == {"vidzeme": 11, "latgale": 9, "riga": 9, "kurzeme": 8, "zemgale": 6}
    atvk = [r["atvk"] for r in rows]
    assert all(len(a) == 7 and a.isdigit() for a in atvk) and len(set(atvk)) == 43
    assert all(r["is_pilot"] == "0" for r in rows)
    assert units["2021"]["LV-RIX"]["atvk"] == "0001000"  # leading zeros kept


def test_tukuma_novads_moved_from_riga_to_kurzeme(units):
    assert by_name(units, "2009")["Tukuma novads"]["region_code"] == "riga"
    assert by_name(units, "2021")["Tukuma novads"]["region_code"] == "kurzeme"


def test_only_varaklani_has_ended(units):
    ended = {r["name_lv"]: r["valid_to"] for r in units["2021"].values() if r["valid_to"]}
    assert ended == {"Varakļānu novads": "2025-06-30"}


def test_every_unit_has_a_successor_or_predecessor(units, successors):
    assert list(successors[0]) == ["code_2009", "code_2021", "approximate", "note"]
    pairs = [(r["code_2009"], r["code_2021"]) for r in successors]
    assert len(set(pairs)) == len(pairs)
    assert {a for a, _ in pairs} == set(units["2009"])
    assert {b for _, b in pairs} == set(units["2021"])
    assert all(r["note"] for r in successors)


def test_split_units_are_approximate_and_nothing_else(units, successors):
    name9 = {c: r["name_lv"] for c, r in units["2009"].items()}
    name21 = {c: r["name_lv"] for c, r in units["2021"].items()}
    got = defaultdict(set)
    for r in successors:
        got[name9[r["code_2009"]]].add(name21[r["code_2021"]])
        split = name9[r["code_2009"]] in SPLIT
        assert r["approximate"] == ("1" if split else "0"), r
    assert {k: v for k, v in got.items() if len(v) > 1} == SPLIT
    assert got["Varakļānu novads"] == {"Varakļānu novads"}  # its 2025 merger is valid_to only
    assert got["Tukuma novads"] == {"Tukuma novads"}
    assert len(successors) == 119 + len(SPLIT)


def test_geojson_features_match_the_csv(units, successors, geo21):
    assert [f["id"] for f in geo21] == sorted(units["2021"])
    split9 = {r["code_2009"] for r in successors if r["approximate"] == "1"}
    for f in geo21:
        p, r = f["properties"], units["2021"][f["id"]]
        assert set(p) == {
            "code",
            "name_lv",
            "name_en",
            "kind",
            "region",
            "centroid",
            "approximate",
            "valid_to",
            "shapes_2009",
        }
        assert p["code"] == f["id"]
        assert (p["name_lv"], p["name_en"], p["kind"], p["region"]) == (
            r["name_lv"],
            r["name_en"],
            r["kind"],
            r["region_code"],
        )
        assert p["valid_to"] == (r["valid_to"] or None)
        preds = {s["code_2009"] for s in successors if s["code_2021"] == f["id"]}
        assert p["approximate"] is bool(preds & split9), f["id"]
        assert set(p["shapes_2009"]) <= preds, f["id"]
    approx = {f["properties"]["name_lv"] for f in geo21 if f["properties"]["approximate"]}
    assert approx == set().union(*SPLIT.values())


def test_each_2009_shape_is_used_exactly_once(units, geo9, geo21):
    used = Counter(c for f in geo21 for c in f["properties"]["shapes_2009"])
    assert set(used) == set(geo9) and set(used.values()) == {1}
    owner = {c: f["properties"]["name_lv"] for f in geo21 for c in f["properties"]["shapes_2009"]}
    for old, new in SHAPE_OWNER.items():
        assert owner[by_name(units, "2009")[old]["code"]] == new


def test_2021_shapes_are_the_union_of_their_2009_shapes(geo9, geo21):
    for f in geo21:
        members = f["properties"]["shapes_2009"]
        want = sum(area(geo9[c]["geometry"]) for c in members)
        assert area(f["geometry"]) == pytest.approx(want, rel=1e-9), f["id"]
        if len(members) == 1:
            assert f["geometry"] == geo9[members[0]]["geometry"]
        for poly in polygons(f["geometry"]):
            for k, ring in enumerate(poly):
                assert len(ring) >= 4 and ring[0] == ring[-1], f["id"]
                assert (signed_area(ring) < 0) == (k == 0), f"{f['id']}: winding (see README)"
                assert all(round(v, 4) == v for p in ring for v in p), f["id"]
        x, y = f["properties"]["centroid"]
        assert any(
            point_in_ring(x, y, poly[0]) and not any(point_in_ring(x, y, h) for h in poly[1:])
            for poly in polygons(f["geometry"])
        ), f"{f['id']}: label point outside"
    # the 2009 vertices are all still there: dissolving drops shared edges, never moves points
    pts9 = {
        tuple(p) for f in geo9.values() for poly in polygons(f["geometry"]) for r in poly for p in r
    }
    pts21 = {tuple(p) for f in geo21 for poly in polygons(f["geometry"]) for r in poly for p in r}
    assert pts21 <= pts9


@pytest.mark.skipif(
    not (SHARED / "municipalities_2021.csv").is_file(),
    reason=f"shared CSVs not found in {SHARED} (they live outside the repository)",
)
def test_build_script_reproduces_committed_files(tmp_path):
    subprocess.run(
        [sys.executable, str(SCRIPT), "--shared", str(SHARED), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for path in OUTPUTS:
        rebuilt = tmp_path / path.relative_to(REPO)
        assert rebuilt.read_bytes() == path.read_bytes(), f"{path.name} differs from a rebuild"
