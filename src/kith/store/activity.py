"""Interactions, ledger entries and follow-ups for one account."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from kith.core.followups import FollowUp
from kith.core.interactions import Initiator, Interaction, Kind
from kith.core.ledger import Direction, GiveKind, LedgerEntry, Status
from kith.store import tables as t
from kith.store.scope import ScopedQueries, as_date, chunks, from_db, new_id, to_db


def refresh_link_moments(conn: sa.Connection, interaction_ids: list[int] | None = None) -> int:
    """Copy each interaction's moment onto its links (all, or those of `interaction_ids`)
    where it is missing or differs; returns how many links were stale."""
    links, items = t.interaction_people, t.interactions
    moment = (
        sa.select(items.c.occurred_at).where(items.c.id == links.c.interaction_id).scalar_subquery()
    )
    stale = sa.or_(links.c.occurred_at.is_(None), links.c.occurred_at != moment)
    query = sa.update(links).where(stale).values(occurred_at=moment)
    if interaction_ids is None:
        return int(conn.execute(query).rowcount)
    return sum(
        int(conn.execute(query.where(links.c.interaction_id.in_(chunk))).rowcount)
        for chunk in chunks(interaction_ids)
    )


class ActivityQueries(ScopedQueries):
    """What happened between the user and people, scoped to `self.scope`."""

    # --- interactions ------------------------------------------------------

    def insert_interaction(self, interaction: Interaction, now: datetime) -> int:
        """Save an interaction and link its people; returns the new id."""
        values = interaction_row(interaction, self.scope.account_id, now)
        result = self.conn.execute(sa.insert(t.interactions).values(values))
        interaction_id = new_id(result)
        links = [
            {
                "interaction_id": interaction_id,
                "person_id": pid,
                "account_id": self.scope.account_id,
                "occurred_at": values["occurred_at"],
            }
            for pid in dict.fromkeys(interaction.person_ids)
        ]
        self.conn.execute(sa.insert(t.interaction_people), links)
        return interaction_id

    def timeline(self, person_id: int, limit: int | None) -> tuple[list[Interaction], int]:
        """A person's interactions, newest first, and how many there are in all."""
        # Filter through interaction_people: its (person_id) index is the short way in,
        # where the account filter on interactions would walk every interaction.
        links = t.interaction_people
        theirs = (self.mine(links), links.c.person_id == person_id)
        total = self.conn.execute(
            sa.select(sa.func.count()).select_from(links).where(*theirs)
        ).scalar_one()
        query = (
            sa.select(t.interactions)
            .where(t.interactions.c.id.in_(sa.select(links.c.interaction_id).where(*theirs)))
            .order_by(t.interactions.c.occurred_at.desc(), t.interactions.c.id.desc())
            .limit(limit)
        )
        found = [_interaction_from_row(row) for row in self.conn.execute(query)]
        self._fill_participants(found)
        return found, int(total)

    def same_touch(self, item: Interaction, start: datetime, end: datetime) -> int | None:
        """An interaction of `item`'s kind between `start` and `end` with exactly its people."""
        i, links = t.interactions, t.interaction_people
        query = (
            sa.select(i.c.id)
            .join(links, links.c.interaction_id == i.c.id)
            .where(
                self.mine(links),
                links.c.person_id == item.person_ids[0],
                i.c.kind == item.kind.value,
                i.c.occurred_at >= to_db(start),
                i.c.occurred_at < to_db(end),
            )
            .order_by(i.c.id)
        )
        for (found,) in self.conn.execute(query):
            people = sa.select(links.c.person_id).where(links.c.interaction_id == found)
            if {row[0] for row in self.conn.execute(people)} == set(item.person_ids):
                return int(found)
        return None

    def took_part(self, person_id: int, interaction_id: int) -> bool:
        """Whether the person was in that interaction (of this account)."""
        query = sa.select(t.interaction_people.c.person_id).where(
            self.mine(t.interaction_people),
            t.interaction_people.c.person_id == person_id,
            t.interaction_people.c.interaction_id == interaction_id,
        )
        return self.conn.execute(query).first() is not None

    def interactions_matching(self, text: str, limit: int) -> list[Interaction]:
        """Interactions whose summary or notes contain `text`, newest first."""
        query = (
            sa.select(t.interactions)
            .where(
                self.mine(t.interactions),
                sa.or_(
                    t.interactions.c.summary.icontains(text, autoescape=True),
                    t.interactions.c.notes.icontains(text, autoescape=True),
                ),
            )
            .order_by(t.interactions.c.occurred_at.desc())
            .limit(limit)
        )
        found = [_interaction_from_row(row) for row in self.conn.execute(query)]
        self._fill_participants(found)
        return found

    def _fill_participants(self, found: list[Interaction]) -> None:
        if not found:
            return
        by_id = {i.id: i for i in found}
        query = (
            sa.select(t.interaction_people.c.interaction_id, t.people.c.id, t.people.c.display_name)
            .join(t.people, t.people.c.id == t.interaction_people.c.person_id)
            .where(t.interaction_people.c.interaction_id.in_(list(by_id)))
            .order_by(t.people.c.name_key)
        )
        for row in self.conn.execute(query):
            interaction = by_id[row.interaction_id]
            interaction.person_ids.append(row.id)
            interaction.people.append(row.display_name)

    # --- ledger ------------------------------------------------------------

    def insert_ledger_entry(self, entry: LedgerEntry, now: datetime) -> int:
        values = {
            "account_id": self.scope.account_id,
            "person_id": entry.person_id,
            "direction": entry.direction.value,
            "kind": entry.kind.value,
            "what": entry.what,
            "status": entry.status.value,
            "occurred_on": entry.occurred_on,
            "interaction_id": entry.interaction_id,
            "created_at": to_db(now),
        }
        result = self.conn.execute(sa.insert(t.ledger_entries).values(values))
        return new_id(result)

    def ledger_for(self, person_id: int) -> list[LedgerEntry]:
        query = (
            sa.select(t.ledger_entries)
            .where(self.mine_by_id(t.ledger_entries), t.ledger_entries.c.person_id == person_id)
            .order_by(t.ledger_entries.c.occurred_on.desc(), t.ledger_entries.c.id.desc())
        )
        return [ledger_from_row(row) for row in self.conn.execute(query)]

    # --- follow-ups --------------------------------------------------------

    def insert_followup(self, followup: FollowUp, now: datetime) -> int:
        values = {
            "account_id": self.scope.account_id,
            "person_id": followup.person_id,
            "what": followup.what,
            "due_on": followup.due,
            "done_at": to_db(followup.done_at) if followup.done_at else None,
            "created_at": to_db(now),
        }
        result = self.conn.execute(sa.insert(t.followups).values(values))
        return new_id(result)

    def followups_for(self, person_id: int, open_only: bool = False) -> list[FollowUp]:
        query = sa.select(t.followups).where(
            self.mine_by_id(t.followups), t.followups.c.person_id == person_id
        )
        if open_only:
            query = query.where(t.followups.c.done_at.is_(None))
        query = query.order_by(t.followups.c.due_on, t.followups.c.id)
        return [_followup_from_row(row) for row in self.conn.execute(query)]

    def get_followup(self, followup_id: int) -> FollowUp | None:
        query = sa.select(t.followups).where(
            self.mine(t.followups), t.followups.c.id == followup_id
        )
        row = self.conn.execute(query).first()
        return _followup_from_row(row) if row else None

    def complete_followup(self, followup_id: int, when: datetime) -> None:
        self.conn.execute(
            sa.update(t.followups)
            .where(self.mine(t.followups), t.followups.c.id == followup_id)
            .values(done_at=to_db(when))
        )

    def totals(self) -> dict[str, int]:
        """How many people, interactions, ledger entries and follow-ups the account holds."""
        tables = {
            "people": t.people,
            "interactions": t.interactions,
            "ledger_entries": t.ledger_entries,
            "followups": t.followups,
        }
        return {
            name: int(
                self.conn.execute(
                    sa.select(sa.func.count()).select_from(table).where(self.mine(table))
                ).scalar_one()
            )
            for name, table in tables.items()
        }


