"""The demo data: deterministic, internally consistent, and shaped like a real network."""

from __future__ import annotations

import re
import types
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone

import pytest

from kith import demo
from kith.core.interactions import Interaction
from kith.core.ledger import Direction, Status
from kith.core.people import Person

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
TODAY = NOW.date()
SEED = 7


class Network:
    """One generated demo: people and everything about them."""

    def __init__(self, count: int, seed: int = SEED, now: datetime = NOW) -> None:
        self.people = demo.generate_people(count, seed, now)
        self.interactions = list(demo.iter_interactions(self.people, seed, now))
        self.ledger = demo.generate_ledger(self.people, seed, now)
        self.followups = demo.generate_followups(self.people, seed, now)
        self.by_id = {p.id: p for p in self.people}

    def touches(self) -> Counter[int]:
        """How many interactions each person takes part in."""
        return Counter(pid for ix in self.interactions for pid in ix.person_ids)


@pytest.fixture(scope="module")
def small() -> Network:
    return Network(200)


@pytest.fixture(scope="module")
def large() -> Network:
    return Network(5000)


def test_same_inputs_give_identical_output(small: Network) -> None:
    again = Network(200)
    assert again.people == small.people
    assert again.interactions == small.interactions
    assert again.ledger == small.ledger
    assert again.followups == small.followups
    assert demo.generate_me(SEED) == demo.generate_me(SEED)


def test_another_seed_gives_another_network(small: Network) -> None:
    other = demo.generate_people(200, SEED + 1, NOW)
    assert [p.display_name for p in other] != [p.display_name for p in small.people]


def test_people_are_numbered_and_distinct(small: Network) -> None:
    assert [p.id for p in small.people] == list(range(1, 201))
    assert len({p.display_name for p in small.people}) == 200  # no duplicates at small counts
    emails = [e.lower() for p in small.people for e in p.emails]
    assert len(emails) == len(set(emails))  # the store keeps emails unique per account


def test_people_look_complete(small: Network) -> None:
    people = small.people
    assert all(p.given_name and p.family_name for p in people)
    assert all(p.display_name == f"{p.given_name} {p.family_name}" for p in people)
    assert any(not p.display_name.isascii() for p in people)
    assert sum(bool(p.current_orgs()) for p in people) > 0.75 * len(people)
    assert sum(len(p.orgs) >= 2 for p in people) > 0.4 * len(people)
    assert sum(bool(p.linkedin()) for p in people) > 0.4 * len(people)
    assert all(2 <= len(p.interests) <= 4 for p in people)
    assert all(len(p.needs) <= 2 and len(p.offers) <= 2 for p in people)
    assert sum(bool(p.needs) for p in people) > 0.3 * len(people)
    assert all(p.location for p in people)
    birthdays = sum(any(d.label == "birthday" for d in p.dates) for p in people)
    assert 0.25 * len(people) < birthdays < 0.6 * len(people)


def test_contact_details_are_well_formed(small: Network) -> None:
    for person in small.people:
        for phone in person.phones:
            assert re.fullmatch(r"\+\d{10,14}", phone), phone
        for email in person.emails:
            assert re.fullmatch(r"[a-z0-9.]+@[a-z0-9.-]+\.[a-z]+", email), email
        for link in person.links:
            assert re.fullmatch(r"https://www\.linkedin\.com/in/[a-z0-9-]+", link), link


def test_orgs_are_chronological(large: Network) -> None:
    for person in large.people:
        assert sum(o.current for o in person.orgs) <= 1
        assert all(o.start is not None and o.start <= TODAY for o in person.orgs)
        assert all(o.end is None or o.start <= o.end <= TODAY for o in person.orgs if o.start)
        # Newest first: each earlier position ended before the next one started.
        for newer, older in zip(person.orgs, person.orgs[1:], strict=False):
            assert older.end is not None and newer.start is not None
            assert older.end <= newer.start


def test_introducers_are_earlier_people_known_first(large: Network) -> None:
    introduced = [p for p in large.people if p.met.introduced_by_id is not None]
    assert 0.08 * len(large.people) < len(introduced) < 0.25 * len(large.people)
    for person in introduced:
        introducer = large.by_id[person.met.introduced_by_id]
        assert introducer.id is not None and person.id is not None
        assert introducer.id < person.id
        assert (
            introducer.met.when is None
            or person.met.when is None
            or (introducer.met.when < person.met.when)
        )


def test_people_dates_are_in_the_past(large: Network) -> None:
    for person in large.people:
        assert person.met.when is None or person.met.when <= TODAY
        assert person.created_at is not None and person.created_at.tzinfo is not None
        assert person.created_at <= NOW
        assert all(d.year is None or d.year < TODAY.year - 18 for d in person.dates)


