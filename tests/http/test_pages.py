"""Pages over HTTP: language selection, the Dash layout, and the overview's main callback posted
exactly the way the browser posts it."""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Iterator
from typing import Any

import dash
import numpy as np
import pytest
from support import expand_static_sections

ALL_REGIONS = ["kurzeme", "latgale", "riga", "vidzeme", "zemgale"]
# The filter's range is in years; the seed's periods are the programme's first year (March to
# December 2018), 2019 and the first half of 2020, so the year view has no 2020.
PERIOD_FROM, PERIOD_TO = "2018", "2020"
SEED_YEARS = ("2018-03..2018-12", "2019")
NBSP = "\u00a0"


# --- helpers -----------------------------------------------------------------------------------


def _lang_cookie(response) -> str | None:
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith("lang="):
            return header
    return None


def _html_lang(response) -> str:
    text = response.get_data(as_text=True)
    start = text.index("<html")
    return text[start : text.index(">", start) + 1]


def _walk(node: Any) -> Iterator[dict]:
    """Every Dash component (``{"type", "namespace", "props"}``) in a serialised tree."""
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


def _texts(node: Any) -> list[str]:
    """All strings in a serialised tree (children and other string props)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for value in node.values() for t in _texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    return []


def _numbers(values: Any) -> list[float | None]:
    """Plotly 6 ships numeric arrays base64-encoded (``{"dtype", "bdata"}``); decode either form.
    A slot with no data published is ``None``."""
    if isinstance(values, dict):
        data = np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"]))
        return [float(v) for v in data]
    return [None if v is None else float(v) for v in values]


def _callback(client, output_contains: str) -> dict:
    deps = client.get("/_dash-dependencies").get_json()
    matches = [d for d in deps if output_contains in d["output"]]
    assert len(matches) == 1, [d["output"] for d in deps]
    return matches[0]


def _outputs(output: str) -> list[dict[str, str]]:
    """``..a.b...c.d..`` (a multi-output id string) -> ``[{"id": "a", "property": "b"}, ...]``."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    return [dict(zip(("id", "property"), p.rsplit(".", 1), strict=True)) for p in parts]


def post_callback(client, dep: dict, inputs: list[dict], state: list[dict]):
    body = {
        "output": dep["output"],
        "outputs": _outputs(dep["output"]),
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
    }
    return client.post(
        "/_dash-update-component",
        data=json.dumps(body),
        content_type="application/json",
    )


def overview(
    client,
    regions=ALL_REGIONS,
    metric="families_returned",
    period_from=PERIOD_FROM,
    period_to=PERIOD_TO,
    per_month=False,
    lang="lv",
    granularity="year",
    release=None,
) -> dict:
    dep = _callback(client, "regions-chart-graph.figure")
    assert [i["id"] for i in dep["inputs"]] == [
        "filter-regions",
        "filter-metric",
        "filter-period-from",
        "filter-period-to",
        "filter-per-month",
        "filter-granularity",
    ]
    values = [regions, metric, period_from, period_to, per_month, granularity]
    inputs = [{**i, "value": v} for i, v in zip(dep["inputs"], values, strict=True)]
    state = [
        {"id": "overview-lang", "property": "data", "value": lang},
        {"id": "overview-release", "property": "data", "value": release},
    ]
    response = post_callback(client, dep, inputs, state)
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return expand_static_sections(response.get_json()["response"])


def render_page(client, pathname: str, search: str = "") -> Any:
    """The page content as the Dash pages router renders it for ``pathname?search``."""
    dep = _callback(client, "_pages_content.children")
    inputs = [
        {"id": "_pages_location", "property": "pathname", "value": pathname},
        {"id": "_pages_location", "property": "search", "value": search},
    ]
    response = post_callback(client, dep, inputs, [])
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return expand_static_sections(response.get_json()["response"]["_pages_content"]["children"])


def regions_figure(response: dict) -> dict:
    return response["regions-chart-graph"]["figure"]


# --- language ----------------------------------------------------------------------------------


def test_home_is_latvian_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert _html_lang(response) == '<html lang="lv">'
    assert _lang_cookie(response) is None


def test_lang_en_switches_and_sets_a_cookie(client):
    response = client.get("/?lang=en")
    assert response.status_code == 200
    assert _html_lang(response) == '<html lang="en">'
    cookie = _lang_cookie(response)
    assert cookie is not None and cookie.startswith("lang=en;")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Max-Age=31536000" in cookie


