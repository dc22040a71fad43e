"""giving: double-opt-in introductions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
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
        "introductions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("a_id", sa.Integer(), nullable=False),
        sa.Column("b_id", sa.Integer(), nullable=False),
        sa.Column("why", sa.Text(), server_default="", nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("declined_by", sa.String(length=1), nullable=True),
        sa.Column("outcome", sa.Text(), server_default="", nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["a_id"], ["people.id"], name=op.f("fk_introductions_a_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_introductions_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["b_id"], ["people.id"], name=op.f("fk_introductions_b_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_introductions")),
    )
    with op.batch_alter_table("introductions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_introductions_a_id"), ["a_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_introductions_b_id"), ["b_id"], unique=False)
        batch_op.create_index(
            "ix_introductions_account_stage", ["account_id", "stage"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("introductions", schema=None) as batch_op:
        batch_op.drop_index("ix_introductions_account_stage")
        batch_op.drop_index(batch_op.f("ix_introductions_b_id"))
        batch_op.drop_index(batch_op.f("ix_introductions_a_id"))
    op.drop_table("introductions")
