"""Warm paths into a company: who the user knows there, who used to work there, and the
people the user knows who know someone there (see docs/search.md).

Paths are at most two steps long (me → A → B), so the search runs backwards from the
company: the store hands over the people who are or were there (insiders), the user's tie
to each person involved and the evidence that two people know each other (links); this
module scores and explains the paths. A path is as strong as its weakest link.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from kith.core.dates import humanize_age
from kith.core.strength import SCALE, decay_to

MIN_TIE = 5.0  # below this the user has no tie to speak of: never a way in, never asked
FORMER_FACTOR = 0.8  # someone who left knows less of today's openings than someone there
EXPLICIT_STRENGTH = 60.0  # the user said they know each other
INTRODUCED_STRENGTH = 50.0  # the user introduced them
THREAD_STRENGTH = 60.0  # at most, for many shared email threads: weaker than meeting
DEFAULT_LIMIT = 10
PER_GO_BETWEEN = 2  # second-degree paths shown through one go-between


class LinkKind(StrEnum):
    """How Kith knows that two people know each other."""

    MET_TOGETHER = "met_together"  # in the same interactions with the user
    SHARED_THREAD = "shared_thread"  # on the same email threads with the user
    COLLEAGUES = "colleagues"  # at the same employer at overlapping times
    INTRODUCED = "introduced"  # the user introduced them (giving, #4)
    EXPLICIT = "explicit"  # `kith knows A B`


class PathKind(StrEnum):
    """A path's shape."""

    KNOW_NOW = "know_now"  # someone the user knows works there now
    KNOW_FORMER = "know_former"  # someone the user knows used to work there
    SECOND_DEGREE = "second_degree"  # me → A → B, B is or was there


@dataclass(frozen=True)
class Position:
    """One position of one person (a person's `Organization` in core/people.py, with whose
    it is and the organization's name key): at the company for insiders, anywhere for
    finding colleagues."""

    person_id: int
    org: str
    title: str = ""
    start: date | None = None
    end: date | None = None
    org_key: str = ""  # read only where colleagues are looked for

    @property
    def current(self) -> bool:
        return self.end is None


@dataclass(frozen=True)
class MyTie:
    """The user's tie to one person: its strength now (0–100) and last contact."""

    person_id: int
    name: str
    strength: float
    last_contact: date | None = None


@dataclass(frozen=True)
class Link:
    """Evidence that `a` and `b` know each other."""

    a: int
    b: int
    kind: LinkKind
    count: int = 1  # shared interactions (MET_TOGETHER) or email threads (SHARED_THREAD)
    last: date | None = None  # when the link was last active
    org: str = ""  # for COLLEAGUES
    start: date | None = None  # the overlap, for COLLEAGUES
    end: date | None = None
    how: str = ""  # for EXPLICIT

    def other(self, person_id: int) -> int:
        return self.b if person_id == self.a else self.a


@dataclass
class PathFacts:
    """Everything the path search needs about one company."""

    company: str
    insiders: list[Position] = field(default_factory=list)
    ties: dict[int, MyTie] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)


@dataclass
class PathPerson:
    """One person on a path, with the strength of the user's tie to them."""

    id: int
    name: str
    strength: float
    role: str = ""  # e.g. "Staff Engineer, Acme (2021–2024)" for the insider


@dataclass
class WarmPath:
    """One way into the company: the person at the end, who it goes through, and why."""

    kind: PathKind
    to: PathPerson
    via: PathPerson | None
    score: float  # the weakest link's strength, 0–100
    last_active: date | None
    reason: str
    link_strength: float | None = None  # the A–B link, for second-degree paths

    @property
    def ask(self) -> PathPerson:
        """The person the user would talk to first: the go-between, else the insider."""
        return self.via or self.to


def tie_floor_key(now: datetime) -> float:
    """The lowest stored strength key (core/strength.py) of a tie that counts at `now`:
    MIN_TIE once rounded to one decimal, as ties are shown and compared."""
    raw = -SCALE * math.log(1 - (MIN_TIE - 0.05) / 100)
    return raw / decay_to(now)


