"""/healthz and /readyz asked every 0.2 s while PostgreSQL is stopped and started again."""

from __future__ import annotations

import http.client
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

PATHS = ("/healthz", "/readyz")


@dataclass
class Probes:
    """What the probes saw: (time, address, path, status); status 0 when nothing answered."""

    addresses: list[str]
    seen: list[tuple[float, str, str, int]] = field(default_factory=list)
    down: tuple[float, float] = (0.0, 0.0)  # from the stop's end to the start's beginning
    up_at: float = 0.0  # when the start returned
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _loop(self) -> None:
        while not self._stop.is_set():
            for address in self.addresses:
                for path in PATHS:
                    self.seen.append((time.time(), address, path, status_of(address + path)))
            self._stop.wait(0.2)

    def while_down(self) -> list[int]:
        """Statuses answered while the database was stopped: all must be 503."""
        start, end = self.down
        return [status for moment, _a, _p, status in self.seen if start <= moment <= end]

    def recovered_after(self) -> float | None:
        """Seconds from the database's start to the last probe that was not yet 200."""
        after = [(moment, status) for moment, _a, _p, status in self.seen if moment >= self.up_at]
        if not after or after[-1][1] != 200:
            return None
        failing = [moment for moment, status in after if status != 200]
        return max(failing, default=self.up_at) - self.up_at


def status_of(url: str) -> int:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        connection.request("GET", parts.path)
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return 0
    finally:
        connection.close()
