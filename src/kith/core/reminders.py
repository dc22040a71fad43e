"""When digests are due: periods, their keys and the moment each falls due (pure, `now` given).

A period's key is the idempotency key of its letter: at most one letter per key is sent.
Only the latest period that has fallen due is owed; a machine that slept through several
days sends that one on waking, not a pile of stale letters."""

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


def latest_due(period: Period, now: datetime, hour: int) -> Due:
    """The latest period whose due moment (at `hour`, local; Mondays for a week) is past."""
    today = now.date()
    at_hour = datetime.combine(today, time(hour), now.tzinfo)
    if period is Period.DAILY:
        day = today if now >= at_hour else today - timedelta(days=1)
    else:
        monday = today - timedelta(days=today.weekday())
        monday_at = datetime.combine(monday, time(hour), now.tzinfo)
        day = monday if now >= monday_at else monday - timedelta(weeks=1)
    due_at = datetime.combine(day, time(hour), now.tzinfo)
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
