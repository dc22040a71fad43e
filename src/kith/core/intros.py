"""Double-opt-in introductions: the stages, the steps between them, and the drafted messages.

An introduction between A and B goes

    asked_a → a_agreed → asked_b → b_agreed → introduced → outcome

and can be declined at any step before `introduced`. Nobody is introduced without having
said yes: A is asked first (the one the intro is mostly for), then B, and only then are
they put in touch. Each step is a `Step` the user reports; `advance` says where it leads
or raises InvalidInput with what the next step could be.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from kith.errors import InvalidInput


class Stage(StrEnum):
    """Where an introduction stands."""

    ASKED_A = "asked_a"
    A_AGREED = "a_agreed"
    ASKED_B = "asked_b"
    B_AGREED = "b_agreed"
    INTRODUCED = "introduced"
    OUTCOME = "outcome"
    DECLINED = "declined"

    @property
    def is_open(self) -> bool:
        return self not in (Stage.OUTCOME, Stage.DECLINED)


class Step(StrEnum):
    """What the user reports: the awaited person agreed or declined, B was asked, the
    introduction was made, or what came of it."""

    AGREED = "agreed"
    DECLINED = "declined"
    ASKED = "asked"
    INTRODUCED = "introduced"
    OUTCOME = "outcome"


_NEXT: dict[tuple[Stage, Step], Stage] = {
    (Stage.ASKED_A, Step.AGREED): Stage.A_AGREED,
    (Stage.A_AGREED, Step.ASKED): Stage.ASKED_B,
    (Stage.ASKED_B, Step.AGREED): Stage.B_AGREED,
    (Stage.B_AGREED, Step.INTRODUCED): Stage.INTRODUCED,
    (Stage.INTRODUCED, Step.OUTCOME): Stage.OUTCOME,
    **{(s, Step.DECLINED): Stage.DECLINED for s in (Stage.ASKED_A, Stage.A_AGREED,
                                                    Stage.ASKED_B, Stage.B_AGREED)},
}  # fmt: skip


@dataclass(frozen=True)
class Party:
    """One side of an introduction, with the context the drafts are written from."""

    id: int
    name: str
    headline: str = ""  # current title and organization
    needs: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


@dataclass
class Introduction:
    """A double-opt-in introduction of `a` to `b` (`a` is asked first)."""

    a: Party
    b: Party
    why: str
    stage: Stage
    opened_on: date
    id: int | None = None
    declined_by: str | None = None  # "a" or "b"
    outcome: str = ""
    waiting: str = field(default="")  # what it waits on, in words (filled by `describe`)


def next_steps(stage: Stage) -> list[Step]:
    """The steps that can follow `stage`."""
    return [step for (s, step) in _NEXT if s is stage]


def advance(intro: Introduction, step: Step) -> Stage:
    """The stage `step` leads to from the introduction's current stage."""
    target = _NEXT.get((intro.stage, step))
    if target is None:
        allowed = ", ".join(s.value for s in next_steps(intro.stage))
        hint = f"Next: {allowed}." if allowed else "It is closed; open a new introduction."
        raise InvalidInput(
            f"Introduction #{intro.id} is at '{intro.stage.value}': it cannot go '{step.value}'.",
            hint,
        )
    return target


def awaited(intro: Introduction) -> Party | None:
    """Whose answer or action the stage waits on (None for the user alone, or closed)."""
    if intro.stage is Stage.ASKED_A:
        return intro.a
    if intro.stage is Stage.ASKED_B:
        return intro.b
    return None


def waiting_on(intro: Introduction) -> str:
    """What the introduction waits on, e.g. "Ana Ruiz to say yes" or "you to ask Tom Lee"."""
    a, b = intro.a.name, intro.b.name
    return {
        Stage.ASKED_A: f"{a} to say yes (or no)",
        Stage.A_AGREED: f"you to ask {b}",
        Stage.ASKED_B: f"{b} to say yes (or no)",
        Stage.B_AGREED: "you to introduce them",
        Stage.INTRODUCED: "what comes of it",
        Stage.OUTCOME: "nothing: done",
        Stage.DECLINED: "nothing: declined",
    }[intro.stage]


def your_move(intro: Introduction) -> str:
    """What the user has to do next, when the introduction waits on them ("" otherwise)."""
    if intro.stage is Stage.A_AGREED:
        return f"Introduction #{intro.id}: {intro.a.name} said yes; ask {intro.b.name}."
    if intro.stage is Stage.B_AGREED:
        return (f"Introduction #{intro.id}: both said yes; introduce {intro.a.name} and "
                f"{intro.b.name}.")  # fmt: skip
    return ""


def described(intro: Introduction) -> Introduction:
    """The introduction with `waiting` filled in."""
    intro.waiting = waiting_on(intro)
    return intro


def draft_for(intro: Introduction, me: str) -> str:
    """The message the user sends next at this stage ("" when there is none)."""
    if intro.stage is Stage.ASKED_A:
        return draft_opt_in(intro.a, intro.b, intro.why, me)
    if intro.stage is Stage.A_AGREED:
        return draft_opt_in(intro.b, intro.a, intro.why, me)
    if intro.stage is Stage.B_AGREED:
        return draft_introduction(intro.a, intro.b, intro.why, me)
    return ""


def draft_opt_in(to: Party, other: Party, why: str, me: str) -> str:
    """The opt-in question to one side: would they like to meet the other?"""
    about = f"{other.name}" + (f" ({other.headline})" if other.headline else "")
    lines = [f"Hi {to.first_name},", "", f"Would you like me to introduce you to {about}?"]
    if why.strip():
        lines.append(f"I thought of you because {_sentence(why)}")
    if fit := _fit_line(to, other):
        lines.append(fit)
    lines += ["", "No pressure at all: if now is not a good time, just say so.", "", _sign(me)]
    return "\n".join(lines)


def draft_introduction(a: Party, b: Party, why: str, me: str) -> str:
    """The introduction itself, to both, once both said yes."""
    lines = [
        f"Subject: Introduction: {a.first_name} <> {b.first_name}",
        "",
        f"Hi {a.first_name} and {b.first_name},",
        "",
        f"As promised, an introduction. You both said you'd like to meet{': ' if why else '.'}"
        + (_sentence(why) if why.strip() else ""),
        "",
        _about(a),
        _about(b),
    ]
    if fit := _fit_between(a, b) or _fit_between(b, a):
        lines += ["", fit]
    lines += ["", "I'll let you two take it from here.", "", _sign(me)]
    return "\n".join(lines)


def _about(party: Party) -> str:
    line = f"{party.name}" + (f" is {party.headline}" if party.headline else "")
    if party.offers:
        line += f"; {party.offers[0]}"
    return line.rstrip(".") + "."


def _fit_line(to: Party, other: Party) -> str:
    """Why the other side may help: their first offer against this side's first need."""
    if to.needs and other.offers:
        need, offer = _quote(to.needs[0]), _quote(other.offers[0])
        return f"You mentioned {need}, and {other.first_name} {offer}."
    return ""


def _fit_between(needing: Party, offering: Party) -> str:
    """The same, told to both: "Ana mentioned “…”, and Tom “…”"."""
    if needing.needs and offering.offers:
        need, offer = _quote(needing.needs[0]), _quote(offering.offers[0])
        return f"{needing.first_name} mentioned {need}, and {offering.first_name} {offer}."
    return ""


def _quote(text: str) -> str:
    return f"“{text.strip().rstrip('.')}”"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _sign(me: str) -> str:
    return me.split()[0] if me.split() else "Me"
