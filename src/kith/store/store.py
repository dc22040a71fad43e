"""The Store: an open, current database for one account, handing out units of work."""

from __future__ import annotations

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
        """One transaction on this account's data: committed at the end, rolled back on error."""
        assert self._account_id is not None, "Store.open() first"
        try:
            with database.transaction(self.engine, write) as connection:
                yield Repository(Scope(connection, self._account_id))
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
