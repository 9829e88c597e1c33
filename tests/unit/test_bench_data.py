"""``remigration bench-data``: synthetic figures for benchmarks, labelled, never beside real."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from support import dash_outputs, page_content

from dashboard.app import create_app
from dashboard.cli import main
from dashboard.config import Config
from dashboard.db.session import get_db


def _env(tmp_path, name: str = "bench.db") -> dict[str, str | None]:
    return {
        "DATABASE_URL": f"sqlite:///{tmp_path / name}",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test",
        "REDIS_URL": "",
        "DATA_DIR": None,
    }


def _scalar(url: str, sql: str):
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(sql)).scalar()
    finally:
        engine.dispose()


def test_writes_labelled_municipality_level_quarters(tmp_path):
    env = _env(tmp_path)
    result = CliRunner(env=env).invoke(main, ["bench-data", "--rows", "2000"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("SYNTHETIC data written")
    assert "2,000 observations, 119 municipalities x 3 metrics x 6 quarters" in result.output
    url = env["DATABASE_URL"]
    municipal = "SELECT count(*) FROM observation WHERE geo_level = 'municipality'"
    assert _scalar(url, municipal) == 2000
    # Each quarter's planning-region figures are the sums of their municipalities.
    regional = "SELECT count(*) FROM observation WHERE geo_level = 'planning_region'"
    assert _scalar(url, regional) == 6 * 5 * 3
    unequal = """SELECT count(*) FROM observation r WHERE r.geo_level = 'planning_region'
                 AND r.value != (SELECT sum(o.value) FROM observation o
                   WHERE o.geo_level = 'municipality' AND o.region_id = r.region_id
                   AND o.period_id = r.period_id AND o.metric_id = r.metric_id)"""
    assert _scalar(url, unequal) == 0
    # Each row's region is its municipality's region.
    mismatched = """SELECT count(*) FROM observation o JOIN municipality m
                    ON o.municipality_id = m.id WHERE m.region_id != o.region_id"""
    assert _scalar(url, mismatched) == 0
    assert _scalar(url, "SELECT count(*) FROM municipality WHERE division = '2009'") == 119
    # One release and one source, both labelled; none of the seed's real figures.
    assert _scalar(url, "SELECT count(*) FROM release") == 1
    assert _scalar(url, "SELECT description FROM release").startswith("SYNTHETIC")
    synthetic_source = "SELECT count(DISTINCT source_id) FROM observation"
    assert _scalar(url, synthetic_source) == 1
    title = _scalar(url, "SELECT s.title FROM observation o JOIN source s ON o.source_id = s.id")
    assert title.startswith("SYNTHETIC / SINTĒTISKI DATI")
    # Whole calendar quarters only (the seed's periods are loaded as reference, but unused).
    in_other_periods = """SELECT count(*) FROM observation o JOIN period p
                          ON o.period_id = p.id WHERE p.months != 3"""
    assert _scalar(url, in_other_periods) == 0


def test_the_app_shows_the_synthetic_label_with_the_figures(tmp_path):
    env = _env(tmp_path)
    assert CliRunner(env=env).invoke(main, ["bench-data", "--rows", "500"]).exit_code == 0
    app = create_app(
        Config(database_url=env["DATABASE_URL"], secret_key="t", instance_path=tmp_path / "i")
    )
    try:
        client = app.server.test_client()
        rows = client.get("/api/v1/observations").get_json()
        # Every geography level is served: the municipal rows and the regions' own figures.
        assert sum(r["value"] for r in rows) == _scalar(
            env["DATABASE_URL"], "SELECT sum(value) FROM observation"
        )
        # The overview as a reader opens it: the source under every chart says SYNTHETIC.
        page = page_content(client, "/")
        assert page.status_code == 200
        text = json.dumps(page.get_json(), ensure_ascii=False)
        assert text.count("SYNTHETIC / SINTĒTISKI DATI") >= 3  # one per chart at least
        # The map has no year to shade (quarters only): it says so, it never answers a 500.
        deps = client.get("/_dash-dependencies").get_json()
        dep = next(d for d in deps if "map-graph.figure" in d["output"])
        values = {"map-filter-metric": None, "map-filter-period": None, "map-division": "2021"}
        values |= {"map-selected": None, "map-lang": "en"}
        body = {
            "output": dep["output"],
            "outputs": dash_outputs(dep["output"]),
            "inputs": [{**i, "value": values[i["id"]]} for i in dep["inputs"]],
            "state": [{**x, "value": values[x["id"]]} for x in dep["state"]],
            "changedPropIds": ["map-lang.data"],
        }
        answer = client.post(
            "/_dash-update-component", data=json.dumps(body), content_type="application/json"
        )
        assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
        assert "The map shows no figures for this selection." in answer.get_data(as_text=True)
    finally:
        get_db(app.server).dispose()


def test_refuses_a_database_with_real_data_and_writes_nothing(tmp_path):
    runner = CliRunner(env=_env(tmp_path))
    assert runner.invoke(main, ["init-db"]).exit_code == 0
    url = _env(tmp_path)["DATABASE_URL"]
    before = _scalar(url, "SELECT count(*) FROM observation")
    result = runner.invoke(main, ["bench-data", "--rows", "100"])
    assert result.exit_code == 1
    assert "Refused: this database already holds releases" in result.output
    assert "Nothing was written" in result.output
    # The seed table's 45 figures (release 1) and the dossier's 114 (releases 2–37).
    assert _scalar(url, "SELECT count(*) FROM observation") == before == 45 + 114
    assert _scalar(url, "SELECT count(*) FROM release") == 37
    # Nor a second synthetic batch on top of the first.
    second = CliRunner(env=_env(tmp_path, "other.db"))
    assert second.invoke(main, ["bench-data", "--rows", "100"]).exit_code == 0
    assert second.invoke(main, ["bench-data", "--rows", "100"]).exit_code == 1


@pytest.mark.parametrize("rows", ["0", "-5", "1000001", "many"])
def test_refuses_a_bad_row_count(tmp_path, rows):
    result = CliRunner(env=_env(tmp_path)).invoke(main, ["bench-data", "--rows", rows])
    assert result.exit_code == 2
    assert "Invalid value for '--rows'" in result.output
    assert not (tmp_path / "bench.db").exists()


def test_the_same_seed_gives_the_same_figures(tmp_path):
    totals = []
    for name in ("a.db", "b.db"):
        env = _env(tmp_path, name)
        assert CliRunner(env=env).invoke(main, ["bench-data", "--rows", "300"]).exit_code == 0
        totals.append(
            _scalar(env["DATABASE_URL"], "SELECT group_concat(value, ',') FROM observation")
        )
    assert totals[0] == totals[1]
