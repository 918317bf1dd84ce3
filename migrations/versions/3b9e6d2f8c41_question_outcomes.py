"""question outcomes: each graded question of a submitted attempt, for the reports

Revision ID: 3b9e6d2f8c41
Revises: 7c2d9e4b1a08
Create Date: 2026-12-07 20:50:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "3b9e6d2f8c41"
down_revision = "7c2d9e4b1a08"
branch_labels = None
depends_on = None

# Existing submitted attempts, unpacked once in the database (as the report used to
# do at every query): the same rows academy.quizzes.outcomes writes at grading.
BACKFILL = {
    "sqlite": """
        INSERT INTO question_outcomes
            (attempt_id, question_id, quiz_id, submitted_on, language, correct)
        SELECT a.id, json_extract(r.value, '$.question_id'), a.quiz_id,
               date(a.submitted_at), a.language,
               CASE WHEN json_extract(r.value, '$.correct') = 1 THEN 1 ELSE 0 END
        FROM attempts AS a, json_each(a.results, '$.results') AS r
        WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL
          AND json_extract(r.value, '$.question_id') IS NOT NULL
    """,
    "postgresql": """
        INSERT INTO question_outcomes
            (attempt_id, question_id, quiz_id, submitted_on, language, correct)
        SELECT a.id, r.value ->> 'question_id', a.quiz_id,
               (a.submitted_at AT TIME ZONE 'UTC')::date, a.language,
               coalesce(r.value ->> 'correct' = 'true', false)
        FROM attempts AS a
        CROSS JOIN LATERAL json_array_elements(
            CASE WHEN json_typeof(a.results -> 'results') = 'array'
                 THEN a.results -> 'results' ELSE '[]'::json END
        ) AS r(value)
        WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL
          AND r.value ->> 'question_id' IS NOT NULL
    """,
}


def upgrade():
    op.create_table(
        "question_outcomes",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=100), nullable=False),
        sa.Column("quiz_id", sa.Integer(), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["attempts.id"],
            name=op.f("fk_question_outcomes_attempt_id_attempts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["quiz_id"],
            ["quizzes.id"],
            name=op.f("fk_question_outcomes_quiz_id_quizzes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("attempt_id", "question_id", name=op.f("pk_question_outcomes")),
    )
    op.execute(BACKFILL[op.get_bind().dialect.name])
    # Built after the backfill: sorting once beats keeping it in order row by row.
    op.create_index(
        "ix_question_outcomes_report",
        "question_outcomes",
        ["quiz_id", "question_id", "language", "submitted_on", "correct", "attempt_id"],
        unique=False,
    )


def downgrade():
    op.drop_index("ix_question_outcomes_report", table_name="question_outcomes")
    op.drop_table("question_outcomes")
