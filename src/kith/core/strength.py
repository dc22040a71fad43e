"""Relationship strength, 0–100, from the whole history of a tie (see docs/strength.md).

Every touch and every give adds weight that halves every HALF_LIFE_DAYS:

    raw = depth + reciprocity + giving
    depth       = Σ kind weight × decay          over all interactions
    reciprocity = min(Σ mine, Σ theirs)          decayed weights of contact each side began
    giving      = Σ give weight × decay + min(Σ I gave, Σ they gave)
    strength    = 100 × (1 − e^(−raw / SCALE))

Each sum only grows when something is added and only shrinks as time passes, so a new
interaction never lowers the score and silence never raises it.

For speed the sums are kept "at the epoch": a weight w at time t is stored as
w × 2^((t − EPOCH) / HALF_LIFE), and multiplying by 2^(−(now − EPOCH) / HALF_LIFE)
gives its value now. Sums kept that way can be updated on each write and read at
any `now` without rescanning the history.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from kith.core.interactions import Initiator, Interaction, Kind
from kith.core.ledger import Direction, LedgerEntry, Status

HALF_LIFE_DAYS = 180.0
SCALE = 10.0
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
_MAX_EXPONENT = 900.0  # 2^±900 is far from float overflow; clamps absurd dates

KIND_WEIGHT: dict[Kind, float] = {
    Kind.MEAL: 1.0,
    Kind.MEETING: 0.9,
    Kind.COFFEE: 0.9,
    Kind.VIDEO: 0.7,
    Kind.CALL: 0.6,
    Kind.EVENT: 0.4,
    Kind.MESSAGE: 0.3,
    Kind.EMAIL: 0.25,
    Kind.OTHER: 0.2,
}
GIVE_WEIGHT = 1.5  # a give (or help received) that was done
ASK_WEIGHT = 0.5  # an ask that was met
OPEN_WEIGHT = 0.25  # still open: something is in motion


@dataclass(frozen=True)
class StrengthInputs:
    """The epoch-scaled sums strength is read from (all ≥ 0)."""

    depth: float = 0.0
    mine: float = 0.0
    theirs: float = 0.0
    gave: float = 0.0
    received: float = 0.0
    asks: float = 0.0

    def __add__(self, other: StrengthInputs) -> StrengthInputs:
        return StrengthInputs(
            self.depth + other.depth,
            self.mine + other.mine,
            self.theirs + other.theirs,
            self.gave + other.gave,
            self.received + other.received,
            self.asks + other.asks,
        )

    def key(self) -> float:
        """The epoch-scaled raw score: orders people by strength at any single `now`."""
        return (
            self.depth
            + min(self.mine, self.theirs)
            + self.gave
            + self.received
            + self.asks
            + min(self.gave, self.received)
        )


def epoch_weight(weight: float, moment: datetime) -> float:
    """`weight` as kept at the epoch for something that happened at `moment`."""
    return weight * math.exp2(_half_lives_since_epoch(moment))


def decay_to(now: datetime) -> float:
    """The factor that turns epoch-kept sums into their value at `now`."""
    return math.exp2(-_half_lives_since_epoch(now))


def _half_lives_since_epoch(moment: datetime) -> float:
    """Half-lives from the epoch to `moment`, clamped both ways so exp2 never overflows."""
    exponent = (moment - EPOCH).total_seconds() / 86400.0 / HALF_LIFE_DAYS
    return max(-_MAX_EXPONENT, min(exponent, _MAX_EXPONENT))


def strength_from_key(key: float, now: datetime) -> float:
    """Strength 0–100 from an epoch-scaled raw score."""
    raw = key * decay_to(now)
    return 100.0 * (1.0 - math.exp(-raw / SCALE))


def strength(inputs: StrengthInputs, now: datetime) -> float:
    """Strength 0–100 at `now`."""
    return strength_from_key(inputs.key(), now)


def interaction_inputs(item: Interaction, now: datetime) -> StrengthInputs:
    """What one interaction adds (never counted as later than `now`)."""
    weight = epoch_weight(KIND_WEIGHT[item.kind], min(item.occurred_at, now))
    return StrengthInputs(
        depth=weight,
        mine=weight if item.initiated_by is Initiator.ME else 0.0,
        theirs=weight if item.initiated_by is Initiator.THEM else 0.0,
    )


def ledger_inputs(entry: LedgerEntry, now: datetime) -> StrengthInputs:
    """What one give or ask adds: help done counts most; an ask met counts less."""
    moment = min(_noon(entry.occurred_on), now)
    if entry.status is Status.DECLINED:
        return StrengthInputs()
    if entry.status is Status.OPEN:
        return StrengthInputs(asks=epoch_weight(OPEN_WEIGHT, moment))
    if entry.direction is Direction.I_GAVE:
        return StrengthInputs(gave=epoch_weight(GIVE_WEIGHT, moment))
    if entry.direction is Direction.THEY_GAVE:
        return StrengthInputs(received=epoch_weight(GIVE_WEIGHT, moment))
    return StrengthInputs(asks=epoch_weight(ASK_WEIGHT, moment))


def inputs_from_history(
    interactions: Iterable[Interaction], ledger: Iterable[LedgerEntry], now: datetime
) -> StrengthInputs:
    """The sums from a whole history (what `kith rebuild` recomputes)."""
    total = StrengthInputs()
    for item in interactions:
        total = total + interaction_inputs(item, now)
    for entry in ledger:
        total = total + ledger_inputs(entry, now)
    return total


def _noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


@dataclass
class Explanation:
    """A score broken into what made it: points per part, summing to the score."""

    score: float
    parts: list[tuple[str, float]] = field(default_factory=list)
    half_life_days: float = HALF_LIFE_DAYS


def explain(
    interactions: list[Interaction], ledger: list[LedgerEntry], now: datetime
) -> Explanation:
    """Why a tie has its strength: each kind of contact, reciprocity and giving, in points."""
    decay = decay_to(now)
    raw_parts: list[tuple[str, float]] = []
    for kind in Kind:
        mine = [i for i in interactions if i.kind is kind]
        if mine:
            raw = sum(interaction_inputs(i, now).depth for i in mine) * decay
            raw_parts.append((f"{kind.value} × {len(mine)}", raw))
    totals = inputs_from_history(interactions, ledger, now)
    if min(totals.mine, totals.theirs) > 0:
        raw_parts.append(
            ("reciprocity (both sides reach out)", min(totals.mine, totals.theirs) * decay)
        )
    giving = replace(totals, depth=0.0, mine=0.0, theirs=0.0).key() * decay
    if giving > 0:
        raw_parts.append((f"gives and help ({len(ledger)} ledger entries)", giving))
    score = strength(totals, now)
    raw_total = sum(points for _, points in raw_parts)
    parts = [(label, score * raw / raw_total) for label, raw in raw_parts] if raw_total else []
    return Explanation(score, sorted(parts, key=lambda p: -p[1]))
