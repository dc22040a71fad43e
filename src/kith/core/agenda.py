"""The daily agenda (`kith today`): a short, explained, stable list of people to act on.

The store hands over small candidate sets (each found through an index); this module
ranks them, merges several reasons for one person into one entry, and proposes a
concrete next step for each. Priorities are plain numbers, so the order is the same
every time the same facts are seen: no random churn from day to day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from kith.core.circles import Circle
from kith.core.dates import humanize_age
from kith.core.followups import FollowUp
from kith.core.ledger import LedgerEntry

DEFAULT_LIMIT = 7
DATE_WINDOW_DAYS = 7
LIGHT_TIE = 5  # interactions: a dormant tie met at most this often counts as "met less often"


class Reason(StrEnum):
    """Why someone is on the agenda."""

    FOLLOW_UP = "follow_up"
    DATE = "date"
    THANKS = "thanks"
    DUE = "due"
    DORMANT = "dormant"
    SEARCH = "search"  # while a job search is on: an informational interview to prepare


# The short list keeps a mix: no source may crowd out keeping in touch with people.
SHOWN_AT_MOST = {Reason.FOLLOW_UP: 2, Reason.DATE: 1, Reason.THANKS: 1, Reason.DORMANT: 1}


@dataclass(frozen=True)
class Brief:
    """What the agenda needs to know about a person to suggest something to give."""

    id: int
    name: str
    needs: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()


@dataclass(frozen=True)
class DueTie:
    """Someone whose keep-in-touch cadence has come round."""

    person: Brief
    circle: Circle
    due: date
    last_contact: datetime | None
    missed: int


@dataclass(frozen=True)
class UpcomingDate:
    """A birthday, work anniversary or other yearly date within the window."""

    person: Brief
    label: str
    on: date
    years: int | None = None  # how many years it marks, when known


@dataclass(frozen=True)
class DormantTie:
    """A tie quiet for over a year that had a real history."""

    person: Brief
    last_contact: datetime
    interaction_count: int
    last_summary: str = ""
    changed: str = ""  # what changed since, e.g. "now Staff Engineer, Initech"


@dataclass(frozen=True)
class Thanks:
    """Help received that was not yet thanked or given back."""

    person: Brief
    entry: LedgerEntry


@dataclass
class AgendaFacts:
    """Every candidate for today's agenda, gathered by the store."""

    due: list[DueTie] = field(default_factory=list)
    followups: list[tuple[Brief, FollowUp]] = field(default_factory=list)
    dates: list[UpcomingDate] = field(default_factory=list)
    dormant: list[DormantTie] = field(default_factory=list)
    thanks: list[Thanks] = field(default_factory=list)
    my_offers: tuple[str, ...] = ()
    search: list[SearchAction] = field(default_factory=list)  # filled only in search mode


@dataclass(frozen=True)
class SearchAction:
    """An informational interview coming up while a search is on."""

    person: Brief
    about: str
    on: date
    questions: str = ""


@dataclass
class AgendaEntry:
    """One person on today's agenda: why, and what to do."""

    person_id: int
    person: str
    reason: Reason
    why: list[str]
    action: str
    priority: float
    reasons: list[Reason] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.reasons:
            self.reasons = [self.reason]


def build_agenda(
    facts: AgendaFacts, today: date, limit: int | None = DEFAULT_LIMIT
) -> list[AgendaEntry]:
    """Rank every candidate, one entry per person, best first; `limit=None` keeps all."""
    candidates = [
        *(_followup_entry(b, f, today) for b, f in facts.followups),
        *(_date_entry(d, today) for d in facts.dates),
        *(_thanks_entry(t, today) for t in facts.thanks),
        *(_due_entry(d, today, facts.my_offers) for d in facts.due),
        *(_dormant_entry(d, today, facts.my_offers) for d in facts.dormant),
        *(_search_entry(s, today) for s in facts.search),
    ]
    merged = _one_per_person(candidates)
    ranked = sorted(merged, key=lambda e: (-e.priority, e.person, e.person_id))
    return ranked if limit is None else _mixed(ranked, limit)


