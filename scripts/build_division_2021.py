#!/usr/bin/env python3
"""Build the 2021 municipal division as seed CSVs and boundaries, from data already in hand.

Why: the app knew only the 2009-2021 division (119 units). Since 1 July 2021 Latvia has 43
units (42 since Varakļānu novads joined Madonas novads on 1 July 2025), and planning regions
changed members (Tukuma novads: Rīga region until June 2021, Kurzeme since). Data about a unit
must therefore be keyed by (division, code), and a 2009 unit must be traceable to its successor.

Outputs (schemas in data/geo/README.md and data/seed/README.md):

* data/seed/municipality_units.csv        - 119 units of 2009 + 43 units of 2021
* data/seed/municipality_successors.csv   - one row per (2009 unit, 2021 successor) pair
* data/geo/latvia-municipalities-2021.geojson - 43 features, dissolved from 2009 shapes

Inputs, nothing else (no data is invented here):

* data/geo/latvia-municipalities-2009.geojson (codes, names, kinds, regions, shapes of 2009);
* data/seed/municipalities.csv (the 10 pilot municipalities, 2009 units);
* ``<shared>/municipalities_2021.csv`` and ``<shared>/municipalities_2009_to_2021.csv``,
  ``<shared>`` being ../shared/data/geo next to the repository unless ``--shared`` is given.

No 2021 boundary source is used: a 2021 unit is drawn as the union of its predecessors' 2009
shapes. Three 2009 units were split between two successors (Aglonas, Inčukalna and, minor and
unconfirmed, Ķekavas novads). Their parishes have no shapes here, so each split unit's whole
shape is drawn in ONE successor (``SHAPE_OWNER``) and every successor of a split unit is
flagged ``approximate``. The union is a dissolve on the shared borders: the 2009 file was built
from TopoJSON arcs, so neighbours have identical border vertices and every inner edge appears
once in each direction; those pairs cancel and the remaining edges are chained into rings.
No shapely needed, so the test suite can rerun this script and compare bytes.

Run (stdlib only; any Python >= 3.11)::

    python3 scripts/build_division_2021.py [--shared DIR] [--out DIR]

``--out`` writes ``data/seed/...`` and ``data/geo/...`` under another root (the tests use it).
The output is deterministic: two runs give identical bytes.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
# Shared helpers of the 2009 build, so both files follow the same conventions (winding, 4 dp,
# bbox, label point). Importing it does not need pycountry.
from build_boundaries import (  # noqa: E402
    BuildError,
    check,
    check_geometry,
    largest_polygon,
    nominative,
    point_in_ring,
    representative_point,
    signed_area,
)

DEFAULT_SHARED = ROOT.parent / "shared" / "data" / "geo"
GEO_2009 = Path("data/geo/latvia-municipalities-2009.geojson")
PILOTS = Path("data/seed/municipalities.csv")
OUT_UNITS = Path("data/seed/municipality_units.csv")
OUT_SUCCESSORS = Path("data/seed/municipality_successors.csv")
OUT_GEO_2021 = Path("data/geo/latvia-municipalities-2021.geojson")

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
SUCCESSOR_COLUMNS = ["code_2009", "code_2021", "approximate", "note"]

VALID_2009 = ("2009-07-01", "2021-06-30")
VALID_FROM_2021 = "2021-07-01"
KIND_2009 = {"novads": "novads", "republikas pilsēta": "city"}
KIND_2021 = {"novads": "novads", "valstspilsēta": "city"}
REGION_CODES_2021 = {
    "Kurzemes plānošanas reģions": "kurzeme",
    "Latgales plānošanas reģions": "latgale",
    "Rīgas plānošanas reģions": "riga",
    "Vidzemes plānošanas reģions": "vidzeme",
    "Zemgales plānošanas reģions": "zemgale",
}
# The shared note of a 2021 unit that ceased to exist says "merged into X novads from <date>".
MERGED_RE = re.compile(r"merged into (?P<into>\S+ novads) from (?P<date>\d{4}-\d{2}-\d{2})")
ATVK_RE = re.compile(r"^\d{7}$")

# Split 2009 unit -> (successor that gets its whole shape, text of the shared note that says
# why). The rule: the successor that got the part holding the unit's administrative centre,
# i.e. the parish the novads is named after (Aglona, Inčukalns) or, for Ķekava, the successor
# that got all but one forest. The parts' areas are not in the data, so "larger part" is not
# measured: Aglonas pagasts is one of Aglonas novads' four parishes.
SHAPE_OWNER = {
    "Aglonas novads": ("Preiļu novads", "Aglonas pagasts -> Preiļu novads"),
    "Inčukalna novads": ("Siguldas novads", "Inčukalna pagasts -> Siguldas novads"),
    "Ķekavas novads": ("Ķekavas novads", "whole novads to Ķekavas novads except"),
}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def csv_text(columns: list[str], rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def fc_text(features: list[dict], name: str) -> str:
    """One feature per line, as the 2009 file: small diffs, byte-stable output."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    head = '{"type":"FeatureCollection","name":' + json.dumps(name) + ',"features":[\n'
    return head + ",\n".join(lines) + "\n]}\n"


