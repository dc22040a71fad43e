"""Demo data: a believable, deterministic professional network built from plain core objects.

Pure Python, no I/O: the same (count, seed, now) always gives the same people,
interactions, ledger and follow-ups. Each person's relationship rhythm (tie
tier, when and how the user met them, career timeline) is a `plans.Plan` derived
from (seed, person id) alone, so `generate_people` and `iter_interactions`
agree without sharing state, and the interaction stream can be produced one
person at a time without holding it in memory.

Plans count time in whole days before `now`; everything is turned into dates
and UTC datetimes only at the edges.
"""

from __future__ import annotations

from kith.demo.interactions import SOURCE, iter_interactions
from kith.demo.ledger import generate_followups, generate_ledger
from kith.demo.me import generate_me
from kith.demo.people import generate_people
from kith.demo.plans import WINDOW_DAYS

__all__ = [
    "SOURCE",
    "WINDOW_DAYS",
    "generate_followups",
    "generate_ledger",
    "generate_me",
    "generate_people",
    "iter_interactions",
]
