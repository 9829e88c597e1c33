"""The funding cards (dashboard/components/funding_cards.py) and the embeds built on them
(dashboard/components/embed_view.py), from plain funding rows: no database, no HTTP."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from component_tree import by_id, ids, links, of_kind, prop, text

from dashboard.components.embed_view import (
    FUNDING_EMBEDS,
    back_link,
    funding_embed,
    map_embed,
    overview_embed,
    unknown_embed,
)
from dashboard.components.funding_cards import (
    funding_caption,
    funding_chart_card,
    funding_data_links,
    funding_details,
    impulss_card,
    pilot_duration,
)
from dashboard.components.map_view import MapView
from dashboard.components.overview_charts import OverviewChart, OverviewCharts
from dashboard.figures import funding as ff
from dashboard.figures.overview import ChartTable

NBSP = "\u00a0"
SOURCE = {
    "publisher": "VARAM",
    "title": "Reģionālais remigrācijas atbalsts",
    "url": "https://varam.example.lv/r",
    "published_on": dt.date(2020, 8, 18),
}
ROWS = [
    {
        "code": "pilot",
        "parent_code": None,
        "title_lv": "Pilotprojekts",
        "title_en": "Pilot project",
        "amount_eur": Decimal("10000.00"),
        "share_pct": None,
        "period_end": dt.date(2018, 12, 31),
        "source": SOURCE,
    },
    {
        "code": "pilot-state",
        "parent_code": "pilot",
        "title_lv": "Valsts",
        "title_en": "State",
        "amount_eur": Decimal("7000.00"),
        "share_pct": Decimal("70"),
        "source": SOURCE,
    },
    {
        "code": "pilot-city",
        "parent_code": "pilot",
        "title_lv": "Pilsēta",
        "title_en": "City",
        "amount_eur": None,
        "share_pct": Decimal("30"),
        "source": SOURCE,
    },
]
IMPULSS = {
    "code": "impulss-grant-cap",
    "title_lv": "Grantu programmas “Impulss” atbalsts",
    "title_en": "“Impulss” grant",
    "amount_eur": Decimal("7000"),
    "source": {"publisher": "Daugavpils", "title": "Impulss"},
}


def data(lang: str = "en") -> ff.Breakdown:
    return ff.breakdown(ROWS, "pilot", lang)


def test_caption_names_the_unit():
    assert funding_caption("Pilot project", "en") == "Pilot project. Unit: euro (EUR)."


def test_data_links_offer_this_breakdown_then_the_whole_table():
    assert funding_data_links("pilot", "en") == [
        ("CSV – this view", "/download/funding.csv?code=pilot"),
        ("XLSX – this view", "/download/funding.xlsx?code=pilot"),
        ("CSV – full dataset", "/download/funding.csv"),
        ("XLSX – full dataset", "/download/funding.xlsx"),
    ]


def test_details_hold_summary_table_and_source_but_no_release():
    details = funding_details(data(), "Pilot project", "en", note="A note.")
    shown = text(details)
    assert "Pilot project. Unit: euro (EUR)." in shown  # the table's caption
    assert "State" in shown and "City" in shown
    assert "Source: VARAM, Reģionālais remigrācijas atbalsts ( 18 Aug 2020 )" in shown
    assert "Data as of 18 Aug 2020" in shown
    assert "A note." in shown
    assert "Release" not in shown


def test_the_card_carries_the_ids_and_tools_of_its_chart():
    card = funding_chart_card(
        "pilot-chart", "lv", "Pilotprojekts", data("lv"), None, "EXTRA", embed="pilot"
    )
    assert prop(card, "id") == "pilot-chart-card"
    named = {i for i in ids(card) if isinstance(i, str)}  # (copy buttons have dict ids)
    assert {"pilot-chart-title", "pilot-chart-graph", "pilot-chart-details"} <= named
    assert "EXTRA" in text(card)
    hrefs = [href for _, href in links(card)]
    assert "/download/funding.csv?code=pilot" in hrefs


def test_pilot_duration_only_with_an_end_date():
    assert text(pilot_duration(ROWS[0], "lv")) == (
        "Ilgums: no vienošanās parakstīšanas līdz 31.12.2018."
    )
    assert pilot_duration({**ROWS[0], "period_end": None}, "lv") is None


@pytest.mark.parametrize(("lang", "amount"), [("lv", f"7{NBSP}000{NBSP}€"), ("en", "€7,000")])
def test_impulss_card_shows_the_cap_in_the_language(lang, amount):
    card = impulss_card(IMPULSS, lang)
    assert prop(card, "id") == "impulss-card"
    assert text(by_id(card, "impulss-amount")) == amount
    assert amount in text(of_kind(card, "P")[1])
    assert text(of_kind(card, "P")[2]).endswith("Daugavpils: Impulss")


def test_impulss_card_without_a_source_still_renders():
    assert "impulss-amount" in ids(impulss_card({**IMPULSS, "source": None}, "en"))


# --- embeds ------------------------------------------------------------------------------------


def test_back_link_opens_the_interactive_view_in_a_new_tab():
    link = of_kind(back_link("en", "/map", "metric=x&lang=en"), "A")[0]
    assert (prop(link, "href"), prop(link, "target")) == ("/map?metric=x&lang=en", "_blank")


def test_funding_embed_matches_the_page_s_details_and_links_back():
    children = funding_embed(data(), "Pilot project", "en")
    assert text(by_id(children, "embed-title")) == "Pilot project"
    assert "embed-graph" in ids(children)
    assert text(funding_details(data(), "Pilot project", "en")) in text(children)
    assert links(children)[-1][1] == "/funding?lang=en"


def test_funding_embeds_are_the_page_s_two_breakdowns():
    assert FUNDING_EMBEDS == {
        "budget": ("budget-2020", "2020 state budget by category"),
        "pilot": ("daugavpils-pilot", "Daugavpils pilot project: who paid"),
    }


def test_overview_embed_shows_one_chart_and_links_back_to_the_same_view():
    table = ChartTable(columns=["Period", "Latgale"], rows=[["2019", "12"]])
    chart = OverviewChart(
        "trend-chart", "trend", "Trend", {"data": []}, "It rose.", table, "", sources=[]
    )
    built = OverviewCharts(
        unit="families", period="2019", sources=[], release=None, charts=[chart],
        view=None, cards=[], per_month_help="", metric_options=[],
    )  # fmt: skip
    children = overview_embed(built, chart, "en", "metric=families_returned&lang=en")
    assert text(by_id(children, "embed-title")) == "Trend"
    assert "It rose." in text(children)
    assert links(children)[-1][1] == "/?metric=families_returned&lang=en"


def test_map_embed_shows_legend_map_details_and_links_back():
    view = MapView(
        title="Families – 2019",
        figure={"data": []},
        legend=["LEGEND"],
        details=["DETAILS"],
        unit="families",
        sources=[],
        release=None,
        period="2019",
    )
    children = map_embed(view, "lv", "metric=x")
    assert text(children).startswith("Families – 2019 LEGEND DETAILS")
    assert links(children)[-1][1] == "/map?metric=x"


def test_an_unknown_embed_names_the_available_ones():
    shown = unknown_embed(["overview", "map"], "en")
    assert text(by_id(shown, "embed-unknown")) == (
        "There is no such embeddable chart. Available: overview, map."
    )
