"""What ``/about`` says about the data's limits, computed from the figures in effect
(dashboard/queries/coverage.py, dashboard/components/data_limits.py).

The seed alone is the ministry's 2020 table: five regions, 2018 (March–December), 2019 and the
first half of 2020, one source. The later rows are made-up TEST FIXTURES (``tests/source_rows.py``)
published through the real services: a quarter of 2025 for Latgale from two sources that
disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from component_tree import by_id, of_kind, text
from source_rows import OFFICIAL, PRESS_LATE, parsed, publish_rows

from dashboard import queries
from dashboard.components.data_limits import data_currency, data_limitations, period_kind_text
from dashboard.queries.coverage import Coverage, PeriodKind, period_kind

REGIONS = ("kurzeme", "latgale", "riga", "vidzeme", "zemgale")


@pytest.mark.parametrize(
    ("start", "end", "months", "kind"),
    [
        (dt.date(2019, 1, 1), dt.date(2019, 12, 31), 12, "year"),
        (dt.date(2020, 1, 1), dt.date(2020, 6, 30), 6, "half"),
        (dt.date(2018, 3, 1), dt.date(2018, 8, 31), 6, "part"),
        (dt.date(2025, 7, 1), dt.date(2025, 9, 30), 3, "quarter"),
        (dt.date(2025, 12, 1), dt.date(2025, 12, 31), 1, "month"),
        (dt.date(2018, 3, 1), dt.date(2018, 12, 31), 10, "part"),
        (dt.date(2018, 3, 1), dt.date(2022, 6, 30), 52, "multi"),
    ],
)
def test_period_kinds(start, end, months, kind):
    assert period_kind(start, end, months) == kind


@pytest.fixture
def ctx(app: Any, mutable_db: Any) -> Any:
    with app.server.app_context():
        yield mutable_db


def test_the_seed_table_covers_every_region_from_2018_to_2020(ctx):
    cov = queries.coverage()
    assert cov.years == (2018, 2019, 2020)
    assert cov.missing == ()
    assert cov.region_years == dict.fromkeys(REGIONS, (2018, 2019, 2020))
    assert [(k.kind, k.count, k.months_min, k.months_max) for k in cov.period_kinds] == [
        ("year", 1, 12, 12),
        ("half", 1, 6, 6),
        ("part", 1, 10, 10),
    ]
    assert (cov.sources, cov.sources_by_kind, cov.undated_sources) == (1, {"official": 1}, 0)
    assert (cov.figures, cov.unsourced_figures, cov.conflicts) == (45, 0, 0)
    assert cov.as_of == dt.date(2020, 8, 18)
    assert cov.release is not None and cov.release["number"] == 1
    words = text(data_limitations(cov, queries.regions(), "en"))
    assert "Every planning region published figures for every year from 2018 to 2020." in words
    assert "No two sources give different values for the same figure." in words
    assert text(data_currency(cov, "lv")).startswith("Dati uz 18.08.2020")


def test_later_sparse_figures_and_a_conflict_change_what_the_page_says(ctx):
    publish_rows([parsed("2025-Q3", region="latgale", value=7, source=OFFICIAL)])
    publish_rows([parsed("2025-Q3", region="latgale", value=9, source=PRESS_LATE)])
    cov = queries.coverage()
    assert cov.years == tuple(range(2018, 2026))
    others = tuple(r for r in REGIONS if r != "latgale")
    assert cov.missing == (
        *((year, REGIONS) for year in range(2021, 2025)),
        (2025, others),
    )
    assert {k.kind: k.count for k in cov.period_kinds} == {
        "year": 1,
        "half": 1,
        "quarter": 1,
        "part": 1,
    }
    assert cov.sources == 3 and cov.sources_by_kind == {"official": 2, "press": 1}
    assert cov.conflicts == 1
    assert cov.figures == 46  # one more cell; the press row is its second source
    assert cov.as_of == dt.date(2025, 11, 5)  # the press article, the newest publication
    latest = queries.latest_release()
    assert cov.release == latest and latest is not None and latest["number"] == 3

    limits = data_limitations(cov, queries.regions(), "en")
    missing = [text(li) for li in of_kind(by_id(limits, "data-missing-years"), "Li")]
    assert missing[0] == "2021: Kurzeme, Latgale, Riga, Vidzeme, Zemgale"
    assert missing[-1] == "2025: Kurzeme, Riga, Vidzeme, Zemgale"
    assert "published for the years 2018 to 2025, but not by every region" in text(limits)
    kinds = [text(li) for li in of_kind(by_id(limits, "data-period-kinds"), "Li")]
    assert kinds == [
        "1 calendar year: 2019",
        "1 half-year",
        "1 quarter",
        "1 other part of a year (10 months)",
    ]
    assert text(by_id(limits, "data-source-counts")) == (
        "The figures come from 3 publications (official: 2; press: 1; other websites: 0)."
    )
    assert text(by_id(limits, "data-conflict-count")).startswith(
        "For 1 figure, sources give different values."
    )
    lv = text(data_limitations(cov, queries.regions(), "lv"))
    assert "2025: Kurzeme, Rīga, Vidzeme, Zemgale" in lv
    assert "1 skaitlim avoti norāda atšķirīgas vērtības" in lv
    assert text(data_currency(cov, "en")).startswith("Data as of 5 Nov 2025: the newest")
    assert "Latest release: 3, published" in text(data_currency(cov, "en"))


def test_running_totals_and_empty_data_are_described():
    multi = PeriodKind("multi", 3, 20, 70, running_totals=2)
    assert period_kind_text(multi, "en") == (
        "3 periods of several years (20–70 months); 2 of them running totals since March 2018"
    )
    assert period_kind_text(multi, "lv") == (
        "3 vairāku gadu periodi (20–70 mēneši); no tiem 2 – kopsummas kopš 2018. gada marta"
    )
    empty = Coverage()
    assert text(data_currency(empty, "en")) == "No figures have been published yet."
    words = text(data_limitations(empty, [], "en"))
    assert "publications" not in words and "2018" not in words
