"""vCard 2.1, 3.0 and 4.0: single files holding many cards, and vdir folders (one card a file).

The stream is split into cards here, line by line, before any card is read: one broken
card becomes a `Problem` and the cards after it still import. `vobject` is not used to
read: it parses a whole file as one unit (a broken card loses the rest), holds every photo
in memory, and is several times slower (see docs/benchmarks.md); the benchmark runs it on
the same file as the baseline, and the tests check that the export writer's cards also
read in vobject.

Quirks handled: folded lines, quoted-printable 2.1 values with soft line breaks and
charsets, bare 2.1 parameters (`TEL;CELL;PREF:`), Apple `item1.` groups with `X-ABLabel`,
photos (embedded ones skipped without being held whole, short URIs kept), year-less
birthdays (`--0301`, `--03-01`, Apple's and CardBook's year 1604), cards inside cards (up
to a depth), cards without FN (N, ORG, EMAIL or TEL name them), cards without END.
Properties Kith has no field for are kept in `extra`.
"""

from __future__ import annotations

import codecs
import hashlib
import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from kith.importers.records import ContactRecord, Origin, ParseContext, Problem, Record, Skipped
from kith.importers.text import MAX_LINE, Line, decode_head, decode_line, open_lines

MAX_NESTING = 4  # cards inside cards (vCard 2.1 AGENT) deeper than this make the card a Problem
MAX_CARD_CHARS = 4 << 20  # a card's text beyond this (photos excluded) makes it a Problem
MAX_PROPERTIES = 10_000
MAX_KEPT_BINARY = 2048  # a photo URI up to this length is kept in `extra`; data is skipped
BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
IGNORED = frozenset({"VERSION", "PRODID", "UID", "X-ABLABEL", "KIND"})
LINKS = frozenset({"URL", "X-SOCIALPROFILE"})
SUFFIXES = (".vcf", ".vcard")


@dataclass
class Property:
    """One content line: `group.NAME;PARAM=value:value`, the value still escaped."""

    name: str
    value: str
    group: str = ""
    params: dict[str, list[str]] = field(default_factory=dict)

    def param(self, key: str) -> list[str]:
        return self.params.get(key, [])


@dataclass
class _Card:
    number: int
    line: int
    props: list[Property] = field(default_factory=list)
    size: int = 0
    depth: int = 0
    problem: str = ""


def sniff(head: bytes, name: str) -> bool:
    """True when the content starts like a vCard; for a folder (`name` is its path), a vdir.

    The name only decides an empty file.
    """
    if not head and Path(name).is_dir():
        return is_vdir(name)
    text = decode_head(head).lstrip().upper()
    if not text:
        return name.lower().endswith(SUFFIXES)
    return text.startswith("BEGIN:VCARD")


def is_vdir(path: str) -> bool:
    """True when `path` is a folder of .vcf files (a vdir, as khard and vdirsyncer keep)."""
    folder = Path(path)
    return folder.is_dir() and any(True for _ in _vdir_files(folder))


def parse(path: str, context: ParseContext) -> Iterator[Record]:
    """Contacts of a .vcf file or of a vdir folder, one `Problem` per unreadable card."""
    del context  # vCards need nothing beyond the file
    source = Path(path)
    files = list(_vdir_files(source)) if source.is_dir() else [source]
    for file in files:
        yield from parse_lines(open_lines(str(file)), str(file))


def _vdir_files(folder: Path) -> Iterator[Path]:
    for entry in sorted(folder.iterdir()):
        named = not entry.name.startswith(".") and entry.name.lower().endswith(SUFFIXES)
        if named and entry.is_file():
            yield entry


def parse_lines(lines: Iterable[Line], path: str) -> Iterator[Record]:
    """Records from the lines of one vCard file; `path` names it in origins."""
    found = False
    for item in _cards(_logical_lines(lines), path):
        found = True
        yield item if isinstance(item, Problem) else _record(item, path)
    if not found:
        yield Problem(Origin(path, "line 1"), "No vCard found: the file has no BEGIN:VCARD line.")


# --- lines -------------------------------------------------------------------------------


