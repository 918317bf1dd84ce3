"""What learning tells the features after it, which it cannot import.

Sent with the app as sender, inside the transaction of the change (not yet
committed); receivers flush, never commit, and leave anything outside the
database (a mail) to academy.database.after_commit.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# A learner met a course's completion rule for the first time: user_id=, course=.
course_completed = _signals.signal("course-completed")
