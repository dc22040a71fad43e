"""Giving through the facade and the CLI, on both databases: the ledger read both ways,
the ask check and its confirmation, suggested intros and gives, and sharing."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from conftest import Run
from kith.app import Kith
from kith.app.giving import GivingCases
from kith.cli import giving as giving_cli
from kith.core.askcheck import Concern
from kith.core.contact import ListField as F
from kith.core.interactions import Initiator, Kind
from kith.core.ledger import Direction, GiveKind, Status
from kith.core.matching import LexicalMatcher

Runner = Callable[..., Run]


@pytest.fixture(autouse=True)
def lexical(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests match lexically: deterministic, and no model to load."""
    monkeypatch.setattr(GivingCases, "_matcher", LexicalMatcher())


def warm_tie(kith: Kith, name: str = "Ana Ruiz") -> None:
    """Coffee every other week for a year, both reaching out, and a recent give."""
    kith.add_person(name, {F.NEED: ["a Postgres performance expert"]})
    for n in range(26):
        kith.log("coffee", with_people=[name], when=f"{1 + 2 * n} weeks ago", kind=Kind.COFFEE,
                 initiated_by=Initiator.ME if n % 2 else Initiator.THEM)  # fmt: skip
    kith.record(Direction.I_GAVE, name, "reviewed her deck", GiveKind.ADVICE, when="last month")


def cold_tie(kith: Kith, name: str = "Bo Chen") -> None:
    """Met once, two years ago; asked twice since, never gave."""
    kith.add_person(name, {F.NEED: ["hiring a Postgres engineer"], F.INTEREST: ["sailing"]})
    kith.log("email", with_people=[name], when="2024-10-01", kind=Kind.EMAIL)
    kith.record(Direction.I_ASKED, name, "an intro to Globex", when="2024-10-02")


# --- the ask check -----------------------------------------------------------------------


def test_ask_check_fires_for_a_cold_tie_and_not_for_a_warm_one(kith: Kith) -> None:
    warm_tie(kith)
    cold_tie(kith)
    kith.update_me(add={"offers": ["Postgres performance tuning"]})
    warm = kith.ask_check("Ana Ruiz")
    assert warm.warm and warm.concerns == () and warm.gives == ()
    cold = kith.ask_check("Bo Chen")
    assert not cold.warm
    assert {Concern.WEAK, Concern.DORMANT, Concern.NO_RECENT_GIVE} <= set(cold.concerns)
    assert any("an intro to Globex" in line for line in cold.history)
    assert 2 <= len(cold.gives) <= 3
    assert cold.gives[0].what == "Offer: Postgres performance tuning"
    assert cold.gives[0].for_their == "hiring a Postgres engineer"


def test_cold_ask_is_recorded_only_when_confirmed(kith: Kith) -> None:
    cold_tie(kith)
    refused = kith.ask("Bo Chen", "a referral", GiveKind.REFERRAL)
    assert refused.entry is None and not refused.check.warm
    assert len(kith.ledger_of("Bo Chen").i_asked) == 1
    done = kith.ask("Bo Chen", "a referral", GiveKind.REFERRAL, confirmed=True)
    assert done.entry is not None and done.entry.status is Status.OPEN
    assert len(kith.ledger_of("Bo Chen").i_asked) == 2


def test_warm_ask_is_recorded_at_once(kith: Kith) -> None:
    warm_tie(kith)
    outcome = kith.ask("Ana Ruiz", "feedback on my talk")
    assert outcome.check.warm and outcome.entry is not None
    assert outcome.entry.what == "feedback on my talk"


