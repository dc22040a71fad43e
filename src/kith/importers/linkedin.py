"""The LinkedIn data export ("Get a copy of your data"), as its .zip or its unpacked folder.

- `Connections.csv`: a "Notes:" preamble, then `First Name,Last Name,URL,Email Address,
  Company,Position,Connected On` (older exports lack URL). Each row is a contact met on
  LinkedIn on `Connected On` (`08 Feb 2026`); rows of members who hide their profile
  carry only a date and are `Skipped`.
- `messages.csv`: one row per message (`CONVERSATION ID, CONVERSATION TITLE, FROM,
  SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE, …`, dates `2026-02-08 14:03:11
  UTC`). They become one "message" activity per conversation, day and person; who
  started that day's exchange gives the direction.
- `Invitations.csv` (`From,To,Sent At,Message,Direction,inviterProfileUrl,
  inviteeProfileUrl`, US dates `1/29/26, 2:37 PM`): one "message" activity each.
- `Endorsement_Given_Info.csv` and `Recommendations_Given.csv`: gives the user already
  made (ledger records, `i_gave`, kind `endorsement`).

Which participant is the user: the export's `Profile.csv` name, the user's side of
`Invitations.csv` (the sender of OUTGOING, the recipient of INCOMING), and failing both
the participant found in the most conversations (the owner is in all of them).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from kith.errors import InvalidInput
from kith.importers.archive import DAMAGE, ZIP_MAGIC, SafeZip, damaged
from kith.importers.records import (
    ActivityRecord,
    ContactRecord,
    LedgerRecord,
    Origin,
    ParseContext,
    Participant,
    Problem,
    Record,
    Skipped,
)
from kith.importers.text import Row, csv_rows, decode_head, read_lines

CONNECTIONS = "connections.csv"
MESSAGES = "messages.csv"
INVITATIONS = "invitations.csv"
ENDORSEMENTS = "endorsement_given_info.csv"
RECOMMENDATIONS = "recommendations_given.csv"
PROFILE = "profile.csv"
KNOWN = (CONNECTIONS, MESSAGES, INVITATIONS, ENDORSEMENTS, RECOMMENDATIONS)
_HEADERS = (
    "connected on",
    "conversation id,conversation title,from",
    "inviterprofileurl",
    "endorsee public url",
)
_MAX_FOLDER_DEPTH = 3

Opener = Callable[[], AbstractContextManager[IO[bytes]]]


@dataclass(frozen=True)
class Member:
    """One CSV of the export: how origins name it and how to open it."""

    label: str
    open: Opener
    written: datetime | None = None  # when the export wrote it: how fresh what it says is


# --- finding the files -------------------------------------------------------------------


def sniff(head: bytes, name: str) -> bool:
    """True for a LinkedIn export: its zip, its folder (passed as `name`), or one of its CSVs."""
    if head.startswith(ZIP_MAGIC):
        lowered = head.lower()
        return "linkedin" in name.lower() or any(n.encode() in lowered for n in KNOWN)
    if not head and Path(name).is_dir():
        return is_export_names(p.name for p in _folder_files(Path(name)))
    text = decode_head(head).lstrip("\ufeff")
    first = text.split("\n", 1)[0].strip().lower()
    if first == "notes:":
        return "linkedin" in text.lower() or "connected on" in text.lower()
    return any(marker in first for marker in _HEADERS)


def is_export_names(names: Iterable[str]) -> bool:
    """True when file names include a LinkedIn export's connections or messages."""
    bases = {_base(n) for n in names}
    return CONNECTIONS in bases or MESSAGES in bases


def _base(name: str) -> str:
    """A member or file name reduced to its lower-case base name."""
    return name.replace("\\", "/").rsplit("/", 1)[-1].lower()


