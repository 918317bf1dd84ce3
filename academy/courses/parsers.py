"""The two markdown-it parsers lessons and quiz text go through, built once at import.

`LESSON` reads a lesson body (CommonMark, tables, footnotes, the four boxes) and
`INLINE` reads quiz text and callout titles. They are set up here, apart from the
passes that work on their tokens (academy.courses.rendering), because markdown-it
forgets where inline tokens come from: the wrapped inline rules and the
`number_lines` core rule note every link's and image's source line, which the
checker needs to report a problem where the author wrote it.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt, rules_inline
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.footnote.index import footnote_inline

from academy.courses.sanitising import CONTAINER_KINDS, ID_PREFIX

_TRACKED_TOKENS = ("link_open", "image", "footnote_ref")

# Names a screen reader gives to the structure the renderer adds, in the lesson's
# language: the importer passes translated labels in `env["labels"]`; these English
# ones are the fallback. "%(number)s" is the table's or the footnote's number.
STRUCTURE_LABELS = {
    "table": "Table %(number)s",
    "footnotes": "Notes",
    "footnote_back": "Back to reference %(number)s",
}


def _label(env: dict, key: str, number: str | None = None) -> str:
    """The escaped label `key` from the lesson's labels, with its number filled in."""
    text = env.get("labels", {}).get(key) or STRUCTURE_LABELS[key]
    if number is not None:
        text = text % {"number": number}
    return escapeHtml(text)


def _tracking(rule: Callable) -> Callable:
    """Wrap an inline rule so its link/image token records its source offset.

    markdown-it keeps lines only for blocks; with the offset, a link's line in a
    multi-line paragraph is the paragraph's first line plus the newlines before it.
    """

    def tracked(state, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        for token in state.tokens[count:]:
            if token.type in _TRACKED_TOKENS:
                token.meta["offset"] = start
                break
        return True

    return tracked


def _number_lines(state) -> None:
    """Core rule: note each link's and image's line (0-based) in the body.

    Runs before the footnote plugin moves definitions to the end (dropping
    unreferenced ones), while every block still has its line map.
    """
    for block in state.tokens:
        if block.type == "inline" and block.map is not None:
            _number_inline(block.children or [], block.content, block.map[0], state.env)


def _number_inline(children: list[Token], source: str, line: int, env: dict) -> None:
    for token in children:
        if token.type not in _TRACKED_TOKENS:
            continue
        token.meta["line"] = line + source.count("\n", 0, token.meta.get("offset", 0))
        if token.type == "footnote_ref":
            note = env["footnotes"]["list"].get(token.meta["id"], {})
            if "tokens" in note:  # an inline footnote, ^[...], parsed on its own
                _number_inline(note["tokens"], note["content"], token.meta["line"], env)


def _base_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    for name in ("link", "image", "autolink"):
        md.inline.ruler.at(name, _tracking(getattr(rules_inline, name)))
    return md


def _render_table_open(self, tokens, idx, options, env) -> str:
    # The wrapper lets wide tables scroll sideways on phones (see the CSS); as a
    # named region in the tab order, keyboard users can scroll it too.
    env["tables"] = number = env.get("tables", 0) + 1
    label = _label(env, "table", str(number))
    return (
        f'<div class="table-wrap" role="region" tabindex="0" aria-label="{label}">\n'
        + self.renderToken(tokens, idx, options, env)
    )


def _render_table_close(self, tokens, idx, options, env) -> str:
    return self.renderToken(tokens, idx, options, env) + "</div>\n"


def _render_plain(self, tokens, idx, options, env) -> str:
    # Callout attributes are set on the tokens by `containers.add_callout_titles`.
    return self.renderToken(tokens, idx, options, env)


def _render_footnote_block_open(self, tokens, idx, options, env) -> str:
    # A heading, so that screen reader users find the notes in the headings list.
    return (
        '<hr class="footnotes-sep">\n<section class="footnotes">\n'
        f"<h2>{_label(env, 'footnotes')}</h2>\n"
        '<ol class="footnotes-list">\n'
    )


def _named_back_link(rule: Callable) -> Callable:
    """Name the plugin's back link ("↩︎") after the reference it returns to."""

    def render(self, tokens, idx, options, env) -> str:
        # The number as the reference shows it: "1", or "1:1" for its second use.
        number = self.rules["footnote_caption"](tokens, idx, options, env).strip("[]")
        label = _label(env, "footnote_back", number)
        return rule(tokens, idx, options, env).replace(
            ' class="footnote-backref">', f' class="footnote-backref" aria-label="{label}">'
        )

    return render


def _prefix_ids(rule: Callable) -> Callable:
    """Prefix the ids and fragments of the footnote plugin's fixed markup."""

    def render(self, tokens, idx, options, env) -> str:
        html = rule(tokens, idx, options, env)
        return html.replace(' id="', f' id="{ID_PREFIX}').replace(
            ' href="#', f' href="#{ID_PREFIX}'
        )

    return render


def _lesson_parser() -> MarkdownIt:
    md = _base_parser()
    md.use(footnote_plugin)
    md.inline.ruler.at("footnote_inline", _tracking(footnote_inline))
    md.core.ruler.before("footnote_tail", "number_lines", _number_lines)
    md.add_render_rule("footnote_block_open", _render_footnote_block_open)
    md.add_render_rule("footnote_anchor", _named_back_link(md.renderer.rules["footnote_anchor"]))
    for name in ("footnote_ref", "footnote_open", "footnote_anchor"):
        md.add_render_rule(name, _prefix_ids(md.renderer.rules[name]))
    for kind in CONTAINER_KINDS:
        md.use(
            container_plugin,
            kind,
            validate=lambda params, *_, kind=kind: params.split(maxsplit=1)[:1] == [kind],
            render=_render_plain,
        )
    md.add_render_rule("table_open", _render_table_open)
    md.add_render_rule("table_close", _render_table_close)
    return md


LESSON = _lesson_parser()
# Quiz text: no footnotes (there is no page bottom to put them at) nor blocks.
INLINE = _base_parser()