# ---------------------------------------------------------------------------------- units


def units_2009(features: list[dict], pilots: list[dict]) -> list[dict]:
    by_code = {f["id"]: f["properties"] for f in features}
    pilot_codes = {r["code"] for r in pilots if r["is_pilot"] == "1"}
    for r in pilots:  # the pilot list must describe the same 2009 units as the boundaries
        p = by_code.get(r["code"])
        check(p is not None and p["name_lv"] == r["name_lv"], f"pilot {r['code']} not in 2009")
        check(p["region"] == r["region_code"], f"pilot {r['code']}: region differs")
    check(len(pilot_codes) == 10, f"{len(pilot_codes)} pilots, expected 10")
    rows = []
    for code in sorted(by_code):
        p = by_code[code]
        rows.append(
            {
                "division": "2009",
                "code": code,
                "name_lv": p["name_lv"],
                "name_en": p["name_en"],
                "kind": p["kind"],
                "region_code": p["region"],
                "valid_from": VALID_2009[0],
                "valid_to": VALID_2009[1],
                "atvk": "",
                "is_pilot": "1" if code in pilot_codes else "0",
            }
        )
    return rows


def english_name(name_lv: str, kind: str, en_2009: dict[str, str]) -> str:
    """Same style as the 2009 file: reuse its English name for a name it has, else its rule."""
    if name_lv in en_2009:
        return en_2009[name_lv]
    if kind == "city":
        return f"{name_lv} (city)"
    return f"{nominative(name_lv.removesuffix(' novads'))} Municipality"


def valid_to_2021(row: dict) -> str:
    m = MERGED_RE.search(row["note"])
    if not m:
        return ""
    return (dt.date.fromisoformat(m["date"]) - dt.timedelta(days=1)).isoformat()


def units_2021(shared_rows: list[dict], en_2009: dict[str, str]) -> list[dict]:
    rows = []
    for r in shared_rows:
        kind = KIND_2021[r["type"]]
        check(ATVK_RE.match(r["atvk"]) is not None, f"{r['name_2021']}: atvk {r['atvk']!r}")
        rows.append(
            {
                "division": "2021",
                "code": r["iso_3166_2"],
                "name_lv": r["name_2021"],
                "name_en": english_name(r["name_2021"], kind, en_2009),
                "kind": kind,
                "region_code": REGION_CODES_2021[r["planning_region_2021"]],
                "valid_from": VALID_FROM_2021,
                "valid_to": valid_to_2021(r),
                "atvk": r["atvk"],
                "is_pilot": "0",  # pilot status belonged to 2009 units
            }
        )
    rows.sort(key=lambda r: r["code"])
    check(len(rows) == 43, f"{len(rows)} units of 2021, expected 43")
    ended = [r["name_lv"] for r in rows if r["valid_to"]]
    check(ended == ["Varakļānu novads"], f"units of 2021 with an end date: {ended}")
    return rows


# ---------------------------------------------------------------------------------- successors


