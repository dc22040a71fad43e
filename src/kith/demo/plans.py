"""Relationship plans: each person's tier, how and when met, and career, from (seed, id)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from random import Random

from kith.demo.common import pick

WINDOW_DAYS = 8 * 365  # interactions go back at most this far


@dataclass(frozen=True)
class _Tier:
    """A band of closeness: how often contact happens and how ties start and fade."""

    weight: float
    met: tuple[int, int]  # days before now
    gap: tuple[float, float]  # mean days between interactions
    fade: tuple[float, float]  # gap multiplier per interaction: >1 means drifting apart
    me_bias: tuple[float, float]  # chance the user initiated
    styles: dict[str, int]  # how-we-met style -> weight


# fmt: off
_TIERS: dict[str, _Tier] = {
    "inner": _Tier(1, (1500, 6000), (6, 12), (1, 1), (0.4, 0.6), {
        "university": 30, "colleague": 35, "intro": 10, "conference": 5, "neighbour": 10,
        "party": 10}),
    "close": _Tier(3, (900, 5000), (11, 22), (1, 1), (0.35, 0.65), {
        "colleague": 40, "university": 15, "intro": 15, "conference": 10, "meetup": 10,
        "neighbour": 5, "party": 5}),
    "active": _Tier(10, (400, 4000), (22, 45), (1, 1), (0.3, 0.7), {
        "colleague": 35, "intro": 20, "conference": 15, "meetup": 15, "linkedin": 5,
        "university": 5, "party": 5}),
    "wider": _Tier(35, (200, 2900), (25, 55), (1.08, 1.25), (0.2, 0.8), {
        "colleague": 25, "intro": 15, "conference": 25, "meetup": 20, "linkedin": 10,
        "party": 5}),
    # Strong ties that went quiet 1-4 years ago.
    "dormant": _Tier(5, (1500, 5000), (8, 24), (1, 1), (0.35, 0.65), {
        "colleague": 45, "university": 10, "intro": 15, "conference": 15, "meetup": 10,
        "neighbour": 5}),
    # Met once or twice: the business-card pile.
    "tail": _Tier(46, (30, 2900), (0, 0), (1, 1), (0.1, 0.9), {
        "conference": 40, "meetup": 20, "linkedin": 15, "intro": 15, "party": 10}),
}
# fmt: on
_TIER_NAMES = tuple(_TIERS)
_TIER_CUM = list(accumulate(t.weight for t in _TIERS.values()))
CLOSE_TIERS = frozenset({"inner", "close"})

Span = tuple[int, int]  # a position: (start, end) in days before now; end -1 while current


@dataclass(frozen=True)
class Plan:
    """One person's relationship rhythm, in days before now; a pure function of (seed, id)."""

    tier: str
    style: str
    met_day: int
    spans: tuple[Span, ...]  # career positions, newest first
    first_day: int  # first logged interaction
    last_day: int  # contact stops here (0 unless the tie went dormant)
    gap: float
    fade: float
    me_bias: float


def plan_for(seed: int, pid: int) -> Plan:
    """The plan of person `pid`: the same for the same (seed, pid), whoever asks."""
    rng = Random(f"{seed}:plan:{pid}")
    tier = rng.choices(_TIER_NAMES, cum_weights=_TIER_CUM)[0]
    spec = _TIERS[tier]
    spans = _career_spans(rng)
    style, met_day = _met_when(rng, spec, spans)
    first_day, last_day = _active_days(rng, tier, met_day)
    return Plan(
        tier=tier,
        style=style,
        met_day=met_day,
        spans=spans,
        first_day=first_day,
        last_day=last_day,
        gap=rng.uniform(*spec.gap),
        fade=rng.uniform(*spec.fade),
        me_bias=pick(rng, spec.me_bias) if tier == "tail" else rng.uniform(*spec.me_bias),
    )


def _career_spans(rng: Random) -> tuple[Span, ...]:
    """Up to three positions, newest first, each ending before the next one starts."""
    if rng.random() < 0.04:
        return ()
    career_days = rng.randint(2 * 365, 25 * 365)
    end = -1 if rng.random() < 0.92 else rng.randint(30, 400)
    spans: list[Span] = []
    for _ in range(rng.choices((1, 2, 3), cum_weights=(30, 70, 100))[0]):
        start = min(max(end, 0) + rng.randint(120, 5 * 365), career_days)
        spans.append((start, end))
        end = start + rng.randint(0, 120)
        if end + 120 > career_days:
            break
    return tuple(spans)


def _met_when(rng: Random, spec: _Tier, spans: tuple[Span, ...]) -> tuple[str, int]:
    """How and when the user met them; colleagues met while working together."""
    style = rng.choices(tuple(spec.styles), weights=tuple(spec.styles.values()))[0]
    low, high = spec.met
    if style == "university" and spans:
        return style, max(spans[-1][0] + rng.randint(200, 1500), low)
    if style == "colleague":
        day = _day_in_spans(rng, spans, low, high)
        if day is not None:
            return style, day
    if style in ("university", "colleague"):
        style = "intro"
    return style, rng.randint(low, high)


def _day_in_spans(rng: Random, spans: tuple[Span, ...], low: int, high: int) -> int | None:
    windows = [(max(low, end, 0), min(high, start)) for start, end in spans]
    windows = [(a, b) for a, b in windows if a <= b]
    if not windows:
        return None
    a, b = pick(rng, windows)
    return rng.randint(a, b)


def _active_days(rng: Random, tier: str, met_day: int) -> tuple[int, int]:
    """First and last day of regular contact: history is only logged for the last 8 years."""
    if tier == "tail":
        return met_day, met_day
    first = met_day if met_day <= WINDOW_DAYS else rng.randint(WINDOW_DAYS // 3, WINDOW_DAYS)
    if tier != "dormant":
        return first, 0
    first = max(first, 1500)
    return first, rng.randint(365, min(4 * 365, first - 365))
