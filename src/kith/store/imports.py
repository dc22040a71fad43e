"""Imports: runs, the record keys already stored, field provenance and the review queue."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter
from typing import Any

import sqlalchemy as sa

from kith.core.interactions import Interaction
from kith.core.provenance import FieldSource
from kith.store import tables as t
from kith.store.bulk import batches, next_id
from kith.store.scope import ScopedQueries, from_db, new_id, to_db
from kith.store.standing import standing_row


@dataclass(frozen=True)
class StoredKey:
    """What an earlier import made of a record key."""

    person_id: int | None
    interaction_id: int | None
    ledger_id: int | None
    digest: str


@dataclass(frozen=True)
class ReviewRow:
    """One record waiting for (or given) the user's decision."""

    id: int
    source: str
    key: str
    record: dict[str, Any]
    candidate_id: int
    score: float
    reason: str
    decision: str | None
    person_id: int | None
    subject_id: int | None  # the person the record became, kept apart until decided


@dataclass
class PersonFacts:
    """What identity resolution knows of a person: names, organizations, keys."""

    id: int
    name: str
    aliases: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)  # current organizations
    past: list[str] = field(default_factory=list)  # organizations they were at
    org_source: str = ""  # the source (format) the organization came from
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


class ImportQueries(ScopedQueries):
    """Import bookkeeping, scoped to `self.scope`."""

    # --- runs --------------------------------------------------------------

    def start_import(self, source: str, path: str, now: datetime) -> int:
        values = {"account_id": self.scope.account_id, "source": source, "path": path}
        statement = sa.insert(t.imports).values(**values, started_at=to_db(now))
        return new_id(self.conn.execute(statement))

    def finish_import(self, import_id: int, summary: dict[str, Any], now: datetime) -> None:
        self.conn.execute(
            sa.update(t.imports)
            .where(self.mine_by_id(t.imports), t.imports.c.id == import_id)
            .values(finished_at=to_db(now), summary=summary)
        )

    # --- record keys -------------------------------------------------------

    def stored_keys(self, source: str, keys: Sequence[str]) -> dict[str, StoredKey]:
        """What earlier imports made of these keys of `source`."""
        k = t.import_keys
        found: dict[str, StoredKey] = {}
        for chunk in batches(dict.fromkeys(keys), 500):
            query = sa.select(k).where(self.mine(k), k.c.source == source, k.c.key.in_(chunk))
            for row in self.conn.execute(query):
                found[row.key] = StoredKey(
                    row.person_id, row.interaction_id, row.ledger_id, row.digest
                )
        return found

    def save_key(self, source: str, key: str, import_id: int | None, **made: Any) -> None:
        """Remember what a record became (`person_id`, `interaction_id`, `ledger_id`, `digest`)."""
        k = t.import_keys
        where = (self.mine(k), k.c.source == source, k.c.key == key)
        values = {**made, "import_id": import_id}
        if self.conn.execute(sa.update(k).where(*where).values(values)).rowcount == 0:
            self.conn.execute(
                sa.insert(k).values(
                    account_id=self.scope.account_id, source=source, key=key, **values
                )
            )

    # --- what matching needs ----------------------------------------------

    def identity_facts(self, ids: Sequence[int] | None = None) -> list[PersonFacts]:
        """Names, current organizations and keys of everyone (or of the people `ids`), in
        id order: one query per table, not per person."""
        people = sa.select(t.people.c.id, t.people.c.display_name).where(self.mine(t.people))
        found: dict[int, PersonFacts] = {}
        for chunk in _chunks(ids):
            query = people if chunk is None else people.where(t.people.c.id.in_(chunk))
            for row in self.conn.execute(query):
                found[row.id] = PersonFacts(row.id, row.display_name)
        children: tuple[tuple[sa.Table, str, str, tuple[Any, ...]], ...] = (
            (t.person_aliases, "name", "aliases", ()),
            (t.person_orgs, "org", "orgs", (t.person_orgs.c.end_on.is_(None),)),
            (t.person_emails, "email", "emails", ()),
            (t.person_phones, "phone", "phones", ()),
            (t.person_links, "url", "links", ()),
        )
        children += ((t.person_orgs, "org", "past", (t.person_orgs.c.end_on.is_not(None),)),)
        for table, column, attribute, more in children:
            for chunk in _chunks(ids):
                query = sa.select(table.c.person_id, table.c[column]).where(self.mine(table), *more)
                if chunk is not None:
                    query = query.where(table.c.person_id.in_(chunk))
                for row in self.conn.execute(query):
                    if row[0] in found:
                        getattr(found[row[0]], attribute).append(row[1])
        f = t.field_sources
        for chunk in _chunks(ids):
            query = sa.select(f.c.person_id, f.c.source).where(self.mine(f), f.c.field == "org")
            if chunk is not None:
                query = query.where(f.c.person_id.in_(chunk))
            for row in self.conn.execute(query):
                if row.person_id in found:
                    found[row.person_id].org_source = row.source
        return [found[i] for i in sorted(found)]

    def interactions_by_source(
        self, source: str, keys: Sequence[str]
    ) -> dict[str, tuple[int, set[int]]]:
        """Imported interactions by their keys in `source`: id and people.

        Two index look-ups, not a join: PostgreSQL, planning a join blind (a table
        filled by this very import has no statistics yet), read whole tables per chunk
        (6.7 s instead of 0.2 to re-import 10,000 messages)."""
        i, links = t.interactions, t.interaction_people
        by_id: dict[int, tuple[int, set[int]]] = {}
        found: dict[str, tuple[int, set[int]]] = {}
        for chunk in batches(dict.fromkeys(keys), 500):
            query = sa.select(i.c.source_id, i.c.id).where(
                self.mine(i), i.c.source == source, i.c.source_id.in_(chunk)
            )
            for row in self.conn.execute(query):
                found[row.source_id] = by_id[row.id] = (row.id, set())
        ids = list(by_id)
        for start in range(0, len(ids), 500):
            query = sa.select(links.c.interaction_id, links.c.person_id).where(
                self.mine_by_id(links), links.c.interaction_id.in_(ids[start : start + 500])
            )
            for row in self.conn.execute(query):
                by_id[row.interaction_id][1].add(row.person_id)
        return found

    def review_rows_for(self, source: str, keys: Sequence[str]) -> list[ReviewRow]:
        """The review rows of these record keys."""
        rows: list[ReviewRow] = []
        q = t.review_queue
        for chunk in batches(dict.fromkeys(keys), 500):
            query = sa.select(q).where(self.mine(q), q.c.source == source, q.c.key.in_(chunk))
            rows.extend(_review(row) for row in self.conn.execute(query))
        return rows

    def link_people(self, interaction_id: int, person_ids: Iterable[int]) -> None:
        moment = self.conn.execute(
            sa.select(t.interactions.c.occurred_at).where(t.interactions.c.id == interaction_id)
        ).scalar_one()
        rows = [
            {"interaction_id": interaction_id, "person_id": p,
             "account_id": self.scope.account_id, "occurred_at": moment}
            for p in person_ids
        ]  # fmt: skip
        if rows:
            self.conn.execute(sa.insert(t.interaction_people), rows)

    # --- provenance --------------------------------------------------------

    def field_sources(self, person_id: int) -> dict[str, FieldSource]:
        f = t.field_sources
        query = sa.select(f).where(self.mine_by_id(f), f.c.person_id == person_id)
        return {row.field: _field_source(row) for row in self.conn.execute(query)}

    def field_sources_of(self, person_ids: Sequence[int]) -> dict[int, dict[str, FieldSource]]:
        """`field_sources` for many people at once."""
        f = t.field_sources
        found: dict[int, dict[str, FieldSource]] = {pid: {} for pid in person_ids}
        for start in range(0, len(person_ids), 500):
            chunk = list(person_ids[start : start + 500])
            query = sa.select(f).where(self.mine_by_id(f), f.c.person_id.in_(chunk))
            for row in self.conn.execute(query):
                found[row.person_id][row.field] = _field_source(row)
        return found

    def replace_sources(
        self, person_id: int, sources: dict[str, FieldSource], now: datetime
    ) -> None:
        """Put a person's field provenance back as `sources` (undoing a record's merge)."""
        f = t.field_sources
        self.conn.execute(sa.delete(f).where(self.mine_by_id(f), f.c.person_id == person_id))
        rows = [
            {"account_id": self.scope.account_id, "person_id": person_id, "field": name,
             "value": s.value, "user_edited": s.user_edited, "source": s.source,
             "as_of": to_db(s.as_of) if s.as_of else None, "updated_at": to_db(now)}
            for name, s in sources.items()
        ]  # fmt: skip
        if rows:
            self.conn.execute(sa.insert(f), rows)

    def provenance(self, person_id: int) -> list[dict[str, Any]]:
        """Every field's origin for one person, as rows."""
        f = t.field_sources
        query = sa.select(f).where(self.mine_by_id(f), f.c.person_id == person_id)
        return [dict(row._mapping) for row in self.conn.execute(query.order_by(f.c.field))]

    def save_sources(
        self,
        person_id: int,
        values: dict[str, Any],
        origin: dict[str, Any],
        now: datetime,
        kept: dict[str, FieldSource] | None = None,
    ) -> None:
        """Record what an import gave each field (`origin`: import_id, source, path,
        record); a field's user-edited mark is kept. `kept`: the sources already read."""
        f = t.field_sources
        kept = self.field_sources(person_id) if kept is None else kept
        for name, value in values.items():
            row = {**origin, "value": value, "updated_at": to_db(now)}
            if name in kept:
                self.conn.execute(
                    sa.update(f)
                    .where(self.mine_by_id(f), f.c.person_id == person_id, f.c.field == name)
                    .values(row)
                )
            else:
                self.conn.execute(
                    sa.insert(f).values(
                        account_id=self.scope.account_id, person_id=person_id, field=name, **row
                    )
                )

    def mark_user_edited(self, person_id: int, fields: Iterable[str], now: datetime) -> None:
        """The user changed these fields by hand: imports leave them alone from now on."""
        f = t.field_sources
        kept = self.field_sources(person_id)
        for name in fields:
            if name in kept:
                self.conn.execute(
                    sa.update(f)
                    .where(self.mine_by_id(f), f.c.person_id == person_id, f.c.field == name)
                    .values(user_edited=True, updated_at=to_db(now))
                )
            else:
                self.conn.execute(
                    sa.insert(f).values(
                        account_id=self.scope.account_id,
                        person_id=person_id,
                        field=name,
                        user_edited=True,
                        updated_at=to_db(now),
                    )
                )

    # --- review queue ------------------------------------------------------

    def queue_review(
        self,
        source: str,
        key: str,
        record: dict[str, Any],
        candidate: int,
        score: float,
        reason: str,
        import_id: int | None,
        now: datetime,
        subject: int | None = None,
    ) -> bool:
        """Queue a record for the user's decision; False when it is queued already."""
        q = t.review_queue
        exists = sa.select(q.c.id).where(self.mine(q), q.c.source == source, q.c.key == key)
        if self.conn.execute(exists).first() is not None:
            self.conn.execute(
                sa.update(q)
                .where(self.mine(q), q.c.source == source, q.c.key == key)
                .values(record=record)
            )
            return False
        self.conn.execute(
            sa.insert(q).values(
                account_id=self.scope.account_id,
                source=source,
                key=key,
                record=record,
                candidate_id=candidate,
                score=score,
                reason=reason,
                created_at=to_db(now),
                import_id=import_id,
                subject_id=subject,
            )
        )
        return True

    def review_rows(
        self,
        source: str | None = None,
        key: str | None = None,
        row_id: int | None = None,
        open_only: bool = False,
    ) -> list[ReviewRow]:
        q = t.review_queue
        query = sa.select(q).where(self.mine(q))
        if source is not None:
            query = query.where(q.c.source == source, q.c.key == key)
        if row_id is not None:
            query = query.where(q.c.id == row_id)
        if open_only:
            query = query.where(q.c.decision.is_(None))
        return [_review(row) for row in self.conn.execute(query.order_by(q.c.id))]

    def decide(self, row_id: int, decision: str, person_id: int | None, now: datetime) -> None:
        q = t.review_queue
        self.conn.execute(
            sa.update(q)
            .where(self.mine(q), q.c.id == row_id)
            .values(decision=decision, person_id=person_id, decided_at=to_db(now))
        )

    # --- derived state -----------------------------------------------------

    def save_standings(self, standings: dict[int, Any]) -> None:
        """Write many people's standing in one statement (executemany)."""
        rows = [{"pid": pid, **standing_row(s)} for pid, s in standings.items()]
        if not rows:
            return
        values: dict[str, Any] = {key: sa.bindparam(key) for key in rows[0] if key != "pid"}
        statement = (
            sa.update(t.people)
            .where(self.mine_by_id(t.people), t.people.c.id == sa.bindparam("pid"))
            .values(values)
        )
        execute_many(self.conn, statement, rows)


