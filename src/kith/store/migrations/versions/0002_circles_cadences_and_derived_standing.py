"""circles cadences and derived standing

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.create_index("ix_followups_account_due", ["account_id", "due_on"], unique=False)

    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("thanked_on", sa.Date(), nullable=True))
        batch_op.create_index(
            "ix_ledger_account_direction_on",
            ["account_id", "direction", "occurred_on"],
            unique=False,
        )

    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("circle", sa.String(length=20), server_default="wider", nullable=False)
        )
        batch_op.add_column(
            sa.Column("circle_pinned", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("cadence", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("snoozed_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("skips", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("first_contact_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("interaction_count", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("s_depth", sa.Float(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("s_mine", sa.Float(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("s_theirs", sa.Float(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("s_gave", sa.Float(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("s_received", sa.Float(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("s_asks", sa.Float(), server_default="0", nullable=False))
        batch_op.add_column(
            sa.Column("strength_key", sa.Float(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("due_on", sa.Date(), nullable=True))
        batch_op.create_index(
            "ix_people_account_circle_due", ["account_id", "circle", "due_on"], unique=False
        )
        batch_op.create_index(
            "ix_people_account_strength", ["account_id", "strength_key"], unique=False
        )

    with op.batch_alter_table("person_dates", schema=None) as batch_op:
        batch_op.create_index(
            "ix_person_dates_account_month_day", ["account_id", "month", "day"], unique=False
        )

    with op.batch_alter_table("person_orgs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("anniversary", sa.Integer(), nullable=True))
        batch_op.create_index(
            "ix_person_orgs_account_anniversary", ["account_id", "anniversary"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("person_orgs", schema=None) as batch_op:
        batch_op.drop_index("ix_person_orgs_account_anniversary")
        batch_op.drop_column("anniversary")

    with op.batch_alter_table("person_dates", schema=None) as batch_op:
        batch_op.drop_index("ix_person_dates_account_month_day")

    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index("ix_people_account_strength")
        batch_op.drop_index("ix_people_account_circle_due")
        batch_op.drop_column("due_on")
        batch_op.drop_column("strength_key")
        batch_op.drop_column("s_asks")
        batch_op.drop_column("s_received")
        batch_op.drop_column("s_gave")
        batch_op.drop_column("s_theirs")
        batch_op.drop_column("s_mine")
        batch_op.drop_column("s_depth")
        batch_op.drop_column("interaction_count")
        batch_op.drop_column("first_contact_at")
        batch_op.drop_column("skips")
        batch_op.drop_column("snoozed_until")
        batch_op.drop_column("cadence")
        batch_op.drop_column("circle_pinned")
        batch_op.drop_column("circle")

    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_ledger_account_direction_on")
        batch_op.drop_column("thanked_on")

    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.drop_index("ix_followups_account_due")