def successors(shared_rows: list[dict], units9: list[dict], units21: list[dict]) -> list[dict]:
    code9 = {(u["name_lv"], u["kind"]): u["code"] for u in units9}
    code21 = {u["name_lv"]: u["code"] for u in units21}
    check(len(code9) == 119 and len(code21) == 43, "unit names are not unique")
    rows, split = [], set()
    for r in shared_rows:
        old = code9[(r["name_2009"], KIND_2009[r["type_2009"]])]
        targets = r["municipality_2021"].split(";")
        if len(targets) > 1:
            split.add(r["name_2009"])
            owner, evidence = SHAPE_OWNER[r["name_2009"]]
            check(owner in targets and evidence in r["note"], f"{r['name_2009']}: shape owner")
        for name in targets:
            note = r["note"]
            if len(targets) > 1:
                note += f"; 2021 boundary file draws the whole 2009 shape in {owner}"
            rows.append(
                {
                    "code_2009": old,
                    "code_2021": code21[name],
                    "approximate": "1" if len(targets) > 1 else "0",
                    "note": note,
                }
            )
    check(split == set(SHAPE_OWNER), f"split units {sorted(split)} != {sorted(SHAPE_OWNER)}")
    check(len({r["code_2009"] for r in rows}) == 119, "a 2009 unit has no successor")
    check(len({r["code_2021"] for r in rows}) == 43, "a 2021 unit has no predecessor")
    rows.sort(key=lambda r: (r["code_2009"], r["code_2021"]))
    return rows


# ---------------------------------------------------------------------------------- dissolve


def _polygons(geometry: dict) -> list:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def _ccw_angle(back: tuple, out: tuple) -> float:
    """Counter-clockwise angle in [0, 2pi) from direction ``back`` to direction ``out``."""
    a = math.atan2(out[1], out[0]) - math.atan2(back[1], back[0])
    return a % (2 * math.pi)


def dissolve(polys: list) -> list:
    """Union of polygons that share exact border vertices (exteriors CW, holes CCW).

    An edge shared by two members appears once in each direction and is dropped; what is left
    is the outline, chained into rings. Where the outline touches itself at a vertex, the next
    edge is the first one counter-clockwise from the way back, so each ring keeps the region
    on its right (CW exteriors) and pinched parts come out as separate rings.
    """
    edges = [
        (tuple(a), tuple(b))
        for poly in polys
        for ring in poly
        for a, b in zip(ring, ring[1:], strict=False)
    ]
    check(len(set(edges)) == len(edges), "dissolve: an edge is used twice in the same direction")
    present = set(edges)
    outline = [e for e in edges if (e[1], e[0]) not in present]
    by_start = defaultdict(list)
    for e in outline:
        by_start[e[0]].append(e)
    used: set = set()
    rings = []
    for first in outline:
        if first in used:
            continue
        used.add(first)
        ring, (prev, cur) = [first[0], first[1]], first
        while cur != ring[0]:
            options = [e for e in by_start[cur] if e not in used]
            check(bool(options), "dissolve: open ring")
            back = (prev[0] - cur[0], prev[1] - cur[1])
            nxt = min(options, key=lambda e: _ccw_angle(back, (e[1][0] - cur[0], e[1][1] - cur[1])))
            used.add(nxt)
            prev, cur = cur, nxt[1]
            ring.append(cur)
        rings.append([list(p) for p in ring])
    exteriors = sorted((r for r in rings if signed_area(r) < 0), key=signed_area)  # largest 1st
    out = [[e] for e in exteriors]
    for hole in sorted((r for r in rings if signed_area(r) > 0), key=signed_area, reverse=True):
        owners = []
        for poly in out:
            verts = {tuple(p) for p in poly[0]}
            x, y = next(p for p in hole if tuple(p) not in verts)
            if point_in_ring(x, y, poly[0]):
                owners.append(poly)
        check(bool(owners), "dissolve: hole outside every exterior")
        min(owners, key=lambda p: abs(signed_area(p[0]))).append(hole)
    return out


def area(geometry: dict) -> float:
    """Planar area in degrees squared (exteriors minus holes); only compared, never shown."""
    return sum(-signed_area(r) for poly in _polygons(geometry) for r in poly)


