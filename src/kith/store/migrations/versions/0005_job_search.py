"""job search

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _account() -> sa.Column[int]:
    return sa.Column(
        "account_id", sa.Integer(), sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False
    )


def _ref(
    name: str, table: str, nullable: bool = False, ondelete: str = "CASCADE"
) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey(f"{table}.id", ondelete=ondelete), nullable=nullable
    )


def upgrade() -> None:
    op.create_table(
        "searches",
        sa.Column("id", sa.Integer(), primary_key=True),
        _account(),
        sa.Column("goal", sa.Text(), server_default="", nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("stopped_on", sa.Date(), nullable=True),
    )
    op.create_index("ix_searches_account_started", "searches", ["account_id", "started_on"])
    op.create_table(
        "targets",
        sa.Column("id", sa.Integer(), primary_key=True),
        _account(),
        sa.Column("company", sa.String(length=300), nullable=False),
        sa.Column("company_key", sa.String(length=300), nullable=False),
        sa.Column("role", sa.String(length=300), server_default="", nullable=False),
        sa.Column("priority", sa.Integer(), server_default="2", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("account_id", "company_key", name="uq_targets_account_company"),
    )
    op.create_table(
        "knows",
        sa.Column("id", sa.Integer(), primary_key=True),
        _account(),
        _ref("person_id", "people"),
        _ref("other_id", "people"),
        sa.Column("how", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("person_id", "other_id", name="uq_knows_pair"),
    )
    op.create_index("ix_knows_person_id", "knows", ["person_id"])
    op.create_index("ix_knows_person_pair", "knows", ["person_id", "other_id", "account_id"])
    op.create_index("ix_knows_other_pair", "knows", ["other_id", "person_id", "account_id"])
    op.create_table(
        "opportunities",
        sa.Column("id", sa.Integer(), primary_key=True),
        _account(),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("company", sa.String(length=300), server_default="", nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("stage_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_opportunities_account_stage", "opportunities", ["account_id", "stage"])
    op.create_table(
        "opportunity_stages",
        sa.Column("id", sa.Integer(), primary_key=True),
        _account(),
        _ref("opportunity_id", "opportunities"),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("moved_on", sa.Date(), nullable=False),
    )
    op.create_index(
        "ix_opportunity_stages_opportunity_id", "opportunity_stages", ["opportunity_id"]
    )
    op.create_table(
        "opportunity_people",
        sa.Column(
            "opportunity_id",
            sa.Integer(),
            sa.ForeignKey("opportunities.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        _account(),
    )
    op.create_index(
        "ix_opportunity_people_person", "opportunity_people", ["person_id", "opportunity_id"]
    )
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), primary_key=True),
        _account(),
        _ref("person_id", "people"),
        sa.Column("about", sa.String(length=300), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("replied_on", sa.Date(), nullable=True),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("questions", sa.Text(), server_default="", nullable=False),
        _ref("interaction_id", "interactions", nullable=True, ondelete="SET NULL"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_meetings_account_planned", "meetings", ["account_id", "planned_on"])
    op.create_index("ix_meetings_person_id", "meetings", ["person_id"])
    op.create_table(
        "meeting_followups",
        sa.Column(
            "followup_id",
            sa.Integer(),
            sa.ForeignKey("followups.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        _ref("meeting_id", "meetings"),
        _account(),
        sa.Column("step", sa.String(length=20), nullable=False),
    )
    op.create_index("ix_meeting_followups_meeting_id", "meeting_followups", ["meeting_id"])


def downgrade() -> None:
    for table in (
        "meeting_followups",
        "meetings",
        "opportunity_people",
        "opportunity_stages",
        "opportunities",
        "knows",
        "targets",
        "searches",
    ):
        op.drop_table(table)
