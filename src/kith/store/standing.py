"""Reading, saving and rebuilding each person's standing (the derived columns of `people`)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from kith.core.circles import Circle, CircleRule, describe
from kith.core.dates import Duration, parse_duration
from kith.core.interactions import Initiator, Interaction, Kind
from kith.core.ledger import Direction, LedgerEntry, Status
from kith.core.standing import Standing, settle, touched
from kith.core.strength import StrengthInputs, interaction_inputs, ledger_inputs
from kith.store import tables as t
from kith.store.activity import refresh_link_moments
from kith.store.scope import ScopedQueries, as_date, from_db, to_db

_INPUT_COLUMNS = ("s_depth", "s_mine", "s_theirs", "s_gave", "s_received", "s_asks")
_INPUT_FIELDS = ("depth", "mine", "theirs", "gave", "received", "asks")
_STANDING_COLUMNS = (
    *_INPUT_COLUMNS,
    *("created_at", "circle", "circle_pinned", "cadence", "interaction_count"),
    *("first_contact_at", "last_contact_at", "due_on"),
)


@dataclass(frozen=True)
class Lagging:
    """Someone behind on their cadence, as `kith circles` lists them."""

    id: int
    name: str
    circle: Circle
    due: date | None
    skips: int
    cadence: Duration | None


class StandingQueries(ScopedQueries):
    """The derived state of ties, scoped to `self.scope`."""

    def standings(self, person_ids: Sequence[int]) -> dict[int, Standing]:
        """Some people's standing (only the columns it is kept in are read)."""
        p = t.people
        columns = [p.c[name] for name in ("id", *_STANDING_COLUMNS)]
        found: dict[int, Standing] = {}
        ids = list(person_ids)
        for start in range(0, len(ids), 900):  # under SQLite's limit of bound values
            query = sa.select(*columns).where(
                self.mine_by_id(p), p.c.id.in_(ids[start : start + 900])
            )
            found.update((row.id, standing_from_row(row)) for row in self.conn.execute(query))
        return found

    def save_standing(self, person_id: int, standing: Standing, **choices: Any) -> None:
        """Write a standing back, with any of the user's choices (snoozed_until, skips)."""
        self.conn.execute(
            sa.update(t.people)
            .where(self.mine_by_id(t.people), t.people.c.id == person_id)
            .values(**standing_row(standing), **choices)
        )

    def circle_counts(self, today: date) -> dict[Circle, tuple[int, int]]:
        """Per circle: how many people (not archived) are in it, and how many are overdue."""
        p = t.people
        overdue = sa.func.sum(sa.case((p.c.due_on < today, 1), else_=0))
        query = (
            sa.select(p.c.circle, sa.func.count(), overdue)
            .where(self.mine(p), p.c.archived == sa.false())
            .group_by(p.c.circle)
        )
        return {Circle(row[0]): (int(row[1]), int(row[2] or 0)) for row in self.conn.execute(query)}

    def lagging(self, today: date, rules: dict[Circle, CircleRule], limit: int) -> list[Lagging]:
        """People most behind on their circle's cadence, or who skipped it repeatedly."""
        p = t.people
        found: list[Lagging] = []
        for circle, rule in rules.items():
            if rule.cadence is None:
                continue
            behind = rule.cadence.before(today)  # due a whole cadence ago: missed twice
            query = (
                sa.select(p.c.id, p.c.display_name, p.c.due_on, p.c.skips, p.c.cadence)
                .where(self.mine(p), p.c.archived == sa.false(), p.c.circle == circle.value)
                .where(sa.or_(p.c.due_on <= behind, p.c.skips >= 2))
                .order_by(p.c.due_on, p.c.id)
                .limit(limit)
            )
            found.extend(
                Lagging(row.id, row.display_name, circle, as_date(row.due_on), row.skips,
                        own_cadence(row.cadence))
                for row in self.conn.execute(query)
            )  # fmt: skip
        return found

    def rebuild_standings(
        self, now: datetime, rules: dict[Circle, CircleRule], ids: Sequence[int] | None = None
    ) -> int:
        """Recompute every standing (or only `ids`', e.g. after a merge) from the facts;
        returns how many rows were stale (standings, and on a whole rebuild the links'
        copied times)."""
        people = sa.select(t.people).where(self._within(t.people, ids))
        if ids is not None:
            people = people.where(t.people.c.id.in_(list(ids)))
        kept = {row.id: standing_from_row(row) for row in self.conn.execute(people)}
        fresh = {pid: _choices_only(standing) for pid, standing in kept.items()}
        for person_id, item in self._all_touches(ids):
            fresh[person_id] = touched(
                fresh[person_id], item.occurred_at, interaction_inputs(item, now)
            )
        for entry in self._all_ledger(ids):
            given = fresh[entry.person_id]
            fresh[entry.person_id] = replace(given, inputs=given.inputs + ledger_inputs(entry, now))
        stale = []
        for person_id, standing in fresh.items():
            settled = settle(standing, now, rules)
            if not same_standing(kept[person_id], settled):
                stale.append({"pid": person_id, **standing_row(settled)})
        self._update_many(stale)
        if ids is None:  # derived moments on interaction links (the week's reconnections)
            return len(stale) + refresh_link_moments(self.conn)
        return len(stale)

    def _within(self, table: sa.Table, ids: Sequence[int] | None) -> Any:
        return self.mine(table) if ids is None else self.mine_by_id(table)

    def _update_many(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        values: dict[str, Any] = {key: sa.bindparam(key) for key in rows[0] if key != "pid"}
        statement = sa.update(t.people).where(t.people.c.id == sa.bindparam("pid")).values(values)
        self.conn.execute(statement, rows)

    def _all_touches(self, ids: Sequence[int] | None = None) -> Iterator[tuple[int, Interaction]]:
        links, items = t.interaction_people, t.interactions
        query = (
            sa.select(links.c.person_id, items.c.occurred_at, items.c.kind, items.c.initiated_by)
            .join(items, items.c.id == links.c.interaction_id)
            .where(self._within(links, ids))
        )
        if ids is not None:
            query = query.where(links.c.person_id.in_(list(ids)))
        for row in self.conn.execute(query.execution_options(yield_per=20_000)):
            moment = from_db(row.occurred_at)
            assert moment is not None
            initiated = Initiator(row.initiated_by) if row.initiated_by else None
            yield row.person_id, Interaction(moment, Kind(row.kind), [], initiated_by=initiated)

    def _all_ledger(self, ids: Sequence[int] | None = None) -> Iterator[LedgerEntry]:
        query = sa.select(t.ledger_entries).where(self._within(t.ledger_entries, ids))
        if ids is not None:
            query = query.where(t.ledger_entries.c.person_id.in_(list(ids)))
        for row in self.conn.execute(query):
            day = as_date(row.occurred_on)
            assert day is not None
            yield LedgerEntry(
                row.person_id, Direction(row.direction), row.what, day, status=Status(row.status)
            )


def _choices_only(standing: Standing) -> Standing:
    """A standing with the user's choices kept and everything derived cleared."""
    return Standing(standing.added, standing.circle, standing.circle_pinned, standing.cadence)


def own_cadence(text: str | None) -> Duration | None:
    """A stored own cadence ("6w") read back."""
    return parse_duration(text) if text else None


def standing_from_row(row: Any) -> Standing:
    """A Standing from a `people` row."""
    added = from_db(row.created_at)
    assert added is not None
    inputs = StrengthInputs(*(getattr(row, column) for column in _INPUT_COLUMNS))
    return Standing(
        added=added,
        circle=Circle(row.circle),
        circle_pinned=row.circle_pinned,
        cadence=own_cadence(row.cadence),
        interaction_count=row.interaction_count,
        first_contact=from_db(row.first_contact_at),
        last_contact=from_db(row.last_contact_at),
        inputs=inputs,
        due=as_date(row.due_on),
    )


def standing_row(standing: Standing) -> dict[str, Any]:
    """The `people` columns a Standing is kept in."""
    values = {
        col: getattr(standing.inputs, f)
        for col, f in zip(_INPUT_COLUMNS, _INPUT_FIELDS, strict=True)
    }
    return {
        **values,
        "strength_key": standing.inputs.key(),
        "circle": standing.circle.value,
        "circle_pinned": standing.circle_pinned,
        "cadence": describe(standing.cadence) if standing.cadence else None,
        "interaction_count": standing.interaction_count,
        "first_contact_at": to_db(standing.first_contact) if standing.first_contact else None,
        "last_contact_at": to_db(standing.last_contact) if standing.last_contact else None,
        "due_on": standing.due,
    }


def same_standing(a: Standing, b: Standing) -> bool:
    """Equal but for float rounding in the sums (they are added up in different orders)."""
    close = all(
        math.isclose(getattr(a.inputs, f), getattr(b.inputs, f), rel_tol=1e-9, abs_tol=1e-12)
        for f in _INPUT_FIELDS
    )
    return close and replace(a, inputs=b.inputs) == b
