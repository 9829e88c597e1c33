"""The measures registry (``data/seed/metrics.csv``) covers the published-figures dossier.

Every ``measure`` code used in ``shared/data/published-figures/figures.csv`` must have a row in
the registry, with a kind that agrees with the dossier's ``period_kind`` and a unit from a small
closed vocabulary. The provenance of each row is in ``data/seed/MEASURES.md``.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
METRICS_CSV = REPO_ROOT / "data" / "seed" / "metrics.csv"
FIGURES_CSV = REPO_ROOT.parent / "shared" / "data" / "published-figures" / "figures.csv"

HEADER = [
    "code",
    "name_lv",
    "name_en",
    "unit_code",
    "unit_lv",
    "unit_en",
    "definition_lv",
    "definition_en",
    "sort_order",
    "kind",
]
KINDS = {"flow", "stock", "target"}
# Closed on purpose: a new unit is a decision (is it really not one of these?), made here.
UNITS = {"families", "persons", "offers", "applications", "projects", "eur", "municipalities"}
CODE_RE = re.compile(r"^[a-z][a-z0-9_]*$")
TEXT_COLUMNS = ["name_lv", "name_en", "unit_lv", "unit_en", "definition_lv", "definition_en"]


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def registry() -> dict[str, dict[str, str]]:
    rows = _read(METRICS_CSV)
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate codes in metrics.csv"
    return {r["code"]: r for r in rows}


@pytest.fixture(scope="module")
def dossier_kinds() -> dict[str, Counter[str]]:
    """``measure`` code -> how many of its dossier rows have each ``period_kind``."""
    if not FIGURES_CSV.is_file():
        pytest.skip(f"published-figures dossier absent (expected next to the repo): {FIGURES_CSV}")
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for row in _read(FIGURES_CSV):
        kinds[row["measure"]][row["period_kind"]] += 1
    assert kinds, "figures.csv has no rows"
    return dict(kinds)


def test_file_format() -> None:
    raw = METRICS_CSV.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "metrics.csv must be UTF-8 without BOM"
    raw.decode("utf-8")
    with METRICS_CSV.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == HEADER


def test_every_dossier_measure_is_registered(registry, dossier_kinds) -> None:
    missing = sorted(set(dossier_kinds) - set(registry))
    assert not missing, f"measure codes in figures.csv without a row in metrics.csv: {missing}"


def test_codes(registry) -> None:
    for code in registry:
        assert len(code) <= 64, code
        assert CODE_RE.match(code), code


def test_kinds_are_in_the_closed_set(registry) -> None:
    for code, row in registry.items():
        assert row["kind"] in KINDS, (code, row["kind"])


def test_target_codes_are_targets(registry) -> None:
    for code, row in registry.items():
        assert (row["kind"] == "target") == code.startswith("target_"), (code, row["kind"])


def test_all_stock_codes_are_stocks(registry, dossier_kinds) -> None:
    for code, kinds in dossier_kinds.items():
        if set(kinds) == {"stock"}:
            assert registry[code]["kind"] == "stock", code


def test_mostly_stock_codes_are_stocks(registry, dossier_kinds) -> None:
    """The dossier files a few undated 'currently planning' counts as flows (e.g. 2018 forum
    reports): a code whose rows are mostly stocks is still a stock."""
    for code, kinds in dossier_kinds.items():
        if kinds["stock"] * 2 > kinds.total():
            assert registry[code]["kind"] == "stock", (code, dict(kinds))


def test_kinds_agree_with_the_dossier(registry, dossier_kinds) -> None:
    for code, kinds in dossier_kinds.items():
        kind = registry[code]["kind"]
        if kind == "target":
            assert set(kinds) == {"target"}, (code, dict(kinds))
        elif kind == "stock":
            assert kinds["stock"], (code, dict(kinds))
        else:  # flow: counted during a period, or a running total since the programme start
            assert set(kinds) <= {"flow", "cumulative"}, (code, dict(kinds))


def test_units_are_in_the_closed_vocabulary(registry) -> None:
    for code, row in registry.items():
        assert row["unit_code"] in UNITS, (code, row["unit_code"])
    units = {(r["unit_code"], r["unit_lv"], r["unit_en"]) for r in registry.values()}
    assert len(units) == len({u[0] for u in units}), f"one unit code, one pair of words: {units}"


def test_names_and_definitions_are_filled(registry) -> None:
    for code, row in registry.items():
        for column in TEXT_COLUMNS:
            assert row[column].strip(), (code, column)
        assert len(row["name_lv"]) <= 60, (code, row["name_lv"])
        assert len(row["name_en"]) <= 60, (code, row["name_en"])


def test_sort_order(registry) -> None:
    orders = [int(r["sort_order"]) for r in registry.values()]
    assert sorted(orders) == list(range(1, len(orders) + 1))
    seed_table = ("families_returned", "people_returned", "offers_prepared")
    assert [registry[c]["sort_order"] for c in seed_table] == ["1", "2", "3"]
