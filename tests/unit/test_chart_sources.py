"""The sources under a chart, its citation, its image caption and its copy buttons
(dashboard/components/source_notes.py, chart_card.py, chart_tools.py): built from plain source
dicts, no database, no HTTP.

The sources here are made-up TEST FIXTURES shaped as the app stores them: the dossier's titles are
"<publisher>, <site>, <date>" (``db/dossier_sources.readable_title``), the seed's are real titles.
"""

from __future__ import annotations

import datetime as dt

import pytest
from component_tree import by_id, kind, links, of_kind, prop, text, texts, walk

from dashboard.components.chart_card import provenance
from dashboard.components.chart_tools import chart_tools, citation, image_caption
from dashboard.components.copy_control import COPY_TARGET
from dashboard.components.source_notes import (
    distinct_sources,
    source_block,
    source_label,
    sources_text,
)

OFFICIAL = {
    "title": "Reģionālais remigrācijas atbalsts",
    "publisher": "VARAM",
    "url": "https://www.varam.gov.lv/lv/fixture",
    "published_on": dt.date(2020, 8, 18),
    "published_precision": "day",
}
REGION = {
    "title": "Kurzemes plānošanas reģions, kurzemesregions.lv, 2023-03",
    "publisher": "Kurzemes plānošanas reģions",
    "url": "https://www.kurzemesregions.lv/fixture",
    "published_on": dt.date(2023, 3, 1),
    "published_precision": "month",
}
UNDATED = {
    "title": "Latgales plānošanas reģions, lpr.gov.lv, date not stated",
    "publisher": "Latgales plānošanas reģions",
    "url": "https://lpr.gov.lv/fixture",
    "published_on": None,
    "published_precision": None,
}
SAME_NAME = {
    "title": "Kurzemes plānošanas reģions",
    "publisher": "Kurzemes plānošanas reģions",
    "url": None,
    "published_on": dt.date(2022, 6, 30),
    "published_precision": "day",
}
SENTENCE = {
    "title": "Dome turpina īstenot pilotprojektu",
    "publisher": "Dome",
    "url": None,
    "published_on": None,
}
RELEASE = {"number": 7, "published_at": dt.datetime(2026, 5, 4, 10, 0)}


def test_each_source_once_newest_first_undated_last():
    again = {**OFFICIAL, "url": OFFICIAL["url"] + "/", "published_on": dt.date(2019, 1, 1)}
    named_twice = [SENTENCE, {**SENTENCE}]
    listed = distinct_sources([UNDATED, OFFICIAL, *named_twice, REGION, again, SAME_NAME])
    assert listed == [REGION, SAME_NAME, OFFICIAL, UNDATED, SENTENCE]


@pytest.mark.parametrize(
    ("source", "lang", "label"),
    [
        # The publisher is not repeated as the title; a month stays a month.
        (SAME_NAME, "lv", "Kurzemes plānošanas reģions (30.06.2022)"),
        (REGION, "lv", "Kurzemes plānošanas reģions, kurzemesregions.lv (03.2023)"),
        (REGION, "en", "Kurzemes plānošanas reģions, kurzemesregions.lv (Mar 2023)"),
        (UNDATED, "en", "Latgales plānošanas reģions, lpr.gov.lv (date not stated)"),
        (UNDATED, "lv", "Latgales plānošanas reģions, lpr.gov.lv (datums nav norādīts)"),
        (OFFICIAL, "en", "VARAM, Reģionālais remigrācijas atbalsts (18 Aug 2020)"),
        # A title that is a sentence starting with the publisher's name is kept whole.
        (SENTENCE, "en", "Dome, Dome turpina īstenot pilotprojektu (date not stated)"),
    ],
)
def test_publisher_title_and_date_in_the_language(source, lang, label):
    assert source_label(source, lang) == label


def test_a_month_is_recognised_where_the_precision_is_not_passed():
    """Callers that pass no ``published_precision`` (the overview's source query) still get a
    month shown as a month when the title states only the month."""
    bare = {k: v for k, v in REGION.items() if k != "published_precision"}
    assert source_label(bare, "en") == source_label(REGION, "en")
    day = {k: v for k, v in OFFICIAL.items() if k != "published_precision"}
    assert source_label(day, "lv").endswith("(18.08.2020)")


def test_provenance_lists_the_sources_once_with_data_as_of_the_newest_publication():
    shown = provenance("en", "families", [OFFICIAL, UNDATED, REGION, OFFICIAL], RELEASE)
    words = text(shown)
    # "Data as of" is the newest publication among these sources, not the release's date.
    assert "Data as of Mar 2023" in words
    assert "release 7, published 4 May 2026" in words
    assert words.count("VARAM") == 1
    assert "Kurzemes plānošanas reģions: Kurzemes plānošanas reģions" not in words
    items = [text(li) for li in of_kind(shown, "Li")]
    assert items == [
        "Kurzemes plānošanas reģions, kurzemesregions.lv ( Mar 2023 )",
        "VARAM, Reģionālais remigrācijas atbalsts ( 18 Aug 2020 )",
        "Latgales plānošanas reģions, lpr.gov.lv ( date not stated )",
    ]
    assert links(shown) == [
        ("Kurzemes plānošanas reģions, kurzemesregions.lv", REGION["url"]),
        ("VARAM, Reģionālais remigrācijas atbalsts", OFFICIAL["url"]),
        ("Latgales plānošanas reģions, lpr.gov.lv", UNDATED["url"]),
    ]
    assert [prop(t, "dateTime") for t in of_kind(shown, "Time")] == ["2023-03", "2020-08-18"]
    assert of_kind(shown, "Details") == []


