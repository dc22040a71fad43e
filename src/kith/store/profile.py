"""The user's own profile ("me") and the account row itself."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kith.core.people import Me
from kith.store import tables as t
from kith.store.scope import ScopedQueries, new_id, to_db


class ProfileQueries(ScopedQueries):
    """Read and save the account's own profile."""

    def get_me(self) -> Me:
        row = self.conn.execute(sa.select(t.profiles).where(self.mine(t.profiles))).first()
        if row is None:
            return Me()
        return Me(
            row.name,
            list(row.emails),
            list(row.offers),
            list(row.needs),
            list(row.goals),
            list(row.phones or []),
        )

    def save_me(self, me: Me) -> None:
        values = {
            "name": me.name,
            "emails": me.emails,
            "offers": me.offers,
            "needs": me.needs,
            "goals": me.goals,
            "phones": me.phones,
        }
        exists = self.conn.execute(sa.select(t.profiles.c.account_id).where(self.mine(t.profiles)))
        if exists.first() is None:
            insert = sa.insert(t.profiles).values(account_id=self.scope.account_id, **values)
            self.conn.execute(insert)
        else:
            self.conn.execute(sa.update(t.profiles).where(self.mine(t.profiles)).values(values))


def account_id(connection: Connection, name: str, now: datetime) -> int:
    """The id of the named account, created on first use."""
    query = sa.select(t.accounts.c.id).where(t.accounts.c.name == name)
    found = connection.execute(query).scalar()
    if found is not None:
        return int(found)
    insert = sa.insert(t.accounts).values(name=name, created_at=to_db(now))
    return new_id(connection.execute(insert))
