"""kith.core.matching: the lexical matcher, best_fits, and the semantic one (the real model)."""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

import kith.core.matching.semantic as kith_semantic
from evaluation import (
    LabeledSet,
    evaluate,
    precision_at,
    ranked,
    read_pairs,
    recall_at,
    sharing_words,
)
from kith.core.matching import FIT_FLOOR, Fit, LexicalMatcher, best_fits, tokens
from kith.core.matching import lexical as matching
from kith.core.matching.semantic import SemanticMatcher
from kith.errors import InvalidInput

LEXICAL = LexicalMatcher()


# --- words ---------------------------------------------------------------------------------


def test_tokens_fold_case_and_accents() -> None:
    assert tokens("Moving to ZÜRICH") == tokens("moving to zurich") == ["mov", "zurich"]
    assert tokens("São Paulo") == ["sao", "paulo"]


def test_tokens_drop_stop_words_and_stem_endings() -> None:
    assert tokens("Looking for someone who knows Python engineers") == ["python", "engineer"]
    assert tokens("raising") == tokens("raised") == tokens("raise") == tokens("raises")
    assert tokens("companies") == tokens("company")
    assert tokens("business") == ["business"]  # a double s is not a plural


def test_tokens_keep_technical_names() -> None:
    assert tokens("C++, C# and node.js for B2B") == ["c++", "c#", "node.js", "b2b"]


# --- the lexical matcher -------------------------------------------------------------------


def test_lexical_scores_a_shared_word_fit_and_nothing_else() -> None:
    scores = LEXICAL.similarity(
        ["need an immigration lawyer in Berlin"],
        ["immigration lawyers in Berlin", "bakes sourdough bread"],
    )
    assert scores[0][0] > FIT_FLOOR
    assert scores[0][1] == 0.0


def test_lexical_scores_are_on_a_zero_to_one_scale() -> None:
    needs = ["python engineers", "Python python PYTHON", "lisbon", "nothing shared here"]
    offers = ["Python", "hiring Python engineers in Lisbon", "python engineers"]
    for row in LEXICAL.similarity(needs, offers):
        assert all(0.0 <= s <= 1.0 for s in row)
    # Every word of the need, in an offer of average length: a full fit.
    full = LEXICAL.similarity(["python engineers"], ["python engineers", "ux designers"])
    assert full[0][0] == 1.0


def test_lexical_ranks_a_hard_negative_below_the_real_fit() -> None:
    offers = ["hiring senior Python backend engineers", "has a spare Python book to give away"]
    row = LEXICAL.similarity(["looking for a senior Python backend role"], offers)[0]
    assert row[0] > row[1] > 0


def test_lexical_ignores_case_and_accents() -> None:
    a = LEXICAL.similarity(["moving to Zürich"], ["knows the Zurich startup scene", "other"])
    b = LEXICAL.similarity(["MOVING TO ZURICH"], ["knows the zürich startup scene", "other"])
    assert a == b
    assert a[0][0] > 0


def test_lexical_handles_empty_inputs() -> None:
    assert LEXICAL.similarity([], ["an offer"]) == []
    assert LEXICAL.similarity(["a need"], []) == [[]]
    assert LEXICAL.similarity(["", "the and of"], ["", "python"]) == [[0.0, 0.0], [0.0, 0.0]]


def test_lexical_works_with_a_single_offer() -> None:
    # rank_bm25's own idf goes negative here; the matcher's stays positive.
    assert LEXICAL.similarity(["python engineers"], ["hiring python engineers"])[0][0] > 0.5


def test_lexical_is_blind_to_paraphrase() -> None:
    """The baseline's known limit: the semantic matcher exists for this."""
    row = LEXICAL.similarity(["looking for a backend role"], ["hiring Python engineers"])[0]
    assert row == [0.0]


# --- best_fits -----------------------------------------------------------------------------

NEEDS = ["need an immigration lawyer in Berlin", "moving to Lisbon", "learn to paint"]
OFFERS = ["knows immigration lawyers in Berlin", "knows Lisbon's startup scene", "bakes bread"]


