"""The Store: an open, current database for one account, handing out units of work."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kith.errors import InvalidInput
from kith.store import database, schema
from kith.store.profile import account_id
from kith.store.repository import Repository
from kith.store.scope import Scope


class Store:
    """A database opened for one account; `unit()` is one transaction."""

    def __init__(self, url: str, account: str = "default", engine: Engine | None = None) -> None:
        # the multi-user server shares one engine (and pool) among its accounts
        self.engine = engine if engine is not None else database.create_engine(url)
        self.account = account
        self.migrated: schema.Migrated | None = None
        self._account_id: int | None = None
        self._open = threading.local()  # the unit this thread is inside, if any

    def open(self, now: datetime) -> Store:
        """Check the database can be reached and is current (migrating it if older)."""
        try:
            self.migrated = schema.ensure_current(self.engine)
            with database.transaction(self.engine, write=False) as connection:
                found = connection.execute(
                    sa.text("SELECT id FROM accounts WHERE name = :name"), {"name": self.account}
                ).scalar()
            if found is None:
                with database.transaction(self.engine, write=True) as connection:
                    found = account_id(connection, self.account, now)
        except sa.exc.OperationalError as error:
            raise database.unavailable(self.engine, error) from None
        self._account_id = int(found)
        return self

    @contextmanager
    def unit(self, write: bool = False) -> Iterator[Repository]:
        """One transaction on this account's data: committed at the end, rolled back on error.
        A unit opened inside another (a screen's one call made of several use cases) is
        part of it: the same transaction, so one screen reads one consistent state."""
        assert self._account_id is not None, "Store.open() first"
        outer: tuple[Repository, bool] | None = getattr(self._open, "unit", None)
        if outer is not None:
            assert outer[1] or not write, "a write inside a read-only unit"
            yield outer[0]
            return
        try:
            with database.transaction(self.engine, write) as connection:
                repo = Repository(Scope(connection, self._account_id))
                self._open.unit = (repo, write)
                try:
                    yield repo
                finally:
                    self._open.unit = None
        except sa.exc.OperationalError as error:
            raise database.unavailable(self.engine, error) from None
        except sa.exc.DataError as error:
            # A value the database cannot hold (PostgreSQL refuses NUL characters and
            # out-of-range numbers): the input's fault, not a bug.
            reason = str(error.orig).strip().splitlines()[0] if error.orig else "invalid value"
            raise InvalidInput(
                f"The database cannot store or search for that value: {reason}.",
                "Remove control characters (such as NUL) and keep numbers in range.",
            ) from None

    def close(self) -> None:
        self.engine.dispose()