def _one_per_person(candidates: list[AgendaEntry]) -> list[AgendaEntry]:
    """Keep each person's most pressing entry and fold the other reasons into it."""
    best: dict[int, AgendaEntry] = {}
    # Ties broken on content, not input order, so the same facts always merge the same way.
    order = list(Reason)
    for entry in sorted(
        candidates, key=lambda e: (-e.priority, order.index(e.reason), e.why, e.action)
    ):
        kept = best.get(entry.person_id)
        if kept is None:
            best[entry.person_id] = entry
        else:
            kept.why.extend(w for w in entry.why if w not in kept.why)
            kept.reasons.extend(r for r in entry.reasons if r not in kept.reasons)
    return list(best.values())


def _mixed(ranked: list[AgendaEntry], limit: int) -> list[AgendaEntry]:
    """The top `limit`, each source first held to its cap (SHOWN_AT_MOST) so that keeping
    in touch always has room; slots still free then go to the held-back entries."""
    shown: dict[Reason, int] = {}
    first: list[AgendaEntry] = []
    held: list[AgendaEntry] = []
    for entry in ranked:
        shown[entry.reason] = shown.get(entry.reason, 0) + 1
        within = shown[entry.reason] <= SHOWN_AT_MOST.get(entry.reason, len(ranked))
        (first if within else held).append(entry)
    chosen = {id(e) for e in first[:limit] + held[: max(0, limit - len(first))]}
    return [e for e in ranked if id(e) in chosen]


def _followup_entry(person: Brief, item: FollowUp, today: date) -> AgendaEntry:
    late = (today - item.due).days
    when = "due today" if late == 0 else f"{late} day{'s' * (late != 1)} overdue"
    return AgendaEntry(
        person.id, person.name, Reason.FOLLOW_UP,
        [f"You promised to {_lower_first(item.what)} ({when})."],
        f"Do it now: {item.what.strip().rstrip('.')}.", 90 + min(late, 30) / 3,
    )  # fmt: skip


def _date_entry(upcoming: UpcomingDate, today: date) -> AgendaEntry:
    days = (upcoming.on - today).days
    when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
    n = upcoming.years
    marks = f" ({n} year{'s' * (n != 1)})" if n else ""
    return AgendaEntry(
        upcoming.person.id, upcoming.person.name, Reason.DATE,
        [f"{upcoming.label[:1].upper()}{upcoming.label[1:]}{marks} {when}, "
         f"{upcoming.on.isoformat()}."],
        f"Send a note for their {upcoming.label}.", 85 - 2 * days,
    )  # fmt: skip


def _search_entry(action: SearchAction, today: date) -> AgendaEntry:
    days = (action.on - today).days
    when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
    prepared = f" (prepared: {action.questions})" if action.questions else ""
    return AgendaEntry(
        action.person.id, action.person.name, Reason.SEARCH,
        [f"Informational interview about {action.about} {when}{prepared}."],
        "Prepare three questions and one thing you can offer them.", 88 - 2 * days,
    )  # fmt: skip


def _thanks_entry(thanks: Thanks, today: date) -> AgendaEntry:
    age = (today - thanks.entry.occurred_on).days
    when = humanize_age(thanks.entry.occurred_on, today)
    return AgendaEntry(
        thanks.person.id, thanks.person.name, Reason.THANKS,
        [f"Help from them {when}: “{thanks.entry.what}”; not yet thanked or given back."],
        "Thank them, and tell them what came of it.", 80 - min(age, 60) / 6,
    )  # fmt: skip


_CIRCLE_PRIORITY = {Circle.INNER: 70, Circle.CLOSE: 62, Circle.ACTIVE: 54, Circle.WIDER: 46}


