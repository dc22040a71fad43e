"""Who a record is: the keys that identify a person, and deciding whether a record is
someone already known.

The rules (docs/importing.md, "Who is who"):
- A LinkedIn profile names one person: a record with the profile of someone known is them.
- An email address or a phone number names a person only when the names agree: a
  household's address or a team's inbox is held by several people, so a key held by
  someone differently named is a *shared* key, never a reason to merge on its own.
- A name is evidence when it is the same name (whatever the case, accents,
  transliteration, word order or a nickname) *and* something corroborates it: the same
  organization, or a work address at the person's organization. The same name alone, or a
  similar name, asks the user (review). The same name at a different organization is
  someone else, unless one source is older than the other (a job change, maybe: review).
Nothing here is guessed; nothing here reads a database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from kith.core.domains import OrgDomains
from kith.core.naming import Relation, _forms, name_key, nicknames_alike, relate
from kith.core.phones import phone_key

_DIGITS = re.compile(r"\d")
_COMMON_BLOCK = 400  # a blocking key shared by more people than this is no use
_LINKEDIN = re.compile(r"(?:^|\.)linkedin\.com$")
_PROFILE = re.compile(r"^/(in|pub)/([^/?#]+)")

__all__ = ["phone_key"]


def email_key(address: str) -> str:
    """An address as compared: trimmed and case-folded."""
    return address.strip().casefold()


def linkedin_key(url: str) -> str | None:
    """A LinkedIn profile URL's canonical form, "linkedin.com/in/<slug>", else None.

    Country hosts (uk.linkedin.com), http or https, query strings, trailing slashes,
    case and percent-encoding do not make a different profile."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    host = (parts.hostname or "").casefold()
    match = _PROFILE.match(parts.path)
    if not _LINKEDIN.search(host) or match is None:
        return None
    slug = unquote(match[2]).strip().casefold()
    return f"linkedin.com/{match[1]}/{slug}" if slug else None


@dataclass(frozen=True)
class Keys:
    """The exact keys one record (or person) carries."""

    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    linkedin: frozenset[str] = frozenset()

    def all(self) -> list[tuple[str, str]]:
        """(kind, key) pairs, in a stable order."""
        return [
            *(("email", k) for k in sorted(self.emails)),
            *(("phone", k) for k in sorted(self.phones)),
            *(("linkedin", k) for k in sorted(self.linkedin)),
        ]


def keys_of(
    emails: Iterable[str], phones: Iterable[str], links: Iterable[str], region: str | None = None
) -> Keys:
    """The normalised keys of a record's or a person's emails, phones and links."""
    return _keys(tuple(emails), tuple(phones), tuple(links), region)


@lru_cache(maxsize=1 << 15)
def _keys(
    emails: tuple[str, ...], phones: tuple[str, ...], links: tuple[str, ...], region: str | None
) -> Keys:
    # Cached: an import asks for one record's keys several times (matching, then learning).
    return Keys(
        frozenset(email_key(e) for e in emails if "@" in e),
        frozenset(k for p in phones if (k := phone_key(p, region))),
        frozenset(k for u in links if (k := linkedin_key(u))),
    )


class Verdict(StrEnum):
    """What to do with a record."""

    SAME = "same"  # someone known: merged into them (and undoable)
    REVIEW = "review"  # maybe someone known: kept apart, and the user asked
    NEW = "new"  # nobody known


@dataclass(frozen=True)
class Decision:
    """The verdict, the person it names (or the best candidate for review), why, and the
    people who share a key with the record but are someone else."""

    verdict: Verdict
    person_id: int | None = None
    score: float = 0.0
    reason: str = ""
    shared: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Known:
    """A person as matching sees them."""

    id: int
    names: frozenset[str]  # name keys: the display name's (see naming.name_keys), aliases'
    orgs: tuple[str, ...] = ()  # current organizations, as written
    domains: frozenset[str] = frozenset()  # the work domains of their addresses
    org_source: str = ""  # the source (format) their current organization came from
    past: tuple[str, ...] = ()  # organizations they were at: their domains corroborate too
    profiles: frozenset[str] = frozenset()  # LinkedIn profile keys

    @property
    def org_keys(self) -> frozenset[str]:
        return frozenset(name_key(o) for o in self.orgs)


