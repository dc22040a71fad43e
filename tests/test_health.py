"""`kith health`: the report's rules (pure), its facts on both databases, and the command."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from conftest import NOW, Run
from kith.app import Kith
from kith.core.circles import DEFAULT_RULES, Circle, CircleRule
from kith.core.health import (
    TOP_DORMANT,
    HealthFacts,
    HealthReport,
    LedgerCounts,
    PersonFacts,
    activity_months,
    build_report,
    busiest,
    longest_quiet,
    trend_days,
    trend_start,
)
from kith.core.ledger import Direction
from kith.core.strength import epoch_weight
from kith.serialize import jsonable

Runner = Callable[..., Run]
TODAY = NOW.date()


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def person(
    pid: int,
    contacts: Sequence[datetime] = (),
    *,
    name: str = "",
    circle: Circle = Circle.WIDER,
    added: datetime | None = None,
    due_on: date | None = None,
    snoozed_until: date | None = None,
) -> PersonFacts:
    """A person as the store would fill them, derived from the moments of their contacts."""
    moments = sorted(contacts)
    return PersonFacts(
        id=pid,
        display_name=name or f"Person {pid}",
        circle=circle,
        added_at=added or (moments[0] if moments else ago(1000)),
        interaction_count=len(moments),
        first_contact_at=moments[0] if moments else None,
        second_contact_at=moments[1] if len(moments) > 1 else None,
        last_contact_at=moments[-1] if moments else None,
        strength_key=sum(epoch_weight(1.0, moment) for moment in moments),
        due_on=due_on,
        snoozed_until=snoozed_until,
    )


def report_of(
    people: Sequence[PersonFacts] = (),
    monthly: dict[str, int] | None = None,
    ledger: dict[int, LedgerCounts] | None = None,
    rules: dict[Circle, CircleRule] = DEFAULT_RULES,
) -> HealthReport:
    return build_report(HealthFacts(list(people), monthly or {}, ledger or {}), NOW, rules)


def months_ending_now(counts: Sequence[int]) -> dict[str, int]:
    """Monthly counts for the last len(counts) months, the last being this month."""
    labels = [label for label, _ in activity_months(NOW)[:-1]][-len(counts) :]
    return dict(zip(labels, counts, strict=True))


# --- depth vs breadth -------------------------------------------------------------------------


def test_met_once_counts_people_known_long_enough_with_at_most_one_contact() -> None:
    breadth = report_of(
        [
            person(1, [ago(300)]),  # met once, long ago
            person(2, [ago(300), ago(20)]),  # met again
            person(3, added=ago(400)),  # added long ago, never logged
            person(4, [ago(10)]),  # met ten days ago: too soon to judge
            person(5, added=ago(30)),  # added a month ago: too soon to judge
        ]
    ).breadth
    assert (breadth.people, breadth.judged, breadth.met_once) == (5, 3, 2)
    assert breadth.never_contacted == 1
    assert breadth.share == pytest.approx(2 / 3, abs=1e-4)
    assert breadth.trend[-1].on == TODAY and breadth.trend[-1].share == breadth.share


def test_trend_follows_the_end_of_each_quarter() -> None:
    assert trend_days(date(2026, 11, 25)) == [
        date(2024, 3, 31),
        date(2024, 6, 30),
        date(2024, 9, 30),
        date(2024, 12, 31),
        date(2025, 3, 31),
        date(2025, 6, 30),
        date(2025, 9, 30),
        date(2025, 12, 31),
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 9, 30),
        date(2026, 11, 25),
    ]
    first, second = (
        datetime(2024, 1, 5, 12, tzinfo=NOW.tzinfo),
        datetime(2025, 8, 1, 12, tzinfo=NOW.tzinfo),
    )
    trend = report_of([person(1, [first, second])]).breadth.trend
    # Judged from 90 days after meeting; met once until the second contact.
    assert [(p.on.isoformat(), p.people, p.met_once) for p in trend[:7]] == [
        ("2024-03-31", 0, 0),
        ("2024-06-30", 1, 1),
        ("2024-09-30", 1, 1),
        ("2024-12-31", 1, 1),
        ("2025-03-31", 1, 1),
        ("2025-06-30", 1, 1),
        ("2025-09-30", 1, 0),
    ]
    assert trend[0].share == 0.0 and trend[1].share == 1.0 and trend[-1].share == 0.0


def test_a_contact_logged_from_before_someone_was_added_counts_from_then() -> None:
    early = person(1, [ago(400)], added=ago(5))
    assert report_of([early]).breadth.met_once == 1


def test_a_second_contact_before_the_trend_may_be_given_as_its_start() -> None:
    contacts = [ago(1500), ago(1400), ago(10)]
    exact = person(1, contacts)
    clipped = replace(exact, second_contact_at=trend_start(NOW))
    assert report_of([clipped]).breadth == report_of([exact]).breadth
    assert all(point.met_once == 0 for point in report_of([clipped]).breadth.trend)


def test_two_contacts_at_the_same_moment_are_two_contacts() -> None:
    twice = replace(person(1, [ago(300)]), interaction_count=2)
    assert report_of([twice]).breadth.met_once == 0


# --- circles ---------------------------------------------------------------------------------


def test_circles_against_capacity_with_overdue_and_median_silence() -> None:
    rules = {**DEFAULT_RULES, Circle.INNER: replace(DEFAULT_RULES[Circle.INNER], capacity=2)}
    yesterday, tomorrow = TODAY - timedelta(1), TODAY + timedelta(1)
    people = [
        person(1, [ago(10)], circle=Circle.INNER, due_on=yesterday),  # overdue
        person(2, [ago(20)], circle=Circle.INNER, due_on=TODAY),  # due today: not yet
        person(3, [ago(40)], circle=Circle.INNER, due_on=yesterday, snoozed_until=tomorrow),
        person(4, circle=Circle.INNER, due_on=yesterday, snoozed_until=yesterday),  # snooze over
        person(5, [ago(3)], circle=Circle.CLOSE, due_on=tomorrow),
    ]
    circles = {c.circle: c for c in report_of(people, rules=rules).circles}
    assert list(circles) == list(Circle)
    inner = circles[Circle.INNER]
    assert (inner.size, inner.capacity, inner.over_capacity, inner.over_by) == (4, 2, True, 2)
    assert inner.overdue == 2
    assert inner.median_days_since_contact == 20 and inner.never_contacted == 1
    close = circles[Circle.CLOSE]
    assert (close.size, close.over_capacity, close.over_by, close.overdue) == (1, False, 0, 0)
    assert close.median_days_since_contact == 3
    empty = circles[Circle.DORMANT]
    assert (empty.size, empty.median_days_since_contact, empty.capacity) == (0, None, 500)


def test_median_silence_counts_calendar_days_in_the_users_time_zone() -> None:
    # 23:30 the day before, local time: one day ago, though under 24 hours.
    late = datetime.combine(TODAY - timedelta(1), datetime.min.time(), NOW.tzinfo)
    late += timedelta(hours=23, minutes=30)
    circles = report_of([person(1, [late])]).circles
    assert circles[3].median_days_since_contact == 1


# --- give / ask ------------------------------------------------------------------------------


def test_balance_adds_up_and_names_people_only_asked_of() -> None:
    people = [person(i, [ago(50)], name=name) for i, name in enumerate("ABCDE", start=1)]
    ledger = {
        1: LedgerCounts(i_asked=2),  # only asked
        2: LedgerCounts(i_asked=1, i_gave=1),  # gave too
        3: LedgerCounts(i_asked=1, they_gave=1),  # received too
        4: LedgerCounts(they_asked=2),  # they asked; I never did
        5: LedgerCounts(i_asked=3, they_asked=1),  # only asked, more often
        99: LedgerCounts(i_gave=7),  # archived (not among the people): left out
    }
    balance = report_of(people, ledger=ledger).balance
    assert (balance.i_gave, balance.they_gave, balance.i_asked, balance.they_asked) == (1, 1, 7, 3)
    assert balance.gives_per_ask == pytest.approx(1 / 7, abs=0.01)
    assert balance.only_asked_total == 2
    assert [(t.display_name, t.i_asked, t.they_asked) for t in balance.only_asked] == [
        ("E", 3, 1),
        ("A", 2, 0),
    ]


def test_no_asks_means_no_ratio() -> None:
    balance = report_of([person(1)], ledger={1: LedgerCounts(i_gave=2)}).balance
    assert balance.gives_per_ask is None and balance.only_asked == []


# --- rhythm ----------------------------------------------------------------------------------


def test_steady_activity_is_not_bursty() -> None:
    found = report_of(monthly=months_ending_now([10, 12, 9, 11] * 9)).rhythm
    assert found.enough_history and not found.bursty
    assert found.span_months == 36 and found.active_months == 36 and found.longest_quiet == 0
    assert not any(m.burst for m in found.months)


def test_networking_only_around_job_searches_is_bursty() -> None:
    counts = [0] * 36
    counts[8:11] = [30, 40, 25]  # a job search
    counts[30:33] = [35, 45, 20]  # and another
    counts[20] = 1  # one coffee in between: below a quarter of the average month, still quiet
    found = report_of(monthly=months_ending_now(counts)).rhythm
    assert found.enough_history and found.bursty
    assert found.span_months == 28 and found.active_months == 7 and found.total == 196
    assert found.busy_months == 4 and found.busy_share == pytest.approx(150 / 196, abs=1e-4)
    assert found.longest_quiet == 19
    bursts = [m.month for m in found.months if m.burst]
    labels = [m.month for m in found.months]
    assert bursts == [labels[8], labels[9], labels[30], labels[31]]  # 30, 40, 35, 45


def test_peaks_on_a_steady_base_are_not_bursts() -> None:
    # Two thirds of the activity sits in a few months, but no month is quiet.
    counts = [6] * 24
    counts[5] = counts[17] = 200
    found = report_of(monthly=months_ending_now(counts)).rhythm
    assert found.busy_months <= found.span_months / 4
    assert found.longest_quiet == 0 and not found.bursty


def test_too_little_history_is_not_judged() -> None:
    young = report_of(monthly=months_ending_now([0, 0, 50, 0, 0, 0, 0, 0, 40, 0, 0])).rhythm
    assert young.span_months == 9 and not young.enough_history and not young.bursty
    sparse = report_of(monthly=months_ending_now([1] + [0] * 20 + [1, 2, 0])).rhythm
    assert sparse.total == 4 and not sparse.enough_history and not sparse.bursty
    nothing = report_of().rhythm
    assert (nothing.total, nothing.span_months, nothing.bursty) == (0, 0, False)
    assert len(nothing.months) == 36 and nothing.months[-1].month == "2026-11"


def test_busiest_and_longest_quiet() -> None:
    assert busiest([5, 1, 5, 0, 1], 2 / 3) == [0, 2]  # 10 of 12 ≥ 8
    assert busiest([3, 3, 3], 2 / 3) == [0, 1]  # exactly 6 of 9 is enough
    assert busiest([], 2 / 3) == []
    assert longest_quiet([20, 0, 0, 1, 10, 0]) == 3  # each below a quarter of the 5.2 average
    assert longest_quiet([]) == 0


def test_activity_months_are_local_months() -> None:
    bounds = activity_months(NOW)
    assert len(bounds) == 37 and bounds[0][0] == "2023-12" and bounds[-2][0] == "2026-11"
    assert bounds[-1] == ("", datetime(2026, 12, 1, tzinfo=NOW.tzinfo))
    assert bounds[0][1] == datetime(2023, 12, 1, tzinfo=NOW.tzinfo)


# --- dormant ties ----------------------------------------------------------------------------


def test_dormant_ties_rank_by_history_and_need_a_year_of_silence() -> None:
    people = [
        person(1, [ago(d) for d in (900, 800, 700, 400)], name="Rich"),
        person(2, [ago(d) for d in (1200, 1100, 1000, 370)], name="Older"),
        person(3, [ago(d) for d in (500, 450, 420)], name="Three"),
        person(4, [ago(d) for d in (900, 800, 700, 300)], name="Recent"),  # quiet < a year
        person(5, [ago(900), ago(800)], name="Two"),  # too little history
        person(6, [ago(d) for d in range(2000, 1500, -50)], name="Ten"),
    ]
    report = report_of(people)
    assert [t.display_name for t in report.dormant] == ["Ten", "Rich", "Older", "Three"]
    rich = report.dormant[1]
    assert rich.interaction_count == 4 and rich.days_quiet == 400
    assert rich.last_contact_at == ago(400)
    # Equal histories: the one stronger when last in touch comes first.
    assert rich.strength_then > report.dormant[2].strength_then
    assert rich.strength_then > rich.strength_now > 0
    assert report.dormant_total == 4


def test_dormant_list_is_capped() -> None:
    people = [person(i, [ago(d) for d in (900, 800, 700)]) for i in range(TOP_DORMANT + 5)]
    report = report_of(people)
    assert report.dormant_total == TOP_DORMANT + 5 and len(report.dormant) == TOP_DORMANT


def test_report_json_has_stable_field_names() -> None:
    data = jsonable(report_of([person(1, [ago(400), ago(380), ago(370)])]))
    assert set(data) == {
        "generated_at",
        "breadth",
        "circles",
        "balance",
        "rhythm",
        "dormant_total",
        "dormant",
        "before_search",
    }
    assert data["before_search"] is None  # no search started
    assert set(data["breadth"]) == {
        "people",
        "judged",
        "met_once",
        "never_contacted",
        "share",
        "trend",
    }
    assert set(data["breadth"]["trend"][0]) == {"on", "people", "met_once", "share"}
    assert set(data["circles"][0]) == {
        "circle",
        "size",
        "capacity",
        "over_capacity",
        "over_by",
        "overdue",
        "median_days_since_contact",
        "never_contacted",
    }
    assert set(data["balance"]) == {
        "i_gave",
        "they_gave",
        "i_asked",
        "they_asked",
        "gives_per_ask",
        "only_asked_total",
        "only_asked",
    }
    assert set(data["rhythm"]) == {
        "months",
        "total",
        "span_months",
        "active_months",
        "busy_months",
        "busy_share",
        "longest_quiet",
        "enough_history",
        "bursty",
    }
    assert set(data["rhythm"]["months"][0]) == {"month", "interactions", "burst"}
    assert set(data["dormant"][0]) == {
        "id",
        "display_name",
        "circle",
        "interaction_count",
        "first_contact_at",
        "last_contact_at",
        "days_quiet",
        "strength_then",
        "strength_now",
    }
    json.dumps(data)


# --- the facade on both databases ------------------------------------------------------------


def small_network(kith: Kith, make_kith: Callable[..., Kith]) -> None:
    """Ana: dormant after three touches; Dan: met once, again 18 months later; Tom: met once;
    Cam: met at New Year, again in October; Bea: added long ago, never logged; Eve: archived;
    Old Friend: met in 2022 and 2023 (before the trend starts), and again this month."""
    early = make_kith(clock=lambda: NOW - timedelta(days=400))
    early.add_person("Bea Old")
    for name in ("Ana Ruiz", "Dan Cho", "Tom Lee", "Cam Diaz", "Eve Gone", "Old Friend"):
        kith.add_person(name)
    kith.log("coffee with Ana Ruiz", when="2024-01-10")
    kith.log("call with Ana Ruiz", when="2024-06-01")
    kith.log("lunch with Ana Ruiz and Dan Cho", when="2025-02-01")
    kith.log("coffee with Dan Cho", when="2026-08-01")
    kith.log("coffee with Tom Lee", when="2026-01-10")
    kith.log("call with Cam Diaz", when="2026-10-01")
    # 21:00 on New Year's Eve, local time: still December, though already January in UTC.
    kith.log("call with Cam Diaz", when="2025-12-31 21:00")
    kith.log("coffee with Eve Gone", when="2026-02-01")
    for when in ("2022-05-01", "2023-02-01", "2026-11-01"):
        kith.log("dinner with Old Friend", when=when)
    kith.record(Direction.I_ASKED, "Tom Lee", "a referral at Initech")
    kith.record(Direction.I_ASKED, "Tom Lee", "feedback on my CV")
    kith.record(Direction.I_GAVE, "Cam Diaz", "an intro to Maria")
    kith.record(Direction.I_ASKED, "Cam Diaz", "a reference")
    kith.record(Direction.THEY_ASKED, "Dan Cho", "advice on Lisbon")
    kith.record(Direction.I_ASKED, "Eve Gone", "a favour")
    kith.archive("Eve Gone")


def test_health_of_a_small_network(kith: Kith, make_kith: Callable[..., Kith]) -> None:
    small_network(kith, make_kith)
    other = make_kith("someone-else")  # another account's network stays out of the report
    other.add_person("Zed Other")
    other.log("coffee with Zed", when="2026-03-03")
    other.record(Direction.I_ASKED, "Zed", "a favour")

    report = kith.health()
    breadth = report.breadth
    assert breadth.people == 6  # Eve is archived
    # All six are known 90 days or more; Tom (one coffee) and Bea (nothing) were met once.
    assert (breadth.judged, breadth.met_once, breadth.never_contacted) == (6, 2, 1)
    points = {p.on.isoformat(): p for p in breadth.trend}
    # End of 2025: Old Friend, Ana and Dan known 90 days; Dan's second coffee came in 2026.
    assert (points["2025-12-31"].people, points["2025-12-31"].met_once) == (3, 1)
    # End of September 2026: Dan met again, Cam not yet (October), Tom and Bea never.
    assert (points["2026-09-30"].people, points["2026-09-30"].met_once) == (6, 3)

    months = {m.month: m.interactions for m in report.rhythm.months}
    assert months["2024-01"] == 1 and months["2025-02"] == 1  # a shared lunch counts once
    assert months["2025-12"] == 1 and months["2026-01"] == 1  # 21:00 local on Dec 31
    assert months["2026-02"] == 1  # Eve is archived, her coffee still happened
    assert report.rhythm.total == 9 and not report.rhythm.enough_history  # 2 dinners before

    balance = report.balance
    assert (balance.i_gave, balance.i_asked, balance.they_asked, balance.they_gave) == (1, 3, 1, 0)
    assert [(t.display_name, t.i_asked) for t in balance.only_asked] == [("Tom Lee", 2)]

    assert [t.display_name for t in report.dormant] == ["Ana Ruiz"]
    ana = report.dormant[0]
    assert ana.interaction_count == 3 and ana.last_contact_at.date() == date(2025, 2, 1)
    assert ana.days_quiet == (TODAY - date(2025, 2, 1)).days

    circles = {c.circle: c for c in report.circles}
    assert sum(c.size for c in circles.values()) == 6
    assert all(c.capacity == DEFAULT_RULES[c.circle].capacity for c in circles.values())


def test_second_contacts_are_exact_from_the_start_of_the_trend(
    kith: Kith, make_kith: Callable[..., Kith]
) -> None:
    small_network(kith, make_kith)
    with kith.store.unit() as repo:
        facts = {p.display_name: p for p in repo.health_facts(NOW).people}

    def noon(day: str) -> datetime:
        return datetime.fromisoformat(f"{day}T12:00").replace(tzinfo=NOW.tzinfo)

    assert facts["Ana Ruiz"].second_contact_at == noon("2024-06-01")
    assert facts["Dan Cho"].second_contact_at == noon("2026-08-01")
    assert facts["Cam Diaz"].second_contact_at == noon("2026-10-01")
    assert facts["Tom Lee"].second_contact_at is None
    assert facts["Bea Old"].second_contact_at is None
    # Met again in 2023, before the trend starts: given as the trend's start.
    assert facts["Old Friend"].second_contact_at == trend_start(NOW)
    assert "Eve Gone" not in facts


def test_health_of_an_empty_network(kith: Kith) -> None:
    report = kith.health()
    assert report.breadth.people == 0 and report.breadth.share == 0.0
    assert report.dormant == [] and report.balance.gives_per_ask is None
    assert len(report.rhythm.months) == 36 and report.rhythm.total == 0


# --- the command -----------------------------------------------------------------------------


def test_health_command_text_and_json(run: Runner) -> None:
    run("add", "Ana Ruiz")
    run("log", "coffee with Ana Ruiz", "--date", "2025-03-01")
    run("log", "call with Ana Ruiz", "--date", "2025-04-01")
    run("log", "call with Ana Ruiz", "--date", "2025-05-01")
    run("ask", "Ana", "an intro to Globex", "--anyway")
    text = run("health")
    assert text.exit_code == 0, text.stderr
    for heading in ("Depth vs breadth", "Circles", "Give and ask", "Activity per month"):
        assert heading in text.stdout
    assert "Ana Ruiz" in text.stdout  # dormant, and only ever asked of
    data = json.loads(run("health", "--json").stdout)
    assert data["balance"]["only_asked"][0]["display_name"] == "Ana Ruiz"
    assert data["dormant"][0]["interaction_count"] == 3
    assert len(data["rhythm"]["months"]) == 36


def test_names_are_never_read_as_markup(run: Runner) -> None:
    run("add", "[bold]Ana[/bold] Ruiz")
    run("ask", "#1", "a favour", "--anyway")
    shown = run("health")
    assert shown.exit_code == 0 and "[bold]Ana[/bold] Ruiz" in shown.stdout


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_health_plot_writes_a_real_figure(run: Runner, tmp_path: Path, suffix: str) -> None:
    run("add", "Ana Ruiz")
    run("log", "coffee with Ana Ruiz", "--date", "2025-03-01")
    run("give", "Ana", "an intro")
    target = tmp_path / f"health.{suffix}"
    result = run("health", "--plot", str(target))
    assert result.exit_code == 0, result.stderr
    assert f"Saved the health figure to {target}." in result.stdout
    data = target.read_bytes()
    if suffix == "png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and 30_000 < len(data) < 3_000_000
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (2250, 1500)
    else:
        root = ET.fromstring(data)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert len(data) > 30_000


def test_health_plot_with_json_keeps_stdout_json(run: Runner, tmp_path: Path) -> None:
    result = run("health", "--json", "--plot", str(tmp_path / "h.png"))
    assert result.exit_code == 0 and json.loads(result.stdout)["breadth"]["people"] == 0
    assert "Saved the health figure" in result.stderr


@pytest.mark.parametrize("name", ["health.jpg", "health", "missing-folder/health.png"])
def test_health_plot_refuses_what_it_cannot_write(run: Runner, tmp_path: Path, name: str) -> None:
    result = run("health", "--plot", str(tmp_path / name))
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("kith: Cannot ")
    assert not (tmp_path / name).exists()


def test_health_plot_without_matplotlib_says_how_to_install_it(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    result = run("health", "--plot", str(tmp_path / "h.png"))
    assert result.exit_code == 1
    assert "needs matplotlib" in result.stderr and "pip install 'matplotlib" in result.stderr
