"""Use cases for reminders that arrive: the digest letter's content, the record of letters
sent once per period, and the calendar feed's content and secret.

Sending is an edge (`kith.mail`); the facade decides what is due and remembers what went."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from kith.app.giving import MOST_FITS, GivingCases
from kith.app.keeping import KeepingCases
from kith.core.agenda import DEFAULT_LIMIT, AgendaEntry, UpcomingDate
from kith.core.giving import POOL, Candidate, GiveSuggestion, rank_gives
from kith.core.meetings import Meeting
from kith.core.reminders import Delivery, Due, Period, latest_due, owed
from kith.core.week import STREAK_WEEKS, WeekProgress, progress, week_start
from kith.errors import KithError

DIGEST_DATES_DAYS = 7
SHOWN = 6  # follow-ups and dates listed in a letter; the rest are counted
GIVE_CHOICES = 5  # the give idea rotates among this many best fits


@dataclass(frozen=True)
class DueFollowUp:
    """A promise to someone that is due (or overdue)."""

    person_id: int
    person: str
    what: str
    due: date


@dataclass(frozen=True)
class NextStep:
    """Informational-interview follow-through still to do: thank, report back, reply."""

    person_id: int
    person: str
    about: str
    what: str
    due: date


@dataclass
class Digest:
    """One letter's content: what to do today, what is due, what is coming, how the week goes."""

    period: Period
    on: date
    name: str  # the user's own name, when the profile has one
    agenda: list[AgendaEntry] = field(default_factory=list)
    followups: list[DueFollowUp] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)
    dates: list[UpcomingDate] = field(default_factory=list)
    week: WeekProgress | None = None
    give: GiveSuggestion | None = None
    more_followups: int = 0  # beyond those listed
    more_dates: int = 0

    @property
    def empty(self) -> bool:
        return not (self.agenda or self.followups or self.next_steps or self.dates)


@dataclass(frozen=True)
class FeedItem:
    """One calendar entry: a follow-up, a follow-through step or a yearly date."""

    uid: str  # stable across refreshes, so a calendar updates rather than duplicates
    kind: str  # followup, meeting, date
    on: date
    title: str
    person_id: int
    detail: str = ""


