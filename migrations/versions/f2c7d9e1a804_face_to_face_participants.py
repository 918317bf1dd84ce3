"""face-to-face participants: certificates without an account, and who they were issued to

Revision ID: f2c7d9e1a804
Revises: e5b8a3f7c611
Create Date: 2026-12-07 20:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f2c7d9e1a804'
down_revision = 'e5b8a3f7c611'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.alter_column('user_id', existing_type=sa.Integer(), nullable=True)

    op.create_table(
        'certificate_participants',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('certificate_id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('attended_on', sa.Date(), nullable=False),
        sa.Column('country', sa.String(length=2), nullable=True),
        sa.Column('sex', sa.String(length=20), nullable=True),
        sa.Column('constituent_group', sa.String(length=40), nullable=True),
        sa.Column('organization', sa.String(length=200), nullable=True),
        sa.CheckConstraint("constituent_group IS NULL OR constituent_group IN ('government', 'employers', 'workers', 'sse_entity', 'training_research', 'other')", name=op.f('ck_certificate_participants_constituent_group')),
        sa.CheckConstraint("sex IS NULL OR sex IN ('woman', 'man', 'another', 'undisclosed')", name=op.f('ck_certificate_participants_sex')),
        sa.ForeignKeyConstraint(['certificate_id'], ['certificates.id'], name=op.f('fk_certificate_participants_certificate_id_certificates')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_participants')),
        sa.UniqueConstraint('certificate_id', name=op.f('uq_certificate_participants_certificate_id')),
    )
    with op.batch_alter_table('certificate_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_participants_email'), ['email'], unique=False)


def downgrade():
    with op.batch_alter_table('certificate_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_participants_email'))
    op.drop_table('certificate_participants')
    # Certificates issued to participants without an account cannot survive
    # a NOT NULL user_id: the downgrade refuses rather than deletes them.
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.alter_column('user_id', existing_type=sa.Integer(), nullable=False)
