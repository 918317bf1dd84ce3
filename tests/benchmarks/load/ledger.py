"""What the learners were told about their submissions, checked against the database.

Each line of submissions.jsonl (written by the locustfile) is one quiz
submission: the learner, the attempt number, the marker typed as the short
answer, and whether the site accepted it (a 302 back to the attempt, after
one press or a few). The checks, read straight from the tables:

- lost: an accepted submission whose attempt is not submitted with that
  marker as its answer;
- graded twice: a marker found in more than one attempt (a retry that
  started a new attempt), a submitted attempt without exactly one outcome
  row per question (grading writes them once, with the state change), or
  an attempt the site told its learner twice that it had graded.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

QUESTIONS = 2  # in seed.py's quiz


@dataclass(frozen=True)
class Ledger:
    submissions: int  # learners' submissions, accepted or not
    accepted: int  # ... that the site accepted
    pressed_again: int  # accepted only after a failed press
    double_clicks: int  # sent twice at once
    lost: list[str]  # markers of accepted submissions missing from the database
    graded_twice: list[str]  # what shows an attempt graded more than once
    attempts: int  # submitted attempts in the database


def read_submissions(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def check(database_url: str, path: Path) -> Ledger:
    entries = read_submissions(path)
    rows = _submitted_attempts(database_url)
    by_attempt = {(row["email"], row["number"]): row for row in rows}
    markers = Counter(row["marker"] for row in rows if row["marker"])
    lost = [
        entry["marker"]
        for entry in entries
        if entry["accepted"]
        and by_attempt.get((entry["email"], entry["number"]), {}).get("marker") != entry["marker"]
    ]
    told = Counter((e["email"], e["number"]) for e in entries if e["told"] == "graded")
    twice = [f"marker {marker} in {n} attempts" for marker, n in markers.items() if n > 1]
    twice += [
        f"attempt {row['email']} #{row['number']}: {row['outcomes']} outcome rows"
        for row in rows
        if row["outcomes"] != QUESTIONS
    ]
    twice += [f"attempt {key[0]} #{key[1]} graded {n} times" for key, n in told.items() if n > 1]
    return Ledger(
        submissions=len(entries),
        accepted=sum(1 for e in entries if e["accepted"]),
        pressed_again=sum(1 for e in entries if e["accepted"] and _pressed_again(e)),
        double_clicks=sum(1 for e in entries if e["double"]),
        lost=lost,
        graded_twice=twice,
        attempts=len(rows),
    )


def _pressed_again(entry: dict) -> bool:
    return len(entry["statuses"]) > (2 if entry["double"] else 1)


def _submitted_attempts(database_url: str) -> list[dict]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            result = connection.execute(
                text(
                    "SELECT u.email, a.number, a.responses,"
                    " (SELECT count(*) FROM question_outcomes o WHERE o.attempt_id = a.id)"
                    " FROM attempts a JOIN users u ON u.id = a.user_id"
                    " WHERE a.state = 'submitted'"
                )
            )
            return [
                {"email": email, "number": number, "marker": _marker(responses), "outcomes": n}
                for email, number, responses, n in result
            ]
    finally:
        engine.dispose()


def _marker(responses) -> str | None:
    if isinstance(responses, str):
        responses = json.loads(responses)
    return (responses or {}).get("marker")