def features_2021(geo9: list[dict], units21: list[dict], succ: list[dict]) -> list[dict]:
    by_code9 = {f["id"]: f for f in geo9}
    split9 = {r["code_2009"] for r in succ if r["approximate"] == "1"}
    owner9 = {c: SHAPE_OWNER[by_code9[c]["properties"]["name_lv"]][0] for c in split9}
    name21 = {u["code"]: u["name_lv"] for u in units21}
    shapes = defaultdict(list)  # 2021 code -> 2009 codes whose shapes it is drawn with
    for r in succ:
        if r["code_2009"] not in split9 or owner9[r["code_2009"]] == name21[r["code_2021"]]:
            shapes[r["code_2021"]].append(r["code_2009"])
    drawn = Counter(c for codes in shapes.values() for c in codes)
    check(set(drawn) == set(by_code9) and set(drawn.values()) == {1}, "2009 shape use != once")
    features = []
    for u in units21:
        members = sorted(shapes[u["code"]])
        check(bool(members), f"{u['code']}: no 2009 shape")
        if len(members) == 1:  # same territory: keep the 2009 geometry and label point as is
            geometry = by_code9[members[0]]["geometry"]
            centroid = by_code9[members[0]]["properties"]["centroid"]
        else:
            polys = dissolve([p for c in members for p in _polygons(by_code9[c]["geometry"])])
            kind = "Polygon" if len(polys) == 1 else "MultiPolygon"
            geometry = {"type": kind, "coordinates": polys[0] if len(polys) == 1 else polys}
            centroid = representative_point(largest_polygon(geometry))
        check_geometry(u["code"], geometry)
        want = sum(area(by_code9[c]["geometry"]) for c in members)
        check(math.isclose(area(geometry), want, rel_tol=1e-9), f"{u['code']}: area changed")
        preds = {r["code_2009"] for r in succ if r["code_2021"] == u["code"]}
        props = {
            "code": u["code"],
            "name_lv": u["name_lv"],
            "name_en": u["name_en"],
            "kind": u["kind"],
            "region": u["region_code"],
            "centroid": centroid,
            "approximate": bool(preds & split9),
            "valid_to": u["valid_to"] or None,
            "shapes_2009": members,
        }
        feature = {"type": "Feature", "id": u["code"], "properties": props, "geometry": geometry}
        features.append(feature)
    return features


# ---------------------------------------------------------------------------------- main


def build(shared: Path, out_root: Path) -> dict[Path, str]:
    for name in ("municipalities_2021.csv", "municipalities_2009_to_2021.csv"):
        check((shared / name).is_file(), f"no {name} in {shared} (give --shared)")
    geo9 = json.loads((ROOT / GEO_2009).read_text(encoding="utf-8"))["features"]
    check(len(geo9) == 119, f"{len(geo9)} features of 2009, expected 119")
    units9 = units_2009(geo9, read_csv(ROOT / PILOTS))
    en_2009 = {u["name_lv"]: u["name_en"] for u in units9}
    units21 = units_2021(read_csv(shared / "municipalities_2021.csv"), en_2009)
    for division in (units9, units21):
        codes = Counter(u["code"] for u in division)
        check(max(codes.values()) == 1, f"codes used twice: {codes.most_common(3)}")
    succ = successors(read_csv(shared / "municipalities_2009_to_2021.csv"), units9, units21)
    outputs = {
        OUT_UNITS: csv_text(UNIT_COLUMNS, units9 + units21),
        OUT_SUCCESSORS: csv_text(SUCCESSOR_COLUMNS, succ),
        OUT_GEO_2021: fc_text(features_2021(geo9, units21, succ), "latvia-municipalities-2021"),
    }
    for rel, text in outputs.items():
        path = out_root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        print(f"wrote {path}: {len(text.encode('utf-8'))} B", file=sys.stderr)
    return outputs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="dir of the shared CSVs")
    ap.add_argument("--out", type=Path, default=ROOT, help="root to write data/... under")
    args = ap.parse_args(argv)
    try:
        build(args.shared, args.out)
    except (BuildError, KeyError) as e:
        print(f"ERROR: {e!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
