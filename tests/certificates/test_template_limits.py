"""A course's certificate template runs in a sandbox that bounds its work and size."""

from __future__ import annotations

import pytest
import weasyprint.layout

from academy.certificates.pdf import CertificateRenderError, render_certificate_pdf
from academy.certificates.sandbox import BoundedSandbox, TemplateLimitError, render_bounded
from tests.certificates.test_pdf import VERIFY_URL, make_record

NESTED = "{% set l0 = ['ab', 'ab'] %}" + "".join(
    f"{{% set l{n} = [l{n - 1}, l{n - 1}] %}}" for n in range(1, 40)
)


def run(source: str, **context) -> str:
    return render_bounded(BoundedSandbox(autoescape=True).from_string(source), context)


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (
            "{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}",
            "more than 10000 loop steps and calls",
        ),
        ("{{ range(100000)|length }}", "range() of more than 1000 items"),
        ("{{ 'x' * 10**9 }}", "a value of more than 100000 characters"),
        ("{{ 2 ** 100000 }}", "a number over 4096 bits"),
        (
            "{% set ns = namespace(s='ab') %}{% for i in range(40) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            "a value of more than 100000 characters",
        ),
        ("{{ 'x'|center(10**9) }}", "a value of more than 100000 characters"),
        ("{{ '%999999999d' % 1 }}", "a format width over 1000"),
        ("{{ '%999999999d'|format(1) }}", "a format width over 1000"),
        ("{{ [1]|batch(10**9, 0)|list }}", "a value of more than 100000 items"),
        (
            "{% for i in range(200) %}{{ 'x' * 1001 }}{% endfor %}",
            "an output over 200000 characters",
        ),
        # Macro bodies and `set` blocks are written to memory, not to the output.
        (
            "{% macro m() %}{% for i in range(1000) %}" + "y" * 5000 + "{% endfor %}"
            "{% endmacro %}{% set s = m() %}",
            "wrote more than 1000000 characters",
        ),
        # A list nested 40 times is 2**40 items once written, compared or serialised.
        (NESTED + "{{ l39 }}", "wrote more than 1000000 characters"),
        (NESTED + "{{ l39|tojson }}", "a value of more than 100000 characters"),
        (NESTED + "{{ l39 == l39 + [] }}", "a value of more than 100000 characters"),
        (
            NESTED + "{% for i in [1, 2] %}{{ loop.changed(l39) }}{% endfor %}",
            ("a value of more than 100000 characters"),
        ),
    ],
)
def test_work_and_size_are_bounded(source, reason):
    with pytest.raises(TemplateLimitError) as caught:
        run(source)
    assert str(caught.value) == reason


@pytest.mark.parametrize("method", ["ljust", "zfill", "format", "join", "replace"])
def test_text_methods_that_grow_a_value_are_refused(method):
    with pytest.raises(Exception, match=f"access to attribute '{method}' of 'str'"):
        run(f"{{{{ 'x'.{method}(10**9) }}}}")


def test_random_output_is_not_available():
    with pytest.raises(Exception, match="No filter named 'random'"):
        run("{{ [1, 2]|random }}")
    with pytest.raises(Exception, match="'lipsum' is undefined"):
        run("{{ lipsum(10) }}")


def test_an_ordinary_template_renders_as_before():
    source = (
        "{% for person in people %}<p>{{ person ~ '!' }}</p>{% endfor %}"
        "{{ 'ab'|center(6) }}|{{ people|join(', ') }}|{{ '%05.1f' % 2.5 }}|{{ 3 * 4 }}"
    )
    assert run(source, people=["Ana", "<b>"]) == (
        "<p>Ana!</p><p>&lt;b&gt;!</p>  ab  |Ana, &lt;b&gt;|002.5|12"
    )


def test_a_document_stops_at_the_page_cap(app, monkeypatch):
    # Counted, not timed: WeasyPrint lays out each page through make_page, and
    # the cap must stop it right after the page past the cap, not after all 200.
    laid_out = []
    make_page = weasyprint.layout.page.make_page

    def counting(*args, **kwargs):
        laid_out.append(1)
        return make_page(*args, **kwargs)

    monkeypatch.setattr(weasyprint.layout.page, "make_page", counting)
    source = "{% for c in certificate.recipient_name %}<p>{{ c }}</p>{% endfor %}"
    with pytest.raises(CertificateRenderError) as caught:
        render_certificate_pdf(
            make_record(recipient_name="x" * 200), verify_url=VERIFY_URL, template_html=source
        )
    assert caught.value.reason == "the certificate runs over 2 pages"
    assert len(laid_out) == 3


def test_the_page_cap_still_wraps_weasyprints_page_generator():
    # The cap works by wrapping this generator; an upgrade that moves it fails here.
    assert getattr(weasyprint.layout.make_all_pages, "academy_page_cap", False)
    assert weasyprint.layout.layout_document.__globals__["make_all_pages"] is (
        weasyprint.layout.make_all_pages
    )
