"""Benchmarks: `make bench`. Not collected by the normal test run.

Timings on shared machines are noisy, so each figure is printed as a ratio
against a baseline measured in the same run: a bare Flask app answering a
one-line template. The budgets are ratios too, loose enough for noise and
tight enough to catch a page that starts doing per-request work it should not.
"""

from __future__ import annotations

import time

import pytest
from flask import Flask, render_template_string

from tests.benchmarks import table
from tests.factories import make_user, sign_in

ROUNDS = 200
BUDGETS = {"/": 12, "/auth/register": 25, "/auth/sign-in": 12, "/account/": 25}


def _per_request(client, url: str, rounds: int = ROUNDS) -> float:
    client.get(url)  # warm caches and templates
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(rounds):
            client.get(url)
        best = min(best, (time.perf_counter() - start) / rounds)
    return best


def _baseline() -> float:
    bare = Flask("baseline")

    @bare.route("/")
    def index():
        return render_template_string("<!doctype html><title>x</title><p>{{ word }}</p>", word="x")

    return _per_request(bare.test_client(), "/")


@pytest.mark.parametrize("url", list(BUDGETS))
def bench_page(client, url):
    baseline = _baseline()
    if url.startswith("/account"):
        sign_in(client, make_user().email)
    seconds = _per_request(client, url)
    ratio = seconds / baseline
    print(
        f"\n{url:<16} {seconds * 1000:7.2f} ms/request  {ratio:5.1f}x baseline "
        f"(budget {BUDGETS[url]}x; baseline {baseline * 1000:.3f} ms)"
    )
    table.at_most(
        f"page {url}", f"{seconds * 1000:.2f} ms", f"{baseline * 1000:.3f} ms", ratio, BUDGETS[url]
    )
