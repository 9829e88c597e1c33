"""Shared layout pieces (page shell, chart card, data table). Layout builders only: callbacks
live in the page modules, which Dash re-imports for every app instance."""