def test_provenance_without_dates_or_sources():
    undated = text(provenance("lv", "ģimenes", [UNDATED], None))
    assert "Dati uz: publicēšanas datums nav norādīts" in undated
    assert "Avots:" in undated
    nothing = text(provenance("en", "families", [], RELEASE))
    assert "Data as of" not in nothing and "Source" not in nothing


def test_a_long_list_folds_after_the_first_few():
    many = [
        {
            "title": f"Raksts {i}",
            "publisher": f"Izdevējs {i}",
            "url": f"https://example.lv/{i}",
            "published_on": dt.date(2020, 1, i),
        }
        for i in range(1, 8)
    ]
    block = source_block(many, "lv")
    assert texts(block)[0] == "Avoti:"
    [more] = of_kind(block, "Details")
    assert text(of_kind(more, "Summary")[0]) == "un vēl 4 avoti"
    shown_first = [text(li) for li in of_kind(block, "Li")][:3]
    assert shown_first[0].startswith("Izdevējs 7, Raksts 7")
    assert len(of_kind(more, "Li")) == 4
    assert sources_text(many, "en", limit=2).endswith("(6 Jan 2020) and 5 more sources")


def test_citation_and_caption_name_each_source_once_without_doubled_titles():
    cited = citation(
        "en",
        "People returned",
        [SAME_NAME, OFFICIAL, SAME_NAME],
        RELEASE,
        "https://x/?a=1",
        today=dt.date(2026, 6, 1),
    )
    assert cited == (
        "Regional remigration support. People returned. Kurzemes plānošanas reģions "
        "(30 Jun 2022); VARAM, Reģionālais remigrācijas atbalsts (18 Aug 2020), release 7 "
        "(4 May 2026). CC BY 4.0. https://x/?a=1 (accessed 1 Jun 2026)."
    )
    one = image_caption("lv", "ģimenes", [OFFICIAL, OFFICIAL], None)
    assert (
        one == "Mērvienība: ģimenes · Avots: VARAM, Reģionālais remigrācijas atbalsts (18.08.2020)"
        " · CC BY 4.0"
    )
    several = image_caption("en", "families", [OFFICIAL, REGION, UNDATED], RELEASE, "2019")
    assert several == (
        "Unit: families · 2019 · Sources: Kurzemes plānošanas reģions, kurzemesregions.lv "
        "(Mar 2023); VARAM, Reģionālais remigrācijas atbalsts (18 Aug 2020) and 1 more source"
        " · release 7, published 4 May 2026 · CC BY 4.0"
    )


def _tools(lang: str = "en") -> object:
    return chart_tools(
        "trend-chart",
        lang,
        title="People returned",
        caption="caption",
        sources=[OFFICIAL, REGION],
        release=RELEASE,
        page_path="/",
        page_query="metric=people_returned&lang=en",
        embed="trend",
        data_links=[],
    )


@pytest.mark.parametrize(
    ("lang", "word", "names"),
    [
        ("en", "Copy", ["Copy the citation", "Copy the link", "Copy the embed code"]),
        ("lv", "Kopēt", ["Kopēt atsauci", "Kopēt saiti", "Kopēt iegulšanas kodu"]),
    ],
)
def test_copy_buttons_target_the_citation_link_and_embed_code(lang, word, names):
    tools = _tools(lang)
    buttons = [c for c in walk(tools) if prop(c, COPY_TARGET)]
    targets = ["trend-chart-citation", "trend-chart-permalink", "trend-chart-embed"]
    assert [prop(b, COPY_TARGET) for b in buttons] == targets
    for button, target, name in zip(buttons, targets, names, strict=True):
        # A real button (focusable, pressed with Enter or Space), plain HTML: its clicks are
        # handled by assets/copy-buttons.js, so the tools can be a static section.
        assert kind(button) == "Button" and prop(button, "type") == "button"
        assert prop(button, "id") == f"{target}-copy"
        # Its name is the visible word, then what it copies (for screen readers).
        assert texts(button)[0] == word
        assert text(button) == name
        # For a second after copying it says so, in the page's language.
        assert prop(button, "data-done") == "✓ " + ("Copied" if lang == "en" else "Nokopēts")
        # The status line beside it is a live region that a screen reader hears.
        status = by_id(tools, f"{target}-status")
        assert prop(status, "role") == "status" and prop(status, "aria-live") == "polite"
        assert prop(status, "data-copied") and prop(status, "data-failed")
    assert not [c for c in walk(tools) if kind(c) == "Clipboard"]


def test_the_copied_element_holds_exactly_the_citation_permalink_and_snippet():
    tools = _tools()
    permalink = "/?metric=people_returned&lang=en"  # no SITE_URL outside a request
    assert text(by_id(tools, "trend-chart-citation")) == citation(
        "en", "People returned", [OFFICIAL, REGION], RELEASE, permalink
    )
    assert texts(by_id(tools, "trend-chart-permalink")) == [permalink]
    snippet = texts(by_id(tools, "trend-chart-embed"))[0]
    assert snippet.startswith('<iframe src="/embed/trend?metric=people_returned&amp;lang=en"')