def _logical_lines(lines: Iterable[Line]) -> Iterator[tuple[int, str, bool]]:
    """Unfold lines into content lines: (first line number, text, cut when over-long).

    Folded lines start with a space or tab; quoted-printable values continue after a
    trailing `=` (a soft break). Text past the cap is dropped; binary properties
    (photos) get a small cap, as their data is never kept.
    """
    parts: list[str] = []
    number, size, cap, cut, qp = 0, 0, MAX_LINE, False, False
    for line in lines:
        text = line.text
        if parts and text[:1] in (" ", "\t"):
            piece = text[1:]
        elif parts and qp and parts[-1].endswith("="):
            parts[-1] = parts[-1][:-1]
            piece = text
        else:
            if parts:
                yield number, "".join(parts), cut
                parts = []
            if not text.strip():
                continue
            head = text.split(":", 1)[0].upper()
            qp = "QUOTED-PRINTABLE" in head
            cap = MAX_KEPT_BINARY * 4 if _name_of(head) in BINARY else MAX_LINE
            parts, number, size, cut = [text[:cap]], line.number, len(text), line.cut
            cut = cut or size > cap
            continue
        cut = cut or line.cut
        size += len(piece)
        if size <= cap:
            parts.append(piece)
        else:
            cut = True
    if parts:
        yield number, "".join(parts), cut


def _name_of(head: str) -> str:
    name = head.split(";", 1)[0].strip()
    return name.rsplit(".", 1)[-1]


# --- cards -------------------------------------------------------------------------------


def _cards(logical: Iterable[tuple[int, str, bool]], path: str) -> Iterator[_Card | Problem]:
    """Split content lines into cards; a card that cannot be read becomes a Problem."""
    card: _Card | None = None
    count = 0
    for number, text, cut in logical:
        marker = _marker(text)
        if marker == "BEGIN":
            if card is not None and (card.depth or _opens_agent(card)):
                card.depth += 1
                if card.depth > MAX_NESTING and not card.problem:
                    card.problem = f"cards are nested deeper than {MAX_NESTING} levels"
                continue
            if card is not None:
                yield _unterminated(card, path)
            count += 1
            card = _Card(count, number)
        elif marker == "END":
            if card is None:
                continue
            if card.depth:
                card.depth -= 1
                continue
            yield Problem(_origin(path, card), card.problem + ".") if card.problem else card
            card = None
        elif card is not None and not card.depth and not card.problem:
            _add(card, number, text, cut)
    if card is not None:
        yield _unterminated(card, path)


def _marker(text: str) -> str:
    """'BEGIN' or 'END' for BEGIN:VCARD / END:VCARD lines, else ''."""
    if len(text) > 16 or ":" not in text:
        return ""
    key, value = text.split(":", 1)
    if value.strip().upper() != "VCARD":
        return ""
    key = key.strip().upper()
    return key if key in ("BEGIN", "END") else ""


def _opens_agent(card: _Card) -> bool:
    """A 2.1 AGENT property with an empty value is followed by the agent's own card."""
    return bool(card.props) and card.props[-1].name == "AGENT" and not card.props[-1].value.strip()


def _unterminated(card: _Card, path: str) -> Problem:
    return Problem(
        _origin(path, card), "The card has no END:VCARD line; the file may be cut short."
    )


def _origin(path: str, card: _Card) -> Origin:
    return Origin(path, f"card {card.number}, line {card.line}")


def _add(card: _Card, number: int, text: str, cut: bool) -> None:
    prop = parse_property(text)
    if prop is None:
        return  # stray text (e.g. unindented 2.1 photo data): nothing to read in it
    if prop.name in BINARY:
        if not cut and _is_short_uri(prop.value):
            card.props.append(prop)
        return
    if cut:
        card.problem = f"line {number} is longer than {MAX_LINE:,} characters"
        return
    card.size += len(text)
    card.props.append(prop)
    if card.size > MAX_CARD_CHARS or len(card.props) > MAX_PROPERTIES:
        card.problem = "the card is too large"


def _is_short_uri(value: str) -> bool:
    lowered = value[:8].lower()
    return len(value) <= MAX_KEPT_BINARY and lowered.startswith(("http://", "https://"))


def parse_property(text: str) -> Property | None:
    """A content line as a `Property`, or None when it has no `:` (not a property)."""
    colon = _value_colon(text)
    if colon <= 0:
        return None
    head, value = text[:colon], text[colon + 1 :]
    parts = _split_quoted(head, ";") if '"' in head else head.split(";")
    name = parts[0].strip()
    group, _, name = name.rpartition(".")
    prop = Property(name.upper(), value, group)
    for part in parts[1:]:
        _add_param(prop.params, part)
    return prop


def _value_colon(text: str) -> int:
    """Index of the colon that ends the name and parameters (colons in quotes do not)."""
    colon = text.find(":")
    quote = text.find('"', 0, colon) if colon > 0 else -1
    if quote < 0:
        return colon
    inside = False
    for index, char in enumerate(text):
        if char == '"':
            inside = not inside
        elif char == ":" and not inside:
            return index
    return -1


