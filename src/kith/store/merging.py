"""Merging two people into one, and undoing it exactly (`kith merge`, `kith unmerge`).

A merge keeps a snapshot of both people as they were (every row of theirs) and of what
moved: the merged person's interactions, ledger entries, follow-ups, import keys and the
people they introduced. Unmerging puts every one of those back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from kith.core.naming import name_key
from kith.store import tables as t
from kith.store.activity import refresh_link_moments
from kith.store.rows import row_from_json, row_to_json
from kith.store.scope import ScopedQueries, new_id, to_db

CHILDREN = (
    t.person_emails,
    t.person_phones,
    t.person_links,
    t.person_orgs,
    t.person_tags,
    t.person_facets,
    t.person_dates,
    t.person_aliases,
    t.field_sources,
)
# Rows that belong to a person and move with them: table -> its person column.
MOVED = (
    (t.ledger_entries, "person_id"),
    (t.followups, "person_id"),
    (t.import_keys, "person_id"),
    (t.review_queue, "candidate_id"),
    (t.review_queue, "person_id"),
    (t.review_queue, "subject_id"),
    (t.people, "introduced_by_id"),
)


class MergeQueries(ScopedQueries):
    """Snapshots, merges and unmerges, scoped to `self.scope`."""

    def snapshot(self, person_id: int) -> dict[str, Any]:
        """Every row that is this person's: the people row and each child table's rows."""
        person = self.conn.execute(
            sa.select(t.people).where(self.mine_by_id(t.people), t.people.c.id == person_id)
        ).one()
        rows = {"people": [row_to_json(t.people, person)]}
        for table in CHILDREN:
            query = sa.select(table).where(self.mine_by_id(table), table.c.person_id == person_id)
            rows[table.name] = [row_to_json(table, r) for r in self.conn.execute(query)]
        return rows

    def _ids(self, table: sa.Table, column: str, person_id: int) -> list[int]:
        query = sa.select(table.c.id).where(self.mine(table), table.c[column] == person_id)
        return [row[0] for row in self.conn.execute(query)]

    def _links(self, person_id: int) -> list[int]:
        links = t.interaction_people
        query = sa.select(links.c.interaction_id).where(links.c.person_id == person_id)
        return [row[0] for row in self.conn.execute(query)]

    def merge_people(self, kept: int, other: int, now: datetime) -> dict[str, Any]:
        """Move everything of `other` to `kept`, delete `other`; returns the snapshot to undo
        it (the caller then saves the combined profile with update_person)."""
        other_links = self._links(other)
        kept_links = set(self._links(kept))
        snapshot: dict[str, Any] = {
            "kept": self.snapshot(kept),
            "other": self.snapshot(other),
            "links": other_links,
            "shared": [i for i in other_links if i in kept_links],
            "moved": {
                f"{table.name}.{column}": self._ids(table, column, other) for table, column in MOVED
            },
        }
        links = t.interaction_people
        fresh = [i for i in other_links if i not in kept_links]
        if fresh:
            self.conn.execute(
                sa.insert(links),
                [
                    {"interaction_id": i, "person_id": kept, "account_id": self.scope.account_id}
                    for i in fresh
                ],
            )
            refresh_link_moments(self.conn, fresh)
        for table, column in MOVED:
            ids = snapshot["moved"][f"{table.name}.{column}"]
            if ids:
                self.conn.execute(
                    sa.update(table).where(table.c.id.in_(ids)).values({column: kept})
                )
        self.conn.execute(sa.delete(t.field_sources).where(t.field_sources.c.person_id == other))
        self.conn.execute(
            sa.delete(t.people).where(self.mine_by_id(t.people), t.people.c.id == other)
        )
        merged_name = snapshot["other"]["people"][0]["display_name"]
        values = {
            "account_id": self.scope.account_id,
            "kept_id": kept,
            "merged_id": other,
            "merged_name": merged_name,
            "snapshot": snapshot,
            "merged_at": to_db(now),
        }
        snapshot["merge_id"] = new_id(self.conn.execute(sa.insert(t.merges).values(values)))
        return snapshot

    def find_merge(self, person_id: int | None, name: str) -> dict[str, Any] | None:
        """The latest merge not undone that kept `person_id`, or that merged someone `name`."""
        m = t.merges
        query = sa.select(m).where(self.mine(m), m.c.undone_at.is_(None)).order_by(m.c.id.desc())
        for row in self.conn.execute(query):
            if row.kept_id == person_id or name_key(row.merged_name) == name_key(name):
                return {
                    "id": row.id,
                    "kind": row.kind,
                    "kept_id": row.kept_id,
                    "merged_id": row.merged_id,
                    "snapshot": row.snapshot,
                }
        return None

    def merge_undone(self, merge_id: int, now: datetime) -> None:
        self.conn.execute(
            sa.update(t.merges)
            .where(self.mine(t.merges), t.merges.c.id == merge_id)
            .values(undone_at=to_db(now))
        )

    def kept_apart(self) -> set[frozenset[int]]:
        """Pairs of people the user said are two (review items decided apart)."""
        q = t.review_queue
        query = sa.select(q.c.candidate_id, q.c.subject_id).where(
            self.mine(q), q.c.decision == "apart", q.c.subject_id.is_not(None)
        )
        return {frozenset(row) for row in self.conn.execute(query)}

    def unmerge_people(self, merge: dict[str, Any], now: datetime) -> None:
        """Put both people back as they were before `merge`."""
        snap, kept, other = merge["snapshot"], merge["kept_id"], merge["merged_id"]
        for table in CHILDREN:
            self.conn.execute(
                sa.delete(table).where(self.mine_by_id(table), table.c.person_id == kept)
            )
        self._restore(snap["kept"], update=True)
        self._restore(snap["other"], update=False)
        links = t.interaction_people
        existing = {
            row[0]
            for row in self.conn.execute(
                sa.select(t.interactions.c.id).where(t.interactions.c.id.in_(snap["links"]))
            )
        }
        back = [i for i in snap["links"] if i in existing]
        if back:
            self.conn.execute(
                sa.insert(links),
                [
                    {"interaction_id": i, "person_id": other, "account_id": self.scope.account_id}
                    for i in back
                ],
            )
            refresh_link_moments(self.conn, back)
        only_theirs = [i for i in back if i not in set(snap["shared"])]
        if only_theirs:
            self.conn.execute(
                sa.delete(links).where(
                    links.c.person_id == kept, links.c.interaction_id.in_(only_theirs)
                )
            )
        for table, column in MOVED:
            ids = snap["moved"][f"{table.name}.{column}"]
            if ids:
                self.conn.execute(
                    sa.update(table).where(table.c.id.in_(ids)).values({column: other})
                )
        self.conn.execute(
            sa.update(t.merges)
            .where(self.mine(t.merges), t.merges.c.id == merge["id"])
            .values(undone_at=to_db(now))
        )

    def _restore(self, rows: dict[str, Any], update: bool) -> None:
        person = row_from_json(t.people, rows["people"][0])
        if update:
            self.conn.execute(
                sa.update(t.people).where(t.people.c.id == person["id"]).values(person)
            )
        else:
            self.conn.execute(sa.insert(t.people).values(person))
        for table in CHILDREN:
            restored = [row_from_json(table, r) for r in rows[table.name]]
            if restored:
                self.conn.execute(sa.insert(table), restored)
