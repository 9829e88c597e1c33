"""Checks on the committed boundary GeoJSON (built by scripts/build_boundaries.py).

Plain json only: no geometry library. Winding follows Plotly/d3-geo, i.e. exterior rings are
clockwise (negative shoelace area in lon/lat) and holes counter-clockwise - the opposite of
RFC 7946.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

GEO_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"
MUNI_FILE = GEO_DIR / "latvia-municipalities-2009.geojson"
REGION_FILE = GEO_DIR / "latvia-planning-regions.geojson"

REGIONS = {"kurzeme", "latgale", "riga", "vidzeme", "zemgale"}
LON_MIN, LON_MAX, LAT_MIN, LAT_MAX = 20.9, 28.3, 55.6, 58.1
CODE_RE = re.compile(r"^LV-(\d{3}|[A-Z]{3})$")
CITY_CODES = {
    "LV-DGV",
    "LV-JEL",
    "LV-JKB",
    "LV-JUR",
    "LV-LPX",
    "LV-REZ",
    "LV-RIX",
    "LV-VEN",
    "LV-VMR",
}

PILOTS = {
    "Daugavpils": ("LV-DGV", "latgale"),
    "Tukuma novads": ("LV-099", "riga"),
    "Jelgava": ("LV-JEL", "zemgale"),
    "Ozolnieku novads": ("LV-069", "zemgale"),
    "Rundāles novads": ("LV-083", "zemgale"),
    "Neretas novads": ("LV-065", "zemgale"),
    "Saldus novads": ("LV-088", "kurzeme"),
    "Skrundas novads": ("LV-093", "kurzeme"),
    "Gulbenes novads": ("LV-033", "vidzeme"),
    "Smiltenes novads": ("LV-094", "vidzeme"),
}


@pytest.fixture(scope="module")
def munis() -> list[dict]:
    fc = json.loads(MUNI_FILE.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection"
    return fc["features"]


@pytest.fixture(scope="module")
def regions() -> list[dict]:
    fc = json.loads(REGION_FILE.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection"
    return fc["features"]


def polygons(geometry: dict) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    assert geometry["type"] == "MultiPolygon", geometry["type"]
    return geometry["coordinates"]


def signed_area(ring: list[list[float]]) -> float:
    """Shoelace area in lon/lat: positive counter-clockwise, negative clockwise."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def point_in_ring(x: float, y: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def assert_valid_geometry(fid: str, geometry: dict) -> None:
    for poly in polygons(geometry):
        assert poly, fid
        for k, ring in enumerate(poly):
            assert len(ring) >= 4, f"{fid}: ring {k} has {len(ring)} points"
            assert ring[0] == ring[-1], f"{fid}: ring {k} not closed"
            pairs = zip(ring, ring[1:], strict=False)
            assert all(a != b for a, b in pairs), f"{fid}: duplicate points"
            area = signed_area(ring)
            if k == 0:
                assert area < 0, f"{fid}: exterior ring is not clockwise"
            else:
                assert area > 0, f"{fid}: hole {k} is not counter-clockwise"
            for x, y in ring:
                assert LON_MIN <= x <= LON_MAX and LAT_MIN <= y <= LAT_MAX, (fid, x, y)
                assert round(x, 4) == x and round(y, 4) == y, f"{fid}: not rounded to 4 dp"


def test_119_units_110_novadi_9_cities(munis):
    assert len(munis) == 119
    kinds = Counter(f["properties"]["kind"] for f in munis)
    assert kinds == {"novads": 110, "city": 9}
    cities = {f["id"] for f in munis if f["properties"]["kind"] == "city"}
    assert cities == CITY_CODES


def test_codes_unique_and_well_formed(munis):
    codes = [f["id"] for f in munis]
    assert len(set(codes)) == 119
    for f in munis:
        assert CODE_RE.match(f["id"]), f["id"]
        assert f["properties"]["code"] == f["id"]
    novad_codes = {f["id"] for f in munis if f["properties"]["kind"] == "novads"}
    assert novad_codes == {f"LV-{n:03d}" for n in range(1, 111)}


def test_properties_schema(munis):
    for f in munis:
        p = f["properties"]
        assert f["type"] == "Feature"
        assert set(p) == {"code", "name_lv", "name_en", "kind", "region", "centroid"}, f["id"]
        assert p["region"] in REGIONS
        if p["kind"] == "novads":
            assert p["name_lv"].endswith(" novads") and p["name_en"].endswith(" Municipality")
        else:
            assert p["name_en"] == f"{p['name_lv']} (city)"
    names = [f["properties"]["name_lv"] for f in munis]
    assert len(set(names)) == 119


def test_geometries_valid_and_clockwise(munis):
    for f in munis:
        assert_valid_geometry(f["id"], f["geometry"])


def test_centroid_is_inside_own_polygon(munis):
    for f in munis:
        x, y = f["properties"]["centroid"]
        inside = any(
            point_in_ring(x, y, poly[0]) and not any(point_in_ring(x, y, h) for h in poly[1:])
            for poly in polygons(f["geometry"])
        )
        assert inside, f"{f['id']}: label point {x},{y} outside its polygon"


def test_pilot_municipalities_in_right_region(munis):
    by_name = {f["properties"]["name_lv"]: f for f in munis}
    for name, (code, region) in PILOTS.items():
        assert name in by_name, name
        assert by_name[name]["id"] == code, name
        assert by_name[name]["properties"]["region"] == region, name
    assert by_name["Rundāles novads"]["properties"]["name_en"] == "Rundāle Municipality"
    assert by_name["Daugavpils"]["properties"]["name_en"] == "Daugavpils (city)"


def test_region_membership(munis):
    counts = Counter(f["properties"]["region"] for f in munis)
    assert set(counts) == REGIONS
    assert all(n >= 10 for n in counts.values()), counts
    by_code = {f["id"]: f["properties"] for f in munis}
    assert by_code["LV-RIX"]["name_lv"] == "Rīga"
    assert by_code["LV-RIX"]["region"] == "riga"


def test_planning_regions_file(regions):
    assert len(regions) == 5
    assert {f["id"] for f in regions} == REGIONS
    for f in regions:
        p = f["properties"]
        assert p["code"] == f["id"]
        assert p["name_lv"] and p["name_en"]
        assert_valid_geometry(f["id"], f["geometry"])


def test_region_outlines_cover_their_members(munis, regions):
    outlines = {f["id"]: polygons(f["geometry"]) for f in regions}
    for f in munis:
        x, y = f["properties"]["centroid"]
        region = f["properties"]["region"]
        hits = [
            code
            for code, polys in outlines.items()
            if any(point_in_ring(x, y, poly[0]) for poly in polys)
        ]
        assert hits == [region], (f["id"], hits)


@pytest.mark.parametrize("path", [MUNI_FILE, REGION_FILE], ids=lambda p: p.name)
def test_file_size(path):
    assert path.stat().st_size < 500_000
