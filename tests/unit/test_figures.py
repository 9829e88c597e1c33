"""Chart builders, table alternatives and summaries, on a small hand-built frame.

The frame has the columns of :func:`dashboard.queries.observations` and uses the seed's real
2018 / 2019 / 2020 periods (10, 12 and 6 months long) for three regions.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures import overview as fig
from dashboard.i18n import t
from dashboard.queries import OBSERVATION_COLUMNS

PERIODS = [
    # code, label lv, label en, start, end, months, partial
    ("2018-03..2018-12", "2018. gads (mar.–dec.)", "2018 (Mar–Dec)", (2018, 3, 1), (2018, 12, 31)),
    ("2019", "2019. gads", "2019", (2019, 1, 1), (2019, 12, 31)),
    ("2020-01..2020-06", "2020. gads (jan.–jūn.)", "2020 (Jan–Jun)", (2020, 1, 1), (2020, 6, 30)),
]
MONTHS = {"2018-03..2018-12": (10, True), "2019": (12, False), "2020-01..2020-06": (6, True)}
REGIONS = [
    ("kurzeme", "Kurzeme", "Kurzeme"),
    ("latgale", "Latgale", "Latgale"),
    ("riga", "Rīga", "Riga"),
]
VALUES = {
    # (period, region): (families, offers)
    ("2018-03..2018-12", "kurzeme"): (33, 393),
    ("2018-03..2018-12", "latgale"): (38, 564),
    ("2018-03..2018-12", "riga"): (51, 278),
    ("2019", "kurzeme"): (47, 365),
    ("2019", "latgale"): (64, 890),
    ("2019", "riga"): (33, 1398),
    ("2020-01..2020-06", "kurzeme"): (30, 337),
    ("2020-01..2020-06", "latgale"): (63, 322),
    ("2020-01..2020-06", "riga"): (54, 387),
}
FAMILIES_LV = fig.MetricInfo(code="families_returned", name="Ģimenes atgriezušās", unit="ģimenes")
FAMILIES_EN = fig.MetricInfo(code="families_returned", name="Families returned", unit="families")
OFFERS_LV = fig.MetricInfo(code="offers_prepared", name="Piedāvājumi", unit="piedāvājumi")
OFFERS_EN = fig.MetricInfo(code="offers_prepared", name="Offers", unit="offers")


def _info(lang: str, metric: str = "families_returned") -> fig.MetricInfo:
    if metric == "offers_prepared":
        return OFFERS_EN if lang == "en" else OFFERS_LV
    return FAMILIES_EN if lang == "en" else FAMILIES_LV


@pytest.fixture
def frame() -> pd.DataFrame:
    rows = []
    for code, label_lv, label_en, start, end in PERIODS:
        months, partial = MONTHS[code]
        for region, name_lv, name_en in REGIONS:
            families, offers = VALUES[(code, region)]
            for metric, value in (("families_returned", families), ("offers_prepared", offers)):
                rows.append(
                    (
                        code,
                        label_lv,
                        label_en,
                        dt.date(*start),
                        dt.date(*end),
                        months,
                        partial,
                        region,
                        name_lv,
                        name_en,
                        metric,
                        value,
                    )
                )
    df = pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)
    df["value"] = df["value"].astype("int64")
    return df


def prepared(frame, lang="lv", per_month=False, metric="families_returned"):
    return fig.prepare(frame, metric, per_month, lang)


# --- prepare / per month -----------------------------------------------------------------------


def test_prepare_keeps_one_metric(frame):
    df = prepared(frame)
    assert len(df) == 9
    assert set(df["metric"]) == {"families_returned"}
    assert list(df["shown"]) == [float(VALUES[(p, r)][0]) for p, *_ in PERIODS for r, *_ in REGIONS]


def test_per_month_divides_by_the_period_length(frame):
    df = prepared(frame, per_month=True).set_index(["period", "region"])
    assert df.loc[("2018-03..2018-12", "kurzeme"), "shown"] == pytest.approx(3.3)  # 33 / 10
    assert df.loc[("2019", "latgale"), "shown"] == pytest.approx(64 / 12)
    assert df.loc[("2020-01..2020-06", "riga"), "shown"] == pytest.approx(9.0)  # 54 / 6
    # The raw value is kept for shares and totals.
    assert df.loc[("2018-03..2018-12", "kurzeme"), "value"] == 33


def test_per_month_figure_and_table(frame):
    df = prepared(frame, per_month=True)
    figure = go.Figure(fig.regions_by_period_figure(df, FAMILIES_LV, True, "lv"))
    kurzeme = next(tr for tr in figure.data if tr.name == "Kurzeme")
    assert list(kurzeme.y) == pytest.approx([3.3, 47 / 12, 5.0])
    table = fig.values_table(df, FAMILIES_LV, True, "lv")
    assert table.rows[0][1] == "3,3"
    assert (
        fig.values_table(prepared(frame, "en", True), FAMILIES_EN, True, "en").rows[0][1] == "3.3"
    )


# --- figures -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "build",
    [
        lambda df, info, lang: go.Figure(fig.regions_by_period_figure(df, info, False, lang)),
        lambda df, info, lang: go.Figure(fig.trend_figure(df, info, False, lang)),
        lambda df, info, lang: go.Figure(fig.share_figure(df, info, lang)),
    ],
    ids=["regions", "trend", "share"],
)
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_one_trace_per_region(frame, build, lang):
    figure = build(prepared(frame, lang), _info(lang), lang)
    names = [tr.name for tr in figure.data]
    expected = ["Kurzeme", "Latgale", "Rīga" if lang == "lv" else "Riga"]
    assert names == expected


def test_one_region_gives_one_trace(frame):
    df = prepared(frame[frame["region"] == "latgale"])
    figure = go.Figure(fig.regions_by_period_figure(df, FAMILIES_LV, False, "lv"))
    assert len(figure.data) == 1
    assert list(figure.data[0].y) == [38.0, 64.0, 63.0]


def test_partial_periods_are_labelled_lv(frame):
    figure = go.Figure(
        fig.regions_by_period_figure(prepared(frame, "lv"), FAMILIES_LV, False, "lv")
    )
    labels = list(figure.data[0].x)
    assert labels == [
        "2018<br>(mar.–dec.)<br>10 mēn., daļējs",
        "2019<br>12 mēn.",
        "2020<br>(jan.–jūn.)<br>6 mēn., daļējs",
    ]


def test_partial_periods_are_labelled_en(frame):
    figure = go.Figure(fig.trend_figure(prepared(frame, "en"), FAMILIES_EN, False, "en"))
    labels = list(figure.data[0].x)
    assert labels == [
        "2018<br>(Mar–Dec)<br>10 months, part year",
        "2019<br>12 months",
        "2020<br>(Jan–Jun)<br>6 months, part year",
    ]


@pytest.mark.parametrize(
    ("lang", "per_month", "unit"),
    [
        ("lv", False, " ģimenes<extra>"),
        ("en", False, " families<extra>"),
        ("lv", True, " ģimenes mēnesī<extra>"),
        ("en", True, " families per month<extra>"),
    ],
)
def test_hover_templates_carry_the_unit(frame, lang, per_month, unit):
    df = prepared(frame, lang, per_month)
    for figure in (
        go.Figure(fig.regions_by_period_figure(df, _info(lang), per_month, lang)),
        go.Figure(fig.trend_figure(df, _info(lang), per_month, lang)),
    ):
        for trace in figure.data:
            assert unit in trace.hovertemplate
    share = go.Figure(fig.share_figure(df, _info(lang), lang))
    assert all(_info(lang).unit in tr.hovertemplate for tr in share.data)


def test_axis_title_and_separators_follow_the_language(frame):
    lv = go.Figure(
        fig.regions_by_period_figure(prepared(frame, "lv", True), FAMILIES_LV, True, "lv")
    )
    en = go.Figure(
        fig.regions_by_period_figure(prepared(frame, "en", True), FAMILIES_EN, True, "en")
    )
    assert lv.layout.yaxis.title.text == "ģimenes mēnesī"
    assert en.layout.yaxis.title.text == "families per month"
    assert lv.layout.separators == ",\u00a0"
    assert en.layout.separators == ".,"


def test_regions_use_distinct_colours_and_patterns(frame):
    figure = go.Figure(fig.regions_by_period_figure(prepared(frame), FAMILIES_LV, False, "lv"))
    colours = [tr.marker.color for tr in figure.data]
    patterns = [tr.marker.pattern.shape for tr in figure.data]
    assert len(set(colours)) == len(colours)
    assert len(set(patterns)) == len(patterns)
    trend = go.Figure(fig.trend_figure(prepared(frame), FAMILIES_LV, False, "lv"))
    symbols = [tr.marker.symbol for tr in trend.data]
    assert len(set(symbols)) == len(symbols)


# --- shares ------------------------------------------------------------------------------------


def test_shares_sum_to_100_per_period(frame):
    data = fig.shares(prepared(frame))
    for _, part in data.groupby("period"):
        assert part["share"].sum() == pytest.approx(100.0)
    row = data.set_index(["period", "region"]).loc[("2018-03..2018-12", "riga")]
    assert row["share"] == pytest.approx(51 / (33 + 38 + 51) * 100)


def test_shares_do_not_depend_on_per_month(frame):
    total = fig.shares(prepared(frame, per_month=False))["share"].tolist()
    per_month = fig.shares(prepared(frame, per_month=True))["share"].tolist()
    assert total == pytest.approx(per_month)


def test_shares_of_a_zero_total_are_zero(frame):
    zero = frame.assign(value=0)
    data = fig.shares(prepared(zero))
    assert data["share"].tolist() == [0.0] * 9


def test_share_figure_stacks_to_100(frame):
    figure = go.Figure(fig.share_figure(prepared(frame, "en"), FAMILIES_EN, "en"))
    assert figure.layout.barmode == "stack"
    per_period = [sum(tr.x[i] for tr in figure.data) for i in range(3)]
    assert per_period == pytest.approx([100.0, 100.0, 100.0])
    assert figure.data[0].text[0] == "27%"  # Kurzeme 33 of 122 in 2018


# --- table alternatives ------------------------------------------------------------------------


def test_values_table_lv(frame):
    table = fig.values_table(
        prepared(frame, "lv", metric="offers_prepared"), OFFERS_LV, False, "lv"
    )
    assert table.columns == ["Periods", "Kurzeme", "Latgale", "Rīga"]
    assert table.rows == [
        ["2018. gads (mar.–dec.), 10 mēn., daļējs", "393", "564", "278"],
        ["2019. gads, 12 mēn.", "365", "890", "1\u00a0398"],
        ["2020. gads (jan.–jūn.), 6 mēn., daļējs", "337", "322", "387"],
    ]


def test_values_table_en(frame):
    table = fig.values_table(
        prepared(frame, "en", metric="offers_prepared"), OFFERS_EN, False, "en"
    )
    assert table.columns == ["Period", "Kurzeme", "Latgale", "Riga"]
    assert table.rows[1] == ["2019, 12 months", "365", "890", "1,398"]


def test_values_table_matches_the_figure(frame):
    df = prepared(frame, "en", True)
    figure = go.Figure(fig.regions_by_period_figure(df, FAMILIES_EN, True, "en"))
    table = fig.values_table(df, FAMILIES_EN, True, "en")
    for col, trace in enumerate(figure.data, start=1):
        assert [row[col] for row in table.rows] == [f"{y:.1f}" for y in trace.y]


def test_values_table_marks_missing_values(frame):
    partial = frame.drop(frame[(frame["region"] == "riga") & (frame["period"] == "2019")].index)
    table = fig.values_table(prepared(partial), FAMILIES_LV, False, "lv")
    assert table.rows[1] == ["2019. gads, 12 mēn.", "47", "64", "–"]


def test_share_table(frame):
    lv = fig.share_table(prepared(frame, "lv"), "lv")
    en = fig.share_table(prepared(frame, "en"), "en")
    assert lv.columns == ["Periods", "Kurzeme", "Latgale", "Rīga"]
    assert lv.rows[0] == [
        "2018. gads (mar.–dec.), 10 mēn., daļējs",
        "27,0\u00a0%",
        "31,1\u00a0%",
        "41,8\u00a0%",
    ]
    assert en.rows[0] == ["2018 (Mar–Dec), 10 months, part year", "27.0%", "31.1%", "41.8%"]


# --- summaries ---------------------------------------------------------------------------------


def test_regions_summary_lv(frame):
    text = fig.regions_summary(prepared(frame, "lv"), FAMILIES_LV, False, "lv")
    assert text == (
        "Periodā 2020. gads (jan.–jūn.) no 3 izvēlētajiem reģioniem visvairāk bija Latgale: 63 "
        "(ģimenes), 43\u00a0% no kopsummas."
    )


def test_regions_summary_en(frame):
    text = fig.regions_summary(prepared(frame, "en"), FAMILIES_EN, False, "en")
    assert text == (
        "In 2020 (Jan–Jun), Latgale had the most of the 3 selected regions: 63 (families), "
        "43% of the total."
    )


def test_regions_summary_per_month(frame):
    text = fig.regions_summary(prepared(frame, "en", True), FAMILIES_EN, True, "en")
    assert "Latgale had the most" in text
    assert "10.5 (families per month)" in text  # 63 / 6


def test_regions_summary_top_region_depends_on_the_data(frame):
    df = prepared(frame, "lv", metric="offers_prepared")
    text = fig.regions_summary(df, OFFERS_LV, False, "lv")
    assert "visvairāk bija Rīga: 387" in text


def test_trend_summary(frame):
    lv = fig.trend_summary(prepared(frame, "lv"), FAMILIES_LV, False, "lv")
    en = fig.trend_summary(prepared(frame, "en"), FAMILIES_EN, False, "en")
    # Totals of a 10- and a 6-month period, each with its monthly rate so they compare fairly.
    assert lv == (
        "Izvēlētie reģioni kopā (ģimenes): 2018. gads (mar.–dec.) – 122 (10 mēn., 12,2 mēnesī); "
        "2020. gads (jan.–jūn.) – 147 (6 mēn., 24,5 mēnesī)."
    )
    assert en == (
        "The selected regions together (families): 2018 (Mar–Dec): 122 (10 months, 12.2 a "
        "month); 2020 (Jan–Jun): 147 (6 months, 24.5 a month)."
    )


def test_trend_summary_per_month(frame):
    en = fig.trend_summary(prepared(frame, "en", True), FAMILIES_EN, True, "en")
    assert en == (
        "The selected regions together, per month (families per month): 2018 (Mar–Dec): 12.2; "
        "2020 (Jan–Jun): 24.5."
    )


def test_trend_summary_single_period(frame):
    df = prepared(frame[frame["period"] == "2019"], "en")
    assert fig.trend_summary(df, FAMILIES_EN, False, "en") == (
        "The selected regions together in 2019: 144 (families)."
    )


def test_share_summary(frame):
    lv = fig.share_summary(prepared(frame, "lv"), "lv")
    en = fig.share_summary(prepared(frame, "en"), "en")
    # Latgale: 38 + 64 + 63 = 165 of 413 families
    assert lv == (
        "Visos 3 izvēlētajos periodos kopā lielākā daļa bija reģionam Latgale: 40\u00a0%."
    )
    assert en == "Over the 3 selected periods combined, Latgale had the largest share: 40%."


# --- no data -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_empty_frame_gives_an_empty_figure_with_a_note(frame, lang):
    df = prepared(frame.iloc[0:0], lang)
    assert df.empty
    no_data = t("There are no data for this selection.", lang)
    for figure in (
        go.Figure(fig.regions_by_period_figure(df, _info(lang), False, lang)),
        go.Figure(fig.trend_figure(df, _info(lang), True, lang)),
        go.Figure(fig.share_figure(df, _info(lang), lang)),
    ):
        assert len(figure.data) == 0
        assert [a.text for a in figure.layout.annotations] == [no_data]
        assert figure.layout.xaxis.visible is False
    assert fig.regions_summary(df, _info(lang), False, lang) == no_data
    assert fig.trend_summary(df, _info(lang), False, lang) == no_data
    assert fig.share_summary(df, lang) == no_data
    assert fig.values_table(df, _info(lang), False, lang).rows == []
    assert fig.share_table(df, lang).rows == []


def test_metric_without_rows_is_no_data(frame):
    df = prepared(frame, metric="people_returned")
    assert df.empty
    figure = go.Figure(fig.regions_by_period_figure(df, FAMILIES_LV, False, "lv"))
    assert len(figure.data) == 0
