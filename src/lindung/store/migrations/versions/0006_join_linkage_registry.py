"""Join the linkage (0005l) and registry (0005r) branches

Revision ID: 0006
Revises: 0005l, 0005r
"""

from __future__ import annotations

revision = "0006"
down_revision = ("0005l", "0005r")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: this revision only joins the two branches."""


def downgrade() -> None:
    """Nothing to change: this revision only joins the two branches."""
