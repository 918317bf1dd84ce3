"""WSGI entry point: gunicorn 'wsgi:app'."""

from academy import create_app
from academy.logs import configure_logging

app = create_app()
# The server's process logs as the settings say (academy.logs); create_app leaves it alone.
configure_logging(app)
