"""Pure chart builders: DataFrame in, Plotly figure (plus table rows and a text summary) out.

Nothing here touches the database or Dash; pages pass in the query results and the language.
"""
