"""Funding breakdowns (dashboard.figures.funding): amounts computed from shares to the cent, the
100 % check, the bar chart, its table alternative and summary, in Latvian and English.

The rows are the seed's ``funding.csv`` shaped like :func:`dashboard.queries.funding` returns
them (Decimals, ``None`` for empty cells, ``parent_code`` resolved); one test also reads them
through the real query layer.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from dashboard.db.seed import read_csv
from dashboard.figures import funding as ff

SEED_DIR = Path(__file__).resolve().parents[2] / "data" / "seed"
NBSP = "\u00a0"

BUDGET_LV = [
    "Atbalsts saimnieciskajai darbībai",
    "Reģionālo koordinatoru darbības nodrošināšana",
    "Remigrācijas sekmēšanas pakalpojumu pašvaldībās nodrošināšana",
    "Administrēšanas izmaksas",
]
BUDGET_EN = [
    "Support for business activity",
    "Running the regional coordinators' work",
    "Remigration support services in municipalities",
    "Administration costs",
]


def _seed_rows() -> list[dict[str, Any]]:
    rows = []
    for raw in read_csv(SEED_DIR / "funding.csv"):
        rows.append(
            {
                "code": raw["code"],
                "parent_code": raw["parent_code"] or None,
                "title_lv": raw["title_lv"],
                "title_en": raw["title_en"],
                "amount_eur": Decimal(raw["amount_eur"]) if raw["amount_eur"] else None,
                "share_pct": Decimal(raw["share_pct"]) if raw["share_pct"] else None,
                "source": {"publisher": "VARAM", "title": raw["source_code"], "url": None},
            }
        )
    return rows


@pytest.fixture
def rows() -> list[dict[str, Any]]:
    return _seed_rows()


def part_row(code: str, parent: str, amount=None, share=None) -> dict[str, Any]:
    return {
        "code": code,
        "parent_code": parent,
        "title_lv": f"{code} lv",
        "title_en": f"{code} en",
        "amount_eur": None if amount is None else Decimal(str(amount)),
        "share_pct": None if share is None else Decimal(str(share)),
    }


def total_row(code: str, amount) -> dict[str, Any]:
    return {**part_row(code, None, amount), "parent_code": None, "source": None}


# --- breakdown ---------------------------------------------------------------------------------


def test_budget_2020_amounts_are_computed_from_the_shares(rows):
    data = ff.breakdown(rows, "budget-2020", "lv")
    assert data.total == Decimal("643529")
    assert [p.code for p in data.parts] == [
        "budget-2020-business-support",
        "budget-2020-regional-coordinators",
        "budget-2020-municipal-services",
        "budget-2020-administration",
    ]
    assert [p.share for p in data.parts] == [30, 30, 30, 10]
    # 30 % of 643 529 = 193 058,70 €; 10 % = 64 352,90 €.
    assert [p.amount for p in data.parts] == [
        Decimal("193058.70"),
        Decimal("193058.70"),
        Decimal("193058.70"),
        Decimal("64352.90"),
    ]
    assert all(p.amount.as_tuple().exponent == -2 for p in data.parts)  # to the cent


def test_budget_2020_shares_add_up_to_100_and_amounts_to_the_total(rows):
    data = ff.breakdown(rows, "budget-2020", "en")
    assert sum(p.share for p in data.parts) == 100
    assert sum(p.amount for p in data.parts) == data.total


def test_titles_follow_the_language(rows):
    lv = ff.breakdown(rows, "budget-2020", "lv")
    en = ff.breakdown(rows, "budget-2020", "en")
    assert [p.title for p in lv.parts] == BUDGET_LV
    assert [p.title for p in en.parts] == BUDGET_EN
    assert lv.title.startswith("Projekta “Reģionālais remigrācijas koordinators”")
    assert en.title == (
        "State budget funding for the “Regional remigration coordinator” project in 2020"
    )
    assert lv.source == {"publisher": "VARAM", "title": "seed-004", "url": None}


def test_daugavpils_pilot_keeps_its_published_amounts(rows):
    data = ff.breakdown(rows, "daugavpils-pilot", "lv")
    assert data.total == Decimal("10714.29")
    assert [(p.code, p.amount, p.share) for p in data.parts] == [
        ("daugavpils-pilot-state", Decimal("7500.00"), Decimal(70)),
        ("daugavpils-pilot-city", Decimal("3214.29"), Decimal(30)),
    ]
    # 7 500,00 + 3 214,29 = 10 714,29
    assert sum(p.amount for p in data.parts) == data.total
    assert [p.title for p in data.parts] == [
        "Valsts budžeta dotācija",
        "Daugavpils pilsētas domes finansējums",
    ]


def test_a_total_without_parts_is_an_empty_breakdown(rows):
    data = ff.breakdown(rows, "impulss-grant-cap", "en")
    assert data.total == Decimal("7000")
    assert data.parts == []


def test_rounding_is_half_up_to_the_cent():
    rows = [
        total_row("t", "0.05"),
        part_row("a", "t", share=50),  # 0.025 -> 0.03
        part_row("b", "t", share=50),
    ]
    data = ff.breakdown(rows, "t", "lv")
    assert [p.amount for p in data.parts] == [Decimal("0.03"), Decimal("0.03")]


def test_share_is_computed_from_an_amount():
    rows = [total_row("t", 200), part_row("a", "t", amount=150), part_row("b", "t", share=25)]
    data = ff.breakdown(rows, "t", "lv")
    assert [(p.amount, p.share) for p in data.parts] == [
        (Decimal("150"), Decimal("75.00")),
        (Decimal("50.00"), Decimal("25")),
    ]


def test_shares_not_adding_up_to_100_raise(rows):
    broken = [dict(r) for r in rows]
    admin = next(r for r in broken if r["code"] == "budget-2020-administration")
    admin["share_pct"] = Decimal(5)
    with pytest.raises(ff.FundingDataError, match="95"):
        ff.breakdown(broken, "budget-2020", "lv")


def test_shares_over_100_raise():
    rows = [total_row("t", 100), part_row("a", "t", share=60), part_row("b", "t", share=60)]
    with pytest.raises(ff.FundingDataError, match="120"):
        ff.breakdown(rows, "t", "en")


def test_missing_parent_raises(rows):
    with pytest.raises(ff.FundingDataError, match="no-such-total"):
        ff.breakdown(rows, "no-such-total", "lv")


def test_part_with_neither_amount_nor_share_raises():
    rows = [total_row("t", 100), part_row("a", "t", share=100), part_row("b", "t")]
    with pytest.raises(ff.FundingDataError, match="neither amount nor share"):
        ff.breakdown(rows, "t", "lv")


def test_funding_data_error_is_a_value_error():
    assert issubclass(ff.FundingDataError, ValueError)


def test_computed_shares_that_round_to_99_99_are_accepted():
    # Three equal amount-only parts: 33.33 % each (99.99 % in all) is only rounding.
    rows = [
        total_row("t", 30),
        part_row("a", "t", amount=10),
        part_row("b", "t", amount=10),
        part_row("c", "t", amount=10),
    ]
    data = ff.breakdown(rows, "t", "lv")
    assert [p.share for p in data.parts] == [Decimal("33.33")] * 3
    assert sum(p.amount for p in data.parts) == data.total


def test_computed_shares_that_round_to_100_01_are_accepted():
    # 24.69 / 200 = 12.345 % -> 12.35 %, 175.31 / 200 = 87.655 % -> 87.66 %: 100.01 % in all.
    rows = [total_row("t", 200), part_row("a", "t", amount="24.69"), part_row("b", "t", "175.31")]
    data = ff.breakdown(rows, "t", "en")
    assert [p.share for p in data.parts] == [Decimal("12.35"), Decimal("87.66")]


def test_amount_only_parts_must_add_up_to_the_total():
    rows = [total_row("t", 100), part_row("a", "t", amount=10), part_row("b", "t", amount=20)]
    with pytest.raises(ff.FundingDataError, match="30"):
        ff.breakdown(rows, "t", "lv")


# --- the table alternative ---------------------------------------------------------------------


def test_budget_table_lv(rows):
    table = ff.breakdown_table(ff.breakdown(rows, "budget-2020", "lv"), "lv")
    assert table.columns == ["Pozīcija", "Summa", "Daļa"]
    third = f"193{NBSP}058,70{NBSP}€"
    assert table.rows == [
        [BUDGET_LV[0], third, f"30{NBSP}%"],
        [BUDGET_LV[1], third, f"30{NBSP}%"],
        [BUDGET_LV[2], third, f"30{NBSP}%"],
        [BUDGET_LV[3], f"64{NBSP}352,90{NBSP}€", f"10{NBSP}%"],
        ["Kopā", f"643{NBSP}529,00{NBSP}€", f"100{NBSP}%"],
    ]


def test_budget_table_en(rows):
    table = ff.breakdown_table(ff.breakdown(rows, "budget-2020", "en"), "en")
    assert table.columns == ["Item", "Amount", "Share"]
    assert table.rows == [
        [BUDGET_EN[0], "€193,058.70", "30%"],
        [BUDGET_EN[1], "€193,058.70", "30%"],
        [BUDGET_EN[2], "€193,058.70", "30%"],
        [BUDGET_EN[3], "€64,352.90", "10%"],
        ["Total", "€643,529.00", "100%"],
    ]


def test_pilot_table_lv_and_en(rows):
    lv = ff.breakdown_table(ff.breakdown(rows, "daugavpils-pilot", "lv"), "lv")
    assert lv.rows == [
        ["Valsts budžeta dotācija", f"7{NBSP}500,00{NBSP}€", f"70{NBSP}%"],
        ["Daugavpils pilsētas domes finansējums", f"3{NBSP}214,29{NBSP}€", f"30{NBSP}%"],
        ["Kopā", f"10{NBSP}714,29{NBSP}€", f"100{NBSP}%"],
    ]
    en = ff.breakdown_table(ff.breakdown(rows, "daugavpils-pilot", "en"), "en")
    assert en.rows == [
        ["State budget grant", "€7,500.00", "70%"],
        ["Daugavpils City Council co-financing", "€3,214.29", "30%"],
        ["Total", "€10,714.29", "100%"],
    ]


def test_table_strings_use_no_breaking_spaces_only():
    # A Latvian amount never wraps: every space in it is a no-break space.
    rows = _seed_rows()
    for row in ff.breakdown_table(ff.breakdown(rows, "budget-2020", "lv"), "lv").rows:
        for cell in row[1:]:
            assert " " not in cell, repr(cell)


# --- summary -----------------------------------------------------------------------------------


def test_budget_summary_lv(rows):
    summary = ff.breakdown_summary(ff.breakdown(rows, "budget-2020", "lv"), "lv")
    assert summary.startswith(f"Kopā 643{NBSP}529,00{NBSP}€: ")
    assert f"Atbalsts saimnieciskajai darbībai – 193{NBSP}058,70{NBSP}€ (30{NBSP}%)" in summary
    assert f"Administrēšanas izmaksas – 64{NBSP}352,90{NBSP}€ (10{NBSP}%)" in summary
    assert summary.endswith(".")


def test_pilot_summary_en(rows):
    summary = ff.breakdown_summary(ff.breakdown(rows, "daugavpils-pilot", "en"), "en")
    assert summary == (
        "€10,714.29 in total: State budget grant – €7,500.00 (70%); "
        "Daugavpils City Council co-financing – €3,214.29 (30%)."
    )


# --- the figure --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_budget_figure_has_one_horizontal_bar_per_part(rows, lang):
    data = ff.breakdown(rows, "budget-2020", lang)
    fig = ff.breakdown_figure(data, lang)
    assert len(fig.data) == 1
    bar = fig.data[0]
    assert bar.type == "bar"
    assert bar.orientation == "h"
    assert [c[0] for c in bar.customdata] == (BUDGET_EN if lang == "en" else BUDGET_LV)
    assert list(bar.x) == [193058.70, 193058.70, 193058.70, 64352.90]
    assert bar.marker.color == ff.BAR_COLOUR
    # First part on top, like the table: the y range runs from the last position to the first.
    assert list(fig.layout.yaxis.range) == [3.5, -0.5]
    assert fig.layout.yaxis.showticklabels is False
    # The bars reach no further than the axis.
    assert fig.layout.xaxis.range[1] >= 193058.70


def test_titles_are_shown_as_text_not_plotly_markup():
    """Titles are stored as typed; Plotly would read <a href>, <b> … in a label as markup."""
    title = "<a href='https://evil.example'>State</a> & <b>co"
    rows = [total_row("t", 100), {**part_row("p", "t", amount=100), "title_en": title}]
    fig = ff.breakdown_figure(ff.breakdown(rows, "t", "en"), "en")
    escaped = "&lt;a href='https://evil.example'&gt;State&lt;/a&gt; &amp; &lt;b&gt;co"
    [annotation] = fig.layout.annotations
    # Wrapped into lines first, then each line escaped (an entity is never split).
    assert annotation.text.split("<br>")[:3] == [
        "<b>&lt;a",
        "href='https://evil.example'&gt;State&lt;/a&gt;",
        "&amp; &lt;b&gt;co</b>",
    ]
    assert "<a" not in annotation.text
    assert fig.data[0].customdata[0][0] == escaped


def _annotation_lines(fig):
    """Each part's label as plain lines: (name lines..., amount line)."""
    return [
        [line.replace("<b>", "").replace("</b>", "") for line in a.text.split("<br>")]
        for a in fig.layout.annotations
    ]


