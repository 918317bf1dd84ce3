"""A constant route for `make bench` to measure pages against, off unless configured.

It goes through the same app and middleware (sessions, locale, security
headers) as every page, so a page's ratio to it shows the page's own cost.
"""

from flask import Flask


def register_benchmark_routes(app: Flask) -> None:
    @app.route("/bench/constant")
    def bench_constant():
        return "constant"
