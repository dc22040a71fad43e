"""Email history from mbox files (Gmail Takeout) and Maildir folders, read from headers only.

Who wrote to whom, when, and in which thread becomes one `ActivityRecord(kind="email")`
per thread, per day (UTC, so keys never shift with the user's offset) and per person. A
message the user sent counts for each recipient; a message the user received counts
for its sender only (people merely copied did not write to the user). Bodies are never
read into memory: a hand-written scanner takes the bytes up to the blank line that ends
the headers, then skips to the next `From ` line (mbox) or the next file (Maildir), so a
200 MB line or a huge attachment costs nothing but the time to skip it. Names and
addresses are then decoded with the standard library (`email.utils.getaddresses`,
`email.header`) from the extracted header values.

Threads: the root Message-ID (the first of References, else In-Reply-To, else the
message's own Message-ID), else the normalised subject. Records are grouped until the
end of the source, so memory grows with the number of distinct thread-days per person
(bulk mail, the bulk of most mailboxes, is never kept), not with the mailbox's size.

Left out, each as a `Skipped` with its reason: bulk mail (List-Id, List-Unsubscribe,
Precedence bulk/list/junk, Auto-Submitted), automated senders (noreply@, no-reply@,
mailer-daemon@ and the like), messages dated after `now`, and whole threads in which a
message had over `max_attendees` recipients. `initiated_by` is who wrote first that
thread-day; `both_ways` is set on every record of an address the user both wrote to and
heard from in this source, so the pipeline can tell correspondents from senders.

Example: `list(parse("Takeout/Mail/All mail.mbox", ParseContext(now, frozenset({"me@x.org"}))))`
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.errors import MessageError
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from kith.importers.records import (
    ActivityRecord,
    Origin,
    ParseContext,
    Participant,
    Problem,
    Record,
    Skipped,
)

CHUNK = 1 << 20  # bytes read at a time from an mbox
HEADER_CAP = 1 << 20  # a header block longer than this is reported, not read
FIRST_READ = 1 << 16  # one read takes a Maildir message's headers nearly always

_WANTED = frozenset(
    {
        "from",
        "to",
        "cc",
        "bcc",
        "date",
        "subject",
        "message-id",
        "in-reply-to",
        "references",
        "list-id",
        "list-unsubscribe",
        "precedence",
        "auto-submitted",
        "x-gm-thrid",
        "delivered-to",
        "x-original-to",
    }
)
_RECIPIENT_FIELDS = ("to", "cc", "bcc")
# A wanted field at a line's start and its value with continuation lines, found by the
# regex engine in C: far faster than splitting the whole block into lines in Python.
# Matching after "\n" with explicit letter classes is twice as fast as `^` with MULTILINE
# and IGNORECASE; the block is searched with a "\n" put in front of it.
_FIELD = re.compile(
    rb"\n("
    + b"|".join(
        b"".join(b"[%c%c]" % (c, c - 32) if 97 <= c <= 122 else bytes([c]) for c in n.encode())
        for n in sorted(_WANTED)
    )
    + rb")[ \t]*:([^\n]*(?:\n[ \t][^\n]*)*)"
)
_BULK_PRECEDENCE = frozenset({"bulk", "list", "junk"})
_AUTOMATED = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer-daemon|postmaster|bounces?)(?:[-+._].*)?$"
    r"|noreply|[-+.]bounces?(?:[-+.]|$)",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"[^@\s<>()\[\]\\,;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")
_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
_SUBJECT_PREFIX = re.compile(
    r"^(?:\s*(?:re|fwd?|aw|wg|sv|vs|antw|r|tr|rif)\s*(?:\[\d+\])?\s*:|\s*\[[^\]]*\])+",
    re.IGNORECASE,
)


class MalformedAddress(ValueError):
    """A From/To/Cc value that cannot be read without guessing."""


@dataclass(frozen=True, slots=True)
class Message:
    """What one message contributes: who, when, which thread, which way."""

    origin: Origin
    occurred_at: datetime
    thread: str
    former: str  # the thread as Kith told it before reading Gmail's thread id (older keys)
    subject: str
    from_me: bool
    people: tuple[Participant, ...]  # the sender, or the recipients when the user wrote
    recipient_count: int


def sniff(head: bytes, name: str) -> bool:
    """True when `head` (a file's first bytes) looks like an mbox or a single message, or
    when `name` is a folder (the detector passes a folder's path) holding Maildirs."""
    if not head and Path(name).is_dir():
        return is_maildir(name)
    if name.lower().endswith((".mbox", ".mbx")):
        return True
    text = head.lstrip(b"\xef\xbb\xbf")
    if text.startswith(b"From "):
        return (
            re.search(rb"^(?:from|date|message-id|received|subject):", text, re.I | re.M)
            is not None
        )
    first = text.split(b"\n", 1)[0]
    if not re.match(rb"^[!-9;-~]+:", first):  # an RFC 5322 field name, then a colon
        return False
    return re.search(rb"^from:", text, re.I | re.M) is not None and (
        re.search(rb"^(?:date|message-id|received):", text, re.I | re.M) is not None
    )


def is_maildir(path: str) -> bool:
    """True for a Maildir (a folder with cur/ and new/) or a folder holding some."""
    root = Path(path)
    if not root.is_dir():
        return False
    return any(_maildir_folders(root))


def parse(path: str, context: ParseContext) -> Iterator[Record]:
    """Yield one email ActivityRecord per thread, day and person, plus Problems and Skips."""
    collector = _Collector(context)
    for item in _headers(path):
        if isinstance(item, Problem):
            yield item
            continue
        origin, block = item
        found = read_message(block, origin, context)
        if isinstance(found, Message):
            skipped = collector.add(found)
            if skipped is not None:
                yield skipped
        else:
            yield found
    yield from collector.records()


# --- finding header blocks ----------------------------------------------------------------


def _headers(path: str) -> Iterator[tuple[Origin, bytes] | Problem]:
    """Each message's raw header block with its origin, from an mbox, Maildir or one file."""
    source = Path(path)
    if source.is_dir():
        yield from _maildir_headers(source)
        return
    try:
        with source.open("rb") as f:
            start = f.read(5)
            f.seek(0)
            if start == b"From ":
                yield from _mbox_headers(f, path)
            else:
                yield _file_headers(f, Origin(path, "message 1"))
    except OSError as e:
        yield Problem(Origin(path, "file"), f"The file cannot be read: {e.strerror or e}.")


def _maildir_folders(root: Path) -> Iterator[Path]:
    """The cur/ and new/ folders under `root`, in name order (tmp/ holds unfinished mail)."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if not entry.is_dir(follow_symlinks=False) or entry.name in ("tmp", ".notmuch"):
            continue
        if entry.name in ("cur", "new"):
            yield Path(entry.path)
        else:
            yield from _maildir_folders(Path(entry.path))


def _maildir_headers(root: Path) -> Iterator[tuple[Origin, bytes] | Problem]:
    for folder in _maildir_folders(root):
        try:
            names = sorted(e.name for e in os.scandir(folder) if e.is_file(follow_symlinks=False))
        except OSError as e:
            yield Problem(Origin(str(folder), "folder"), f"The folder cannot be read: {e}.")
            continue
        for name in names:
            if name.startswith("."):
                continue
            file = folder / name
            origin = Origin(str(file), "message 1")
            try:
                with file.open("rb") as f:
                    yield _file_headers(f, origin)
            except OSError as e:
                yield Problem(origin, f"The message cannot be read: {e.strerror or e}.")


def _file_headers(f: BinaryIO, origin: Origin) -> tuple[Origin, bytes] | Problem:
    """The header block of a file holding one message."""
    data = f.read(FIRST_READ)
    while True:
        end = _header_end(data, 0, len(data))
        if end >= 0:
            return origin, data[:end]
        more = f.read(FIRST_READ) if len(data) < HEADER_CAP else b""
        if not more:
            if len(data) >= HEADER_CAP:
                return Problem(origin, "The headers are longer than 1 MiB.")
            return origin, data  # headers only, no body
        data += more


def _header_end(data: bytes, start: int, stop: int) -> int:
    """Where the headers starting at `start` end (the blank line), or -1 if not yet seen."""
    blank = data.find(b"\n\n", start, stop)
    limit = blank if blank >= 0 else stop
    crlf = data.find(b"\n\r\n", start, limit)
    if crlf >= 0:
        return crlf + 1
    return blank + 1 if blank >= 0 else -1


def _mbox_headers(f: BinaryIO, path: str) -> Iterator[tuple[Origin, bytes] | Problem]:
    """Each message of an mbox: the headers after the `From ` line, the body skipped unread."""
    data = f.read(CHUNK)
    start = 0  # where the current message's `From ` line begins
    number = 0
    while start < len(data):
        number += 1
        origin = Origin(path, f"message {number}")
        data, start, block = _mbox_block(f, data, start)
        if block is None:
            yield Problem(origin, "The headers are longer than 1 MiB.")
        else:
            yield origin, block
        data, start = _next_separator(f, data, start)


def _mbox_block(f: BinaryIO, data: bytes, start: int) -> tuple[bytes, int, bytes | None]:
    """The header block of the message at `start` (None when too long); reads on as needed."""
    while True:
        first = data.find(b"\n", start, start + HEADER_CAP)
        end = _header_end(data, first, len(data)) if first >= 0 else -1
        if end >= 0:
            separator = data.find(b"\nFrom ", first, end)  # a message without a body
            stop = separator + 1 if separator >= 0 else end
            return data, stop, data[first + 1 : stop]
        if len(data) - start >= HEADER_CAP:
            return data, start + HEADER_CAP, None
        more = f.read(CHUNK)
        if not more:
            separator = data.find(b"\nFrom ", max(first, start))
            stop = separator + 1 if separator >= 0 else len(data)
            return data, stop, data[first + 1 : stop] if first >= 0 else b""
        data, start = data[start:] + more, 0


def _next_separator(f: BinaryIO, data: bytes, start: int) -> tuple[bytes, int]:
    """Skip the body from `start` to the next `From ` line, reading chunk by chunk."""
    if data.startswith(b"From ", start):
        return data, start
    while True:
        found = data.find(b"\nFrom ", start)
        if found >= 0:
            return data, found + 1
        more = f.read(CHUNK)
        if not more:
            return b"", 0
        data, start = data[-5:] + more, 0  # keep what could begin a split separator


# --- reading one message ------------------------------------------------------------------


def read_message(block: bytes, origin: Origin, context: ParseContext) -> Message | Record:
    """A message's contribution from its raw header block, or why it is skipped or unreadable."""
    fields = header_fields(block)
    bulk = _bulk_reason(fields)
    if bulk:
        return Skipped(origin, bulk)
    try:
        senders = addresses(fields.get("from", ""))
        recipients = addresses(", ".join(fields[n] for n in _RECIPIENT_FIELDS if n in fields))
    except MalformedAddress as e:
        return Problem(origin, str(e))
    if not senders:
        return Problem(origin, "The message has no readable From address.")
    if _AUTOMATED.search(senders[0].email.split("@", 1)[0]):
        return Skipped(origin, "automated sender")
    occurred_at = _date(fields.get("date", ""))
    if occurred_at is None:
        return Problem(origin, "The message has no readable Date.")
    if occurred_at > context.now:
        return Skipped(origin, "dated after now")
    return _message(fields, origin, occurred_at, senders[0], recipients, context)


def _message(
    fields: dict[str, str],
    origin: Origin,
    occurred_at: datetime,
    sender: Participant,
    recipients: tuple[Participant, ...],
    context: ParseContext,
) -> Message:
    mine = context.my_emails
    from_me = sender.email in mine
    unique = {p.email: p for p in recipients}
    people = tuple(p for e, p in unique.items() if e not in mine) if from_me else (sender,)
    subject = decode_words(fields.get("subject", ""))
    return Message(
        origin=origin,
        occurred_at=occurred_at,
        thread=thread_of(fields, subject),
        former=thread_of({k: v for k, v in fields.items() if k != "x-gm-thrid"}, subject),
        subject=subject,
        from_me=from_me,
        people=people,
        recipient_count=len(unique),
    )


def header_fields(block: bytes) -> dict[str, str]:
    """The header fields Kith reads, unfolded; repeated To/Cc/Bcc fields are joined."""
    fields: dict[str, str] = {}
    for match in _FIELD.finditer(b"\n" + block):
        name = match.group(1).lower().decode("ascii")
        raw = match.group(2)
        try:
            value = raw.decode("utf-8")
        except UnicodeDecodeError:
            value = raw.decode("latin-1")  # raw 8-bit headers from old clients
        value = " ".join(value.split()) if "\n" in value else value.strip()
        if name not in fields:
            fields[name] = value
        elif name in _RECIPIENT_FIELDS and value:
            fields[name] = f"{fields[name]}, {value}" if fields[name] else value
    return fields


def _bulk_reason(fields: dict[str, str]) -> str:
    if "list-id" in fields or "list-unsubscribe" in fields:
        return "bulk mail"
    if fields.get("precedence", "").strip().lower() in _BULK_PRECEDENCE:
        return "bulk mail"
    auto = fields.get("auto-submitted", "").strip().lower()
    if auto and auto != "no":
        return "automated sender"
    return ""


def addresses(value: str) -> tuple[Participant, ...]:
    """The people a From/To/Cc value names, strictly: a value that needs guessing is refused.

    `alice@x(<bob@y>` (an unclosed comment) raises rather than yielding anyone, so such a
    message is reported and never filed under bob. Values without quotes, comments or
    escapes (nearly all) are split at their commas and each address is parsed once and
    remembered, since the same correspondents recur through a mailbox; the rest are
    parsed whole. Either way `email.utils.getaddresses` does the parsing.
    """
    if not value.strip():
        return ()
    if '"' in value or "(" in value or "\\" in value:
        if not _balanced(value):
            raise MalformedAddress("An address field has an unclosed comment, quote or bracket.")
        return _parsed(value)
    found: list[Participant] = []
    for piece in value.split(","):
        opened = piece.count("<")
        if opened != piece.count(">") or opened > 1:
            raise MalformedAddress("An address field has an unclosed comment, quote or bracket.")
        found.extend(_parsed(piece.strip()))
    return tuple(found)


@lru_cache(maxsize=16384)
def _parsed(value: str) -> tuple[Participant, ...]:
    """`getaddresses` over one extracted value, each address checked and case-folded."""
    found: list[Participant] = []
    for name, email in getaddresses([value]):
        if not email:
            continue  # a group name such as "undisclosed-recipients:;"
        if not _ADDRESS.fullmatch(email):
            raise MalformedAddress(f"An address field holds an unreadable address: {email[:80]!r}.")
        name = decode_words(name)
        if "@" in name or "<" in name:
            name = ""  # an address, not a name
        found.append(Participant(name=name, email=email.casefold()))
    return tuple(found)


def _balanced(value: str) -> bool:
    """Comments, quotes and angle brackets all closed (RFC 5322 quoting and escapes honoured)."""
    if '"' not in value and "(" not in value and "<" not in value and ">" not in value:
        return True
    depth = 0
    angle = False
    quoted = False
    escaped = False
    for char in value:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif quoted:
            quoted = char != '"'
        elif char == '"' and depth == 0:
            quoted = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return False
        elif depth == 0 and char in "<>":
            if angle == (char == "<"):
                return False
            angle = char == "<"
    return depth == 0 and not quoted and not angle


def decode_words(value: str) -> str:
    """A header value with its RFC 2047 encoded words decoded; left as is when they are broken."""
    if "=?" not in value:
        return " ".join(value.split())
    try:
        return " ".join(str(make_header(decode_header(value))).split())
    except (MessageError, LookupError, UnicodeError, ValueError):
        return " ".join(value.split())


def _date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:  # "-0000": the zone is unknown; UTC is the standard reading
        moment = moment.replace(tzinfo=UTC)
    return moment


def thread_of(fields: dict[str, str], subject: str) -> str:
    """The thread: Gmail's thread id when the mail is from Gmail (it knows threads best),
    else the root Message-ID, else the normalised subject."""
    gmail = fields.get("x-gm-thrid", "").strip()
    if gmail.isdigit():
        return f"gmail:{gmail}"
    for name in ("references", "in-reply-to", "message-id"):
        value = fields.get(name, "")
        ids: list[str] = _MESSAGE_ID.findall(value)
        if ids:
            return _short("<" + ids[0] + ">")
        if value.strip():
            return _short("<" + value.split()[0] + ">")
    return _short("subject:" + normalise_subject(subject))


def _short(thread: str) -> str:
    """Long thread names (subjects, odd ids) hashed, so keys stay short and stable."""
    if len(thread) <= 200:
        return thread
    return "sha1:" + hashlib.sha1(thread.encode("utf-8", "surrogatepass")).hexdigest()


def normalise_subject(subject: str) -> str:
    """A subject without reply and forward prefixes or list tags, case-folded."""
    return " ".join(_SUBJECT_PREFIX.sub("", subject).split()).casefold()


# --- grouping into records ----------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    occurred_at: datetime
    initiated_by: str
    person: Participant
    summary: str
    origin: Origin
    former: set[str] = field(default_factory=set)


class _Collector:
    """Groups messages into one record per thread, UTC day and person, until the end."""

    def __init__(self, context: ParseContext) -> None:
        self.context = context
        self.groups: dict[tuple[str, str, str], _Group] = {}
        self.ways: dict[str, int] = {}  # address -> 1 the user wrote, 2 they wrote, 3 both
        self.crowded: set[str] = set()  # threads in which a message had too many recipients

    def add(self, message: Message) -> Skipped | None:
        """Count a message; a message with too many recipients marks its thread and is skipped."""
        if message.recipient_count > self.context.max_attendees:
            self.crowded.add(message.thread)
            return Skipped(message.origin, f"over {self.context.max_attendees} recipients")
        day = message.occurred_at.astimezone(UTC).date().isoformat()
        who = "me" if message.from_me else "them"
        for person in message.people:
            self.ways[person.email] = self.ways.get(person.email, 0) | (1 if message.from_me else 2)
            key = (message.thread, day, person.email)
            group = self.groups.get(key)
            if group is None:
                group = self.groups[key] = _Group(
                    message.occurred_at, who, person, message.subject, message.origin
                )
                group.former.add(message.former)
                continue
            group.former.add(message.former)
            if message.occurred_at < group.occurred_at:
                group.occurred_at, group.initiated_by = message.occurred_at, who
                group.origin, group.summary = message.origin, message.subject or group.summary
            if person.name and not group.person.name:
                group.person = person
        return None

    def records(self) -> Iterator[ActivityRecord | Skipped]:
        """The grouped records, in the order first seen; crowded threads become Skipped."""
        reason = f"thread with over {self.context.max_attendees} recipients"
        for (thread, day, email), group in self.groups.items():
            if thread in self.crowded:
                yield Skipped(group.origin, reason)
                continue
            yield ActivityRecord(
                key=f"email:{thread}:{day}:{email}",
                origin=group.origin,
                kind="email",
                occurred_at=group.occurred_at,
                participants=(group.person,),
                initiated_by=group.initiated_by,
                summary=group.summary,
                both_ways=self.ways.get(email) == 3,
                former_keys=tuple(
                    f"email:{old}:{day}:{email}" for old in sorted(group.former) if old != thread
                ),
            )


# --- whose mailbox ------------------------------------------------------------------------

OWNER_SAMPLE = 2000  # messages read to tell whose mailbox it is


def owner(path: str, sample: int = OWNER_SAMPLE) -> str | None:
    """The mailbox owner's address: the one its mail was delivered to (Delivered-To, as
    Gmail writes it), else the one taking part in most messages; None when no address is
    in over half of the messages read."""
    delivered: Counter[str] = Counter()
    present: Counter[str] = Counter()
    read = 0
    for item in _headers(path):
        if isinstance(item, Problem):
            continue
        read += 1
        fields = header_fields(item[1])
        for name in ("delivered-to", "x-original-to"):
            delivered.update({a.casefold() for a in _ADDRESS.findall(fields.get(name, ""))})
        try:
            every = addresses(", ".join(fields.get(n, "") for n in ("from", *_RECIPIENT_FIELDS)))
        except MalformedAddress:
            continue
        present.update({p.email for p in every if p.email})
        if read >= sample:
            break
    for counts in (delivered, present):
        if counts:
            address, hits = counts.most_common(1)[0]
            if hits * 2 > read:
                return address
    return None