def interaction_row(item: Interaction, account_id: int, now: datetime) -> dict[str, Any]:
    """The interactions-table row for `item` (without an id)."""
    return {
        "account_id": account_id,
        "occurred_at": to_db(item.occurred_at),
        "kind": item.kind.value,
        "initiated_by": item.initiated_by.value if item.initiated_by else None,
        "summary": item.summary,
        "notes": item.notes,
        "source": item.source,
        "source_id": item.source_id,
        "created_at": to_db(now),
    }


def _interaction_from_row(row: Any) -> Interaction:
    occurred = from_db(row.occurred_at)
    assert occurred is not None
    return Interaction(
        id=row.id,
        occurred_at=occurred,
        kind=Kind(row.kind),
        person_ids=[],
        initiated_by=Initiator(row.initiated_by) if row.initiated_by else None,
        summary=row.summary,
        notes=row.notes,
        source=row.source,
        source_id=row.source_id,
    )


def ledger_from_row(row: Any) -> LedgerEntry:
    """A ledger entry from its row."""
    return LedgerEntry(
        id=row.id,
        person_id=row.person_id,
        direction=Direction(row.direction),
        kind=GiveKind(row.kind),
        what=row.what,
        status=Status(row.status),
        occurred_on=as_date(row.occurred_on) or row.occurred_on,
        interaction_id=row.interaction_id,
    )


def _followup_from_row(row: Any) -> FollowUp:
    return FollowUp(
        id=row.id,
        person_id=row.person_id,
        what=row.what,
        due=as_date(row.due_on) or row.due_on,
        done_at=from_db(row.done_at),
    )
