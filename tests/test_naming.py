"""kith.core.naming: name keys and resolution tiers, which never pick one of several."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kith.core.naming import Candidate, Resolution, name_key, resolve, suggestions


def people(*names: str) -> list[Candidate]:
    """Candidates with ids 1, 2, … in the order given."""
    return [Candidate(i, name_key(name)) for i, name in enumerate(names, start=1)]


# --- name_key ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Ana Ruiz", "ana ruiz"),
        ("  Ana   Ruiz  ", "ana ruiz"),
        ("ANA\tRUIZ\n", "ana ruiz"),
        ("José Núñez", "jose nunez"),
        ("Zoë Ångström", "zoe angstrom"),
        ("Søren Kierkegaard", "soren kierkegaard"),
        ("SØREN", "soren"),
        ("Łukasz Wałęsa", "lukasz walesa"),
        ("François Çelik", "francois celik"),
        ("Jean-Luc Picard", "jean luc picard"),
        ("J.R.R. Tolkien", "j r r tolkien"),
        ("Mary-Ann  O.Neil", "mary ann o neil"),
        ("Straße", "strasse"),
        ("İlkay", "ilkay"),
        ("ﬁona", "fiona"),  # the ligature is compatibility-decomposed
        ("Ｔｏｍ", "tom"),  # full-width letters too
        ("", ""),
        ("   ", ""),
        ("-.-", ""),
        ("O'Brien", "o'brien"),
    ],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


# --- resolve: the tiers ------------------------------------------------------------------------


def test_exact_key_wins() -> None:
    found = resolve("ana ruiz", people("Ana Ruiz", "Ana Ruiz Lopez", "Anabel Ruiz"))
    assert found == Resolution((1,), "exact")
    assert found.unique == 1


def test_exact_ignores_case_accents_and_spacing() -> None:
    candidates = people("José Núñez", "Jose Nunes")
    assert resolve("  JOSE   nunez ", candidates) == Resolution((1,), "exact")
    assert resolve("josé-núñez", candidates) == Resolution((1,), "exact")


def test_exact_returns_every_namesake() -> None:
    found = resolve("Ana Ruiz", people("Ana Ruiz", "Tom Lee", "ana ruiz"))
    assert found == Resolution((1, 3), "exact")
    assert found.unique is None


def test_whole_words_before_prefixes() -> None:
    candidates = people("Ana Ruiz", "Anabel Ruiz")
    assert resolve("ana", candidates) == Resolution((1,), "words")
    assert resolve("Ana", list(reversed(candidates))) == Resolution((1,), "words")


def test_whole_words_in_order_skipping_middle_names() -> None:
    candidates = people("Ana María Ruiz", "Ruiz Ana", "Tom Lee")
    assert resolve("ana ruiz", candidates) == Resolution((1,), "words")
    assert resolve("ruiz", candidates) == Resolution((1, 2), "words")


def test_words_are_distinct_name_words() -> None:
    # "ana ana" needs two "ana" words in the name.
    assert resolve("ana ana", people("Ana Ruiz")).ids == ()
    assert resolve("ana ana", people("Ana Ana Ruiz", "Ana Ruiz")) == Resolution((1,), "words")


def test_word_prefixes() -> None:
    candidates = people("Ana María Ruiz", "Anabel Ruiz", "Tom Lee")
    assert resolve("an r", candidates) == Resolution((1, 2), "prefix")
    assert resolve("anab", candidates) == Resolution((2,), "prefix")
    assert resolve("t l", candidates) == Resolution((3,), "prefix")
    assert resolve("ma ru", candidates) == Resolution((1,), "prefix")


def test_prefixes_keep_order() -> None:
    assert resolve("r a", people("Ana Ruiz")).how != "prefix"


def test_several_at_one_tier_are_all_returned() -> None:
    found = resolve("tom", people("Tom Lee", "Tom Hardy", "Tomas Lee"))
    assert found == Resolution((1, 2), "words")
    assert found.unique is None


def test_fuzzy_typo() -> None:
    candidates = people("Ana Ruiz", "Tom Lee")
    assert resolve("Ana Ruis", candidates) == Resolution((1,), "fuzzy")
    assert resolve("ruiz ana", candidates) == Resolution((1,), "fuzzy")  # token-sorted
    assert resolve("Anna Ruiz", candidates) == Resolution((1,), "fuzzy")


def test_fuzzy_keeps_short_names_out() -> None:
    found = resolve("Ana", people("Anna Lee"))
    assert found.ids == ()
    assert found.unique is None


def test_fuzzy_returns_every_close_name() -> None:
    # Once capped at ten: it must never quietly drop people it fits.
    candidates = [Candidate(i, "ana ruiz") for i in range(15)]
    assert resolve("Ana Ruis", candidates) == Resolution(tuple(range(15)), "fuzzy")


@pytest.mark.parametrize("query", ["", "   ", "-", ".", " - . "])
def test_empty_query_fits_nobody(query: str) -> None:
    assert resolve(query, people("Ana Ruiz", "-")) == Resolution((), "none")


def test_nobody_to_fit() -> None:
    assert resolve("Ana", []) == Resolution((), "fuzzy")
    assert resolve("Ana", []).unique is None


def test_nothing_close() -> None:
    assert resolve("Zebedee", people("Ana Ruiz", "Tom Lee")).ids == ()


def test_suggestions() -> None:
    candidates = people("Ana Ruiz", "Tom Lee", "Anabel Ruiz", "Ruiz Zafón")
    near = suggestions("Ruiss", candidates)
    assert near and set(near) <= {1, 3, 4}
    assert len(suggestions("ruiz", candidates, limit=2)) == 2
    assert suggestions("Qqqqqq", candidates) == []
    assert suggestions("Ana", []) == []


# --- properties --------------------------------------------------------------------------------

name_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]),
    max_size=30,
)
letters = st.characters(
    whitelist_categories=["Lu", "Ll"],
    max_codepoint=0x24F,  # Latin, with accents
)
latin_word = st.text(letters, min_size=1, max_size=8)
display_names = st.lists(latin_word, min_size=1, max_size=3).map(" ".join)
display_name_lists = st.lists(st.one_of(display_names, name_text), min_size=1, max_size=8)


@given(name_text)
def test_name_key_is_idempotent(name: str) -> None:
    key = name_key(name)
    assert name_key(key) == key


@given(name_text)
def test_name_key_is_single_spaced_and_folded(name: str) -> None:
    key = name_key(name)
    assert key == key.strip()
    assert "  " not in key
    assert "-" not in key and "." not in key
    assert not any(unicodedata.combining(c) for c in key)
    assert key == key.casefold()


@given(display_name_lists, st.data())
def test_exact_display_name_includes_its_candidate(names: list[str], data: st.DataObject) -> None:
    candidates = people(*names)
    index = data.draw(st.integers(min_value=0, max_value=len(names) - 1))
    assume(name_key(names[index]))
    found = resolve(names[index], candidates)
    assert found.how == "exact"
    assert candidates[index].id in found.ids


def _accent(text: str) -> str:
    """Each ASCII vowel given an acute accent, as NFC."""
    marks = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "A": "Á", "E": "É", "O": "Ó"}
    return "".join(marks.get(c, c) for c in text)


ascii_word = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=8)
ascii_names = st.lists(ascii_word, min_size=1, max_size=3).map(" ".join)


@given(st.lists(ascii_names, min_size=1, max_size=6, unique=True), st.data())
def test_case_and_accent_variants_of_a_unique_name(names: list[str], data: st.DataObject) -> None:
    candidates = people(*names)
    index = data.draw(st.integers(min_value=0, max_value=len(names) - 1))
    variant = data.draw(
        st.sampled_from(
            [
                names[index].upper(),
                names[index].title(),
                _accent(names[index]),
                unicodedata.normalize("NFD", _accent(names[index]).upper()),
                "  " + names[index].replace(" ", " - ") + ". ",
            ]
        )
    )
    assert resolve(variant, candidates) == Resolution((candidates[index].id,), "exact")


@given(st.lists(display_names, max_size=8), st.one_of(name_text, display_names))
def test_resolve_returns_only_candidates_without_repeats(names: list[str], query: str) -> None:
    candidates = people(*names)
    found = resolve(query, candidates)
    ids = {c.id for c in candidates}
    assert set(found.ids) <= ids
    assert len(set(found.ids)) == len(found.ids)
    assert found.how in ("exact", "words", "prefix", "fuzzy", "none")
    assert (found.unique is not None) == (len(found.ids) == 1)
    if found.how == "none":
        assert found.ids == () and not name_key(query)


@settings(max_examples=200)
@given(st.lists(name_text, max_size=6), name_text)
def test_resolve_never_raises(names: list[str], query: str) -> None:
    candidates = [Candidate(i, name) for i, name in enumerate(names)]  # keys as stored, any text
    found = resolve(query, candidates)
    assert set(found.ids) <= set(range(len(names)))
    assert set(suggestions(query, candidates)) <= set(range(len(names)))


@given(st.lists(display_names, min_size=1, max_size=6), st.data())
def test_a_fitting_tier_hides_the_looser_ones(names: list[str], data: st.DataObject) -> None:
    """Whatever tier answers, nobody fits at a stricter tier."""
    candidates = people(*names)
    query = data.draw(st.one_of(st.sampled_from(names), display_names))
    found = resolve(query, candidates)
    key = name_key(query)
    exact = {c.id for c in candidates if c.key == key}
    if found.how != "exact":
        assert not exact
    else:
        assert set(found.ids) == exact
