"""Alembic environment: Kith passes its own open connection in `config.attributes`."""

from __future__ import annotations

from alembic import context

from kith.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
context.run_migrations()