def test_figure_labels_lv(rows):
    fig = ff.breakdown_figure(ff.breakdown(rows, "budget-2020", "lv"), "lv")
    lines = _annotation_lines(fig)
    assert [" ".join(label[:-1]) for label in lines] == BUDGET_LV
    assert [label[-1] for label in lines] == [
        f"193{NBSP}058,70{NBSP}€ (30{NBSP}%)",
        f"193{NBSP}058,70{NBSP}€ (30{NBSP}%)",
        f"193{NBSP}058,70{NBSP}€ (30{NBSP}%)",
        f"64{NBSP}352,90{NBSP}€ (10{NBSP}%)",
    ]
    assert [c[1] for c in fig.data[0].customdata] == [label[-1] for label in lines]
    assert fig.layout.separators == f",{NBSP}"


def test_figure_labels_are_wrapped_to_fit_a_phone(rows):
    fig = ff.breakdown_figure(ff.breakdown(rows, "budget-2020", "lv"), "lv")
    for label in _annotation_lines(fig):
        assert all(len(line) <= ff.LABEL_WRAP for line in label), label
    # Every label sits left-aligned at the plot's left edge, above its bar.
    assert {(a.xref, a.x, a.xanchor, a.yanchor) for a in fig.layout.annotations} == {
        ("paper", 0, "left", "bottom")
    }


