"""Lesson pages under gunicorn (4 workers, SQLite), against a constant route of the same app.

Targets (issue 15): a visitor gets at least 0.50 of the constant route's
requests per second, a signed-in enrolled learner at least 0.35. The site and
the load are tests/benchmarks/served.py's; only the ratios mean much.
"""

from __future__ import annotations

from tests.benchmarks import table
from tests.benchmarks.served import alternating, sign_in

TARGETS = {"visitor": 0.50, "signed-in learner": 0.35}
LESSON = "/courses/big-course/lessons/lesson-502"


def bench_lesson_pages_against_a_constant_route(site):
    port, _public_id = site
    learner = sign_in(port)
    for who, cookie in (("visitor", None), ("signed-in learner", learner)):
        constant, page, ratio = alternating(port, ("/bench/constant", LESSON), cookie)
        table.at_least(
            f"lesson page, {who}", f"{page:.0f} req/s", f"{constant:.0f} req/s", ratio, TARGETS[who]
        )
