"""Referral readiness: can this tie carry an ask today, and if not, what to give first.

The verdict is the giving engine's ask check (core/askcheck.py), with the same settings
`kith ask` uses, so a warm path and `kith ask` never disagree about a person. Readiness
adds two things of its own: it never suggests asking someone the user has no tie to,
whatever the thresholds say, and it says what to give first when the answer is no.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kith.core.askcheck import AskRules, Concern, TieFacts, check_ask
from kith.core.paths import MIN_TIE


@dataclass
class Readiness:
    """Whether to ask now; why; what to give first when not; and the ask check's
    concerns (empty when ready, or when there is no tie to check)."""

    ready: bool
    why: str
    give_first: str = ""
    concerns: tuple[Concern, ...] = ()


def readiness(facts: TieFacts, rules: AskRules, now: datetime, give_idea: str = "") -> Readiness:
    """Can the tie to `facts.person` carry a referral ask today? Never for a stranger.
    `give_idea` is a concrete thing to give (from their needs and the user's offers)."""
    name = facts.person
    idea = give_idea or f"Check in with {name}: ask what they are working on."
    if facts.last_contact is None or facts.strength < MIN_TIE:
        return Readiness(False, f"You have no tie to {name} yet: never ask a stranger.",
                         f"Give first. {idea}")  # fmt: skip
    check = check_ask(facts, rules, now)
    if check.warm:
        return Readiness(True, f"The tie to {name} can carry an ask ({facts.strength:.0f}).")
    return Readiness(False, " ".join(check.reasons), f"{_first_step(check.concerns)} {idea}",
                     check.concerns)  # fmt: skip


def _first_step(concerns: tuple[Concern, ...]) -> str:
    """The step before any ask: reconnect with a dormant tie, give back when the asks
    outweigh the gives, else give first."""
    if Concern.DORMANT in concerns:
        return "Reconnect before asking."
    if Concern.ASKS_OUTWEIGH_GIVES in concerns:
        return "Give back first."
    return "Give first."
