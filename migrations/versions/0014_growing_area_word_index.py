"""growing areas: a GIN index on the search text's words; no statistics on the search text

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-24

The public name search first looks for areas holding every typed word whole, through this index
(services/lookup.py): on a million plots a name with one rare word is found in about a millisecond,
where the trigram GiST index alone read thousands of pages when few areas matched. About 14 MB and
a few seconds to build for a million plots.

The search text's column statistics go: to estimate each trigram condition the planner ran it on
every sampled value, 3 ms of planning for every name search (more than running it), and no plan
changed without them. ANALYZE leaves a column's old statistics when its target drops to 0;
setting the column to its own type is how the table's owner clears them (the indexes are kept).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "ALTER TABLE growing_areas ALTER COLUMN search_text SET STATISTICS 0, "
        "ALTER COLUMN search_text TYPE text"
    )
    op.create_index(
        "ix_growing_areas_search_words",
        "growing_areas",
        [sa.literal_column("to_tsvector('simple'::regconfig, search_text)")],
        unique=False,
        postgresql_using="gin",
    )


def downgrade() -> None:
    op.drop_index("ix_growing_areas_search_words", table_name="growing_areas", postgresql_using="gin")
    op.execute("ALTER TABLE growing_areas ALTER COLUMN search_text SET STATISTICS -1")
