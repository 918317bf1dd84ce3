"""Open Badges images: baking a credential into PNG and SVG, drawing the badge, LinkedIn.

Pure: no Flask, no database (.importlinter checks it), so the verification
page, the downloads and the tests use the same functions. What a credential
says and how it is signed is academy.credentials' business; here a credential
is only text to carry (a compact JWS or a JSON document), as Open Badges 3.0,
§ "Baked Badge", describes. See docs/decisions.md, "Badge images".
"""
