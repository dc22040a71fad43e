"""The agenda's candidates, each set found through an index so `kith today` stays cheap
however large the network grows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from kith.core.agenda import AgendaFacts, Brief, DormantTie, DueTie, Thanks, UpcomingDate
from kith.core.circles import Circle, CircleRule, missed_cadences
from kith.core.dates import parse_duration
from kith.core.followups import FollowUp
from kith.core.ledger import Direction, LedgerEntry, Status
from kith.store import tables as t
from kith.store.scope import ScopedQueries, as_date, from_db, to_db

PER_SOURCE = 25  # candidates per source: far more than a day's agenda shows
SCANNED = 200  # rows read per source before dropping archived and snoozed people
THANKS_WITHIN = timedelta(days=180)
DORMANT_AFTER = timedelta(days=365)
LONG_DORMANT_AFTER = timedelta(days=3 * 365)

p = t.people


class AgendaQueries(ScopedQueries):
    """Candidates for today's agenda, scoped to `self.scope`."""

    def agenda_facts(
        self, now: datetime, rules: dict[Circle, CircleRule], window_days: int
    ) -> AgendaFacts:
        today = now.date()
        facts = AgendaFacts(
            due=self._due(today, rules),
            followups=self._followups(today),
            dates=self._dates(today, window_days),
            dormant=self._dormant(now),
            thanks=self._thanks(today),
        )
        briefs = self._briefs(_people_in(facts))
        return _with_briefs(facts, briefs)

    def _active(self, today: date, by_id: bool = False) -> list[sa.ColumnElement[bool]]:
        """People who can be on the agenda: ours, not archived, not snoozed past today."""
        return [
            self.mine_by_id(p) if by_id else self.mine(p),
            p.c.archived == sa.false(),
            sa.or_(p.c.snoozed_until.is_(None), p.c.snoozed_until <= today),
        ]

    def _of_active(self, rows: Sequence[Any], today: date) -> list[Any]:
        """The rows (with a person_id) whose person can be on the agenda, PER_SOURCE at most.

        Child rows are found through their own index first and checked against people
        after: joining people in the query lets SQLite start from the people table."""
        ids = {row.person_id for row in rows}
        if not ids:
            return []
        query = sa.select(p.c.id).where(*self._active(today, by_id=True), p.c.id.in_(ids))
        active = {row.id for row in self.conn.execute(query)}
        return [row for row in rows if row.person_id in active][:PER_SOURCE]

    def _due(self, today: date, rules: dict[Circle, CircleRule]) -> list[DueTie]:
        found = []
        for circle, rule in rules.items():
            if rule.cadence is None:
                continue
            query = (
                sa.select(p.c.id, p.c.due_on, p.c.last_contact_at, p.c.cadence)
                .where(*self._active(today), p.c.circle == circle.value, p.c.due_on <= today)
                .order_by(p.c.due_on, p.c.id)
                .limit(PER_SOURCE)
            )
            for row in self.conn.execute(query):
                due = as_date(row.due_on)
                assert due is not None
                cadence = rule.cadence if row.cadence is None else parse_duration(row.cadence)
                missed = missed_cadences(due, cadence, today)
                found.append(
                    DueTie(Brief(row.id, ""), circle, due, from_db(row.last_contact_at), missed)
                )
        return found

    def _followups(self, today: date) -> list[tuple[Brief, FollowUp]]:
        f = t.followups
        query = (
            sa.select(f)
            .where(self.mine(f), f.c.done_at.is_(None), f.c.due_on <= today)
            .order_by(f.c.due_on, f.c.id)
            .limit(SCANNED)
        )
        return [
            (
                Brief(r.person_id, ""),
                FollowUp(r.person_id, r.what, as_date(r.due_on) or today, r.id),
            )
            for r in self._of_active(self.conn.execute(query).all(), today)
        ]

    def _dates(self, today: date, window_days: int) -> list[UpcomingDate]:
        days = [today + timedelta(days=n) for n in range(window_days + 1)]
        return self._yearly_dates(today, days) + self._anniversaries(today, days)

    def _yearly_dates(self, today: date, days: list[date]) -> list[UpcomingDate]:
        d = t.person_dates
        # Months and days as two IN lists let the (account, month, day) index seek; the few
        # extra rows (Nov 30 when the window holds only Dec 1) are dropped below.
        query = sa.select(d).where(
            self.mine(d),
            d.c.month.in_({x.month for x in days}),
            d.c.day.in_({x.day for x in days}),
        )
        wanted = {(x.month, x.day) for x in days}
        rows = [r for r in self.conn.execute(query.limit(SCANNED)) if (r.month, r.day) in wanted]
        found = []
        for row in self._of_active(rows, today):
            on = next(x for x in days if (x.month, x.day) == (row.month, row.day))
            years = on.year - row.year if row.year and row.year < on.year else None
            found.append(UpcomingDate(Brief(row.person_id, ""), row.label, on, years))
        return found

    def _anniversaries(self, today: date, days: list[date]) -> list[UpcomingDate]:
        o = t.person_orgs
        query = sa.select(o).where(
            self.mine(o),
            o.c.end_on.is_(None),
            o.c.anniversary.in_([x.month * 100 + x.day for x in days]),
        )
        found = []
        for row in self._of_active(self.conn.execute(query.limit(SCANNED)).all(), today):
            start = as_date(row.start_on)
            on = next(x for x in days if x.month * 100 + x.day == row.anniversary)
            if start is not None and start.year < on.year:
                label = f"work anniversary at {row.org}"
                found.append(
                    UpcomingDate(Brief(row.person_id, ""), label, on, on.year - start.year)
                )
        return found

    def _dormant(self, now: datetime) -> list[DormantTie]:
        """Quiet for 1–3 years and for 3+ years, most recently quiet first in each."""
        found = []
        for newest, oldest in ((now - DORMANT_AFTER, now - LONG_DORMANT_AFTER),
                               (now - LONG_DORMANT_AFTER, None)):  # fmt: skip
            query = sa.select(p.c.id, p.c.last_contact_at, p.c.interaction_count).where(
                *self._active(now.date()),
                p.c.interaction_count >= 2,
                p.c.last_contact_at < to_db(newest),
            )
            if oldest is not None:
                query = query.where(p.c.last_contact_at >= to_db(oldest))
            query = query.order_by(p.c.last_contact_at.desc(), p.c.id).limit(PER_SOURCE)
            for row in self.conn.execute(query):
                last = from_db(row.last_contact_at)
                assert last is not None
                found.append(DormantTie(Brief(row.id, ""), last, row.interaction_count))
        return self._dormant_context(found)

    def _dormant_context(self, ties: list[DormantTie]) -> list[DormantTie]:
        """Add the last thing said and any new position since, for a revival's "why"."""
        ids = [tie.person.id for tie in ties]
        said, jobs = self._last_summaries(ids), self._current_orgs(ids)
        return [
            DormantTie(
                tie.person, tie.last_contact, tie.interaction_count, said.get(tie.person.id, ""),
                _news(jobs.get(tie.person.id, []), tie.last_contact.date()),
            )
            for tie in ties
        ]  # fmt: skip

    def _last_summaries(self, ids: list[int]) -> dict[int, str]:
        """Each person's latest interaction summary (a window over just their rows)."""
        i, links = t.interactions, t.interaction_people
        latest = (
            sa.select(
                links.c.person_id,
                i.c.summary,
                sa.func.row_number()
                .over(
                    partition_by=links.c.person_id, order_by=(i.c.occurred_at.desc(), i.c.id.desc())
                )
                .label("n"),
            )
            .join(i, i.c.id == links.c.interaction_id)
            .where(self.mine(links), links.c.person_id.in_(ids))
            .subquery()
        )
        query = sa.select(latest.c.person_id, latest.c.summary).where(latest.c.n == 1)
        return {row.person_id: row.summary for row in self.conn.execute(query)}

    def _current_orgs(self, ids: list[int]) -> dict[int, list[tuple[str, str, date | None]]]:
        o = t.person_orgs
        query = sa.select(o.c.person_id, o.c.org, o.c.title, o.c.start_on).where(
            self.mine_by_id(o), o.c.person_id.in_(ids), o.c.end_on.is_(None)
        )
        found: dict[int, list[tuple[str, str, date | None]]] = {}
        for row in self.conn.execute(query.order_by(o.c.position)):
            found.setdefault(row.person_id, []).append((row.org, row.title, as_date(row.start_on)))
        return found

    def _thanks(self, today: date) -> list[Thanks]:
        le = t.ledger_entries
        query = (
            sa.select(le)
            .where(
                self.mine(le),
                le.c.direction == Direction.THEY_GAVE.value,
                le.c.status == Status.DONE.value,
                le.c.thanked_on.is_(None),
                le.c.occurred_on >= today - THANKS_WITHIN,
            )
            .order_by(le.c.occurred_on.desc(), le.c.id)
            .limit(SCANNED)
        )
        received = [
            _received(row) for row in self._of_active(self.conn.execute(query).all(), today)
        ]
        gave_back = self._gave_since({e.person_id for e in received}, today - THANKS_WITHIN)
        return [
            Thanks(Brief(e.person_id, ""), e)
            for e in received
            if not any(day >= e.occurred_on for day in gave_back.get(e.person_id, ()))
        ]

    def _gave_since(self, person_ids: set[int], since: date) -> dict[int, list[date]]:
        le = t.ledger_entries
        query = sa.select(le.c.person_id, le.c.occurred_on).where(
            self.mine_by_id(le),
            le.c.person_id.in_(person_ids),
            le.c.direction == Direction.I_GAVE.value,
            le.c.occurred_on >= since,
        )
        found: dict[int, list[date]] = {}
        for row in self.conn.execute(query):
            found.setdefault(row.person_id, []).append(as_date(row.occurred_on) or since)
        return found

    def _briefs(self, ids: set[int]) -> dict[int, Brief]:
        if not ids:
            return {}
        names = sa.select(p.c.id, p.c.display_name).where(self.mine_by_id(p), p.c.id.in_(ids))
        briefs = {row.id: Brief(row.id, row.display_name) for row in self.conn.execute(names)}
        f = t.person_facets
        facets = sa.select(f.c.person_id, f.c.kind, f.c.text).where(
            self.mine_by_id(f), f.c.person_id.in_(ids), f.c.kind.in_(("need", "interest"))
        )
        needs: dict[int, list[str]] = {}
        interests: dict[int, list[str]] = {}
        for row in self.conn.execute(facets.order_by(f.c.position, f.c.id)):
            (needs if row.kind == "need" else interests).setdefault(row.person_id, []).append(
                row.text
            )
        return {
            pid: Brief(pid, b.name, tuple(needs.get(pid, ())), tuple(interests.get(pid, ())))
            for pid, b in briefs.items()
        }

    def thank(self, person_id: int, on: date) -> int:
        """Mark everything a person gave that was not yet thanked as thanked; returns how many."""
        le = t.ledger_entries
        result = self.conn.execute(
            sa.update(le)
            .where(
                self.mine_by_id(le), le.c.person_id == person_id,
                le.c.direction == Direction.THEY_GAVE.value, le.c.thanked_on.is_(None),
            )
            .values(thanked_on=on)
        )  # fmt: skip
        return int(result.rowcount)

    def set_snooze(self, person_id: int, until: date | None) -> None:
        self.conn.execute(
            sa.update(p).where(self.mine_by_id(p), p.c.id == person_id).values(snoozed_until=until)
        )

    def record_skip(self, person_id: int, until: date) -> None:
        """Off the agenda until `until`, and one more skip counted."""
        self.conn.execute(
            sa.update(p)
            .where(self.mine_by_id(p), p.c.id == person_id)
            .values(snoozed_until=until, skips=p.c.skips + 1)
        )


