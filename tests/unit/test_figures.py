"""The overview's charts, tables and summaries on sparse data (``figures/series_view.py``,
``figures/overview.py``, ``figures/overview_text.py``), from a small hand-built frame.

The frame has the columns of :func:`dashboard.queries.observations`; its values are made up for
the rules (every region in 2018 and 2024, some in between, one alone in 2025), in the shape of
the real record: sparse regional years with gaps.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures import overview as fig
from dashboard.figures import overview_text as text
from dashboard.figures.series_view import coverage_text, series_view
from dashboard.queries import OBSERVATION_COLUMNS

D = dt.date
REGIONS = [
    ("kurzeme", "Kurzeme"),
    ("latgale", "Latgale"),
    ("riga", "Rīga"),
    ("vidzeme", "Vidzeme"),
    ("zemgale", "Zemgale"),
]
CODES = [c for c, _ in REGIONS]
PERIODS = {
    # code: (start, end, months)
    "2018-03..2018-12": (D(2018, 3, 1), D(2018, 12, 31), 10),
    "2019": (D(2019, 1, 1), D(2019, 12, 31), 12),
    "2020-01..2020-06": (D(2020, 1, 1), D(2020, 6, 30), 6),
    "2021-01..2021-09": (D(2021, 1, 1), D(2021, 9, 30), 9),
    "2022": (D(2022, 1, 1), D(2022, 12, 31), 12),
    "2024": (D(2024, 1, 1), D(2024, 12, 31), 12),
    "2025": (D(2025, 1, 1), D(2025, 12, 31), 12),
}
VALUES = {
    **{("2018-03..2018-12", r): 10 + i for i, r in enumerate(CODES)},
    **{("2019", r): 20 + i for i, r in enumerate(CODES[:3])},
    **{("2020-01..2020-06", r): 5 for r in CODES},  # a half-year: not in the year view
    ("2021-01..2021-09", "vidzeme"): 7,  # nine months: in no view but its own
    ("2022", "kurzeme"): 40,
    **{("2024", r): 30 + i for i, r in enumerate(CODES)},
    ("2025", "vidzeme"): 50,
}
INFO = {
    "en": fig.MetricInfo("people_returned", "People returned", "persons"),
    "lv": fig.MetricInfo("people_returned", "Atgriezušies cilvēki", "cilvēki"),
}


def _frame() -> pd.DataFrame:
    rows = []
    for (period, region), value in VALUES.items():
        start, end, months = PERIODS[period]
        name = dict(REGIONS)[region]
        rows.append(
            (period, period, period, start, end, months, months < 12, region, name, name,
             "people_returned", value)
        )  # fmt: skip
    return pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)


def view(lang="en", regions=REGIONS, granularity="year", per_month=False, to=2025):
    return series_view(
        _frame(), "people_returned", list(regions), granularity, D(2018, 1, 1),
        D(to, 12, 31), per_month, lang,
    )  # fmt: skip


def _ys(figure, name):
    trace = next(tr for tr in figure["data"] if tr["name"] == name)
    return trace["y"]


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_every_year_of_the_range_is_on_the_axis_and_a_missing_value_is_none(lang):
    v = view(lang)
    for figure in (fig.regions_by_period_figure(v, INFO[lang]), fig.trend_figure(v, INFO[lang])):
        go.Figure(figure)  # validates every trace property
        for trace in figure["data"]:
            assert [x.split("<br>")[0] for x in trace["x"]] == [str(y) for y in range(2018, 2026)]
        # Kurzeme: 2018, 2019, no 2020 (only a half-year), no 2021, 2022, no 2023, 2024, no 2025.
        assert _ys(figure, "Kurzeme") == [10.0, 20.0, None, None, 40.0, None, 30.0, None]
        assert _ys(figure, "Vidzeme") == [13.0, None, None, None, None, None, 33.0, 50.0]
        assert 0 not in _ys(figure, "Zemgale")


def test_lines_are_never_bridged_over_a_gap():
    figure = fig.trend_figure(view(), INFO["en"])
    for trace in figure["data"]:
        assert trace["connectgaps"] is False
        assert trace["mode"] == "lines+markers"  # a lone year still shows as a marker


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "no data published"), ("lv", "dati nav publicēti")]
)
def test_a_slot_nobody_published_for_says_so_on_the_chart(lang, words):
    figure = fig.regions_by_period_figure(view(lang), INFO[lang])
    labels = figure["data"][0]["x"]
    notes = {labels[a["x"]].split("<br>")[0] for a in figure["layout"]["annotations"]}
    assert notes == {"2020", "2021", "2023"}
    assert {a["text"] for a in figure["layout"]["annotations"]} == {words}


def test_the_share_chart_shows_only_periods_in_which_every_selected_region_reported():
    v = view()
    figure = fig.share_figure(v, INFO["en"])
    go.Figure(figure)
    for trace in figure["data"]:
        assert [y.split("<br>")[0] for y in trace["y"]] == ["2018", "2024"]
    # No period where one region is 100 % while the others are missing.
    for i in range(2):
        assert sum(trace["x"][i] for trace in figure["data"]) == pytest.approx(100)
        assert all(trace["x"][i] < 100 for trace in figure["data"])
    note = fig.share_note(v)
    assert "2019, 2022, 2025" in note and "not every selected region published figures" in note
    assert [row[0] for row in fig.share_table(v).rows] == ["2018 (Mar–Dec), part year", "2024"]


def test_with_one_region_selected_its_chart_names_it_in_the_legend():
    v = view(regions=[("vidzeme", "Vidzeme")])
    for figure in (fig.regions_by_period_figure(v, INFO["en"]), fig.trend_figure(v, INFO["en"])):
        assert figure["layout"]["showlegend"] is True
        assert [tr["name"] for tr in figure["data"]] == ["Vidzeme"]
        assert all(tr["showlegend"] for tr in figure["data"])


def test_the_table_has_every_year_with_a_dash_for_no_data_and_who_reported():
    table = fig.values_table(view(), INFO["en"])
    assert table.columns == [
        "Period",
        "Kurzeme",
        "Latgale",
        "Rīga",
        "Vidzeme",
        "Zemgale",
        "Reported",
    ]
    rows = {row[0]: row[1:] for row in table.rows}
    assert list(rows) == ["2018 (Mar–Dec), part year", *(str(y) for y in range(2019, 2026))]
    assert rows["2023"] == ["–", "–", "–", "–", "–", "0 of 5"]
    assert rows["2025"] == ["–", "–", "–", "50", "–", "1 of 5"]


@pytest.mark.parametrize(
    ("lang", "also"), [("en", "also published: 39, Latgale Planning Region, 2023"),
                       ("lv", "publicēts arī: 39, Latgale Planning Region, 2023")]
)  # fmt: skip
def test_a_conflicting_source_is_shown_in_the_cell(lang, also):
    conflicts = {("2024", "latgale"): [(39, "Latgale Planning Region", "2023")]}
    table = fig.values_table(view(lang), INFO[lang], conflicts)
    row = next(r for r in table.rows if r[0] == "2024")
    assert row[2] == f"31 ({also})"


def test_coverage_text_counts_the_selection():
    v = view()
    slots = {s.key: s for s in v.slots}
    assert coverage_text(v, slots["2024"]) == "2024: all 5 selected regions reported"
    assert coverage_text(v, slots["2019"]) == "2019: 3 of 5 selected regions reported"
    assert coverage_text(v, slots["2023"]) == "2023: no data published"
    lv = view("lv")
    assert coverage_text(lv, {s.key: s for s in lv.slots}["2019"]) == (
        "2019: datus publicēja 3 no 5 atlasītajiem reģioniem"
    )


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_summaries_never_speak_of_one_selected_region_when_five_are_selected(lang):
    v = view(lang)
    summary = text.regions_summary(v, INFO[lang])
    assert "Vidzeme" in summary and "5" in summary
    assert "1 selected region" not in summary and "1 atlasīt" not in summary
    if lang == "en":
        assert summary.startswith("2025: only Vidzeme of the 5 selected regions published figures")
        assert (
            "The latest period in which every selected region published figures: 2024." in summary
        )


def test_the_trend_summary_compares_only_periods_with_every_region():
    summary = text.trend_summary(view(), INFO["en"])
    # 2018: 10+11+12+13+14 = 60; 2024: 30+…+34 = 160; 2025 (Vidzeme alone) is not compared.
    assert summary == (
        "The 5 selected regions together, in the 2 periods in which all of them published "
        "figures: 2018 (Mar–Dec), part year: 60; 2024: 160 (persons)."
    )
    none = series_view(
        _frame()[_frame()["period"] == "2019"], "people_returned", REGIONS, "year",
        D(2019, 1, 1), D(2019, 12, 31), False, "en",
    )  # fmt: skip
    assert "In no period did all 5 selected regions publish figures" in text.trend_summary(
        none, INFO["en"]
    )


def test_the_share_summary_uses_only_complete_periods():
    assert text.share_summary(view()) == (
        "Over the 2 periods in which every selected region published figures, Zemgale had the "
        "largest share: 22%."
    )


def test_per_month_divides_each_value_by_its_own_period():
    v = view(per_month=True)
    figure = fig.trend_figure(v, INFO["en"])
    assert _ys(figure, "Kurzeme")[:2] == [pytest.approx(1.0), pytest.approx(20 / 12)]
    half = view(granularity="half", per_month=True)
    assert _ys(fig.trend_figure(half, INFO["en"]), "Kurzeme")[4] == pytest.approx(5 / 6)


def _contrast(a: str, b: str) -> float:
    from dashboard.figures.style import _luminance

    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_share_chart_labels_read_on_every_region_colour():
    """The share bars carry 12 px percentages: each region's label colour has at least the
    4.5:1 contrast WCAG asks of small text on that region's bar (white on vermillion, green or
    pink would be 3.1-3.9:1)."""
    from dashboard.figures.style import REGION_COLOURS, text_on

    for code, colour in REGION_COLOURS.items():
        assert _contrast(text_on(colour), colour) >= 4.5, (code, colour, text_on(colour))
    assert text_on("#D55E00") == "#000000" and text_on("#0072B2") == "#ffffff"