def _split_quoted(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    inside = False
    for char in text:
        if char == '"':
            inside = not inside
        if char == sep and not inside:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})


def _add_param(params: dict[str, list[str]], part: str) -> None:
    key, eq, value = part.partition("=")
    key = key.strip().upper()
    if not eq:
        # vCard 2.1 allows bare values: `TEL;CELL;PREF:` or `;QUOTED-PRINTABLE:`
        params.setdefault("ENCODING" if key in _ENCODINGS else "TYPE", []).append(key)
        return
    values = _split_quoted(value, ",") if '"' in value else value.split(",")
    params.setdefault(key, []).extend(v.strip().strip('"') for v in values)


# --- values ------------------------------------------------------------------------------

_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def unescape(value: str) -> str:
    """vCard text escapes: `\\n` is a new line, `\\,` `\\;` `\\:` `\\\\` the character itself."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def split_escaped(value: str, sep: str) -> list[str]:
    """Split a structured value on separators that are not escaped, then unescape each part."""
    if "\\" not in value:
        return value.split(sep)
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for char in value:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == sep:
            parts.append(unescape("".join(current)))
            current = []
        else:
            current.append(char)
    parts.append(unescape("".join(current)))
    return parts


def raw_value(prop: Property) -> str:
    """The value with any quoted-printable encoding undone (still vCard-escaped)."""
    encoding = [e.upper() for e in prop.param("ENCODING")]
    if "QUOTED-PRINTABLE" not in encoding:
        return prop.value
    data = quopri.decodestring(prop.value.encode("utf-8"))
    charset = next(iter(prop.param("CHARSET")), "")
    if charset:
        try:
            return data.decode(codecs.lookup(charset).name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_line(data)


def text_value(prop: Property) -> str:
    """The value as plain text: quoted-printable decoded and escapes undone."""
    return unescape(raw_value(prop)).replace("\r\n", "\n").strip()


# --- records -----------------------------------------------------------------------------


@dataclass
class _Fields:
    fn: str = ""
    n: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    org: str = ""
    title: str = ""
    birthday: str = ""
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    uid: str = ""
    kind: str = ""
    met_on: date | None = None
    met_how: str = ""
    rev: datetime | None = None
    extra: dict[str, list[str]] = field(default_factory=dict)


def _record(card: _Card, path: str) -> Record:
    fields = _Fields()
    labels = {p.group: _apple_label(text_value(p)) for p in card.props if p.name == "X-ABLABEL"}
    for prop in card.props:
        _read(fields, prop)
        if prop.group in labels and prop.name != "X-ABLABEL":
            fields.extra.setdefault("X-ABLABEL", []).append(f"{prop.name}: {labels[prop.group]}")
    origin = _origin(path, card)
    if fields.kind == "group":
        return Skipped(origin, "contact group")
    name = _name(fields)
    if not name:
        return Problem(origin, "The card has no name, organization, email or phone.")
    return ContactRecord(
        key=_key(fields, name),
        origin=origin,
        name=name,
        emails=tuple(_unique(fields.emails)),
        phones=tuple(_unique(fields.phones)),
        links=tuple(_links_first(_unique(fields.links))),
        organization=fields.org,
        title=fields.title,
        birthday=fields.birthday,
        notes="\n\n".join(fields.notes),
        tags=tuple(_unique(fields.tags)),
        met_on=fields.met_on,
        met_how=fields.met_how,
        extra={key: "\n".join(values) for key, values in fields.extra.items()},
        as_of=fields.rev,
    )


def _read(fields: _Fields, prop: Property) -> None:
    name = prop.name
    if name in ("FN", "N", "ORG", "CATEGORIES"):
        _read_structured(fields, prop)
    elif name == "EMAIL":
        _append(fields.emails, _strip_scheme(text_value(prop), "mailto:"))
    elif name == "TEL":
        _append(fields.phones, _strip_scheme(text_value(prop), "tel:"))
    elif name in LINKS:
        _append(fields.links, text_value(prop))
    elif name == "TITLE" and not fields.title:
        fields.title = text_value(prop)
    elif name == "NOTE":
        _append(fields.notes, text_value(prop))
    elif name == "BDAY" and not fields.birthday:
        fields.birthday = birthday(text_value(prop))
        if not fields.birthday:
            fields.extra.setdefault("BDAY", []).append(text_value(prop))
    elif name == "UID":
        fields.uid = fields.uid or text_value(prop)
    elif name == "KIND":
        fields.kind = text_value(prop).lower()
    elif name == "REV":
        fields.rev = revision(text_value(prop))
        if fields.rev is None:
            fields.extra.setdefault("REV", []).append(text_value(prop))
    elif name == "X-KITH-MET-ON":
        fields.met_on = _iso_date(text_value(prop))
    elif name == "X-KITH-MET-HOW":
        fields.met_how = text_value(prop)
    elif name not in IGNORED:
        value = text_value(prop)
        if value:
            fields.extra.setdefault(name, []).append(value)


def _read_structured(fields: _Fields, prop: Property) -> None:
    value = raw_value(prop)
    if prop.name == "FN":
        fields.fn = fields.fn or unescape(value).strip()
    elif prop.name == "N" and not fields.n:
        fields.n = [part.strip() for part in split_escaped(value, ";")]
        if any(fields.n):
            fields.extra["N"] = [value]
    elif prop.name == "ORG" and not fields.org:
        parts = [part.strip() for part in split_escaped(value, ";")]
        fields.org = parts[0]
        if any(parts[1:]):
            fields.extra.setdefault("X-DEPARTMENT", []).append(", ".join(p for p in parts[1:] if p))
    elif prop.name == "CATEGORIES":
        fields.tags.extend(t.strip() for t in split_escaped(value, ",") if t.strip())


def _append(values: list[str], value: str) -> None:
    if value:
        values.append(value)


def _strip_scheme(value: str, scheme: str) -> str:
    return value[len(scheme) :].strip() if value[: len(scheme)].lower() == scheme else value


def _apple_label(label: str) -> str:
    """Apple's built-in labels read `_$!<HomePage>!$_`; custom ones are plain."""
    if label.startswith("_$!<") and label.endswith(">!$_"):
        return label[4:-4]
    return label


