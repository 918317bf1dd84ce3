"""credentials: each certificate's signed Open Badges 3.0 credential

Revision ID: a9d3c5e7f214
Revises: 3b9e6d2f8c41
Create Date: 2026-12-07 22:30:00.000000

"""

from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = "a9d3c5e7f214"
down_revision = "3b9e6d2f8c41"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "credentials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("certificate_id", sa.Integer(), nullable=False),
        sa.Column("status_index", sa.Integer(), nullable=False),
        sa.Column("salt", sa.String(length=64), nullable=False),
        sa.Column("token", sa.Text(), nullable=False),
        sa.Column("key_id", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["certificate_id"],
            ["certificates.id"],
            name=op.f("fk_credentials_certificate_id_certificates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credentials")),
        sa.UniqueConstraint("certificate_id", name=op.f("uq_credentials_certificate_id")),
        sa.UniqueConstraint("status_index", name=op.f("uq_credentials_status_index")),
    )


def downgrade():
    op.drop_table("credentials")
