"""kith.core.agenda: ranking, one entry per person, the capped short list, suggest_give."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.core.agenda import (
    DEFAULT_LIMIT,
    SHOWN_AT_MOST,
    AgendaEntry,
    AgendaFacts,
    Brief,
    DormantTie,
    DueTie,
    Reason,
    Thanks,
    UpcomingDate,
    build_agenda,
    suggest_give,
)
from kith.core.circles import Circle
from kith.core.followups import FollowUp
from kith.core.ledger import Direction, LedgerEntry

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)
TODAY = NOW.date()
DAY = timedelta(days=1)

ANN = Brief(1, "Ann Lee", needs=("A Python mentor",), interests=("sailing",))
BOB = Brief(2, "Bob Roy", interests=("climate tech",))
CY = Brief(3, "Cy Park")
OFFERS = ("Mentor junior Python developers",)


def followup(
    person: Brief, what: str = "Send the deck", due: date = TODAY
) -> tuple[Brief, FollowUp]:
    return person, FollowUp(person.id, what, due)


def due_tie(
    person: Brief,
    circle: Circle = Circle.ACTIVE,
    due: date = TODAY,
    missed: int = 1,
    last: datetime | None = NOW - timedelta(days=100),
) -> DueTie:
    return DueTie(person, circle, due, last, missed)


def upcoming(
    person: Brief, on: date = TODAY, label: str = "birthday", years: int | None = None
) -> UpcomingDate:
    return UpcomingDate(person, label, on, years)


def dormant(
    person: Brief, count: int = 8, changed: str = "", summary: str = "", years: int = 2
) -> DormantTie:
    return DormantTie(person, NOW - timedelta(days=365 * years), count, summary, changed)


def thanks(person: Brief, what: str = "Intro to Dana", on: date = TODAY - 12 * DAY) -> Thanks:
    return Thanks(person, LedgerEntry(person.id, Direction.THEY_GAVE, what, on))


def only(facts: AgendaFacts) -> AgendaEntry:
    [entry] = build_agenda(facts, TODAY)
    return entry


# --- one entry per person -----------------------------------------------------------


def test_a_person_with_many_reasons_is_listed_once_with_every_reason() -> None:
    facts = AgendaFacts(
        due=[due_tie(ANN, Circle.WIDER, TODAY - 400 * DAY, missed=2)],
        dormant=[dormant(ANN, summary="Talked about her move to Lisbon.")],
        thanks=[thanks(ANN)],
        my_offers=OFFERS,
    )
    for limit in (DEFAULT_LIMIT, None):
        [entry] = build_agenda(facts, TODAY, limit)
        # thanks 80 − 12/6 = 78 > due 46 + 3·2 = 52 > dormant 40 + 8/4 = 42
        assert (entry.person_id, entry.person, entry.reason) == (1, "Ann Lee", Reason.THANKS)
        assert entry.reasons == [Reason.THANKS, Reason.DUE, Reason.DORMANT]
        assert entry.priority == pytest.approx(78)
        assert entry.action == "Thank them, and tell them what came of it."
        assert entry.why == [
            "Help from them 12 days ago: “Intro to Dana”; not yet thanked or given back.",
            "Keep-in-touch for your wider circle is overdue by 400 days "
            "(last contact 3 months ago).",
            "Missed 2 cadences: keep them wider, or move them down.",
            "Quiet since 2024-11-25 (2 years ago), after 8 interactions: "
            "dormant ties often give the freshest advice.",
            "Last time you talked: Talked about her move to Lisbon.",
        ]


def test_two_follow_ups_for_one_person_merge_the_same_way_in_any_order() -> None:
    # Equal priorities used to be merged in input order (see the report).
    first, second = followup(ANN, "Send the deck"), followup(ANN, "Call Bob")
    a = build_agenda(AgendaFacts(followups=[first, second]), TODAY)
    b = build_agenda(AgendaFacts(followups=[second, first]), TODAY)
    assert a == b
    assert a[0].why == [
        "You promised to call Bob (due today).",
        "You promised to send the deck (due today).",
    ]
    assert a[0].reasons == [Reason.FOLLOW_UP]


# --- ranking --------------------------------------------------------------------------


@pytest.mark.parametrize("circle", [c for c in Circle if c is not Circle.DORMANT])
@pytest.mark.parametrize("missed", [1, 2, 4, 9])
def test_follow_ups_outrank_cadence_entries(circle: Circle, missed: int) -> None:
    facts = AgendaFacts(
        followups=[followup(BOB, due=TODAY)],
        due=[due_tie(ANN, circle, TODAY - 300 * DAY, missed=missed)],
    )
    assert [e.reason for e in build_agenda(facts, TODAY)] == [Reason.FOLLOW_UP, Reason.DUE]


def test_inner_overdue_outranks_wider_overdue_however_late() -> None:
    facts = AgendaFacts(
        due=[
            due_tie(BOB, Circle.WIDER, TODAY - 2000 * DAY, missed=9),
            due_tie(ANN, Circle.INNER, TODAY, missed=1),
        ]
    )
    assert [e.person for e in build_agenda(facts, TODAY)] == ["Ann Lee", "Bob Roy"]


def test_a_dormant_tie_that_changed_outranks_one_that_did_not() -> None:
    # changed, met 50 times: 40 + 6 = 46; unchanged, met twice: 40 + 3 = 43
    facts = AgendaFacts(
        dormant=[dormant(ANN, count=2), dormant(BOB, count=50, changed="now CTO, Acme")]
    )
    entries = build_agenda(facts, TODAY)
    assert [e.person for e in entries] == ["Bob Roy", "Ann Lee"]
    assert entries[0].action == "Reconnect: congratulate them (now CTO, Acme)."
    assert "Since then: now CTO, Acme." in entries[0].why


def test_dormant_revivals_reach_beyond_old_favourites() -> None:
    # Unchanged situations: met three times (40 + 3) before met forty times (40).
    facts = AgendaFacts(dormant=[dormant(ANN, count=40), dormant(BOB, count=3)])
    assert [e.person for e in build_agenda(facts, TODAY)] == ["Bob Roy", "Ann Lee"]


def test_sooner_dates_and_later_follow_ups_rank_higher() -> None:
    facts = AgendaFacts(
        dates=[upcoming(ANN, TODAY + 3 * DAY), upcoming(BOB, TODAY)],
        followups=[followup(CY, due=TODAY - 6 * DAY)],
    )
    ranked = build_agenda(facts, TODAY)
    # follow-up 90 + 6/3 = 92; date today 85; date in 3 days 85 − 6 = 79
    assert [(e.person, e.priority) for e in ranked] == [
        ("Cy Park", pytest.approx(92)),
        ("Bob Roy", 85),
        ("Ann Lee", 79),
    ]


def test_equal_priorities_are_ordered_by_name_then_id() -> None:
    twin = Brief(9, "Ann Lee")
    facts = AgendaFacts(dates=[upcoming(twin), upcoming(BOB), upcoming(ANN)])
    assert [(e.person, e.person_id) for e in build_agenda(facts, TODAY, limit=None)] == [
        ("Ann Lee", 1),
        ("Ann Lee", 9),
        ("Bob Roy", 2),
    ]


# --- the short list -------------------------------------------------------------------


def crowded() -> AgendaFacts:
    """Five follow-ups, four dates, four thanks, four dormant ties and ten due ties."""
    people = iter(Brief(i, f"Person {i:02}") for i in range(1, 100))
    return AgendaFacts(
        followups=[followup(next(people)) for _ in range(5)],
        dates=[upcoming(next(people)) for _ in range(4)],
        thanks=[thanks(next(people)) for _ in range(4)],
        dormant=[dormant(next(people)) for _ in range(4)],
        due=[due_tie(next(people), Circle.CLOSE) for _ in range(10)],
    )


def test_the_short_list_respects_the_limit_and_each_sources_cap() -> None:
    short = build_agenda(crowded(), TODAY)
    assert len(short) == DEFAULT_LIMIT
    shown = Counter(e.reason for e in short)
    assert all(shown[reason] <= cap for reason, cap in SHOWN_AT_MOST.items())
    # 2 follow-ups (3 held back), 1 date, 1 thanks, then cadences: dormant ranks last
    assert shown == {Reason.FOLLOW_UP: 2, Reason.DATE: 1, Reason.THANKS: 1, Reason.DUE: 3}


def test_a_roomy_limit_fills_up_with_what_the_caps_held_back() -> None:
    roomy = build_agenda(crowded(), TODAY, limit=100)
    assert roomy == build_agenda(crowded(), TODAY, limit=None)
    twelve = build_agenda(crowded(), TODAY, limit=12)
    assert len(twelve) == 12 and Counter(e.reason for e in twelve)[Reason.DUE] == 8


def test_no_limit_shows_everyone_in_rank_order() -> None:
    everything = build_agenda(crowded(), TODAY, limit=None)
    assert len(everything) == 27
    assert [e.priority for e in everything] == sorted(
        (e.priority for e in everything), reverse=True
    )
    short = build_agenda(crowded(), TODAY)
    positions = [everything.index(e) for e in short]
    assert positions == sorted(positions)  # the short list keeps the full ranking's order


def test_an_empty_agenda() -> None:
    assert build_agenda(AgendaFacts(), TODAY) == []
    assert build_agenda(AgendaFacts(), TODAY, limit=None) == []


# --- the words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "when"),
    [(TODAY, "due today"), (TODAY - DAY, "1 day overdue"), (TODAY - 3 * DAY, "3 days overdue")],
)
def test_follow_up_entry(due: date, when: str) -> None:
    entry = only(AgendaFacts(followups=[followup(ANN, "Send the deck.", due)]))
    assert entry.why == [f"You promised to send the deck ({when})."]
    assert entry.action == "Do it now: Send the deck."  # one full stop, not two


@pytest.mark.parametrize(
    ("on", "years", "why"),
    [
        (TODAY, None, "Birthday today, 2026-11-25."),
        (TODAY + DAY, 1, "Birthday (1 year) tomorrow, 2026-11-26."),
        (TODAY + 5 * DAY, 40, "Birthday (40 years) in 5 days, 2026-11-30."),
    ],
)
def test_date_entry(on: date, years: int | None, why: str) -> None:
    entry = only(AgendaFacts(dates=[upcoming(ANN, on, years=years)]))
    assert entry.why == [why]
    assert entry.action == "Send a note for their birthday."


def test_due_entry_without_contact_and_with_few_misses() -> None:
    entry = only(AgendaFacts(due=[due_tie(CY, Circle.INNER, TODAY - DAY, missed=1, last=None)]))
    assert entry.why == [
        "Keep-in-touch for your inner circle is overdue by 1 day (no contact yet)."
    ]
    assert (
        entry.action
        == "Make first contact: say how you know each other and why you are writing now."
    )
    assert entry.priority == 70 + 3  # inner, one missed


def test_due_entry_offers_help_that_meets_a_need() -> None:
    entry = only(AgendaFacts(due=[due_tie(ANN)], my_offers=OFFERS))
    assert entry.action == (
        "Offer what you can give: “Mentor junior Python developers” "
        "(their need: “A Python mentor”)."
    )


def test_dormant_entry_without_news_suggests_something_to_give() -> None:
    entry = only(AgendaFacts(dormant=[dormant(BOB)]))
    assert entry.action == "Send them something on climate tech."
    assert len(entry.why) == 1


# --- suggest_give ---------------------------------------------------------------------


def test_suggest_give_picks_an_offer_that_meets_a_need() -> None:
    person = Brief(1, "A", needs=("Fundraising for a seed round", "A Rust code reviewer"))
    offers = ("Host a dinner", "Review Rust code")
    assert suggest_give(person, offers) == (
        "Offer what you can give: “Review Rust code” (their need: “A Rust code reviewer”)."
    )


def test_suggest_give_matches_plurals() -> None:
    person = Brief(1, "A", needs=("Two senior designers",))
    assert suggest_give(person, ("Knows a designer",)) == (
        "Offer what you can give: “Knows a designer” (their need: “Two senior designers”)."
    )


@pytest.mark.parametrize(
    ("what", "promise"),
    [
        ("Send Bob the deck", "send Bob the deck"),
        ("I'll call her back", "I'll call her back"),  # "I" stays capital
        ("AWS credits for her team", "AWS credits for her team"),  # so do acronyms
        ("A quick intro to Dana", "a quick intro to Dana"),  # but not the article "A"
    ],
)
def test_promises_continue_the_sentence(what: str, promise: str) -> None:
    entry = only(AgendaFacts(followups=[followup(ANN, what)]))
    assert entry.why == [f"You promised to {promise} (due today)."]


def test_suggest_give_ignores_stopwords_and_short_words() -> None:
    # "looking", "help" and "need" are stopwords; "AI" is too short to count.
    person = Brief(1, "A", needs=("Looking for help with AI",))
    assert suggest_give(person, ("Happy to help anyone who needs AI",)) == (
        "Ask how “Looking for help with AI” is going, and think who you could introduce."
    )


def test_suggest_give_asks_about_a_need_when_no_offer_meets_it() -> None:
    assert suggest_give(ANN, ("Host a dinner",)) == (
        "Ask how “A Python mentor” is going, and think who you could introduce."
    )
    assert suggest_give(ANN, ()) == suggest_give(ANN, ("Host a dinner",))


def test_suggest_give_falls_back_to_an_interest_then_a_check_in() -> None:
    assert suggest_give(BOB, OFFERS) == "Send them something on climate tech."
    assert suggest_give(CY, OFFERS) == "Check in: ask what they are working on these days."


# --- properties over random facts -----------------------------------------------------

# Forty examples each keep the three test files well under five seconds together.
QUICK = settings(max_examples=40)

BRIEFS = [
    ANN,
    BOB,
    CY,
    Brief(4, "Dee Moss", needs=("Hiring a Python developer",)),
    Brief(5, "Eli Ng", interests=("jazz",)),
    Brief(6, "Ann Lee"),  # same name as person 1
]
people = st.sampled_from(BRIEFS)
past_days = st.integers(0, 60).map(lambda n: TODAY - n * DAY)
window_days = st.integers(0, 7).map(lambda n: TODAY + n * DAY)

fact_sets = st.builds(
    AgendaFacts,
    due=st.lists(
        st.builds(
            due_tie,
            people,
            st.sampled_from([c for c in Circle if c is not Circle.DORMANT]),
            past_days,
            st.integers(1, 6),
            st.one_of(st.none(), st.just(NOW - timedelta(days=90))),
        ),
        max_size=6,
    ),
    followups=st.lists(
        st.builds(followup, people, st.sampled_from(["Send the deck", "Call back"]), past_days),
        max_size=6,
    ),
    dates=st.lists(
        st.builds(upcoming, people, window_days, st.sampled_from(["birthday", "name day"])),
        max_size=4,
    ),
    dormant=st.lists(
        st.builds(dormant, people, st.integers(2, 30), st.sampled_from(["", "now CTO, Acme"])),
        max_size=4,
    ),
    thanks=st.lists(
        st.builds(thanks, people, st.sampled_from(["Intro to Dana", "A job lead"]), past_days),
        max_size=4,
    ),
    my_offers=st.sampled_from([(), OFFERS]),
)


@st.composite
def shuffled(draw: st.DrawFn, facts: AgendaFacts) -> AgendaFacts:
    return AgendaFacts(
        due=draw(st.permutations(facts.due)),
        followups=draw(st.permutations(facts.followups)),
        dates=draw(st.permutations(facts.dates)),
        dormant=draw(st.permutations(facts.dormant)),
        thanks=draw(st.permutations(facts.thanks)),
        my_offers=facts.my_offers,
    )


@QUICK
@given(st.data(), fact_sets, st.sampled_from([DEFAULT_LIMIT, 3, None]))
def test_ranking_is_stable_and_independent_of_input_order(
    data: st.DataObject, facts: AgendaFacts, limit: int | None
) -> None:
    first = build_agenda(facts, TODAY, limit)
    assert build_agenda(facts, TODAY, limit) == first
    assert build_agenda(data.draw(shuffled(facts)), TODAY, limit) == first


@QUICK
@given(fact_sets)
def test_every_person_once_with_a_reason_and_an_action(facts: AgendaFacts) -> None:
    everything = build_agenda(facts, TODAY, limit=None)
    ids = [e.person_id for e in everything]
    assert len(ids) == len(set(ids))
    candidates = {d.person.id for d in facts.due} | {b.id for b, _ in facts.followups}
    candidates |= {d.person.id for d in facts.dates} | {d.person.id for d in facts.dormant}
    candidates |= {t.person.id for t in facts.thanks}
    assert set(ids) == candidates
    for e in everything:
        assert e.why and all(line.strip() for line in e.why)
        assert e.action.strip()
        assert e.reasons[0] is e.reason
        assert len(e.reasons) == len(set(e.reasons))


@QUICK
@given(fact_sets, st.integers(0, 10))
def test_the_short_list_is_a_capped_prefix_of_the_ranking(facts: AgendaFacts, limit: int) -> None:
    everything = build_agenda(facts, TODAY, limit=None)
    short = build_agenda(facts, TODAY, limit)
    assert len(short) == min(limit, len(everything))
    positions = [everything.index(e) for e in short]
    assert positions == sorted(positions)
    # A source goes over its cap only when everything within the caps already fits.
    shown = Counter(e.reason for e in short)
    if any(shown[reason] > cap for reason, cap in SHOWN_AT_MOST.items()):
        total = Counter(e.reason for e in everything)
        within = sum(min(n, SHOWN_AT_MOST.get(r, n)) for r, n in total.items())
        assert within < limit
