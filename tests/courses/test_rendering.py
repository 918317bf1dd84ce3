"""Lesson Markdown rendering: CommonMark, the course extensions, references."""

from __future__ import annotations

import re
from textwrap import dedent

import pytest

from academy.courses.containers import DEFAULT_LABELS, container_problems
from academy.courses.references import Reference
from academy.courses.rendering import render_inline, render_lesson, slugify
from academy.courses.sanitising import CONTAINER_KINDS, ID_PREFIX, sanitise


def html(markdown: str, **options) -> str:
    return render_lesson(dedent(markdown), **options).html


def references(markdown: str, **options) -> list[tuple[str, int, str]]:
    rendered = render_lesson(dedent(markdown), **options)
    return [(ref.url, ref.line, ref.kind) for ref in rendered.references]


# -- CommonMark and tables ---------------------------------------------------------


def test_commonmark_basics():
    out = html(
        """\
        Some *emphasis*, **strong**, `code` and ~~struck~~.

        > A quote.

        1. one
        2. two

        - a
        - b

        ```python
        print("<hi>")
        ```

        ---
        """
    )
    assert "<p>Some <em>emphasis</em>, <strong>strong</strong>, <code>code</code>" in out
    assert "<s>struck</s>" in out
    assert "<blockquote>\n<p>A quote.</p>\n</blockquote>" in out
    assert "<ol>\n<li>one</li>\n<li>two</li>\n</ol>" in out
    assert "<ul>\n<li>a</li>\n<li>b</li>\n</ul>" in out
    # No language class (nothing highlights code); the code is escaped.
    assert '<pre><code>print("&lt;hi&gt;")\n</code></pre>' in out
    assert "<hr>" in out


def test_ordered_list_keeps_its_start():
    assert '<ol start="3">' in html("3. three\n4. four\n")


def test_hard_break_and_no_typographer_or_linkify():
    out = html('line one\\\nline two -- "quoted" www.example.org\n')
    assert "<br>" in out
    assert '-- "quoted" www.example.org' in out
    assert "<a " not in out


def test_table_is_wrapped_and_aligned_with_classes():
    out = html(
        """\
        | Left | Centre | Right | None |
        |:-----|:------:|------:|------|
        | a    | b      | c     | d    |
        """
    )
    assert out.startswith(
        '<div class="table-wrap" role="region" tabindex="0" aria-label="Table 1">\n<table>\n'
    )
    assert out.rstrip().endswith("</table>\n</div>")
    assert '<th class="align-left">Left</th>' in out
    assert '<th class="align-center">Centre</th>' in out
    assert '<td class="align-right">c</td>' in out
    assert "<td>d</td>" in out
    assert "style" not in out


def test_tables_are_numbered_regions_named_in_the_lesson_language():
    table = "| a |\n|---|\n| b |\n"
    labels = {"table": "Tableau %(number)s"}
    out = render_lesson(f"{table}\nText.\n\n{table}", labels=labels).html
    assert re.findall(r'<div class="table-wrap"[^>]*>', out) == [
        '<div class="table-wrap" role="region" tabindex="0" aria-label="Tableau 1">',
        '<div class="table-wrap" role="region" tabindex="0" aria-label="Tableau 2">',
    ]


def test_footnote_heading_and_back_links_use_the_lesson_language_labels():
    labels = {"footnotes": "Notes & sources", "footnote_back": "Retour à l’appel %(number)s"}
    out = render_lesson("Texte.[^a]\n\n[^a]: Source.\n", labels=labels).html
    assert "<h2>Notes &amp; sources</h2>" in out
    assert '<a href="#c-fnref1" class="footnote-backref" aria-label="Retour à l’appel 1">' in out


def test_raw_html_is_escaped_text():
    out = html('<div onclick="x()">hello</div>\n\nInline <b>bold</b> <!-- c -->\n')
    assert "&lt;div onclick=" in out
    assert "<div" not in out
    assert "&lt;b&gt;bold&lt;/b&gt;" in out
    assert "&lt;!-- c --&gt;" in out


