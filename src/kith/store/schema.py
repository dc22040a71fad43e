"""Schema versions: migrate an older database (after a backup), refuse a newer one.

Revisions are numbered files in migrations/versions (0001_initial.py, …), so
the current head is known from file names alone and a command whose database
is up to date never imports Alembic.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kith.errors import SchemaTooNew

MIGRATIONS = Path(__file__).parent / "migrations"


def known_revisions() -> list[str]:
    """All revision ids, oldest first, read from the migration file names."""
    return sorted(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def head_revision() -> str:
    return known_revisions()[-1]


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the database, or None for a database Kith never touched."""
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


@dataclass(frozen=True)
class Migrated:
    """An existing database brought up to date: from which revision, and its backup."""

    from_revision: str
    backup: Path | None


def ensure_current(engine: Engine) -> Migrated | None:
    """Bring the schema to head; says what was migrated (None: current, or new and empty)."""
    with engine.connect() as connection:
        current = current_revision(connection)
    head = head_revision()
    if current == head:
        return None
    if current is not None and current not in known_revisions():
        raise SchemaTooNew(
            f"This database has schema version {current}, newer than this Kith knows ({head}).",
            "Upgrade Kith (pip install -U kith) to open it.",
        )
    backup = backup_sqlite(engine, current) if current is not None else None
    upgrade(engine)
    return Migrated(current, backup) if current is not None else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the Alembic migrations up to `revision` in one transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite migrations copy a table and drop the old one; with foreign keys on,
            # that drop would cascade-delete every row that points at it. The pragma only
            # takes effect outside a transaction, hence the driver connection.
            _pragma(connection, "foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError("a migration left rows pointing at missing rows")
        finally:
            if sqlite:
                _pragma(connection, "foreign_keys=ON")


def _pragma(connection: Connection, setting: str) -> None:
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(f"PRAGMA {setting}")


def backup_sqlite(engine: Engine, revision: str) -> Path | None:
    """Copy a SQLite database aside before migrating it (server databases have their own)."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = Path(database).with_name(f"{Path(database).name}.v{revision}-{stamp}.bak")
    with sqlite3.connect(database) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    copy.close()
    shutil.copymode(database, target)
    return target
