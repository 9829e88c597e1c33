"""The baseline for bench/page_weight.py: a stock Dash app as the issue defines it.

One dropdown, one ``px.bar``, ``compress=True``, Dash's default (full) Plotly bundle. Its data is
a fixed illustrative table, labelled as such; it is never part of the dashboard.
Run with: gunicorn -w 2 -b 127.0.0.1:8061 bench.baseline_app:server
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
from dash import Dash, Input, Output, callback, dcc, html

# Synthetic, for the benchmark only.
FRAME = pd.DataFrame(
    {
        "region": ["A", "B", "C", "D", "E"] * 3,
        "period": ["p1"] * 5 + ["p2"] * 5 + ["p3"] * 5,
        "value": [3, 5, 2, 4, 1, 6, 2, 3, 5, 4, 2, 4, 6, 1, 3],
    }
)

app = Dash(__name__, compress=True)
app.layout = html.Div(
    [
        dcc.Dropdown(
            id="period", options=sorted(FRAME["period"].unique()), value="p1", clearable=False
        ),
        dcc.Graph(id="chart"),
    ]
)
server = app.server


@callback(Output("chart", "figure"), Input("period", "value"))
def chart(period: str):
    return px.bar(FRAME[FRAME["period"] == period], x="region", y="value")