# -- Footnotes ---------------------------------------------------------------------


def test_footnotes_have_prefixed_ids_and_fragments():
    out = html(
        """\
        A claim.[^source] Another.[^source] Inline.^[An *inline* note.]

        [^source]: The source.
        """
    )
    assert '<a href="#c-fn1" id="c-fnref1">[1]</a>' in out
    assert '<a href="#c-fn1" id="c-fnref1:1">[1:1]</a>' in out
    assert '<a href="#c-fn2" id="c-fnref2">[2]</a>' in out
    assert '<li id="c-fn1" class="footnote-item">' in out
    assert '<a href="#c-fnref1" class="footnote-backref" aria-label="Back to reference 1">' in out
    assert (
        '<a href="#c-fnref1:1" class="footnote-backref" aria-label="Back to reference 1:1">' in out
    )
    assert "An <em>inline</em> note." in out
    assert '<section class="footnotes">\n<h2>Notes</h2>\n<ol class="footnotes-list">' in out
    for value in re.findall(r'(?:id="|href="#)([^"]*)"', out):
        assert value.startswith(ID_PREFIX)
        assert not value.startswith(ID_PREFIX * 2)


# -- Containers --------------------------------------------------------------------


@pytest.mark.parametrize("kind", CONTAINER_KINDS)
def test_container_without_title_uses_label(kind):
    out = html(f"::: {kind}\nBody *text*.\n:::\n")
    assert out == (
        f'<div class="callout callout-{kind}" role="note">\n'
        f'<p class="callout-title">{DEFAULT_LABELS[kind]}</p>\n'
        "<p>Body <em>text</em>.</p>\n"
        "</div>\n"
    )


@pytest.mark.parametrize("kind", CONTAINER_KINDS)
def test_container_with_title(kind):
    out = html(f"::: {kind} Market mapping *(20 minutes)*\nBody.\n:::\n")
    assert f'<div class="callout callout-{kind}" role="note">' in out
    assert '<p class="callout-title">Market mapping <em>(20 minutes)</em></p>' in out


def test_container_labels_are_translatable_and_plain_text():
    labels = {**DEFAULT_LABELS, "tip": "Astuce *<b>*"}
    out = html("::: tip\nx\n:::\n", labels=labels)
    assert '<p class="callout-title">Astuce *&lt;b&gt;*</p>' in out


def test_container_title_can_use_reference_links_but_not_footnotes():
    out = html("::: note See [the guide][g] ^[not a note]\nx\n:::\n\n[g]: guide.md\n")
    assert '<p class="callout-title">See <a href="guide.md">the guide</a> ^[not a note]</p>' in out


def test_container_title_is_escaped():
    out = html("::: note <img src=x onerror=alert(1)>\nx\n:::\n")
    assert '<p class="callout-title">&lt;img src=x onerror=alert(1)&gt;</p>' in out


def test_nested_containers_with_longer_fences():
    out = html(
        """\
        :::: activity Outer
        Before.

        ::: tip
        Inner.
        :::

        After.
        ::::
        """
    )
    assert out == (
        '<div class="callout callout-activity" role="note">\n'
        '<p class="callout-title">Outer</p>\n'
        "<p>Before.</p>\n"
        '<div class="callout callout-tip" role="note">\n'
        '<p class="callout-title">Tip</p>\n'
        "<p>Inner.</p>\n"
        "</div>\n"
        "<p>After.</p>\n"
        "</div>\n"
    )


def test_unknown_container_stays_text():
    out = html("::: danger\nCareful.\n:::\n")
    assert out == "<p>::: danger\nCareful.\n:::</p>\n"
    assert "callout" not in html("::: Note\nx\n:::\n")


