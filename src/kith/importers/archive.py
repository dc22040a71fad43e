"""Opening .zip archives safely (a LinkedIn export, or a zip of address books).

An archive is checked whole before any member is read, and refused with one clear error
(`InvalidInput`) when any member:

- has a path that climbs out (`../`), is absolute (`/etc/x`, `C:\\x`) or names a device;
- is a symbolic link;
- would expand past the limits: more than `MAX_TOTAL` bytes in all, or a member that
  grows more than `MAX_RATIO` times its compressed size (a zip bomb), or more than
  `MAX_MEMBERS` members.

Members are never extracted to disk: they are streamed from the archive, and zipfile
stops each stream at the size the directory declares, so a lying header gains nothing.
"""

from __future__ import annotations

import lzma
import stat
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import IO

from kith.errors import InvalidInput
from kith.importers.records import Origin, ParseContext, Problem, Record, Skipped

MAX_TOTAL = 2 << 30  # 2 GiB uncompressed in all
MAX_RATIO = 200  # a member may expand at most this many times (text compresses ~10x)
MAX_MEMBERS = 50_000
_RATIO_FLOOR = 1 << 20  # members smaller than 1 MiB are never ratio-checked
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# What reading a damaged member raises: bad CRC, bad compressed data, cut short, encrypted.
DAMAGE = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, RuntimeError)


class SafeZip:
    """A checked zip archive: its file members by name, each opened as a stream."""

    def __init__(self, path: str) -> None:
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile, ValueError) as error:
            raise InvalidInput(f"{path} is not a readable zip archive ({error}).") from error
        try:
            self.members = _checked(path, self._zip.infolist())
        except InvalidInput:
            self._zip.close()
            raise

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def names(self) -> list[str]:
        """The file members' names, in archive order (folders left out)."""
        return [info.filename for info in self.members]

    def label(self, name: str) -> str:
        """How origins name a member: `archive.zip!member`."""
        return f"{self.path}!{name}"

    def time(self, name: str) -> datetime | None:
        """When a member was written, as the archive says (taken as UTC: zips keep no zone)."""
        info = next((i for i in self.members if i.filename == name), None)
        try:
            return datetime(*info.date_time, tzinfo=UTC) if info else None
        except ValueError:
            return None

    @contextmanager
    def open(self, name: str) -> Iterator[IO[bytes]]:
        """A member as a seekable binary stream, never written to disk."""
        try:
            stream = self._zip.open(name)
        except (KeyError, NotImplementedError, *DAMAGE) as error:
            raise InvalidInput(f"{self.label(name)} cannot be read ({error}).") from error
        with stream:
            yield stream


def _checked(path: str, infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    if len(infos) > MAX_MEMBERS:
        _refuse(path, f"it has more than {MAX_MEMBERS:,} members")
    total = 0
    files = []
    for info in infos:
        _check_name(path, info.filename)
        if stat.S_ISLNK(info.external_attr >> 16):
            _refuse(path, f"the member {info.filename!r} is a symbolic link")
        if info.is_dir():
            continue
        total += info.file_size
        if total > MAX_TOTAL:
            _refuse(path, f"it would expand to more than {MAX_TOTAL >> 30} GiB")
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            _refuse(
                path, f"the member {info.filename!r} expands over {MAX_RATIO} times (a zip bomb)"
            )
        files.append(info)
    return files


def _check_name(path: str, name: str) -> None:
    posix = name.replace("\\", "/")
    parts = PurePosixPath(posix).parts
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":") or ".." in parts:
        _refuse(path, f"the member {name!r} points outside the archive")
    if "\x00" in name:
        _refuse(path, f"the member {name!r} has a NUL in its name")


def _refuse(path: str, why: str) -> None:
    raise InvalidInput(
        f"{path} was refused: {why}.", "Only import archives you trust, as exported by the service."
    )


def sniff(head: bytes, name: str) -> bool:
    """True for a zip archive."""
    del name
    return head.startswith(ZIP_MAGIC)


def parse(path: str, context: ParseContext) -> Iterator[Record]:
    """Records of every address book in a zip: a LinkedIn export, vCards and contact CSVs.

    A LinkedIn export is read as one (see kith.importers.linkedin); otherwise each member
    is read by the format its content shows, and other members are skipped by name.
    """
    from kith.importers import linkedin

    with SafeZip(path) as archive:
        if linkedin.is_export_names(archive.names()):
            yield from linkedin.parse_archive(archive, context)
            return
        for name in archive.names():
            yield from _member(archive, name)
        if not archive.names():
            yield Problem(Origin(path, "archive"), "The archive holds no files.")


def _member(archive: SafeZip, name: str) -> Iterator[Record]:
    """One member of an archive of address books, read by the format its content shows."""
    from kith.importers import contacts_csv, vcard
    from kith.importers.text import HEAD_SIZE, read_lines

    label = archive.label(name)
    try:
        with archive.open(name) as stream:
            head = stream.read(HEAD_SIZE)
            stream.seek(0)
            if vcard.sniff(head, name):
                yield from vcard.parse_lines(read_lines(stream), label)
            elif contacts_csv.sniff(head, name):
                yield from contacts_csv.parse_lines(read_lines(stream), label)
            else:
                yield Skipped(Origin(label, "line 1"), "not an address book")
    except (InvalidInput, *DAMAGE) as error:
        yield damaged(label, error)


def damaged(label: str, error: BaseException) -> Problem:
    """The Problem for a member that cannot be read to its end."""
    return Problem(Origin(label, "member"), f"The file is damaged inside the archive ({error}).")
