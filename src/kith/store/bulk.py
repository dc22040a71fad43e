"""Loading many records at once (the demo and benchmark networks): batched executemany."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from itertools import islice
from typing import Any, TypeVar

import sqlalchemy as sa

from kith.core.followups import FollowUp
from kith.core.interactions import Interaction
from kith.core.ledger import LedgerEntry
from kith.core.people import Person
from kith.store import tables as t
from kith.store.activity import interaction_row
from kith.store.people import child_rows, person_row
from kith.store.scope import ScopedQueries, to_db

BATCH = 5000
T = TypeVar("T")


def batches(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def next_id(conn: sa.Connection, table: sa.Table) -> int:
    """The first free id of `table`, to give rows explicit ids."""
    # Explicit ids let child rows be written in the same batch; the write transaction
    # (BEGIN IMMEDIATE on SQLite, a table lock on PostgreSQL) keeps them ours.
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"LOCK TABLE {table.name} IN EXCLUSIVE MODE")
    top = conn.execute(sa.select(sa.func.max(table.c.id))).scalar()
    return int(top or 0) + 1


class BulkLoad(ScopedQueries):
    """Fast inserts for generated networks; ids in the input are mapped to database ids."""

    def load_people(self, people: Sequence[Person], now: datetime) -> dict[int, int]:
        """Insert people (with `id` set to any unique key); returns {their id: database id}."""
        ids: dict[int, int] = {}
        for batch in batches(people):
            first = self._next_id(t.people)
            rows = []
            for offset, person in enumerate(batch):
                assert person.id is not None
                ids[person.id] = first + offset
                rows.append(self._person_row(first + offset, person, now))
            self.conn.execute(sa.insert(t.people), rows)
            self._load_children(batch, ids)
        self._link_introducers(people, ids)
        return ids

    def _person_row(self, row_id: int, person: Person, now: datetime) -> dict[str, Any]:
        row = {**person_row(person), "id": row_id, "introduced_by_id": None}
        row.update(account_id=self.scope.account_id, created_at=to_db(now), updated_at=to_db(now))
        return row

    def _load_children(self, batch: Sequence[Person], ids: dict[int, int]) -> None:
        grouped: dict[sa.Table, list[dict[str, Any]]] = {}
        for person in batch:
            assert person.id is not None
            for table, rows in child_rows(ids[person.id], person).items():
                grouped.setdefault(table, []).extend(
                    {**row, "account_id": self.scope.account_id} for row in rows
                )
        for table, rows in grouped.items():
            if rows:
                self.conn.execute(sa.insert(table), rows)

    def _link_introducers(self, people: Sequence[Person], ids: dict[int, int]) -> None:
        links = [
            {"pid": ids[p.id], "intro": ids[p.met.introduced_by_id]}
            for p in people
            if p.id is not None and p.met.introduced_by_id in ids
        ]
        if links:
            statement = (
                sa.update(t.people)
                .where(t.people.c.id == sa.bindparam("pid"))
                .values(introduced_by_id=sa.bindparam("intro"))
            )
            self.conn.execute(statement, links)

    def load_interactions(
        self,
        interactions: Iterable[Interaction],
        ids: dict[int, int],
        now: datetime,
        progress: Callable[[int], None] = lambda n: None,
    ) -> int:
        """Insert interactions in batches; returns how many were loaded."""
        loaded = 0
        for batch in batches(interactions):
            first = self._next_id(t.interactions)
            rows: list[dict[str, Any]] = []
            links: list[dict[str, Any]] = []
            for offset, interaction in enumerate(batch):
                row = {
                    **interaction_row(interaction, self.scope.account_id, now),
                    "id": first + offset,
                }
                rows.append(row)
                links.extend(
                    {
                        "interaction_id": first + offset,
                        "person_id": ids[pid],
                        "account_id": self.scope.account_id,
                        "occurred_at": row["occurred_at"],
                    }
                    for pid in dict.fromkeys(interaction.person_ids)
                )
            self.conn.execute(sa.insert(t.interactions), rows)
            self.conn.execute(sa.insert(t.interaction_people), links)
            loaded += len(batch)
            progress(len(batch))
        return loaded

    def _next_id(self, table: sa.Table) -> int:
        return next_id(self.conn, table)

    def analyze(self) -> None:
        """Refresh the planner's statistics after a bulk load (PostgreSQL plans blind
        without them: minutes instead of seconds for the health report at 10k people)."""
        self.conn.exec_driver_sql("ANALYZE")

    def finish_explicit_ids(self) -> None:
        """After explicit ids, move PostgreSQL's sequences past them."""
        if self.conn.dialect.name != "postgresql":
            return
        for table in ("people", "interactions"):
            self.conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )

    def load_ledger(
        self, entries: Iterable[LedgerEntry], ids: dict[int, int], now: datetime
    ) -> None:
        for batch in batches(entries):
            rows = [
                {
                    "account_id": self.scope.account_id,
                    "person_id": ids[e.person_id],
                    "direction": e.direction.value,
                    "kind": e.kind.value,
                    "what": e.what,
                    "status": e.status.value,
                    "occurred_on": e.occurred_on,
                    "created_at": to_db(now),
                }
                for e in batch
            ]
            self.conn.execute(sa.insert(t.ledger_entries), rows)

    def load_followups(self, items: Iterable[FollowUp], ids: dict[int, int], now: datetime) -> None:
        for batch in batches(items):
            rows = [
                {
                    "account_id": self.scope.account_id,
                    "person_id": ids[f.person_id],
                    "what": f.what,
                    "due_on": f.due,
                    "created_at": to_db(now),
                    "done_at": to_db(f.done_at) if f.done_at else None,
                }
                for f in batch
            ]
            self.conn.execute(sa.insert(t.followups), rows)
