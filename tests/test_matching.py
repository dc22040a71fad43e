"""kith.core.matching (the lexical matcher, best_fits) and kith.semantic (the real model)."""

from __future__ import annotations

import pytest

from kith.core.matching import FIT_FLOOR, Fit, LexicalMatcher, best_fits, tokens

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
