"""The interaction stream: each person's meetings, calls and messages, following their plan."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from random import Random

from kith.core.interactions import Initiator, Interaction, Kind
from kith.core.people import Person
from kith.demo.common import as_utc, id_of, pick
from kith.demo.phrases import (
    FIRST_MEETING,
    FOLLOW_THROUGH,
    GROUP_SUMMARIES,
    INTERACTION_NOTES,
    SUMMARIES,
)
from kith.demo.plans import CLOSE_TIERS, Plan, plan_for
from kith.demo.vocabulary import (
    CAFES,
    CHAT_TOPICS,
    CONFERENCES,
    GENDER_OF,
    OPENINGS,
    ORGS,
    PRONOUNS,
    RESTAURANTS,
)

SOURCE = "demo"

_PLACES = {Kind.COFFEE: CAFES, Kind.MEAL: RESTAURANTS, Kind.EVENT: CONFERENCES}
_GROUP_KINDS = tuple(GROUP_SUMMARIES)


def _kind_mix(weights: tuple[int, ...]) -> tuple[Kind, ...]:
    """Kinds (in `Kind` order) repeated by weight, so one pick draws from the mix."""
    return tuple(kind for kind, weight in zip(Kind, weights, strict=True) for _ in range(weight))


#                        meal coffee meeting video call event message email other
_CLOSE_MIX = _kind_mix((12, 15, 6, 9, 11, 4, 30, 9, 4))
_ACTIVE_MIX = _kind_mix((5, 12, 12, 12, 8, 8, 20, 20, 3))
_LIGHT_MIX = _kind_mix((2, 7, 9, 8, 4, 12, 26, 30, 2))
_KIND_MIX = {
    "inner": _CLOSE_MIX,
    "close": _CLOSE_MIX,
    "dormant": _CLOSE_MIX,
    "active": _ACTIVE_MIX,
    "wider": _LIGHT_MIX,
    "tail": _LIGHT_MIX,
}
_HOURS = {
    Kind.MEAL: (8, 12, 12, 13, 19, 20),
    Kind.COFFEE: (8, 9, 10, 15, 16),
    Kind.MEETING: (9, 10, 11, 14, 15, 16),
    Kind.VIDEO: (8, 9, 10, 11, 14, 15, 16, 17),
    Kind.CALL: (9, 10, 11, 12, 13, 14, 15, 16, 17, 18),
    Kind.EVENT: (9, 10, 11, 13, 14, 18, 19),
    Kind.MESSAGE: tuple(range(7, 23)),
    Kind.EMAIL: tuple(range(7, 23)),
    Kind.OTHER: tuple(range(9, 21)),
}
_QUARTERS = (0, 15, 30, 45)
_GROUP_CHANCE = 0.12
_NOTE_ON_INTERACTION = 0.04


@dataclass(frozen=True)
class _Voice:
    """How summaries speak about one person: pronouns, topics, and employer over time."""

    words: dict[str, str]  # first, obj, poss, city, introducer, where
    topics: tuple[str, ...]
    recent_topics: tuple[str, ...]  # current needs: only talked about in the last year
    jobs: tuple[tuple[int, int, str], ...]  # (start day, end day or -1, org), newest first
    current_org: str


class _World:
    """Everything the stream needs about all people: their plans and who could meet whom."""

    def __init__(self, people: Sequence[Person], seed: int, now: datetime) -> None:
        self.seed = seed
        self.now_ts = now.timestamp()
        self.midnight_ts = datetime.combine(now.date(), datetime.min.time(), UTC).timestamp()
        self.today = now.date()
        self.people = {id_of(p): p for p in people}
        self.plans = {pid: plan_for(seed, pid) for pid in self.people}
        self.org_pool: dict[str, list[int]] = {}
        self.close_pool: list[int] = []
        for pid, person in self.people.items():
            self._add_to_pools(pid, person)

    def _add_to_pools(self, pid: int, person: Person) -> None:
        tier = self.plans[pid].tier
        if tier == "tail":
            return
        if tier in CLOSE_TIERS:
            self.close_pool.append(pid)
        current = person.current_orgs()
        if current:
            self.org_pool.setdefault(current[0].name, []).append(pid)


def iter_interactions(people: Sequence[Person], seed: int, now: datetime) -> Iterator[Interaction]:
    """Stream every demo interaction, person by person (chronological within a person only)."""
    world = _World(people, seed, as_utc(now))
    for pid, person in world.people.items():
        yield from _person_interactions(world, pid, person)


def _person_interactions(world: _World, pid: int, person: Person) -> Iterator[Interaction]:
    plan = world.plans[pid]
    rng = Random(f"{world.seed}:ix:{pid}")
    voice = _voice(world, person)
    for n, day in enumerate(_schedule(plan, rng)):
        kind, summary, others = _what_happened(world, rng, pid, plan, voice, day, n)
        yield Interaction(
            occurred_at=_moment(world, rng, kind, day),
            kind=kind,
            person_ids=[pid, *others],
            initiated_by=_initiator(rng, plan, kind, summary),
            summary=summary,
            notes=_interaction_note(rng, voice, day),
            source=SOURCE,
            source_id=f"{world.seed}:{pid}:{n}",
        )


def _schedule(plan: Plan, rng: Random) -> list[int]:
    """Interaction days, oldest first: jittered gaps that stay steady, or widen as a tie fades."""
    if plan.tier == "tail":
        days = [plan.met_day]
        if rng.random() < 0.45:
            days.append(plan.met_day - rng.randint(1, min(21, plan.met_day)))
        return days
    days = []
    day, gap = float(plan.first_day), plan.gap
    while day >= plan.last_day:
        days.append(int(day))
        day -= gap * (0.3 + 1.4 * rng.random())
        gap *= plan.fade
    return days


def _voice(world: _World, person: Person) -> _Voice:
    _, obj, poss = PRONOUNS[GENDER_OF.get(person.given_name, "n")]
    introducer = world.people.get(person.met.introduced_by_id or 0)
    words = {
        "first": person.given_name or person.display_name,
        "obj": obj,
        "poss": poss,
        "city": person.location.split(",")[0] or "town",
        "introducer": introducer.display_name if introducer else "a mutual friend",
        "where": person.met.where,
    }
    jobs = tuple(
        (_days_ago(world.today, o.start), _days_ago(world.today, o.end), o.name)
        for o in person.orgs
    )
    current = person.current_orgs()
    return _Voice(
        words=words,
        topics=(*person.interests, *CHAT_TOPICS),
        recent_topics=tuple(_as_topic(need) for need in person.needs),
        jobs=jobs,
        current_org=current[0].name if current else "",
    )


def _days_ago(today: date, day: date | None) -> int:
    return -1 if day is None else (today - day).days


def _as_topic(need: str) -> str:
    """'needs a designer' -> 'finding a designer', so a need reads after 'talked about'."""
    verb, _, rest = need.partition(" ")
    return {"needs": "finding", "wants": "wanting"}.get(verb, verb) + " " + rest


def _what_happened(
    world: _World, rng: Random, pid: int, plan: Plan, voice: _Voice, day: int, n: int
) -> tuple[Kind, str, list[int]]:
    """Kind, summary and co-participants of one interaction."""
    kind, template, others = _pick_template(world, rng, pid, plan, voice, day, n)
    words = _words_at(world, rng, voice, kind, day)
    if others:
        words["names"] = _names(world, [pid, *others])
    return kind, template.format(**words), others


def _pick_template(
    world: _World, rng: Random, pid: int, plan: Plan, voice: _Voice, day: int, n: int
) -> tuple[Kind, str, list[int]]:
    if n == 0 and day == plan.met_day and voice.words["where"]:
        return (*FIRST_MEETING[plan.style], [])
    if n == 1 and plan.tier == "tail":
        return (*pick(rng, FOLLOW_THROUGH), [])
    others = _companions(world, rng, pid, plan, voice, day) if rng.random() < _GROUP_CHANCE else []
    if others:
        kind = pick(rng, _GROUP_KINDS)
        return kind, pick(rng, GROUP_SUMMARIES[kind]), others
    kind = pick(rng, _KIND_MIX[plan.tier])
    return kind, pick(rng, SUMMARIES[kind]), []


def _words_at(world: _World, rng: Random, voice: _Voice, kind: Kind, day: int) -> dict[str, str]:
    """Words for one summary: a topic, a place, and the employer they had on that day."""
    recent = voice.recent_topics and day < 365 and rng.random() < 0.35
    org = _org_on(voice, day)
    places = _PLACES.get(kind)
    return {
        **voice.words,
        "topic": pick(rng, voice.recent_topics if recent else voice.topics),
        "org": org or pick(rng, ORGS),
        "opening": pick(rng, OPENINGS),
        "place": pick(rng, places) if places else "",
        "year": str((world.today - timedelta(days=day)).year) if kind is Kind.EVENT else "",
    }


def _org_on(voice: _Voice, day: int) -> str:
    """Their employer on that day, else the nearest one (between jobs, or still studying)."""
    if not voice.jobs:
        return ""
    newest, oldest = voice.jobs[0], voice.jobs[-1]
    nearest = newest[2] if day < newest[0] else oldest[2]
    return next((name for start, end, name in voice.jobs if start >= day >= end), nearest)


def _companions(
    world: _World, rng: Random, pid: int, plan: Plan, voice: _Voice, day: int
) -> list[int]:
    """One or two people who plausibly know them: close friends, or colleagues at their org."""
    if plan.tier in CLOSE_TIERS and rng.random() < 0.5:
        pool = world.close_pool
    else:
        pool = world.org_pool.get(voice.current_org, [])
    wanted = 1 if rng.random() < 0.7 else 2
    chosen: list[int] = []
    for _ in range(3 * wanted if len(pool) > 1 else 0):
        other = pick(rng, pool)
        them = world.plans[other]
        # Only someone already met, and still in touch, on that day.
        if other != pid and other not in chosen and them.last_day <= day <= them.first_day:
            chosen.append(other)
            if len(chosen) == wanted:
                break
    return chosen


def _names(world: _World, pids: list[int]) -> str:
    names = [world.people[p].given_name or world.people[p].display_name for p in pids]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _moment(world: _World, rng: Random, kind: Kind, day: int) -> datetime:
    """A time of day that suits the kind (lunch at noon, emails any time), never after now."""
    hour = pick(rng, _HOURS[kind])
    minute = rng.randrange(60) if kind in (Kind.EMAIL, Kind.MESSAGE) else pick(rng, _QUARTERS)
    ts = world.midnight_ts - day * 86400 + hour * 3600 + minute * 60
    return datetime.fromtimestamp(min(ts, world.now_ts), UTC)


def _initiator(rng: Random, plan: Plan, kind: Kind, summary: str) -> Initiator | None:
    if summary.startswith(_MY_DOING):
        return Initiator.ME  # "Sent a thank-you note" reads as the user's own move
    if kind is Kind.EVENT and rng.random() < 0.6:
        return None  # nobody "reached out": they just ran into each other
    return Initiator.ME if rng.random() < plan.me_bias else Initiator.THEM


_MY_DOING = ("Sent ", "Congratulated ")


def _interaction_note(rng: Random, voice: _Voice, day: int) -> str:
    if rng.random() >= _NOTE_ON_INTERACTION:
        return ""
    words = {**voice.words, "topic": pick(rng, voice.topics), "org": _org_on(voice, day) or "work"}
    return pick(rng, INTERACTION_NOTES).format(**words)
