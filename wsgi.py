"""WSGI entry point: gunicorn 'wsgi:app'."""

from academy import create_app

app = create_app()