def parse(path: str, context: ParseContext) -> Iterator[Record]:
    """Records of a LinkedIn export .zip, its unpacked folder, or one of its CSV files."""
    source = Path(path)
    if source.is_dir():
        members = {
            f.name.lower(): Member(str(f), _file_opener(f), _file_time(f))
            for f in _folder_files(source)
        }
        yield from _parse_members(members, path, context)
    elif _is_zip(source):
        with SafeZip(path) as archive:
            yield from parse_archive(archive, context)
    else:
        member = Member(path, _file_opener(source), _file_time(source))
        members = {source.name.lower(): member}
        if not set(members) & set(KNOWN):
            members = {_kind_of(source): member}
        yield from _parse_members(members, path, context)


def parse_archive(archive: SafeZip, context: ParseContext) -> Iterator[Record]:
    """Records of a LinkedIn export already opened as a checked zip."""
    members: dict[str, Member] = {}
    for name in sorted(archive.names(), key=lambda n: n.count("/")):
        base = _base(name)
        if base not in members:
            members[base] = Member(
                archive.label(name), _member_opener(archive, name), archive.time(name)
            )
    yield from _parse_members(members, archive.path, context)


def _member_opener(archive: SafeZip, name: str) -> Opener:
    return lambda: archive.open(name)


def _file_opener(path: Path) -> Opener:
    return lambda: path.open("rb")