def test_container_problems():
    source = dedent(
        """\
        ::: danger
        x
        :::

        ```
        ::: inside-code
        ```

        ::: note
        never closed
        """
    )
    assert container_problems(source, first_line=4) == [
        (4, "unknown box 'danger': the kinds are note, tip, warning and activity"),
        (12, "the box 'note' is not closed: end it with a line of colons (:::)"),
    ]
    assert container_problems("::: note\nfine\n:::\n") == []
    assert container_problems("> ::: note\n> quoted\n> :::\n\n- ::: tip\n  x\n  :::\n") == []


# -- Heading ids -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Getting started", "c-getting-started"),
        ("What is `SSE`?", "c-what-is-sse"),
        ("Qu'est-ce que l'ESS ?", "c-quest-ce-que-less"),
        ("Économie sociale et solidaire", "c-économie-sociale-et-solidaire"),
        ("مرحبا بكم في الدورة", "c-مرحبا-بكم-في-الدورة"),
        ("!!!", "c-section"),
    ],
)
def test_heading_ids(heading, expected):
    assert html(f"## {heading}\n").startswith(f'<h2 id="{expected}">')


def test_heading_ids_are_unique_and_on_every_level():
    out = html("# Intro\n\n## Intro\n\n### Intro\n\n###### Fn1\n\n## Intro 2\n")
    ids = re.findall(r'<h\d id="([^"]*)"', out)
    assert ids == ["c-intro", "c-intro-2", "c-intro-3", "c-fn1-2", "c-intro-2-2"]
    assert "¶" not in out
    assert "header-anchor" not in out


def test_slugify_keeps_letters_of_any_script():
    assert slugify("Ça  va -- bien?") == "ça-va-bien"
    assert slugify("L’économie") == "léconomie"
    assert slugify("") == "section"


# -- References --------------------------------------------------------------------


def test_references_have_exact_file_lines():
    source = """\
        A [single](one.md) line.

        A paragraph
        over [three](three.md) lines with `a code
        span` and then [after](after.md).

        - item
        - with [a link](item.md)

        | a | b |
        |---|---|
        | x | [cell](cell.md) |

        ## Heading [link](heading.md)

        ![An image](img/photo.jpg "Title")

        ::: tip Title [link](title.md)
        Body [ref][r].
        :::

        [r]: https://example.org/r
        """
    assert references(source, first_line=5) == [
        ("one.md", 5, "link"),
        ("three.md", 8, "link"),
        ("after.md", 9, "link"),
        ("item.md", 12, "link"),
        ("cell.md", 16, "link"),
        ("heading.md", 18, "link"),
        ("img/photo.jpg", 20, "image"),
        ("title.md", 22, "link"),
        ("https://example.org/r", 23, "link"),
    ]


def test_references_in_footnotes_are_in_source_order():
    source = """\
        Text.[^a] More ^[inline [i](inline.md)]
        [after](after.md)

        [^a]: See [def](def.md).
        """
    assert references(source) == [
        ("inline.md", 1, "link"),
        ("after.md", 2, "link"),
        ("def.md", 4, "link"),
    ]


def test_reference_in_a_dropped_footnote_definition_keeps_its_line():
    # markdown-it drops the unreferenced definition but keeps its inline footnote.
    source = "Text.\n\n[^unused]: Has ^[an inline\nnote [x](x.md)]\n"
    assert references(source, first_line=3) == [("x.md", 6, "link")]


def test_reference_urls_are_as_written():
    source = (
        "[a](<my file.md>) [b](été.md#part) [c](mailto:x@example.org) <https://e.org/?a=1&b=2>\n"
    )
    assert [url for url, _, _ in references(source)] == [
        "my file.md",
        "été.md#part",
        "mailto:x@example.org",
        "https://e.org/?a=1&b=2",
    ]


