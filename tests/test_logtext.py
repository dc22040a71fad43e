"""kith.core.logtext: the kind and the names in a quick log line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.core.interactions import Kind
from kith.core.logtext import KIND_WORDS, LogText, read_log_text


@pytest.mark.parametrize(
    ("text", "kind", "names"),
    [
        (
            "coffee with Ana Ruiz and Tom Lee about Lisbon",
            Kind.COFFEE,
            ("Ana Ruiz", "Tom Lee"),
        ),
        ("Lunch with Ana", Kind.MEAL, ("Ana",)),
        ("DINNER WITH ANA RUIZ", Kind.MEAL, ("ANA RUIZ",)),
        ("coffee: with Ana", Kind.COFFEE, ("Ana",)),
        ("coffee, with Ana", Kind.COFFEE, ("Ana",)),
        ("call with Ana, Tom & Lee + Bo", Kind.CALL, ("Ana", "Tom", "Lee", "Bo")),
        ("zoom with Ana AND Tom", Kind.VIDEO, ("Ana", "Tom")),
        ("met with Ana,Tom", Kind.MEETING, ("Ana", "Tom")),
        ("drinks with Ana, and Tom", Kind.MEAL, ("Ana", "Tom")),
        ("lunch with Ana, , Tom", Kind.MEAL, ("Ana", "Tom")),
        ("emailed Ana about the deal", Kind.EMAIL, ()),
        ("texted with Ana", Kind.MESSAGE, ("Ana",)),
        ("conference with Ana", Kind.EVENT, ("Ana",)),
        ("walk with Ana", None, ("Ana",)),
        ("caught up with Ana Ruiz", None, ("Ana Ruiz",)),
        ("Ana Ruiz", None, ()),
        ("", None, ()),
        ("   ", None, ()),
        ("coffee", Kind.COFFEE, ()),
        ("coffee with", Kind.COFFEE, ()),
        ("coffee with ", Kind.COFFEE, ()),
        ("coffees with Ana", None, ("Ana",)),
    ],
)
def test_kind_and_names(text: str, kind: Kind | None, names: tuple[str, ...]) -> None:
    assert read_log_text(text) == LogText(kind, names)


@pytest.mark.parametrize("word", sorted(KIND_WORDS))
def test_every_kind_word(word: str) -> None:
    assert read_log_text(f"{word} with Ana").kind is KIND_WORDS[word]
    assert read_log_text(f"{word.title()}: catch-up").kind is KIND_WORDS[word]


@pytest.mark.parametrize(
    "stop", ["about", "re", "regarding", "on", "at", "in", "for", "to", "over", "from", "after",
             "before", "during", "About", "AT"],
)  # fmt: skip
def test_names_end_at_a_stop_word(stop: str) -> None:
    assert read_log_text(f"lunch with Ana Ruiz {stop} the plan").names == ("Ana Ruiz",)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("call with Ana re: contract", ("Ana",)),  # once ("Ana re",)
        ("call with Ana about", ("Ana",)),  # once ("Ana about",)
        ("lunch with Ana and Tom at.", ("Ana", "Tom")),
        ("lunch with Ana. Great food", ("Ana",)),
        ("lunch with Ana; great food", ("Ana",)),
        ("lunch with Ana! great", ("Ana",)),
        ("lunch with Ana? maybe", ("Ana",)),
        ("lunch with Ana (Acme)", ("Ana",)),
        ("lunch with Ana — great", ("Ana",)),
        ("lunch with Ana - great", ("Ana",)),
        ("lunch with Ana – great", ("Ana",)),  # once ("Ana – great",)
        ("lunch with Ana\nabout things", ("Ana",)),
        ("lunch with Ana Ruiz-Lee - great", ("Ana Ruiz-Lee",)),
    ],
)
def test_names_end_at_punctuation(text: str, names: tuple[str, ...]) -> None:
    assert read_log_text(text).names == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Stop words inside a name are not stop words.
        ("lunch with Tonya Reed", ("Tonya Reed",)),
        ("lunch with Rebecca Onofre", ("Rebecca Onofre",)),
        ("lunch with Ines Atwood", ("Ines Atwood",)),
        ("lunch with Andrea and Sandy", ("Andrea", "Sandy")),
        ("lunch with Forrest Overton", ("Forrest Overton",)),
        # Only the first "with" starts the names.
        ("coffee with Ana with Tom", ("Ana with Tom",)),
        # "without" and "withdrew" are not "with".
        ("coffee without Ana", ()),
        ("Tom withdrew with Ana", ("Ana",)),
    ],
)
def test_names_are_not_cut_inside_words(text: str, names: tuple[str, ...]) -> None:
    assert read_log_text(text).names == names


def test_accents_and_case_are_kept() -> None:
    assert read_log_text("café with José Núñez & ZOË").names == ("José Núñez", "ZOË")


@settings(max_examples=300)
@given(st.text(max_size=80))
def test_never_raises(text: str) -> None:
    read = read_log_text(text)
    assert read.kind is None or isinstance(read.kind, Kind)
    assert all(name and name == name.strip() for name in read.names)


fragments = st.sampled_from(
    ["with", "With", "and", "&", "+", ",", "about", "re:", "-", "—", ".", "Ana", "Ruiz", "Tom",
     "coffee", "call", " ", "\n", "(", ")", "on", "in"]
)  # fmt: skip


@settings(max_examples=300)
@given(st.lists(fragments, max_size=12).map(" ".join))
def test_never_raises_on_log_like_text(text: str) -> None:
    read = read_log_text(text)
    for name in read.names:
        assert name == name.strip() and name
        assert name in text


@given(
    st.sampled_from(sorted(KIND_WORDS)),
    st.lists(st.sampled_from(["Ana Ruiz", "Tom", "Zoë Lee", "Bo"]), min_size=1, max_size=4),
    st.sampled_from([", ", " and ", " & ", " + ", " AND "]),
)
def test_listed_names_come_back(word: str, names: list[str], joiner: str) -> None:
    read = read_log_text(f"{word} with {joiner.join(names)} about Lisbon")
    assert read == LogText(KIND_WORDS[word], tuple(names))