def test_best_fits_returns_fits_best_first_with_reasons() -> None:
    fits = best_fits(LEXICAL, NEEDS, OFFERS)
    assert [(f.need, f.offer) for f in fits] == [
        ("need an immigration lawyer in Berlin", "knows immigration lawyers in Berlin"),
        ("moving to Lisbon", "knows Lisbon's startup scene"),
    ]
    assert fits[0].score >= fits[1].score >= FIT_FLOOR
    assert fits[0].reason == "both mention immigration, lawyer, berlin"
    assert fits[1].reason == "both mention lisbon"


def test_best_fits_respects_limit_and_floor() -> None:
    assert len(best_fits(LEXICAL, NEEDS, OFFERS, limit=1)) == 1
    assert best_fits(LEXICAL, NEEDS, OFFERS, limit=0) == []
    assert best_fits(LEXICAL, NEEDS, OFFERS, floor=1.01) == []


def test_best_fits_handles_empty_and_repeated_inputs() -> None:
    assert best_fits(LEXICAL, [], OFFERS) == []
    assert best_fits(LEXICAL, NEEDS, []) == []
    assert best_fits(LEXICAL, ["  ", ""], OFFERS) == []
    once = best_fits(LEXICAL, ["moving to Lisbon"], ["Lisbon contacts"])
    twice = best_fits(LEXICAL, ["moving to Lisbon"] * 2, ["Lisbon contacts", " Lisbon contacts "])
    assert once == twice and len(once) == 1


def test_best_fits_is_deterministic_on_ties() -> None:
    fits = best_fits(LEXICAL, ["python"], ["python b", "python a"])
    assert fits[0].score == fits[1].score
    assert [f.offer for f in fits] == ["python a", "python b"]


def test_fit_is_a_frozen_value() -> None:
    fit = Fit("need", "offer", 0.5, "why")
    with pytest.raises(AttributeError):
        fit.score = 1.0  # type: ignore[misc]


# --- the semantic matcher (the real model, offline) ----------------------------------------

PAIRS = Path(__file__).parent / "data" / "matching" / "pairs.csv"

# What the lexical matcher must keep reaching on tests/data/matching (see its README): most
# fits there are paraphrases it cannot see, but it finds every fit that shares a word.
LEXICAL_MIN_PRECISION_AT_5 = 0.08
LEXICAL_MIN_RECALL_AT_10 = 0.30
LEXICAL_MIN_RECALL_AT_10_SHARING_WORDS = 0.95


def _refuse_network(*_: object, **__: object) -> None:
    raise AssertionError("the semantic matcher tried to reach the network")