def _file_time(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return None


def _is_zip(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(4) in ZIP_MAGIC


def _kind_of(path: Path) -> str:
    """Which export file a renamed CSV is, from its header."""
    with path.open("rb") as stream:
        first = decode_head(stream.read(8192)).lower()
    for kind, marker in zip(KNOWN[:4], _HEADERS, strict=True):
        if marker in first:
            return kind
    if "creation date" in first and "text" in first:
        return RECOMMENDATIONS
    return path.name.lower()


def _folder_files(folder: Path, depth: int = 0) -> Iterator[Path]:
    for entry in sorted(folder.iterdir()):
        if entry.is_symlink():
            continue
        if entry.is_dir() and depth < _MAX_FOLDER_DEPTH:
            yield from _folder_files(entry, depth + 1)
        elif entry.is_file() and entry.name.lower().endswith(".csv"):
            yield entry


def _parse_members(
    members: dict[str, Member], path: str, context: ParseContext
) -> Iterator[Record]:
    if not set(members) & set(KNOWN):
        yield Problem(Origin(path, "export"), "No LinkedIn export files were found here.")
        return
    me = _me(members)
    if CONNECTIONS in members:
        yield from _connections(members[CONNECTIONS])
    if MESSAGES in members:
        yield from _messages(members[MESSAGES], me, context)
    if INVITATIONS in members:
        yield from _invitations(members[INVITATIONS])
    if ENDORSEMENTS in members:
        yield from _endorsements(members[ENDORSEMENTS])
    if RECOMMENDATIONS in members:
        yield from _recommendations(members[RECOMMENDATIONS])


# --- tables ------------------------------------------------------------------------------


def _rows(member: Member, required: str) -> Iterator[tuple[Origin, dict[str, str]] | Problem]:
    """Rows of a member as dicts; the header is the first row that has `required`."""
    header: list[str] | None = None
    try:
        with member.open() as stream:
            for row in csv_rows(read_lines(stream)):
                origin = Origin(member.label, f"line {row.number}")
                if row.problem:
                    yield Problem(origin, row.problem)
                elif header is None:
                    header = _header_of(row, required)
                elif any(cell.strip() for cell in row.cells):
                    yield origin, dict(zip(header, (c.strip() for c in row.cells), strict=False))
    except (InvalidInput, *DAMAGE) as error:
        yield damaged(member.label, error)
        return
    if header is None:
        reason = f"The file has no header with a {required!r} column."
        yield Problem(Origin(member.label, "line 1"), reason)


def _header_of(row: Row, required: str) -> list[str] | None:
    cells = [cell.strip().lstrip("\ufeff").lower() for cell in row.cells]
    return cells if required in cells else None


def profile_url(url: str) -> str:
    """A LinkedIn profile URL in one form: https, no query, no trailing slash."""
    url = url.strip().split("?", 1)[0].rstrip("/")
    if not url:
        return ""
    if not url.lower().startswith(("http://", "https://")):
        url = "https://" + url
    return "https://" + url.split("://", 1)[1]


def _hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


# --- dates -------------------------------------------------------------------------------

_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
_ISO_TIME = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_US_TIME = re.compile(
    r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?"
)
_DAY_MONTH = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$")


def when(text: str) -> datetime | None:
    """A LinkedIn date or time as an aware UTC datetime, or None when it is not one.

    Reads `2026-02-08 14:03:11 UTC`, `2017/10/24 08:06:57 UTC`, `1/29/26, 2:37 PM` and
    `08 Feb 2026` (a date alone is taken as midnight UTC).
    """
    text = text.strip()
    try:
        if match := _ISO_TIME.match(text):
            y, m, d, hh, mm, ss = match.groups()
            return datetime(
                int(y), int(m), int(d), int(hh or 0), int(mm or 0), int(ss or 0), tzinfo=UTC
            )
        if match := _US_TIME.match(text):
            return _us_time(match.groups())
        if match := _DAY_MONTH.match(text):
            month = _MONTHS.get(match.group(2).lower())
            return (
                datetime(int(match.group(3)), month, int(match.group(1)), tzinfo=UTC)
                if month
                else None
            )
    except ValueError:
        return None
    return None


def _us_time(groups: tuple[str | None, ...]) -> datetime:
    month, day, year_text, hh, mm, ss, half = groups
    year = int(year_text or 0)
    year += 2000 if year < 100 else 0
    hour = int(hh or 0)
    if half and half.lower() == "pm" and hour < 12:
        hour += 12
    elif half and half.lower() == "am" and hour == 12:
        hour = 0
    return datetime(
        year, int(month or 0), int(day or 0), hour, int(mm or 0), int(ss or 0), tzinfo=UTC
    )


# --- the user ----------------------------------------------------------------------------


@dataclass
class _Me:
    names: set[str] = field(default_factory=set)  # case-folded
    urls: set[str] = field(default_factory=set)  # case-folded profile URLs

    def known(self) -> bool:
        return bool(self.names or self.urls)

    def matches(self, person: Participant) -> bool:
        if person.url:
            return person.url.casefold() in self.urls
        return person.name.casefold() in self.names


def _me(members: dict[str, Member]) -> _Me:
    me = _Me()
    if PROFILE in members:
        for item in _rows(members[PROFILE], "first name"):
            if not isinstance(item, Problem):
                _, row = item
                me.names.add(
                    f"{row.get('first name', '')} {row.get('last name', '')}".strip().casefold()
                )
                break
    if INVITATIONS in members:
        for item in _rows(members[INVITATIONS], "direction"):
            if not isinstance(item, Problem):
                _own_side(me, item[1])
    me.names.discard("")
    me.urls.discard("")
    return me


def _own_side(me: _Me, row: dict[str, str]) -> None:
    outgoing = row.get("direction", "").upper() == "OUTGOING"
    name = row.get("from" if outgoing else "to", "")
    url = row.get("inviterprofileurl" if outgoing else "inviteeprofileurl", "")
    if url:
        me.urls.add(profile_url(url).casefold())
    elif name:
        me.names.add(name.casefold())


# --- Connections.csv ---------------------------------------------------------------------


def _connections(member: Member) -> Iterator[Record]:
    for item in _rows(member, "connected on"):
        yield item if isinstance(item, Problem) else _connection(*item, member.written)


def _connection(origin: Origin, row: dict[str, str], written: datetime | None = None) -> Record:
    name = f"{row.get('first name', '')} {row.get('last name', '')}".strip()
    url = profile_url(row.get("url", ""))
    connected = row.get("connected on", "")
    if not name and not url:
        return Skipped(origin, "hidden member")
    met = when(connected)
    email = row.get("email address", "")
    return ContactRecord(
        key=f"linkedin:{url.casefold()}"
        if url
        else f"linkedin:name:{_hash(name.casefold(), connected)}",
        origin=origin,
        name=name or url.rsplit("/", 1)[-1],
        emails=(email,) if email else (),
        links=(url,) if url else (),
        organization=row.get("company", ""),
        title=row.get("position", ""),
        met_on=met.date() if met else None,
        met_how="LinkedIn connection",
        extra={} if met or not connected else {"Connected On": connected},
        as_of=written,
    )


# --- messages.csv ------------------------------------------------------------------------


@dataclass
class _Exchange:
    """One conversation's day with one person: when it started, who started it."""

    origin: Origin
    first: datetime
    started_by_me: bool
    person: Participant
    summary: str
    i_wrote: bool = False
    they_wrote: bool = False


@dataclass(frozen=True)
class _Message:
    origin: Origin
    conversation: str
    at: datetime
    sender: Participant
    recipients: tuple[Participant, ...]
    summary: str


def _messages(member: Member, me: _Me, context: ParseContext) -> Iterator[Record]:
    if not me.known():
        me = _most_present(member)
    exchanges: dict[tuple[str, str, str], _Exchange] = {}
    for item in _rows(member, "conversation id"):
        if isinstance(item, Problem):
            yield item
            continue
        message = _message(*item)
        if isinstance(message, Problem | Skipped):
            yield message
        elif message.at > context.now:
            yield Skipped(message.origin, "dated in the future")
        else:
            yield from _add_message(exchanges, message, me, context)
    for key, exchange in exchanges.items():
        yield _activity(key, exchange)


def _message(origin: Origin, row: dict[str, str]) -> _Message | Problem | Skipped:
    if row.get("is message draft", "").lower() in ("yes", "true"):
        return Skipped(origin, "draft message")
    at = when(row.get("date", ""))
    if at is None:
        return Problem(origin, f"The message date {row.get('date', '')!r} cannot be read.")
    sender = Participant(
        name=row.get("from", ""), url=profile_url(row.get("sender profile url", ""))
    )
    recipients = _recipients(row.get("to", ""), row.get("recipient profile urls", ""))
    summary = row.get("subject", "") or row.get("conversation title", "") or "LinkedIn message"
    return _Message(origin, row.get("conversation id", ""), at, sender, recipients, summary[:200])


def _recipients(names: str, urls: str) -> tuple[Participant, ...]:
    links = [profile_url(u) for u in re.split(r"[;,\s]+", urls) if u.strip()]
    people = (
        [n.strip() for n in names.split(",") if n.strip()] if len(links) != 1 else [names.strip()]
    )
    if links and len(people) != len(links):
        return tuple(Participant(url=link) for link in links)
    if not links:
        return tuple(Participant(name=n) for n in people)
    return tuple(Participant(name=n, url=u) for n, u in zip(people, links, strict=True))


def _add_message(
    exchanges: dict[tuple[str, str, str], _Exchange],
    message: _Message,
    me: _Me,
    context: ParseContext,
) -> Iterator[Record]:
    mine = me.matches(message.sender)
    others = [p for p in (message.sender, *message.recipients) if not me.matches(p) and _real(p)]
    if len(others) > context.max_attendees:
        yield Skipped(message.origin, f"over {context.max_attendees} participants")
        return
    day = message.at.date().isoformat()
    for person in others:
        key = (message.conversation, day, _person_key(person))
        exchange = exchanges.get(key)
        if exchange is None or message.at < exchange.first:
            started = exchange or _Exchange(
                message.origin, message.at, mine, person, message.summary
            )
            started.origin, started.first, started.started_by_me = message.origin, message.at, mine
            exchanges[key] = exchange = started
        exchange.i_wrote |= mine
        exchange.they_wrote |= not mine and message.sender == person


def _real(person: Participant) -> bool:
    """Sponsored and deleted senders show as "LinkedIn Member" without a profile."""
    return bool(person.url or (person.name and person.name != "LinkedIn Member"))


def _person_key(person: Participant) -> str:
    return person.url.casefold() or person.name.casefold()


def _activity(key: tuple[str, str, str], exchange: _Exchange) -> ActivityRecord:
    conversation, day, person = key
    return ActivityRecord(
        key=f"linkedin:message:{conversation}:{day}:{person}",
        origin=exchange.origin,
        kind="message",
        occurred_at=exchange.first,
        participants=(exchange.person,),
        initiated_by="me" if exchange.started_by_me else "them",
        summary=exchange.summary,
        both_ways=exchange.i_wrote and exchange.they_wrote,
    )


def _most_present(member: Member) -> _Me:
    """The user, when nothing names them: the participant found in the most conversations."""
    seen: dict[str, set[str]] = {}
    for item in _rows(member, "conversation id"):
        if isinstance(item, Problem):
            continue
        _, row = item
        message = _message(*item)
        if isinstance(message, Problem | Skipped):
            continue
        for person in (message.sender, *message.recipients):
            seen.setdefault(_person_key(person), set()).add(row.get("conversation id", ""))
    counts = Counter({person: len(conversations) for person, conversations in seen.items()})
    best = counts.most_common(2)
    if not best or (len(best) == 2 and best[0][1] == best[1][1]):
        return _Me()
    top = best[0][0]
    return _Me(urls={top}) if top.startswith("https://") else _Me(names={top})


# --- Invitations.csv ---------------------------------------------------------------------


def _invitations(member: Member) -> Iterator[Record]:
    for item in _rows(member, "direction"):
        if isinstance(item, Problem):
            yield item
            continue
        origin, row = item
        outgoing = row.get("direction", "").upper() == "OUTGOING"
        person = Participant(
            name=row.get("to" if outgoing else "from", ""),
            url=profile_url(row.get("inviteeprofileurl" if outgoing else "inviterprofileurl", "")),
        )
        at = when(row.get("sent at", ""))
        if at is None:
            yield Problem(origin, f"The invitation date {row.get('sent at', '')!r} cannot be read.")
            continue
        note = row.get("message", "")
        summary = ("Sent" if outgoing else "Received") + " a LinkedIn invitation"
        side = "out" if outgoing else "in"
        yield ActivityRecord(
            key=f"linkedin:invitation:{side}:{_person_key(person)}:{at.isoformat()}",
            origin=origin,
            kind="message",
            occurred_at=at,
            participants=(person,),
            initiated_by="me" if outgoing else "them",
            summary=f"{summary}: {note[:160]}" if note else summary,
        )


# --- gives -------------------------------------------------------------------------------


def _endorsements(member: Member) -> Iterator[Record]:
    for item in _rows(member, "skill name"):
        if isinstance(item, Problem):
            yield item
            continue
        origin, row = item
        if row.get("endorsement status", "").upper() in ("REJECTED", "HIDDEN"):
            yield Skipped(origin, "endorsement not shown")
            continue
        name = f"{row.get('endorsee first name', '')} {row.get('endorsee last name', '')}".strip()
        person = Participant(name=name, url=profile_url(row.get("endorsee public url", "")))
        skill = row.get("skill name", "")
        at = when(row.get("endorsement date", ""))
        yield LedgerRecord(
            key=f"linkedin:endorsement:{_person_key(person)}:{skill.casefold()}",
            origin=origin,
            direction="i_gave",
            kind="endorsement",
            person=person,
            occurred_on=at.date() if at else None,
            summary=f"Endorsed {skill} on LinkedIn",
        )


def _recommendations(member: Member) -> Iterator[Record]:
    for item in _rows(member, "text"):
        if isinstance(item, Problem):
            yield item
            continue
        origin, row = item
        name = f"{row.get('first name', '')} {row.get('last name', '')}".strip()
        created = row.get("creation date", "")
        at = when(created)
        where = ", ".join(p for p in (row.get("job title", ""), row.get("company", "")) if p)
        yield LedgerRecord(
            key=f"linkedin:recommendation:{_hash(name.casefold(), created)}",
            origin=origin,
            direction="i_gave",
            kind="endorsement",
            person=Participant(name=name),
            occurred_on=at.date() if at else None,
            summary="Wrote a LinkedIn recommendation" + (f" ({where})" if where else ""),
        )
