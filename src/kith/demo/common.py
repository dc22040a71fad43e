"""Helpers every demo module shares: fast random picks, and normalising `now` and ids."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from random import Random
from typing import TypeVar

from kith.core.people import Person

_T = TypeVar("_T")


def pick(rng: Random, items: Sequence[_T]) -> _T:
    """`rng.choice`, about twice as fast: the interaction stream makes millions of picks."""
    return items[int(rng.random() * len(items))]


def as_utc(moment: datetime) -> datetime:
    """`now` in UTC; a naive value is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def id_of(person: Person) -> int:
    """A demo person's id (1..count); people without one were not made by the demo."""
    if person.id is None:
        raise ValueError(f"{person.display_name} has no id; demo people are numbered 1..count")
    return person.id