@pytest.fixture(scope="module")
def semantic() -> Iterator[SemanticMatcher]:
    """The real model, loaded once for this module, offline, with sockets refused."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        patch.setattr(socket.socket, "connect", _refuse_network)
        kith_semantic._model.cache_clear()
        kith_semantic.clear_cache()
        matcher = SemanticMatcher()
        matcher.similarity(["warm up"], ["the model"])  # loads it here, under the patches
        yield matcher


@pytest.fixture(scope="module")
def labeled() -> LabeledSet:
    return read_pairs(PAIRS)


def test_importing_kith_does_not_import_torch() -> None:
    code = (
        "import sys, kith, kith.core.matching.semantic, kith.core.matching, evaluation\n"
        "kith.core.matching.semantic.default_matcher('lexical').similarity(['a b'], ['b c'])\n"
        "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules\n"
    )
    paths = [str(Path(kith_semantic.__file__).parents[3]), str(Path(__file__).parent)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_semantic_sees_through_paraphrase(semantic: SemanticMatcher) -> None:
    offers = ["runs a role-playing game night", "hiring Python engineers"]
    row = semantic.similarity(["looking for a backend role"], offers)[0]
    assert row[1] > FIT_FLOOR > row[0]
    lisbon = semantic.similarity(["moving to Lisbon"], ["knows everyone in Lisbon's startups"])
    assert lisbon[0][0] > FIT_FLOOR


def test_semantic_scores_are_on_the_common_scale(semantic: SemanticMatcher) -> None:
    scores = semantic.similarity(
        ["raising a seed round", "need an immigration lawyer in Berlin"],
        ["angel investor writing first cheques", "bakes sourdough bread", "raising a seed round"],
    )
    assert all(0.0 <= s <= 1.0 for row in scores for s in row)
    assert scores[0][2] == pytest.approx(1.0)  # a text fits itself fully
    assert scores[0][1] == 0.0 and scores[1][1] == 0.0  # bread fits neither


def test_semantic_handles_empty_inputs(semantic: SemanticMatcher) -> None:
    assert semantic.similarity([], ["an offer"]) == []
    assert semantic.similarity(["a need"], []) == [[]]


def test_semantic_caches_each_texts_embedding(semantic: SemanticMatcher) -> None:
    kith_semantic.clear_cache()
    first = semantic.similarity(["moving to Lisbon"], ["lived in Portugal", "lived in Portugal"])
    assert set(kith_semantic._CACHE) == {"moving to Lisbon", "lived in Portugal"}
    again = semantic.similarity(["moving to Lisbon"], ["lived in Portugal"])
    assert again[0][0] == pytest.approx(first[0][0]) == pytest.approx(first[0][1])


def test_best_fits_with_the_semantic_matcher_explains_meaning(semantic: SemanticMatcher) -> None:
    fits = best_fits(
        semantic, ["looking for a backend role"], ["hiring Python engineers", "bakes bread"]
    )
    assert [(f.offer, f.reason) for f in fits] == [("hiring Python engineers", "close in meaning")]


def test_default_matcher_prefers_the_semantic_one_when_installed() -> None:
    assert kith_semantic.available()
    assert kith_semantic.default_matcher().name == "semantic"
    assert kith_semantic.default_matcher("semantic").name == "semantic"
    assert isinstance(kith_semantic.default_matcher("lexical"), LexicalMatcher)
    with pytest.raises(InvalidInput, match="Unknown matcher"):
        kith_semantic.default_matcher("fuzzy")


# --- the evaluation set --------------------------------------------------------------------


def test_the_evaluation_set_is_large_and_hard(labeled: LabeledSet) -> None:
    with PAIRS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 150
    fits = [(r["need"], r["offer"]) for r in rows if r["relevant"] == "1"]
    paraphrases = [(n, o) for n, o in fits if not set(tokens(n)) & set(tokens(o))]
    hard = [
        r for r in rows if r["relevant"] == "0" and set(tokens(r["need"])) & set(tokens(r["offer"]))
    ]
    assert len(paraphrases) >= len(fits) / 2
    assert len(hard) >= 60
    assert all(labeled.relevant[n] for n in labeled.needs)


def test_precision_and_recall_count_the_right_places() -> None:
    ranking = ["a", "b", "c", "d", "e", "f"]
    assert precision_at(ranking, frozenset({"a", "f"}), 5) == pytest.approx(0.2)
    assert recall_at(ranking, frozenset({"a", "f", "z"}), 10) == pytest.approx(2 / 3)
    assert ranked(["x", "y", "z"], [0.1, 0.0, 0.5]) == ["z", "x"]


def test_lexical_stays_useful_on_the_evaluation_set(labeled: LabeledSet) -> None:
    scores = evaluate(LEXICAL, labeled)
    assert scores.precision_at_5 >= LEXICAL_MIN_PRECISION_AT_5
    assert scores.recall_at_10 >= LEXICAL_MIN_RECALL_AT_10
    within_reach = evaluate(LEXICAL, sharing_words(labeled))
    assert within_reach.recall_at_10 >= LEXICAL_MIN_RECALL_AT_10_SHARING_WORDS


def test_semantic_beats_lexical_on_the_evaluation_set(
    semantic: SemanticMatcher, labeled: LabeledSet
) -> None:
    lexical, meaning = evaluate(LEXICAL, labeled), evaluate(semantic, labeled)
    assert meaning.precision_at_5 > lexical.precision_at_5
    assert meaning.recall_at_10 > lexical.recall_at_10


def test_best_fits_scores_many_needs_a_slice_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    class Counting(LexicalMatcher):
        def similarity(self, queries: Sequence[str], documents: Sequence[str]) -> list[list[float]]:
            calls.append(len(queries))
            return super().similarity(queries, documents)

    monkeypatch.setattr(matching, "PAIRS_PER_CALL", 4)
    needs = [f"need python {i}" for i in range(5)]
    fits = best_fits(Counting(), needs, ["python", "python jobs"], limit=3)
    assert calls == [2, 2, 1]
    assert fits == best_fits(LEXICAL, needs, ["python", "python jobs"], limit=3)
    assert len(fits) == 3