def _name(fields: _Fields) -> str:
    if fields.fn:
        return fields.fn
    n = fields.n + [""] * (5 - len(fields.n))
    # N is family;given;additional;prefixes;suffixes
    composed = " ".join(part for part in (n[3], n[1], n[2], n[0], n[4]) if part)
    return composed or fields.org or next(iter(fields.emails), "") or next(iter(fields.phones), "")


def _key(fields: _Fields, name: str) -> str:
    if fields.uid:
        return f"vcard:uid:{fields.uid}"
    identity = "\x1f".join([name.casefold(), *sorted(e.casefold() for e in fields.emails)])
    identity += "\x1e" + "\x1f".join(fields.phones)
    return "vcard:sha1:" + hashlib.sha1(identity.encode("utf-8")).hexdigest()[:20]


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for value in values:
        folded = value.casefold()
        if folded not in seen:
            seen.add(folded)
            kept.append(value)
    return kept


def _links_first(links: list[str]) -> list[str]:
    """The LinkedIn profile first, as ContactRecord asks."""
    return sorted(links, key=lambda url: "linkedin.com/" not in url.lower())


_REV = re.compile(
    r"^(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2}):?(\d{2})?(?:[.,]\d+)?(Z|[+-]\d{2}:?\d{2})?)?$"
)


def revision(value: str) -> datetime | None:
    """A card's REV ("2025-03-04T10:00:00Z", "20250304T100000Z", "2025-03-04") as an aware
    time (UTC unless it says otherwise), or None when it is not one."""
    found = _REV.match(value.strip())
    if not found:
        return None
    y, mo, d, h, mi, s, zone = found.groups()
    offset = timedelta(0)
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    try:
        moment = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
    except ValueError:
        return None
    return moment.replace(tzinfo=timezone(offset)).astimezone(UTC)


_BDAY = re.compile(r"^(?:(\d{4})-?|--)(\d{2})-?(\d{2})(?:T.*)?$")
_NO_YEAR = frozenset({1604, 0})  # Apple and CardBook write year-less dates with year 1604


def birthday(value: str) -> str:
    """A vCard date as "YYYY-MM-DD" or "--MM-DD", or "" when it is not a date."""
    match = _BDAY.match(value.strip())
    if not match:
        return ""
    year = int(match.group(1)) if match.group(1) else None
    month, day = int(match.group(2)), int(match.group(3))
    try:
        date(2000 if year in _NO_YEAR or year is None else year, month, day)
    except ValueError:
        return ""
    if year is None or year in _NO_YEAR:
        return f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _iso_date(value: str) -> date | None:
    text = birthday(value)
    if not text or text.startswith("--"):
        return None
    return date.fromisoformat(text)
