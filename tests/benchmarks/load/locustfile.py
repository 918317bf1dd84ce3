"""The load mix of `make bench`: visitors reading, learners learning, a trainer following.

Run by runner.py as a subprocess (Locust monkey-patches the standard library
with gevent, so it never runs inside pytest). LOAD_PLAN names the plan that
seed.py wrote; LOAD_LOG_DIR receives two logs of JSON lines:

- requests.jsonl: every request, with its start and end time, so that the
  runner can tell the failures a fault drill explains from the others;
- submissions.jsonl: every quiz submission a learner made, with the marker
  typed as its short answer and what the site answered, so that the runner
  can check each one the site accepted against the database.

Forms are filled as a browser would: the CSRF token and the form's address
are read from the page. A learner whose submission fails (a dropped
connection, a 502) presses the button again with the same answers, as a
person would; one submission in five is sent twice at once (a double click).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from locust import HttpUser, between, events, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
LOGS = Path(os.environ["LOAD_LOG_DIR"])
RETRIES = 4  # presses of the submit button before the learner gives up
GRADED = "Your answers were submitted."
ALREADY = "This attempt was already submitted."

_learners = itertools.cycle(PLAN["learners"])
_submissions = itertools.count(1)
_request_log = (LOGS / "requests.jsonl").open("a", encoding="utf-8", buffering=1)
_submission_log = (LOGS / "submissions.jsonl").open("a", encoding="utf-8", buffering=1)


@events.request.add_listener
def _log_request(request_type, name, response_time, response, exception, start_time=None, **_):
    status = getattr(response, "status_code", 0) or 0
    start = start_time if start_time is not None else time.time() - response_time / 1000
    line = {
        "start": start,
        "end": start + response_time / 1000,
        "name": name,
        "method": request_type,
        "status": status,
        "error": None if exception is None else type(exception).__name__,
    }
    _request_log.write(json.dumps(line) + "\n")


def _token(html: str) -> str | None:
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    return found.group(1) if found else None


def _path_of(location: str) -> str:
    return urlsplit(location).path


def _form_action(html: str, ending: str) -> str | None:
    found = re.search(r'<form method="post" action="([^"]*' + re.escape(ending) + ')"', html)
    return found.group(1) if found else None


class _Reader(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)

    def get(self, path: str, name: str, expect: int = 200):
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != expect:
                r.failure(f"status {r.status_code}")
            return r

    def post(self, path: str, data: dict, name: str, expect_location: str | None = None):
        with self.client.post(
            path, data=data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302:
                response.failure(f"status {response.status_code}")
            elif expect_location is not None and not _path_of(location).startswith(expect_location):
                response.failure(f"redirected to {location}")
            return response

    def sign_in(self, email: str, who: str) -> bool:
        page = self.get("/auth/sign-in", f"{who}: sign-in form")
        token = _token(page.text) if page.status_code == 200 else None
        if token is None:
            return False
        data = {"csrf_token": token, "email": email, "password": PLAN["password"]}
        return self.post("/auth/sign-in", data, f"{who}: sign in").status_code == 302


class Visitor(_Reader):
    """Reads the catalogue, a course page and one of its lessons, without an account."""

    weight = 2

    @task
    def read(self):
        self.get("/courses/", "visitor: catalogue")
        course = random.choice(PLAN["courses"])
        page = self.get(f"/courses/{course}/", "visitor: course page")
        lessons = re.findall(rf'href="(/courses/{course}/lessons/[a-z0-9-]+)"', page.text)
        if lessons:
            self.get(random.choice(lessons), "visitor: lesson")


class Learner(_Reader):
    """Signs in, reads lessons and marks them complete, and takes the quiz again and again."""

    weight = 3

    def on_start(self):
        self.email = next(_learners)
        self.signed_in = self.sign_in(self.email, "learner")

    def _path(self, *parts: str) -> str:
        return "/".join(("", "courses", PLAN["course"], *parts))

    @task(2)
    def read_lesson(self):
        if not self.signed_in:
            self.signed_in = self.sign_in(self.email, "learner")
            return
        lesson = self._path("lessons", random.choice(PLAN["lessons"]))
        page = self.get(lesson, "learner: lesson")
        action = _form_action(page.text, "/complete") if page.status_code == 200 else None
        token = _token(page.text) if action else None
        if token:
            data = {"csrf_token": token, "next": lesson}
            # The site goes on to the next lesson or quiz of the course.
            self.post(action, data, "learner: mark complete", expect_location=self._path(""))

    @task(1)
    def take_quiz(self):
        if not self.signed_in:
            return
        quiz = self._path("quizzes", PLAN["quiz"])
        page = self.get(quiz, "learner: quiz page")
        token = _token(page.text) if page.status_code == 200 else None
        if token is None:
            return
        started = self.post(f"{quiz}/attempts", {"csrf_token": token}, "learner: start attempt")
        found = re.search(r"/attempts/(\d+)$", started.headers.get("Location", ""))
        if started.status_code != 302 or not found:
            return
        attempt = f"{quiz}/attempts/{found.group(1)}"
        form = self.get(attempt, "learner: attempt form")
        token = _token(form.text) if form.status_code == 200 else None
        if token is None or _form_action(form.text, attempt) is None:
            return
        self._submit(attempt, int(found.group(1)), token)

    def _submit(self, attempt: str, number: int, token: str) -> None:
        marker = f"m{next(_submissions)}-{uuid.uuid4().hex[:10]}"
        data = {"csrf_token": token, "q1": "1", "q2": marker, "action": "finish"}
        double = random.random() < 0.2
        statuses = []
        for _press in range(RETRIES):
            if double:
                pair = [gevent.spawn(self._press, attempt, data) for _ in range(2)]
                gevent.joinall(pair)
                statuses.extend(p.value for p in pair)
            else:
                statuses.append(self._press(attempt, data))
            if 302 in statuses[-2 if double else -1 :]:
                break
            gevent.sleep(0.5)
        accepted = 302 in statuses
        told = None
        if accepted:
            result = self.get(attempt, "learner: result")
            told = "graded" if GRADED in result.text else ""
            told = told or ("already" if ALREADY in result.text else "")
        entry = {
            "email": self.email,
            "number": number,
            "marker": marker,
            "statuses": statuses,
            "double": double,
            "accepted": accepted,
            "told": told,
            "time": time.time(),
        }
        _submission_log.write(json.dumps(entry) + "\n")

    def _press(self, attempt: str, data: dict) -> int:
        """One press of Finish: 302 back to the attempt when the site took it, else the status."""
        response = self.post(attempt, data, "learner: submit quiz", expect_location=attempt)
        location = _path_of(response.headers.get("Location", ""))
        if response.status_code == 302 and location == attempt:
            return 302
        return response.status_code or 0


class Trainer(_Reader):
    """The course's trainer, reading the quiz's results page now and then."""

    fixed_count = 1
    wait_time = between(2, 4)

    def on_start(self):
        self.signed_in = self.sign_in(PLAN["trainer"], "trainer")

    @task
    def results(self):
        if not self.signed_in:
            self.signed_in = self.sign_in(PLAN["trainer"], "trainer")
            return
        path = f"/courses/{PLAN['course']}/quizzes/{PLAN['quiz']}/results"
        self.get(path, "trainer: quiz results")
