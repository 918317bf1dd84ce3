"""Printing a certificate fetches nothing: no local file, no socket, not even localhost.

A real TCP listener stands in for an internal service; the recipient's name
and the course template both point at it (and at /etc/passwd), and the
listener must see no connection while the PDF is rendered.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from academy.certificates.fetcher import CertificateURLFetcher, RefusedFetch
from academy.certificates.pdf import render_certificate_pdf
from tests.certificates.test_pdf import VERIFY_URL, make_record, pdf_text

FIXTURES = Path(__file__).parent.parent / "fixtures"

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


class Listener:
    """A TCP server on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections: list[tuple[str, bytes]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="fetch-listener", daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, address = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(1)
                try:
                    request = conn.recv(4096)
                except OSError:
                    request = b""
                self.connections.append((address[0], request))
                with contextlib.suppress(OSError):
                    conn.sendall(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n")

    def __enter__(self) -> Listener:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        # Give a late connection a moment to be accepted before stopping.
        time.sleep(0.5)
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


def test_the_listener_records_connections():
    """The harness itself works: a real connection is recorded."""
    with (
        Listener() as listener,
        socket.create_connection(("127.0.0.1", listener.port), timeout=2) as client,
    ):
        client.sendall(b"GET /probe HTTP/1.0\r\n\r\n")
        client.recv(100)
    assert len(listener.connections) == 1
    assert b"/probe" in listener.connections[0][1]


def test_rendering_fetches_no_file_and_opens_no_socket(app):
    with Listener() as listener:
        port = listener.port
        name = f'Marie <img src="http://127.0.0.1:{port}/x.png"> Dupont'
        template = f"""<html lang="{{{{ lang }}}}"><head>
          <link rel="stylesheet" href="http://127.0.0.1:{port}/y.css">
          <link rel="stylesheet" href="file:///etc/passwd">
          <style>
            @import url("http://127.0.0.1:{port}/z.css");
            body {{ background: url("file:///etc/passwd"); }}
            p {{ background-image: url("http://127.0.0.1:{port}/bg.png"); }}
          </style></head><body>
          <img src="file:///etc/passwd" alt="">
          <img src="http://127.0.0.1:{port}/track.png" alt="">
          <p>Awarded to: {{{{ certificate.recipient_name }}}}</p>
          </body></html>"""
        record = make_record(recipient_name=name)
        pdf = render_certificate_pdf(record, verify_url=VERIFY_URL, template_html=template)
        # The default template too, with the same name.
        default_pdf = render_certificate_pdf(record, verify_url=VERIFY_URL)

    assert listener.connections == [], f"the renderer connected: {listener.connections}"

    text = pdf_text(pdf)
    assert "root:" not in text
    assert "/bin/" not in text
    with open("/etc/passwd", encoding="utf-8") as passwd:
        for line in passwd:
            line = line.strip()
            if line:
                assert line not in text
    # The name is printed as escaped text, markup and all, not turned into an image.
    flat = " ".join(text.split())
    assert f'<img src="http://127.0.0.1:{port}/x.png">' in flat
    assert "Awarded to: Marie" in flat
    assert f"127.0.0.1:{port}/x.png" in " ".join(pdf_text(default_pdf).split())


def _images_in(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return [line for line in listing.splitlines()[2:] if line.strip()]


def test_a_logo_drawn_in_inkscape_prints_the_picture_it_embeds(app, tmp_path):
    """Inkscape embeds pictures as data:image/png; the course check accepts them, so print them."""
    logo = (FIXTURES / "svg" / "inkscape.svg").read_bytes()
    with_logo = render_certificate_pdf(
        make_record(), verify_url=VERIFY_URL, logo=(logo, "image/svg+xml")
    )
    without = render_certificate_pdf(make_record(), verify_url=VERIFY_URL)
    assert len(_images_in(with_logo, tmp_path)) == len(_images_in(without, tmp_path)) + 1


@pytest.mark.parametrize(
    "url",
    [
        "data:image/svg+xml;base64,PHN2Zy8+",
        "data:text/html;base64,PHNjcmlwdD4=",
        "data:image/png,not-base64",
        "data:image/png;base64,!!!",
    ],
)
def test_other_data_urls_are_refused(url):
    fetcher = CertificateURLFetcher()
    with pytest.raises(RefusedFetch):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
