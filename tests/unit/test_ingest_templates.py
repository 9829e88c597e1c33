"""The downloadable templates and the format documentation stay in step with the validator."""

from __future__ import annotations

import importlib.util
import io
import re
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import load_workbook
from test_ingest import check, to_csv

from dashboard.ingest.messages import MESSAGES

REPO_ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = REPO_ROOT / "data" / "templates"
DOC = REPO_ROOT / "docs" / "UPLOAD_FORMAT.md"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_templates", REPO_ROOT / "scripts" / "make_templates.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_templates_are_current() -> None:
    """Regenerate with ``scripts/make_templates.py`` when this fails."""
    built = _script().build_all()
    assert sorted(built) == sorted(p.name for p in TEMPLATES.iterdir())
    for name, content in built.items():
        assert (TEMPLATES / name).read_bytes() == content, name


def test_template_generation_is_reproducible() -> None:
    script = _script()
    assert script.build_xlsx() == script.build_xlsx()


@pytest.mark.parametrize(
    ("name", "layout", "file_type"),
    [
        ("remigration-template-long.csv", "long", "csv"),
        ("remigration-template-wide.csv", "wide", "csv"),
        ("remigration-template.xlsx", "long", "xlsx"),
    ],
)
def test_templates_are_recognised_and_empty(name: str, layout: str, file_type: str) -> None:
    report = check((TEMPLATES / name).read_bytes(), name)
    assert (report.layout, report.file_type) == (layout, file_type)
    assert [e.code for e in report.errors] == ["no_data"]  # header only: no example numbers
    assert report.warnings == []


def test_wide_template_header() -> None:
    text = (TEMPLATES / "remigration-template-wide.csv").read_bytes().decode("utf-8-sig")
    assert text == "period,metric,Kurzeme,Latgale,Rīga,Vidzeme,Zemgale,KOPĀ\r\n"


def test_filled_in_templates_validate() -> None:
    long_text = (TEMPLATES / "remigration-template-long.csv").read_bytes()
    long_file = long_text + "2024-Q3,Rīga,families_returned,1,,,\r\n".encode()
    assert check(long_file).ok
    every_column = "2024,Latvija,people_returned,1,https://example.lv/x,Pārskats,VARAM,2025-01,"
    every_column += ",national,,low\r\n"
    report = check(long_text + every_column.encode())
    assert report.ok, report.errors
    row = report.rows[0]
    assert (row.geo_level, row.source_publisher, row.source_published_on, row.reliability) == (
        "national",
        "VARAM",
        "2025-01",
        "low",
    )
    wide_text = (TEMPLATES / "remigration-template-wide.csv").read_bytes()
    wide_file = wide_text + to_csv([["2024-Q3", "people_returned", 1, 2, 3, 4, 5, 15]])
    assert len(check(wide_file).rows) == 5


def test_xlsx_template_sheets_and_text_period_column() -> None:
    workbook = load_workbook(io.BytesIO((TEMPLATES / "remigration-template.xlsx").read_bytes()))
    assert workbook.sheetnames == ["dati", "instrukcija"]
    data = workbook["dati"]
    assert [c.value for c in data[1]] == [
        "period",
        "region",
        "metric",
        "value",
        "source_url",
        "source_title",
        "source_publisher",
        "source_published_on",
        "note",
        "geo_level",
        "parent_region",
        "reliability",
    ]
    assert data.max_row == 1
    # Typed as text, so Excel keeps "2024-03" and a publication month "2025-01" as written.
    assert data.column_dimensions["A"].number_format == "@"
    assert data.column_dimensions["H"].number_format == "@"
    rules = workbook["instrukcija"]
    assert [c.value for c in rules[1]] == ["Latviski", "English"]
    assert rules.max_row > 5
    assert not any(
        isinstance(c.value, str) and c.value.startswith("=") for row in rules for c in row
    )


def test_every_message_code_is_documented() -> None:
    documented = set(re.findall(r"`([a-z0-9_]+)`", DOC.read_text(encoding="utf-8")))
    assert set(MESSAGES) - documented == set()
