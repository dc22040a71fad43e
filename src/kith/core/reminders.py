"""When digests are due: periods, their keys and the moment each falls due (pure, `now` given).

A period's key is the idempotency key of its letter: at most one letter per key is sent.
A letter is owed from its hour to the end of its day (or week): a machine that slept
through the hour sends it once on waking. A day slept through entirely sends nothing late,
because the next letter carries everything still due (overdue follow-ups stay on it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum


class Period(StrEnum):
    """How often a digest comes."""

    DAILY = "daily"
    WEEKLY = "weekly"


@dataclass(frozen=True)
class Due:
    """The latest period whose letter has fallen due."""

    period: Period
    key: str  # 2026-12-02 for a day, 2026-W49 for a week
    starts: date  # the day the letter is about (a Monday for a week)
    due_at: datetime  # local

    @property
    def kind(self) -> str:
        return f"digest_{self.period.value}"


def key_of(period: Period, day: date) -> str:
    """The idempotency key of the period holding `day`."""
    if period is Period.DAILY:
        return day.isoformat()
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def latest_due(period: Period, now: datetime, hour: int) -> Due | None:
    """The period whose letter is owed now: from its due moment (at `hour`, local; on
    Monday for a week) to the end of that day or week. None before the hour."""
    today = now.date()
    day = today if period is Period.DAILY else today - timedelta(days=today.weekday())
    due_at = datetime.combine(day, time(hour), now.tzinfo)
    if now < due_at:
        return None
    return Due(period, key_of(period, day), day, due_at)


FIRST_RETRY = timedelta(minutes=2)
LAST_RETRY = timedelta(hours=2)


def retry_after(attempts: int) -> timedelta:
    """How long a failed letter waits before the next try: doubling, at most two hours."""
    wait: timedelta = FIRST_RETRY * 2 ** max(attempts - 1, 0)
    return min(wait, LAST_RETRY)


def owed(status: str | None, attempts: int, claimed_at: datetime | None, now: datetime) -> bool:
    """Whether a period's letter should be tried now, given its record (None: never tried).

    Sent: never again. Failed: once its backoff has passed. Being sent: only when the
    claim is stale (the sender died), which the store's claim decides itself."""
    if status is None:
        return True
    if status == "sent":
        return False
    assert claimed_at is not None
    if status == "failed":
        return now >= claimed_at + retry_after(attempts)
    return True


@dataclass(frozen=True)
class Delivery:
    """A letter of one period as recorded: sent, being sent or failed (with why)."""

    kind: str
    period: str
    status: str
    attempts: int
    error: str
    recipient: str
    claimed_at: datetime
    sent_at: datetime | None