def test_figure_labels_en(rows):
    fig = ff.breakdown_figure(ff.breakdown(rows, "daugavpils-pilot", "en"), "en")
    assert [label[-1] for label in _annotation_lines(fig)] == ["€7,500.00 (70%)", "€3,214.29 (30%)"]
    assert list(fig.data[0].x) == [7500.0, 3214.29]
    assert fig.layout.separators == ".,"
    assert fig.layout.xaxis.title.text == "EUR"
    # Labels of 3 lines ("Daugavpils City Council" / "co-financing" / amount) at most.
    assert max(len(label) for label in _annotation_lines(fig)) == 3
    assert fig.layout.height == 2 * max(ff.MIN_BAND_PX, 3 * ff.LINE_PX) + 64


def test_figure_of_an_empty_breakdown_does_not_fail(rows):
    fig = ff.breakdown_figure(ff.breakdown(rows, "impulss-grant-cap", "lv"), "lv")
    assert len(fig.data) == 1
    assert list(fig.data[0].x or []) == []


# --- through the query layer -------------------------------------------------------------------


def test_breakdowns_from_the_database(app_context):
    from dashboard import queries

    stored = queries.funding()
    budget = ff.breakdown(stored, "budget-2020", "lv")
    assert [p.amount for p in budget.parts] == [
        Decimal("193058.70"),
        Decimal("193058.70"),
        Decimal("193058.70"),
        Decimal("64352.90"),
    ]
    assert sum(p.share for p in budget.parts) == 100
    pilot = ff.breakdown(stored, "daugavpils-pilot", "en")
    assert pilot.total == Decimal("10714.29")
    assert [p.amount for p in pilot.parts] == [Decimal("7500.00"), Decimal("3214.29")]
    assert budget.source is not None and budget.source["publisher"].endswith("(VARAM)")
