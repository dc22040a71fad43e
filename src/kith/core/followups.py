"""Follow-ups: dated promises the user made to someone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass
class FollowUp:
    """A promise (`what`) to a person, due on a date, done when `done_at` is set."""

    person_id: int
    what: str
    due: date
    id: int | None = None
    done_at: datetime | None = None
    person: str = ""  # display name, filled when read back

    @property
    def is_open(self) -> bool:
        return self.done_at is None

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due < today
