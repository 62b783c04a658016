"""Join the exchange branches (partner API 0003b, imports 0003c) into one head.

Revision ID: 0004
Revises: 0003b, 0003c
Create Date: 2026-11-28
"""

from __future__ import annotations

revision = "0004"
down_revision = ("0003b", "0003c")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: this revision only joins the two branches."""


def downgrade() -> None:
    """Nothing to change: this revision only joins the two branches."""
