"""question outcomes of attempts graded on the site, which stored their results as a list

Revision ID: b7e2c4a9d1f6
Revises: 5e1a7c3d9b20
Create Date: 2026-12-08 00:40:00.000000

Grading stores attempt.results as the list of graded questions, but the
outcome rows (written at grading, and backfilled by 3b9e6d2f8c41) were read
from a dict holding that list under "results", so no attempt submitted on the
site got any. This writes them for every submitted attempt that has none; the
report cells follow through their triggers.
"""

from alembic import op


# revision identifiers, used by Alembic.
revision = "b7e2c4a9d1f6"
down_revision = "5e1a7c3d9b20"
branch_labels = None
depends_on = None

BACKFILL = {
    "sqlite": """
        INSERT INTO question_outcomes
            (attempt_id, question_id, quiz_id, submitted_on, language, correct)
        SELECT a.id, json_extract(r.value, '$.question_id'), a.quiz_id,
               date(a.submitted_at), a.language,
               CASE WHEN json_extract(r.value, '$.correct') = 1 THEN 1 ELSE 0 END
        FROM attempts AS a, json_each(a.results) AS r
        WHERE json_type(a.results) = 'array'
          AND a.state = 'submitted' AND a.submitted_at IS NOT NULL
          AND json_extract(r.value, '$.question_id') IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM question_outcomes AS o WHERE o.attempt_id = a.id)
    """,
    "postgresql": """
        INSERT INTO question_outcomes
            (attempt_id, question_id, quiz_id, submitted_on, language, correct)
        SELECT a.id, r.value ->> 'question_id', a.quiz_id,
               (a.submitted_at AT TIME ZONE 'UTC')::date, a.language,
               coalesce(r.value ->> 'correct' = 'true', false)
        FROM attempts AS a
        CROSS JOIN LATERAL json_array_elements(
            CASE WHEN json_typeof(a.results) = 'array' THEN a.results ELSE '[]'::json END
        ) AS r(value)
        WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL
          AND r.value ->> 'question_id' IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM question_outcomes AS o WHERE o.attempt_id = a.id)
    """,
}


def upgrade():
    op.execute(BACKFILL[op.get_bind().dialect.name])


def downgrade():
    pass  # the rows are right under the previous revision too
