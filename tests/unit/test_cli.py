"""The ``remigration`` command, run in-process with click's CliRunner on a throwaway SQLite DB."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from openpyxl import load_workbook
from werkzeug.security import check_password_hash

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
    # The exports below are compared with the seed table alone.
    result = runner.invoke(main, ["init-db", "--seed-only"])
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


# --- Accounts and tokens -------------------------------------------------------------------------

PASSWORD = "correct horse battery"
WHEN = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"


def _query(tmp_path, sql: str, **params):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(sql), params).all()
    finally:
        engine.dispose()


def _account(tmp_path, name: str):
    return _query(
        tmp_path,
        "SELECT password_hash, active, session_generation, password_changed_at "
        "FROM user_account WHERE username = :name",
        name=name,
    )[0]


def _audit(tmp_path) -> list[tuple[str, str, str | None, str]]:
    return [
        tuple(row)
        for row in _query(
            tmp_path, "SELECT actor, action, target, outcome FROM audit_log ORDER BY id"
        )
    ]


@pytest.fixture
def with_user(seeded):
    result = seeded.invoke(
        main, ["create-user", "ada", "--role", "admin", "--password-stdin"], input=PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.output
    return seeded


def test_set_password_changes_the_hash_and_ends_every_session(with_user, tmp_path):
    old_hash, _, generation, changed_at = _account(tmp_path, "ada")
    assert changed_at is None
    result = with_user.invoke(
        main, ["set-password", "ada", "--password-stdin"], input="a new long passphrase\n"
    )
    assert result.exit_code == 0, result.output
    assert "every session of theirs has ended" in result.stdout
    new_hash, _, new_generation, changed_at = _account(tmp_path, "ada")
    assert check_password_hash(new_hash, "a new long passphrase")
    assert not check_password_hash(new_hash, PASSWORD)
    assert new_generation == generation + 1
    assert changed_at is not None
    assert old_hash != new_hash
    assert _audit(tmp_path)[-1] == ("cli", "set-password", "ada", "ok")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["set-password", "ada", "--password-stdin"], "short\n", "at least 12 characters"),
        (["set-password", "nobody", "--password-stdin"], PASSWORD + "\n", "no user 'nobody'"),
        (["set-password", "ada"], PASSWORD + "\n", "--password-stdin"),
    ],
)
def test_set_password_refuses_bad_input_and_changes_nothing(
    with_user, tmp_path, args, stdin, message
):
    before, audit_before = _account(tmp_path, "ada"), _audit(tmp_path)
    result = with_user.invoke(main, args, input=stdin)
    assert result.exit_code != 0
    assert message in result.output
    assert _account(tmp_path, "ada") == before
    assert _audit(tmp_path) == audit_before


def test_deactivate_and_activate_user(with_user, tmp_path):
    _, active, generation, _ = _account(tmp_path, "ada")
    assert active
    off = with_user.invoke(main, ["deactivate-user", "ada"])
    assert off.exit_code == 0, off.output
    assert "Deactivated 'ada'; every session of theirs has ended." in off.stdout
    _, active, after, _ = _account(tmp_path, "ada")
    assert not active and after == generation + 1

    again = with_user.invoke(main, ["deactivate-user", "ada"])
    assert again.exit_code == 0 and "already inactive; nothing changed" in again.stdout

    on = with_user.invoke(main, ["activate-user", "ada"])
    assert on.exit_code == 0 and "Activated 'ada'." in on.stdout
    _, active, final, _ = _account(tmp_path, "ada")
    assert active and final == generation + 1, "activation brings no ended session back"
    assert [a[1:] for a in _audit(tmp_path)[-2:]] == [
        ("deactivate-user", "ada", "ok"),
        ("activate-user", "ada", "ok"),
    ]

    unknown = with_user.invoke(main, ["deactivate-user", "nobody"])
    assert unknown.exit_code == 1 and "no user 'nobody'" in unknown.stderr


def _expiry_days(tmp_path, label: str) -> float:
    created, expires = _query(
        tmp_path, "SELECT created_at, expires_at FROM api_token WHERE name = :label", label=label
    )[0]
    delta = dt.datetime.fromisoformat(str(expires)) - dt.datetime.fromisoformat(str(created))
    return delta.total_seconds() / 86400


def test_create_token_expires_after_the_given_or_configured_days(with_user, tmp_path):
    default = with_user.invoke(main, ["create-token", "ada", "--label", "default"])
    assert default.exit_code == 0, default.output
    lines = default.stdout.strip().splitlines()
    assert lines[-1].startswith("rmg_") and all(lines[-1] not in line for line in lines[:-1])
    assert "valid for 365 days" in default.stdout
    assert _expiry_days(tmp_path, "default") == 365

    month = with_user.invoke(main, ["create-token", "ada", "--label", "month", "--days", "30"])
    assert month.exit_code == 0 and _expiry_days(tmp_path, "month") == 30

    configured = with_user.invoke(
        main, ["create-token", "ada", "--label", "env"], env={"API_TOKEN_DAYS": "90"}
    )
    assert configured.exit_code == 0 and _expiry_days(tmp_path, "env") == 90
    assert _audit(tmp_path)[-1] == ("cli", "create-token", "ada", "ok")

    for bad in ("0", "3651", "soon"):
        refused = with_user.invoke(main, ["create-token", "ada", "--label", "bad", "--days", bad])
        assert refused.exit_code == 2 and "--days" in refused.output
    assert not _query(tmp_path, "SELECT id FROM api_token WHERE name = 'bad'")


def test_list_tokens(with_user, tmp_path):
    empty = with_user.invoke(main, ["list-tokens"])
    assert empty.exit_code == 0
    header = r"id\s+user\s+label\s+created\s+expires\s+last used\s+revoked"
    assert re.fullmatch(header + "\n", empty.stdout), empty.stdout

    tokens = [
        with_user.invoke(main, ["create-token", "ada", "--label", label]).stdout.splitlines()[-1]
        for label in ("ci", "backup job")
    ]
    first_id = _query(tmp_path, "SELECT id FROM api_token WHERE name = 'ci'")[0][0]
    assert with_user.invoke(main, ["revoke-token", str(first_id)]).exit_code == 0
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    with engine.begin() as conn:  # as if the second token had been used then
        conn.execute(
            sa.text("UPDATE api_token SET last_used_at = :at WHERE id = :id"),
            {"at": dt.datetime(2026, 1, 2, 3, 4, 5), "id": first_id + 1},
        )
    engine.dispose()

    result = with_user.invoke(main, ["list-tokens"])
    assert result.exit_code == 0, result.output
    first_line, *rows = result.stdout.splitlines()
    assert re.fullmatch(header, first_line), first_line
    assert len(rows) == 2
    assert re.fullmatch(
        rf"{first_id}\s+ada\s+ci\s+{WHEN}\s+{WHEN}\s+-\s+{WHEN}", rows[0].strip()
    ), rows[0]
    assert re.fullmatch(
        rf"{first_id + 1}\s+ada\s+backup job\s+{WHEN}\s+{WHEN}\s+2026-01-02 03:04\s+-",
        rows[1].strip(),
    ), rows[1]
    assert all(token not in result.stdout for token in tokens), "never the secret"
