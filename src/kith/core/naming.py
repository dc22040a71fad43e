"""Names: keys to compare them by, how two names relate, cleaning what sources write, and
resolving a typed name to people (case-, accent- and typo-tolerant, never a guess).

The store narrows the candidates (an exact key is an index look-up); this
module decides which of them a typed name means.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import cache, lru_cache
from typing import Any

FUZZY_CUTOFF = 84.0  # token_sort_ratio: "Ana Ruis" ~ "Ana Ruiz" (88); "Ana" ~ "Anna Lee" stays out
SIMILAR = 88.0  # token_sort_ratio from which two names may be one person's
# Letters NFKD does not take apart; ß becomes "ss" by casefolding.
_FLAT = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        "đ": "d",
        "Đ": "D",
        "ħ": "h",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
    }
)
# The other way sources spell them: German and Nordic transliteration (ü as ue, ø as oe).
_TRANSLIT = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ø": "oe",
        "Ø": "Oe",
        "å": "aa",
        "Å": "Aa",
    }
)


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Casefolded, accent-free, single-spaced: the form names are compared in."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(_FLAT))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(bare.replace("-", " ").replace(".", " ").split())


@lru_cache(maxsize=1 << 16)
def name_keys(name: str) -> frozenset[str]:
    """Every key a name is known by: its key, and its key when its letters are transliterated
    ("Jürgen Müller" is also "juergen mueller"), so either spelling finds it."""
    composed = unicodedata.normalize("NFC", name)
    return frozenset({name_key(composed), name_key(composed.translate(_TRANSLIT))})


@dataclass(frozen=True)
class Candidate:
    """A person as name resolution sees them."""

    id: int
    key: str


@dataclass(frozen=True)
class Resolution:
    """The people a typed name fits at the best tier that fits anyone, and how."""

    ids: tuple[int, ...]
    how: str  # "exact", "words", "prefix", "fuzzy" or "none"

    @property
    def unique(self) -> int | None:
        return self.ids[0] if len(self.ids) == 1 else None


def resolve(query: str, candidates: Sequence[Candidate]) -> Resolution:
    """The candidates `query` fits: the exact name, else whole words ("ana" fits "Ana Ruiz"
    before "Anabel Ruiz"), else word prefixes, else a close typo."""
    key = name_key(query)
    if not key:
        return Resolution((), "none")
    exact = tuple(c.id for c in candidates if c.key == key)
    if exact:
        return Resolution(exact, "exact")
    words = key.split()
    for how, fits in (("words", _tokens_equal), ("prefix", _tokens_prefix)):
        found = tuple(c.id for c in candidates if fits(words, c.key.split()))
        if found:
            return Resolution(found, how)
    return Resolution(_fuzzy(key, candidates), "fuzzy")


def _tokens_equal(query: list[str], name: list[str]) -> bool:
    """Every query word is a distinct name word, in order ("ana ruiz" fits "ana maria ruiz")."""
    return _in_order(query, name, str.__eq__)


def _tokens_prefix(query: list[str], name: list[str]) -> bool:
    """Every query word starts a distinct name word, in order ("an r" fits "ana maria ruiz")."""
    return _in_order(query, name, str.startswith)


def _in_order(query: list[str], name: list[str], fits: Callable[[str, str], bool]) -> bool:
    position = 0
    for word in query:
        while position < len(name) and not fits(name[position], word):
            position += 1
        if position == len(name):
            return False
        position += 1
    return True


def _fuzzy(key: str, candidates: Sequence[Candidate]) -> tuple[int, ...]:
    from rapidfuzz import fuzz, process, utils  # only when exact and word matches failed

    choices = [c.key for c in candidates]
    hits = process.extract(
        key,
        choices,
        scorer=fuzz.token_sort_ratio,
        processor=utils.default_process,
        score_cutoff=FUZZY_CUTOFF,
        limit=None,  # every close name: a cap could hide some of the people it fits
    )
    return tuple(candidates[index].id for _, _, index in hits)


def suggestions(query: str, candidates: Sequence[Candidate], limit: int = 3) -> list[int]:
    """Loose matches to offer as "did you mean" when nothing fits."""
    from rapidfuzz import fuzz, process

    hits = process.extract(
        name_key(query),
        [c.key for c in candidates],
        scorer=fuzz.WRatio,
        score_cutoff=60,
        limit=limit,
    )
    return [candidates[index].id for _, _, index in hits]


# --- how two names relate ----------------------------------------------------------------


class Relation(IntEnum):
    """How alike two names are, weakest first."""

    DIFFERENT = 0
    SIMILAR = 1  # a typo apart ("Jon Smiht")
    PART = 2  # one name holds the other ("Sarah Kim" in "Sarah Kim-Lee"), or an initial
    NICKNAME = 3  # the same but for a nickname ("Bob Smith", "Robert Smith")
    SAME = 4  # the same name, whatever the case, accents, transliteration or word order


def relate(a: frozenset[str], b: frozenset[str]) -> Relation:
    """How the names with keys `a` and `b` (see `name_keys`) relate: the best of any pair."""
    if a & b:
        return Relation.SAME
    return max((_relate(x, y) for x in a for y in b), default=Relation.DIFFERENT)


@lru_cache(maxsize=1 << 18)
def _relate(a: str, b: str) -> Relation:
    left, right = a.split(), b.split()
    if not left or not right:
        return Relation.DIFFERENT
    if (_DIGIT.search(a) or _DIGIT.search(b)) and _numbered_apart(left, right):
        return Relation.DIFFERENT
    if sorted(left) == sorted(right):
        return Relation.SAME
    if len(left) == len(right) and left[1:] == right[1:] and nicknames_alike(left[0], right[0]):
        return Relation.NICKNAME
    if _part(left, right) or _part(right, left):
        return Relation.PART
    from rapidfuzz import fuzz

    if fuzz.token_sort_ratio(a, b, score_cutoff=SIMILAR):
        return Relation.SIMILAR
    return Relation.DIFFERENT


def _numbered_apart(left: list[str], right: list[str]) -> bool:
    """Names told apart by a number ("Ana Lima 2", "Ana Lima 3"; "Desk 4"): two entries."""
    numbers = {w for w in left if any(c.isdigit() for c in w)}
    others = {w for w in right if any(c.isdigit() for c in w)}
    return bool(numbers or others) and numbers != others


def _part(short: list[str], long: list[str]) -> bool:
    """The same first name (or a nickname of it, or its initial) and every other word of
    `short` in `long` ("sarah kim" in "sarah kim lee", "j smith" in "john smith")."""
    if len(short) < 2 or len(short) > len(long):
        return False
    initial = len(short[0]) == 1 and long[0].startswith(short[0])
    first = initial or nicknames_alike(short[0], long[0])
    return first and set(short[1:]) <= set(long[1:])


_DIGIT = re.compile(r"\d")
_AMBIGUOUS = 8  # a nickname of more names than this (Lena: 16) tells nothing


def nicknames_alike(a: str, b: str) -> bool:
    """True when one first name is a nickname of the other (Bob and Robert, Kate and
    Katherine), as the `nicknames` data set lists them; two nicknames of one name are not,
    nor a nickname of another first letter that stands for many names (Lena)."""
    if a == b:
        return True
    return any(
        formal_name in _forms(nick)
        and (nick[0] == formal_name[0] or len(_forms(nick)) <= _AMBIGUOUS + 1)
        for nick, formal_name in ((a, b), (b, a))
    )


@cache
def _forms(given: str) -> frozenset[str]:
    """A first name with every name it is a nickname of (from the `nicknames` data set)."""
    return frozenset({given, *_nicknamer().canonicals_of(given)})


def formal(a: str, b: str) -> bool:
    """True when first name `a` is the name first name `b` is a nickname of (Robert for Bob).
    The data set lists some pairs both ways (Michael and Mike): then the longer is formal."""
    if a == b or a not in _forms(b):
        return False
    return b not in _forms(a) or len(a) > len(b)


@cache
def _nicknamer() -> Any:
    from nicknames import NickNamer

    return NickNamer()


# --- what sources write -------------------------------------------------------------------

_PRONOUNS = re.compile(
    r"[\(\[]\s*((?:she|he|they|xe|ze|ey|it)\s*/\s*[a-z]+(?:\s*/\s*[a-z]+)?)\s*[\)\]]"
    r"|\b((?:she|he|they)\s*/\s*(?:her|him|them|hers|his|theirs))\s*$",
    re.IGNORECASE,
)
_CREDENTIALS = frozenset(
    [
        "phd",
        "ph.d",
        "mba",
        "cfa",
        "cpa",
        "pmp",
        "md",
        "m.d",
        "jd",
        "esq",
        "msc",
        "ms",
        "ma",
        "mfa",
        "bsc",
        "ba",
        "bs",
        "meng",
        "mph",
        "rn",
        "np",
        "pe",
        "cissp",
        "shrm-cp",
        "phr",
        "sphr",
        "acca",
        "cma",
        "frm",
        "caia",
        "dds",
        "dvm",
        "edd",
        "psyd",
        "llm",
        "mcp",
    ]
)
_TITLES = frozenset(
    ["dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx."]
)
_EXTRA_SYMBOLS = frozenset("\u200d\ufe0e\ufe0f\u20e3")
_SPACES = re.compile(r"\s+")
_NOT_A_NAME = re.compile(r"[@_\d]|\w\.\w")  # an address or a handle: left as written


@dataclass(frozen=True)
class CleanName:
    """A name as a source wrote it, taken apart: the name itself, and what decorated it."""

    name: str
    pronouns: str = ""  # "she/her"
    credentials: str = ""  # "PhD, MBA" or "Dr."


def clean_name(raw: str) -> CleanName:
    """A display name without what sources decorate it with: emoji and symbols, pronouns,
    credentials (", PhD") and titles ("Dr."); "Last, First" put in order; ALL CAPS (or all
    lower case) capitalised as names are (McDonald, O'Neil, van der Berg)."""
    text = "".join(c for c in raw if not _symbol(c))
    pronouns = ""
    if found := _PRONOUNS.search(text):
        pronouns = _SPACES.sub("", (found.group(1) or found.group(2))).lower()
        text = text[: found.start()] + " " + text[found.end() :]
    text = _SPACES.sub(" ", text).strip(" ,;|-–—·")
    text, credentials = _credentials(text)
    if "," in text:
        text = _last_first(text)
    if _one_case(text):
        text = _capitalised(text)
    return CleanName(text, pronouns, credentials)


def _symbol(c: str) -> bool:
    return (
        unicodedata.category(c) in ("So", "Cs", "Co", "Cc")
        or c in _EXTRA_SYMBOLS
        or (
            "\U0001f3fb" <= c <= "\U0001f3ff"  # skin tones
        )
    )


def _credentials(text: str) -> tuple[str, str]:
    """Credentials after commas at the end ("Jane Doe, MD, PhD") and titles at the start."""
    parts = [p.strip() for p in text.split(",")]
    found: list[str] = []
    while len(parts) > 1 and all(
        w.casefold().rstrip(".") in _CREDENTIALS | {"ph.d"} for w in parts[-1].split()
    ):
        found.insert(0, parts.pop())
    words = ", ".join(parts).split(" ")
    titles: list[str] = []
    while len(words) > 2 and words[0].casefold() in _TITLES:
        titles.append(words.pop(0))
    return " ".join(words), ", ".join([*titles, *found])


_COMPANY = frozenset(
    [
        "inc",
        "inc.",
        "llc",
        "ltd",
        "ltd.",
        "corp",
        "corp.",
        "co",
        "co.",
        "gmbh",
        "ag",
        "sa",
        "bv",
        "plc",
        "lp",
        "llp",
    ]
)


def _last_first(text: str) -> str:
    """ "Goldberg, Rachel" as "Rachel Goldberg"; other commas are left as they are."""
    family, _, given = text.partition(",")
    if "," in given or not family.strip() or not given.strip():
        return text
    if given.strip().casefold() in _COMPANY:
        return text
    if len(family.split()) > 3 or len(given.split()) > 3 or any(c.isdigit() for c in text):
        return text
    return f"{given.strip()} {family.strip()}"


def _one_case(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or _NOT_A_NAME.search(text):
        return False
    return all(c.isupper() for c in letters) or all(c.islower() for c in letters)


def _capitalised(text: str) -> str:
    from nameparser import HumanName

    name = HumanName(text)
    name.capitalize(force=True)
    shown = str(name)
    return shown if name_key(shown) == name_key(text) else text.title()
