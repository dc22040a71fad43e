"""The facts behind warm paths into one company, each set found through an index.

Edges are not stored: "knows" is derived per query from what Kith already keeps
(shared interactions, overlapping positions) plus the explicit `knows` table, starting
from the people at the company and going one step back. See docs/architecture.md for
the measurements behind that choice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from kith.core.interactions import Kind
from kith.core.naming import name_key
from kith.core.paths import (
    Link,
    LinkKind,
    MyTie,
    PathFacts,
    Position,
    ThreadMember,
    colleague_links,
    email_thread,
    thread_links,
    tie_floor_key,
)
from kith.core.strength import strength_from_key
from kith.store import tables as t
from kith.store.scope import CHUNK, ScopedQueries, as_date, chunks, from_db, to_db

GO_BETWEENS = 300  # the user's strongest ties, checked for shared employers
THREADS_PER_QUERY = 100  # email threads looked up per statement (one key range each)

po = t.person_orgs
p = t.people


class PathQueries(ScopedQueries):
    """Warm-path facts and explicit knows edges, scoped to `self.scope`."""

    def insert_knows(self, a: int, b: int, how: str, now: datetime) -> bool:
        """Record that `a` and `b` know each other; False when it was already recorded
        (its `how` is then updated when a new one is given)."""
        low, high = sorted((a, b))
        k = t.knows
        found = self.conn.execute(
            sa.select(k.c.id).where(self.mine_by_id(k), k.c.person_id == low, k.c.other_id == high)
        ).scalar()
        if found is not None:
            if how:
                self.conn.execute(sa.update(k).where(k.c.id == found).values(how=how))
            return False
        self.conn.execute(
            sa.insert(k).values(account_id=self.scope.account_id, person_id=low, other_id=high,
                                how=how, created_at=to_db(now))
        )  # fmt: skip
        return True

    def path_facts(self, company: str, now: datetime) -> PathFacts:
        """Who is or was at `company`, the links reaching them, and the user's ties."""
        positions = self._positions_at(company)
        names = sorted({pos.org for pos in positions})
        facts = PathFacts(names[0] if len(names) == 1 else company)
        insider_ids = {pos.person_id for pos in positions}
        links = self._explicit_links(insider_ids, now)
        links += self._met_together_links(insider_ids, now)
        links += self._introduction_links(insider_ids)
        links += self._thread_links(insider_ids, now)
        links += self._colleague_links(insider_ids, now)
        ids = insider_ids | {pid for link in links for pid in (link.a, link.b)}
        facts.ties = self.my_ties(ids, now)
        facts.insiders = [pos for pos in positions if pos.person_id in facts.ties]
        facts.links = [lk for lk in links if lk.a in facts.ties and lk.b in facts.ties]
        return facts

    def _positions_at(self, company: str) -> list[Position]:
        """Positions at the organization named `company`: exact name first, else every
        organization whose name starts with it ("Acme" finds "Acme Robotics")."""
        key = name_key(company)
        if not key:
            return []
        columns = (po.c.person_id, po.c.org, po.c.title, po.c.start_on, po.c.end_on)
        rows = self.conn.execute(
            sa.select(*columns).where(self.mine_by_id(po), po.c.org_key == key)
        ).all()
        if not rows:
            rows = self.conn.execute(
                sa.select(*columns).where(
                    self.mine_by_id(po), po.c.org_key >= key, po.c.org_key < key + "\uffff"
                )
            ).all()
        return [
            Position(row.person_id, row.org, row.title, as_date(row.start_on), as_date(row.end_on))
            for row in rows
        ]

    def _explicit_links(self, ids: set[int], now: datetime) -> list[Link]:
        """For each of `ids`, the `kith knows` link to their warmest go-between.

        Only the best go-between per insider can make a path (core/paths.py keeps one
        per insider, and an explicit link's strength does not vary), so the database
        ranks them and hands over one row per insider instead of every pair: at 1M
        pairs that is 300 rows instead of 6,000, and as many fewer ties to look up."""
        k = t.knows
        floor = tie_floor_key(now)
        found: list[Link] = []
        for chunk in chunks(ids, CHUNK // 2):  # the ids are bound twice
            sides = [
                sa.select(end.label("insider"), other.label("via"), k.c.id.label("knows_id"),
                          p.c.strength_key.label("key"))
                .join_from(k, p, p.c.id == other)
                .where(self.mine_by_id(k), end.in_(chunk), self.mine_by_id(p),
                       p.c.archived == sa.false(), p.c.strength_key >= floor)
                for end, other in ((k.c.person_id, k.c.other_id), (k.c.other_id, k.c.person_id))
            ]  # fmt: skip
            pairs = sa.union_all(*sides).subquery()
            warmest = sa.func.row_number().over(
                partition_by=pairs.c.insider, order_by=(pairs.c.key.desc(), pairs.c.via)
            )
            ranked = sa.select(pairs.c.insider, pairs.c.via, pairs.c.knows_id,
                               warmest.label("rank")).subquery()  # fmt: skip
            query = (
                sa.select(ranked.c.insider, ranked.c.via, k.c.how, k.c.created_at)
                .join_from(ranked, k, k.c.id == ranked.c.knows_id)
                .where(ranked.c.rank == 1, self.mine_by_id(k))
            )
            found += [
                Link(row.via, row.insider, LinkKind.EXPLICIT, how=row.how,
                     last=as_date(from_db(row.created_at)))
                for row in self.conn.execute(query)
            ]  # fmt: skip
        return found

    def _met_together_links(self, ids: set[int], now: datetime) -> list[Link]:
        """People who were in the same interactions as an insider: how often, how lately."""
        mine, theirs, items = (
            t.interaction_people.alias("mine"),
            t.interaction_people.alias("theirs"),
            t.interactions,
        )
        found = []
        for chunk in chunks(ids):
            query = (
                sa.select(mine.c.person_id, theirs.c.person_id.label("other_id"),
                          sa.func.count().label("n"),
                          sa.func.max(items.c.occurred_at).label("last"))
                .select_from(mine)
                .join(theirs, sa.and_(theirs.c.interaction_id == mine.c.interaction_id,
                                      theirs.c.person_id != mine.c.person_id))
                .join(items, items.c.id == mine.c.interaction_id)
                .where((mine.c.account_id + 0) == self.scope.account_id,
                       mine.c.person_id.in_(chunk))
                .group_by(mine.c.person_id, theirs.c.person_id)
            )  # fmt: skip
            found += [
                Link(row.other_id, row.person_id, LinkKind.MET_TOGETHER, count=row.n,
                     last=_local_day(row.last, now))
                for row in self.conn.execute(query)
            ]  # fmt: skip
        return found

    def _introduction_links(self, ids: set[int]) -> list[Link]:
        """HOOK (giving, #4): links from the `introductions` table, once merged: the user
        introduced two people, so they know each other (LinkKind.INTRODUCED)."""
        return []

    def _thread_links(self, ids: set[int], now: datetime) -> list[Link]:
        """People on the same email threads with the user as an insider. Imported mail is
        one interaction per thread, day and person, keyed "email:{thread}:{day}:{address}"
        (importers/mail.py), so the insiders' threads are read from their keys, then each
        thread's people through the source key index."""
        i, ip = t.interactions, t.interaction_people
        threads: set[tuple[str, str]] = set()
        for chunk in chunks(ids):
            query = (
                sa.select(i.c.source, i.c.source_id)
                .join_from(ip, i, i.c.id == ip.c.interaction_id)
                .where(self.mine_by_id(ip), ip.c.person_id.in_(chunk), self.mine_by_id(i),
                       i.c.kind == Kind.EMAIL.value)
            )  # fmt: skip
            for row in self.conn.execute(query):
                thread = email_thread(row.source_id)
                if thread is not None:
                    threads.add((row.source, thread))
        members = []
        for batch in chunks(sorted(threads), THREADS_PER_QUERY):
            ranges = [
                sa.and_(i.c.source == source, i.c.source_id >= thread,
                        i.c.source_id < thread + "\uffff")
                for source, thread in batch
            ]  # fmt: skip
            on_threads = (
                sa.select(ip.c.person_id, i.c.source, i.c.source_id, i.c.occurred_at)
                .join_from(i, ip, ip.c.interaction_id == i.c.id)
                .where(self.mine(i), sa.or_(*ranges), self.mine_by_id(ip))
            )
            for member in self.conn.execute(on_threads):
                thread = email_thread(member.source_id)
                day = _local_day(member.occurred_at, now)
                if thread is not None and day is not None and (member.source, thread) in threads:
                    members.append(ThreadMember(f"{member.source} {thread}", member.person_id, day))
        return thread_links(ids, members)

    def _colleague_links(self, insider_ids: set[int], now: datetime) -> list[Link]:
        """The user's strongest ties who overlapped with an insider at any employer."""
        if not insider_ids:
            return []
        strongest = (
            sa.select(p.c.id)
            .where(self.mine(p), p.c.archived == sa.false(), p.c.strength_key > 0)
            .order_by(p.c.strength_key.desc())
            .limit(GO_BETWEENS)
            .subquery()
        )
        # One statement driven by the strongest ties, rather than their ids sent back:
        # an IN list of 300 can make SQLite read the whole table instead of seeking.
        query = (
            sa.select(*self._position_columns())
            .join_from(strongest, po, po.c.person_id == strongest.c.id)
            .where(self.mine_by_id(po))
        )
        go_betweens = self._to_positions(self.conn.execute(query))
        if not go_betweens:
            return []
        return colleague_links(go_betweens, self._positions(insider_ids))

    def _positions(self, ids: Iterable[int]) -> list[Position]:
        found = []
        for chunk in chunks(ids):
            query = sa.select(*self._position_columns()).where(
                self.mine_by_id(po), po.c.person_id.in_(chunk)
            )
            found += self._to_positions(self.conn.execute(query))
        return found

    @staticmethod
    def _position_columns() -> tuple[sa.ColumnElement[Any], ...]:
        return (po.c.person_id, po.c.org_key, po.c.org, po.c.start_on, po.c.end_on)

    @staticmethod
    def _to_positions(rows: Iterable[Any]) -> list[Position]:
        return [
            Position(row.person_id, row.org, "", as_date(row.start_on), as_date(row.end_on),
                     row.org_key)
            for row in rows
        ]  # fmt: skip

    def my_ties(self, ids: Iterable[int], now: datetime) -> dict[int, MyTie]:
        """The user's tie to each of `ids` (archived people left out)."""
        ties = {}
        for row in self._people_rows(ids):
            ties[row.id] = MyTie(row.id, row.display_name,
                                 round(strength_from_key(row.strength_key, now), 1),
                                 _local_day(row.last_contact_at, now))  # fmt: skip
        return ties

    def _people_rows(self, ids: Iterable[int]) -> list[Any]:
        rows: list[Any] = []
        columns = (p.c.id, p.c.display_name, p.c.strength_key, p.c.last_contact_at)
        for chunk in chunks(ids):
            query = sa.select(*columns).where(
                self.mine_by_id(p), p.c.archived == sa.false(), p.c.id.in_(chunk)
            )
            rows += self.conn.execute(query).all()
        return rows


def _local_day(moment: datetime | None, now: datetime) -> date | None:
    """The day of a stored moment in the user's time zone."""
    aware = from_db(moment)
    return None if aware is None else aware.astimezone(now.tzinfo).date()
