"""Letters sent once per period (the idempotency key) and the calendar feed's secret."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa

from kith.core.agenda import Brief, UpcomingDate
from kith.core.followups import FollowUp
from kith.core.reminders import Delivery
from kith.store import tables as t
from kith.store.scope import ScopedQueries, as_date, from_db, to_db
from kith.store.tables import deliveries as d
from kith.store.tables import feed_tokens as f

# A claim older than this was held by a worker that died mid-send: it may be taken over.
STALE_CLAIM = timedelta(minutes=15)


class ReminderQueries(ScopedQueries):
    """The deliveries table and the feed token, scoped to the account."""

    def delivery(self, kind: str, period: str) -> Delivery | None:
        row = self.conn.execute(
            sa.select(d).where(self.mine(d), d.c.kind == kind, d.c.period == period)
        ).first()
        if row is None:
            return None
        claimed = from_db(row.claimed_at)
        assert claimed is not None
        return Delivery(
            row.kind, row.period, row.status, row.attempts, row.error, row.recipient,
            claimed, from_db(row.sent_at),
        )  # fmt: skip

    def claim_delivery(self, kind: str, period: str, recipient: str, now: datetime) -> bool:
        """Take the period's letter for sending; False when it was sent or is being sent.

        The unique key (account, kind, period) makes two claimers of a new period race on
        the insert; only the one whose insert or update touches the row may send."""
        existing = self.delivery(kind, period)
        if existing is None:
            try:
                with self.conn.begin_nested():
                    self.conn.execute(
                        sa.insert(d).values(
                            account_id=self.scope.account_id,
                            kind=kind,
                            period=period,
                            status="sending",
                            attempts=1,
                            recipient=recipient,
                            claimed_at=to_db(now),
                        )
                    )
            except sa.exc.IntegrityError:
                return False
            return True
        if existing.status == "sent":
            return False
        stale = to_db(now - STALE_CLAIM)
        taken = self.conn.execute(
            sa.update(d)
            .where(self.mine(d), d.c.kind == kind, d.c.period == period, d.c.status != "sent")
            .where(sa.or_(d.c.status != "sending", d.c.claimed_at < stale))
            .values(
                status="sending",
                attempts=d.c.attempts + 1,
                recipient=recipient,
                claimed_at=to_db(now),
            )
        )
        return taken.rowcount == 1

    def finish_delivery(self, kind: str, period: str, error: str, now: datetime) -> None:
        """Record how the claimed letter went: sent, or failed with the one-sentence error."""
        values = {"status": "failed", "error": error} if error else {
            "status": "sent", "error": "", "sent_at": to_db(now),
        }  # fmt: skip
        self.conn.execute(
            sa.update(d)
            .where(self.mine(d), d.c.kind == kind, d.c.period == period)
            .values(**values)
        )

    def deliveries(self, limit: int) -> list[Delivery]:
        rows = self.conn.execute(
            sa.select(d.c.kind, d.c.period).where(self.mine(d))
            .order_by(d.c.claimed_at.desc(), d.c.id.desc()).limit(limit)
        ).all()  # fmt: skip
        found = (self.delivery(r.kind, r.period) for r in rows)
        return [row for row in found if row is not None]

    def feed_token(self) -> str | None:
        return self.conn.execute(sa.select(f.c.token).where(self.mine(f))).scalar()

    def set_feed_token(self, token: str | None, now: datetime) -> None:
        self.conn.execute(sa.delete(f).where(self.mine(f)))
        if token is not None:
            self.conn.execute(
                sa.insert(f).values(
                    account_id=self.scope.account_id, token=token, created_at=to_db(now)
                )
            )

    def account_of_feed(self, token: str) -> int | None:
        """Whose feed a token opens (compared in constant time by the caller too)."""
        return self.conn.execute(sa.select(f.c.account_id).where(f.c.token == token)).scalar()

    def open_followups(self, limit: int = 1000) -> list[tuple[FollowUp, bool]]:
        """Open follow-ups of people not archived, soonest first, with their names; True
        beside those that are an informational interview's follow-through."""
        f, p, mf = t.followups, t.people, t.meeting_followups
        query = (
            sa.select(f, p.c.display_name, mf.c.meeting_id)
            .join(p, p.c.id == f.c.person_id)
            .outerjoin(mf, mf.c.followup_id == f.c.id)
            .where(self.mine(f), f.c.done_at.is_(None), p.c.archived == sa.false())
            .order_by(f.c.due_on, f.c.id)
            .limit(limit)
        )
        return [
            (
                FollowUp(r.person_id, r.what, as_date(r.due_on) or date.min, r.id, None,
                         r.display_name),
                r.meeting_id is not None,
            )
            for r in self.conn.execute(query)
        ]  # fmt: skip

    def yearly_dates(self, today: date, limit: int = 5000) -> list[UpcomingDate]:
        """Every important date of people not archived, on its next occurrence from today."""
        d, p = t.person_dates, t.people
        query = (
            sa.select(d.c.person_id, d.c.label, d.c.month, d.c.day, d.c.year, p.c.display_name)
            .join(p, p.c.id == d.c.person_id)
            .where(self.mine(d), p.c.archived == sa.false())
            .order_by(d.c.month, d.c.day, d.c.id)
            .limit(limit)
        )
        found = []
        for r in self.conn.execute(query):
            on = next_occurrence(today, r.month, r.day)
            years = on.year - r.year if r.year and r.year < on.year else None
            found.append(UpcomingDate(Brief(r.person_id, r.display_name), r.label, on, years))
        return found


def next_occurrence(today: date, month: int, day: int) -> date:
    """The next `month`-`day` from today; 29 February falls on the 28th in other years."""
    for year in (today.year, today.year + 1):
        on = _on(year, month, day)
        if on >= today:
            return on
    return _on(today.year + 1, month, day)


def _on(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, 28)
