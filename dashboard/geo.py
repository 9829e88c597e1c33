"""Boundary data for the map: the municipalities of both divisions and the planning regions.

``latvia-municipalities-2009.geojson`` (the 119 units of 2009–2021) and the planning regions are
built by ``scripts/build_boundaries.py``, ``latvia-municipalities-2021.geojson`` (the units from
July 2021) by ``scripts/build_division_2021.py``; all are committed under ``data/geo``. They are
read once per process on first use (not at import) and kept on the Flask app. Only the layer the
reader chose is drawn, so only that one is sent to the browser.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app

DIVISIONS = ("2021", "2009")  # the division in force from July 2021 first
MUNICIPALITY_FILES = {
    "2009": "latvia-municipalities-2009.geojson",
    "2021": "latvia-municipalities-2021.geojson",
}
MUNICIPALITIES_FILE = MUNICIPALITY_FILES["2009"]
REGIONS_FILE = "latvia-planning-regions.geojson"
_EXTENSION_KEY = "remigration_geo"

Point = tuple[float, float]


def unit_key(division: str, code: str) -> str:
    """A municipality's key across divisions ("2021:LV-016"): 40 codes exist in both."""
    return f"{division}:{code}"


def split_key(key: str) -> tuple[str, str] | None:
    """``(division, code)`` of a :func:`unit_key`; a bare code is a 2009 unit (older links)."""
    division, sep, code = key.partition(":")
    if not sep:
        return "2009", key
    return (division, code) if division in MUNICIPALITY_FILES and code else None


@dataclass(frozen=True)
class Boundaries:
    municipalities: dict[str, Any]  # the 2009 division (kept under its old name)
    regions: dict[str, Any]  # the planning regions as of 2009–2021
    municipalities_2021: dict[str, Any] = field(
        default_factory=lambda: {"type": "FeatureCollection", "features": []}
    )

    def layer(self, division: str) -> list[dict[str, Any]]:
        """The municipality features of ``division`` ("2009" or "2021")."""
        return (self.municipalities_2021 if division == "2021" else self.municipalities)["features"]

    def municipality(self, code: str, division: str = "2009") -> dict[str, Any] | None:
        return next((f for f in self.layer(division) if f["id"] == code), None)

    def unit(self, key: str) -> dict[str, Any] | None:
        """The feature of a :func:`unit_key` (``None`` for an unknown one)."""
        parts = split_key(key) if isinstance(key, str) else None
        return self.municipality(parts[1], parts[0]) if parts else None

    def keys(self, division: str) -> list[str]:
        return [unit_key(division, f["id"]) for f in self.layer(division)]

    def region_lines(self, division: str) -> list[list[list[float]]]:
        """The planning regions' borders in ``division``, as polylines.

        2009: the regions file's rings. 2021: the regions changed (Tukuma novads moved to
        Kurzeme, Limbažu, Ogres and Saulkrastu novads to Vidzeme), so the borders are the edges of
        the 2021 units that only one unit of a region uses (neighbours share their vertices
        exactly, see data/geo/README.md).
        """
        if division != "2021":
            return [r for f in self.regions["features"] for r in rings(f["geometry"])]
        return _dissolved_lines(self.layer("2021"))


def _dissolved_lines(features: list[dict[str, Any]]) -> list[list[list[float]]]:
    edges: dict[str, set[tuple[Point, Point]]] = defaultdict(set)
    for feature in features:
        region = feature["properties"]["region"]
        for ring in rings(feature["geometry"]):
            for a, b in zip(ring, ring[1:], strict=False):
                edges[region].add(((a[0], a[1]), (b[0], b[1])))
    lines: list[list[list[float]]] = []
    for region in sorted(edges):
        own = edges[region]
        outer = {(a, b) for a, b in own if (b, a) not in own}
        starts: dict[Point, list[Point]] = defaultdict(list)
        for a, b in sorted(outer):
            starts[a].append(b)
        while starts:
            a = next(iter(starts))
            line = [list(a)]
            while starts.get(a):
                b = starts[a].pop()
                if not starts[a]:
                    del starts[a]
                line.append(list(b))
                a = b
            lines.append(line)
    return lines


def load_boundaries(geo_dir: Path) -> Boundaries:
    def read(name: str) -> dict[str, Any]:
        return json.loads((geo_dir / name).read_text(encoding="utf-8"))

    return Boundaries(
        municipalities=read(MUNICIPALITY_FILES["2009"]),
        regions=read(REGIONS_FILE),
        municipalities_2021=read(MUNICIPALITY_FILES["2021"]),
    )


def boundaries() -> Boundaries:
    """The app's boundaries, loaded on first use."""
    ext = current_app.extensions
    if _EXTENSION_KEY not in ext:
        ext[_EXTENSION_KEY] = load_boundaries(current_app.config["REMIGRATION"].data_dir / "geo")
    return ext[_EXTENSION_KEY]


def rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """All rings (exterior and holes) of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    raise ValueError(f"unsupported geometry {geometry['type']}")
