"""Terminal output that imported text cannot take over: control characters stripped.

A name imported as `E\\x1b]0;PWNED\\x07` would retitle the terminal, and other escape
sequences can move the cursor or rewrite what was printed. Everything the CLI prints
passes through `SafeStream`, which drops C0/C1 control characters and escape sequences
except newline and tab, and, only when writing to a terminal, keeps the colour (SGR)
sequences Rich itself emits.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

_SGR = r"\x1b\[[0-9;]*m"
_CONTROL = (
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, erases, colours
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window title, links
    r"|\x1b.?|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # any other escape or control character
)
_PLAIN = re.compile(_CONTROL)
_COLOURED = re.compile(f"({_SGR})|{_CONTROL}")


def strip_controls(text: str, keep_colour: bool = False) -> str:
    """`text` without control characters or escape sequences (newline and tab stay)."""
    if not keep_colour:
        return _PLAIN.sub("", text)
    return _COLOURED.sub(lambda m: m.group(1) or "", text)


class SafeStream:
    """A text stream that strips control characters from everything written to it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(strip_controls(text, keep_colour=self._stream.isatty()))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def safe_output() -> Iterator[None]:
    """Strip control characters from stdout and stderr for the duration of a command."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(saved[0]), SafeStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
