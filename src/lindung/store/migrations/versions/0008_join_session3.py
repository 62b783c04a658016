"""Join the registry-gaps (0007r) and content-hash (0007i) branches

Revision ID: 0008
Revises: 0007r, 0007i
"""

from __future__ import annotations

revision = "0008"
down_revision = ("0007r", "0007i")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: this revision only joins the two branches."""


def downgrade() -> None:
    """Nothing to change: this revision only joins the two branches."""
