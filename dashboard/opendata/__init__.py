"""Open data that plugs into other tools: the licence, the Frictionless data package, the
DCAT-AP catalogue record, JSON-stat and the release feed.

Pure builders of documents from what the query layer returns; the routes that serve them are in
``dashboard/api/v1/`` and the page that explains them is ``/data``.
"""
