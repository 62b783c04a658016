"""linkage runs: the reviewers' labels a retraining used

Revision ID: 0009l
Revises: 0008
Create Date: 2026-12-01 06:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009l"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("linkage_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("training_labels", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("linkage_runs", schema=None) as batch_op:
        batch_op.drop_column("training_labels")