def test_language_is_remembered(client):
    client.get("/?lang=en")
    again = client.get("/")
    assert _html_lang(again) == '<html lang="en">'
    assert _lang_cookie(again) is None  # already set, not re-sent
    assert _html_lang(client.get("/about")) == '<html lang="en">'

    back = client.get("/?lang=lv")
    assert _html_lang(back) == '<html lang="lv">'
    assert _lang_cookie(back).startswith("lang=lv;")
    assert _html_lang(client.get("/")) == '<html lang="lv">'


@pytest.mark.parametrize("value", ["de", "EN", "", "en-GB", "<script>"])
def test_unknown_lang_is_ignored(client, value):
    response = client.get("/", query_string={"lang": value})
    assert response.status_code == 200
    assert _html_lang(response) == '<html lang="lv">'
    assert _lang_cookie(response) is None


def test_bad_lang_cookie_is_ignored(client):
    client.set_cookie("lang", "xx")
    assert _html_lang(client.get("/")) == '<html lang="lv">'


def test_about_page_is_registered(app):
    # Building the app (the fixture) registers the pages.
    paths = {page["path"] for page in dash.page_registry.values()}
    assert {"/", "/about"} <= paths


@pytest.mark.parametrize(("lang", "title"), [("lv", "Par programmu un datiem"), ("en", "About")])
def test_about_page_in_both_languages(client, lang, title):
    response = client.get(f"/about?lang={lang}")
    assert response.status_code == 200
    assert _html_lang(response) == f'<html lang="{lang}">'
    content = render_page(client, "/about", f"?lang={lang}")
    heading = next(c for c in _walk(content) if c["type"] == "H1")
    assert heading["props"]["children"].startswith(title)


def test_about_page_lists_the_metric_definitions(client):
    content = render_page(client, "/about", "?lang=en")
    definitions = _by_id(content, "metric-definitions")
    text = " ".join(_texts(definitions))
    assert "Families returned (families)" in text
    assert "People returned (persons)" in text
    assert "Personalised offers prepared (offers)" in text


# --- the Dash layout ---------------------------------------------------------------------------


def test_dash_layout_is_json_in_the_cookie_language(client):
    response = client.get("/_dash-layout")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    layout = response.get_json()
    texts = _texts(layout)
    assert "Pāriet uz saturu" in texts
    assert _by_id(layout, "app-lang")["props"]["data"] == "lv"

    client.get("/?lang=en")
    english = client.get("/_dash-layout").get_json()
    assert "Skip to content" in _texts(english)
    assert _by_id(english, "app-lang")["props"]["data"] == "en"
    switch = _by_id(english, "lang-switch")
    assert switch["props"]["children"] == "Latviski"
    assert switch["props"]["lang"] == "lv"


def test_dash_dependencies_include_the_overview_callback(client):
    dep = _callback(client, "regions-chart-graph.figure")
    outputs = {f"{o['id']}.{o['property']}" for o in _outputs(dep["output"])}
    assert {
        "headline-cards.children",
        "regions-chart-graph.figure",
        "trend-chart-graph.figure",
        "share-chart-graph.figure",
        "filter-message.children",
    } <= outputs
    assert dep["state"] == [
        {"id": "overview-lang", "property": "data"},
        {"id": "overview-release", "property": "data"},
    ]


def test_overview_layout_reads_the_filters_from_the_url(client):
    content = render_page(
        client, "/", "?regions=latgale,riga&metric=people_returned&per_month=1&from=2019&lang=en"
    )
    assert _by_id(content, "filter-regions")["props"]["value"] == ["latgale", "riga"]
    assert _by_id(content, "filter-metric")["props"]["value"] == "people_returned"
    assert _by_id(content, "filter-per-month")["props"]["value"] is True
    assert _by_id(content, "filter-period-from")["props"]["value"] == "2019"
    assert _by_id(content, "filter-period-to")["props"]["value"] == PERIOD_TO
    assert _by_id(content, "overview-lang")["props"]["data"] == "en"
    options = _by_id(content, "filter-regions")["props"]["options"]
    assert [o["label"] for o in options] == ["Kurzeme", "Latgale", "Riga", "Vidzeme", "Zemgale"]


