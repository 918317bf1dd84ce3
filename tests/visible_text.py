"""What a reader sees of a page: its text and the words read aloud from attributes."""

from __future__ import annotations

from html.parser import HTMLParser

# Elements whose content is never shown as text.
_HIDDEN = frozenset({"script", "style", "template", "title"})
# Attributes a browser shows or a screen reader speaks.
_SPOKEN = ("alt", "aria-label", "title", "placeholder")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, str | None]] = []
        self._hidden = 0
        # Elements that set a language, innermost last: [tag, lang, open elements of that tag].
        self._languages: list[list] = []

    @property
    def language(self) -> str | None:
        return self._languages[-1][1] if self._languages else None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag not in _VOID:
            if self._languages and self._languages[-1][0] == tag:
                self._languages[-1][2] += 1
            if values.get("lang") is not None:
                self._languages.append([tag, values["lang"], 1])
        spoken = [values[name] for name in _SPOKEN if values.get(name)]
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            spoken.append(values["value"])
        self.pieces.extend((text, self.language) for text in spoken)
        if tag in _HIDDEN:
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in _HIDDEN and self._hidden:
            self._hidden -= 1
        if self._languages and self._languages[-1][0] == tag:
            self._languages[-1][2] -= 1
            if not self._languages[-1][2]:
                self._languages.pop()

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.pieces.append((data.strip(), self.language))


def visible_pieces(html: str, language: str | None = None) -> list[str]:
    """Each run of visible text of html, entities decoded once as a browser does.

    With language, only the runs in that language: the page's own (from
    <html lang>) and not content marked with another lang, such as a lesson
    shown in English on an Arabic page.
    """
    parser = _Text()
    parser.feed(html)
    parser.close()
    return [text for text, lang in parser.pieces if language is None or lang == language]


def visible_text(html: str) -> str:
    return "\n".join(visible_pieces(html))
