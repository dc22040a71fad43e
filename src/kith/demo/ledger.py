"""The ledger of gives and asks between the user and their people, and follow-ups owed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from random import Random

from kith.core.followups import FollowUp
from kith.core.ledger import Direction, LedgerEntry, Status
from kith.core.people import Person
from kith.demo.common import as_utc, id_of, pick
from kith.demo.people import pick_org
from kith.demo.phrases import FOLLOWUP_TEXT, LEDGER_TEXT
from kith.demo.plans import Plan, plan_for
from kith.demo.vocabulary import CHAT_TOPICS, CONFERENCES, GENDER_OF, OPENINGS, ORGS, PRONOUNS

_DIRECTIONS = tuple(LEDGER_TEXT)
_DIRECTION_CUM = list(accumulate((35, 25, 20, 20)))


def generate_ledger(people: Sequence[Person], seed: int, now: datetime) -> list[LedgerEntry]:
    """Gives and asks, more of them with closer ties; a few people the user only ever asked of."""
    today = as_utc(now).date()
    rng = Random(f"{seed}:ledger")
    plans = {id_of(p): plan_for(seed, id_of(p)) for p in people}
    takers = _ask_only(rng, plans)
    entries: list[LedgerEntry] = []
    for person in people:
        plan = plans[id_of(person)]
        for direction in _directions(rng, plan.tier, id_of(person) in takers):
            entries.append(_ledger_entry(rng, person, plan, people, today, direction))
    return entries


def _directions(rng: Random, tier: str, taker: bool) -> list[Direction]:
    if taker:
        return [Direction.I_ASKED] * rng.randint(2, 3)
    return rng.choices(_DIRECTIONS, cum_weights=_DIRECTION_CUM, k=_ledger_count(rng, tier))


def _ask_only(rng: Random, plans: dict[int, Plan]) -> set[int]:
    """People the user has only asked of: the product's "give first" nudge needs examples."""
    candidates = [pid for pid, plan in plans.items() if plan.tier in ("active", "wider")]
    wanted = max(3, len(plans) // 250)
    return set(rng.sample(candidates, min(wanted, len(candidates))))


def _ledger_count(rng: Random, tier: str) -> int:
    if tier == "inner":
        return rng.randint(3, 8)
    if tier == "close":
        return rng.randint(2, 5)
    if tier == "dormant":
        return rng.randint(1, 3)
    if tier == "active":
        return rng.randint(0, 3)
    chance = 0.25 if tier == "wider" else 0.04
    return 1 if rng.random() < chance else 0


def _ledger_entry(
    rng: Random,
    person: Person,
    plan: Plan,
    people: Sequence[Person],
    today: date,
    direction: Direction,
) -> LedgerEntry:
    kind = pick(rng, tuple(LEDGER_TEXT[direction]))
    day = rng.randint(plan.last_day, plan.first_day)
    return LedgerEntry(
        person_id=id_of(person),
        direction=direction,
        what=pick(rng, LEDGER_TEXT[direction][kind]).format(**_ledger_words(rng, person, people)),
        occurred_on=today - timedelta(days=day),
        kind=kind,
        status=_ledger_status(rng, direction, day),
    )


def _ledger_words(rng: Random, person: Person, people: Sequence[Person]) -> dict[str, str]:
    _, obj, poss = PRONOUNS[GENDER_OF.get(person.given_name, "n")]
    current = person.current_orgs()
    org = current[0].name if current else pick(rng, ORGS)
    return {
        "obj": obj,
        "poss": poss,
        "other": _someone_else(rng, person, people),
        "org": org,
        "elsewhere": pick_org(rng, ORGS, avoid=org),
        "opening": pick(rng, OPENINGS),
        "topic": pick(rng, person.interests or CHAT_TOPICS),
        "city": person.location.split(",")[0] or "town",
        "conference": pick(rng, CONFERENCES),
    }


def _someone_else(rng: Random, person: Person, people: Sequence[Person]) -> str:
    """Another person as an introduction names them: "Maria Ruiz at Globex"."""
    other = pick(rng, people)
    if other is person and len(people) > 1:
        other = people[(people.index(person) + 1) % len(people)]
    current = other.current_orgs()
    return f"{other.display_name} at {current[0].name}" if current else other.display_name


def _ledger_status(rng: Random, direction: Direction, day: int) -> Status:
    """Gives are logged once done; recent asks are often still open, a few get declined."""
    roll = rng.random()
    if direction.is_give:
        return Status.OPEN if day < 30 and roll < 0.3 else Status.DONE
    if day < 60:
        return Status.OPEN if roll < 0.6 else Status.DONE if roll < 0.9 else Status.DECLINED
    return Status.DONE if roll < 0.78 else Status.DECLINED if roll < 0.9 else Status.OPEN


_FOLLOWUPS_PER_PERSON = 0.035


def generate_followups(people: Sequence[Person], seed: int, now: datetime) -> list[FollowUp]:
    """A few dozen per thousand people: some overdue, some due soon, some already done."""
    now = as_utc(now)
    rng = Random(f"{seed}:followups")
    wanted = max(3, round(len(people) * _FOLLOWUPS_PER_PERSON)) if people else 0
    followups: list[FollowUp] = []
    while len(followups) < wanted:
        person = pick(rng, people)
        # Promises are mostly made to people the user actually sees.
        if plan_for(seed, id_of(person)).tier == "tail" and rng.random() < 0.8:
            continue
        followups.append(_followup(rng, person, people, now))
    return followups


def _followup(rng: Random, person: Person, people: Sequence[Person], now: datetime) -> FollowUp:
    today = now.date()
    what = pick(rng, FOLLOWUP_TEXT).format(**_ledger_words(rng, person, people))
    roll = rng.random()
    if roll < 0.3:  # overdue
        return FollowUp(id_of(person), what, today - timedelta(days=rng.randint(1, 45)))
    if roll < 0.7:  # due within two weeks
        return FollowUp(id_of(person), what, today + timedelta(days=rng.randint(0, 14)))
    if roll < 0.8:
        return FollowUp(id_of(person), what, today + timedelta(days=rng.randint(15, 60)))
    due = today - timedelta(days=rng.randint(0, 90))
    done = datetime.combine(due, datetime.min.time(), UTC) + timedelta(
        days=rng.randint(-5, 2), hours=rng.randint(8, 20)
    )
    return FollowUp(id_of(person), what, due, done_at=min(done, now))
