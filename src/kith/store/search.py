"""Searches, targets, opportunities, informational interviews and the weekly counts."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from kith.core.ledger import Direction
from kith.core.meetings import Meeting, Step
from kith.core.naming import name_key
from kith.core.opportunities import Helper, Opportunity, Stage, StageChange
from kith.core.search import Search
from kith.core.targets import Target
from kith.core.week import CONVERSATION_KINDS, DORMANT_AFTER, WeekCounts, week_start
from kith.store import tables as t
from kith.store.scope import ScopedQueries, as_date, from_db, new_id, to_db

s, tg, o, m = t.searches, t.targets, t.opportunities, t.meetings


class SearchQueries(ScopedQueries):
    """The job search's own records, scoped to `self.scope`."""

    # --- searches ------------------------------------------------------------

    def latest_search(self) -> Search | None:
        query = (
            sa.select(s).where(self.mine(s)).order_by(s.c.started_on.desc(), s.c.id.desc()).limit(1)
        )
        row = self.conn.execute(query).first()
        if row is None:
            return None
        return Search(as_date(row.started_on), row.goal, as_date(row.stopped_on), row.id)  # type: ignore[arg-type]

    def save_search(self, search: Search) -> int:
        values = {"goal": search.goal, "started_on": search.started_on,
                  "stopped_on": search.stopped_on}  # fmt: skip
        if search.id is None:
            values["account_id"] = self.scope.account_id
            return new_id(self.conn.execute(sa.insert(s).values(values)))
        self.conn.execute(
            sa.update(s).where(self.mine_by_id(s), s.c.id == search.id).values(values)
        )
        return search.id

    # --- targets -------------------------------------------------------------

    def targets(self) -> list[Target]:
        rows = self.conn.execute(sa.select(tg).where(self.mine(tg)).order_by(tg.c.id))
        return [
            Target(r.company, r.role, r.priority, r.notes, r.id, from_db(r.created_at))
            for r in rows
        ]

    def target_with_key(self, company: str) -> Target | None:
        return next((x for x in self.targets() if name_key(x.company) == name_key(company)), None)

    def insert_target(self, target: Target, now: datetime) -> int:
        values = {
            "account_id": self.scope.account_id,
            "company": target.company,
            "company_key": name_key(target.company),
            "role": target.role,
            "priority": target.priority,
            "notes": target.notes,
            "created_at": to_db(now),
        }
        return new_id(self.conn.execute(sa.insert(tg).values(values)))

    def update_target(self, target: Target) -> None:
        values = {"role": target.role, "priority": target.priority, "notes": target.notes}
        self.conn.execute(
            sa.update(tg).where(self.mine_by_id(tg), tg.c.id == target.id).values(values)
        )

    def delete_target(self, target_id: int) -> None:
        self.conn.execute(sa.delete(tg).where(self.mine_by_id(tg), tg.c.id == target_id))

    # --- opportunities -------------------------------------------------------

    def insert_opportunity(self, opp: Opportunity, now: datetime) -> int:
        values = {"account_id": self.scope.account_id, "title": opp.title,
                  "company": opp.company, "stage": opp.stage.value, "stage_on": opp.stage_on,
                  "notes": opp.notes, "created_at": to_db(now)}  # fmt: skip
        opp_id = new_id(self.conn.execute(sa.insert(o).values(values)))
        if opp.people:
            self.conn.execute(
                sa.insert(t.opportunity_people),
                [{"opportunity_id": opp_id, "person_id": h.id,
                  "account_id": self.scope.account_id} for h in opp.people],
            )  # fmt: skip
        for change in opp.history:
            self.insert_stage_change(opp_id, change)
        return opp_id

    def insert_stage_change(self, opp_id: int, change: StageChange) -> None:
        self.conn.execute(
            sa.insert(t.opportunity_stages).values(
                account_id=self.scope.account_id, opportunity_id=opp_id,
                stage=change.stage.value, moved_on=change.on,
            )
        )  # fmt: skip
        self.conn.execute(
            sa.update(o).where(self.mine_by_id(o), o.c.id == opp_id)
            .values(stage=change.stage.value, stage_on=change.on)
        )  # fmt: skip

    def opportunities(self, opp_id: int | None = None) -> list[Opportunity]:
        """Every opportunity (or the one with `opp_id`), with its people and history."""
        where = [self.mine_by_id(o), o.c.id == opp_id] if opp_id else [self.mine(o)]
        found = {
            r.id: Opportunity(
                r.title, r.company, Stage(r.stage), as_date(r.stage_on), r.notes, r.id
            )
            for r in self.conn.execute(sa.select(o).where(*where).order_by(o.c.id))
        }
        if not found:
            return []
        op, h = t.opportunity_people, t.opportunity_stages
        helpers = (
            sa.select(op.c.opportunity_id, t.people.c.id, t.people.c.display_name)
            .join(t.people, t.people.c.id == op.c.person_id)
            .where(self.mine_by_id(op), op.c.opportunity_id.in_(found))
            .order_by(t.people.c.display_name)
        )
        for row in self.conn.execute(helpers):
            found[row.opportunity_id].people.append(Helper(row.id, row.display_name))
        history = sa.select(h).where(self.mine_by_id(h), h.c.opportunity_id.in_(found))
        for row in self.conn.execute(history.order_by(h.c.moved_on, h.c.id)):
            found[row.opportunity_id].history.append(
                StageChange(Stage(row.stage), as_date(row.moved_on))  # type: ignore[arg-type]
            )
        return list(found.values())

    # --- informational interviews ---------------------------------------------

    def insert_meeting(self, meeting: Meeting, now: datetime) -> int:
        values = {"account_id": self.scope.account_id, "person_id": meeting.person_id,
                  "about": meeting.about, "planned_on": meeting.planned_on,
                  "held_on": meeting.held_on, "questions": meeting.questions,
                  "created_at": to_db(now)}  # fmt: skip
        return new_id(self.conn.execute(sa.insert(m).values(values)))

    def update_meeting(self, meeting: Meeting, interaction_id: int | None = None) -> None:
        values: dict[str, Any] = {"planned_on": meeting.planned_on, "held_on": meeting.held_on,
                                  "replied_on": meeting.replied_on,
                                  "reported_on": meeting.reported_on,
                                  "questions": meeting.questions}  # fmt: skip
        if interaction_id is not None:
            values["interaction_id"] = interaction_id
        self.conn.execute(
            sa.update(m).where(self.mine_by_id(m), m.c.id == meeting.id).values(values)
        )

    def meetings(self, person_id: int | None = None) -> list[Meeting]:
        """Meetings (a person's, or all), newest first, with their open follow-through."""
        where = [self.mine_by_id(m), m.c.person_id == person_id] if person_id else [self.mine(m)]
        query = (
            sa.select(m, t.people.c.display_name)
            .join(t.people, t.people.c.id == m.c.person_id)
            .where(*where)
            .order_by(sa.func.coalesce(m.c.held_on, m.c.planned_on).desc(), m.c.id.desc())
        )
        found = {
            r.id: Meeting(r.person_id, r.about, r.display_name, as_date(r.planned_on),
                          as_date(r.held_on), as_date(r.replied_on), as_date(r.reported_on),
                          r.questions, r.id)
            for r in self.conn.execute(query)
        }  # fmt: skip
        if found:
            for meeting_id, step, what, due in self._open_steps(list(found)):
                found[meeting_id].next_steps.append((step, what, due))
        return list(found.values())

    def _open_steps(self, meeting_ids: list[int]) -> list[tuple[int, Step, str, date]]:
        mf, f = t.meeting_followups, t.followups
        query = (
            sa.select(mf.c.meeting_id, mf.c.step, f.c.what, f.c.due_on)
            .join(f, f.c.id == mf.c.followup_id)
            .where(self.mine_by_id(mf), mf.c.meeting_id.in_(meeting_ids), f.c.done_at.is_(None))
            .order_by(f.c.due_on, f.c.id)
        )
        found = []
        for row in self.conn.execute(query):
            due = as_date(row.due_on)
            assert due is not None
            found.append((int(row.meeting_id), Step(row.step), str(row.what), due))
        return found

    def link_step(self, meeting_id: int, followup_id: int, step: Step) -> None:
        self.conn.execute(
            sa.insert(t.meeting_followups).values(
                followup_id=followup_id, meeting_id=meeting_id, step=step.value,
                account_id=self.scope.account_id,
            )
        )  # fmt: skip

    def close_steps(self, meeting_id: int, steps: tuple[Step, ...], when: datetime) -> int:
        """Mark the meeting's open follow-ups of these steps done; returns how many."""
        mf, f = t.meeting_followups, t.followups
        ids = sa.select(mf.c.followup_id).where(
            self.mine_by_id(mf), mf.c.meeting_id == meeting_id,
            mf.c.step.in_([x.value for x in steps]),
        )  # fmt: skip
        result = self.conn.execute(
            sa.update(f).where(self.mine_by_id(f), f.c.id.in_(ids), f.c.done_at.is_(None))
            .values(done_at=to_db(when))
        )  # fmt: skip
        return int(result.rowcount)

    def upcoming_meetings(self, today: date, days: int) -> list[Meeting]:
        """Planned, not yet held meetings from today to `days` ahead."""
        query = (
            sa.select(m, t.people.c.display_name)
            .join(t.people, t.people.c.id == m.c.person_id)
            .where(self.mine(m), m.c.planned_on >= today,
                   m.c.planned_on <= today + timedelta(days=days), m.c.held_on.is_(None))
        )  # fmt: skip
        return [
            Meeting(r.person_id, r.about, r.display_name, as_date(r.planned_on),
                    questions=r.questions, id=r.id)
            for r in self.conn.execute(query)
        ]  # fmt: skip

    # --- the weekly rhythm -----------------------------------------------------

    def week_counts(self, since: date, now: datetime) -> list[WeekCounts]:
        """Conversations, gives and reconnections per week from `since` (a Monday)."""
        start = to_db(datetime.combine(since, time(), now.tzinfo))
        items = t.interactions
        weeks: dict[date, list[int]] = {}
        kinds = [k.value for k in CONVERSATION_KINDS]
        # Counted by the database, a bucket per week up to this one (no rows into Python);
        # the rare rows dated after this week are counted one by one.
        mondays = [
            since + timedelta(weeks=n)
            for n in range((week_start(now.date()) - since).days // 7 + 2)
        ]
        bounds = [to_db(datetime.combine(day, time(), now.tzinfo)) for day in mondays]
        bucket = sa.case(
            *((items.c.occurred_at < bound, n) for n, bound in enumerate(bounds[1:])), else_=-1
        )
        counted = sa.select(
            bucket.label("week"), sa.func.count(),
            sa.func.sum(sa.case((items.c.kind.in_(kinds), 1), else_=0)),
        ).where(self.mine(items), items.c.occurred_at >= start).group_by(bucket)  # fmt: skip
        for week, total, talks in self.conn.execute(counted):
            if week >= 0 and total:
                weeks[mondays[week]] = [int(talks or 0), 0, 0]
        later = sa.select(items.c.occurred_at, items.c.kind).where(
            self.mine(items), items.c.occurred_at >= bounds[-1]
        )
        for row in self.conn.execute(later):
            weeks.setdefault(_week_of(row.occurred_at, now), [0, 0, 0])[0] += row.kind in kinds
        for moment in self._reconnections(start):
            weeks.setdefault(_week_of(moment, now), [0, 0, 0])[2] += 1
        ledger = t.ledger_entries
        gives = sa.select(ledger.c.occurred_on).where(
            self.mine(ledger), ledger.c.direction == Direction.I_GAVE.value,
            ledger.c.occurred_on >= since,
        )  # fmt: skip
        for row in self.conn.execute(gives):
            weeks.setdefault(week_start(as_date(row.occurred_on)), [0, 0, 0])[1] += 1  # type: ignore[arg-type]
        return [WeekCounts(day, *counts) for day, counts in sorted(weeks.items())]

    def _reconnections(self, start: datetime) -> list[datetime]:
        """Moments someone was met again after a dormant stretch: their previous interaction
        came more than DORMANT_AFTER before. Only a person's first interaction since `start`
        can be one (the window is shorter than DORMANT_AFTER), and its previous one is a
        single seek in the (person_id, occurred_at) index of the links."""
        items, ip = t.interactions, t.interaction_people
        earlier = t.interaction_people.alias("earlier")
        firsts = (
            sa.select(ip.c.person_id, sa.func.min(items.c.occurred_at).label("first"))
            .select_from(items)
            .join(ip, ip.c.interaction_id == items.c.id)
            .where(self.mine(items), items.c.occurred_at >= start)
            .group_by(ip.c.person_id)
            .subquery()
        )
        previous = (
            sa.select(sa.func.max(earlier.c.occurred_at))
            .where(earlier.c.person_id == firsts.c.person_id,
                   earlier.c.occurred_at < firsts.c.first)
            .scalar_subquery()
        )  # fmt: skip
        query = sa.select(sa.type_coerce(firsts.c.first, sa.DateTime), previous.label("previous"))
        found = []
        for moment, before in self.conn.execute(query):
            if before is not None and moment - before > DORMANT_AFTER:
                found.append(moment)
        return found

    # --- health before the search ---------------------------------------------

    def activity_between(self, start: date, end: date, now: datetime) -> tuple[int, int, int]:
        """Interactions, gives and distinct people met in [start, end)."""
        items, ip, ledger = t.interactions, t.interaction_people, t.ledger_entries
        low = to_db(datetime.combine(start, time(), now.tzinfo))
        high = to_db(datetime.combine(end, time(), now.tzinfo))
        within = sa.select(items.c.id).where(
            self.mine(items), items.c.occurred_at >= low, items.c.occurred_at < high
        )
        count = self.conn.execute(
            sa.select(sa.func.count()).select_from(within.subquery())
        ).scalar()
        people = self.conn.execute(
            sa.select(sa.func.count(sa.distinct(ip.c.person_id))).where(
                self.mine_by_id(ip), ip.c.interaction_id.in_(within)
            )
        ).scalar()
        gives = self.conn.execute(
            sa.select(sa.func.count()).where(
                self.mine(ledger), ledger.c.direction == Direction.I_GAVE.value,
                ledger.c.occurred_on >= start, ledger.c.occurred_on < end,
            )
        ).scalar()  # fmt: skip
        return int(count or 0), int(gives or 0), int(people or 0)


def _week_of(moment: datetime, now: datetime) -> date:
    aware = from_db(moment)
    assert aware is not None
    return week_start(aware.astimezone(now.tzinfo).date())