def link_strength(link: Link, today: date) -> float:
    """0–100: shared interactions by number and recency, colleagues by overlap and how long
    ago, an explicit or introduced link at a fixed level that fades slowly."""
    if link.kind is LinkKind.MET_TOGETHER:
        base = 100 * (1 - math.exp(-link.count / 3))
        return base * _fade(link.last, today, half_life_days=365)
    if link.kind is LinkKind.SHARED_THREAD:
        base = THREAD_STRENGTH * (1 - math.exp(-link.count / 3))
        return base * _fade(link.last, today, half_life_days=365)
    if link.kind is LinkKind.COLLEAGUES:
        months = _months(link.start, link.end or today)
        base = 30 + min(30.0, months)
        return base * _fade(link.end, today, half_life_days=3 * 365)
    if link.kind is LinkKind.INTRODUCED:
        return INTRODUCED_STRENGTH * _fade(link.last, today, half_life_days=2 * 365)
    return EXPLICIT_STRENGTH


def _fade(last: date | None, today: date, half_life_days: float) -> float:
    """1 when active now, halving every `half_life_days`, never below a fifth."""
    if last is None:
        return 1.0
    age = max(0, (today - last).days)
    return max(0.2, float(0.5 ** (age / half_life_days)))


def _months(start: date | None, end: date) -> float:
    if start is None:
        return 0.0
    return max(0.0, (end - start).days / 30.44)


def warm_paths(facts: PathFacts, today: date, limit: int | None = DEFAULT_LIMIT) -> list[WarmPath]:
    """The best ways into `facts.company`, strongest first: for each insider the best
    direct tie and the best go-between, ranked by weakest link, then recency.

    Paths are scored first and explained only once kept: at 100k people most candidates
    never make the list, and their reasons cost more than their scores."""
    positions = _best_positions(facts.insiders)
    drafts = [_direct(facts, pos) for pos in positions.values()]
    drafts += _second_degree(facts, positions, today)
    ranked = sorted(
        (d for d in drafts if d is not None and d.path.score > 0),
        key=lambda d: (-round(d.path.score, 1), d.path.via is not None,
                       -(d.path.last_active or date.min).toordinal(), d.path.to.name),
    )  # fmt: skip
    kept = _spread(_direct_first(ranked))
    if limit is not None:
        kept = kept[:limit]
    for draft in kept:
        draft.path.reason = _reason(facts, draft, today)
    return [draft.path for draft in kept]


@dataclass
class _Draft:
    """A scored path, its insider's position and the link it goes through (if any)."""

    path: WarmPath
    pos: Position
    link: Link | None = None


def _direct_first(ranked: list[_Draft]) -> list[_Draft]:
    """A go-between who is an insider themselves comes before the paths through them: ask
    them about their own company before asking them for someone else there."""
    direct = {d.path.to.id: d for d in ranked if d.path.via is None}
    placed: set[int] = set()
    ordered: list[_Draft] = []
    for draft in ranked:
        via = draft.path.via
        first = direct.get(via.id) if via is not None else None
        if first is not None and id(first) not in placed:
            ordered.append(first)
            placed.add(id(first))
        if id(draft) not in placed:
            ordered.append(draft)
            placed.add(id(draft))
    return ordered


def _spread(ranked: list[_Draft]) -> list[_Draft]:
    """At most PER_GO_BETWEEN paths through one person, so one strong tie does not fill
    the list; a path through someone whose own tie is already as warm is left out."""
    used: dict[int, int] = {}
    kept = []
    for draft in ranked:
        path = draft.path
        if path.via is not None:
            if path.to.strength >= path.score or used.get(path.via.id, 0) >= PER_GO_BETWEEN:
                continue
            used[path.via.id] = used.get(path.via.id, 0) + 1
        kept.append(draft)
    return kept


def _best_positions(insiders: list[Position]) -> dict[int, Position]:
    """One position per person: the current one, else the latest to end."""
    best: dict[int, Position] = {}
    for pos in insiders:
        kept = best.get(pos.person_id)
        if kept is None or _position_key(pos) > _position_key(kept):
            best[pos.person_id] = pos
    return best


def _position_key(pos: Position) -> tuple[bool, date]:
    return (pos.current, pos.end or pos.start or date.min)


