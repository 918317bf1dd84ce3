"""Certificate PDFs: warm render time, size, memory over many renders, and repeated downloads.

Baselines, measured in the same run: the same WeasyPrint rendering a
one-paragraph HTML document to PDF; for a repeated download, the app's
constant route (/bench/constant) with the same learner's cookie, under
gunicorn (tests/benchmarks/served.py).
"""

from __future__ import annotations

import gc
import resource
import statistics
import time

import weasyprint
from weasyprint.text.fonts import FontConfiguration

from academy.certificates.pdf import _qr_svg, render_certificate_pdf
from tests.benchmarks import table
from tests.benchmarks.served import alternating, sign_in
from tests.certificates.test_pdf import LOGO, VERIFY_URL, make_record

TARGET_MS = 60
TARGET_RATIO = 2.5
TARGET_BYTES = 100_000
# Issue 15: a repeated download, from the cache, against the constant route.
TARGET_DOWNLOAD_RATIO = 0.5


def _median_ms(function, runs: int = 20) -> float:
    function()  # warm: fonts, templates, stylesheet
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def _render():
    return render_certificate_pdf(make_record(), verify_url=VERIFY_URL, logo=LOGO)


def bench_certificate_render_time_and_size(app):
    paragraph = weasyprint.HTML(string="<p>One paragraph.</p>")
    # The renderer reuses one FontConfiguration per thread; so does the strict baseline.
    fonts = FontConfiguration()
    baseline = _median_ms(lambda: paragraph.write_pdf(font_config=fonts))
    default_baseline = _median_ms(lambda: paragraph.write_pdf())
    # What the QR code alone costs: the same paragraph with the certificate's inline SVG.
    with_qr = weasyprint.HTML(string=f"<p>One paragraph.</p><div>{_qr_svg(VERIFY_URL)}</div>")
    qr_only = _median_ms(lambda: with_qr.write_pdf(font_config=fonts))
    median = _median_ms(_render)
    size = len(_render())
    ratio = median / baseline
    print(
        f"\ncertificate PDF: median {median:.1f} ms (target <= {TARGET_MS}),"
        f" one-paragraph baseline {baseline:.1f} ms, ratio {ratio:.2f}x (target <= {TARGET_RATIO}),"
        f" size {size / 1000:.1f} KB (target <= {TARGET_BYTES / 1000:.0f});"
        f"\n  one paragraph and the QR code's inline SVG alone: {qr_only:.1f} ms,"
        f" ratio {qr_only / baseline:.2f}x (see docs/decisions.md on this target);"
        f"\n  against one paragraph with a new FontConfiguration (WeasyPrint's default):"
        f" {default_baseline:.1f} ms, ratio {median / default_baseline:.2f}x"
    )
    table.within_ms("certificate PDF: first render (median)", median, TARGET_MS)
    table.at_most(
        "certificate PDF: render / one paragraph",
        f"{median:.1f} ms",
        f"{baseline:.1f} ms",
        ratio,
        TARGET_RATIO,
    )
    table.record(
        "certificate PDF: size",
        f"{size / 1000:.1f} KB",
        target=f"<= {TARGET_BYTES / 1000:.0f} KB",
        held=size <= TARGET_BYTES,
    )


def bench_certificate_repeated_download(site):
    """The same learner downloading their certificate again, served from the cache."""
    port, public_id = site
    learner = sign_in(port)
    url = f"/certificates/{public_id}.pdf"
    constant, pdf, ratio = alternating(port, ("/bench/constant", url), learner)
    table.at_least(
        "certificate PDF: repeated download",
        f"{pdf:.0f} req/s",
        f"{constant:.0f} req/s",
        ratio,
        TARGET_DOWNLOAD_RATIO,
    )


def bench_certificate_memory_is_flat(app):
    rss = []
    for _ in range(500):
        _render()
        rss.append(_rss_mb())
    gc.collect()
    first, last = statistics.mean(rss[:100]), statistics.mean(rss[-100:])
    print(
        f"\nRSS over 500 renders: first 100 avg {first:.1f} MB, last 100 avg {last:.1f} MB,"
        f" growth {last - first:+.1f} MB (limit 20)"
    )
    table.record(
        "certificate PDF: RSS growth over 500 renders",
        f"{last - first:+.1f} MB",
        target="< 20 MB",
        held=last - first < 20,
    )
