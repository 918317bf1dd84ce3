"""Who gets what from every route: one row per (endpoint, method), six statuses each.

Columns, in order (see tests/permission_world.py for who they are):

    visitor | learner | learner enrolled elsewhere | trainer of another course
    | the course's trainer | admin

A number is the exact status; IN is a 302 to sign in first (Flask-Login's
redirect, carrying next=); W(n) is status n after which the database changed
(any other cell asserts that no row of any table changed). URLs are built
from URLS (endpoint -> its URL values); POSTs send FORMS (what the person
allowed to act would send, so an allowed case really changes something) plus
a valid CSRF token.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import cache

from tests.conftest import SAMPLE_PACKAGE
from tests.factories import PASSWORD
from tests.permission_world import COHORT_KEY, FACE_TO_FACE_FILE, NEW_PASSWORD, World

IN = "sign-in"  # a 302 to /auth/sign-in?next=...


@dataclass(frozen=True)
class W:
    """A status after which the database changed: an allowed state change."""

    status: int | str

    def __repr__(self) -> str:
        return f"W({self.status})"


# fmt: off
TABLE: dict[tuple[str, str], tuple] = {
    # endpoint, method                          visitor learner elsewh. o.train. trainer admin
    # -- public pages
    ("main.home", "GET"):                       (200,   200,    200,    200,    200,    200),
    ("main.healthz", "GET"):                    (200,   200,    200,    200,    200,    200),
    # the operator's probes: public, and the world's schema comes from create_all,
    # never stamped by a migration, so it is not ready (tests/test_probes.py)
    ("main.livez", "GET"):                      (200,   200,    200,    200,    200,    200),
    ("main.readyz", "GET"):                     (503,   503,    503,    503,    503,    503),
    # the test client calls from 127.0.0.1, inside METRICS_ALLOW's default: who you
    # are does not matter, where you are does (tests/test_metrics.py)
    ("main.metrics", "GET"):                    (200,   200,    200,    200,    200,    200),
    ("main.privacy", "GET"):                    (200,   200,    200,    200,    200,    200),
    # a visitor's choice is a cookie; a signed-in person's is saved in their profile
    ("main.set_language", "POST"):              (302,   W(302), W(302), W(302), W(302), W(302)),
    ("courses.catalogue", "GET"):               (200,   200,    200,    200,    200,    200),
    ("courses.course", "GET"):                  (200,   200,    200,    200,    200,    200),
    ("courses.lesson", "GET"):                  (200,   200,    200,    200,    200,    200),
    ("courses.asset", "GET"):                   (200,   200,    200,    200,    200,    200),
    ("quizzes.quiz", "GET"):                    (200,   200,    200,    200,    200,    200),
    ("certificates.verify", "GET"):             (200,   200,    200,    200,    200,    200),
    # -- credentials: public like the verification page. The world's certificate was
    #    issued before any key existed, so its credential is signed on first download.
    ("credentials.download", "GET"):            (W(200), W(200), W(200), W(200), W(200), W(200)),
    ("credentials.download_json", "GET"):       (W(200), W(200), W(200), W(200), W(200), W(200)),
    # the badge images bake that credential: signed on first request too
    ("credentials.badge_png", "GET"):           (W(200), W(200), W(200), W(200), W(200), W(200)),
    ("credentials.badge_svg", "GET"):           (W(200), W(200), W(200), W(200), W(200), W(200)),
    ("credentials.jwks", "GET"):                (200,   200,    200,    200,    200,    200),
    ("credentials.did", "GET"):                 (200,   200,    200,    200,    200,    200),
    ("credentials.public_key", "GET"):          (200,   200,    200,    200,    200,    200),
    ("credentials.status", "GET"):              (200,   200,    200,    200,    200,    200),
    ("credentials.check", "GET"):               (200,   200,    200,    200,    200,    200),
    # a file that is not a credential: the page says so, for anyone
    ("credentials.check", "POST"):              (422,   422,    422,    422,    422,    422),
    # -- accounts: a signed-in person is sent on from register and sign-in
    ("auth.register", "GET"):                   (200,   302,    302,    302,    302,    302),
    ("auth.register", "POST"):                  (W(302), 302,   302,    302,    302,    302),
    ("auth.check_inbox", "GET"):                (200,   200,    200,    200,    200,    200),
    # the emailed links work for whoever holds them (the mailbox proves the person)
    ("auth.confirm", "GET"):                    (200,   200,    200,    200,    200,    200),
    ("auth.confirm", "POST"):                   (W(302), W(302), W(302), W(302), W(302), W(302)),
    ("auth.sign_in", "GET"):                    (200,   302,    302,    302,    302,    302),
    ("auth.sign_in", "POST"):                   (W(302), 302,   302,    302,    302,    302),
    ("auth.sign_out", "POST"):                  (IN,    W(302), W(302), W(302), W(302), W(302)),
    ("auth.reset_request", "GET"):              (200,   200,    200,    200,    200,    200),
    ("auth.reset_request", "POST"):             (W(200), W(200), W(200), W(200), W(200), W(200)),
    ("auth.reset_password", "GET"):             (200,   200,    200,    200,    200,    200),
    ("auth.reset_password", "POST"):            (W(302), W(302), W(302), W(302), W(302), W(302)),
    # -- one's own account (each acts on their own; change_email counts the mail it sends)
    ("account.profile", "GET"):                 (IN,    200,    200,    200,    200,    200),
    ("account.profile", "POST"):                (IN,    W(302), W(302), W(302), W(302), W(302)),
    ("account.download_data", "GET"):           (IN,    200,    200,    200,    200,    200),
    ("account.data_format", "GET"):             (IN,    200,    200,    200,    200,    200),
    ("account.change_email", "GET"):            (IN,    200,    200,    200,    200,    200),
    ("account.change_email", "POST"):           (IN,    W(200), W(200), W(200), W(200), W(200)),
    # the link was mailed to the learner: anyone else is told it is not theirs
    ("account.confirm_email_change", "GET"):    (IN,    200,    400,    400,    400,    400),
    ("account.confirm_email_change", "POST"):   (IN,    W(302), 400,    400,    400,    400),
    ("account.change_password", "GET"):         (IN,    200,    200,    200,    200,    200),
    ("account.change_password", "POST"):        (IN,    W(302), W(302), W(302), W(302), W(302)),
    ("account.delete", "GET"):                  (IN,    200,    200,    200,    200,    200),
    ("account.delete", "POST"):                 (IN,    W(302), W(302), W(302), W(302), W(302)),
    # -- learning: the learner is already enrolled; the others are not, and are sent
    #    back to the course page when they act on an enrolment they do not have
    ("learning.my_learning", "GET"):            (IN,    200,    200,    200,    200,    200),
    ("learning.enrol", "POST"):                 (IN,    302,    W(302), W(302), W(302), W(302)),
    ("learning.unenrol", "POST"):               (IN,    W(302), 302,    302,    302,    302),
    ("learning.set_language", "POST"):          (IN,    W(302), 302,    302,    302,    302),
    ("learning.complete", "POST"):              (IN,    W(302), 302,    302,    302,    302),
    # anyone signed in joins the course's open cohort with its key, but the learner
    # already belongs to another cohort of the course (the one the trainer follows)
    ("learning.join", "POST"):                  (IN,    302,    W(302), W(302), W(302), W(302)),
    # -- quizzes: the learner's open attempt is theirs alone; others are not found
    ("quizzes.start", "POST"):                  (IN,    302,    302,    302,    302,    302),
    ("quizzes.attempt", "GET"):                 (IN,    200,    404,    404,    404,    404),
    ("quizzes.submit", "POST"):                 (IN,    W(302), 404,    404,    404,    404),
    ("quizzes.results", "GET"):                 (IN,    403,    403,    403,    200,    200),
    ("quizzes.allowance", "POST"):              (IN,    403,    403,    403,    W(302), W(302)),
    # -- certificates: the PDF is its holder's and the admins'; the rest is admin work
    ("certificates.mine", "GET"):               (IN,    200,    200,    200,    200,    200),
    # the first download renders the PDF once and keeps it for every app server
    ("certificates.pdf", "GET"):                (IN,    W(200), 404,    404,    404,    W(200)),
    ("certificates.admin", "GET"):              (IN,    403,    403,    403,    403,    200),
    ("certificates.issue", "POST"):             (IN,    403,    403,    403,    403,    W(302)),
    ("certificates.issue_ready", "POST"):       (IN,    403,    403,    403,    403,    W(302)),
    ("certificates.revoke", "POST"):            (IN,    403,    403,    403,    403,    W(302)),
    ("certificates.reissue", "POST"):           (IN,    403,    403,    403,    403,    W(302)),
    # -- the admin console
    ("admin.home", "GET"):                      (IN,    403,    403,    403,    403,    200),
    ("admin.face_to_face", "GET"):              (IN,    403,    403,    403,    403,    200),
    ("admin.face_to_face", "POST"):             (IN,    403,    403,    403,    403,    W(302)),
    ("admin.face_to_face_preview", "GET"):      (IN,    403,    403,    403,    403,    200),
    ("admin.face_to_face_issue", "POST"):       (IN,    403,    403,    403,    403,    W(302)),
    ("admin.face_to_face_cancel", "POST"):      (IN,    403,    403,    403,    403,    W(302)),
    ("admin.users_list", "GET"):                (IN,    403,    403,    403,    403,    200),
    ("admin.user", "GET"):                      (IN,    403,    403,    403,    403,    200),
    ("admin.change_role", "POST"):              (IN,    403,    403,    403,    403,    W(302)),
    ("admin.deactivate", "POST"):               (IN,    403,    403,    403,    403,    W(302)),
    ("admin.reactivate", "POST"):               (IN,    403,    403,    403,    403,    W(302)),
    ("admin.new_user", "GET"):                  (IN,    403,    403,    403,    403,    200),
    ("admin.new_user", "POST"):                 (IN,    403,    403,    403,    403,    W(302)),
    ("admin.audit_page", "GET"):                (IN,    403,    403,    403,    403,    200),
    ("admin.audit_csv", "GET"):                 (IN,    403,    403,    403,    403,    200),
    ("admin.courses", "GET"):                   (IN,    403,    403,    403,    403,    200),
    ("admin.cohorts", "GET"):                   (IN,    403,    403,    403,    403,    200),

    # reports: admins, and a trainer for their own courses (the URL asks for sample-course)
    ("admin.reports", "GET"):                   (IN,    403,    403,    403,    200,    200),
    ("admin.report_csv_download", "GET"):       (IN,    403,    403,    403,    200,    200),
    ("admin.reports_pdf", "GET"):               (IN,    403,    403,    403,    200,    200),
    # -- the trainers' workspace: the course's owners (the trainer) and admins
    ("trainers.home", "GET"):                   (IN,    403,    403,    200,    200,    200),
    # another trainer's upload of a course id they do not own is refused by name
    ("trainers.upload", "POST"):                (IN,    403,    403,    400,    W(302), W(302)),
    ("trainers.version", "GET"):                (IN,    403,    403,    403,    200,    200),
    ("trainers.publish", "POST"):               (IN,    403,    403,    403,    W(302), W(302)),
    ("trainers.course", "GET"):                 (IN,    403,    403,    403,    200,    200),
    ("trainers.unpublish", "POST"):             (IN,    403,    403,    403,    W(302), W(302)),
    ("trainers.restore", "POST"):               (IN,    403,    403,    403,    W(302), W(302)),
    ("trainers.enrolment_settings", "POST"):    (IN,    403,    403,    403,    W(302), W(302)),
    ("trainers.add_owner", "POST"):             (IN,    403,    403,    403,    403,    W(302)),
    ("trainers.remove_owner", "POST"):          (IN,    403,    403,    403,    403,    W(302)),
    ("trainers.preview", "GET"):                (IN,    403,    403,    403,    302,    302),
    ("trainers.preview_course", "GET"):         (IN,    403,    403,    403,    200,    200),
    ("trainers.preview_lesson", "GET"):         (IN,    403,    403,    403,    200,    200),
    ("trainers.preview_quiz", "GET"):           (IN,    403,    403,    403,    200,    200),
    ("trainers.preview_asset", "GET"):          (IN,    403,    403,    403,    200,    200),
    # converting a question bank shows a quiz file and stores nothing
    ("trainers.question_banks", "GET"):         (IN,    403,    403,    200,    200,    200),
    ("trainers.convert_bank", "POST"):          (IN,    403,    403,    200,    200,    200),
    ("trainers.preview_inert", "POST"):         (IN,    403,    403,    403,    302,    302),

    # -- following a cohort: admins, the course's owners and the cohort's trainers (the
    #    world's trainer runs the world's cohort; the course's certificates are automatic)
    ("trainers.cohort", "GET"):                 (IN,    403,    403,    403,    200,    200),
    ("trainers.cohort_learners_csv", "GET"):    (IN,    403,    403,    403,    200,    200),
    ("trainers.cohort_learner", "GET"):         (IN,    403,    403,    403,    200,    200),
    ("trainers.announce", "POST"):              (IN,    403,    403,    403,    W(302), W(302)),
    ("trainers.issue_cohort_certificates", "POST"): (IN, 403,   403,    403,    W(302), W(302)),

    # -- cohorts: owners (the course's trainer) and admins set them up; the cohort's
    #    trainers (none in the world) may also enrol from a file
    ("trainers.new_cohort", "GET"):             (IN,    403,    403,    403,    200,    200),
    ("trainers.new_cohort", "POST"):            (IN,    403,    403,    403,    W(302), W(302)),
    ("trainers.edit_cohort", "GET"):            (IN,    403,    403,    403,    200,    200),
    ("trainers.edit_cohort", "POST"):           (IN,    403,    403,    403,    W(302), W(302)),
    ("trainers.enrol_from_file", "POST"):       (IN,    403,    403,    403,    W(302), W(302)),
}
# fmt: on

# endpoint -> its URL values, built from the world's ids and tokens
URLS = {
    "courses.course": lambda w: {"course": w.course},
    "courses.lesson": lambda w: {"course": w.course, "lesson": w.lesson},
    "courses.asset": lambda w: {"course": w.course, "digest": w["digest"], "name": w["asset_name"]},
    "quizzes.quiz": lambda w: {"course": w.course, "quiz": w.quiz},
    "quizzes.start": lambda w: {"course": w.course, "quiz": w.quiz},
    "quizzes.attempt": lambda w: {"course": w.course, "quiz": w.quiz, "number": w.attempt},
    "quizzes.submit": lambda w: {"course": w.course, "quiz": w.quiz, "number": w.attempt},
    "quizzes.results": lambda w: {"course": w.course, "quiz": w.quiz},
    "quizzes.allowance": lambda w: {"course": w.course, "quiz": w.quiz},
    "learning.enrol": lambda w: {"course": w.course},
    "learning.unenrol": lambda w: {"course": w.course},
    "learning.set_language": lambda w: {"course": w.course},
    "learning.complete": lambda w: {"course": w.course, "lesson": w.lesson},
    "learning.join": lambda w: {"course": w.course},
    "trainers.new_cohort": lambda w: {"course": w.course},
    "trainers.edit_cohort": lambda w: {"cohort_id": w["cohort_id"]},
    "trainers.enrol_from_file": lambda w: {"cohort_id": w["cohort_id"]},
    "certificates.verify": lambda w: {"public_id": w["public_id"]},
    "certificates.pdf": lambda w: {"public_id": w["public_id"]},
    "credentials.download": lambda w: {"public_id": w["public_id"]},
    "credentials.download_json": lambda w: {"public_id": w["public_id"]},
    "credentials.badge_png": lambda w: {"public_id": w["public_id"]},
    "credentials.badge_svg": lambda w: {"public_id": w["public_id"]},
    "credentials.status": lambda w: {"number": 0},
    "credentials.public_key": lambda w: {"kid": w["kid"]},
    "certificates.revoke": lambda w: {"certificate_id": w["certificate_id"]},
    "certificates.reissue": lambda w: {"certificate_id": w["certificate_id"]},
    "trainers.version": lambda w: {"version_id": w["version_id"]},
    "trainers.publish": lambda w: {"version_id": w["earlier_version_id"]},
    "trainers.course": lambda w: {"course": w.course},
    "admin.reports": lambda w: {"course": w.course},
    "admin.report_csv_download": lambda w: {"name": "enrolments", "course": w.course},
    "admin.reports_pdf": lambda w: {"course": w.course},
    "trainers.unpublish": lambda w: {"course": w.course},
    "trainers.restore": lambda w: {"course": w.course},
    "trainers.enrolment_settings": lambda w: {"course": w.course},
    "trainers.add_owner": lambda w: {"course": w.course},
    "trainers.remove_owner": lambda w: {"course": w.course, "user_id": w.users["trainer"][0]},
    "trainers.preview": lambda w: {"version_id": w["version_id"]},
    "trainers.preview_course": lambda w: {"version_id": w["version_id"], "language": "fr"},
    "trainers.preview_lesson": lambda w: {
        "version_id": w["version_id"],
        "language": "fr",
        "lesson": w.lesson,
    },
    "trainers.preview_quiz": lambda w: {
        "version_id": w["version_id"],
        "language": "fr",
        "quiz": w.quiz,
    },
    "trainers.preview_asset": lambda w: {
        "version_id": w["version_id"],
        "language": "fr",
        "digest": w["digest"],
        "name": w["asset_name"],
    },
    "trainers.preview_inert": lambda w: {"version_id": w["version_id"]},
    "auth.confirm": lambda w: {"token": w["confirm_token"]},
    "auth.reset_password": lambda w: {"token": w["reset_token"]},
    "account.confirm_email_change": lambda w: {"token": w["email_token"]},
    "trainers.cohort": lambda w: {"cohort_id": w["cohort"]},
    "admin.user": lambda w: {"user_id": w["learner_id"]},
    "admin.change_role": lambda w: {"user_id": w["learner_id"]},
    "admin.deactivate": lambda w: {"user_id": w["learner_id"]},
    "admin.reactivate": lambda w: {"user_id": w["deactivated_id"]},
    "admin.face_to_face_preview": lambda w: {"token": w["face_to_face_token"]},
    "admin.face_to_face_issue": lambda w: {"token": w["face_to_face_token"]},
    "admin.face_to_face_cancel": lambda w: {"token": w["face_to_face_token"]},
    "trainers.cohort_learners_csv": lambda w: {"cohort_id": w["cohort"]},
    "trainers.cohort_learner": lambda w: {"cohort_id": w["cohort"], "user_id": w["learner_id"]},
    "trainers.announce": lambda w: {"cohort_id": w["cohort"]},
    "trainers.issue_cohort_certificates": lambda w: {"cohort_id": w["cohort"]},
}

COHORT = {
    "name": "SSE Academy 2027",
    "content_language": "en",
    "joining": "key",
    "key": "a-new-key-27",
}

PROFILE = {"name": "Renamed", "locale": "fr", "country": "FR", "constituent_group": "other"}

# endpoint -> the form (or how to build it from the world) the person allowed to act would send
FORMS = {
    "main.set_language": {"switch-language": "fr", "switch-next": "/"},
    "auth.register": {"email": "someone@example.org", "password": NEW_PASSWORD, **PROFILE},
    "auth.sign_in": {"email": "learner@example.org", "password": PASSWORD},
    "auth.reset_request": {"email": "learner@example.org"},
    "auth.reset_password": {"password": NEW_PASSWORD},
    "account.profile": PROFILE,
    "account.change_email": {"email": "new@example.org", "current_password": PASSWORD},
    "account.change_password": {"current_password": PASSWORD, "password": NEW_PASSWORD},
    "account.delete": {"current_password": PASSWORD, "understood": "y"},
    "learning.set_language": {"content-language": "fr"},
    "learning.join": {"key": COHORT_KEY},
    "trainers.new_cohort": COHORT,
    "trainers.edit_cohort": COHORT,
    "admin.change_role": {"role": "trainer"},
    "admin.deactivate": {"reason": "Left the centre"},
    "admin.reactivate": {"reason": "Back"},
    "admin.new_user": {"email": "made@example.org", "name": "Made Person", "role": "learner"},
    # a callable, so each actor sends a fresh file
    "trainers.enrol_from_file": lambda w: {
        "file": (io.BytesIO(b"email,name\nnew-learner@example.org,New Learner\n"), "l.csv")
    },
    "admin.face_to_face": lambda w: {"file": (io.BytesIO(FACE_TO_FACE_FILE), "workshop.csv")},
    "admin.face_to_face_issue": lambda w: {"digest": w["face_to_face_digest"]},
    "quizzes.allowance": {"email": "learner@example.org", "extra_minutes": "10"},
    "certificates.issue": {"email": "elsewhere@example.org", "course": "sample-course"},
    "certificates.issue_ready": lambda w: {"completion": str(w["completion_id"])},
    "certificates.revoke": {"reason": "Issued by mistake"},
    "certificates.reissue": {"reason": "The name was misspelt"},
    "credentials.check": lambda w: {"file": (io.BytesIO(b"not a credential"), "c.jwt")},
    "trainers.upload": lambda w: {"package": (io.BytesIO(sample_package_zip()), "sample.zip")},
    "trainers.add_owner": {"email": "other-trainer@example.org"},
    "trainers.convert_bank": lambda w: {
        "bank": (io.BytesIO(b"::sum:: Two and two make {=4 ~5}\n"), "sum.gift"),
        "language": "en",
    },
    "trainers.announce": {"subject_en": "Live session", "message_en": "On Friday at 10:00."},
}


@cache
def sample_package_zip() -> bytes:
    """The sample course zipped as a trainer would, inside its own folder."""
    from academy.trainers.versions import pack_folder

    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w") as archive,
        zipfile.ZipFile(io.BytesIO(pack_folder(SAMPLE_PACKAGE))) as packed,
    ):
        for name in packed.namelist():
            archive.writestr(f"sample-course/{name}", packed.read(name))
    return buffer.getvalue()


def form_data(endpoint: str, world: World) -> dict:
    form = FORMS.get(endpoint, {})
    return form(world) if callable(form) else dict(form)


def url_values(endpoint: str, world: World) -> dict:
    build = URLS.get(endpoint)
    return build(world) if build else {}
