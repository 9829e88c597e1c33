"""Boundary data for the map: the 119 municipalities of 2009–2021 and the 5 planning regions.

The GeoJSON files are built by ``scripts/build_boundaries.py`` and committed under ``data/geo``.
They are read once per process on first use (not at import) and kept on the Flask app.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app

MUNICIPALITIES_FILE = "latvia-municipalities-2009.geojson"
REGIONS_FILE = "latvia-planning-regions.geojson"
_EXTENSION_KEY = "remigration_geo"


@dataclass(frozen=True)
class Boundaries:
    municipalities: dict[str, Any]
    regions: dict[str, Any]

    def municipality(self, code: str) -> dict[str, Any] | None:
        return next((f for f in self.municipalities["features"] if f["id"] == code), None)


def load_boundaries(geo_dir: Path) -> Boundaries:
    return Boundaries(
        municipalities=json.loads((geo_dir / MUNICIPALITIES_FILE).read_text(encoding="utf-8")),
        regions=json.loads((geo_dir / REGIONS_FILE).read_text(encoding="utf-8")),
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
