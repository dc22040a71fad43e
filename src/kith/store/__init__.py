"""Storage edge: SQLAlchemy tables, account-scoped queries, Alembic migrations."""
