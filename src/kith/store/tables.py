"""The schema, declared once with SQLAlchemy Core; Alembic migrations follow it.

Every table carries `account_id` so a multi-user server needs no second code
path: the repository adds it to every query.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _account() -> sa.Column[int]:
    return sa.Column(
        "account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False
    )


def _person(nullable: bool = False) -> sa.Column[int]:
    return sa.Column(
        "person_id",
        sa.Integer,
        sa.ForeignKey("people.id", ondelete="CASCADE"),
        nullable=nullable,
        index=True,
    )


accounts = sa.Table(
    "accounts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

profiles = sa.Table(
    "profiles",
    metadata,
    sa.Column(
        "account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("name", sa.String(300), nullable=False, server_default=""),
    sa.Column("emails", sa.JSON, nullable=False),
    sa.Column("offers", sa.JSON, nullable=False),
    sa.Column("needs", sa.JSON, nullable=False),
    sa.Column("goals", sa.JSON, nullable=False),
    sa.Column("phones", sa.JSON, nullable=False, server_default="[]"),  # tells the phone region
)

people = sa.Table(
    "people",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    sa.Column("display_name", sa.String(300), nullable=False),
    sa.Column("name_key", sa.String(300), nullable=False),
    sa.Column("pronouns", sa.String(50), nullable=False, server_default=""),
    sa.Column("credentials", sa.String(100), nullable=False, server_default=""),
    sa.Column("given_name", sa.String(200), nullable=False, server_default=""),
    sa.Column("family_name", sa.String(200), nullable=False, server_default=""),
    sa.Column("location", sa.String(300), nullable=False, server_default=""),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    sa.Column("met_on", sa.Date),
    sa.Column("met_where", sa.String(300), nullable=False, server_default=""),
    sa.Column("met_context", sa.Text, nullable=False, server_default=""),
    sa.Column("introduced_by_id", sa.Integer, sa.ForeignKey("people.id", ondelete="SET NULL")),
    sa.Column("archived", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    # The user's choices about this tie.
    sa.Column("circle", sa.String(20), nullable=False, server_default="wider"),
    sa.Column("circle_pinned", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("cadence", sa.String(20)),  # own keep-in-touch cadence, e.g. "6w", "1mo"
    sa.Column("snoozed_until", sa.Date),
    sa.Column("skips", sa.Integer, nullable=False, server_default="0"),
    # Derived from interactions and the ledger, kept on write, recomputed by `kith rebuild`
    # (strength sums are epoch-scaled: see core/strength.py).
    sa.Column("last_contact_at", sa.DateTime),
    sa.Column("first_contact_at", sa.DateTime),
    sa.Column("interaction_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("s_depth", sa.Float, nullable=False, server_default="0"),
    sa.Column("s_mine", sa.Float, nullable=False, server_default="0"),
    sa.Column("s_theirs", sa.Float, nullable=False, server_default="0"),
    sa.Column("s_gave", sa.Float, nullable=False, server_default="0"),
    sa.Column("s_received", sa.Float, nullable=False, server_default="0"),
    sa.Column("s_asks", sa.Float, nullable=False, server_default="0"),
    sa.Column("strength_key", sa.Float, nullable=False, server_default="0"),
    sa.Column("due_on", sa.Date),
    sa.Index("ix_people_account_name_key", "account_id", "name_key"),
    sa.Index("ix_people_account_last_contact", "account_id", "last_contact_at"),
    sa.Index("ix_people_account_circle_due", "account_id", "circle", "due_on"),
    sa.Index("ix_people_account_strength", "account_id", "strength_key"),
)

person_emails = sa.Table(
    "person_emails",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    _person(),
    sa.Column("email", sa.String(320), nullable=False),
    sa.Column("email_key", sa.String(320), nullable=False),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    # Not unique: a household's or a team's address is held by each of its people.
    sa.Index("ix_person_emails_account_email", "account_id", "email_key"),
)

# Other names a person is known by (a name before a marriage, a nickname): found by
# name resolution and by matching like the display name.
person_aliases = sa.Table(
    "person_aliases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    _person(),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("name_key", sa.String(300), nullable=False),
    sa.UniqueConstraint("person_id", "name_key", name="uq_person_aliases_person_name"),
    sa.Index("ix_person_aliases_account_name_key", "account_id", "name_key"),
)

person_phones = sa.Table(
    "person_phones",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    _person(),
    sa.Column("phone", sa.String(64), nullable=False),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    sa.Index("ix_person_phones_account_phone", "account_id", "phone"),  # who else holds it
)

person_links = sa.Table(
    "person_links",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    _person(),
    sa.Column("url", sa.String(2000), nullable=False),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
)

person_orgs = sa.Table(
    "person_orgs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    _person(),
    sa.Column("org", sa.String(300), nullable=False),
    sa.Column("org_key", sa.String(300), nullable=False, index=True),
    sa.Column("title", sa.String(300), nullable=False, server_default=""),
    sa.Column("start_on", sa.Date),
    sa.Column("end_on", sa.Date),
    sa.Column("anniversary", sa.Integer),  # start_on as MMDD, for "work anniversary" look-ups
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    sa.Index("ix_person_orgs_account_anniversary", "account_id", "anniversary"),
)

person_tags = sa.Table(
    "person_tags",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    _person(),
    sa.Column("tag", sa.String(100), nullable=False, index=True),
    sa.UniqueConstraint("person_id", "tag", name="uq_person_tags_person_tag"),
)

# Interests, needs and offers: free text, one row each, kind says which.
person_facets = sa.Table(
    "person_facets",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    _person(),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    sa.CheckConstraint("kind IN ('interest', 'need', 'offer')", name="kind"),
)

person_dates = sa.Table(
    "person_dates",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    _person(),
    sa.Column("label", sa.String(100), nullable=False),
    sa.Column("month", sa.Integer, nullable=False),
    sa.Column("day", sa.Integer, nullable=False),
    sa.Column("year", sa.Integer),
    sa.Index("ix_person_dates_account_month_day", "account_id", "month", "day"),
)

interactions = sa.Table(
    "interactions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    sa.Column("occurred_at", sa.DateTime, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("initiated_by", sa.String(10)),
    sa.Column("summary", sa.Text, nullable=False, server_default=""),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    sa.Column("source", sa.String(50), nullable=False, server_default="manual"),
    sa.Column("source_id", sa.String(500)),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("account_id", "source", "source_id", name="uq_interactions_source"),
    sa.Index("ix_interactions_account_occurred", "account_id", "occurred_at"),
)

interaction_people = sa.Table(
    "interaction_people",
    metadata,
    sa.Column(
        "interaction_id",
        sa.Integer,
        sa.ForeignKey("interactions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    ),
    _account(),
    # A copy of the interaction's moment (kept on write, refreshed by `kith rebuild`): a
    # person's previous interaction is then one index seek (the week's reconnections).
    sa.Column("occurred_at", sa.DateTime),
    sa.Index("ix_interaction_people_person", "person_id", "interaction_id"),
    sa.Index("ix_interaction_people_person_occurred", "person_id", "occurred_at"),
)

ledger_entries = sa.Table(
    "ledger_entries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    _person(),
    sa.Column("direction", sa.String(20), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("what", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("occurred_on", sa.Date, nullable=False),
    sa.Column("interaction_id", sa.Integer, sa.ForeignKey("interactions.id", ondelete="SET NULL")),
    sa.Column("thanked_on", sa.Date),  # for "they gave": when the user thanked them
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Index("ix_ledger_account_direction_on", "account_id", "direction", "occurred_on"),
)

followups = sa.Table(
    "followups",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    _person(),
    sa.Column("what", sa.Text, nullable=False),
    sa.Column("due_on", sa.Date, nullable=False),
    sa.Column("done_at", sa.DateTime),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Index("ix_followups_account_due", "account_id", "due_on"),
)


# ---------------------------------------------------------------------------------------
# Giving (#4): introductions and what else giving needs. Migration 0003.
# ---------------------------------------------------------------------------------------

# A double-opt-in introduction between two people (a and b), walked through its stages
# (core/intros.py); the stage says what it waits on.
introductions = sa.Table(
    "introductions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    sa.Column(
        "a_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False,
        index=True,
    ),
    sa.Column(
        "b_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False,
        index=True,
    ),
    sa.Column("why", sa.Text, nullable=False, server_default=""),
    sa.Column("stage", sa.String(20), nullable=False),
    sa.Column("declined_by", sa.String(1)),  # "a" or "b" when declined
    sa.Column("outcome", sa.Text, nullable=False, server_default=""),
    sa.Column("opened_on", sa.Date, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Index("ix_introductions_account_stage", "account_id", "stage"),
)  # fmt: skip


# (end of giving tables)
#
#
# ---------------------------------------------------------------------------------------
# Imports (#5): imports, provenance, identities, review queue, merges. Migration 0004.
# ---------------------------------------------------------------------------------------


def _import() -> sa.Column[int]:
    return sa.Column(
        "import_id", sa.Integer, sa.ForeignKey("imports.id", ondelete="SET NULL"), nullable=True
    )


# One run of `kith import` over one source: what, from where, when, and its summary.
imports = sa.Table(
    "imports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    sa.Column("source", sa.String(50), nullable=False),  # the format, e.g. "vcard", "mail"
    sa.Column("path", sa.String(2000), nullable=False),
    sa.Column("started_at", sa.DateTime, nullable=False),
    sa.Column("finished_at", sa.DateTime),  # null while running, or when it was killed
    sa.Column("summary", sa.JSON),
)

# Every record key an import has stored (idempotence): what it became, and a digest of
# the record as last imported, so an unchanged record is recognised and skipped.
import_keys = sa.Table(
    "import_keys",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    sa.Column("source", sa.String(50), nullable=False),
    sa.Column("key", sa.String(500), nullable=False),
    # What the user deleted stays deleted: the key is kept, pointing nowhere.
    sa.Column(
        "person_id",
        sa.Integer,
        sa.ForeignKey("people.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    sa.Column("interaction_id", sa.Integer, sa.ForeignKey("interactions.id", ondelete="CASCADE")),
    sa.Column("ledger_id", sa.Integer, sa.ForeignKey("ledger_entries.id", ondelete="SET NULL")),
    sa.Column("digest", sa.String(64), nullable=False, server_default=""),
    _import(),
    sa.UniqueConstraint("account_id", "source", "key", name="uq_import_keys_account_source_key"),
)

# Where each of a person's fields came from, and whether the user edited it since.
field_sources = sa.Table(
    "field_sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    _person(),
    sa.Column("field", sa.String(50), nullable=False),
    _import(),
    sa.Column("source", sa.String(50), nullable=False, server_default=""),
    sa.Column("path", sa.String(2000), nullable=False, server_default=""),
    sa.Column("record", sa.String(500), nullable=False, server_default=""),
    sa.Column("value", sa.JSON),  # as imported
    sa.Column("as_of", sa.DateTime),  # when the source said it: freshest evidence wins
    sa.Column("user_edited", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("person_id", "field", name="uq_field_sources_person_field"),
)

# Records that might be someone already known: never guessed, the user decides.
review_queue = sa.Table(
    "review_queue",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    sa.Column("source", sa.String(50), nullable=False),
    sa.Column("key", sa.String(500), nullable=False),
    sa.Column("record", sa.JSON, nullable=False),  # the contact record, to apply on decision
    sa.Column(
        "candidate_id",
        sa.Integer,
        sa.ForeignKey("people.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("reason", sa.String(300), nullable=False),
    sa.Column("decision", sa.String(10)),  # null until decided: "merge" or "apart"
    sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="SET NULL")),
    # The person the record became, kept apart from the candidate until the user decides
    # (null for records queued by Kith before 0006, which waited unapplied).
    sa.Column("subject_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), index=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("decided_at", sa.DateTime),
    _import(),
    sa.UniqueConstraint("account_id", "source", "key", name="uq_review_queue_account_source_key"),
)

# Merges, with what `kith unmerge` needs to put both people back exactly.
merges = sa.Table(
    "merges",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    sa.Column("kept_id", sa.Integer, nullable=False, index=True),
    # "people": two people made one; "record": an imported record merged into someone
    sa.Column("kind", sa.String(10), nullable=False, server_default="people"),
    sa.Column("merged_id", sa.Integer),  # null for a record
    sa.Column("merged_name", sa.String(300), nullable=False),
    sa.Column("snapshot", sa.JSON, nullable=False),
    sa.Column("merged_at", sa.DateTime, nullable=False),
    sa.Column("undone_at", sa.DateTime),
)


# (end of import tables)
#
#
# ---------------------------------------------------------------------------------------
# Job search (#7): searches, targets, knows edges, opportunities. Migration 0005.
# ---------------------------------------------------------------------------------------


searches = sa.Table(
    "searches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    sa.Column("goal", sa.Text, nullable=False, server_default=""),
    sa.Column("started_on", sa.Date, nullable=False),
    sa.Column("stopped_on", sa.Date),
    sa.Index("ix_searches_account_started", "account_id", "started_on"),
)

targets = sa.Table(
    "targets",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    sa.Column("company", sa.String(300), nullable=False),
    sa.Column("company_key", sa.String(300), nullable=False),
    sa.Column("role", sa.String(300), nullable=False, server_default=""),
    sa.Column("priority", sa.Integer, nullable=False, server_default="2"),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("account_id", "company_key", name="uq_targets_account_company"),
)

# Explicit "A knows B" (kith knows): one row per pair, person_id < other_id. Edges from
# shared interactions and employers are derived per query (see docs/architecture.md).
# The two covering indexes let warm paths walk the pairs from either end (and check the
# account) without reading the table: half the time of the query at 1M pairs.
knows = sa.Table(
    "knows",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    _person(),
    sa.Column(
        "other_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("how", sa.Text, nullable=False, server_default=""),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("person_id", "other_id", name="uq_knows_pair"),
    sa.Index("ix_knows_person_pair", "person_id", "other_id", "account_id"),
    sa.Index("ix_knows_other_pair", "other_id", "person_id", "account_id"),
)  # fmt: skip

opportunities = sa.Table(
    "opportunities",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    sa.Column("title", sa.String(500), nullable=False),
    sa.Column("company", sa.String(300), nullable=False, server_default=""),
    sa.Column("stage", sa.String(20), nullable=False),
    sa.Column("stage_on", sa.Date, nullable=False),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Index("ix_opportunities_account_stage", "account_id", "stage"),
)

opportunity_stages = sa.Table(
    "opportunity_stages",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    sa.Column(
        "opportunity_id", sa.Integer, sa.ForeignKey("opportunities.id", ondelete="CASCADE"),
        nullable=False, index=True,
    ),
    sa.Column("stage", sa.String(20), nullable=False),
    sa.Column("moved_on", sa.Date, nullable=False),
)  # fmt: skip

opportunity_people = sa.Table(
    "opportunity_people",
    metadata,
    sa.Column(
        "opportunity_id", sa.Integer, sa.ForeignKey("opportunities.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    ),
    _account(),
    sa.Index("ix_opportunity_people_person", "person_id", "opportunity_id"),
)  # fmt: skip

# Informational interviews; their follow-through is ordinary follow-ups, linked below.
meetings = sa.Table(
    "meetings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    _person(),
    sa.Column("about", sa.String(300), nullable=False),
    sa.Column("planned_on", sa.Date),
    sa.Column("held_on", sa.Date),
    sa.Column("replied_on", sa.Date),
    sa.Column("reported_on", sa.Date),
    sa.Column("questions", sa.Text, nullable=False, server_default=""),
    sa.Column("interaction_id", sa.Integer, sa.ForeignKey("interactions.id", ondelete="SET NULL")),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Index("ix_meetings_account_planned", "account_id", "planned_on"),
)

meeting_followups = sa.Table(
    "meeting_followups",
    metadata,
    sa.Column(
        "followup_id", sa.Integer, sa.ForeignKey("followups.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "meeting_id", sa.Integer, sa.ForeignKey("meetings.id", ondelete="CASCADE"),
        nullable=False, index=True,
    ),
    _account(),
    sa.Column("step", sa.String(20), nullable=False),
)  # fmt: skip


# (end of job search tables)


# --- reminders (#14): letters sent, once per period; the calendar feed's secret --------

deliveries = sa.Table(
    "deliveries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _account(),
    sa.Column("kind", sa.String(20), nullable=False),  # digest_daily, digest_weekly
    sa.Column("period", sa.String(20), nullable=False),  # the idempotency key: 2026-12-02, 2026-W49
    sa.Column("status", sa.String(10), nullable=False),  # sending, sent, failed
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("error", sa.Text, nullable=False, server_default=""),
    sa.Column("recipient", sa.String(320), nullable=False, server_default=""),
    sa.Column("claimed_at", sa.DateTime, nullable=False),
    sa.Column("sent_at", sa.DateTime),
    sa.UniqueConstraint("account_id", "kind", "period", name="uq_deliveries_account_kind_period"),
)

feed_tokens = sa.Table(
    "feed_tokens",
    metadata,
    sa.Column(
        "account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("token", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
)  # fmt: skip

# --- the multi-user server (kith server; migration 0011) ---------------------------------
# Users sign in; each one's network is their own account. Grants, comments, goals and
# the audit log are between users, so they name users, never an account's rows.

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("email", sa.String(320), nullable=False, server_default=""),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("password_hash", sa.String(200), nullable=False),
    sa.Column(
        "account_id",
        sa.Integer,
        sa.ForeignKey("accounts.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("disabled_at", sa.DateTime),
)

user_sessions = sa.Table(
    "user_sessions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "user_id",
        sa.Integer,
        sa.ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False),
)

grants = sa.Table(
    "grants",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "client_id",
        sa.Integer,
        sa.ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column(
        "counselor_id",
        sa.Integer,
        sa.ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("state", sa.String(12), nullable=False),
    sa.Column("scopes", sa.JSON, nullable=False),
    sa.Column("contacts", sa.String(10), nullable=False, server_default="off"),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("expires_at", sa.DateTime),
    sa.UniqueConstraint("client_id", "counselor_id"),
)

counsel_comments = sa.Table(
    "counsel_comments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "client_id",
        sa.Integer,
        sa.ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column(
        "counselor_id",
        sa.Integer,
        sa.ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("goal", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("state", sa.String(10), nullable=False, server_default="note"),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime, nullable=False),
    # plain integers, no foreign keys: the log outlives the users it names
    sa.Column("actor_id", sa.Integer),
    sa.Column("subject_id", sa.Integer, index=True),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("detail", sa.Text, nullable=False, server_default=""),
)
