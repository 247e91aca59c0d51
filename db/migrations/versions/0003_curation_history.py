"""Curation history: revisions, the machine's original text and corrected pages.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=50), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("article_ids", sa.JSON(), nullable=False),
        sa.Column("page_ids", sa.JSON(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.Column("reverted_by_id", sa.Integer(), nullable=True),
        sa.Column("revert_of_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["reverted_by_id"],
            ["revision.id"],
            name=op.f("fk_revision_reverted_by_id_revision"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["revert_of_id"],
            ["revision.id"],
            name=op.f("fk_revision_revert_of_id_revision"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revision")),
    )
    # Plain ALTER TABLE ADD COLUMN: the tables keep their rows. Server defaults must stay plain
    # strings: an SQL expression makes Alembic copy the table, and dropping the old page table
    # would cascade to the articles' parts.
    with op.batch_alter_table("text_block", schema=None) as batch_op:
        batch_op.add_column(sa.Column("original", sa.Text(), nullable=True))
    with op.batch_alter_table("article_part", schema=None) as batch_op:
        batch_op.add_column(sa.Column("original", sa.JSON(), nullable=True))
    with op.batch_alter_table("page", schema=None) as batch_op:
        batch_op.add_column(sa.Column("original", sa.JSON(), nullable=True))
        batch_op.add_column(
            sa.Column("corrected", sa.Boolean(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("page", schema=None) as batch_op:
        batch_op.drop_column("corrected")
        batch_op.drop_column("original")
    with op.batch_alter_table("article_part", schema=None) as batch_op:
        batch_op.drop_column("original")
    with op.batch_alter_table("text_block", schema=None) as batch_op:
        batch_op.drop_column("original")
    op.drop_table("revision")
