"""registry gaps: violation or blocker findings, worker corrections with old values

Revision ID: 0007r
Revises: 0007s
Create Date: 2026-11-29 03:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007r"
down_revision = "0007s"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("policy_findings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=9), server_default="violation", nullable=False)
        )
        batch_op.create_index(batch_op.f("ix_policy_findings_kind"), ["kind"], unique=False)
    with op.batch_alter_table("policy_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("blockers", sa.Integer(), server_default="0", nullable=False))
    op.create_table(
        "worker_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("old_value", sa.String(length=200), nullable=True),
        sa.Column("new_value", sa.String(length=200), nullable=True),
        sa.Column("corrected_by", sa.String(length=80), nullable=False),
        sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=400), nullable=False),
        sa.ForeignKeyConstraint(
            ["worker_id"],
            ["workers.id"],
            name=op.f("fk_worker_corrections_worker_id_workers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_worker_corrections")),
    )
    with op.batch_alter_table("worker_corrections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_worker_corrections_worker_id"), ["worker_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("worker_corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_worker_corrections_worker_id"))
    op.drop_table("worker_corrections")
    with op.batch_alter_table("policy_runs", schema=None) as batch_op:
        batch_op.drop_column("blockers")
    with op.batch_alter_table("policy_findings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_policy_findings_kind"))
        batch_op.drop_column("kind")
