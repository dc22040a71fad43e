"""Opening a database: the engine, SQLite's pragmas and locking, and the schema check.

SQLite runs with foreign keys, WAL and a busy timeout; write transactions
begin with BEGIN IMMEDIATE so that two writers queue on the busy timeout
instead of one failing at once with "database is locked" when a deferred
read lock cannot be upgraded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from kith.errors import DatabaseUnavailable, InvalidInput

BUSY_TIMEOUT_SECONDS = 30
# Room for a connection per worker thread of the web server (anyio's pool has 40), so a
# request beyond them waits for a thread, in a queue, never for a connection (a pool
# timeout was an HTTP 500). Connections past the first five are opened only when needed.
POOL = {"pool_size": 5, "max_overflow": 59}


def normalize_url(url: str) -> str:
    """Prefer psycopg 3 for plain postgresql:// URLs (SQLAlchemy would pick psycopg2)."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


def create_engine(url: str) -> Engine:
    """An engine for `url`, with SQLite's pragmas and locking set up."""
    try:
        parsed = sa.make_url(normalize_url(url))
    except sa.exc.ArgumentError:
        raise InvalidInput(
            f"'{url}' is not a database URL.",
            "Use sqlite:///path/to/kith.db or postgresql://user@host/dbname.",
        ) from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    try:
        return sa.create_engine(parsed, pool_pre_ping=True, **POOL)
    except ModuleNotFoundError as missing:
        raise DatabaseUnavailable(
            f"The driver for {parsed.get_backend_name()} is not installed ({missing.name}).",
            "For PostgreSQL: pip install 'kith[postgres]'.",
        ) from None
    except sa.exc.NoSuchModuleError:
        raise InvalidInput(
            f"Kith cannot use '{parsed.drivername}' databases.",
            "Use sqlite:///path/to/kith.db or postgresql://user@host/dbname.",
        ) from None


def _sqlite_engine(url: sa.URL) -> Engine:
    if url.database and url.database != ":memory:":
        folder = Path(url.database).expanduser().parent
        if not folder.is_dir():
            raise DatabaseUnavailable(
                f"The folder {folder} for the database does not exist.",
                "Create it, or point --db / KITH_DB elsewhere.",
            )
    pool = POOL if url.database and url.database != ":memory:" else {}
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS}, **pool)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Hand transaction control to the "begin" hook below (pysqlite's own is deferred).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    mode = "IMMEDIATE" if connection.get_execution_options().get("kith_write") else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def transaction(engine: Engine, write: bool) -> Iterator[Connection]:
    """One transaction: committed when the block ends, rolled back on any error."""
    try:
        connection = engine.connect()
    except sa.exc.OperationalError as error:
        raise unavailable(engine, error) from None
    with connection:
        if write:
            connection = connection.execution_options(kith_write=True)
        with connection.begin():
            yield connection


def unavailable(engine: Engine, error: Exception) -> DatabaseUnavailable:
    """The one sentence for a database Kith cannot open or reach."""
    reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
    return DatabaseUnavailable(
        f"Cannot open the database {engine.url.render_as_string(hide_password=True)}: {reason}.",
        "Check --db / KITH_DB, that the server is running, and your credentials.",
    )
