"""reports: indexes for counting events by course and date

Revision ID: 7c2d9e4b1a08
Revises: a7d2c9e4b815
Create Date: 2026-12-07 20:10:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '7c2d9e4b1a08'
down_revision = 'a7d2c9e4b815'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_enrolments_report_course', 'enrolments', ['course_id', 'enrolled_at', 'cohort_id', 'content_language', 'user_id'], unique=False)
    op.create_index('ix_enrolments_report_date', 'enrolments', ['enrolled_at', 'course_id', 'cohort_id', 'content_language', 'user_id'], unique=False)
    op.create_index('ix_course_completions_report_course', 'course_completions', ['course_id', 'completed_at', 'user_id'], unique=False)
    op.create_index('ix_course_completions_report_date', 'course_completions', ['completed_at', 'course_id', 'user_id'], unique=False)
    op.create_index('ix_attempts_report_submitted', 'attempts', ['quiz_id', 'submitted_at', 'state', 'language', 'user_id', 'score_percent', 'passed'], unique=False)
    op.create_index('ix_attempts_report_date', 'attempts', ['submitted_at', 'quiz_id', 'state', 'language', 'user_id', 'score_percent', 'passed'], unique=False)
    op.create_index('ix_certificates_report_course', 'certificates', ['course_slug', 'issued_at'], unique=False)
    op.create_index('ix_certificates_report_date', 'certificates', ['issued_at'], unique=False)


def downgrade():
    op.drop_index('ix_certificates_report_date', table_name='certificates')
    op.drop_index('ix_certificates_report_course', table_name='certificates')
    op.drop_index('ix_attempts_report_date', table_name='attempts')
    op.drop_index('ix_attempts_report_submitted', table_name='attempts')
    op.drop_index('ix_course_completions_report_date', table_name='course_completions')
    op.drop_index('ix_course_completions_report_course', table_name='course_completions')
    op.drop_index('ix_enrolments_report_date', table_name='enrolments')
    op.drop_index('ix_enrolments_report_course', table_name='enrolments')
