"""A visitor's browser for the deployment tests: cookies, CSRF tokens, and who answered."""

from __future__ import annotations

import re

import requests

from tests.deployment.stack import Stack

_CSRF = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')


class Browser:
    """Talks to the site through nginx only, one request at a time, following no redirect.

    Each answer from an app server carries the request id nginx gave it; the
    port of the server that answered is looked up in nginx's log and kept in
    `served`, in order.
    """

    def __init__(self, stack: Stack):
        self.stack = stack
        self.session = requests.Session()
        self.csrf_token: str | None = None
        self.served: list[int] = []

    def get(self, path: str, **kwargs) -> requests.Response:
        return self._note(self.session.get(self.stack.url + path, allow_redirects=False, **kwargs))

    def post(self, path: str, data: dict | None = None, **kwargs) -> requests.Response:
        """POST a form, with the CSRF token of the last page that had one."""
        form = {"csrf_token": self.csrf_token, **(data or {})}
        response = self.session.post(
            self.stack.url + path, data=form, allow_redirects=False, **kwargs
        )
        return self._note(response)

    def _note(self, response: requests.Response) -> requests.Response:
        request_id = response.headers.get("X-Request-ID")
        if request_id:
            self.served.append(self.stack.upstream_of(request_id))
        token = (
            _CSRF.search(response.text)
            if "html" in response.headers.get("Content-Type", "")
            else None
        )
        if token:
            self.csrf_token = token.group(1)
        return response


def alerts(response: requests.Response) -> list[str]:
    """The texts of a page's alerts (form errors, refusals), for assertion messages."""
    blocks = re.findall(r'role="alert"[^>]*>(.*?)</div>', response.text, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", block).split()) for block in blocks]