def test_overview_layout_with_a_mangled_url_uses_defaults(client):
    content = render_page(client, "/", "?regions=atlantis&metric=bogus&from=1999&per_month=x")
    assert _by_id(content, "filter-regions")["props"]["value"] == ALL_REGIONS
    assert _by_id(content, "filter-metric")["props"]["value"] == "families_returned"
    assert _by_id(content, "filter-period-from")["props"]["value"] == PERIOD_FROM
    assert _by_id(content, "overview-lang")["props"]["data"] == "lv"


# --- the overview callback ---------------------------------------------------------------------


def test_overview_callback_lv(client, seed_values):
    response = overview(client, lang="lv")
    figure = regions_figure(response)
    assert len(figure["data"]) == 5
    names = [trace["name"] for trace in figure["data"]]
    assert names == ["Kurzeme", "Latgale", "Rīga", "Vidzeme", "Zemgale"]
    # Every year of the range is on the axis; 2020 has no year figure (only its first half).
    assert figure["data"][0]["x"] == ["2018<br>(marts–dec.)", "2019", "2020"]
    for trace, region in zip(figure["data"], ALL_REGIONS, strict=True):
        expected = [seed_values[(p, region, "families_returned")] for p in SEED_YEARS]
        assert _numbers(trace["y"]) == [*expected, None]
        assert "ģimenes" in trace["hovertemplate"]
    assert figure["layout"]["separators"] == f",{NBSP}"
    assert response["regions-chart-title"]["children"] == (
        "Ģimenes atgriezušās pa reģioniem un periodiem"
    )
    assert response["filter-message"]["children"] == []


def test_overview_callback_en(client):
    response = overview(client, lang="en")
    figure = regions_figure(response)
    assert [trace["name"] for trace in figure["data"]] == [
        "Kurzeme",
        "Latgale",
        "Riga",
        "Vidzeme",
        "Zemgale",
    ]
    assert figure["data"][0]["x"][0] == "2018<br>(Mar–Dec)"
    assert [a["text"] for a in figure["layout"]["annotations"]] == ["no data published"]
    assert figure["layout"]["separators"] == ".,"
    assert response["regions-chart-title"]["children"] == "Families returned by region and period"
    summary = " ".join(_texts(response["regions-chart-details"]))
    assert "2019: all 5 selected regions reported; Latgale had the most: 64" in summary
    assert "Show the data as a table" in summary


def test_headline_cards_are_formatted_for_the_language(client):
    lv = " ".join(_texts(overview(client, lang="lv")["headline-cards"]))
    en = " ".join(_texts(overview(client, lang="en")["headline-cards"]))
    # The selected measure's card only: families over the years 2018 and 2019 (163 + 225);
    # the seed has no figure for the whole of 2020, and the card says so.
    assert "388" in lv and "388" in en
    assert "All 5 selected regions reported: 2018 (Mar–Dec), 2019." in en
    assert "No data published: 2020." in en
    assert "Dati nav publicēti: 2020." in lv


def test_only_latgale_gives_one_trace(client, seed_values):
    figure = regions_figure(overview(client, regions=["latgale"]))
    assert len(figure["data"]) == 1
    assert figure["data"][0]["name"] == "Latgale"
    assert _numbers(figure["data"][0]["y"]) == [38, 64, None]
    assert figure["layout"]["showlegend"] is True  # a one-region chart names its region


def test_per_month_divides_by_the_period_length(client):
    response = overview(client, regions=["latgale", "kurzeme"], per_month=True, lang="en")
    figure = regions_figure(response)
    by_name = {trace["name"]: _numbers(trace["y"]) for trace in figure["data"]}
    assert by_name["Kurzeme"][:2] == pytest.approx([33 / 10, 47 / 12])
    assert by_name["Latgale"][:2] == pytest.approx([38 / 10, 64 / 12])
    assert by_name["Kurzeme"][2] is None
    assert "families per month" in figure["data"][0]["hovertemplate"]
    table = " ".join(_texts(response["regions-chart-details"]))
    assert "3.3" in table and "5.3" in table
    # The help text says which lengths this view has.
    help_text = response["filter-per-month-help"]["children"]
    assert "10 months: 2018 (Mar–Dec); 12 months: 2019" in help_text
    half = overview(client, regions=["latgale"], per_month=True, lang="en", granularity="half")
    assert "6 months: 2020 H1" in half["filter-per-month-help"]["children"]
    assert _numbers(regions_figure(half)["data"][0]["y"])[4] == pytest.approx(63 / 6)


