"""certificate pdfs: rendered PDFs kept by ETag, shared by app servers

Revision ID: b7c41e2d9a10
Revises: 0fbdb4fd6f2d
Create Date: 2026-12-07 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7c41e2d9a10'
down_revision = '0fbdb4fd6f2d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'certificate_pdfs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('certificate_id', sa.Integer(), nullable=False),
        sa.Column('etag', sa.String(length=64), nullable=False),
        sa.Column('pdf', sa.LargeBinary(), nullable=False),
        sa.Column('rendered_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['certificate_id'],
            ['certificates.id'],
            name=op.f('fk_certificate_pdfs_certificate_id_certificates'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_pdfs')),
        sa.UniqueConstraint('certificate_id', name=op.f('uq_certificate_pdfs_certificate_id')),
    )


def downgrade():
    op.drop_table('certificate_pdfs')
