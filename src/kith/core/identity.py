"""Who a record is: the keys that identify a person, and deciding whether a record is
someone already known.

Exact keys (an email, a phone number in E.164, a LinkedIn profile) name one person: a
record sharing one with exactly one person is that person. A similar name is never
enough: when the name is close and the organizations agree (or one is missing) the
record goes to the review queue, and the user decides. Nothing here is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import unquote, urlsplit

from kith.core.naming import name_key

SIMILAR = 88.0  # rapidfuzz token-sort ratio from which two names may be one person
_COMMON_TOKEN = 400  # a name word shared by more people than this is no use for blocking
_LINKEDIN = re.compile(r"(?:^|\.)linkedin\.com$")
_PROFILE = re.compile(r"^/(in|pub)/([^/?#]+)")


def email_key(address: str) -> str:
    """An address as compared: trimmed and case-folded."""
    return address.strip().casefold()


def phone_key(number: str, region: str | None = None) -> str | None:
    """A phone number in E.164, or None when it cannot be read as a valid number."""
    import phonenumbers

    digits = re.sub(r"[^\d+]", "", number)
    if len(digits.lstrip("+")) < 6:
        return None
    try:
        parsed = phonenumbers.parse(number, region.upper() if region else None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


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
    return Keys(
        frozenset(email_key(e) for e in emails if "@" in e),
        frozenset(k for p in phones if (k := phone_key(p, region))),
        frozenset(k for u in links if (k := linkedin_key(u))),
    )


class Verdict(StrEnum):
    """What to do with a record."""

    SAME = "same"  # an exact key names one known person
    REVIEW = "review"  # maybe someone known: the user decides
    NEW = "new"  # nobody known


@dataclass(frozen=True)
class Decision:
    """The verdict, the person it names (or the best candidate for review), and why."""

    verdict: Verdict
    person_id: int | None = None
    score: float = 0.0
    reason: str = ""


@dataclass(frozen=True)
class Known:
    """A person as matching sees them: name key and organization keys."""

    id: int
    name: str  # name_key
    orgs: tuple[str, ...] = ()  # name_key of each organization


def decide(exact: set[int], name: str, org: str, similar: Iterable[Known]) -> Decision:
    """Decide from the people the record's exact keys found (`exact`) and the people whose
    names are close enough to compare (`similar`, see `NameIndex.near`)."""
    if len(exact) == 1:
        return Decision(Verdict.SAME, next(iter(exact)), 100.0, "same email, phone or profile")
    if exact:
        best = min(exact)
        return Decision(
            Verdict.REVIEW, best, 100.0, f"its keys belong to {len(exact)} different people"
        )
    scored = [(name_score(name, k.name), k) for k in similar]
    org_key = name_key(org)
    fits = [
        (score, k)
        for score, k in scored
        if score >= SIMILAR and (not org_key or not k.orgs or org_key in k.orgs)
    ]
    if not fits:
        return Decision(Verdict.NEW)
    score, best_known = max(fits, key=lambda pair: (pair[0], -pair[1].id))
    same_org = bool(org_key and org_key in best_known.orgs)
    reason = "similar name" + (", same organization" if same_org else ", organization unknown")
    return Decision(Verdict.REVIEW, best_known.id, round(score, 1), reason)


def name_score(a: str, b: str) -> float:
    """How alike two names are, 0-100, word order and case and accents aside."""
    from rapidfuzz import fuzz

    return float(fuzz.token_sort_ratio(name_key(a), name_key(b)))


@dataclass
class NameIndex:
    """People by the words of their names, so a record is compared only with people who
    share a name word with it (linear work per record, not the whole network)."""

    people: dict[int, Known] = field(default_factory=dict)
    words: dict[str, set[int]] = field(default_factory=dict)

    def add(self, known: Known) -> None:
        self.remove(known.id)
        self.people[known.id] = known
        for word in set(known.name.split()):
            self.words.setdefault(word, set()).add(known.id)

    def remove(self, person_id: int) -> None:
        old = self.people.pop(person_id, None)
        if old is not None:
            for word in set(old.name.split()):
                self.words.get(word, set()).discard(person_id)

    def near(self, name: str) -> list[Known]:
        """People sharing a not-too-common name word with `name`."""
        groups = [self.words.get(w, set()) for w in set(name_key(name).split())]
        usable = [g for g in groups if 0 < len(g) <= _COMMON_TOKEN]
        if not usable and groups and all(groups):
            usable = [set.intersection(*groups)]  # only common words: all of them must match
        ids = set().union(*usable) if usable else set()
        return [self.people[i] for i in sorted(ids)]


def likely_duplicates(people: Iterable[Known]) -> list[tuple[Known, Known, float]]:
    """Pairs of people who may be one person (similar names, organizations not in
    conflict), best first."""
    index = NameIndex()
    pairs: list[tuple[Known, Known, float]] = []
    for known in people:
        for other in index.near(known.name):
            score = name_score(known.name, other.name)
            conflict = known.orgs and other.orgs and not set(known.orgs) & set(other.orgs)
            if score >= SIMILAR and not conflict:
                pairs.append((other, known, round(score, 1)))
        index.add(known)
    return sorted(pairs, key=lambda p: (-p[2], p[0].id, p[1].id))