def test_other_metric_and_period_range(client, seed_values):
    response = overview(
        client, metric="offers_prepared", period_from="2019", period_to="2019", lang="en"
    )
    figure = regions_figure(response)
    assert len(figure["data"]) == 5
    assert figure["data"][0]["x"] == ["2019"]
    totals = sum(_numbers(trace["y"])[0] for trace in figure["data"])
    assert totals == 2268
    assert response["regions-chart-title"]["children"] == (
        "Personalised offers prepared by region and period"
    )


def test_no_regions_selected(client):
    response = overview(client, regions=[], lang="en")
    figure = regions_figure(response)
    assert figure["data"] == []
    assert [a["text"] for a in figure["layout"]["annotations"]] == [
        "There are no data for this selection."
    ]
    assert "Select at least one region." in _texts(response["filter-message"])


def test_swapped_period_range_is_reported(client):
    response = overview(client, period_from=PERIOD_TO, period_to=PERIOD_FROM, lang="lv")
    assert len(regions_figure(response)["data"][0]["x"]) == 3
    message = " ".join(_texts(response["filter-message"]))
    assert "Perioda sākums ir pēc beigām" in message


def test_share_and_trend_charts(client):
    response = overview(client, lang="en")
    share = response["share-chart-graph"]["figure"]
    assert len(share["data"]) == 5
    per_period = np.sum([_numbers(trace["x"]) for trace in share["data"]], axis=0)
    assert per_period == pytest.approx([100, 100])  # 2020: no year figure, no share
    trend = response["trend-chart-graph"]["figure"]
    assert len(trend["data"]) == 5
    assert all(trace["mode"] == "lines+markers" for trace in trend["data"])
    assert all(trace["connectgaps"] is False for trace in trend["data"])


def test_charts_carry_unit_source_and_release(client):
    details = " ".join(_texts(overview(client, lang="en")["regions-chart-details"]))
    assert "Unit: families" in details
    assert "Source: " in details
    assert "Data as of 18 Aug 2020" in details
    assert "release 1, published" in details
    lv = " ".join(_texts(overview(client, lang="lv")["regions-chart-details"]))
    assert "Mērvienība: ģimenes" in lv
    assert "Dati uz 18.08.2020" in lv


# --- chart tools: downloads, citation, permalink, embed snippet -------------------------------


def _tools(response: dict, chart: str) -> dict:
    return _by_id(response[f"{chart}-details"]["children"], f"{chart}-tools")


def _hrefs(node: Any) -> list[str]:
    return [c["props"]["href"] for c in _walk(node) if c.get("type") == "A"]


def test_every_overview_chart_has_labelled_tools(client):
    response = overview(client, regions=["latgale", "riga"], metric="people_returned", lang="en")
    for chart, embed in [
        ("regions-chart", "overview"),
        ("trend-chart", "trend"),
        ("share-chart", "share"),
    ]:
        tools = _tools(response, chart)
        buttons = [c for c in _walk(tools) if "data-format" in c["props"]]
        assert [b["props"]["data-format"] for b in buttons] == ["png", "svg"]
        # Copy buttons for the citation, the permalink and the embed code, aimed at them.
        copies = [c for c in _walk(tools) if "data-copy-target" in c["props"]]
        assert [c["props"]["data-copy-target"] for c in copies] == [
            f"{chart}-{part}" for part in ("citation", "permalink", "embed")
        ]
        title = response[f"{chart}-title"]["children"]
        for button in buttons:
            # Visible text plus the chart's title for screen readers; the image gets the title
            # and a caption with unit, period, source and release.
            visible, hidden = button["props"]["children"]
            assert visible == button["props"]["data-format"].upper()
            assert hidden["props"] == {"children": f" – {title}", "className": "visually-hidden"}
            assert button["props"]["data-graph"] == f"{chart}-graph"
            assert button["props"]["data-title"] == title
            caption = button["props"]["data-caption"]
            assert "Unit: " in caption and "2018 (Mar–Dec) – 2020" in caption
            assert "Source: " in caption and "release 1" in caption
        query = "regions=latgale,riga&metric=people_returned&from=2018"
        view = [h for h in _hrefs(tools) if h.startswith("/download/observations.")]
        assert view[:2] == [
            f"/download/observations.csv?{query}&to=2020&per_month=0&lang=en",
            f"/download/observations.xlsx?{query}&to=2020&per_month=0&lang=en",
        ]
        assert view[2:] == [
            "/download/observations.csv?scope=full&lang=en",
            "/download/observations.xlsx?scope=full&lang=en",
        ]
        permalink = _by_id(tools, f"{chart}-permalink")["props"]["href"]
        assert permalink == f"http://localhost/?{query}&to=2020&per_month=0&lang=en"
        citation = " ".join(_texts(_by_id(tools, f"{chart}-citation")))
        assert citation.startswith(f"Regional remigration support. {title}. ")
        assert "release 1 (" in citation and permalink in citation and "(accessed " in citation
        snippet = _by_id(tools, f"{chart}-embed")["props"]["children"]
        assert snippet.startswith(
            f'<iframe src="http://localhost/embed/{embed}?{query}'.replace("&", "&amp;")
        )
        assert f'title="{html.escape(title)}"' in snippet


