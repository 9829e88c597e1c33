"""What reading a file produces: a grid of cells with the row numbers the user sees.

Its own module because both readers (``reader.py`` for CSV, ``xlsx.py`` for Excel) build these
shapes and the validator consumes them; neither reader should have to import the other for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dashboard.ingest.types import Issue

MAX_COLUMNS = 200


@dataclass(frozen=True)
class Formula:
    """A formula cell; kept as text so it can be reported, never evaluated."""

    text: str


@dataclass(frozen=True)
class CellError:
    """An Excel error value such as ``#DIV/0!``."""

    text: str


@dataclass
class Grid:
    """The non-blank rows of the file: ``(row number as the user sees it, cells)``."""

    file_type: str
    rows: list[tuple[int, list[Any]]]
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None


@dataclass
class ReadResult:
    """What a reader hands back: the grid, or the errors that stopped it, plus what it found."""

    file_type: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    grid: Grid | None = None
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)


def is_blank(value: Any) -> bool:
    """Empty or whitespace only: such a cell counts as absent everywhere."""
    return value is None or (isinstance(value, str) and not value.strip())
