"""What certificates tell later features, without importing them."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# Sent with certificate= once a new certificate is added and flushed (issued,
# reissued, or issued face to face). Receivers flush; the caller commits.
certificate_issued = _signals.signal("certificate-issued")

# Sent with certificate= once its holder withdrew it (its name erased).
# Receivers erase what they keep that names the holder; the caller commits.
certificate_withdrawn = _signals.signal("certificate-withdrawn")
