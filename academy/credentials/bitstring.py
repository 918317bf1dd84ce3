"""W3C Bitstring Status List v1.0: the revocation bits, gzip-compressed, multibase base64url.

No Flask, no database. Index 0 is the left-most bit of the first byte.
"""

from __future__ import annotations

import base64
import gzip

# The spec's minimum, for herd privacy: with 131,072 positions, fetching the
# list says nothing about which credential a verifier is checking.
LIST_BITS = 131_072


def encode(indexes: set[int], size: int = LIST_BITS) -> str:
    """The encodedList of a list of size bits whose set bits are indexes."""
    bits = bytearray(size // 8)
    for index in indexes:
        if not 0 <= index < size:
            raise ValueError(f"status index {index} is outside a list of {size} bits")
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same bits give the same bytes, so the signed list is stable.
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


def decode(encoded: str) -> bytes:
    """The bits of an encodedList (for tests and our own verifier)."""
    if not encoded.startswith("u"):
        raise ValueError("an encodedList is multibase base64url: it starts with 'u'")
    body = encoded[1:]
    packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    return gzip.decompress(packed)


def is_set(bits: bytes, index: int) -> bool:
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
