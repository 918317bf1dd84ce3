"""admin console: deactivated accounts, and the account an audit entry is about

Revision ID: a7d2c9e4b815
Revises: f2c7d9e1a804
Create Date: 2026-12-07 20:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

import academy.database


# revision identifiers, used by Alembic.
revision = 'a7d2c9e4b815'
down_revision = 'f2c7d9e1a804'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deactivated_at', academy.database.UTCDateTime(), nullable=True))

    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject_user_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_log_subject_user_id'), ['subject_user_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_audit_log_subject_user_id_users'), 'users', ['subject_user_id'], ['id'])


def downgrade():
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_audit_log_subject_user_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_audit_log_subject_user_id'))
        batch_op.drop_column('subject_user_id')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('deactivated_at')
