"""identity: shared addresses, aliases, pronouns, freshness of each field, record merges

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("profiles") as batch:
        batch.add_column(sa.Column("phones", sa.JSON(), server_default="[]", nullable=False))
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("pronouns", sa.String(50), server_default="", nullable=False))
        batch.add_column(
            sa.Column("credentials", sa.String(100), server_default="", nullable=False)
        )
    with op.batch_alter_table("person_emails") as batch:
        batch.drop_constraint("uq_person_emails_account_email", type_="unique")
        batch.create_index("ix_person_emails_account_email", ["account_id", "email_key"])
    op.create_index("ix_person_phones_account_phone", "person_phones", ["account_id", "phone"])
    op.create_table(
        "person_aliases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "account_id",
            sa.Integer(),
            sa.ForeignKey("accounts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("name_key", sa.String(300), nullable=False),
        sa.UniqueConstraint("person_id", "name_key", name="uq_person_aliases_person_name"),
    )
    op.create_index("ix_person_aliases_person_id", "person_aliases", ["person_id"])
    op.create_index(
        "ix_person_aliases_account_name_key", "person_aliases", ["account_id", "name_key"]
    )
    with op.batch_alter_table("field_sources") as batch:
        batch.add_column(sa.Column("as_of", sa.DateTime(), nullable=True))
    with op.batch_alter_table("review_queue") as batch:
        batch.add_column(
            sa.Column(
                "subject_id",
                sa.Integer(),
                sa.ForeignKey(
                    "people.id", name="fk_review_queue_subject_id_people", ondelete="CASCADE"
                ),
                nullable=True,
            )
        )
        batch.create_index("ix_review_queue_subject_id", ["subject_id"])
    with op.batch_alter_table("merges") as batch:
        batch.add_column(sa.Column("kind", sa.String(10), server_default="people", nullable=False))
        batch.alter_column("merged_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("merges") as batch:
        batch.alter_column("merged_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("kind")
    with op.batch_alter_table("review_queue") as batch:
        batch.drop_index("ix_review_queue_subject_id")
        batch.drop_column("subject_id")
    with op.batch_alter_table("field_sources") as batch:
        batch.drop_column("as_of")
    op.drop_table("person_aliases")
    op.drop_index("ix_person_phones_account_phone", table_name="person_phones")
    with op.batch_alter_table("person_emails") as batch:
        batch.drop_index("ix_person_emails_account_email")
        batch.create_unique_constraint(
            "uq_person_emails_account_email", ["account_id", "email_key"]
        )
    with op.batch_alter_table("people") as batch:
        batch.drop_column("credentials")
        batch.drop_column("pronouns")
    with op.batch_alter_table("profiles") as batch:
        batch.drop_column("phones")