def test_interactions_are_aware_past_and_reference_people(large: Network) -> None:
    oldest = NOW - timedelta(days=demo.WINDOW_DAYS + 1)
    for ix in large.interactions:
        assert ix.occurred_at.tzinfo is not None
        assert ix.occurred_at.utcoffset() == timedelta(0)
        assert oldest <= ix.occurred_at <= NOW
        assert ix.person_ids and all(pid in large.by_id for pid in ix.person_ids)
        assert len(set(ix.person_ids)) == len(ix.person_ids) <= 3
        assert ix.summary and ix.source == demo.SOURCE
    source_ids = [ix.source_id for ix in large.interactions]
    assert len(set(source_ids)) == len(source_ids)


def test_nobody_is_seen_before_they_were_met(large: Network) -> None:
    for ix in large.interactions:
        for pid in ix.person_ids:
            met = large.by_id[pid].met.when
            assert met is None or met <= ix.occurred_at.date(), (ix, met)


def test_interactions_stream_lazily() -> None:
    people = demo.generate_people(20, SEED, NOW)
    stream = demo.iter_interactions(people, SEED, NOW)
    assert isinstance(stream, types.GeneratorType)
    assert isinstance(next(stream), Interaction)


def test_counts_are_sensible_for_small_and_large(small: Network, large: Network) -> None:
    assert 8 * 200 < len(small.interactions) < 35 * 200
    assert 15 * 5000 < len(large.interactions) < 25 * 5000
    assert 0.1 * 200 < len(small.ledger) < 2 * 200
    assert 0.2 * 5000 < len(large.ledger) < 1.5 * 5000


def test_tie_strength_is_dunbar_shaped(large: Network) -> None:
    touches = large.touches()
    counts = [touches[p.id] for p in large.people if p.id is not None]
    assert min(counts) >= 1
    assert sum(c > 50 for c in counts) > 0.03 * len(counts)
    assert sum(c <= 2 for c in counts) > 0.3 * len(counts)
    groups = sum(len(ix.person_ids) > 1 for ix in large.interactions)
    assert 0.05 < groups / len(large.interactions) < 0.15


def test_kinds_and_initiators_vary(large: Network) -> None:
    kinds = Counter(ix.kind for ix in large.interactions)
    assert len(kinds) == 9
    initiators = Counter(ix.initiated_by for ix in large.interactions)
    assert len(initiators) == 3


def test_ledger_is_consistent(large: Network) -> None:
    ledger = large.ledger
    assert {e.direction for e in ledger} == set(Direction)
    statuses = Counter(e.status for e in ledger)
    assert set(statuses) == set(Status)
    assert statuses[Status.DONE] > 0.6 * len(ledger)
    assert all(e.person_id in large.by_id and e.occurred_on <= TODAY and e.what for e in ledger)


def test_some_people_were_only_asked_of(small: Network) -> None:
    directions: dict[int, set[Direction]] = {}
    for entry in small.ledger:
        directions.setdefault(entry.person_id, set()).add(entry.direction)
    takers = [pid for pid, seen in directions.items() if seen == {Direction.I_ASKED}]
    assert len(takers) >= 3


def test_closer_ties_have_more_ledger_entries(large: Network) -> None:
    touches = large.touches()
    entries = Counter(e.person_id for e in large.ledger)
    close = [entries[pid] for pid, n in touches.items() if n > 80]
    light = [entries[pid] for pid, n in touches.items() if n <= 2]
    assert sum(close) / len(close) > 5 * sum(light) / len(light)


def test_followups_mix_overdue_upcoming_and_done(large: Network) -> None:
    followups = large.followups
    assert 100 <= len(followups) <= 250  # a few dozen per thousand people
    assert all(f.person_id in large.by_id and f.what for f in followups)
    assert any(f.is_overdue(TODAY) for f in followups)
    assert any(f.is_open and TODAY <= f.due <= TODAY + timedelta(days=14) for f in followups)
    done = [f.done_at for f in followups if f.done_at is not None]
    assert done and all(at.tzinfo is not None and at <= NOW for at in done)


def test_small_counts_still_get_followups() -> None:
    people = demo.generate_people(10, SEED, NOW)
    assert len(demo.generate_followups(people, SEED, NOW)) >= 3


def test_now_in_another_timezone_is_respected() -> None:
    now = datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=-5)))
    people = demo.generate_people(100, SEED, now)
    assert all(ix.occurred_at <= now for ix in demo.iter_interactions(people, SEED, now))


def test_people_without_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="no id"):
        list(demo.iter_interactions([Person("Ana Ruiz")], SEED, NOW))


def test_me_is_a_plausible_profile() -> None:
    me = demo.generate_me(SEED)
    assert me.name == "Sam Rivera"
    assert me.emails and 2 <= len(me.offers) <= 3 and 1 <= len(me.needs) <= 2
    assert len(me.goals) == 2