def _review(row: Any) -> ReviewRow:
    return ReviewRow(
        row.id,
        row.source,
        row.key,
        row.record,
        row.candidate_id,
        row.score,
        row.reason,
        row.decision,
        row.person_id,
        row.subject_id,
    )


def _field_source(row: Any) -> FieldSource:
    return FieldSource(row.value, row.user_edited, row.source, from_db(row.as_of))


def _chunks(ids: Sequence[int] | None) -> Iterator[list[int] | None]:
    """`ids` in look-up sized chunks, or one None meaning everyone."""
    if ids is None:
        yield None
        return
    yield from batches(sorted(set(ids)), 500)


ANALYZE_AFTER = 1000  # new rows in one batch after which PostgreSQL's statistics are refreshed


@dataclass
class Pending:
    """New people, their field sources, record keys and interactions of one batch, kept in
    memory with ids given up front and written together (executemany) at the batch's end:
    a few statements per batch instead of a dozen per record."""

    people: dict[int, Any] = field(default_factory=dict)  # id -> Person
    sources: dict[int, dict[str, dict[str, Any]]] = field(default_factory=dict)
    keys: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    interactions: dict[tuple[str, str], tuple[Interaction, set[int]]] = field(default_factory=dict)
    merges: list[dict[str, Any]] = field(default_factory=list)  # records merged into someone
    # Known people a batch changed: their new state, and field_sources rows by field (whole
    # rows, user-edited marks kept), written together instead of per record.
    updates: dict[int, Any] = field(default_factory=dict)  # id -> Person
    updated_sources: dict[int, dict[str, dict[str, Any]]] = field(default_factory=dict)
    key_updates: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    next_ids: dict[str, int] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(
            self.people
            or self.keys
            or self.interactions
            or self.merges
            or self.updates
            or self.updated_sources
            or self.key_updates
        )

    def key(self, source: str, key: str) -> StoredKey | None:
        row = self.keys.get((source, key))
        if row is None:
            return None
        return StoredKey(row.get("person_id"), None, None, row.get("digest", ""))


