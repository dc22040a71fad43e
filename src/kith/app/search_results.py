"""What the job-search use cases return (the search, targets, paths, knows, meetings,
opportunities, the week): plain data every edge words its own way (docs/json.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kith.app.results import Unavailable
from kith.core.meetings import Meeting
from kith.core.opportunities import Board, Stage
from kith.core.paths import WarmPath
from kith.core.readiness import Readiness
from kith.core.search import Search, WarmBefore
from kith.core.targets import RankedTarget
from kith.core.week import WeekProgress


@dataclass
class SearchStatus:
    """The current (or last) search and what it holds so far."""

    search: Search | None
    active: bool
    days: int
    targets: int
    opportunities: dict[str, int] = field(default_factory=dict)  # open ones by stage
    meetings_held: int = 0
    meetings_planned: int = 0


@dataclass
class Way:
    """One warm path with its referral readiness: can the person to ask carry it today."""

    path: WarmPath
    readiness: Readiness


@dataclass
class PathsResult:
    """Warm paths into a company: the company as found, how many people are or were there,
    and the best ways in, strongest first."""

    company: str
    insiders: int
    current: int
    ways: list[Way]


@dataclass
class KnowsResult:
    """Two people recorded as knowing each other (`new` false when they already were)."""

    a: str
    b: str
    how: str
    new: bool


@dataclass
class MeetingResult:
    """What logging an informational interview did: the meeting as it stands, and the
    follow-through it opened or closed."""

    meeting: Meeting
    opened: list[tuple[str, date]] = field(default_factory=list)
    closed: int = 0


@dataclass
class MoveResult:
    """An opportunity moved: from which stage to which, on which day."""

    id: int
    title: str
    was: Stage
    now: Stage
    on: date


@dataclass
class SearchScreen:
    """The job-search screen in one read: the mode, how warm the network was before it,
    ranked targets, the warm paths into `company` (when one was asked for; else why there
    are none), informational interviews, the opportunity board and the week."""

    mode: SearchStatus
    warm: WarmBefore | None
    targets: list[RankedTarget]
    company: str
    paths: PathsResult | None
    paths_unavailable: Unavailable | None
    meetings: list[Meeting]
    board: Board
    week: WeekProgress