def test_rewrite_url_applies_to_relative_urls_only():
    seen: list[Reference] = []

    def rewrite(reference: Reference) -> str | None:
        seen.append(reference)
        if reference.url == "keep.md":
            return None
        return f"/courses/x/{reference.kind}/{reference.url}"

    out = html(
        """\
        [rel](page.md) [keep](keep.md) ![img](<pics/a b.png>)
        [abs](https://example.org/p.md) [root](/about) [frag](#intro)
        [mail](mailto:a@example.org) [proto](//cdn.example.org/x.js)
        """,
        rewrite_url=rewrite,
    )
    assert [ref.url for ref in seen] == ["page.md", "keep.md", "pics/a b.png"]
    assert '<a href="/courses/x/link/page.md">rel</a>' in out
    assert '<a href="keep.md">keep</a>' in out
    assert '<img src="/courses/x/image/pics/a%20b.png" alt="img"' in out
    assert '<a href="https://example.org/p.md" rel="noopener">abs</a>' in out
    assert '<a href="/about">root</a>' in out
    assert '<a href="#c-intro">frag</a>' in out
    assert '<a href="mailto:a@example.org">mail</a>' in out
    assert '<a href="//cdn.example.org/x.js" rel="noopener">proto</a>' in out


def test_external_links_only_get_noopener():
    out = html("[a](https://e.org) [b](http://e.org) [c](page.md) [d](#x) <https://f.org>\n")
    assert out.count('rel="noopener"') == 3
    assert '<a href="page.md">c</a>' in out
    assert "target" not in out


def test_images_are_lazy_and_keep_alt():
    out = html('![A *market* stall](stall.jpg "The stall")\n')
    assert out == (
        '<p><img src="stall.jpg" alt="A market stall" title="The stall" '
        'loading="lazy" decoding="async"></p>\n'
    )


# -- render_inline, sanitise, determinism ---------------------------------------------


def test_render_inline():
    assert render_inline("A *quick* `test` [link](https://e.org)") == (
        'A <em>quick</em> <code>test</code> <a href="https://e.org" rel="noopener">link</a>'
    )
    assert render_inline("# Not a heading\n\n- nor a list") == "# Not a heading\n\n- nor a list"
    assert render_inline("[x](javascript:alert(1)) <b>") == "[x](javascript:alert(1)) &lt;b&gt;"
    assert render_inline("[frag](#part) ^[no footnote]") == (
        '<a href="#c-part">frag</a> ^[no footnote]'
    )


def test_sanitise_policy():
    dirty = (
        '<p class="callout-title other" style="color:red" onclick="x()">a</p>'
        '<a href="javascript:alert(1)" rel="nofollow" target="_blank">b</a>'
        '<a href="#top" id="top">c</a><h2 id="c-ok">d</h2>'
        '<div role="button" class="callout">e</div><script>alert(1)</script>'
        '<img src="data:image/png;base64,AAAA" alt="f">'
    )
    assert sanitise(dirty) == (
        '<p class="callout-title">a</p><a>b</a><a>c</a><h2 id="c-ok">d</h2>'
        '<div class="callout">e</div><img alt="f">'
    )


def test_sanitise_keeps_everything_the_renderer_makes():
    source = dedent(
        """\
        # Title

        Text[^1] ^[inline] [ext](https://e.org) [in](a.md) [top](#title) ![i](i.png "t")

        3. x

        | a | b |
        |:-:|---|
        | c | d |

        :::: warning
        ::: tip Own *title*
        ```python
        code
        ```
        :::
        ::::

        > ~~s~~ **b**\\
        > c

        [^1]: Note.
        """
    )
    rendered = render_lesson(source).html
    assert sanitise(rendered) == rendered
    assert rendered.count("<a ") == 7


def test_rendering_is_deterministic():
    source = "# T\n\n::: note X\n[a](b.md)[^1] ^[c]\n:::\n\n| a |\n|---|\n| b |\n\n[^1]: d\n"
    first = render_lesson(source)
    assert all(render_lesson(source) == first for _ in range(5))
