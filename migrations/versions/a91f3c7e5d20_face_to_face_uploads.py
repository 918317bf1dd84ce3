"""face-to-face uploads: a participants file kept between its preview and its confirmation

Revision ID: a91f3c7e5d20
Revises: a9d3c5e7f214
Create Date: 2026-12-07 22:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a91f3c7e5d20'
down_revision = 'a9d3c5e7f214'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'face_to_face_uploads',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_sha256', sa.String(length=64), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
        sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('issued_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('issued_count', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_face_to_face_uploads_uploaded_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_face_to_face_uploads')),
        sa.UniqueConstraint('token_sha256', name=op.f('uq_face_to_face_uploads_token_sha256')),
    )
    with op.batch_alter_table('face_to_face_uploads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_face_to_face_uploads_uploaded_by_id'), ['uploaded_by_id'], unique=False)


def downgrade():
    with op.batch_alter_table('face_to_face_uploads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_face_to_face_uploads_uploaded_by_id'))
    op.drop_table('face_to_face_uploads')