@dataclass(frozen=True)
class Seen:
    """A record as matching sees it."""

    names: frozenset[str]  # name keys
    org: str = ""  # its organization, as written
    domains: frozenset[str] = frozenset()  # the work domains of its addresses
    source: str = ""  # the source (format) it comes from
    weak_name: bool = False
    profiles: frozenset[str] = (
        frozenset()
    )  # LinkedIn profile keys  # the name is only an address, a number or an organization


def decide(
    seen: Seen,
    by_profile: Known | None,
    by_email: Iterable[Known],
    near: Iterable[Known],
    orgs: OrgDomains | None = None,
    by_phone: Iterable[Known] = (),
) -> Decision:
    """Decide from the person holding the record's LinkedIn profile (`by_profile`), the people
    holding its emails (`by_email`) and phones (`by_phone`), and people with names close
    enough to compare (`near`, see `NameIndex.near`); `orgs` tells which organization a work
    domain is."""
    if by_profile is not None:
        return Decision(Verdict.SAME, by_profile.id, 100.0, "same LinkedIn profile")
    mailed = {k.id for k in by_email}
    holders = list({k.id: k for k in (*by_email, *by_phone)}.values())
    alike = [
        k for k in holders if seen.weak_name or holds_as_theirs(seen, k, first_name=k.id in mailed)
    ]
    shared = frozenset(k.id for k in holders) - {k.id for k in alike}
    if len(alike) == 1:
        return Decision(Verdict.SAME, alike[0].id, 100.0, "same email or phone, same name", shared)
    if alike:
        first = min(k.id for k in alike)
        reason = f"its email or phone belongs to {len(alike)} people"
        return Decision(Verdict.REVIEW, first, 100.0, reason, shared)
    if seen.weak_name:
        return Decision(Verdict.NEW, shared=shared)
    found = [
        d
        for k in near
        if k.id not in shared
        and (d := by_name(seen, k, orgs or OrgDomains())) is not None
        and d.verdict is not Verdict.NEW
    ]
    same = [d for d in found if d.verdict is Verdict.SAME]
    if len(same) == 1:
        return Decision(same[0].verdict, same[0].person_id, same[0].score, same[0].reason, shared)
    if same:
        best_same = max(same, key=lambda d: (d.score, -(d.person_id or 0)))
        reason = f"{len(same)} people of this name fit"
        return Decision(Verdict.REVIEW, best_same.person_id, best_same.score, reason, shared)
    if found:
        best = max(found, key=lambda d: (d.score, -(d.person_id or 0)))
        return Decision(Verdict.REVIEW, best.person_id, best.score, best.reason, shared)
    return Decision(Verdict.NEW, shared=shared)


def holds_as_theirs(seen: Seen, known: Known, first_name: bool = True) -> bool:
    """Whether a key the record shares with `known` names them: the same name does; a
    nickname or a part of the name does, and for an address (`first_name`) the same first
    name ("Ana Maria" and "Ana Ruiz"), unless they are at other organizations. A household's
    partners share a family name, not a first name (and their names a nickname list
    relates are at other jobs); an office's switchboard is held by colleagues."""
    relation = relate(seen.names, known.names)
    if relation is Relation.SAME:
        return True
    if relation is Relation.DIFFERENT and not (
        first_name and _first_names_alike(seen.names, known.names)
    ):
        return False
    return not (seen.org and known.orgs and name_key(seen.org) not in known.org_keys)


def _first_names_alike(a: frozenset[str], b: frozenset[str]) -> bool:
    firsts = {n.split()[0] for n in a if n}
    return any(nicknames_alike(f, n.split()[0]) for f in firsts for n in b if n)


def by_name(seen: Seen, known: Known, orgs: OrgDomains) -> Decision | None:
    """What a name alone says about one known person, or None when it says nothing."""
    relation = relate(seen.names, known.names)
    if relation is Relation.DIFFERENT or (
        seen.profiles and known.profiles and not seen.profiles & known.profiles
    ):
        return None  # names apart, or two LinkedIn profiles: two people
    agree = bool(seen.org) and name_key(seen.org) in known.org_keys
    works_there = _works_there(seen, known, orgs)
    conflict = bool(seen.org and known.orgs) and not agree
    score = _SCORES[relation]
    if conflict and seen.source and seen.source == known.org_source:
        return None  # one source, two organizations: two people of one name
    if relation >= Relation.NICKNAME or (relation is Relation.PART and _full_first(seen, known)):
        if agree:
            return Decision(Verdict.SAME, known.id, score, "same name, same organization")
        if works_there:
            return Decision(Verdict.SAME, known.id, score - 2, "same name, a work address there")
    if conflict and not works_there:
        if relation is Relation.SIMILAR:
            return None
        # Someone else, by the rule; `kith duplicates` still shows them, as a job change may.
        return Decision(
            Verdict.NEW, known.id, score - 15, "same name, another organization (a job change?)"
        )
    if agree or works_there:
        return Decision(Verdict.REVIEW, known.id, score - 5, "similar name, same organization")
    return Decision(Verdict.REVIEW, known.id, score - 10, "same name, nothing else in common")


