"""Double-opt-in introductions: the state machine (pure), then walked through the facade
and the CLI on both databases, with drafts, logged steps and the gives."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest

from conftest import Run
from kith.app import Kith
from kith.core.contact import ListField as F
from kith.core.intros import (
    Introduction,
    Party,
    Stage,
    Step,
    advance,
    draft_for,
    next_steps,
    waiting_on,
)
from kith.core.ledger import Direction, GiveKind
from kith.errors import Conflict, InvalidInput, NotFound

Runner = Callable[..., Run]
ANA = Party(1, "Ana Ruiz", "CTO, Globex", ("a Postgres expert",), ("hiring advice",))
TOM = Party(2, "Tom Lee", "DBA, Initech", (), ("Postgres performance tuning",))


def made(stage: Stage) -> Introduction:
    return Introduction(ANA, TOM, "Ana's database is slow", stage, date(2026, 11, 1), 7)


# --- the state machine -----------------------------------------------------------------


def test_the_happy_path_walks_every_stage() -> None:
    intro = made(Stage.ASKED_A)
    for step, stage in [
        (Step.AGREED, Stage.A_AGREED), (Step.ASKED, Stage.ASKED_B), (Step.AGREED, Stage.B_AGREED),
        (Step.INTRODUCED, Stage.INTRODUCED), (Step.OUTCOME, Stage.OUTCOME),
    ]:  # fmt: skip
        intro.stage = advance(intro, step)
        assert intro.stage is stage
    assert not intro.stage.is_open and next_steps(intro.stage) == []


@pytest.mark.parametrize("stage", [Stage.ASKED_A, Stage.A_AGREED, Stage.ASKED_B, Stage.B_AGREED])
def test_declined_at_any_step_before_the_introduction(stage: Stage) -> None:
    assert advance(made(stage), Step.DECLINED) is Stage.DECLINED


@pytest.mark.parametrize(
    ("stage", "step"),
    [
        (Stage.ASKED_A, Step.INTRODUCED),  # nobody is introduced before both said yes
        (Stage.ASKED_A, Step.ASKED),
        (Stage.A_AGREED, Step.AGREED),
        (Stage.ASKED_B, Step.INTRODUCED),
        (Stage.INTRODUCED, Step.DECLINED),
        (Stage.OUTCOME, Step.OUTCOME),
        (Stage.DECLINED, Step.AGREED),
    ],
)
def test_invalid_steps_say_what_could_come_next(stage: Stage, step: Step) -> None:
    with pytest.raises(InvalidInput) as raised:
        advance(made(stage), step)
    assert f"at '{stage.value}'" in raised.value.message
    assert "Next:" in raised.value.hint or "closed" in raised.value.hint


def test_drafts_are_written_from_both_contexts() -> None:
    to_a = draft_for(made(Stage.ASKED_A), "Sam Rivera")
    assert to_a.startswith("Hi Ana,") and "Tom Lee (DBA, Initech)" in to_a
    assert "Ana's database is slow." in to_a and "“a Postgres expert”" in to_a
    assert to_a.rstrip().endswith("Sam")
    to_b = draft_for(made(Stage.A_AGREED), "Sam Rivera")
    assert to_b.startswith("Hi Tom,") and "Ana Ruiz (CTO, Globex)" in to_b
    both = draft_for(made(Stage.B_AGREED), "Sam Rivera")
    assert "Hi Ana and Tom," in both and "Tom Lee is DBA, Initech" in both
    assert "Ana mentioned “a Postgres expert”, and Tom “Postgres performance tuning”" in both
    assert draft_for(made(Stage.ASKED_B), "Sam") == ""
    assert waiting_on(made(Stage.A_AGREED)).startswith("you to ask Tom Lee")


# --- through the facade ----------------------------------------------------------------


def two(kith: Kith) -> None:
    kith.add_person("Ana Ruiz", {F.ORG: ["Globex:CTO"], F.NEED: ["a Postgres expert"]})
    kith.add_person("Tom Lee", {F.OFFER: ["Postgres performance tuning"]})
    kith.update_me(name="Sam Rivera")


def test_walk_an_introduction_from_start_to_outcome(kith: Kith) -> None:
    two(kith)
    opened = kith.open_intro("Ana", "Tom", "Ana's database is slow")
    intro_id = opened.intro.id
    assert intro_id is not None and opened.intro.stage is Stage.ASKED_A
    assert opened.draft.startswith("Hi Ana,") and opened.draft_to == "Ana Ruiz"
    assert opened.logged is not None and opened.logged.person_ids == [opened.intro.a.id]
    assert [i.waiting for i in kith.intros()] == ["Ana Ruiz to say yes (or no)"]
    agreed = kith.advance_intro(intro_id, Step.AGREED)
    assert agreed.draft.startswith("Hi Tom,") and agreed.draft_to == "Tom Lee"
    kith.advance_intro(intro_id, Step.ASKED)
    both = kith.advance_intro(intro_id, Step.AGREED)
    assert "Hi Ana and Tom," in both.draft
    made_it = kith.advance_intro(intro_id, Step.INTRODUCED)
    assert [(g.person, g.kind) for g in made_it.gives] == [
        ("Ana Ruiz", GiveKind.INTRODUCTION), ("Tom Lee", GiveKind.INTRODUCTION)
    ]  # fmt: skip
    assert made_it.logged is not None and len(made_it.logged.person_ids) == 2
    done = kith.advance_intro(intro_id, Step.OUTCOME, "Tom fixed the slow queries")
    assert done.intro.outcome == "Tom fixed the slow queries" and done.logged is None
    assert kith.intros() == []
    assert [i.stage for i in kith.intros(include_closed=True)] == [Stage.OUTCOME]
    ana = kith.show_person("Ana")
    assert sum("(introduction #" in i.summary for i in ana.timeline) == 3  # asked, agreed, made
    assert [e.direction for e in ana.ledger if e.kind is GiveKind.INTRODUCTION] == [
        Direction.I_GAVE
    ]
    assert kith.rebuild() == 0  # every step kept the standing as a rebuild would


def test_declined_is_logged_with_the_person_who_declined(kith: Kith) -> None:
    two(kith)
    intro_id = kith.open_intro("Ana", "Tom", "").intro.id
    assert intro_id is not None
    kith.advance_intro(intro_id, Step.AGREED)
    kith.advance_intro(intro_id, Step.ASKED)
    declined = kith.advance_intro(intro_id, Step.DECLINED, "busy until spring")
    assert declined.intro.declined_by == "b" and declined.gives == []
    assert declined.logged is not None and declined.logged.people == ["Tom Lee"]
    assert "declined an introduction to Ana Ruiz: busy until spring" in declined.logged.summary
    with pytest.raises(InvalidInput):
        kith.advance_intro(intro_id, Step.AGREED)


def test_intro_errors(kith: Kith) -> None:
    two(kith)
    with pytest.raises(InvalidInput):
        kith.open_intro("Ana", "Ana Ruiz", "")
    intro_id = kith.open_intro("Ana", "Tom", "").intro.id
    with pytest.raises(Conflict):
        kith.open_intro("Tom", "Ana", "")  # already open, either way round
    with pytest.raises(NotFound):
        kith.advance_intro(999, Step.AGREED)
    assert intro_id is not None
    with pytest.raises(InvalidInput):
        kith.advance_intro(intro_id, Step.INTRODUCED)
    kith.advance_intro(intro_id, Step.AGREED)
    kith.advance_intro(intro_id, Step.ASKED)
    kith.advance_intro(intro_id, Step.AGREED)
    kith.advance_intro(intro_id, Step.INTRODUCED)
    with pytest.raises(InvalidInput, match="what came of it"):
        kith.advance_intro(intro_id, Step.OUTCOME, "  ")


def test_another_account_cannot_see_or_advance_it(make_kith: Callable[..., Kith]) -> None:
    mine = make_kith()
    two(mine)
    intro_id = mine.open_intro("Ana", "Tom", "").intro.id
    assert intro_id is not None
    other = make_kith("other")
    assert other.intros() == []
    with pytest.raises(NotFound):
        other.advance_intro(intro_id, Step.AGREED)


# --- the commands ----------------------------------------------------------------------


def test_intro_commands(run: Runner) -> None:
    run("add", "Ana Ruiz", "--need", "a Postgres expert")
    run("add", "Tom Lee", "--offer", "Postgres tuning")
    opened = run("intro", "Ana", "Tom", "--why", "slow database")
    assert opened.exit_code == 0, opened.stderr
    assert "Introduction #1: Ana Ruiz → Tom Lee" in opened.stdout and "Hi Ana," in opened.stdout
    listed = run("intros")
    assert "waiting on Ana Ruiz to say yes" in listed.stdout
    wrong = run("intro", "advance", "1", "introduced")
    assert wrong.exit_code == 1 and "cannot go 'introduced'" in wrong.stderr
    assert "Next: agreed, declined." in wrong.stderr
    agreed = run("intro", "advance", "1", "agreed", "--json")
    assert json.loads(agreed.stdout)["intro"]["stage"] == "a_agreed"
    assert "Hi Tom," in json.loads(agreed.stdout)["draft"]
    assert json.loads(run("intros", "--json").stdout)[0]["waiting"].startswith("you to ask")
    shown = run("show", "Tom")
    assert "intro #1" in shown.stdout
    assert run("intro", "advance", "9", "agreed").exit_code == 1
    assert run("intro", "--help").exit_code == 0


def test_the_agenda_says_when_an_introduction_waits_on_you(kith: Kith) -> None:
    two(kith)
    kith.follow_up("Tom", "send the deck", "yesterday")  # puts Tom on the agenda
    intro_id = kith.open_intro("Ana", "Tom", "").intro.id
    kith.advance_intro(intro_id or 0, Step.AGREED)
    entries = {e.person: e for e in kith.agenda(limit=None)}
    assert any("Ana Ruiz said yes; ask Tom Lee" in why for why in entries["Tom Lee"].why)


def test_deleting_a_person_removes_their_introductions(kith: Kith) -> None:
    two(kith)
    kith.open_intro("Ana", "Tom", "")
    kith.delete_person("Tom")
    assert kith.intros(include_closed=True) == []
    assert kith.show_person("Ana").introductions == []
