"""What auth tells the features after it, which it cannot import.

Sent with the app as sender, inside the transaction of the change (not yet
committed); receivers flush, never commit.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# An address was confirmed for an account (a registration confirmed, an account
# created confirmed, or a change of address confirmed): user=.
# Learning accepts the cohort invitations waiting for that address.
account_confirmed = _signals.signal("account-confirmed")
