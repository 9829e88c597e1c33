"""One module per page (Dash Pages). Pages import queries, figures and components, never the app."""
