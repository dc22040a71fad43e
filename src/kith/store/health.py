"""The facts `kith health` is built from, aggregated in SQL (portable to SQLite and PostgreSQL).

Three queries, none of which brings interactions into Python one by one: people with
their derived columns and the moment of their second contact, interactions counted per
local month, and ledger entries counted per person and direction.
"""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise
from typing import Any

import sqlalchemy as sa

from kith.core.circles import Circle
from kith.core.health import (
    HealthFacts,
    LedgerCounts,
    PersonFacts,
    activity_months,
    trend_start,
)
from kith.store import tables as t
from kith.store.scope import ScopedQueries, as_date, from_db, to_db


class HealthQueries(ScopedQueries):
    """The network health facts, scoped to `self.scope`."""

    def health_facts(self, now: datetime) -> HealthFacts:
        """People (not archived), interactions per month for the last three years, and
        ledger counts per person."""
        return HealthFacts(self._health_people(now), self._monthly(now), self._ledger_counts())

    def _health_people(self, now: datetime) -> list[PersonFacts]:
        p = t.people
        query = sa.select(
            p.c.id,
            p.c.display_name,
            p.c.circle,
            p.c.created_at,
            p.c.interaction_count,
            p.c.first_contact_at,
            _second_contact(to_db(trend_start(now))),
            p.c.last_contact_at,
            p.c.strength_key,
            p.c.due_on,
            p.c.snoozed_until,
            p.c.met_on,
        ).where(self.mine(p), p.c.archived == sa.false())
        # Rows are unpacked by position: at 100k people, attribute look-ups add up.
        return [_person_facts(*row) for row in self.conn.execute(query)]

    def _monthly(self, now: datetime) -> dict[str, int]:
        """Interactions per local month: one count per month over the (account, occurred_at)
        index, all in one statement. Exact in the user's time zone, and far cheaper than
        labelling every interaction with its month."""
        items = t.interactions
        counts = [
            sa.select(sa.func.count())
            .select_from(items)
            .where(self.mine(items), items.c.occurred_at >= to_db(start))
            .where(items.c.occurred_at < to_db(end))
            .scalar_subquery()
            for (_, start), (_, end) in pairwise(activity_months(now))
        ]
        row = self.conn.execute(sa.select(*counts)).one()
        labels = [label for label, _ in activity_months(now)[:-1]]
        return {label: int(count) for label, count in zip(labels, row, strict=True) if count}

    def _ledger_counts(self) -> dict[int, LedgerCounts]:
        ledger, p = t.ledger_entries, t.people
        query = (
            sa.select(ledger.c.person_id, ledger.c.direction, sa.func.count())
            .join(p, p.c.id == ledger.c.person_id)
            .where(self.mine(ledger), p.c.archived == sa.false())
            .group_by(ledger.c.person_id, ledger.c.direction)
        )
        counts: dict[int, dict[str, int]] = {}
        for person_id, direction, count in self.conn.execute(query):
            counts.setdefault(person_id, {})[direction] = int(count)
        return {pid: LedgerCounts(**by_direction) for pid, by_direction in counts.items()}


def _second_contact(since: datetime) -> sa.ColumnElement[Any]:
    """The moment of a person's second interaction, or `since` if it came before then.

    The exact moment takes a look at every one of a person's interactions; whether one
    came between the first and `since` stops at the first found (EXISTS), and the report
    needs no more (see PersonFacts.second_contact_at). Both are correlated subqueries
    through the person's own links (the interaction_people person index), asked only
    when the derived columns (count, first and last contact) leave the answer open. Two
    interactions at the very same moment make the first one the second.
    """
    p, links, items = t.people, t.interaction_people, t.interactions
    after_first = (
        sa.select(sa.func.min(items.c.occurred_at))
        .select_from(links.join(items, items.c.id == links.c.interaction_id))
        .where(links.c.person_id == p.c.id, items.c.occurred_at > p.c.first_contact_at)
    )
    before_since = sa.exists(
        after_first.with_only_columns(sa.literal(1)).where(items.c.occurred_at <= since)
    )
    clipped = sa.literal(since, sa.DateTime)
    return sa.case(
        (p.c.interaction_count < 2, sa.null()),
        # Everything before `since` (the quiet ties, often): no subquery at all.
        (p.c.last_contact_at <= since, clipped),
        (sa.and_(p.c.first_contact_at <= since, before_since), clipped),
        else_=sa.func.coalesce(after_first.scalar_subquery(), p.c.first_contact_at),
    )


def _person_facts(
    pid: int,
    name: str,
    circle: str,
    created_at: datetime,
    interaction_count: int,
    first_contact_at: datetime | None,
    second_contact_at: datetime | None,
    last_contact_at: datetime | None,
    strength_key: float,
    due_on: Any,
    snoozed_until: Any,
    met_on: Any = None,
) -> PersonFacts:
    added = from_db(created_at)
    assert added is not None
    return PersonFacts(
        id=pid,
        display_name=name,
        circle=Circle(circle),
        added_at=added,
        interaction_count=interaction_count,
        first_contact_at=from_db(first_contact_at),
        second_contact_at=from_db(second_contact_at),
        last_contact_at=from_db(last_contact_at),
        strength_key=strength_key,
        due_on=as_date(due_on),
        snoozed_until=as_date(snoozed_until),
        met_on=as_date(met_on),
    )