class PendingWrites(ScopedQueries):
    """Writing a batch's `Pending` rows."""

    def take_id(self, pending: Pending, table: sa.Table) -> int:
        """The next id of `table` for this batch (the write transaction keeps it ours)."""
        if table.name not in pending.next_ids:
            pending.next_ids[table.name] = next_id(self.conn, table)
        taken = pending.next_ids[table.name]
        pending.next_ids[table.name] = taken + 1
        return taken

    def write_pending(self, pending: Pending, now: datetime) -> None:
        """Insert everything pending, parents first, and empty it."""
        from kith.store.activity import interaction_row
        from kith.store.people import child_rows, person_row

        account = self.scope.account_id
        stamp = to_db(now)
        if pending.people:
            rows = [{**person_row(p), "id": pid, "account_id": account, "created_at": stamp,
                     "updated_at": stamp} for pid, p in pending.people.items()]  # fmt: skip
            self.conn.execute(sa.insert(t.people), rows)
            grouped: dict[sa.Table, list[dict[str, Any]]] = {}
            for pid, person in pending.people.items():
                for table, children in child_rows(pid, person).items():
                    grouped.setdefault(table, []).extend(
                        {**row, "account_id": account} for row in children
                    )
            for table, children in grouped.items():
                if children:
                    self.conn.execute(sa.insert(table), children)
        sources = [
            {"account_id": account, "person_id": pid, "field": name, "updated_at": stamp,
             "user_edited": False, **row}
            for pid, fields in pending.sources.items()
            for name, row in fields.items()
        ]  # fmt: skip
        if sources:
            self.conn.execute(sa.insert(t.field_sources), _uniform(sources))
        if pending.interactions:
            items = [
                {**interaction_row(item, account, now), "id": item.id}
                for item, _ in pending.interactions.values()
            ]
            self._insert_many(t.interactions, items)
            links = [
                {"interaction_id": item.id, "person_id": pid, "account_id": account,
                 "occurred_at": to_db(item.occurred_at)}
                for item, ids in pending.interactions.values()
                for pid in ids
            ]  # fmt: skip
            if links:
                self._insert_many(t.interaction_people, links)
        if pending.keys:
            keys = [{"account_id": account, "source": s, "key": k, **row}
                    for (s, k), row in pending.keys.items()]  # fmt: skip
            self.conn.execute(sa.insert(t.import_keys), _uniform(keys))
        self._write_updates(pending, stamp)
        if pending.merges:
            merges = [{**row, "account_id": account, "merged_at": stamp} for row in pending.merges]
            self.conn.execute(sa.insert(t.merges), merges)
        self._move_sequences(pending)
        self._analyze(pending)
        pending.people.clear()
        pending.sources.clear()
        pending.keys.clear()
        pending.interactions.clear()
        pending.merges.clear()
        pending.updates.clear()
        pending.updated_sources.clear()
        pending.key_updates.clear()
        pending.next_ids.clear()

    def _write_updates(self, pending: Pending, stamp: datetime) -> None:
        """Known people the batch changed, their fields' provenance and their record keys:
        a few statements for the whole batch (executemany, IN lists)."""
        from kith.store.people import CHILD_TABLES, child_rows, person_row

        account = self.scope.account_id
        ids = sorted(pending.updates)
        if ids:
            rows = [{**person_row(pending.updates[i]), "pid": i, "updated_at": stamp} for i in ids]
            names = [n for n in rows[0] if n != "pid"]
            statement = (
                sa.update(t.people)
                .where(self.mine_by_id(t.people), t.people.c.id == sa.bindparam("pid"))
                .values({n: sa.bindparam(n) for n in names})
            )
            execute_many(self.conn, statement, rows)
            children: dict[sa.Table, list[dict[str, Any]]] = {}
            for i in ids:
                for table, found in child_rows(i, pending.updates[i]).items():
                    children.setdefault(table, []).extend(
                        {**r, "account_id": account} for r in found
                    )
            for table in CHILD_TABLES:
                for chunk in batches(ids, 500):
                    self.conn.execute(
                        sa.delete(table).where(self.mine(table), table.c.person_id.in_(chunk))
                    )
                if children.get(table):
                    self.conn.execute(sa.insert(table), _uniform(children[table]))
        sources = [
            {"account_id": account, "person_id": pid, "field": name, "updated_at": stamp, **row}
            for pid, fields in pending.updated_sources.items()
            for name, row in fields.items()
        ]
        if sources:
            f = t.field_sources
            pairs = [(row["person_id"], row["field"]) for row in sources]
            for pairs_chunk in batches(pairs, 400):
                self.conn.execute(
                    sa.delete(f).where(
                        self.mine(f), sa.tuple_(f.c.person_id, f.c.field).in_(pairs_chunk)
                    )
                )
            self.conn.execute(sa.insert(f), _uniform(sources))
        if pending.key_updates:
            k = t.import_keys
            rows = [{"s": s, "k": key, **row} for (s, key), row in pending.key_updates.items()]
            statement = (
                sa.update(k)
                .where(self.mine(k), k.c.source == sa.bindparam("s"), k.c.key == sa.bindparam("k"))
                .values({n: sa.bindparam(n) for n in ("person_id", "digest", "import_id")})
            )
            execute_many(self.conn, statement, _uniform(rows))

    def _insert_many(self, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        execute_many(self.conn, sa.insert(table), rows)

    def _analyze(self, pending: Pending) -> None:
        """After a big batch, refresh PostgreSQL's statistics of what it grew: the next
        batch's look-ups by key (an IN list) were planned as whole-table scans while the
        tables looked empty to the planner (0.18 s per 500 keys instead of 3 ms)."""
        if self.conn.dialect.name != "postgresql":
            return
        grown = [
            name
            for name, items in (("people", pending.people), ("interactions", pending.interactions))
            if len(items) >= ANALYZE_AFTER
        ]
        if "interactions" in grown:
            grown.append("interaction_people")
        if grown:
            self.conn.exec_driver_sql(f"ANALYZE {', '.join(grown)}")

    def _move_sequences(self, pending: Pending) -> None:
        if self.conn.dialect.name != "postgresql":
            return
        for name in pending.next_ids:
            self.conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'),"
                f" COALESCE((SELECT MAX(id) FROM {name}), 1))"
            )


