"""index throttle windows: stale counters are deleted on every new count

Revision ID: c3e8f1a2b4d5
Revises: b7c41e2d9a10
Create Date: 2026-12-07 17:40:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c3e8f1a2b4d5'
down_revision = 'b7c41e2d9a10'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        op.f('ix_sign_in_failures_window_started_at'),
        'sign_in_failures',
        ['window_started_at'],
        unique=False,
    )


def downgrade():
    op.drop_index(op.f('ix_sign_in_failures_window_started_at'), table_name='sign_in_failures')
