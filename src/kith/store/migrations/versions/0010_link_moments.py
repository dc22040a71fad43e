"""link moments: each interaction link keeps its interaction's moment, indexed by person

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("interaction_people") as batch:
        batch.add_column(sa.Column("occurred_at", sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE interaction_people SET occurred_at = (SELECT interactions.occurred_at"
        " FROM interactions WHERE interactions.id = interaction_people.interaction_id)"
    )
    op.create_index(
        "ix_interaction_people_person_occurred",
        "interaction_people",
        ["person_id", "occurred_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_interaction_people_person_occurred", table_name="interaction_people")
    with op.batch_alter_table("interaction_people") as batch:
        batch.drop_column("occurred_at")