def test_view_download_holds_exactly_the_charts_numbers(client, seed_values):
    """The "this view" CSV equals the chart's data: same regions, periods, metric and values."""
    import csv
    import io

    response = overview(client, regions=["latgale", "riga"], metric="people_returned", lang="en")
    href = next(h for h in _hrefs(_tools(response, "regions-chart")) if ".csv?" in h)
    download = client.get(href)
    assert download.status_code == 200
    rows = list(csv.DictReader(io.StringIO(download.get_data(as_text=True))))
    from_csv = {(r["period"], r["region"]): float(r["value"]) for r in rows}
    assert {r["metric"] for r in rows} == {"people_returned"}
    figure = regions_figure(response)
    from_chart = {
        (period, region): value
        for trace, region in zip(figure["data"], ["latgale", "riga"], strict=True)
        for period, value in zip([*SEED_YEARS, None], _numbers(trace["y"]), strict=True)
        if value is not None
    }
    assert from_csv == from_chart
    assert {r["shown_as"] for r in rows} == {"total"}
    assert {r["slot"] for r in rows} == {"2018", "2019"}
    assert from_csv == {(p, r): seed_values[(p, r, "people_returned")] for p, r in from_chart}


def test_full_download_holds_every_observation(client, seed_values):
    import csv
    import io

    download = client.get("/download/observations.csv?scope=full&lang=en")
    rows = list(csv.DictReader(io.StringIO(download.get_data(as_text=True))))
    assert {(r["period"], r["region"], r["metric"]): float(r["value"]) for r in rows} == {
        k: float(v) for k, v in seed_values.items()
    }


def test_funding_downloads(client):
    import csv
    import io

    one = client.get("/download/funding.csv?code=budget-2020")
    assert one.status_code == 200
    rows = list(csv.DictReader(io.StringIO(one.get_data(as_text=True))))
    assert [r["code"] for r in rows] == [
        "budget-2020",
        "budget-2020-business-support",
        "budget-2020-regional-coordinators",
        "budget-2020-municipal-services",
        "budget-2020-administration",
    ]
    assert [r["amount_eur"] for r in rows[1:]] == ["193058.7", "193058.7", "193058.7", "64352.9"]
    everything = client.get("/download/funding.xlsx")
    assert everything.status_code == 200
    assert everything.data[:2] == b"PK"
    assert client.get("/download/funding.csv?code=nope").status_code == 404
    assert client.get("/download/funding.csv?code=../etc").status_code == 404
    assert client.get("/download/funding.pdf").status_code == 404


# --- embeds ------------------------------------------------------------------------------------

EMBED_NAMES = ["overview", "trend", "share", "map", "budget", "pilot"]


