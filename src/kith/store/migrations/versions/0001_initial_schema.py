"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("name", name=op.f("uq_accounts_name")),
    )
    op.create_table(
        "interactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("initiated_by", sa.String(length=10), nullable=True),
        sa.Column("summary", sa.Text(), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("source", sa.String(length=50), server_default="manual", nullable=False),
        sa.Column("source_id", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_interactions_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interactions")),
        sa.UniqueConstraint("account_id", "source", "source_id", name="uq_interactions_source"),
    )
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_interactions_account_occurred", ["account_id", "occurred_at"], unique=False
        )

    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(length=300), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("given_name", sa.String(length=200), server_default="", nullable=False),
        sa.Column("family_name", sa.String(length=200), server_default="", nullable=False),
        sa.Column("location", sa.String(length=300), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("met_on", sa.Date(), nullable=True),
        sa.Column("met_where", sa.String(length=300), server_default="", nullable=False),
        sa.Column("met_context", sa.Text(), server_default="", nullable=False),
        sa.Column("introduced_by_id", sa.Integer(), nullable=True),
        sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("last_contact_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_people_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["introduced_by_id"],
            ["people.id"],
            name=op.f("fk_people_introduced_by_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index(
            "ix_people_account_last_contact", ["account_id", "last_contact_at"], unique=False
        )
        batch_op.create_index(
            "ix_people_account_name_key", ["account_id", "name_key"], unique=False
        )

    op.create_table(
        "profiles",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), server_default="", nullable=False),
        sa.Column("emails", sa.JSON(), nullable=False),
        sa.Column("offers", sa.JSON(), nullable=False),
        sa.Column("needs", sa.JSON(), nullable=False),
        sa.Column("goals", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_profiles_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_profiles")),
    )
    op.create_table(
        "followups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_followups_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_followups_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followups")),
    )
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_followups_person_id"), ["person_id"], unique=False)

    op.create_table(
        "interaction_people",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_interaction_people_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_interaction_people_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_interaction_people_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("interaction_id", "person_id", name=op.f("pk_interaction_people")),
    )
    with op.batch_alter_table("interaction_people", schema=None) as batch_op:
        batch_op.create_index(
            "ix_interaction_people_person", ["person_id", "interaction_id"], unique=False
        )

    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_ledger_entries_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_ledger_entries_interaction_id_interactions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_ledger_entries_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entries")),
    )
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ledger_entries_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "person_dates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_person_dates_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_dates_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_dates")),
    )
    with op.batch_alter_table("person_dates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_dates_person_id"), ["person_id"], unique=False)

    op.create_table(
        "person_emails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("email_key", sa.String(length=320), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_person_emails_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_emails_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_emails")),
        sa.UniqueConstraint("account_id", "email_key", name="uq_person_emails_account_email"),
    )
    with op.batch_alter_table("person_emails", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_emails_person_id"), ["person_id"], unique=False)

    op.create_table(
        "person_facets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint(
            "kind IN ('interest', 'need', 'offer')", name=op.f("ck_person_facets_kind")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_person_facets_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_facets_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_facets")),
    )
    with op.batch_alter_table("person_facets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_facets_person_id"), ["person_id"], unique=False)

    op.create_table(
        "person_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_person_links_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_links_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_links")),
    )
    with op.batch_alter_table("person_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_links_person_id"), ["person_id"], unique=False)

    op.create_table(
        "person_orgs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("org", sa.String(length=300), nullable=False),
        sa.Column("org_key", sa.String(length=300), nullable=False),
        sa.Column("title", sa.String(length=300), server_default="", nullable=False),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_person_orgs_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_orgs_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_orgs")),
    )
    with op.batch_alter_table("person_orgs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_orgs_org_key"), ["org_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_orgs_person_id"), ["person_id"], unique=False)

    op.create_table(
        "person_phones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_person_phones_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_phones_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_phones")),
    )
    with op.batch_alter_table("person_phones", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_phones_person_id"), ["person_id"], unique=False)

    op.create_table(
        "person_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_person_tags_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_tags_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_tags")),
        sa.UniqueConstraint("person_id", "tag", name="uq_person_tags_person_tag"),
    )
    with op.batch_alter_table("person_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_tags_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_tags_tag"), ["tag"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("person_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_tags_tag"))
        batch_op.drop_index(batch_op.f("ix_person_tags_person_id"))

    op.drop_table("person_tags")
    with op.batch_alter_table("person_phones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_phones_person_id"))

    op.drop_table("person_phones")
    with op.batch_alter_table("person_orgs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_orgs_person_id"))
        batch_op.drop_index(batch_op.f("ix_person_orgs_org_key"))

    op.drop_table("person_orgs")
    with op.batch_alter_table("person_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_links_person_id"))

    op.drop_table("person_links")
    with op.batch_alter_table("person_facets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_facets_person_id"))

    op.drop_table("person_facets")
    with op.batch_alter_table("person_emails", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_emails_person_id"))

    op.drop_table("person_emails")
    with op.batch_alter_table("person_dates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_dates_person_id"))

    op.drop_table("person_dates")
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ledger_entries_person_id"))

    op.drop_table("ledger_entries")
    with op.batch_alter_table("interaction_people", schema=None) as batch_op:
        batch_op.drop_index("ix_interaction_people_person")

    op.drop_table("interaction_people")
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_followups_person_id"))

    op.drop_table("followups")
    op.drop_table("profiles")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index("ix_people_account_name_key")
        batch_op.drop_index("ix_people_account_last_contact")

    op.drop_table("people")
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_index("ix_interactions_account_occurred")

    op.drop_table("interactions")
    op.drop_table("accounts")
