"""Matching needs to offers, the one place for it: `lexical` (BM25 over stemmed words, no
model, what the agenda and `best_fits` use by default) and `semantic` (sentence embeddings,
the `kith[semantic]` extra, loaded only when asked for). Importing this package never loads
a model."""

from kith.core.matching.lexical import (
    FIT_FLOOR,
    Fit,
    LexicalMatcher,
    Matcher,
    best_fits,
    reason,
    shared_words,
    tokens,
)

__all__ = [
    "FIT_FLOOR",
    "Fit",
    "LexicalMatcher",
    "Matcher",
    "best_fits",
    "reason",
    "shared_words",
    "tokens",
]
