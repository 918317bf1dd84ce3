"""French spacing for interface words, the way the bundled courses write it.

French sets a space before the two-part marks `:` `;` `?` `!` and inside « »,
and that space must not break a line there. The courses' French files type it
as U+00A0 NO-BREAK SPACE; translators of the interface type an ordinary space
as often as not. `french_spacing` turns those ordinary spaces into U+00A0 and
leaves everything else alone: text with no space before a colon (a time such
as 17:05, `https://`, a YAML example like `title: ...`) is not French prose
and keeps its spelling. It is idempotent, so applying it twice changes nothing.
"""

from __future__ import annotations

import re

NO_BREAK_SPACE = "\u00a0"
# An ordinary space (one or more) before a two-part mark or a closing guillemet,
# or after an opening guillemet.
_BEFORE = re.compile(r"[ \t]+(?=[:;?!»])")
_AFTER = re.compile(r"(?<=«)[ \t]+")
# Languages whose interface text gets this spacing.
SPACED_LANGUAGES = frozenset({"fr"})


def french_spacing(text: str) -> str:
    """text with the spaces French keeps on one line made non-breaking."""
    return _AFTER.sub(NO_BREAK_SPACE, _BEFORE.sub(NO_BREAK_SPACE, text))


def typeset(text: str, language: str) -> str:
    """text as the interface shows it in language."""
    return french_spacing(text) if language.split("_")[0] in SPACED_LANGUAGES else text
