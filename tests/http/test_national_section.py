"""The overview's "Latvia as a whole" section over HTTP, as a browser receives it.

With the real record loaded (seed and dossier, as ``remigration serve`` loads them), ``GET /``
in Latvian and English must carry the people-returned chart with the target as a reference line
over the target's years and the 2024 progress sentence, both derived here from the database
(the target measure's row and the national 2024 figure), not typed in. With the seed alone
(regional figures, no national ones) the section must still be there and say that no national
figure was published.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import sqlalchemy as sa
from support import expand_static_sections, page_content

from dashboard.config import Config
from dashboard.db import models as m
from dashboard.db.session import Database
from dashboard.i18n.formatting import format_number, format_percent

CHART = "national-people-returned"


def _national(config: Config, metric: str) -> list[tuple[int, dt.date, dt.date]]:
    """(value, start, end) of the preferred-or-only national rows of ``metric`` in effect."""
    database = Database(config)
    try:
        with database.session() as session:
            rows = session.execute(
                sa.select(m.Observation.value, m.Period.start_date, m.Period.end_date)
                .join(m.Period, m.Observation.period_id == m.Period.id)
                .join(m.Metric, m.Observation.metric_id == m.Metric.id)
                .where(
                    m.Metric.code == metric,
                    m.Observation.geo_level == "national",
                    m.Observation.superseded_by_release_id.is_(None),
                )
            ).all()
            return sorted({(int(v), s, e) for v, s, e in rows}, key=lambda r: r[1])
    finally:
        database.dispose()


def _unit(config: Config, metric: str, lang: str) -> str:
    database = Database(config)
    try:
        with database.session() as session:
            found = session.scalars(sa.select(m.Metric).where(m.Metric.code == metric)).one()
            return found.unit_lv if lang == "lv" else found.unit_en
    finally:
        database.dispose()


def _walk(node: Any) -> Iterator[dict]:
    if isinstance(node, dict):
        if "props" in node and "type" in node:
            yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _by_id(tree: Any, component_id: str) -> dict:
    found = [c for c in _walk(tree) if c["props"].get("id") == component_id]
    assert len(found) == 1, f"{component_id!r} found {len(found)} times"
    return found[0]


def _texts(node: Any) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, dict):
        return " ".join(_texts(v) for v in node.values())
    if isinstance(node, list):
        return " ".join(_texts(v) for v in node)
    return ""


def _numbers(values: Any) -> list[float | None]:
    """Plotly may ship numeric arrays base64-encoded (``{"dtype", "bdata"}``)."""
    if isinstance(values, dict):
        data = np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"]))
        return [float(v) for v in data]
    return [None if v is None else float(v) for v in values]


def _overview(client: Any, lang: str) -> Any:
    page = client.get(f"/?lang={lang}")
    assert page.status_code == 200
    response = page_content(client, "/", f"?lang={lang}")
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return expand_static_sections(response.get_json()["response"]["_pages_content"]["children"])


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_overview_draws_the_target_line_and_states_progress_from_the_database(
    record_client: Any, record_config: Config, lang: str
) -> None:
    ((target, start, end),) = _national(record_config, "target_people_returned_per_year")
    years = [str(y) for y in range(start.year, end.year + 1)]
    content = _overview(record_client, lang)

    figure = _by_id(content, f"{CHART}-graph")["props"]["figure"]
    lines = [tr for tr in figure["data"] if _numbers(tr["y"]) == [float(target)] * len(years)]
    assert [tr["x"] for tr in lines] == [years], "one target line over the target's years"
    assert format_number(target, lang) in lines[0]["name"]

    first_year = dt.date(start.year, 1, 1), dt.date(start.year, 12, 31)
    (published,) = [
        v for v, s, e in _national(record_config, "people_returned") if (s, e) == first_year
    ]
    unit = _unit(record_config, "people_returned", lang)
    share = format_percent(published / target * 100, lang)
    expected = {
        "lv": f"{start.year}: {format_number(published, 'lv')} {unit}, {share} no mērķa "
        f"({format_number(target, 'lv')}).",
        "en": f"{start.year}: {format_number(published, 'en')} {unit}, {share} of the "
        f"{format_number(target, 'en')} target.",
    }[lang]
    details = _texts(_by_id(content, f"{CHART}-details"))
    assert expected in details
    heading = {"lv": "Latvija kopumā", "en": "Latvia as a whole"}[lang]
    assert heading in _texts(_by_id(content, "national-heading"))


@pytest.mark.parametrize(
    ("lang", "message"),
    [("lv", "Valsts kopskaits nav publicēts"), ("en", "No national figure published")],
)
def test_with_the_seed_alone_the_section_says_no_national_figure_was_published(
    make_app: Any, seed_only_config: Config, lang: str, message: str
) -> None:
    assert _national(seed_only_config, "people_returned") == []
    content = _overview(make_app(seed_only_config).server.test_client(), lang)
    for chart in (
        "national-people-returned",
        "national-offers-prepared",
        "national-families-returned",
    ):
        assert message in _texts(_by_id(content, f"{chart}-details"))
        figure = _by_id(content, f"{chart}-graph")["props"]["figure"]
        published = figure["data"][0]
        assert published["connectgaps"] is False
        assert all(v is None for v in published["y"])  # nothing drawn as 0
