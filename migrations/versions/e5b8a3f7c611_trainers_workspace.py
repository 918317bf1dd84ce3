"""trainers' workspace: course versions and owners, cohorts, invitations, announcements

Revision ID: e5b8a3f7c611
Revises: d4a7c2e9f013
Create Date: 2026-12-07 19:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

import academy.database


# revision identifiers, used by Alembic.
revision = 'e5b8a3f7c611'
down_revision = 'd4a7c2e9f013'
branch_labels = None
depends_on = None


def _moment():
    return academy.database.UTCDateTime()


def upgrade():
    op.create_table(
        'course_versions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('course_slug', sa.String(length=100), nullable=False),
        sa.Column('version', sa.String(length=50), nullable=False),
        sa.Column('title', sa.JSON(), nullable=False),
        sa.Column('languages', sa.JSON(), nullable=False),
        sa.Column('content_hash', sa.String(length=64), nullable=False),
        sa.Column('package', sa.LargeBinary(), nullable=False),
        sa.Column('package_size', sa.Integer(), nullable=False),
        sa.Column('warnings', sa.Integer(), nullable=False),
        sa.Column('uploaded_by', sa.Integer(), nullable=True),
        sa.Column('uploaded_at', _moment(), nullable=False),
        sa.Column('published_at', _moment(), nullable=True),
        sa.Column('published_by', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['published_by'], ['users.id'], name=op.f('fk_course_versions_published_by_users')),
        sa.ForeignKeyConstraint(['uploaded_by'], ['users.id'], name=op.f('fk_course_versions_uploaded_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_course_versions')),
    )
    with op.batch_alter_table('course_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_versions_course_slug'), ['course_slug'], unique=False)

    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published_version_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('unpublished_at', _moment(), nullable=True))
        batch_op.add_column(sa.Column('open_enrolment', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_courses_published_version_id_course_versions'), 'course_versions', ['published_version_id'], ['id'])

    op.create_table(
        'course_owners',
        sa.Column('course_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('assigned_by', sa.Integer(), nullable=True),
        sa.Column('assigned_at', _moment(), nullable=False),
        sa.ForeignKeyConstraint(['assigned_by'], ['users.id'], name=op.f('fk_course_owners_assigned_by_users')),
        sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_course_owners_course_id_courses'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_course_owners_user_id_users')),
        sa.PrimaryKeyConstraint('course_id', 'user_id', name=op.f('pk_course_owners')),
    )
    with op.batch_alter_table('course_owners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_owners_user_id'), ['user_id'], unique=False)

    op.create_table(
        'cohorts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('course_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('content_language', sa.String(length=20), nullable=False),
        sa.Column('enrolment_opens_at', _moment(), nullable=True),
        sa.Column('enrolment_closes_at', _moment(), nullable=True),
        sa.Column('starts_on', sa.Date(), nullable=True),
        sa.Column('ends_on', sa.Date(), nullable=True),
        sa.Column('capacity', sa.Integer(), nullable=True),
        sa.Column('joining', sa.String(length=16), nullable=False),
        sa.Column('key_hash', sa.String(length=255), nullable=True),
        sa.Column('on_certificates', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('created_at', _moment(), nullable=False),
        sa.CheckConstraint("joining IN ('key', 'invitation')", name=op.f('ck_cohorts_joining')),
        sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_cohorts_course_id_courses'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_cohorts_created_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_cohorts')),
    )
    with op.batch_alter_table('cohorts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cohorts_course_id'), ['course_id'], unique=False)

    op.create_table(
        'cohort_trainers',
        sa.Column('cohort_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_cohort_trainers_cohort_id_cohorts'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_cohort_trainers_user_id_users')),
        sa.PrimaryKeyConstraint('cohort_id', 'user_id', name=op.f('pk_cohort_trainers')),
    )
    with op.batch_alter_table('cohort_trainers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cohort_trainers_user_id'), ['user_id'], unique=False)

    op.create_table(
        'cohort_invitations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cohort_id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('locale', sa.String(length=8), nullable=True),
        sa.Column('country', sa.String(length=2), nullable=True),
        sa.Column('sex', sa.String(length=16), nullable=True),
        sa.Column('constituent_group', sa.String(length=32), nullable=True),
        sa.Column('invited_by', sa.Integer(), nullable=True),
        sa.Column('invited_at', _moment(), nullable=False),
        sa.Column('accepted_at', _moment(), nullable=True),
        sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_cohort_invitations_cohort_id_cohorts'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['invited_by'], ['users.id'], name=op.f('fk_cohort_invitations_invited_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_cohort_invitations')),
        sa.UniqueConstraint('cohort_id', 'email', name=op.f('uq_cohort_invitations_cohort_id_email')),
    )
    with op.batch_alter_table('cohort_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cohort_invitations_email'), ['email'], unique=False)

    op.create_table(
        'announcements',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cohort_id', sa.Integer(), nullable=False),
        sa.Column('subject', sa.JSON(), nullable=False),
        sa.Column('body', sa.JSON(), nullable=False),
        sa.Column('sent_by', sa.Integer(), nullable=True),
        sa.Column('sent_at', _moment(), nullable=False),
        sa.Column('recipients', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_announcements_cohort_id_cohorts'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['sent_by'], ['users.id'], name=op.f('fk_announcements_sent_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_announcements')),
    )
    with op.batch_alter_table('announcements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_announcements_cohort_id'), ['cohort_id'], unique=False)

    with op.batch_alter_table('enrolments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cohort_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_enrolments_cohort_id'), ['cohort_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_enrolments_cohort_id_cohorts'), 'cohorts', ['cohort_id'], ['id'], ondelete='SET NULL')

    # The audit log now also records what trainers do to courses and cohorts.
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_audit_log_action'), type_='check')
        batch_op.alter_column('action', existing_type=sa.String(length=16), type_=sa.String(length=32), existing_nullable=False)
        batch_op.alter_column('certificate_id', existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column('course_slug', sa.String(length=100), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_log_course_slug'), ['course_slug'], unique=False)


def downgrade():
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_course_slug'))
        batch_op.drop_column('course_slug')
    op.execute("DELETE FROM audit_log WHERE certificate_id IS NULL")
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.alter_column('certificate_id', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('action', existing_type=sa.String(length=32), type_=sa.String(length=16), existing_nullable=False)
        batch_op.create_check_constraint(op.f('ck_audit_log_action'), "action IN ('issue', 'revoke', 'reissue')")

    with op.batch_alter_table('enrolments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_enrolments_cohort_id_cohorts'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_enrolments_cohort_id'))
        batch_op.drop_column('cohort_id')
    op.drop_table('announcements')
    op.drop_table('cohort_invitations')
    op.drop_table('cohort_trainers')
    op.drop_table('cohorts')
    op.drop_table('course_owners')
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_courses_published_version_id_course_versions'), type_='foreignkey')
        batch_op.drop_column('open_enrolment')
        batch_op.drop_column('unpublished_at')
        batch_op.drop_column('published_version_id')
    op.drop_table('course_versions')