@pytest.mark.parametrize("name", EMBED_NAMES)
def test_embed_may_be_framed_and_shows_chart_source_and_link_back(client, name):
    response = client.get(f"/embed/{name}?lang=en")
    assert response.status_code == 200
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers
    content = render_page(client, f"/embed/{name}", "?lang=en")
    assert _texts(_by_id(content, "embed-title"))
    figure = _by_id(content, "embed-graph")["props"]["figure"]
    assert figure["data"], "the embed draws its chart"
    texts = " ".join(str(x) for x in _texts(content))
    assert "Source: " in texts
    back = _by_id(content, "embed-back")["props"]
    assert back["target"] == "_blank"
    page = {"map": "/map", "budget": "/funding", "pilot": "/funding"}.get(name, "/")
    assert back["href"].startswith(f"{page}?")
    assert any(c.get("type") == "Table" for c in _walk(content)), "table alternative"


def test_pages_other_than_embeds_refuse_framing(client):
    response = client.get("/?lang=en")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_embed_layout_has_no_site_navigation(client):
    layout = client.get("/_dash-layout", headers={"Referer": "http://localhost/embed/overview"})
    ids = [c["props"].get("id") for c in _walk(layout.get_json())]
    assert "main-content" in ids
    assert "navbar-collapse" not in ids
    normal = client.get("/_dash-layout", headers={"Referer": "http://localhost/"})
    assert "navbar-collapse" in [c["props"].get("id") for c in _walk(normal.get_json())]


def test_embed_follows_the_query_like_the_page(client, seed_values):
    content = render_page(client, "/embed/overview", "?regions=riga&metric=people_returned")
    figure = _by_id(content, "embed-graph")["props"]["figure"]
    assert [trace["name"] for trace in figure["data"]] == ["Rīga"]
    assert _numbers(figure["data"][0]["y"]) == [
        *(seed_values[(p, "riga", "people_returned")] for p in SEED_YEARS),
        None,
    ]
    back = _by_id(content, "embed-back")["props"]["href"]
    assert back.startswith("/?regions=riga&metric=people_returned&")


def test_unknown_embed_names_the_available_ones(client):
    assert client.get("/embed/nonsense").status_code == 404
    content = render_page(client, "/embed/nonsense", "?lang=en")
    text = " ".join(_texts(_by_id(content, "embed-unknown")))
    assert "no such embeddable chart" in text
    for name in EMBED_NAMES:
        assert name in text


def test_first_view_is_rendered_into_the_layout(client, seed_values):
    """The charts of the URL's view come with the page, without waiting for a callback."""
    content = render_page(client, "/", "?regions=riga&metric=people_returned&lang=en")
    figure = _by_id(content, "regions-chart-graph")["props"]["figure"]
    assert [trace["name"] for trace in figure["data"]] == ["Riga"]
    assert _numbers(figure["data"][0]["y"]) == [
        *(seed_values[(p, "riga", "people_returned")] for p in SEED_YEARS),
        None,
    ]
    title = _by_id(content, "regions-chart-title")["props"]["children"]
    assert title == "People returned by region and period – Riga"
    for chart in ("trend-chart", "share-chart"):
        assert _by_id(content, f"{chart}-graph")["props"]["figure"]["data"]
        assert _by_id(content, f"{chart}-tools")
    cards = " ".join(str(x) for x in _texts(_by_id(content, "headline-cards")))
    riga_people = sum(seed_values[(p, "riga", "people_returned")] for p in SEED_YEARS)
    assert f"{riga_people:,}" in cards


def test_first_view_reports_a_swapped_range(client):
    content = render_page(client, "/", f"?from={PERIOD_TO}&to={PERIOD_FROM}&lang=en")
    assert _texts(_by_id(content, "filter-message"))


def test_overview_callback_does_not_run_on_page_load(client):
    dep = _callback(client, "regions-chart-graph.figure")
    assert dep["prevent_initial_call"] is True


def test_pages_do_not_load_the_unused_data_table_bundle(client):
    """dash_internals.LeanDash leaves dash_table's scripts out; that is only right while no page
    uses a DataTable, which this checks in the source."""
    import re
    from pathlib import Path

    html = client.get("/").get_data(as_text=True)
    scripts = re.findall(r'<script type="text/plain" data-after-paint src="([^"]+)"', html)
    assert any("dash_core_components" in s for s in scripts)
    assert not [s for s in scripts if "dash_table" in s]
    package = Path(__file__).resolve().parents[2] / "dashboard"
    users = [
        str(p)
        for p in package.rglob("*.py")
        if re.search(r"dash_table|DataTable", p.read_text(encoding="utf-8"))
        and p.name != "dash_internals.py"
    ]
    assert users == []