def test_ask_command_exit_codes(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    run("add", "Bo Chen", "--interest", "sailing")
    refused = run("ask", "Bo", "a referral")
    assert refused.exit_code == 1
    assert "Before you ask Bo Chen" in refused.stdout
    assert "You have never given them anything." in refused.stdout
    assert "Not recorded" in refused.stderr
    monkeypatch.setattr(giving_cli, "interactive", lambda: True)
    declined = run("ask", "Bo", "a referral", input="n\n")
    assert declined.exit_code == 1
    assert run("ledger", "Bo", "--json").stdout.count('"direction": "i_asked"') == 0
    confirmed = run("ask", "Bo", "a referral", input="y\n")
    assert confirmed.exit_code == 0 and "I asked — a referral (Bo Chen, open)" in confirmed.stdout
    anyway = run("ask", "Bo", "another", "--anyway", "--json")
    assert anyway.exit_code == 0
    assert json.loads(anyway.stdout)["entry"]["what"] == "another"
    as_json = run("ask", "Bo", "a third", "--json")
    assert as_json.exit_code == 1 and json.loads(as_json.stdout)["entry"] is None
    assert len(json.loads(run("ledger", "Bo", "--json").stdout)["i_asked"]) == 2


# --- the ledger ------------------------------------------------------------------------


def test_ledger_of_one_person_both_ways(kith: Kith) -> None:
    kith.add_person("Ana Ruiz")
    kith.record(Direction.I_GAVE, "Ana", "an intro to Li", GiveKind.INTRODUCTION)
    kith.record(Direction.THEY_GAVE, "Ana", "the salary survey", GiveKind.ARTICLE)
    kith.record(Direction.I_ASKED, "Ana", "a referral")
    kith.record(Direction.THEY_ASKED, "Ana", "feedback on her deck", status=Status.OPEN)
    view = kith.ledger_of("Ana")
    assert [e.what for e in view.i_gave] == ["an intro to Li"]
    assert [e.what for e in view.they_gave] == ["the salary survey"]
    assert [e.what for e in view.i_asked] == ["a referral"]
    assert [e.what for e in view.they_asked] == ["feedback on her deck"]
    assert {e.what for e in view.open} == {"a referral", "feedback on her deck"}
    assert all(e.person == "Ana Ruiz" for e in view.i_gave)


def test_ledger_overview(kith: Kith) -> None:
    kith.add_person("Ana Ruiz")
    kith.add_person("Bo Chen")
    kith.record(Direction.I_ASKED, "Bo", "a referral", when="2026-09-01")
    kith.record(Direction.THEY_GAVE, "Ana", "the salary survey", when="2026-10-01")
    kith.record(Direction.THEY_GAVE, "Bo", "a book", when="2026-06-01")
    kith.record(Direction.I_GAVE, "Bo", "an intro", when="2026-07-01")  # given back since
    kith.record(Direction.THEY_ASKED, "Ana", "her deck", status=Status.OPEN, when="2026-11-20")
    view = kith.ledger_overview()
    assert [(o.person, o.asks) for o in view.only_asked] == []  # Bo was given to
    kith.add_person("Cy Diaz")
    kith.record(Direction.I_ASKED, "Cy", "a favour", when="2026-01-05")
    view = kith.ledger_overview()
    assert [(o.person, o.asks) for o in view.only_asked] == [("Cy Diaz", 1)]
    assert [e.what for e in view.unthanked] == ["the salary survey"]
    overdue = {(i.entry.what, i.waiting_on) for i in view.overdue}
    assert overdue == {("a referral", "them"), ("a favour", "them")}  # "her deck" is recent
    months = {m.month: m.gives for m in view.gives_per_month}
    assert len(months) == 12 and months["2026-07"] == 1 and months["2026-11"] == 0
    assert view.totals[Direction.THEY_GAVE] == 2


def test_ledger_command_never_says_owes(run: Runner) -> None:
    run("add", "Ana Ruiz")
    run("received", "Ana", "the salary survey")
    run("ask", "Ana", "a referral", "--anyway")
    for args in (("ledger",), ("ledger", "Ana")):
        shown = run(*args)
        assert shown.exit_code == 0, shown.stderr
        assert "owe" not in shown.stdout.lower()
    assert "People you have only asked of (1)" in run("ledger").stdout
    assert "What they gave you (1)" in run("ledger", "Ana").stdout
    data = json.loads(run("ledger", "--json").stdout)
    assert data["only_asked"][0]["person"] == "Ana Ruiz"
    assert data["totals"]["they_gave"] == 1


# --- suggestions -----------------------------------------------------------------------


def network(kith: Kith) -> None:
    """Three warm ties whose needs and offers meet, and one stranger whose would too."""
    warm_tie(kith, "Ana Ruiz")  # needs a Postgres performance expert
    warm_tie(kith, "Tom Lee")
    kith.edit_person("Tom Lee", add={F.OFFER: ["Postgres performance expert"]})
    warm_tie(kith, "Li Wei")
    kith.edit_person("Li Wei", add={F.OFFER: ["knows the Lisbon startup scene"]})
    kith.add_person("Zed Stranger", {F.OFFER: ["Postgres performance expert"]})


def test_suggest_intros_pairs_need_and_offer_with_a_reason(kith: Kith) -> None:
    network(kith)
    found = kith.suggest_intros()
    assert found, "Ana's need fits Tom's offer"
    top = found[0]
    assert {top.a, top.b} == {"Ana Ruiz", "Tom Lee"}
    assert top.need == "a Postgres performance expert" and top.a == "Ana Ruiz"
    assert "Ana Ruiz's need “a Postgres performance expert” fits Tom Lee's offer" in top.reason
    assert all("Zed Stranger" not in (s.a, s.b) for s in found)  # no tie: outside the pool
    assert all(0 < s.score <= s.fit for s in found)
    kith.open_intro("Ana Ruiz", "Tom Lee", "Postgres")
    assert all({s.a, s.b} != {"Ana Ruiz", "Tom Lee"} for s in kith.suggest_intros())


def test_suggest_gives_from_my_offers(kith: Kith) -> None:
    network(kith)  # the three warm ties all need a Postgres expert
    kith.update_me(add={"offers": ["can tune Postgres performance", "knows Lisbon"]})
    found = kith.suggest_gives()
    assert {g.person for g in found} == {"Ana Ruiz", "Tom Lee", "Li Wei"}
    assert all(g.offer == "can tune Postgres performance" for g in found)
    assert kith.suggest_gives(limit=1)[0].fit == found[0].fit


def test_suggest_commands(run: Runner) -> None:
    run("add", "Ana Ruiz", "--need", "a Postgres expert")
    run("add", "Tom Lee", "--offer", "Postgres expert")
    for name in ("Ana Ruiz", "Tom Lee"):
        run("log", f"lunch with {name}", "--date", "yesterday")
    shown = run("suggest", "intros")
    assert shown.exit_code == 0, shown.stderr
    assert "Ana Ruiz ↔ Tom Lee" in shown.stdout
    data = json.loads(run("suggest", "intros", "--json", "--limit", "1").stdout)
    assert data[0]["need"] == "a Postgres expert" and data[0]["reason"]
    assert run("suggest", "gives").exit_code == 1  # no offers in my profile yet
    run("me", "--offer", "Postgres tuning")
    assert "Ana Ruiz" in run("suggest", "gives").stdout


# --- sharing ---------------------------------------------------------------------------


def readers(kith: Kith) -> None:
    for name in ("Ana Ruiz", "Tom Lee", "Li Wei", "Mo Sato"):
        kith.add_person(name, {F.INTEREST: ["climate tech"]})
        kith.log(f"lunch with {name}", when="yesterday")
    kith.add_person("Cy Diaz", {F.INTEREST: ["sailing"]})
    kith.log("lunch with Cy Diaz", when="yesterday")


def test_share_lists_without_recording_then_records_picked(kith: Kith) -> None:
    readers(kith)
    listed = kith.share("https://example.com/climate", "climate tech")
    assert {c.person for c in listed.candidates} == {"Ana Ruiz", "Tom Lee", "Li Wei", "Mo Sato"}
    assert listed.shared == []
    assert kith.ledger_of("Ana").i_gave == []
    done = kith.share("https://example.com/climate", "climate tech", ["Ana", "Tom"])
    assert [e.person for e in done.shared] == ["Ana Ruiz", "Tom Lee"]
    assert all(e.kind is GiveKind.ARTICLE for e in done.shared)
    assert "https://example.com/climate" in kith.ledger_of("Ana").i_gave[0].what


def test_share_never_twice_a_week_and_a_few_at_most(
    make_kith: Callable[..., Kith],
) -> None:
    from datetime import timedelta

    from conftest import NOW

    kith = make_kith()
    readers(kith)
    kith.share("first", "climate tech", ["Ana"])
    again = kith.share("second", "climate tech", ["Ana", "Tom"])
    assert [e.person for e in again.shared] == ["Tom Lee"]
    assert "Ana Ruiz" in {s.person for s in again.skipped}
    assert "today" in again.skipped[0].reason
    assert "Ana Ruiz" not in {c.person for c in again.candidates}
    with pytest.raises(Exception, match="3 at most"):
        kith.share("third", "climate tech", ["Ana", "Tom", "Li", "Mo"])
    later = make_kith(clock=lambda: NOW + timedelta(days=7))
    assert [e.person for e in later.share("third", "climate tech", ["Ana"]).shared] == ["Ana Ruiz"]


def test_share_command_picks_on_a_terminal(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("Ana Ruiz", "Tom Lee"):
        run("add", name, "--interest", "climate tech")
        run("log", f"lunch with {name}", "--date", "yesterday")
    listed = run("share", "https://x.test/a", "--about", "climate tech")
    assert listed.exit_code == 0 and "Ana Ruiz" in listed.stdout
    assert json.loads(run("ledger", "--json").stdout)["totals"]["i_gave"] == 0
    as_json = json.loads(run("share", "https://x.test/a", "--about", "climate tech",
                             "--json").stdout)  # fmt: skip
    assert len(as_json["candidates"]) == 2 and as_json["shared"] == []
    monkeypatch.setattr(giving_cli, "interactive", lambda: True)
    picked = run("share", "https://x.test/a", "--about", "climate tech", input="9\n1\n")
    assert picked.exit_code == 0, picked.stderr
    assert "Shared with" in picked.stdout
    assert json.loads(run("ledger", "--json").stdout)["totals"]["i_gave"] == 1


# --- docs ------------------------------------------------------------------------------


def test_every_giving_json_field_is_documented() -> None:
    import dataclasses
    from pathlib import Path

    from kith.app.giving import AskOutcome, IntroStep
    from kith.core import giving
    from kith.core.askcheck import AskCheck, GiveIdea
    from kith.core.intros import Introduction, Party

    text = (Path(__file__).resolve().parents[1] / "docs" / "json.md").read_text()
    shapes = [AskOutcome, IntroStep, AskCheck, GiveIdea, Introduction, Party,
              giving.PersonLedger, giving.LedgerOverview, giving.OnlyAsked, giving.OpenItem,
              giving.MonthGives, giving.IntroSuggestion, giving.GiveSuggestion,
              giving.ShareResult, giving.ShareCandidate, giving.Skipped]  # fmt: skip
    missing = [
        f"{shape.__name__}.{f.name}"
        for shape in shapes
        for f in dataclasses.fields(shape)
        if f"`{f.name}`" not in text
    ]
    assert missing == []


def test_the_agenda_offers_what_fits_their_interests(kith: Kith) -> None:
    kith.add_person("Ana Ruiz", {F.INTEREST: ["Postgres internals"]})
    kith.log("coffee", with_people=["Ana Ruiz"], when="2026-08-01", kind=Kind.COFFEE)
    kith.set_circle("Ana Ruiz", "close")  # monthly: overdue
    kith.update_me(add={"offers": ["can review Postgres schemas"]})
    entry = next(e for e in kith.agenda(limit=None) if e.person == "Ana Ruiz")
    assert entry.action == (
        "Offer what you can give: “can review Postgres schemas” "
        "(their interest: “Postgres internals”)."
    )
