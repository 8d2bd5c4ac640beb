"""attachments

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23

Files attached to a growing area (scanned decisions, lab reports, photos), optionally to one of its
decisions or inspections. The bytes are stored outside the database; the row keeps the checksum,
size, media type detected from the content, the original name and who uploaded it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("growing_area_id", sa.Integer(), nullable=False),
        sa.Column("transition_id", sa.Integer(), nullable=True, comment="a decision's scan"),
        sa.Column("inspection_id", sa.Integer(), nullable=True, comment="e.g. a lab report"),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("caption", sa.String(length=500), nullable=True),
        sa.Column(
            "original_filename", sa.String(length=255), nullable=False, comment="as sent, without any folder"
        ),
        sa.Column("media_type", sa.String(length=100), nullable=False, comment="detected from the content"),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False, comment="hex digest of the stored file"),
        sa.Column(
            "stored_path", sa.String(length=300), nullable=False, comment="relative to the attachments folder"
        ),
        sa.Column(
            "public_copy_path",
            sa.String(length=300),
            nullable=True,
            comment="a photo's copy for the public, location (GPS) removed",
        ),
        sa.Column("uploaded_by_user_id", sa.Integer(), nullable=True),
        sa.Column(
            "uploaded_by", sa.String(length=64), nullable=False, comment="username, kept if the account goes"
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "kind IN ('decision_scan', 'lab_report', 'photo', 'other')",
            name=op.f("ck_attachments_kind_known"),
        ),
        sa.CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name=op.f("ck_attachments_sha256_hex")),
        sa.CheckConstraint(
            "num_nonnulls(transition_id, inspection_id) <= 1", name=op.f("ck_attachments_one_owner")
        ),
        sa.CheckConstraint("size_bytes > 0", name=op.f("ck_attachments_size_positive")),
        sa.ForeignKeyConstraint(
            ["growing_area_id"],
            ["growing_areas.id"],
            name=op.f("fk_attachments_growing_area_id_growing_areas"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["growing_area_inspections.id"],
            name=op.f("fk_attachments_inspection_id_growing_area_inspections"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["transition_id"],
            ["growing_area_transitions.id"],
            name=op.f("fk_attachments_transition_id_growing_area_transitions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_user_id"],
            ["users.id"],
            name=op.f("fk_attachments_uploaded_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
        sa.UniqueConstraint("public_copy_path", name=op.f("uq_attachments_public_copy_path")),
        sa.UniqueConstraint("stored_path", name=op.f("uq_attachments_stored_path")),
    )
    op.create_index(
        "ix_attachments_growing_area_id", "attachments", ["growing_area_id", "created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_attachments_growing_area_id", table_name="attachments")
    op.drop_table("attachments")
