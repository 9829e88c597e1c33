"""The first view's HTML (``dashboard/web/first_view.py``): what the components' React code
would write, ids that cannot collide with Dash's copy, and no page when a component is unknown."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.web.first_view import PHONE_SCRIPT, first_view, to_html


def test_html_components_become_their_tags_with_attributes_and_escaped_text():
    tree = html.Div(
        [
            html.H1("Rīga & <Vidzeme>", className="h2"),
            html.P("x", style={"minHeight": 380, "opacity": 0.5, "fontWeight": 600}),
            html.Br(),
            html.Details([html.Summary("More")], open=True, n_clicks=0),
            html.Td("1", colSpan=2),
        ],
        **{"aria-live": "polite", "data-lang": "lv"},
    )
    assert to_html(tree) == (
        '<div aria-live="polite" data-lang="lv">'
        '<h1 class="h2">Rīga &amp; &lt;Vidzeme&gt;</h1>'
        '<p style="min-height: 380px; opacity: 0.5; font-weight: 600">x</p>'
        "<br>"
        "<details open><summary>More</summary></details>"
        '<td colspan="2">1</td>'
        "</div>"
    )


def test_ids_and_references_to_them_are_prefixed_so_dash_s_copy_keeps_its_own():
    tree = html.Div(
        [
            html.A("Skip", href="#main-content"),
            html.Label("Search", htmlFor="search"),
            html.Button("Menu", id="toggler", **{"aria-controls": "menu"}),
            html.Div(id={"type": "copy", "target": "x"}),
            html.A("Out", href="https://paps.lv/#top"),
        ]
    )
    assert to_html(tree) == (
        "<div>"
        '<a href="#fv-main-content">Skip</a>'
        '<label for="fv-search">Search</label>'
        '<button aria-controls="fv-menu" id="fv-toggler">Menu</button>'
        '<div id="fv-{&#34;target&#34;:&#34;x&#34;,&#34;type&#34;:&#34;copy&#34;}"></div>'
        '<a href="https://paps.lv/#top">Out</a>'
        "</div>"
    )


def test_bootstrap_layout_components_carry_bootstrap_s_classes():
    tree = dbc.Container(
        dbc.Row(
            [dbc.Col(dbc.Card(dbc.CardBody("a"), className="mb-4"), md=3), dbc.Col("b")],
            className="g-3",
        ),
        fluid="lg",
        className="py-3",
    )
    assert to_html(tree) == (
        '<div class="py-3 container-lg"><div class="g-3 row">'
        '<div class="col-md-3"><div class="mb-4 card"><div class="card-body">a</div></div></div>'
        '<div class="col">b</div>'
        "</div></div>"
    )


def test_form_controls_show_their_chosen_values():
    select = dbc.Select(
        id="period",
        options=[{"label": "2024", "value": "2024"}, {"label": "2025", "value": "2025"}],
        value="2025",
    )
    assert to_html(select) == (
        '<select class="form-select" id="fv-period">'
        '<option disabled hidden value=""></option>'
        '<option value="2024">2024</option>'
        '<option selected value="2025">2025</option>'
        "</select>"
    )
    checks = to_html(
        dbc.Checklist(
            id="regions",
            options=[{"label": "Kurzeme", "value": "kurzeme"}, {"label": "Rīga", "value": "riga"}],
            value=["riga"],
        )
    )
    box = "_dbcprivate_checklist_regions_input_"
    kurzeme = f'<input class="form-check-input" id="fv-{box}kurzeme" type="checkbox"'
    assert f'{kurzeme} value="kurzeme">' in checks
    assert f'checked class="form-check-input" id="fv-{box}riga" type="checkbox"' in checks
    assert f'<label class="form-check-label" for="fv-{box}riga">Rīga</label>' in checks
    radio = to_html(dbc.RadioItems(id="m", options=[{"label": "A", "value": "a"}], value="a"))
    radio_id = "fv-_dbcprivate_radioitems_m_input_a"
    assert f'<input checked class="form-check-input" id="{radio_id}" type="radio"' in radio
    switch = to_html(dbc.Switch(id="per-month", label="Per month", value=False))
    assert switch == (
        '<div class="form-check form-switch"><input class="form-check-input" id="fv-per-month" '
        'type="checkbox"><label class="form-check-label form-label" for="fv-per-month">'
        "Per month</label></div>"
    )
    button = to_html(dbc.Button("Go", color="secondary", outline=True, size="sm"))
    assert button == '<button class="btn btn-outline-secondary btn-sm" type="button">Go</button>'


def test_client_only_components_draw_nothing_or_their_reserved_box():
    assert to_html(dcc.Store(id="s", data=[1])) == ""
    assert to_html(dcc.Location(id="url")) == ""
    graph = to_html(dcc.Graph(id="g", figure={"data": []}, className="chart-graph"))
    assert graph == '<div class="dash-graph chart-graph" id="fv-g"></div>'


def test_the_layout_is_wrapped_and_a_panel_closed_on_phones_gets_its_script_after_it():
    layout = html.Div(
        [
            html.Details(html.Summary("Atlase"), open=True, className="collapse-on-phones"),
            html.P("Kopā"),
        ]
    )
    assert first_view(layout) == (
        '<div id="first-view"><div>'
        '<details class="collapse-on-phones" open><summary>Atlase</summary></details>'
        f"<script>{PHONE_SCRIPT}</script>"
        "<p>Kopā</p></div></div>"
    )
    assert first_view(html.Details(html.Summary("x"), open=True)).count("<script>") == 0


def test_a_component_without_a_static_rendering_means_no_first_view():
    assert first_view(html.Div(dcc.Upload(id="up"))) is None
    assert first_view(html.Div(dbc.Carousel(items=[]))) is None


def test_components_in_dash_s_json_form_are_written_like_the_objects():
    """``chart_card.data_table`` writes its body rows as JSON-form dicts; they were written as
    their keys ("typenamespaceprops") inside the tables' folded details."""
    from dashboard.components.chart_card import data_table
    from dashboard.figures.overview import ChartTable

    table = data_table(ChartTable(columns=["Period", "Rīga"], rows=[["2019", "12"]]), "Cap")
    assert to_html(table) == (
        '<table class="table table-sm table-striped align-middle mb-0 data-table">'
        "<caption>Cap</caption>"
        '<thead><tr><th scope="col">Period</th><th scope="col">Rīga</th></tr></thead>'
        '<tbody><tr><th scope="row">2019</th><td>12</td></tr></tbody></table>'
    )


def test_a_static_section_carries_its_html_and_the_first_view_writes_its_children():
    from dashboard.components.static_section import static_section

    children = [html.H2("Licence", id="licence"), html.A("top", href="#licence")]
    section = static_section(children, className="s")
    # What Dash sends: one element, the HTML with the page's own ids, no children.
    sent = section.to_plotly_json()["props"]
    assert sent == {
        "children": None,
        "className": "s",
        "data-static-html": '<h2 id="licence">Licence</h2><a href="#licence">top</a>',
    }
    # The first view writes the children with its own prefix, not the attribute.
    assert to_html(html.Div(section)) == (
        '<div><div class="s"><h2 id="fv-licence">Licence</h2><a href="#fv-licence">top</a>'
        "</div></div>"
    )
    # And the prefix is back to the first view's after a section was written.
    assert to_html(html.P(id="x")) == '<p id="fv-x"></p>'
