"""Queries per lesson page: the same for a 10-lesson and a 1,000-lesson course."""

from __future__ import annotations

from sqlalchemy import event, select

from academy.courses.models import Course
from academy.extensions import db
from academy.learning.services import enrol
from tests.benchmarks import table
from tests.benchmarks.generate import write_large_package
from tests.conftest import import_package
from tests.factories import make_user, sign_in

NOT_QUERIES = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA")


def _queries(client, url: str) -> int:
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(NOT_QUERIES):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return len(statements)


def bench_queries_do_not_grow_with_the_course(app, client, tmp_path):
    small = write_large_package(tmp_path / "small", lessons=10, modules=2)
    (small / "course.yaml").write_text(
        (small / "course.yaml").read_text().replace("big-course", "small-course")
    )
    import_package(small)
    import_package(write_large_package(tmp_path / "big"))
    user = make_user()
    for course in db.session.scalars(select(Course)):
        enrol(user, course, "en")
    db.session.commit()
    counts = {}
    for who in ("visitor", "signed-in learner"):
        if who != "visitor":
            sign_in(client, user.email)
        counts[who] = (
            _queries(client, "/courses/small-course/lessons/lesson-5"),
            _queries(client, "/courses/big-course/lessons/lesson-500"),
        )
        print(
            f"\n{who:<18} queries per lesson page: 10 lessons {counts[who][0]}, "
            f"1,000 lessons {counts[who][1]}"
        )
    for who, (small_count, big_count) in counts.items():
        table.record(
            f"queries per lesson page, {who}",
            f"{big_count} (1,000 lessons)",
            baseline=f"{small_count} (10 lessons)",
            target="same" + (", <= 5" if who != "visitor" else ""),
            held=small_count == big_count and (who == "visitor" or big_count <= 5),
        )
