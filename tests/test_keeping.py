"""Keeping in touch through the facade, on both databases: standing kept on write,
the agenda and acting on it, circles and cadences, and rebuilding derived state."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from conftest import NOW, Run
from kith import settings
from kith.app import Kith
from kith.core.agenda import Reason
from kith.core.circles import Circle
from kith.core.contact import ListField as F
from kith.core.interactions import Initiator, Kind
from kith.core.ledger import Direction, GiveKind
from kith.store import schema
from kith.store.store import Store


def names(entries: list) -> list[str]:  # type: ignore[type-arg]
    return [e.person for e in entries]


def close_friend(kith: Kith, name: str = "Ana Ruiz", weeks: int = 52) -> None:
    """A tie with a coffee every other week, both sides reaching out, last one 3 weeks ago."""
    kith.add_person(name)
    for n in range(weeks // 2):
        initiated = Initiator.ME if n % 2 else Initiator.THEM
        kith.log("coffee", with_people=[name], when=f"{3 + 2 * n} weeks ago", kind=Kind.COFFEE,
                 initiated_by=initiated)  # fmt: skip


def test_strength_and_circle_follow_the_history(kith: Kith) -> None:
    close_friend(kith)
    tie = kith.show_person("Ana Ruiz").tie
    assert tie.strength > 75 and tie.circle is Circle.INNER
    assert tie.due_on == date(2026, 11, 18)  # last touch 2026-11-04 + 2 weeks: overdue
    kith.add_person("Bo Chen")
    kith.log("email", with_people=["Bo Chen"], when="2024-01-10", kind=Kind.EMAIL)
    assert kith.show_person("Bo Chen").tie.circle is Circle.DORMANT


def test_logging_removes_from_the_agenda_and_moves_the_due_date(kith: Kith) -> None:
    close_friend(kith)
    assert "Ana Ruiz" in names(kith.agenda())
    kith.log("lunch with Ana Ruiz", when="today")
    assert "Ana Ruiz" not in names(kith.agenda(limit=None))
    assert kith.show_person("Ana Ruiz").tie.due_on == date(2026, 12, 9)


def test_agenda_is_stable_and_lists_each_person_once(kith: Kith) -> None:
    close_friend(kith)
    kith.follow_up("Ana Ruiz", "send the deck", "yesterday")
    kith.record(Direction.THEY_GAVE, "Ana Ruiz", "an intro to Li", GiveKind.INTRODUCTION,
                when="last week")  # fmt: skip
    first, second = kith.agenda(limit=None), kith.agenda(limit=None)
    assert first == second
    assert names(first) == ["Ana Ruiz"]
    assert set(first[0].reasons) == {Reason.FOLLOW_UP, Reason.THANKS, Reason.DUE}


def test_agenda_sources(kith: Kith) -> None:
    kith.add_person("Birthday Person", {F.DATE: ["birthday=1990-11-27"]})
    kith.add_person("New Job", {F.ORG: ["Initech:CTO:2020-11-28"]})
    kith.add_person("Old Friend", {F.ORG: ["Globex:VP:2026-03-01"]})
    for when in ("2023-01-05", "2023-02-05", "2023-05-01"):
        kith.log("dinner", with_people=["Old Friend"], when=when, kind=Kind.MEAL)
    entries = {e.person: e for e in kith.agenda(limit=None)}
    assert "Birthday (36 years) in 2 days, 2026-11-27." in entries["Birthday Person"].why
    assert entries["New Job"].why == [
        "Work anniversary at Initech (6 years) in 3 days, 2026-11-28."
    ]
    old = entries["Old Friend"]
    assert old.reason is Reason.DORMANT and "Since then: now VP, Globex." in old.why
    assert old.action == "Reconnect: congratulate them (now VP, Globex)."


def test_done_acts_on_the_agenda_entry(kith: Kith) -> None:
    close_friend(kith)
    kith.follow_up("Ana Ruiz", "send the deck", "yesterday")
    kith.follow_up("Ana Ruiz", "book the dinner", "next month")
    kith.record(Direction.THEY_GAVE, "Ana Ruiz", "an intro to Li", when="last week")
    result = kith.done("Ana", kind=Kind.CALL, notes="caught up")
    assert [f.what for f in result.followups] == ["send the deck"]
    assert result.thanked == 1
    assert result.interaction is not None and result.interaction.kind is Kind.CALL
    assert kith.agenda(limit=None) == []
    view = kith.show_person("Ana Ruiz")
    assert view.timeline[0].notes == "caught up" and view.tie.due_on == date(2026, 12, 9)
    assert [f.what for f in view.followups if f.is_open] == ["book the dinner"]


def test_snooze_and_skip(kith: Kith) -> None:
    close_friend(kith)
    assert kith.snooze("Ana", "2w") == date(2026, 12, 9)
    assert kith.agenda(limit=None) == []
    kith.add_person("Bo Chen")
    kith.log("call with Bo", when="2026-07-01", kind=Kind.CALL)
    kith.set_circle("Bo", "active")
    assert names(kith.agenda()) == ["Bo Chen"]
    assert kith.skip("Bo") == date(2027, 2, 25)  # one 3-month cadence from today
    assert kith.agenda(limit=None) == []
    kith.skip("Bo")
    moves = kith.circles().suggestions
    assert [(m.person, m.circle, m.to) for m in moves] == [("Bo Chen", Circle.ACTIVE, Circle.WIDER)]


def test_cadence_and_circle_choices(kith: Kith) -> None:
    close_friend(kith)
    tie = kith.set_cadence("Ana", "6w")
    assert tie.cadence == "6w" and tie.cadence_is_own and tie.due_on == date(2026, 12, 16)
    tie = kith.set_circle("Ana", "close")
    assert tie.circle is Circle.CLOSE and tie.circle_pinned and tie.cadence == "6w"
    kith.log("coffee with Ana", when="today")
    assert kith.show_person("Ana").tie.circle is Circle.CLOSE  # pinned stays
    assert kith.set_cadence("Ana", None).cadence == "1mo"
    assert kith.set_circle("Ana", "auto").circle is Circle.INNER


def test_circles_warn_over_capacity(kith: Kith) -> None:
    for n in range(6):
        kith.add_person(f"Person {n}")
        kith.set_circle(f"Person {n}", "inner")
    inner = next(c for c in kith.circles().circles if c.circle is Circle.INNER)
    assert (inner.size, inner.capacity, inner.over_capacity) == (6, 5, True)


def test_why_explains_the_score(kith: Kith) -> None:
    close_friend(kith)
    kith.record(Direction.I_GAVE, "Ana", "reviewed her deck", when="last week")
    view = kith.show_person("Ana", why=True)
    assert view.why is not None
    assert sum(p for _, p in view.why.parts) == pytest.approx(view.tie.strength, abs=0.1)
    labels = [label for label, _ in view.why.parts]
    assert "coffee × 26" in labels and "reciprocity (both sides reach out)" in labels
    assert any(label.startswith("gives and help") for label in labels)


def test_rebuild_changes_nothing_after_writes(kith: Kith) -> None:
    close_friend(kith)
    kith.add_person("Bo Chen")
    kith.log("dinner with Ana and Bo", when="yesterday", initiated_by=Initiator.ME)
    kith.record(Direction.I_ASKED, "Bo", "a referral")
    kith.set_cadence("Bo", "10d")
    kith.skip("Ana")
    assert kith.rebuild() == 0


def test_an_older_database_gets_its_standing_on_upgrade(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kith.db'}"
    engine = Store(url).engine
    schema.upgrade(engine, "0001")
    engine.dispose()
    with sqlite3.connect(tmp_path / "kith.db") as db:
        db.execute(
            "INSERT INTO accounts (id, name, created_at) VALUES (1, 'default', '2025-01-01')"
        )
        db.execute(
            "INSERT INTO people (id, account_id, display_name, name_key, created_at, "
            "updated_at) VALUES (1, 1, 'Ana Ruiz', 'ana ruiz', '2025-01-01', '2025-01-01')"
        )
        db.execute(
            "INSERT INTO interactions (id, account_id, occurred_at, kind, created_at) "
            "VALUES (1, 1, '2026-11-20 12:00:00', 'meal', '2026-11-20')"
        )
        db.execute("INSERT INTO interaction_people VALUES (1, 1, 1)")
        db.execute(
            "INSERT INTO person_emails (account_id, person_id, email, email_key) "
            "VALUES (1, 1, 'ana@x.org', 'ana@x.org')"
        )
    loaded = settings.Settings(tmp_path, tmp_path / "config.toml", url)
    with Kith(loaded, clock=lambda: NOW) as kith:
        assert kith.store.migrated is not None and kith.store.migrated.from_revision == "0001"
        tie = kith.show_person("Ana").tie
        assert tie.strength > 0 and tie.due_on is not None
        view = kith.show_person("Ana")
        assert view.person.emails == ["ana@x.org"] and view.interaction_count == 1
        assert view.person.last_contact_at == datetime.fromisoformat("2026-11-20T12:00:00+00:00")


def test_cli_today_circles_and_why(run: Callable[..., Run]) -> None:
    run("add", "Ana Ruiz", "--need", "a designer for her startup")
    run("me", "--offer", "can introduce great product designers")
    for n in range(12):
        run(
            "log", f"coffee with Ana #{n}", "--with", "Ana Ruiz", "--date", f"{5 + 2 * n} weeks ago"
        )
    assert "close circle (pinned), cadence 1mo" in run("circle", "Ana", "close").stdout
    today = run("today")
    assert today.exit_code == 0 and "1. Ana Ruiz" in today.stdout
    assert "“can introduce great product designers” (their need: “a designer" in today.stdout
    import json

    entries = json.loads(run("today", "--json").stdout)
    assert entries[0]["person"] == "Ana Ruiz" and entries[0]["reason"] == "due"
    circles = json.loads(run("circles", "--json").stdout)
    assert {c["circle"] for c in circles["circles"]} == {c.value for c in Circle}
    assert "why: strength" in run("show", "Ana", "--why").stdout
    assert run("done", "Ana", "--kind", "coffee").exit_code == 0
    assert "Nobody needs you today" in run("today").stdout
    assert run("snooze", "Ana", "soon").exit_code == 1
    assert run("cadence", "Ana").exit_code == 2
    assert "cadence 6w (own)" in run("cadence", "Ana", "6w").stdout
