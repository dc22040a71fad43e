"""Evaluating a matcher on a labeled set of needs and offers (tests/data/matching).

The set is a retrieval task: for each need, every offer in the set is ranked by the matcher,
and the offers labeled relevant to that need should come first. Two figures summarise it,
averaged over the needs: precision@5 (how many of the first five are relevant; with one or
two relevant offers per need, at most 0.2 or 0.4) and recall@10 (how many of the relevant
offers are among the first ten).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kith.core.matching import Matcher, tokens


@dataclass(frozen=True)
class LabeledSet:
    """Needs, the pool of offers, and for each need the offers that fit it."""

    needs: tuple[str, ...]
    offers: tuple[str, ...]
    relevant: dict[str, frozenset[str]]


@dataclass(frozen=True)
class Scores:
    """A matcher's figures on a labeled set."""

    matcher: str
    precision_at_5: float
    recall_at_10: float
    needs: int
    offers: int


def read_pairs(path: Path) -> LabeledSet:
    """Read a pairs file: a CSV with the columns need, offer, relevant (1 or 0)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    needs = tuple(dict.fromkeys(r["need"] for r in rows))
    offers = tuple(dict.fromkeys(r["offer"] for r in rows))
    relevant = {
        need: frozenset(r["offer"] for r in rows if r["need"] == need and r["relevant"] == "1")
        for need in needs
    }
    return LabeledSet(needs, offers, relevant)


def sharing_words(labeled: LabeledSet) -> LabeledSet:
    """The set cut down to the fits whose need and offer share a content word (the fits a
    lexical matcher can see), and the needs that keep at least one."""
    relevant = {
        need: frozenset(o for o in fits if set(tokens(need)) & set(tokens(o)))
        for need, fits in labeled.relevant.items()
    }
    needs = tuple(n for n in labeled.needs if relevant[n])
    return LabeledSet(needs, labeled.offers, {n: relevant[n] for n in needs})


def evaluate(matcher: Matcher, labeled: LabeledSet) -> Scores:
    """precision@5 and recall@10 of `matcher`, averaged over the needs that have a fit."""
    needs = [n for n in labeled.needs if labeled.relevant[n]]
    rows = matcher.similarity(needs, labeled.offers)
    rankings = [ranked(labeled.offers, row) for row in rows]
    precision = [
        precision_at(r, labeled.relevant[n], 5) for n, r in zip(needs, rankings, strict=True)
    ]
    recall = [recall_at(r, labeled.relevant[n], 10) for n, r in zip(needs, rankings, strict=True)]
    return Scores(matcher.name, _mean(precision), _mean(recall), len(needs), len(labeled.offers))


def ranked(offers: Sequence[str], scores: Sequence[float]) -> list[str]:
    """Offers best first; equal scores in the pool's order. Offers scoring 0 are left out:
    the matcher says they do not fit at all."""
    order = sorted(range(len(offers)), key=lambda j: -scores[j])
    return [offers[j] for j in order if scores[j] > 0]


def precision_at(ranking: Sequence[str], relevant: frozenset[str], k: int) -> float:
    """The share of the first `k` places held by relevant offers (empty places count)."""
    return sum(o in relevant for o in ranking[:k]) / k


def recall_at(ranking: Sequence[str], relevant: frozenset[str], k: int) -> float:
    """The share of the relevant offers found in the first `k` places."""
    return sum(o in relevant for o in ranking[:k]) / len(relevant) if relevant else 0.0


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0
