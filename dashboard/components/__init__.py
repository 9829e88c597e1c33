"""What the pages show, as plain functions: rows, frames, dates and ``lang`` in, Dash components
(or the values a callback returns) out, so each is tested without a server.

Builders only: ``register_page``, ``layout()`` and the ``@callback`` wrappers (validate, call,
return) stay in the page modules, which Dash re-imports for every app instance. Most builders
take their data as arguments; the chart sets a page shares with its embed (``map_view``,
``overview_charts``) and the filter panel still read the cached queries themselves, so that a
page and its ``/embed/...`` view cannot build different views from different data.
"""
