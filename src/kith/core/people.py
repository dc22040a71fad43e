"""People and the user's own profile ("me"), as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Organization:
    """A position a person holds or held: organization, title and when."""

    name: str
    title: str = ""
    start: date | None = None
    end: date | None = None

    @property
    def current(self) -> bool:
        return self.end is None

    def label(self) -> str:
        return f"{self.title}, {self.name}" if self.title else self.name


@dataclass(frozen=True)
class ImportantDate:
    """A date worth remembering every year; the year is optional (a birthday without one)."""

    label: str
    month: int
    day: int
    year: int | None = None

    def iso(self) -> str:
        """ISO 8601 form, `--MM-DD` when the year is unknown (as vCard writes it)."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class HowWeMet:
    """How the user met a person: when, where, the context, introduced by whom."""

    when: date | None = None
    where: str = ""
    context: str = ""
    introduced_by_id: int | None = None

    def is_empty(self) -> bool:
        return not (self.when or self.where or self.context or self.introduced_by_id)


@dataclass
class Person:
    """Someone the user knows; `id` is None until the store has saved them."""

    display_name: str
    id: int | None = None
    pronouns: str = ""  # "she/her", as the person gives them
    credentials: str = ""  # "PhD", "Dr.": kept apart from the name
    aliases: list[str] = field(default_factory=list)  # other names they are known by
    given_name: str = ""
    family_name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    orgs: list[Organization] = field(default_factory=list)
    location: str = ""
    tags: list[str] = field(default_factory=list)
    met: HowWeMet = field(default_factory=HowWeMet)
    interests: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    offers: list[str] = field(default_factory=list)
    dates: list[ImportantDate] = field(default_factory=list)
    notes: str = ""
    archived: bool = False
    created_at: datetime | None = None
    last_contact_at: datetime | None = None

    def current_orgs(self) -> list[Organization]:
        return [o for o in self.orgs if o.current]

    def headline(self) -> str:
        """One line under the name: current title and organization, else location."""
        current = self.current_orgs()
        return current[0].label() if current else self.location

    def linkedin(self) -> str | None:
        return next((u for u in self.links if "linkedin.com/" in u.lower()), None)


@dataclass
class Me:
    """The user's own profile: used by matching and to tell direction in email imports."""

    name: str = ""
    emails: list[str] = field(default_factory=list)
    offers: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)  # tell the region of national numbers
