"""notify table versions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

The version trigger also sends `table:version` on channel `gisapp_table_versions`, so app processes
know a layer changed without asking the database on every tile request.
"""

from collections.abc import Sequence

from alembic import op

from gisapp.models.table_version import BUMP_FUNCTION_DDL, NOTIFYING_BUMP_FUNCTION_DDL

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(NOTIFYING_BUMP_FUNCTION_DDL)


def downgrade() -> None:
    op.execute(BUMP_FUNCTION_DDL)
