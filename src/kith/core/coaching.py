"""Counseling, decided without I/O: what a grant lets a counselor see, when it lapses,
and how one client's week reads at a glance (stalled, interviews left hanging)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from kith.core.meetings import Meeting, State
from kith.core.opportunities import Board
from kith.errors import InvalidInput

GRANT_DAYS = 90  # a grant lapses after this unless the client renews it
STALLED_AFTER = timedelta(days=14)  # nothing logged this long: the client has stalled
MAX_TEXT = 2000  # characters in a comment or a proposed goal


class Role(StrEnum):
    """What a user is on the server."""

    COUNSELOR = "counselor"
    CLIENT = "client"
    ADMIN = "admin"


class Share(StrEnum):
    """What a client may share with a counselor (contacts are a level of their own)."""

    WEEK = "week"  # goals, streak, conversations, interviews, gives, reconnections
    OPPORTUNITIES = "opportunities"  # the board by stage
    TARGETS = "targets"  # target companies with the count and strength of warm paths
    HEALTH = "health"  # met-once share, circles against capacity, give/ask, rhythm


class Contacts(StrEnum):
    """How much of the client's contacts a counselor sees: off unless the client says."""

    OFF = "off"
    COUNTS = "counts"  # how many people, nothing about any one
    NAMES = "names"  # names and organizations; never notes, needs, offers or ledger texts


class GrantState(StrEnum):
    """Where a grant stands."""

    REQUESTED = "requested"  # a counselor asked; the client has not answered
    ACTIVE = "active"
    REVOKED = "revoked"


class GoalState(StrEnum):
    """A counselor's comment is a note; a proposed goal waits for the client."""

    NOTE = "note"
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"


def parse_shares(names: list[str]) -> frozenset[Share]:
    """The scopes named, each checked; an unknown name is refused."""
    chosen = set()
    for name in names:
        try:
            chosen.add(Share(name.strip().lower()))
        except ValueError:
            known = ", ".join(s.value for s in Share)
            raise InvalidInput(f"'{name}' is not a scope.", f"Choose among {known}.") from None
    return frozenset(chosen)


def text_checked(text: str, what: str) -> str:
    """A comment's or goal's text, trimmed; empty or too long is refused."""
    text = text.strip()
    if not text:
        raise InvalidInput(f"The {what} is empty.", f"Write the {what}.")
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"The {what} is over {MAX_TEXT} characters.", "Shorten it.")
    return text


def grant_live(state: str, expires_at: datetime | None, now: datetime) -> bool:
    """Whether a grant lets its counselor see anything now."""
    return state == GrantState.ACTIVE and expires_at is not None and expires_at > now


def expiry(now: datetime) -> datetime:
    """When a grant given or renewed now lapses."""
    return now + timedelta(days=GRANT_DAYS)


def stalled(last_logged: date | None, today: date) -> bool:
    """Nothing logged for STALLED_AFTER (or ever)."""
    return last_logged is None or today - last_logged >= STALLED_AFTER


def hanging_interviews(meetings: list[Meeting]) -> int:
    """Informational interviews held but never reported back on (no follow-through)."""
    return sum(1 for m in meetings if m.state in (State.HELD, State.REPLIED))


def stage_counts(board: Board) -> dict[str, int]:
    """How many opportunities stand at each stage (every stage, in order)."""
    return {column.stage.value: len(column.opportunities) for column in board.columns}


@dataclass(frozen=True)
class GoalLine:
    """One of the week's goals against what was done."""

    name: str
    done: int
    goal: int
