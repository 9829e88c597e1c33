"""The ``remigration`` command, run in-process with click's CliRunner on a throwaway SQLite DB."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from dashboard.cli import _safe_url, main
from dashboard.config import PROJECT_ROOT
from dashboard.exports import TIDY_COLUMNS


@pytest.fixture
def runner(tmp_path):
    """A CliRunner whose environment points at a fresh database under ``tmp_path``."""
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test",
        "REDIS_URL": "",
        "PRODUCTION": "0",
        "DATA_DIR": None,  # None unsets it: the repository's data/ folder is used
    }
    return CliRunner(env=env)


@pytest.fixture
def seeded(runner):
    result = runner.invoke(main, ["init-db"])
    assert result.exit_code == 0, result.output
    return runner


def _values(records) -> dict[tuple[str, str, str], int]:
    return {(r["period"], r["region"], r["metric"]): int(r["value"]) for r in records}


def test_init_db_twice(runner, tmp_path):
    first = runner.invoke(main, ["init-db"])
    assert first.exit_code == 0, first.output
    assert "Database ready" in first.output
    assert "observation: 45" in first.output
    assert "region: 5" in first.output
    assert (tmp_path / "cli.db").is_file()

    second = runner.invoke(main, ["init-db"])
    assert second.exit_code == 0, second.output
    assert "nothing new" in second.output
    assert "observation" not in second.output


def test_init_db_hides_the_database_password():
    assert "s3cret" not in _safe_url("postgresql+psycopg://app:s3cret@db/remigration")


def test_export_csv(seeded, seed_values):
    result = seeded.invoke(main, ["export", "--format", "csv"])
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert reader.fieldnames == TIDY_COLUMNS
    rows = list(reader)
    assert len(rows) == 45
    assert _values(rows) == seed_values
    assert {r["release"] for r in rows} == {"1"}
    assert "Rīga" in {r["region_name"] for r in rows}


def test_export_csv_is_the_default_and_english_on_request(seeded):
    result = seeded.invoke(main, ["export", "--lang", "en"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 45
    assert "Riga" in {r["region_name"] for r in rows}
    assert "2018 (Mar–Dec)" in {r["period_label"] for r in rows}


def test_export_json(seeded, seed_values):
    result = seeded.invoke(main, ["export", "--format", "json", "--release", "1"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert len(records) == 45
    assert list(records[0]) == TIDY_COLUMNS
    assert _values(records) == seed_values
    assert all(isinstance(r["value"], int) for r in records)


def test_export_xlsx_to_file(seeded, seed_values, tmp_path):
    out = tmp_path / "export.xlsx"
    result = seeded.invoke(main, ["export", "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(out)["data"].iter_rows(values_only=True))
    assert len(rows) == 46
    assert list(rows[0]) == TIDY_COLUMNS
    records = [dict(zip(TIDY_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert _values(records) == seed_values


def test_export_csv_to_file(seeded, tmp_path):
    out = tmp_path / "export.csv"
    result = seeded.invoke(main, ["export", "--format", "csv", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert len(list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))) == 45


def test_export_rejects_an_unknown_format(seeded):
    result = seeded.invoke(main, ["export", "--format", "pdf"])
    assert result.exit_code == 2
    assert "pdf" in result.output


def test_init_db_reports_invalid_seed_data(runner, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data" / "seed", data / "seed")
    links = data / "seed" / "links.csv"
    links.write_text(
        links.read_text(encoding="utf-8").replace("https://www.paps.lv/", "www.paps.lv", 1),
        encoding="utf-8",
    )
    result = runner.invoke(main, ["init-db"], env={"DATA_DIR": str(data)})
    assert result.exit_code == 1
    assert "Seed data is invalid" in result.output
    assert "links.csv line 2, column url" in result.output