def execute_many(conn: sa.Connection, statement: Any, rows: list[dict[str, Any]]) -> None:
    """Run `statement` once per row (rows of one shape). On SQLite straight through the
    driver's executemany, each value converted by its parameter's own bind processor:
    SQLAlchemy's per-row parameter handling was a third of the write time of an email
    import. PostgreSQL keeps SQLAlchemy's executemany (psycopg pipelines it)."""
    if conn.dialect.name != "sqlite":
        conn.execute(statement, rows)
        return
    dialect = conn.dialect
    compiled = statement.compile(dialect=dialect, column_keys=list(rows[0]))
    order = list(compiled.positiontup)
    fixed = {n: compiled.binds[n].effective_value for n in order if n not in rows[0]}
    if fixed:  # values written into the statement (e.g. the account of a WHERE clause)
        rows = [{**row, **fixed} for row in rows]
    convert = [
        (i, f)
        for i, name in enumerate(order)
        if (f := compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect))
    ]
    pick = itemgetter(*order)  # a tuple per row, in C
    values: list[Any] = [pick(row) for row in rows]
    if len(order) == 1:  # itemgetter of one name gives the value, not a tuple
        values = [(value,) for value in values]
    if convert:
        values = [_converted(list(v), convert) for v in values]
    conn.exec_driver_sql(str(compiled), values)


def _converted(value: list[Any], convert: list[tuple[int, Any]]) -> tuple[Any, ...]:
    for i, process in convert:
        if value[i] is not None:
            value[i] = process(value[i])
    return tuple(value)


def _uniform(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with the same keys (executemany wants one shape): missing ones as None."""
    names = list(dict.fromkeys(name for row in rows for name in row))
    return [{name: row.get(name) for name in names} for row in rows]