def _due_entry(tie: DueTie, today: date, offers: tuple[str, ...]) -> AgendaEntry:
    last = (
        f"last contact {humanize_age(tie.last_contact.date(), today)}"
        if tie.last_contact
        else "no contact yet"
    )
    late = (today - tie.due).days
    when = "due today" if late == 0 else f"overdue by {late} day{'s' * (late != 1)}"
    why = [f"Keep-in-touch for your {tie.circle.value} circle is {when} ({last})."]
    if tie.missed >= 2:
        why.append(
            f"Missed {tie.missed} cadences: keep them {tie.circle.value}, or move them down."
        )
    action = suggest_give(tie.person, offers) if tie.last_contact else first_contact(tie.person)
    return AgendaEntry(
        tie.person.id, tie.person.name, Reason.DUE, why, action,
        _CIRCLE_PRIORITY.get(tie.circle, 40) + 3 * min(tie.missed, 2),  # stays below next circle
    )  # fmt: skip


def first_contact(person: Brief) -> str:
    """What to do with someone never contacted: a first message, not a "check in"."""
    if person.needs:
        need = person.needs[0]
        return f"Make first contact: say how you know each other, and offer help with “{need}”."
    return "Make first contact: say how you know each other and why you are writing now."


def _dormant_entry(tie: DormantTie, today: date, offers: tuple[str, ...]) -> AgendaEntry:
    why = [f"Quiet since {tie.last_contact.date().isoformat()} "
           f"({humanize_age(tie.last_contact.date(), today)}), after {tie.interaction_count} "
           "interactions: dormant ties often give the freshest advice."]  # fmt: skip
    if tie.last_summary:
        why.append(f"Last time you talked: {tie.last_summary}")
    if tie.changed:
        why.append(f"Since then: {tie.changed}.")
    action = (
        f"Reconnect: congratulate them ({tie.changed})."
        if tie.changed
        else suggest_give(tie.person, offers)
    )
    # Familiarity picks the wrong revivals: a changed situation and a lighter past tie
    # (met a handful of times) come first, not the old favourites.
    lighter = 3 if tie.interaction_count <= LIGHT_TIE else 0
    # Within a band, never by name: a tie quiet for less long is easier to revive, and more
    # history gives more to pick up (each term stays under one point, below the bands).
    quiet = (today - tie.last_contact.date()).days / 365
    depth = min(tie.interaction_count, 50) / 200
    priority = 40 + (6 if tie.changed else 0) + lighter + 0.7 / (1 + quiet) + depth
    return AgendaEntry(tie.person.id, tie.person.name, Reason.DORMANT, why, action, priority)


_WORD = re.compile(r"[a-z][a-z+#.-]{3,}")
# Words too general to say a need and an offer are about the same thing.
_STOPWORDS = frozenset(
    [
        "about",
        "with",
        "from",
        "into",
        "that",
        "this",
        "their",
        "them",
        "they",
        "have",
        "help",
        "looking",
        "need",
        "needs",
        "wants",
        "want",
        "someone",
        "good",
        "great",
        "people",
        "knows",
        "know",
        "more",
        "intro",
        "intros",
        "introduce",
        "introductions",
        "hiring",
        "find",
        "finding",
        "work",
        "working",
        "role",
        "roles",
        "team",
        "teams",
        "share",
        "advice",
        "happy",
        "able",
    ]
)


def suggest_give(person: Brief, my_offers: tuple[str, ...]) -> str:
    """A concrete thing to give: one of my offers that meets a need, else something to ask
    about or send, from their needs and interests."""
    for need in person.needs:
        for offer in my_offers:
            if _words(need) & _words(offer):
                return f"Offer what you can give: “{offer}” (their need: “{need}”)."
    if person.needs:
        return f"Ask how “{person.needs[0]}” is going, and think who you could introduce."
    if person.interests:
        return f"Send them something on {person.interests[0]}."
    return "Check in: ask what they are working on these days."


def _words(text: str) -> set[str]:
    """Content words, singular-ish ("designers" meets "designer")."""
    words = {w.rstrip(".") for w in _WORD.findall(text.lower())} - _STOPWORDS
    return {w[:-1] if len(w) > 4 and w.endswith("s") else w for w in words}


def _lower_first(text: str) -> str:
    """Lower the first letter to continue a sentence, but keep "I" and acronyms ("AWS")."""
    text = text.strip().rstrip(".")
    first = text.split(maxsplit=1)[0] if text else ""
    if first == "I" or (len(first) > 1 and first[:2].isupper()):
        return text
    return text[:1].lower() + text[1:]
