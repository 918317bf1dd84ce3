"""Which responses browsers and proxies may keep, decided once for every view.

The rule: a response that sets its own Cache-Control keeps it (static files,
course assets, certificate PDFs, the verification page). Public reading pages
keep what they have today: for everyone (the catalogue, the privacy page), or
for visitors only (the home page, a course and its lessons, whose signed-in
copies show the person's name or progress). Every other response gets
`no-store`: account pages, my learning, quizzes and their attempts,
certificates, admin pages, and every form a visitor fills in (sign in,
register, reset), whose pages carry their CSRF token and what they typed.
A route added later is private until it is named here.
"""

from __future__ import annotations

import hashlib

from flask import Response, current_app, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

# The same for every reader: they show a signed-in person nothing of their own
# but the site's navigation. Their forms' CSRF tokens are worthless without the
# session cookie, and the pages carry no lifetime or validator, so browsers
# only reuse them in history.
PUBLIC_PAGES = frozenset({"static", "courses.catalogue", "main.privacy"})
# Public to visitors. A signed-in person's copy is theirs: the home page greets
# them by name; the course and lesson pages show their enrolment, progress and
# content language, which must not come back from history after signing out.
PUBLIC_TO_VISITORS = frozenset({"main.home", "courses.course", "courses.lesson"})


def forbid_storing_private_pages(response: Response) -> Response:
    """after_request: `Cache-Control: no-store` unless the page is public or says otherwise."""
    if "Cache-Control" in response.headers or request.endpoint in PUBLIC_PAGES:
        return response
    if request.endpoint in PUBLIC_TO_VISITORS and not current_user.is_authenticated:
        return response
    response.headers["Cache-Control"] = "no-store"
    return response


def revalidated_page(html: str) -> Response:
    """A page browsers keep but check before each use; 304 while it is unchanged.

    The validator is a hash of the page as rendered, without its CSRF token,
    which is signed afresh each time: whatever changes what the reader sees
    (the record, their language, being signed in, a new release) changes it.
    The session's own token is hashed in too, so a copy whose forms would no
    longer be accepted is never confirmed. The ETag is weak: the bytes of the
    token differ between two equally valid copies.
    """
    token = generate_csrf()
    digest = hashlib.sha256(html.replace(token, "").encode())
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    digest.update(b"\0" + str(session.get(field, "")).encode())
    etag = digest.hexdigest()[:32]
    if request.if_none_match.contains_weak(etag):
        response = Response(status=304)
    else:
        response = Response(html, mimetype="text/html")
    response.set_etag(etag, weak=True)
    response.headers["Cache-Control"] = "private, no-cache"
    return response
