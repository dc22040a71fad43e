"""Name keys and name resolution: case-, accent- and typo-tolerant, and never a guess.

The store narrows the candidates (an exact key is an index look-up); this
module decides which of them a typed name means.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

FUZZY_CUTOFF = 84.0  # token_sort_ratio: "Ana Ruis" ~ "Ana Ruiz" (88); "Ana" ~ "Anna Lee" stays out


def name_key(name: str) -> str:
    """Casefolded, accent-free, single-spaced: the form names are compared in."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
    return " ".join(bare.casefold().replace("-", " ").replace(".", " ").split())


@dataclass(frozen=True)
class Candidate:
    """A person as name resolution sees them."""

    id: int
    key: str


@dataclass(frozen=True)
class Resolution:
    """The people a typed name fits at the best tier that fits anyone, and how."""

    ids: tuple[int, ...]
    how: str  # "exact", "words", "prefix", "fuzzy" or "none"

    @property
    def unique(self) -> int | None:
        return self.ids[0] if len(self.ids) == 1 else None


def resolve(query: str, candidates: Sequence[Candidate]) -> Resolution:
    """The candidates `query` fits: the exact name, else whole words ("ana" fits "Ana Ruiz"
    before "Anabel Ruiz"), else word prefixes, else a close typo."""
    key = name_key(query)
    if not key:
        return Resolution((), "none")
    exact = tuple(c.id for c in candidates if c.key == key)
    if exact:
        return Resolution(exact, "exact")
    words = key.split()
    for how, fits in (("words", _tokens_equal), ("prefix", _tokens_prefix)):
        found = tuple(c.id for c in candidates if fits(words, c.key.split()))
        if found:
            return Resolution(found, how)
    return Resolution(_fuzzy(key, candidates), "fuzzy")


def _tokens_equal(query: list[str], name: list[str]) -> bool:
    """Every query word is a distinct name word, in order ("ana ruiz" fits "ana maria ruiz")."""
    return _in_order(query, name, str.__eq__)


def _tokens_prefix(query: list[str], name: list[str]) -> bool:
    """Every query word starts a distinct name word, in order ("an r" fits "ana maria ruiz")."""
    return _in_order(query, name, str.startswith)


def _in_order(query: list[str], name: list[str], fits: Callable[[str, str], bool]) -> bool:
    position = 0
    for word in query:
        while position < len(name) and not fits(name[position], word):
            position += 1
        if position == len(name):
            return False
        position += 1
    return True


def _fuzzy(key: str, candidates: Sequence[Candidate]) -> tuple[int, ...]:
    from rapidfuzz import fuzz, process, utils  # only when exact and word matches failed

    choices = [c.key for c in candidates]
    hits = process.extract(
        key,
        choices,
        scorer=fuzz.token_sort_ratio,
        processor=utils.default_process,
        score_cutoff=FUZZY_CUTOFF,
        limit=None,  # every close name: a cap could hide some of the people it fits
    )
    return tuple(candidates[index].id for _, _, index in hits)


def suggestions(query: str, candidates: Sequence[Candidate], limit: int = 3) -> list[int]:
    """Loose matches to offer as "did you mean" when nothing fits."""
    from rapidfuzz import fuzz, process

    hits = process.extract(
        name_key(query),
        [c.key for c in candidates],
        scorer=fuzz.WRatio,
        score_cutoff=60,
        limit=limit,
    )
    return [candidates[index].id for _, _, index in hits]
