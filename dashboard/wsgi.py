"""WSGI entry point for gunicorn: ``gunicorn dashboard.wsgi:server``.

The database must already be prepared (``remigration init-db``, the Procfile's release step).
"""

from dashboard import create_app

app = create_app()
server = app.server
