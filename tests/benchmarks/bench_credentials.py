"""Credentials: signing and checking a certificate's credential, against a bare 1 KB JWT.

Baseline, measured in the same run with the same 3072-bit RSA key: joserfc
signing (and verifying) a 1 KB payload, which is the cryptographic floor. The
credential costs more by what it adds: building the document from the
certificate (the course, the translated sentences), the status position, the
row; checking adds the strict encoding check, the claims, the key folder and
the revocation look-up.
"""

from __future__ import annotations

import statistics
import time

from joserfc import jwt

from academy.certificates.services import issue_certificate
from academy.credentials import issuer, keys, services
from academy.credentials.keys import ALGORITHM
from academy.credentials.models import Credential
from academy.credentials.verification import verify_token
from academy.extensions import db
from tests.benchmarks import table
from tests.credentials.conftest import install_keys
from tests.factories import make_user

RUNS = 50
# Targets in milliseconds: a credential is signed once per certificate, and
# checked once per upload; both must stay invisible next to a page's time.
# The ratios are printed to watch the overhead over the cryptography.
TARGET_SIGN_MS = 25
TARGET_VERIFY_MS = 5


def _median_ms(function, runs: int = RUNS) -> float:
    function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bench_credential_sign_and_verify(app, sample_course, tmp_path):
    keys.generate(tmp_path / "keys")
    install_keys(app, tmp_path / "keys")
    kid, key = issuer.signing_key()
    bare = {"data": "x" * 1000}
    bare_sign = _median_ms(lambda: jwt.encode({"alg": ALGORITHM, "kid": kid}, bare, key))
    bare_token = jwt.encode({"alg": ALGORITHM, "kid": kid}, bare, key)
    bare_verify = _median_ms(lambda: jwt.decode(bare_token, key, [ALGORITHM]))

    certificate = issue_certificate(make_user(name="Amina Diallo"), sample_course)
    db.session.commit()

    def sign_credential():
        db.session.execute(db.delete(Credential))
        services.token_for(certificate)

    sign = _median_ms(sign_credential)
    token = services.token_for(certificate)
    verify = _median_ms(lambda: verify_token(token))
    assert verify_token(token).valid
    sign_ratio, verify_ratio = sign / bare_sign, verify / bare_verify
    print(
        f"\ncredential ({len(token)} characters): sign {sign:.2f} ms, verify {verify:.2f} ms;"
        f"\n  bare 1 KB JWT, same key: sign {bare_sign:.2f} ms, verify {bare_verify:.3f} ms;"
        f"\n  ratios to the bare JWT: sign {sign_ratio:.2f}x, verify {verify_ratio:.2f}x"
        f"\n  targets: sign <= {TARGET_SIGN_MS} ms, verify <= {TARGET_VERIFY_MS} ms"
    )
    table.within_ms(
        "credential: sign", sign, TARGET_SIGN_MS, f"{bare_sign:.2f} ms (bare JWT)", sign_ratio
    )
    table.within_ms(
        "credential: verify", verify, TARGET_VERIFY_MS, f"{bare_verify:.3f} ms", verify_ratio
    )
    db.session.rollback()
