"""report facts: one row per enrolment, quiz and question cells, kept by triggers, backfilled

Revision ID: 5e1a7c3d9b20
Revises: a91f3c7e5d20
Create Date: 2026-12-07 22:45:00.000000

"""

from alembic import op
import sqlalchemy as sa

import academy.database
from academy.admin import report_cell_triggers, report_taker_triggers, report_triggers


# revision identifiers, used by Alembic.
revision = "5e1a7c3d9b20"
down_revision = "a91f3c7e5d20"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_report_enrolments_active": [
        "last_active_at",
        "first_active_at",
        "course_id",
        "cohort_id",
        "content_language",
        "user_id",
    ],
    "ix_report_enrolments_cohort": ["cohort_id", "first_active_at", "last_active_at"],
    "ix_report_enrolments_completed": ["completed_at", "course_id", "cohort_id"],
    "ix_report_enrolments_course": [
        "course_id",
        "first_active_at",
        "last_active_at",
        "cohort_id",
        "content_language",
        "user_id",
    ],
    "ix_report_enrolments_enrolled": ["enrolled_at", "course_id", "cohort_id"],
    "ix_report_enrolments_user": ["user_id"],
}


TAKER_INDEXES = {  # fmt: skip
    "ix_report_quiz_takers_course": ["course_id", "first_at", "last_at"],
    "ix_report_quiz_takers_first": [
        "first_at", "last_at", "quiz_id", "language", "user_id", "course_id", "sex", "country",
        "constituent_group", "attempts", "scored", "score_sum", "passes",
    ],
    "ix_report_quiz_takers_months": ["months", "first_at", "last_at"],
    "ix_report_quiz_takers_span": ["span_class", "first_at", "last_at"],
}


def upgrade():
    op.create_table(
        "report_enrolments",
        sa.Column("enrolment_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=True),
        sa.Column("content_language", sa.String(length=20), nullable=False),
        sa.Column("enrolled_at", academy.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sex", sa.String(length=16), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("constituent_group", sa.String(length=32), nullable=True),
        sa.Column("first_active_at", academy.database.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_active_at", academy.database.UTCDateTime(timezone=True), nullable=True),
        sa.Column("completed_at", academy.database.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("enrolment_id", name=op.f("pk_report_enrolments")),
    )
    op.create_table(
        "report_quiz_cells",
        sa.Column("quiz_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=32), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("scored", sa.Integer(), nullable=False),
        sa.Column("score_sum", sa.Float(), nullable=False),
        sa.Column("passes", sa.Integer(), nullable=False),
        sa.Column("learners", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "quiz_id", "language", "kind", "value", name=op.f("pk_report_quiz_cells")
        ),
    )
    op.create_table(
        "report_question_cells",
        sa.Column("quiz_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("question_id", sa.String(length=100), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=32), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("correct", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "quiz_id",
            "question_id",
            "language",
            "kind",
            "value",
            name=op.f("pk_report_question_cells"),
        ),
    )
    op.create_table(
        "report_quiz_takers",
        sa.Column("user_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("quiz_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("sex", sa.String(length=16), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("constituent_group", sa.String(length=32), nullable=True),
        sa.Column("first_at", academy.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_at", academy.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("span_class", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("scored", sa.Integer(), nullable=False),
        sa.Column("score_sum", sa.Float(), nullable=False),
        sa.Column("passes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "user_id", "quiz_id", "language", name=op.f("pk_report_quiz_takers")
        ),
    )
    bind = op.get_bind()
    bind.execute(sa.text(report_taker_triggers.fill(bind.dialect.name)))
    for name, columns in TAKER_INDEXES.items():
        op.create_index(name, "report_quiz_takers", columns, unique=False)
    report_taker_triggers.install(bind)
    op.create_table(
        "report_question_months",
        sa.Column("quiz_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("question_id", sa.String(length=100), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=16), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("correct", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "quiz_id",
            "question_id",
            "language",
            "month",
            "sex",
            name=op.f("pk_report_question_months"),
        ),
    )
    op.create_table(
        "report_quiz_months",
        sa.Column("quiz_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("scored", sa.Integer(), nullable=False),
        sa.Column("score_sum", sa.Float(), nullable=False),
        sa.Column("passes", sa.Integer(), nullable=False),
        sa.Column("single_learners", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "quiz_id", "language", "month", "sex", name=op.f("pk_report_quiz_months")
        ),
    )
    for statement in report_cell_triggers.fill(bind.dialect.name):
        bind.execute(sa.text(statement))
    report_cell_triggers.install(bind)
    # Existing enrolments, from their rows (the same formula the triggers keep).
    bind.execute(sa.text(report_triggers.FILL))
    # Built after the backfill: sorting once beats keeping them in order row by row.
    for name, columns in INDEXES.items():
        op.create_index(name, "report_enrolments", columns, unique=False)
    report_triggers.install(bind)


def downgrade():
    report_taker_triggers.drop(op.get_bind())
    for name in TAKER_INDEXES:
        op.drop_index(name, table_name="report_quiz_takers")
    op.drop_table("report_quiz_takers")
    report_cell_triggers.drop(op.get_bind())
    op.drop_table("report_question_months")
    op.drop_table("report_quiz_months")
    op.drop_table("report_question_cells")
    op.drop_table("report_quiz_cells")
    report_triggers.drop(op.get_bind())
    for name in INDEXES:
        op.drop_index(name, table_name="report_enrolments")
    op.drop_table("report_enrolments")
