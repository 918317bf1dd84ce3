"""A tiny SMTP server on 127.0.0.1 for tests: it accepts, refuses or hangs.

The app talks to it through smtplib, the path production takes, so a test
sees what a real mail server that is down or stuck would do to a request.
"""

from __future__ import annotations

import socket
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy

ACCEPT = "accept"  # takes every mail
REFUSE = "refuse"  # answers 554 to the greeting, as a server refusing service does
HANG = "hang"  # accepts the connection and never says a word


class _Handler(socketserver.StreamRequestHandler):
    server: FakeSMTPServer

    def handle(self) -> None:
        self.server.connections += 1
        if self.server.mode == HANG:
            self.server.release.wait()
            return
        if self.server.mode == REFUSE:
            self._reply("554 No service here")
            return
        self._reply("220 fake.test ESMTP")
        self._converse()

    def _reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def _converse(self) -> None:
        accepted = 0  # on this connection
        for raw in self.rfile:
            line = raw.decode("ascii", "replace").strip()
            verb = line.split(" ")[0].upper()
            drop_after = self.server.drop_after
            if verb == "MAIL" and drop_after is not None and accepted >= drop_after:
                return  # hangs up without a word, as a server at its limit may
            if verb == "RCPT" and line.split("<")[-1].rstrip(">").lower() in self.server.refused:
                self._reply("550 No such mailbox here")
            elif verb in ("EHLO", "HELO", "MAIL", "RCPT", "RSET", "NOOP"):
                self._reply("250 OK")
            elif verb == "DATA":
                self._reply("354 End data with <CR><LF>.<CR><LF>")
                self.server.messages.append(self._read_data())
                accepted += 1
                self._reply("250 Queued")
            elif verb == "QUIT":
                self._reply("221 Bye")
                return
            else:
                self._reply("502 Not implemented")

    def _read_data(self) -> EmailMessage:
        lines = []
        for raw in self.rfile:
            if raw in (b".\r\n", b".\n"):
                break
            lines.append(raw[1:] if raw.startswith(b"..") else raw)
        return message_from_bytes(b"".join(lines), policy=default_policy)


class FakeSMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mode: str, refused=(), drop_after: int | None = None):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode = mode
        self.refused = {address.lower() for address in refused}  # answered 550 at RCPT
        self.drop_after = drop_after  # mails a connection takes before the server hangs up
        self.connections = 0
        self.messages: list[EmailMessage] = []
        self.release = threading.Event()

    @property
    def port(self) -> int:
        return self.server_address[1]


@contextmanager
def smtp_server(mode: str = ACCEPT, **behaviour) -> Iterator[FakeSMTPServer]:
    """A fake server in mode; refused=(addresses) and drop_after=N change how it accepts."""
    server = FakeSMTPServer(mode, **behaviour)
    thread = threading.Thread(target=server.serve_forever, name=f"smtp-{mode}", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on: connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smtp_config(port: int, **overrides) -> dict:
    """The app settings that send mail to 127.0.0.1:port over plain SMTP."""
    return {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": port,
        "MAIL_USE_TLS": False,
        "MAIL_USE_SSL": False,
        "MAIL_TIMEOUT": 0.5,
        **overrides,
    }
