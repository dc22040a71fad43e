"""Target companies, a list in the spirit of a LAMP list: where the user would love to
work, ranked by motivation (priority 1–3) and by how warm the ways in are."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from kith.core.paths import MIN_TIE, WarmPath
from kith.errors import InvalidInput

PRIORITIES = (1, 2, 3)  # 1: most wanted
MOTIVATION = {1: 75.0, 2: 50.0, 3: 25.0}
WARMTH_WEIGHT = 0.5  # a warm way in (100) is worth two priority steps


@dataclass
class Target:
    """A company the user would like to work at."""

    company: str
    role: str = ""
    priority: int = 2
    notes: str = ""
    id: int | None = None
    created_at: datetime | None = None


@dataclass
class RankedTarget:
    """A target with the warmth of its ways in: the best path's score and how many there
    are (paths through a real tie)."""

    target: Target
    rank: float
    warmth: float
    ways_in: int
    best: WarmPath | None = None
    paths: list[WarmPath] = field(default_factory=list)


def check_priority(priority: int) -> int:
    """1, 2 or 3; anything else is refused."""
    if priority not in PRIORITIES:
        raise InvalidInput(f"Priority {priority} is not 1, 2 or 3.", "1 is the most wanted.")
    return priority


def rank_targets(found: list[tuple[Target, list[WarmPath]]]) -> list[RankedTarget]:
    """Targets ranked by motivation plus half the warmth of the best way in."""
    ranked = []
    for target, paths in found:
        warmth = max((p.score for p in paths), default=0.0)
        rank = MOTIVATION[target.priority] + WARMTH_WEIGHT * warmth
        ways = sum(1 for p in paths if p.score >= MIN_TIE)
        ranked.append(
            RankedTarget(target, round(rank, 1), warmth, ways, paths[0] if paths else None, paths)
        )
    return sorted(ranked, key=lambda r: (-r.rank, r.target.priority, r.target.company.casefold()))
