"""The catalogue's facts as words: topics (tags) and licences in the reader's language.

A course package names its topics and licence by id (`decent-work`,
`CC-BY-SA-4.0`), which suits files and URLs but not readers. The ids the
bundled courses use, and the common Creative Commons licences, have a
translated name here; any other id is shown humanised ("decent work"), so a new
tag reads as words before anyone translates it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import gettext as _


@dataclass(frozen=True)
class Licence:
    name: str
    url: str | None


def _topic_names() -> dict[str, str]:
    return {
        # TRANSLATORS: a course topic in the catalogue.
        "sse": _("social and solidarity economy"),
        # TRANSLATORS: a course topic in the catalogue.
        "decent-work": _("decent work"),
        # TRANSLATORS: a course topic in the catalogue.
        "cooperatives": _("cooperatives"),
        # TRANSLATORS: a course topic in the catalogue.
        "informal-economy": _("informal economy"),
        # TRANSLATORS: a course topic in the catalogue.
        "social-protection": _("social protection"),
        # TRANSLATORS: a course topic in the catalogue.
        "gender-equality": _("gender equality"),
        "think-coop": "Think.COOP",  # the name of an ILO training tool, never translated
    }


def humanise(identifier: str) -> str:
    """An id as words: "decent-work" is "decent work"."""
    return re.sub(r"[-_]+", " ", identifier).strip() or identifier


def topic_label(tag: str) -> str:
    return _topic_names().get(tag) or humanise(tag)


_LICENSES = "https://creativecommons.org/licenses/"
# Each well-known licence's deed, the page its name links to.
_DEEDS = {
    "CC-BY-4.0": _LICENSES + "by/4.0/",
    "CC-BY-SA-4.0": _LICENSES + "by-sa/4.0/",
    "CC-BY-NC-4.0": _LICENSES + "by-nc/4.0/",
    "CC-BY-NC-SA-4.0": _LICENSES + "by-nc-sa/4.0/",
    "CC-BY-ND-4.0": _LICENSES + "by-nd/4.0/",
    "CC-BY-NC-ND-4.0": _LICENSES + "by-nc-nd/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}


def _licence_names() -> dict[str, str]:
    # TRANSLATORS: the names of the Creative Commons licences, as Creative Commons
    # translates them (https://creativecommons.org/licenses/); keep "4.0".
    return {
        "CC-BY-4.0": _("Creative Commons Attribution 4.0"),
        "CC-BY-SA-4.0": _("Creative Commons Attribution-ShareAlike 4.0"),
        "CC-BY-NC-4.0": _("Creative Commons Attribution-NonCommercial 4.0"),
        "CC-BY-NC-SA-4.0": _("Creative Commons Attribution-NonCommercial-ShareAlike 4.0"),
        "CC-BY-ND-4.0": _("Creative Commons Attribution-NoDerivatives 4.0"),
        "CC-BY-NC-ND-4.0": _("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0"),
        "CC0-1.0": _("Creative Commons CC0 1.0 (public domain)"),
    }


def licence(identifier: str) -> Licence:
    """A licence's name in the reader's language, and its deed when it is well known."""
    names = _licence_names()
    key = next((known for known in names if known.lower() == identifier.lower()), None)
    if key is None:
        return Licence(identifier, None)  # SPDX ids like "MIT" are names already
    return Licence(names[key], _DEEDS[key])