def _works_there(seen: Seen, known: Known, orgs: OrgDomains) -> bool:
    """A work address of one side at the other side's organization."""
    if seen.domains & known.domains:
        return True
    if any(orgs.fits(d, o) for d in seen.domains for o in (*known.orgs, *known.past)):
        return True
    return bool(seen.org) and any(orgs.fits(d, seen.org) for d in known.domains)


_SCORES = {
    Relation.SAME: 95.0,
    Relation.NICKNAME: 90.0,
    Relation.PART: 85.0,
    Relation.SIMILAR: 75.0,
}


def _full_first(seen: Seen, known: Known) -> bool:
    """Both names start with the same whole first name (not an initial)."""
    firsts = {n.split()[0] for n in seen.names if n}
    return any(len(f) > 1 and any(k.split()[:1] == [f] for k in known.names) for f in firsts)


def blocking_keys(names: Iterable[str]) -> set[str]:
    """The keys a name is found by, so a record meets only people whose names could be its
    own and the work per record stays flat: its first name (in each of its formal forms)
    with each other word's first three letters, the first name's first three letters with
    each other word, its initial with each other word (J. Smith), and all its words in
    order; a name told apart by a number ("Desk 4") only by that number."""
    keys: set[str] = set()
    for name in names:
        words = name.split()
        if not words:
            continue
        keys.add(" ".join(sorted(words)))
        numbers = sorted(w for w in words if _DIGITS.search(w))
        if numbers:
            keys.add(f"#{' '.join(numbers)}|{words[0][:1]}")
            continue
        first, rest = words[0], words[1:]
        for given in _forms(first):
            for word in rest:
                keys.add(f"{given}|{word[:3]}")
                keys.add(f"{given[:3]}|{word}")
                keys.add(f"{given[0]}.|{word}")
    return keys


@dataclass
class NameIndex:
    """People by blocking keys of their names (see `blocking_keys`), so a record is
    compared only with the few people whose names could be its own."""

    people: dict[int, Known] = field(default_factory=dict)
    blocks: dict[str, set[int]] = field(default_factory=dict)

    def add(self, known: Known) -> None:
        self.remove(known.id)
        self.people[known.id] = known
        for key in blocking_keys(known.names):
            self.blocks.setdefault(key, set()).add(known.id)

    def remove(self, person_id: int) -> None:
        old = self.people.pop(person_id, None)
        if old is not None:
            for key in blocking_keys(old.names):
                self.blocks.get(key, set()).discard(person_id)

    def near(self, names: frozenset[str]) -> list[Known]:
        """People sharing a blocking key with a name of `names`."""
        ids: set[int] = set()
        for key in blocking_keys(names):
            group = self.blocks.get(key, set())
            if len(group) <= _COMMON_BLOCK:
                ids |= group
        return [self.people[i] for i in sorted(ids)]


def seen_as_record(known: Known) -> Seen:
    """A known person as a record of theirs would be seen (to compare two people)."""
    org = known.orgs[0] if known.orgs else ""
    return Seen(known.names, org, known.domains, known.org_source, profiles=known.profiles)


def likely_duplicates(
    people: Iterable[Known], orgs: OrgDomains | None = None
) -> list[tuple[Known, Known, float, str]]:
    """Pairs of people who may be one person (names alike, nothing that tells them apart),
    best first, each with why."""
    index = NameIndex()
    pairs: list[tuple[Known, Known, float, str]] = []
    for known in people:
        seen = seen_as_record(known)
        for other in index.near(known.names):
            found = by_name(seen, other, orgs or OrgDomains())
            if found is not None:
                pairs.append((other, known, found.score, found.reason))
        index.add(known)
    return sorted(pairs, key=lambda p: (-p[2], p[0].id, p[1].id))
