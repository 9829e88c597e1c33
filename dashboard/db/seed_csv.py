"""Reading the seed CSVs: cells as text, typed on demand, every failure naming file, line and
column. Shared by the seed loaders (:mod:`dashboard.db.seed`, :mod:`dashboard.db.seed_reference`)
and the dossier loader (:mod:`dashboard.db.dossier`), so a bad cell reads the same in all.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any


class SeedError(ValueError):
    """A seed row failed validation; the message names the file, line and column."""


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows as ``{column: stripped text}`` (a missing cell is ``""``)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            {k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)
        ]


def date_cell(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def bool_cell(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "jā"}


def opt(value: str) -> str | None:
    return value or None


def build_row(build: Callable[[dict[str, str], str], Any], row: dict[str, str], where: str) -> Any:
    """Run a row builder, turning a malformed cell into a :class:`SeedError` naming the row."""
    try:
        return build(row, where)
    except SeedError:
        raise
    except (ValueError, KeyError, ArithmeticError) as exc:
        raise SeedError(f"{where}: {type(exc).__name__}: {exc}") from exc
