"""Reading text files safely: encodings guessed from the bytes, lines read with a length cap.

Address books come in every encoding: UTF-8 with or without a BOM, UTF-16 with a BOM
(Outlook) or without one (The Bat!), and Latin-1 or Windows-1252 from older tools. The
encoding is guessed once from the first bytes; after that, UTF-8 files are decoded line by
line, so a stray Latin-1 line in a UTF-8 file is read as Windows-1252 instead of failing.

Lines are read with a cap on their length: a 200 MB line is never held whole. The part
past the cap is read and dropped, and the `Line` says it was cut, so a parser can turn
the record it belongs to into a `Problem`.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, AnyStr

MAX_LINE = 1 << 20  # characters kept of one line; a longer line is cut and flagged
HEAD_SIZE = 8192

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Line:
    """One line of text without its line ending; `cut` when it was longer than the cap."""

    number: int  # 1-based
    text: str
    cut: bool = False


def detect_encoding(head: bytes) -> tuple[str, int]:
    """The encoding of a file from its first bytes, and the length of its BOM (0 if none).

    Returns "utf-8" for UTF-8 and for single-byte text (each line falls back to
    Windows-1252 when it is not UTF-8), or a UTF-16/32 codec name.
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, len(bom)
    return _utf16_without_bom(head) or "utf-8", 0


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL bytes in every other position of ASCII text."""
    sample = head[: HEAD_SIZE - HEAD_SIZE % 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if even_nuls > pairs * 0.3 and odd_nuls < pairs * 0.05:
        return "utf-16-be"
    if odd_nuls > pairs * 0.3 and even_nuls < pairs * 0.05:
        return "utf-16-le"
    return None


def decode_line(raw: bytes) -> str:
    """A line's bytes as text: UTF-8, else Windows-1252, else Latin-1 (which never fails)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def decode_head(head: bytes) -> str:
    """The first bytes of a file as text, for format sniffing (never raises)."""
    encoding, skip = detect_encoding(head)
    data = head[skip:]
    if encoding == "utf-8":
        return codecs.getincrementaldecoder("utf-8")("replace").decode(data, final=False)
    return codecs.getincrementaldecoder(encoding)("replace").decode(data, final=False)


def read_lines(stream: IO[bytes], max_line: int = MAX_LINE) -> Iterator[Line]:
    """Lines of a binary stream as text, the encoding guessed from its start.

    Line endings (LF, CRLF, or CR alone) are removed. A line longer than `max_line` characters is
    cut to that length and flagged; the rest of it is read in pieces and dropped. The
    stream must be seekable (files and zip members are): its head is read, then re-read.
    """
    start = stream.tell()
    head = stream.read(HEAD_SIZE)
    encoding, skip = detect_encoding(head)
    stream.seek(start + skip)
    if encoding == "utf-8" and b"\r" in head and b"\n" not in head:
        # Classic Mac line ends (CR alone): split by the text layer, each line then
        # decoded as UTF-8 with the usual fallback (Latin-1 maps bytes one to one).
        text = io.TextIOWrapper(stream, encoding="latin-1", newline="")
        for line in _text_lines(text, max_line):
            yield Line(line.number, decode_line(line.text.encode("latin-1")), line.cut)
    elif encoding == "utf-8":
        yield from _byte_lines(stream, max_line)
    else:
        text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        yield from _text_lines(text, max_line)


def _byte_lines(stream: IO[bytes], max_line: int) -> Iterator[Line]:
    # A UTF-8 character is at most 4 bytes: reading 4 * max_line bytes keeps max_line characters.
    limit = max_line * 4
    number = 0
    while True:
        raw = stream.readline(limit)
        if not raw:
            return
        number += 1
        cut = not raw.endswith(b"\n") and _skip_rest(stream.readline, limit, (b"\n",))
        text = decode_line(raw.rstrip(b"\r\n"))
        if len(text) > max_line:
            text, cut = text[:max_line], True
        yield Line(number, text, cut)


def _text_lines(stream: io.TextIOWrapper, max_line: int) -> Iterator[Line]:
    number = 0
    while True:
        text = stream.readline(max_line)
        if not text:
            return
        number += 1
        ends = ("\n", "\r")
        cut = not text.endswith(ends) and _skip_rest(stream.readline, max_line, ends)
        yield Line(number, text.rstrip("\r\n"), cut)


def _skip_rest(readline: Callable[[int], AnyStr], limit: int, ends: tuple[AnyStr, ...]) -> bool:
    """Drop the rest of an over-long line; True when there was a rest (the line was cut)."""
    cut = False
    while True:
        piece = readline(limit)
        if not piece:
            return cut
        cut = True
        if piece.endswith(ends):
            return cut


def open_lines(path: str, max_line: int = MAX_LINE) -> Iterator[Line]:
    """Lines of the file at `path` (see `read_lines`); the file is closed when done."""
    with open(path, "rb") as stream:  # noqa: PTH123 - a plain path string is what parsers get
        yield from read_lines(stream, max_line)


@dataclass(frozen=True)
class Row:
    """One CSV row: the line it starts on, its cells, or why it cannot be read."""

    number: int
    cells: list[str]
    problem: str = ""  # one sentence; "" when the row was read


def csv_rows(lines: Iterable[Line]) -> Iterator[Row]:
    """CSV rows over capped lines; a row with a cut line or broken quoting is a problem row.

    Quoted cells may span lines. The csv module's own cell cap is raised to the line cap,
    so a long note is read while a runaway quote still stops at a bounded size.
    """
    if csv.field_size_limit() < MAX_LINE:
        csv.field_size_limit(MAX_LINE)
    cut: list[int] = []

    def feed() -> Iterator[str]:
        for line in lines:
            if line.cut:
                cut.append(line.number)
            yield line.text + "\n"

    reader = csv.reader(feed(), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Row(start, [], f"The row cannot be read as CSV ({error}).")
            continue
        if cut and cut[-1] >= start:
            yield Row(start, [], f"Line {cut[-1]} is longer than {MAX_LINE:,} characters.")
            continue
        yield Row(start, cells)
