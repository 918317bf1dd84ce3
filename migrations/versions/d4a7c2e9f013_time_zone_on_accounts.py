"""time zone on accounts and registrations: dates and times shown in the learner's zone

Revision ID: d4a7c2e9f013
Revises: c3e8f1a2b4d5
Create Date: 2026-12-07 18:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4a7c2e9f013'
down_revision = 'c3e8f1a2b4d5'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('users', 'registrations'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('time_zone', sa.String(length=64), nullable=True))


def downgrade():
    for table in ('registrations', 'users'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('time_zone')