def _direct(facts: PathFacts, pos: Position) -> _Draft | None:
    tie = facts.ties.get(pos.person_id)
    if tie is None or tie.strength < MIN_TIE:
        return None
    kind = PathKind.KNOW_NOW if pos.current else PathKind.KNOW_FORMER
    score = tie.strength * (1 if pos.current else FORMER_FACTOR)
    to = PathPerson(tie.person_id, tie.name, round(tie.strength, 1), role(pos))
    return _Draft(WarmPath(kind, to, None, round(score, 1), tie.last_contact, ""), pos)


def _second_degree(facts: PathFacts, positions: dict[int, Position], today: date) -> list[_Draft]:
    """For each insider, the best go-between: someone the user has a tie to who knows them."""
    best: dict[int, tuple[float, Link]] = {}
    for link in facts.links:
        for insider_id in (link.a, link.b):
            pos = positions.get(insider_id)
            if pos is None:
                continue
            score = _through_score(facts, link, pos, today)
            kept = best.get(insider_id)
            if score is not None and (kept is None or score > kept[0]):
                best[insider_id] = (score, link)
    return [_through(facts, link, positions[insider_id], today)
            for insider_id, (_, link) in best.items()]  # fmt: skip


def _through_score(facts: PathFacts, link: Link, pos: Position, today: date) -> float | None:
    """The score of the path me → go-between → insider over `link`, or None if none."""
    via_id = link.other(pos.person_id)
    via, to = facts.ties.get(via_id), facts.ties.get(pos.person_id)
    if via is None or to is None or via.strength < MIN_TIE or via_id == pos.person_id:
        return None
    return min(via.strength, link_strength(link, today)) * (1 if pos.current else FORMER_FACTOR)


def _through(facts: PathFacts, link: Link, pos: Position, today: date) -> _Draft:
    via, to = facts.ties[link.other(pos.person_id)], facts.ties[pos.person_id]
    strength = link_strength(link, today)
    score = min(via.strength, strength) * (1 if pos.current else FORMER_FACTOR)
    last = min((d for d in (via.last_contact, link.last or link.end) if d), default=None)
    path = WarmPath(
        PathKind.SECOND_DEGREE,
        PathPerson(to.person_id, to.name, round(to.strength, 1), role(pos)),
        PathPerson(via.person_id, via.name, round(via.strength, 1)),
        round(score, 1), last, "", round(strength, 1),
    )  # fmt: skip
    return _Draft(path, pos, link)


def _reason(facts: PathFacts, draft: _Draft, today: date) -> str:
    """Why this path, in words: each tie on it and where the insider works or worked."""
    pos, link = draft.pos, draft.link
    to = facts.ties[pos.person_id]
    if link is None:
        return f"{_my_tie_words(to, today)}; {to.name} {_works(pos)}"
    via = facts.ties[link.other(pos.person_id)]
    parts = [_my_tie_words(via, today), _link_words(link, via.name, to.name, today)]
    if not (link.kind is LinkKind.COLLEAGUES and link.org == pos.org and not pos.current):
        parts.append(f"{to.name} {_works(pos)}")
    return "; ".join(parts)


def _my_tie_words(tie: MyTie, today: date) -> str:
    if tie.last_contact is None:
        return f"you have {tie.name} in Kith but no contact logged"
    return f"you and {tie.name} last talked {humanize_age(tie.last_contact, today)}"


def _link_words(link: Link, via: str, to: str, today: date) -> str:
    if link.kind is LinkKind.MET_TOGETHER:
        times = "once" if link.count == 1 else f"{link.count} times"
        last = f", last {humanize_age(link.last, today)}" if link.last else ""
        return f"you met {via} and {to} together {times}{last}"
    if link.kind is LinkKind.SHARED_THREAD:
        threads = "an email thread" if link.count == 1 else f"{link.count} email threads"
        last = f", last {humanize_age(link.last, today)}" if link.last else ""
        return f"{via} and {to} were on {threads} with you{last}"
    if link.kind is LinkKind.COLLEAGUES:
        if link.end is None:
            since = f" ({years(link.start, None)})" if link.start else ""
            return f"{via} works with {to} at {link.org}{since}"
        return f"{via} worked with {to} at {link.org} {years(link.start, link.end)}"
    if link.kind is LinkKind.INTRODUCED:
        return f"you introduced {via} and {to}"
    how = f" ({link.how})" if link.how else ""
    return f"you noted that {via} knows {to}{how}"


