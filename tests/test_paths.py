"""Warm paths: scoring and reasons in the core, and the facade on both databases."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from kith.app import Kith
from kith.core.askcheck import AskRules, Concern, TieFacts, check_ask
from kith.core.circles import Circle
from kith.core.contact import ListField
from kith.core.interactions import Interaction, Kind
from kith.core.ledger import Direction, LedgerEntry
from kith.core.paths import (
    MIN_TIE,
    Link,
    LinkKind,
    MyTie,
    PathFacts,
    PathKind,
    Position,
    ThreadMember,
    colleague_links,
    email_thread,
    link_strength,
    overlap,
    thread_links,
    tie_floor_key,
    warm_paths,
)
from kith.core.people import Person
from kith.core.readiness import readiness
from kith.core.strength import strength_from_key
from kith.errors import NotFound

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=-5)))
RULES = AskRules()


def facts() -> PathFacts:
    return PathFacts(
        "Acme",
        insiders=[
            Position(2, "Acme", "CTO", date(2021, 1, 1)),
            Position(3, "Acme", "", date(2019, 1, 1), date(2022, 1, 1)),
            Position(4, "Acme", "Engineer", date(2023, 1, 1)),
        ],
        ties={
            1: MyTie(1, "Ana", 80, date(2026, 10, 20)),
            2: MyTie(2, "Li", 0, None),
            3: MyTie(3, "Bo", 40, date(2026, 1, 1)),
            4: MyTie(4, "Cy", 0, None),
        },
        links=[Link(1, 2, LinkKind.MET_TOGETHER, count=6, last=date(2026, 10, 1))],
    )


def test_second_degree_path_is_as_strong_as_its_weakest_link_and_explained() -> None:
    paths = warm_paths(facts(), TODAY)
    through = next(p for p in paths if p.kind is PathKind.SECOND_DEGREE)
    assert through.via is not None and through.via.name == "Ana" and through.to.name == "Li"
    assert through.score == pytest.approx(min(80, link_strength(facts().links[0], TODAY)), abs=0.1)
    assert "you met Ana and Li together 6 times" in through.reason
    assert "Li works at Acme as CTO" in through.reason


def test_former_employees_count_less_and_strangers_are_never_a_way_in() -> None:
    paths = warm_paths(facts(), TODAY)
    former = next(p for p in paths if p.kind is PathKind.KNOW_FORMER)
    assert former.score == pytest.approx(40 * 0.8) and "2019–2022" in former.reason
    assert all(p.to.name != "Cy" for p in paths)  # no tie, nobody who knows them
    assert [p.score for p in paths] == sorted((p.score for p in paths), reverse=True)


def test_colleagues_need_a_shown_overlap() -> None:
    assert overlap(date(2020, 1, 1), date(2022, 1, 1), date(2021, 1, 1), None) == (
        date(2021, 1, 1),
        date(2022, 1, 1),
    )
    assert overlap(date(2020, 1, 1), date(2020, 6, 1), date(2021, 1, 1), None) is None
    assert overlap(None, None, date(2021, 1, 1), None) == (date(2021, 1, 1), None)
    assert overlap(None, date(2020, 1, 1), date(2019, 1, 1), date(2021, 1, 1)) is None
    links = colleague_links(
        [Position(1, "Acme", "", date(2021, 1, 1), date(2024, 6, 1), "acme")],
        [
            Position(2, "Acme", "", date(2020, 1, 1), None, "acme"),
            Position(1, "Acme", org_key="acme"),
        ],
    )
    assert [(lk.a, lk.b, lk.start, lk.end) for lk in links] == [
        (1, 2, date(2021, 1, 1), date(2024, 6, 1))
    ]


def _tie(strength: float, quiet_days: int | None, *ledger: LedgerEntry) -> TieFacts:
    last = None if quiet_days is None else NOW - timedelta(days=quiet_days)
    return TieFacts(1, "Ana", strength, Circle.CLOSE, last, 12, tuple(ledger))


def _entry(direction: Direction, days_ago: int) -> LedgerEntry:
    return LedgerEntry(1, direction, "something", NOW.date() - timedelta(days_ago))


def test_readiness_never_asks_a_stranger_and_says_what_to_give() -> None:
    # Even with thresholds that would let anyone be asked, a stranger is not.
    lax = AskRules(min_strength=0, quiet_days=100_000, give_within_days=100_000, ask_ratio=99)
    stranger = readiness(_tie(0, None), lax, NOW, "Send the deck.")
    assert not stranger.ready and "never ask a stranger" in stranger.why
    assert "Send the deck." in stranger.give_first and stranger.concerns == ()
    assert not readiness(_tie(3, 5), lax, NOW).ready  # below MIN_TIE: no tie to speak of


def test_readiness_is_the_ask_check_with_what_to_give_first() -> None:
    gave = _entry(Direction.I_GAVE, 30)
    ready = readiness(_tie(70, 10, gave), RULES, NOW)
    assert ready.ready and ready.give_first == "" and ready.concerns == ()
    asks = [_entry(Direction.I_ASKED, d) for d in (5, 50, 90)]
    overdrawn = readiness(_tie(70, 10, gave, *asks), RULES, NOW, "Send the deck.")
    assert overdrawn.concerns == (Concern.ASKS_OUTWEIGH_GIVES,)
    assert overdrawn.give_first == "Give back first. Send the deck."
    assert "asked 3 times" in overdrawn.why
    dormant = readiness(_tie(70, 400, gave), RULES, NOW)
    assert not dormant.ready and dormant.give_first.startswith("Reconnect before asking.")
    never_given = readiness(_tie(70, 10), RULES, NOW)
    assert never_given.concerns == (Concern.NO_RECENT_GIVE,)
    assert never_given.give_first.startswith("Give first.")
    for tie in (_tie(70, 10, gave), _tie(10, 10, gave), _tie(70, 400), _tie(70, 10, gave, *asks)):
        check = check_ask(tie, RULES, NOW)
        verdict = readiness(tie, RULES, NOW)
        assert verdict.ready == check.warm and verdict.concerns == check.concerns


def test_paths_through_the_store(kith: Kith) -> None:
    kith.add_person("Ana Ruiz", {ListField.ORG: ["Globex:PM:2018"]})
    kith.add_person("Li Wei", {ListField.ORG: ["Acme Robotics:CTO:2021"]})
    kith.add_person("Bo Chen", {ListField.ORG: ["Acme Robotics::2015:2019"]})
    kith.log("coffee with Ana Ruiz and Li Wei", when="2026-10-01")
    kith.log("lunch with Ana Ruiz")
    kith.log("dinner with Bo Chen", when="2026-11-01")
    kith.log("lunch with Bo Chen", when="2026-11-20")
    result = kith.paths("acme")
    assert result.company == "Acme Robotics" and result.insiders == 2 and result.current == 1
    kinds = [(w.path.kind, w.path.to.name) for w in result.ways]
    assert (PathKind.SECOND_DEGREE, "Li Wei") in kinds
    assert (PathKind.KNOW_FORMER, "Bo Chen") in kinds
    with pytest.raises(NotFound):
        kith.paths("Initech")


def test_explicit_knows_makes_a_path(kith: Kith) -> None:
    kith.add_person("Ana Ruiz")
    kith.add_person("Li Wei", {ListField.ORG: ["Acme:CTO:2021"]})
    kith.log("dinner with Ana Ruiz")
    assert kith.paths("Acme").ways == []
    first = kith.knows("Ana", "Li", how="college friends")
    assert first.new and not kith.knows("Li Wei", "Ana Ruiz").new
    way = kith.paths("Acme").ways[0]
    assert way.path.via is not None and way.path.via.name == "Ana Ruiz"
    assert "you noted that Ana Ruiz knows Li Wei (college friends)" in way.path.reason


def test_the_tie_floor_is_the_weakest_tie_that_counts() -> None:
    now = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    floor = tie_floor_key(now)
    # Ties are shown and compared to one decimal: 4.95 counts as 5, 4.9 does not.
    assert strength_from_key(floor, now) == pytest.approx(MIN_TIE - 0.05)
    assert strength_from_key(floor * 0.98, now) < MIN_TIE - 0.05


def test_explicit_knows_goes_through_the_warmest_go_between_from_either_end(kith: Kith) -> None:
    # Sam is added first and Dee last, so their pairs are stored with the insider on
    # either side (person_id < other_id).
    kith.add_person("Sam Insider", {ListField.ORG: ["Acme:CTO:2021"]})
    for name in ("Ana Ruiz", "Bo Chen", "Cy Park", "Eve Stone"):
        kith.add_person(name)
    kith.add_person("Dee Insider", {ListField.ORG: ["Acme:Engineer:2022"]})
    for _ in range(3):
        kith.log("dinner with Ana Ruiz")
    kith.log("lunch with Bo Chen", when="2026-10-01")  # a real tie, but weaker than Ana
    for _ in range(5):
        kith.log("dinner with Eve Stone")  # the warmest of all, but archived
    kith.archive("Eve Stone")
    for via in ("Bo Chen", "Ana Ruiz", "Cy Park", "Eve Stone"):
        kith.knows(via, "Sam Insider")
        kith.knows("Dee Insider", via)
    ways = {w.path.to.name: w.path for w in kith.paths("Acme").ways}
    assert set(ways) == {"Sam Insider", "Dee Insider"}
    for path in ways.values():
        assert path.kind is PathKind.SECOND_DEGREE
        assert path.via is not None and path.via.name == "Ana Ruiz"
    kith.knows("Bo Chen", "Cy Park")  # pairs that reach no insider change nothing
    assert {w.path.to.name for w in kith.paths("Acme").ways} == set(ways)


def test_paths_readiness_agrees_with_the_ask_check(kith: Kith) -> None:
    kith.add_person("Ana Ruiz", {ListField.ORG: ["Acme:CTO:2021"]})
    kith.add_person("Bo Chen", {ListField.ORG: ["Acme:PM:2022"]})
    for when in ("2026-09-01", "2026-10-01", "2026-11-01"):
        kith.log("dinner with Ana Ruiz", when=when)
        kith.log("dinner with Bo Chen", when=when)
    kith.record(Direction.I_GAVE, "Ana Ruiz", "an intro to a designer")
    ways = {w.path.to.name: w for w in kith.paths("Acme").ways}
    assert set(ways) == {"Ana Ruiz", "Bo Chen"}
    now = kith.clock()
    with kith.store.unit() as repo:  # the facts `kith ask` checks (giving, #4)
        for way in ways.values():
            pid = way.path.to.id
            standing = repo.standings([pid])[pid]
            facts = TieFacts(pid, way.path.to.name, standing.strength(now), standing.circle,
                             standing.last_contact, standing.interaction_count,
                             tuple(repo.ledger_for(pid)))  # fmt: skip
            check = check_ask(facts, kith.settings.asks, now)
            assert way.readiness.ready == check.warm
            assert way.readiness.concerns == check.concerns
    assert ways["Ana Ruiz"].readiness.ready
    assert ways["Bo Chen"].readiness.concerns == (Concern.NO_RECENT_GIVE,)
    assert ways["Bo Chen"].readiness.give_first.startswith("Give first.")


def test_email_threads_are_read_from_the_mail_importers_keys() -> None:
    assert email_thread("email:<root@x.org>:2026-10-01:ana@x.org") == "email:<root@x.org>:"
    assert email_thread("email:Re: plans:2026-10-01:ana@x.org") == "email:Re: plans:"
    assert email_thread("linkedin:123") is None and email_thread(None) is None
    assert email_thread("email:2026-10-01:ana@x.org") is None  # no thread in it
    day = date(2026, 10, 1)
    members = [
        ThreadMember("t1", 1, day), ThreadMember("t1", 2, day), ThreadMember("t1", 3, day),
        ThreadMember("t2", 1, date(2026, 11, 1)), ThreadMember("t2", 2, date(2026, 11, 2)),
        ThreadMember("t3", 1, day),  # the user and Ana alone: no one to know
    ]  # fmt: skip
    links = {(lk.a, lk.b): lk for lk in thread_links({2}, members)}
    assert set(links) == {(1, 2), (3, 2)}
    assert links[(1, 2)].count == 2 and links[(1, 2)].last == date(2026, 11, 2)
    assert links[(3, 2)].count == 1 and links[(3, 2)].kind is LinkKind.SHARED_THREAD
    assert link_strength(links[(1, 2)], date(2026, 11, 2)) < link_strength(
        Link(1, 2, LinkKind.MET_TOGETHER, count=2, last=date(2026, 11, 2)), date(2026, 11, 2)
    )


def add_email(kith: Kith, person: Person, thread: str, day: str) -> None:
    """An email as the mail importer stores it: one interaction per thread, day, person."""
    assert person.id is not None
    moment = datetime.fromisoformat(f"{day}T15:00:00+00:00")
    key = f"email:{thread}:{day}:{person.display_name.split()[0].lower()}@x.org"
    item = Interaction(moment, Kind.EMAIL, [person.id], source="mbox", source_id=key)
    with kith.store.unit(write=True) as repo:
        repo.insert_interaction(item, kith.clock())


def test_shared_email_threads_make_a_path(kith: Kith) -> None:
    ana = kith.add_person("Ana Ruiz")
    li = kith.add_person("Li Wei", {ListField.ORG: ["Acme:CTO:2021"]})
    bo = kith.add_person("Bo Chen")
    for _ in range(3):
        kith.log("dinner with Ana Ruiz")
        kith.log("dinner with Bo Chen")
    add_email(kith, bo, "<other@x.org>", "2026-10-01")  # a thread without Li
    add_email(kith, li, "<other@x.org>:extra", "2026-10-01")  # a longer name: another thread
    assert kith.paths("Acme").ways == []
    for day in ("2026-09-01", "2026-10-05"):
        add_email(kith, ana, "<plans@x.org>", day)
        add_email(kith, li, "<plans@x.org>", day)
    way = kith.paths("Acme").ways[0]
    assert way.path.via is not None and way.path.via.name == "Ana Ruiz"
    assert "Ana Ruiz and Li Wei were on an email thread with you, last" in way.path.reason
