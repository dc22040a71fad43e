"""Reading text safely: encodings from the bytes, lines with a length cap."""

from __future__ import annotations

import codecs
import io
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kith.importers.text import Line, decode_head, detect_encoding, open_lines, read_lines

TEXT = 'Name,Note\r\nJosé,café ☕\r\nŁucja,"two\r\nlines"\nlast'


def lines(data: bytes, max_line: int = 1 << 20) -> list[Line]:
    return list(read_lines(io.BytesIO(data), max_line))


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with a BOM
        TEXT.encode("utf-16-le"),  # Outlook and The Bat! also write it without one
        TEXT.encode("utf-16-be"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "utf16be-bom"],
)
def test_encodings_give_the_same_lines(data: bytes) -> None:
    assert [line.text for line in lines(data)] == TEXT.replace("\r\n", "\n").split("\n")
    assert [line.number for line in lines(data)] == [1, 2, 3, 4, 5]


def test_latin1_and_windows_1252_lines_fall_back_line_by_line() -> None:
    data = "ok ✓\n".encode() + "Müller – café\n".encode("cp1252") + b"\x81\xff\n"
    assert [line.text for line in lines(data)] == ["ok ✓", "Müller – café", "\x81ÿ"]


def test_classic_mac_line_ends() -> None:
    data = "BEGIN:VCARD\rFN:Renée\rEND:VCARD\r".encode() + "Côté\r".encode("latin-1")
    assert [line.text for line in lines(data)] == ["BEGIN:VCARD", "FN:Renée", "END:VCARD", "Côté"]


def test_a_long_line_with_classic_mac_line_ends_is_cut() -> None:
    got = lines(b"a" * 500 + b"\rnext\r", max_line=100)
    assert [(line.cut, line.text[:4]) for line in got] == [(True, "aaaa"), (False, "next")]


def test_detect_encoding() -> None:
    assert detect_encoding(codecs.BOM_UTF8 + b"x") == ("utf-8", 3)
    assert detect_encoding("BEGIN:VCARD".encode("utf-16-le")) == ("utf-16-le", 0)
    assert detect_encoding(b"plain") == ("utf-8", 0)
    assert decode_head("héllo".encode("utf-16")) == "héllo"


def test_a_long_line_is_cut_and_flagged_and_reading_goes_on() -> None:
    data = b"short\n" + b"x" * 5000 + b"\nafter\n"
    got = lines(data, max_line=100)
    assert [(line.text[:5], line.cut, len(line.text)) for line in got] == [
        ("short", False, 5),
        ("xxxxx", True, 100),
        ("after", False, 5),
    ]


def test_a_long_utf16_line_is_cut_too() -> None:
    data = ("a" * 5000 + "\nnext\n").encode("utf-16")
    got = lines(data, max_line=100)
    assert [(line.cut, line.text[:4]) for line in got] == [(True, "aaaa"), (False, "next")]


def test_a_200_mb_line_is_never_held_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    block = b"y" * (1 << 20)
    with path.open("wb") as out:
        out.write(b"header\n")
        for _ in range(200):
            out.write(block)
        out.write(b"\ntail\n")
    tracemalloc.start()
    got = [(line.number, line.cut, line.text[:4]) for line in open_lines(str(path))]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert got == [(1, False, "head"), (2, True, "yyyy"), (3, False, "tail")]
    assert peak < 40_000_000


@given(st.binary(max_size=500))
def test_any_bytes_read_without_error(data: bytes) -> None:
    for line in lines(data, max_line=50):
        assert len(line.text) <= 50