def _received(row: Any) -> LedgerEntry:
    return LedgerEntry(
        row.person_id, Direction(row.direction), row.what, as_date(row.occurred_on) or date.min,
        status=Status(row.status), id=row.id,
    )  # fmt: skip


def _news(orgs: list[tuple[str, str, date | None]], since: date) -> str:
    """ "now Staff Engineer, Initech" for a position taken up after `since`, else ""."""
    for org, title, start in orgs:
        if start is not None and start > since:
            return f"now {title + ', ' if title else ''}{org}"
    return ""


def _people_in(facts: AgendaFacts) -> set[int]:
    ids = {d.person.id for d in facts.due} | {b.id for b, _ in facts.followups}
    ids |= {d.person.id for d in facts.dates} | {d.person.id for d in facts.dormant}
    return ids | {x.person.id for x in facts.thanks}


def _with_briefs(facts: AgendaFacts, briefs: dict[int, Brief]) -> AgendaFacts:
    """The facts with each placeholder Brief(id, "") replaced by the person's real brief."""

    def brief(b: Brief) -> Brief:
        return briefs.get(b.id, b)

    return AgendaFacts(
        due=[replace(d, person=brief(d.person)) for d in facts.due],
        followups=[(brief(b), replace(f, person=brief(b).name)) for b, f in facts.followups],
        dates=[replace(d, person=brief(d.person)) for d in facts.dates],
        dormant=[replace(d, person=brief(d.person)) for d in facts.dormant],
        thanks=[replace(x, person=brief(x.person)) for x in facts.thanks],
        my_offers=facts.my_offers,
    )