class ReminderCases(KeepingCases, GivingCases):
    """The digest, the letters' record and the calendar feed."""

    def local_now(self) -> datetime:
        """The clock in the user's time zone (the `timezone` setting, else the machine's)."""
        now = self.clock()
        zone = self.settings.mail.timezone
        return now.astimezone(ZoneInfo(zone)) if zone else now.astimezone()

    def digest(self, period: Period = Period.DAILY) -> Digest:
        """The letter for today (daily) or this week (weekly), read in one transaction."""
        now = self.local_now()
        today = now.date()
        since = week_start(today) - timedelta(weeks=STREAK_WEEKS)
        with self.store.unit() as repo:
            me = repo.get_me()
            agenda = self._agenda(repo, now, DEFAULT_LIMIT)
            facts = repo.agenda_facts(now, self.settings.circles, DIGEST_DATES_DAYS)
            counts = repo.week_counts(since, now)
            meetings = repo.meetings()
            pool = self._pool(repo, POOL, ("need",)) if me.offers else []
        on_agenda = {e.person_id for e in agenda}
        steps = _next_steps(meetings, today, 7)
        listed = on_agenda | {s.person_id for s in steps}
        followups = [
            DueFollowUp(b.id, b.name, f.what, f.due)
            for b, f in sorted(facts.followups, key=lambda bf: (-bf[1].due.toordinal(), bf[0].name))
            if b.id not in listed
        ]  # the freshest promises first: the oldest are on the agenda or long gone
        upcoming = sorted(
            (d for d in facts.dates if d.person.id not in on_agenda),
            key=lambda d: (d.label != "birthday", d.on, d.person.name),
        )  # birthdays first: a work anniversary is a lighter reason to write
        return Digest(
            period, today, me.name, agenda, followups[:SHOWN], steps,
            sorted(upcoming[:SHOWN], key=lambda d: d.on),
            progress(counts, today, self.settings.week),
            _one_give(pool, me.offers, today),
            more_followups=max(len(followups) - SHOWN, 0), more_dates=max(len(upcoming) - SHOWN, 0),
        )  # fmt: skip

    # --- letters sent once per period ----------------------------------------------

    def due_letter(self) -> Due | None:
        """The digest owed now by the `digest` setting, or None when off or already sent."""
        if self.settings.mail.digest == "off":
            return None
        due = latest_due(
            Period(self.settings.mail.digest), self.local_now(), self.settings.mail.digest_hour
        )
        if due is None:
            return None
        with self.store.unit() as repo:
            row = repo.delivery(due.kind, due.key)
        if row is None:
            return due
        return due if owed(row.status, row.attempts, row.claimed_at, self.clock()) else None

    def claim_letter(self, kind: str, period: str, recipient: str) -> bool:
        """Take a period's letter for sending; False when it went already or is going."""
        with self.store.unit(write=True) as repo:
            return repo.claim_delivery(kind, period, recipient, self.clock())

    def finish_letter(self, kind: str, period: str, error: str = "") -> Delivery:
        """Record that the claimed letter was sent (no error) or failed (why, in a sentence)."""
        with self.store.unit(write=True) as repo:
            repo.finish_delivery(kind, period, error, self.clock())
            row = repo.delivery(kind, period)
        if row is None:
            raise KithError(f"No letter {kind} {period} was claimed.")
        return row

    def deliveries(self, limit: int = 20) -> list[Delivery]:
        """The letters recorded, newest first."""
        with self.store.unit() as repo:
            return repo.deliveries(limit)

    # --- the calendar feed --------------------------------------------------------

    def feed_token(self, create: bool = True) -> str | None:
        """The feed's secret (made on first use when `create`)."""
        with self.store.unit(write=create) as repo:
            token = repo.feed_token()
            if token is None and create:
                token = secrets.token_urlsafe(32)
                repo.set_feed_token(token, self.clock())
            return token

    def revoke_feed(self) -> str:
        """A new secret; the old one stops opening the feed at once."""
        with self.store.unit(write=True) as repo:
            token = secrets.token_urlsafe(32)
            repo.set_feed_token(token, self.clock())
            return token

    def feed_for(self, token: str) -> list[FeedItem] | None:
        """The feed's items when `token` is this account's secret (compared in constant
        time), else None; reading it changes nothing."""
        with self.store.unit() as repo:
            kept = repo.feed_token()
        if kept is None or not hmac.compare_digest(token.encode(), kept.encode()):
            return None
        return self.feed_items()

    def feed_items(self) -> list[FeedItem]:
        """Open follow-ups (an overdue one on today, so it still alarms), follow-through of
        informational interviews, yearly dates ahead."""
        now = self.local_now()
        today = now.date()
        with self.store.unit() as repo:
            followups = repo.open_followups()
            dates = repo.yearly_dates(today)
        items = [
            FeedItem(
                f"followup-{f.id}", "meeting" if step else "followup", max(f.due, today),
                f"{f.what} ({f.person})" if step else f"Follow up with {f.person}: {f.what}",
                f.person_id, "" if f.due >= today else f"Due {f.due.isoformat()}.",
            )
            for f, step in followups
        ]  # fmt: skip
        items += [
            FeedItem(f"date-{d.person.id}-{d.label}-{d.on}", "date", d.on,
                     f"{d.person.name}: {d.label}", d.person.id)
            for d in dates
        ]  # fmt: skip
        return sorted(items, key=lambda i: (i.on, i.uid))


def _one_give(pool: list[Candidate], offers: list[str], today: date) -> GiveSuggestion | None:
    """One give idea among the best few, a different one from day to day. The lexical
    matcher: a letter must not wait for the semantic model to load."""
    from kith.core.matching import LexicalMatcher, best_fits

    if not pool or not offers:
        return None
    fits = best_fits(LexicalMatcher(), [n for c in pool for n in c.needs], offers, MOST_FITS)
    best = rank_gives(pool, fits, GIVE_CHOICES)
    return best[today.toordinal() % len(best)] if best else None


def _next_steps(meetings: list[Meeting], today: date, days: int) -> list[NextStep]:
    """Open follow-through steps due within `days` (or overdue)."""
    horizon = today + timedelta(days=days)
    return sorted(
        (
            NextStep(m.person_id, m.person, m.about, str(what), due)
            for m in meetings
            for _, what, due in m.next_steps
            if due <= horizon
        ),
        key=lambda s: (s.due, s.person),
    )
