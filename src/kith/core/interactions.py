"""Interactions: a touch between the user and one or more people."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Kind(StrEnum):
    """How an interaction happened, roughly from deepest to lightest."""

    MEAL = "meal"
    COFFEE = "coffee"
    MEETING = "meeting"
    VIDEO = "video"
    CALL = "call"
    EVENT = "event"
    MESSAGE = "message"
    EMAIL = "email"
    OTHER = "other"


class Initiator(StrEnum):
    """Who reached out first."""

    ME = "me"
    THEM = "them"


@dataclass
class Interaction:
    """A logged touch; `source`/`source_id` identify imported ones so re-imports are idempotent."""

    occurred_at: datetime
    kind: Kind
    person_ids: list[int]
    id: int | None = None
    initiated_by: Initiator | None = None
    summary: str = ""
    notes: str = ""
    source: str = "manual"
    source_id: str | None = None
    people: list[str] = field(default_factory=list)  # display names, filled when read back
    # Set when logging: an earlier interaction of the same kind with the same people that
    # day (the same touch logged twice, maybe).
    repeat_of: int | None = None
