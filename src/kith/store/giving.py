"""Giving: introductions, the ledger read overall, the matching pool and recent shares."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from kith.core.circles import Circle
from kith.core.intros import Introduction, Party, Stage
from kith.core.ledger import Direction, GiveKind, LedgerEntry, Status
from kith.store import tables as t
from kith.store.activity import ledger_from_row
from kith.store.scope import ScopedQueries, as_date, chunks, to_db

le = t.ledger_entries
p = t.people
intro = t.introductions


class GivingQueries(ScopedQueries):
    """Introductions and the ledger's overall views, scoped to `self.scope`."""

    # --- introductions -----------------------------------------------------

    def insert_intro(self, item: Introduction, now: datetime) -> int:
        values = {
            "account_id": self.scope.account_id, "a_id": item.a.id, "b_id": item.b.id,
            "why": item.why, "stage": item.stage.value, "opened_on": item.opened_on,
            "updated_at": to_db(now), "created_at": to_db(now),
        }  # fmt: skip
        result = self.conn.execute(sa.insert(intro).values(values))
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def update_intro(self, item: Introduction, now: datetime) -> None:
        assert item.id is not None
        self.conn.execute(
            sa.update(intro)
            .where(self.mine_by_id(intro), intro.c.id == item.id)
            .values(stage=item.stage.value, declined_by=item.declined_by,
                    outcome=item.outcome, updated_at=to_db(now))
        )  # fmt: skip

    def get_intro(self, intro_id: int) -> Introduction | None:
        query = sa.select(intro).where(self.mine_by_id(intro), intro.c.id == intro_id)
        return next(iter(self._intros(self.conn.execute(query).all())), None)

    def intros(self, open_only: bool = True, person_id: int | None = None) -> list[Introduction]:
        """Introductions, oldest first; open ones only unless `open_only` is false."""
        query = sa.select(intro).order_by(intro.c.opened_on, intro.c.id)
        if person_id is not None:
            query = query.where(
                self.mine_by_id(intro), sa.or_(intro.c.a_id == person_id, intro.c.b_id == person_id)
            )
        else:
            query = query.where(self.mine(intro))
        if open_only:
            query = query.where(intro.c.stage.notin_([Stage.OUTCOME.value, Stage.DECLINED.value]))
        return self._intros(self.conn.execute(query).all())

    def intros_waiting_on_me(self, ids: Sequence[int]) -> list[Introduction]:
        """Open introductions of any of `ids` that wait on the user's next move."""
        if not ids:
            return []
        mine = [Stage.A_AGREED.value, Stage.B_AGREED.value]
        query = sa.select(intro).where(
            self.mine_by_id(intro),
            sa.or_(intro.c.a_id.in_(ids), intro.c.b_id.in_(ids)),
            intro.c.stage.in_(mine),
        )
        return self._intros(self.conn.execute(query.order_by(intro.c.id)).all())

    def intro_between(self, a_id: int, b_id: int) -> Introduction | None:
        """An open introduction of these two, either way round."""
        pair = sa.or_(
            sa.and_(intro.c.a_id == a_id, intro.c.b_id == b_id),
            sa.and_(intro.c.a_id == b_id, intro.c.b_id == a_id),
        )
        query = sa.select(intro).where(
            self.mine_by_id(intro),
            pair,
            intro.c.stage.notin_([Stage.OUTCOME.value, Stage.DECLINED.value]),
        )
        return next(iter(self._intros(self.conn.execute(query).all())), None)

    def introduced_pairs(self, ids: Sequence[int]) -> set[frozenset[int]]:
        """Pairs among `ids` that already have an introduction (any stage)."""
        if not ids:
            return set()
        query = sa.select(intro.c.a_id, intro.c.b_id).where(
            self.mine_by_id(intro), intro.c.a_id.in_(ids)
        )
        return {frozenset((row.a_id, row.b_id)) for row in self.conn.execute(query)}

    def _intros(self, rows: Sequence[Any]) -> list[Introduction]:
        parties = self.parties({r.a_id for r in rows} | {r.b_id for r in rows})
        return [
            Introduction(
                parties[row.a_id],
                parties[row.b_id],
                row.why,
                Stage(row.stage),
                as_date(row.opened_on) or date.min,
                row.id,
                row.declined_by,
                row.outcome,
            )
            for row in rows
        ]

    def parties(self, ids: Iterable[int]) -> dict[int, Party]:
        """People as introductions see them: name, current position, needs and offers."""
        wanted = list(set(ids))
        if not wanted:
            return {}
        query = sa.select(p.c.id, p.c.display_name).where(self.mine_by_id(p), p.c.id.in_(wanted))
        names = {row.id: row.display_name for row in self.conn.execute(query)}
        o = t.person_orgs
        orgs = sa.select(o.c.person_id, o.c.org, o.c.title).where(
            self.mine_by_id(o), o.c.person_id.in_(wanted), o.c.end_on.is_(None)
        )
        headline: dict[int, str] = {}
        for row in self.conn.execute(orgs.order_by(o.c.position, o.c.id)):
            label = f"{row.title}, {row.org}" if row.title else row.org
            headline.setdefault(row.person_id, label)
        facets = self.facets(wanted, ("need", "offer"))
        return {
            pid: Party(pid, name, headline.get(pid, ""),
                       tuple(facets.get(pid, {}).get("need", ())),
                       tuple(facets.get(pid, {}).get("offer", ())))
            for pid, name in names.items()
        }  # fmt: skip

    # --- facets and the matching pool --------------------------------------

    def facets(self, ids: Sequence[int], kinds: Sequence[str]) -> dict[int, dict[str, list[str]]]:
        """Each person's needs, offers or interests (as asked), in their order."""
        f = t.person_facets
        found: dict[int, dict[str, list[str]]] = {}
        for chunk in chunks(ids):
            query = sa.select(f.c.person_id, f.c.kind, f.c.text).where(
                self.mine_by_id(f), f.c.person_id.in_(chunk), f.c.kind.in_(kinds)
            )
            for row in self.conn.execute(query.order_by(f.c.position, f.c.id)):
                found.setdefault(row.person_id, {}).setdefault(row.kind, []).append(row.text)
        return found

    def pool(self, limit: int) -> list[tuple[int, str, float]]:
        """The matching pool: at most `limit` people, strongest ties first (id, name, key),
        leaving out archived people and the dormant circle."""
        query = (
            sa.select(p.c.id, p.c.display_name, p.c.strength_key)
            .where(
                self.mine(p),
                p.c.archived == sa.false(),
                p.c.circle != Circle.DORMANT.value,
                p.c.strength_key > 0,
            )
            .order_by(p.c.strength_key.desc(), p.c.id)
            .limit(limit)
        )
        return [(row.id, row.display_name, row.strength_key) for row in self.conn.execute(query)]

    def shared_since(self, ids: Sequence[int], since: date) -> dict[int, date]:
        """When each of `ids` was last sent an article on or after `since`."""
        query = sa.select(le.c.person_id, sa.func.max(le.c.occurred_on).label("on")).where(
            self.mine_by_id(le),
            le.c.person_id.in_(ids),
            le.c.direction == Direction.I_GAVE.value,
            le.c.kind == GiveKind.ARTICLE.value,
            le.c.occurred_on >= since,
        )
        rows = self.conn.execute(query.group_by(le.c.person_id))
        return {row.person_id: as_date(row.on) or since for row in rows}

    # --- the ledger, overall -----------------------------------------------

    def ledger_totals(self) -> dict[Direction, int]:
        query = (
            sa.select(le.c.direction, sa.func.count())
            .where(self.mine(le), le.c.status != Status.DECLINED.value)
            .group_by(le.c.direction)
        )
        counts = dict.fromkeys(Direction, 0)
        counts.update({Direction(row[0]): int(row[1]) for row in self.conn.execute(query)})
        return counts

    def only_asked(self, limit: int) -> tuple[list[tuple[int, str, int, date]], int]:
        """People I asked of and never gave to: (id, name, asks, last ask), most asks first,
        and how many there are in all."""
        gave = sa.select(le.c.person_id).where(
            self.mine(le), le.c.direction == Direction.I_GAVE.value
        )
        asked = (
            sa.select(
                le.c.person_id,
                sa.func.count().label("asks"),
                sa.func.max(le.c.occurred_on).label("last"),
            )
            .where(
                self.mine(le),
                le.c.direction == Direction.I_ASKED.value,
                le.c.person_id.notin_(gave),
            )
            .group_by(le.c.person_id)
        ).subquery()
        total = self.conn.execute(sa.select(sa.func.count()).select_from(asked)).scalar_one()
        query = (
            sa.select(asked, p.c.display_name)
            .join(p, p.c.id == asked.c.person_id)
            .order_by(asked.c.asks.desc(), asked.c.last.desc(), p.c.id)
            .limit(limit)
        )
        rows = [
            (r.person_id, r.display_name, int(r.asks), as_date(r.last) or date.min)
            for r in self.conn.execute(query)
        ]
        return rows, int(total)

    def unthanked(self, limit: int) -> tuple[list[LedgerEntry], int]:
        """Help received, never thanked and not given back since, newest first; and the total."""
        later = le.alias("later")
        given_back = sa.exists().where(
            later.c.person_id == le.c.person_id,
            later.c.direction == Direction.I_GAVE.value,
            later.c.occurred_on >= le.c.occurred_on,
        )
        where = (
            self.mine(le),
            le.c.direction == Direction.THEY_GAVE.value,
            le.c.status == Status.DONE.value,
            le.c.thanked_on.is_(None),
            ~given_back,
        )
        total = self.conn.execute(sa.select(sa.func.count()).where(*where)).scalar_one()
        query = (
            sa.select(le, p.c.display_name)
            .join(p, p.c.id == le.c.person_id)
            .where(*where)
            .order_by(le.c.occurred_on.desc(), le.c.id.desc())
            .limit(limit)
        )
        return [entry_from_row(row) for row in self.conn.execute(query)], int(total)

    def open_before(self, before: date, limit: int) -> tuple[list[LedgerEntry], int]:
        """Open gives and asks recorded before `before`, oldest first; and the total."""
        where = (self.mine(le), le.c.status == Status.OPEN.value, le.c.occurred_on < before)
        total = self.conn.execute(sa.select(sa.func.count()).where(*where)).scalar_one()
        query = (
            sa.select(le, p.c.display_name)
            .join(p, p.c.id == le.c.person_id)
            .where(*where)
            .order_by(le.c.occurred_on, le.c.id)
            .limit(limit)
        )
        return [entry_from_row(row) for row in self.conn.execute(query)], int(total)

    def my_give_days(self, since: date) -> list[date]:
        """The day of each give of mine on or after `since` (declined ones left out)."""
        query = sa.select(le.c.occurred_on).where(
            self.mine(le),
            le.c.direction == Direction.I_GAVE.value,
            le.c.status != Status.DECLINED.value,
            le.c.occurred_on >= since,
        )
        return [as_date(row.occurred_on) or since for row in self.conn.execute(query)]


def entry_from_row(row: Any) -> LedgerEntry:
    """A ledger entry from a row that also carries the person's display_name."""
    return replace(ledger_from_row(row), person=row.display_name)
