"""The whole of one account's data as rows, and restoring it exactly (`kith export
--format json`, and `kith import` of such a file)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

from kith.errors import Conflict
from kith.store import tables as t
from kith.store.rows import row_from_json, row_to_json
from kith.store.scope import ScopedQueries

RESTORE_BATCH = 2000


def account_tables() -> list[sa.Table]:
    """Every table holding one account's data, parents before children."""
    return [
        table
        for table in t.metadata.sorted_tables
        if table.name != "accounts" and "account_id" in table.c
    ]


class DumpQueries(ScopedQueries):
    """Reading and restoring an account's rows, scoped to `self.scope`."""

    def dump_rows(self, table: sa.Table) -> Iterator[dict[str, Any]]:
        """The table's rows of this account, in id order, without the account."""
        query = sa.select(table).where(self.mine(table))
        key = table.c.id if "id" in table.c else next(iter(table.primary_key.columns))
        for row in self.conn.execute(query.order_by(key).execution_options(yield_per=5000)):
            data = row_to_json(table, row)
            data.pop("account_id", None)
            yield data

    def is_empty(self) -> bool:
        """Whether the account holds no people, interactions or imports yet."""
        for table in (t.people, t.interactions, t.imports):
            query = sa.select(table.c.id).where(self.mine(table)).limit(1)
            if self.conn.execute(query).first() is not None:
                return False
        return True

    def restore_rows(self, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        """Insert rows as exported, ids and all, into this account."""
        if table is t.profiles:
            self.conn.execute(sa.delete(t.profiles).where(self.mine(t.profiles)))
        for start in range(0, len(rows), RESTORE_BATCH):
            chunk = [
                {**row_from_json(table, r), "account_id": self.scope.account_id}
                for r in rows[start : start + RESTORE_BATCH]
            ]
            if "id" in table.c:
                self._check_free(table, [r["id"] for r in chunk])
            self.conn.execute(sa.insert(table), chunk)

    def _check_free(self, table: sa.Table, ids: list[int]) -> None:
        taken = self.conn.execute(sa.select(table.c.id).where(table.c.id.in_(ids)).limit(1))
        if taken.first() is not None:
            raise Conflict(
                "This database already holds rows with the export's ids.",
                "Restore a JSON export into a new, empty database (--db).",
            )

    def reset_sequences(self) -> None:
        """After explicit ids, move PostgreSQL's sequences past them."""
        if self.conn.dialect.name != "postgresql":
            return
        for table in account_tables():
            if "id" in table.c and table.c.id.autoincrement:
                self.conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                    f" COALESCE((SELECT MAX(id) FROM {table.name}), 1))"
                )
