"""Which format a path is: its content first (each format's `sniff` over the first bytes),
then its name; `--format` forces one. Folders are vdirs, Maildirs or unpacked LinkedIn
exports; a .zip is a LinkedIn export or an archive of other files.

Every format is one module under `kith.importers` with `sniff(head, name) -> bool` and a
parser `parse(path, context) -> Iterator[Record]`: the registry below is the one list.
"""

from __future__ import annotations

import importlib
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import cast

from kith.errors import InvalidInput
from kith.importers.records import ParseContext, Record

HEAD_SIZE = 8192

# format name -> module under kith.importers; sniffed in this order (most specific first)
FORMATS: dict[str, str] = {
    "kith-json": "kith_json",
    "linkedin": "linkedin",
    "vcard": "vcard",
    "ics": "ics",
    "mail": "mail",
    "csv": "contacts_csv",
    "archive": "archive",
}
_BY_NAME = {
    ".json": "kith-json",
    ".vcf": "vcard",
    ".vcard": "vcard",
    ".ics": "ics",
    ".ical": "ics",
    ".mbox": "mail",
    ".eml": "mail",
    ".csv": "csv",
    ".zip": "archive",
}
Parse = Callable[[str, ParseContext], Iterator[Record]]


@dataclass(frozen=True)
class Source:
    """One thing to import: a path and the format it was found to be."""

    path: str
    format: str

    def parser(self) -> Parse:
        return parser_for(self.format)


def module(fmt: str) -> ModuleType | None:
    """The format's module, or None while it is not written yet."""
    try:
        name = FORMATS[fmt]
        return importlib.import_module(name if "." in name else f"kith.importers.{name}")
    except ModuleNotFoundError as error:
        if error.name and error.name.startswith("kith.importers."):
            return None
        raise


def parser_for(fmt: str) -> Parse:
    """The parser of a format, or InvalidInput when this Kith cannot read it yet."""
    found = module(fmt)
    parse = getattr(found, "parse", None) if found else None
    if parse is None:
        raise InvalidInput(f"Kith cannot read {fmt} files yet.", "See docs/importing.md.")
    return cast(Parse, parse)


def detect(path: str, forced: str | None = None) -> Source:
    """The format of `path`: forced, sniffed from its content, or guessed from its name."""
    if forced:
        if forced not in FORMATS:
            raise InvalidInput(
                f"There is no format '{forced}'.", f"Use one of {', '.join(FORMATS)}."
            )
        _refuse_special(Path(path))
        return Source(path, forced)
    where = Path(path)
    if not where.exists():
        raise InvalidInput(f"{path} does not exist.", "Check the path.")
    _refuse_special(where)
    folder = where.is_dir()
    head = b"" if folder else _head(where)
    for fmt in FORMATS:
        found = module(fmt)
        sniff = getattr(found, "sniff", None)
        # A folder's sniffer is given its whole path, to look inside.
        if sniff is not None and _sniffed(sniff, head, path if folder else where.name):
            return Source(path, fmt)
    by_name = _BY_NAME.get(where.suffix.lower())
    if by_name and not folder:
        return Source(path, by_name)
    raise InvalidInput(
        f"Kith cannot tell what kind of file {path} is.",
        f"Name it with --format ({', '.join(FORMATS)}).",
    )


def _refuse_special(where: Path) -> None:
    """Refuse a FIFO, device or socket at once: reading one could wait or run forever."""
    try:
        mode = where.stat().st_mode  # stat never opens, so it never blocks on a FIFO
    except OSError:
        return  # missing or unreadable: said later, where the file is read
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise InvalidInput(
            f"{where} is not a regular file (a pipe, device or socket).",
            "Import a file or a folder; save a stream to a file first.",
        )


def _sniffed(sniff: Callable[[bytes, str], bool], head: bytes, name: str) -> bool:
    try:
        return bool(sniff(head, name))
    except Exception:  # a sniffer that trips over odd bytes just says no
        return False


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(HEAD_SIZE)
    except OSError as error:
        raise InvalidInput(
            f"Cannot read {path}: {error.strerror}.", "Check its permissions."
        ) from None


def read_position(path: str) -> int | None:
    """How far this process has read into `path` (Linux: from /proc), for progress."""
    target = Path(path).resolve()
    try:
        for fd in Path("/proc/self/fd").iterdir():
            if fd.readlink() == target:
                info = (Path("/proc/self/fdinfo") / fd.name).read_text()
                return int(info.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None
