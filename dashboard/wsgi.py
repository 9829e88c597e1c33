"""WSGI entry point for gunicorn: ``gunicorn dashboard.wsgi:server``.

The database must already be prepared (``remigration init-db``, the Procfile's release step).
The app's loggers (including the one-line-per-request ``dashboard.request`` log) write through
gunicorn's error log handlers, so they land wherever gunicorn's ``--error-logfile`` points.
"""

import logging

from dashboard import create_app

_gunicorn = logging.getLogger("gunicorn.error")
if _gunicorn.handlers:
    logging.getLogger("dashboard").handlers = list(_gunicorn.handlers)

app = create_app()
server = app.server
