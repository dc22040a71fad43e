"""Matching needs to offers: how well what one person offers fits what another needs.

A `Matcher` scores every (query, document) pair of one call on a common scale from 0 to 1:
0 is no fit at all, 1 a fit as good as the matcher can tell. Both matchers are calibrated so
that `FIT_FLOOR` means the same thing for each: below it nothing counts as a fit. Callers rank
with the score as it is (e.g. intros by fit × tie strength).

Two matchers implement it:

- `LexicalMatcher` (here, always available): BM25 over normalised words. It sees shared
  words, not meaning: "looking for a backend role" does not meet "hiring Python engineers".
- `SemanticMatcher` (`semantic.py` beside this, the `kith[semantic]` extra): sentence
  embeddings, which see through paraphrase. `semantic.default_matcher()` picks one.

This module does no I/O; `rank_bm25` (and with it numpy) is imported on first use only, so
importing Kith stays fast.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rank_bm25 import BM25Okapi  # type: ignore[import-untyped]

# The score below which nothing counts as a fit, for both matchers. For the lexical matcher
# it means under about a fifth of what the need says (weighted by how telling each word is)
# appears in the offer; for the semantic one, a cosine similarity under about 0.3, where
# sentences stop being about the same thing. Chosen on tests/data/matching (see its README).
FIT_FLOOR = 0.2

# How many (need, offer) scores `best_fits` asks a matcher for at once.
PAIRS_PER_CALL = 500_000


class Matcher(Protocol):
    """Scores how well documents fit queries (offers fit needs), on a common 0..1 scale."""

    name: str  # "lexical" or "semantic"

    def similarity(self, queries: Sequence[str], documents: Sequence[str]) -> list[list[float]]:
        """scores[i][j]: how well documents[j] fits queries[i]; comparable within one call,
        0 = no fit."""
        ...


@dataclass(frozen=True)
class Fit:
    """An offer that fits a need, how well (0..1) and why, in one line."""

    need: str
    offer: str
    score: float
    reason: str


def best_fits(
    matcher: Matcher,
    needs: Sequence[str],
    offers: Sequence[str],
    limit: int = 5,
    floor: float = FIT_FLOOR,
) -> list[Fit]:
    """The `limit` best (need, offer) pairs over all needs and offers, best first, each
    scoring at least `floor`. Repeated texts count once; blank ones are ignored. Ties are
    broken on the texts, so the same inputs always give the same list.

    Needs are scored a slice at a time (about `PAIRS_PER_CALL` pairs), keeping only the best
    so far, so a whole network's needs against its offers never sits in memory at once."""
    needs, offers = _distinct(needs), _distinct(offers)
    if not needs or not offers or limit <= 0:
        return []
    step = max(1, PAIRS_PER_CALL // len(offers))
    best: list[tuple[float, str, str]] = []
    for first in range(0, len(needs), step):
        chunk = needs[first : first + step]
        best.extend(
            (-score, need, offer)
            for need, row in zip(chunk, matcher.similarity(chunk, offers), strict=True)
            for offer, score in zip(offers, row, strict=True)
            if score >= floor and score > 0
        )
        best = heapq.nsmallest(limit, best)
    return [Fit(n, o, round(-s, 4), reason(matcher, n, o)) for s, n, o in best]


def reason(matcher: Matcher, need: str, offer: str) -> str:
    """Why an offer fits a need, in one line: the words they share, and for a matcher that
    reads meaning, that they are close in meaning."""
    shared = shared_words(need, offer)
    words = f"both mention {', '.join(shared)}" if shared else ""
    if matcher.name == "lexical":
        return words or "few words in common"
    return f"close in meaning; {words}" if words else "close in meaning"


def shared_words(need: str, offer: str, most: int = 3) -> list[str]:
    """Up to `most` of the need's content words that the offer also uses, as the need spells
    them (first spelling of each stem), in the need's order."""
    offer_stems = set(tokens(offer))
    seen: list[str] = []
    words: list[str] = _WORD.findall(need)
    for word in words:
        stem = _stem(_fold(word))
        if stem in offer_stems and _fold(word) not in _STOPWORDS and stem not in seen:
            seen.append(stem)
            if len(seen) == most:
                break
    return [_first_spelling(need, stem) for stem in seen]


def _first_spelling(text: str, stem: str) -> str:
    words: list[str] = _WORD.findall(text)
    return next(w.lower() for w in words if _stem(_fold(w)) == stem)


def _distinct(texts: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(t.strip() for t in texts if t.strip()))


# --- the lexical matcher -------------------------------------------------------------------


class LexicalMatcher:
    """BM25 (Okapi, from `rank_bm25`) over the documents of one call, scaled to 0..1.

    The score of a document for a query is its BM25 score divided by the query's own
    weight: the sum of its words' idf. A document that holds every word of the query once,
    at the average length, scores 1; one that holds words worth half the query's weight about
    0.5 (shorter documents a little more, longer a little less; capped at 1). Query words no
    document uses still count in that weight, as much as a word found in one document, so a
    need the offers barely touch scores low even when the offers are few.

    The idf is Lucene's, log(1 + (N - n + 0.5) / (n + 0.5)), rather than `rank_bm25`'s,
    which turns negative for a word found in most documents and breaks with one document.
    """

    name = "lexical"

    def __init__(self, k1: float = 1.5, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b

    def similarity(self, queries: Sequence[str], documents: Sequence[str]) -> list[list[float]]:
        """scores[i][j] in 0..1: the share of queries[i]'s weight that documents[j] holds."""
        if not queries or not documents:
            return [[] for _ in queries]
        corpus = [tokens(d) for d in documents]
        model = _bm25(corpus, self.k1, self.b)
        postings = _postings(corpus)
        unseen = _idf(len(corpus), 1)
        return [self._row(model, postings, unseen, tokens(q), len(corpus)) for q in queries]

    def _row(
        self,
        model: BM25Okapi,
        postings: dict[str, list[int]],
        unseen: float,
        query: list[str],
        size: int,
    ) -> list[float]:
        row = [0.0] * size
        words = list(dict.fromkeys(query))  # a word said twice is not twice the need
        candidates = sorted({j for w in words for j in postings.get(w, ())})
        if not candidates:
            return row
        weight = sum(model.idf.get(w, unseen) for w in words)
        for j, score in zip(candidates, model.get_batch_scores(words, candidates), strict=True):
            row[j] = min(1.0, score / weight)
        return row


def _bm25(corpus: list[list[str]], k1: float, b: float) -> BM25Okapi:
    """A `rank_bm25` Okapi model whose idf is Lucene's (always positive)."""
    from rank_bm25 import BM25Okapi

    class _Positive(BM25Okapi):  # type: ignore[misc]  # rank_bm25 is untyped
        def _calc_idf(self, nd: dict[str, int]) -> None:
            self.idf = {word: _idf(self.corpus_size, n) for word, n in nd.items()}

    model: BM25Okapi = _Positive(corpus, k1=k1, b=b)
    return model


def _idf(documents: int, having: int) -> float:
    return math.log(1 + (documents - having + 0.5) / (having + 0.5))


def _postings(corpus: list[list[str]]) -> dict[str, list[int]]:
    """word -> the documents that use it, so a query is scored only where it can score."""
    postings: dict[str, list[int]] = {}
    for j, words in enumerate(corpus):
        for word in dict.fromkeys(words):
            postings.setdefault(word, []).append(j)
    return postings


# --- words ---------------------------------------------------------------------------------

# Letters and digits, keeping the marks of "c++", "c#" and "node.js"-like names inside a word.
_WORD = re.compile(r"[^\W_](?:[\w+#.]*[\w+#])?")

# Function words, and the words every need or offer is phrased with ("looking for", "happy to
# help", "knows someone"): they say nothing about what is needed or offered.
_STOPWORD_LIST = """
    a about after all also am an and any anyone are around as at be been being but by can
    could do does for from get getting good great had has have he her here his how i if in
    into is it its just like me more most my new no not now of on one or our out over she so
    some someone something than that the their them then there these they this those to too
    up us very was we were what when where which who will with would you your
    able advice anybody ask asking eager find finding happy help helping interested keen
    know knows look looking need needs needed offer offers offering open plan planning
    please seek seeking soon want wants wanting willing
"""
_STOPWORDS = frozenset(_STOPWORD_LIST.split())


def tokens(text: str) -> list[str]:
    """The words of `text` that carry meaning, normalised so that spellings of one word meet.

    - case and accents are folded ("Zürich", "zurich" and "ZURICH" are one word);
    - stop words are dropped: English function words and the phrasing of needs and offers
      ("looking for", "happy to help", "knows"), which every text shares;
    - a light stemmer strips plural and verb endings ("engineers" → "engineer",
      "raising"/"raised"/"raise" → "rais"), without a dictionary, so rare words survive;
    - single letters go; words with digits stay as they are ("b2b", "web3").
    """
    words: list[str] = _WORD.findall(text)
    folded = (_fold(w) for w in words)
    return [_stem(w) for w in folded if len(w) > 1 and w not in _STOPWORDS]


def _fold(word: str) -> str:
    """Lower case without accents: "Économie" -> "economie"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip(".")


_ENDINGS = (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", ""))


def _stem(word: str) -> str:
    """Strip one plural or verb ending, then a final e, keeping at least three letters."""
    if not word.isalpha():
        return word
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3 and not word.endswith("ss"):
            word = word[: -len(ending)] + replacement
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word