def _works(pos: Position) -> str:
    title = f" as {pos.title}" if pos.title else ""
    if pos.current:
        return f"works at {pos.org}{title}"
    return f"worked at {pos.org}{title} {years(pos.start, pos.end)}"


def role(pos: Position) -> str:
    """'Staff Engineer, Acme (2021–2024)' or 'Acme (since 2022)'."""
    label = f"{pos.title}, {pos.org}" if pos.title else pos.org
    span = years(pos.start, pos.end)
    return f"{label} ({span})" if span else label


def years(start: date | None, end: date | None) -> str:
    """'2021–2024', 'since 2022', 'until 2023' or ''."""
    if start and end:
        return f"{start.year}–{end.year}" if start.year != end.year else str(start.year)
    if start:
        return f"since {start.year}"
    return f"until {end.year}" if end else ""


def overlap(
    a_start: date | None, a_end: date | None, b_start: date | None, b_end: date | None
) -> tuple[date | None, date | None] | None:
    """The span two positions at one employer share, or None when they cannot be shown to
    overlap (an open end means "still there"; an unknown start means "unknown")."""
    if a_end is None and b_end is None:
        return (_later(a_start, b_start), None)  # both there now
    if a_start is None or b_start is None:
        return None
    start = max(a_start, b_start)
    ends = [e for e in (a_end, b_end) if e is not None]
    end = min(ends)
    return (start, end) if start <= end else None


def _later(a: date | None, b: date | None) -> date | None:
    if a is None or b is None:
        return a or b
    return max(a, b)


def colleague_links(go_betweens: list[Position], insiders: list[Position]) -> list[Link]:
    """Links between go-betweens and insiders who were at one employer at the same time:
    one per pair, the most recent overlap."""
    by_key: dict[str, list[Position]] = {}
    for pos in go_betweens:
        by_key.setdefault(pos.org_key, []).append(pos)
    found: dict[tuple[int, int], Link] = {}
    for b in insiders:
        for a in by_key.get(b.org_key, ()):
            if a.person_id == b.person_id:
                continue
            span = overlap(a.start, a.end, b.start, b.end)
            if span is None:
                continue
            link = Link(a.person_id, b.person_id, LinkKind.COLLEAGUES, last=span[1],
                        org=b.org, start=span[0], end=span[1])  # fmt: skip
            kept = found.get((a.person_id, b.person_id))
            if kept is None or (link.end or date.max) > (kept.end or date.max):
                found[(a.person_id, b.person_id)] = link
    return list(found.values())


EMAIL_KEY_PREFIX = "email:"  # the mail importer's keys: "email:{thread}:{day}:{address}"


def email_thread(source_id: str | None) -> str | None:
    """The thread part of an imported email's key ("email:{thread}:" for
    "email:{thread}:{day}:{address}"), or None for any other key."""
    if not source_id or not source_id.startswith(EMAIL_KEY_PREFIX):
        return None
    parts = source_id.rsplit(":", 2)
    if len(parts) != 3 or len(parts[0]) <= len(EMAIL_KEY_PREFIX):
        return None
    return parts[0] + ":"


@dataclass(frozen=True)
class ThreadMember:
    """One person on one email thread of the user's, on one day."""

    thread: str
    person_id: int
    day: date


def thread_links(insider_ids: set[int], members: list[ThreadMember]) -> list[Link]:
    """Links between insiders and the other people on their email threads with the user:
    how many threads they shared, and the last day one was active."""
    people: dict[str, dict[int, date]] = {}
    for member in members:
        on = people.setdefault(member.thread, {})
        on[member.person_id] = max(member.day, on.get(member.person_id, member.day))
    shared: dict[tuple[int, int], tuple[int, date]] = {}
    for on in people.values():
        last = max(on.values())
        for insider in insider_ids & on.keys():
            for other in on:
                if other != insider:
                    count, seen = shared.get((other, insider), (0, last))
                    shared[(other, insider)] = (count + 1, max(seen, last))
    return [Link(a, b, LinkKind.SHARED_THREAD, count=n, last=last)
            for (a, b), (n, last) in shared.items()]  # fmt: skip
