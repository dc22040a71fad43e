"""Network health: depth vs breadth, circles against capacity, give/ask balance and rhythm.

Pure: the store fills `HealthFacts` (one row per person, monthly counts, ledger counts)
and `build_report` reads them at `now`. What each figure means, and the rule that flags
networking only in bursts, is written up in docs/health.md.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from math import ceil

from kith.core.circles import Circle, CircleRule
from kith.core.dates import add_months
from kith.core.search import WarmBefore
from kith.core.strength import strength_from_key

# Someone added or first met less than this long ago cannot be judged "met once" yet.
JUDGE_AFTER = timedelta(days=90)
TREND_QUARTERS = 12  # the met-once share at the end of each of the last 12 quarters
ACTIVITY_MONTHS = 36
# The burst rule (see `rhythm` and docs/health.md).
BUSY_SHARE = 2 / 3  # the busiest months that together hold two thirds of the activity …
BUSY_FRACTION = 1 / 4  # … are at most a quarter of the months since activity began …
QUIET_LEVEL = 1 / 4  # … and months below a quarter of the average month …
QUIET_STRETCH = 3  # … run at least three in a row.
MIN_SPAN_MONTHS = 12  # less history than this, or fewer interactions, cannot show a pattern
MIN_INTERACTIONS = 12
# Dormant ties: a real history (this many interactions) and over a year of silence.
DORMANT_AFTER = timedelta(days=365)
DORMANT_MIN_INTERACTIONS = 3
TOP_DORMANT = 10
TOP_ONLY_ASKED = 20


# --- what the store fills -----------------------------------------------------------------


@dataclass(frozen=True)
class PersonFacts:
    """One person (not archived) as the health report needs them."""

    id: int
    display_name: str
    circle: Circle
    added_at: datetime
    interaction_count: int = 0
    first_contact_at: datetime | None = None
    # The moment of the second interaction: until then the person was "met once". A second
    # contact before `trend_start(now)` may be given as that moment: the report only ever
    # compares it with moments from then on (which spares the store a scan of all history).
    second_contact_at: datetime | None = None
    last_contact_at: datetime | None = None
    strength_key: float = 0.0  # epoch-scaled, see core/strength.py
    due_on: date | None = None
    snoozed_until: date | None = None
    met_on: date | None = None  # when you met, e.g. a LinkedIn connection's "Connected On"


@dataclass(frozen=True)
class LedgerCounts:
    """How many ledger entries went each of the four ways (any status)."""

    i_gave: int = 0
    they_gave: int = 0
    i_asked: int = 0
    they_asked: int = 0

    def __add__(self, other: LedgerCounts) -> LedgerCounts:
        return LedgerCounts(
            self.i_gave + other.i_gave,
            self.they_gave + other.they_gave,
            self.i_asked + other.i_asked,
            self.they_asked + other.they_asked,
        )


@dataclass
class HealthFacts:
    """Everything `build_report` reads: people, interactions per month, ledger per person."""

    people: list[PersonFacts] = field(default_factory=list)
    # "YYYY-MM" (local months of `now`) -> interactions that month; absent months had none.
    monthly: dict[str, int] = field(default_factory=dict)
    ledger: dict[int, LedgerCounts] = field(default_factory=dict)  # by person id


def activity_months(now: datetime, count: int = ACTIVITY_MONTHS) -> list[tuple[str, datetime]]:
    """The last `count` months up to `now`'s, oldest first: ("YYYY-MM", local start), plus
    the start of next month as a closing bound (labelled ""), for the store to bucket by."""
    this_month = date(now.year, now.month, 1)
    starts = [add_months(this_month, offset) for offset in range(1 - count, 2)]
    bounds = [(f"{d.year:04d}-{d.month:02d}", _start_of(d, now)) for d in starts]
    bounds[-1] = ("", bounds[-1][1])
    return bounds


# --- the report -------------------------------------------------------------------------------


@dataclass
class MetOncePoint:
    """The business-card collector index at the end of one day."""

    on: date
    people: int  # people known for at least JUDGE_AFTER by then
    met_once: int  # of those, with at most one interaction by then
    share: float  # met_once / people, 0–1 (0 when nobody is known yet)


@dataclass
class Breadth:
    """Depth vs breadth: how many of the people you know you met once and never again."""

    people: int  # everyone not archived
    judged: int  # known (added or first met) at least JUDGE_AFTER ago
    met_once: int  # of the judged, one interaction or none
    never_contacted: int  # of those, none logged at all
    share: float  # met_once / judged, 0–1: the business-card collector index
    trend: list[MetOncePoint]  # end of each of the last quarters; the last point is today


@dataclass
class CircleHealth:
    """One circle: its size against its capacity, and how it is kept."""

    circle: Circle
    size: int
    capacity: int
    over_capacity: bool
    over_by: int
    overdue: int  # due before today and not snoozed
    median_days_since_contact: float | None  # None when nobody in it was ever contacted
    never_contacted: int


@dataclass
class AskOnlyTie:
    """Someone the user has asked of but never given to nor received from."""

    id: int
    display_name: str
    i_asked: int
    they_asked: int
    last_contact_at: datetime | None


@dataclass
class Balance:
    """Give/ask balance over the whole ledger."""

    i_gave: int
    they_gave: int
    i_asked: int
    they_asked: int
    gives_per_ask: float | None  # i_gave / i_asked; None before the first ask
    only_asked_total: int
    only_asked: list[AskOnlyTie]  # the first TOP_ONLY_ASKED, most asked first


@dataclass
class MonthActivity:
    """Interactions in one local month."""

    month: str  # "YYYY-MM"
    interactions: int
    burst: bool  # one of the busy months, when the rhythm is bursty


@dataclass
class Rhythm:
    """Activity per month over the last three years, and whether it comes only in bursts."""

    months: list[MonthActivity]
    total: int
    span_months: int  # from the first month with activity to this one
    active_months: int
    busy_months: int  # fewest months that hold BUSY_SHARE of the activity
    busy_share: float  # what those months hold, 0–1
    longest_quiet: int  # longest run of quiet months within the span
    enough_history: bool
    bursty: bool


@dataclass
class DormantTie:
    """A tie with a real history that has been quiet for over a year."""

    id: int
    display_name: str
    circle: Circle
    interaction_count: int
    first_contact_at: datetime | None
    last_contact_at: datetime
    days_quiet: int
    strength_then: float  # at the last contact, 0–100
    strength_now: float


@dataclass
class HealthReport:
    """The whole `kith health` report."""

    generated_at: datetime
    breadth: Breadth
    circles: list[CircleHealth]
    balance: Balance
    rhythm: Rhythm
    dormant_total: int
    dormant: list[DormantTie]  # the first TOP_DORMANT, richest history first
    before_search: WarmBefore | None = None  # while a job search is on (core/search.py)


def build_report(
    facts: HealthFacts, now: datetime, rules: dict[Circle, CircleRule]
) -> HealthReport:
    """The health report of a network at `now`."""
    dormant = dormant_ties(facts.people, now)
    return HealthReport(
        generated_at=now,
        breadth=breadth(facts.people, now),
        circles=circles(facts.people, now, rules),
        balance=balance(facts.people, facts.ledger),
        rhythm=rhythm(facts.monthly, now),
        dormant_total=len(dormant),
        dormant=dormant[:TOP_DORMANT],
    )


# --- depth vs breadth -------------------------------------------------------------------------


def breadth(people: Sequence[PersonFacts], now: datetime) -> Breadth:
    """The met-once share now and at the end of each of the last TREND_QUARTERS quarters."""
    days = trend_days(now.date())
    # In UTC, the zone the store's moments come in: comparing datetimes that share a
    # tzinfo skips the offset arithmetic, which counts at 100k people.
    cutoffs = [cutoff.astimezone(UTC) for cutoff in trend_cutoffs(now)]
    # A person counts from the first cutoff at which they are judged, and stops being
    # "met once" from the first cutoff their second contact precedes: two bisects per
    # person and a running sum, instead of people × points comparisons.
    judged_from = [0] * (len(cutoffs) + 1)
    deep_from = [0] * (len(cutoffs) + 1)
    for person in people:
        start = _first_at_or_after(cutoffs, _entered(person) + JUDGE_AFTER)
        judged_from[start] += 1
        second = _second_contact(person)
        if second is not None:
            deep_from[max(start, _first_at_or_after(cutoffs, second))] += 1
    judged = list(accumulate(judged_from))[: len(cutoffs)]
    deep = list(accumulate(deep_from))[: len(cutoffs)]
    trend = [
        MetOncePoint(day, n, n - d, _share(n - d, n))
        for day, n, d in zip(days, judged, deep, strict=True)
    ]
    latest = trend[-1]
    never = sum(1 for p in people if p.interaction_count == 0 and _entered(p) + JUDGE_AFTER <= now)
    return Breadth(len(people), latest.people, latest.met_once, never, latest.share, trend)


def trend_days(today: date, quarters: int = TREND_QUARTERS) -> list[date]:
    """The last day of each of the `quarters − 1` quarters before today's, then today."""
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    ends = [
        add_months(quarter_start, -3 * back) - timedelta(days=1) for back in range(quarters - 1)
    ]
    return [*reversed(ends), today]


def trend_cutoffs(now: datetime) -> list[datetime]:
    """The moments the trend is read at: the end of each of its days, and `now` last."""
    days = trend_days(now.date())
    return [_start_of(day + timedelta(days=1), now) for day in days[:-1]] + [now]


def trend_start(now: datetime) -> datetime:
    """The first moment the trend is read at: nothing earlier needs telling apart."""
    return trend_cutoffs(now)[0]


def _entered(person: PersonFacts) -> datetime:
    """When someone entered the network: added, first contacted, or met (a LinkedIn
    connection's "Connected On"), whichever came first: known since then."""
    moments = [person.added_at, person.first_contact_at]
    if person.met_on is not None:
        moments.append(datetime.combine(person.met_on, time(12), person.added_at.tzinfo))
    return min(m for m in moments if m is not None)


def _second_contact(person: PersonFacts) -> datetime | None:
    if person.second_contact_at is None and person.interaction_count >= 2:
        return person.first_contact_at  # two interactions at the very same moment
    return person.second_contact_at


def _first_at_or_after(cutoffs: Sequence[datetime], moment: datetime) -> int:
    """Index of the first cutoff at or after `moment` (len(cutoffs) if none)."""
    return bisect_left(cutoffs, moment)


# --- circles ----------------------------------------------------------------------------------


def circles(
    people: Sequence[PersonFacts], now: datetime, rules: dict[Circle, CircleRule]
) -> list[CircleHealth]:
    """Every circle, closest first: size against capacity, overdue, median silence."""
    by_circle: dict[Circle, list[PersonFacts]] = {circle: [] for circle in Circle}
    for person in people:
        by_circle[person.circle].append(person)
    return [_circle(circle, members, rules[circle], now) for circle, members in by_circle.items()]


def _circle(
    circle: Circle, members: list[PersonFacts], rule: CircleRule, now: datetime
) -> CircleHealth:
    today = now.date()
    silences = [_days_since(p.last_contact_at, now) for p in members if p.last_contact_at]
    size = len(members)
    return CircleHealth(
        circle=circle,
        size=size,
        capacity=rule.capacity,
        over_capacity=size > rule.capacity,
        over_by=max(size - rule.capacity, 0),
        overdue=sum(1 for p in members if is_overdue(p, today)),
        median_days_since_contact=median(silences),
        never_contacted=size - len(silences),
    )


def median(values: Sequence[int]) -> float | None:
    """The middle value (the mean of the two middle ones for an even count); None if empty.
    Not statistics.median: importing statistics costs more than every command can spare."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def is_overdue(person: PersonFacts, today: date) -> bool:
    """Due before today, and not snoozed past today (a snooze is the user saying "not now")."""
    if person.due_on is None or person.due_on >= today:
        return False
    return person.snoozed_until is None or person.snoozed_until <= today


# --- give / ask ------------------------------------------------------------------------------


def balance(people: Sequence[PersonFacts], ledger: dict[int, LedgerCounts]) -> Balance:
    """The four directions added up, and the people the user has only ever asked of."""
    known = {p.id: p for p in people}
    total = sum((counts for pid, counts in ledger.items() if pid in known), LedgerCounts())
    only = sorted(
        (
            AskOnlyTie(
                pid, known[pid].display_name, c.i_asked, c.they_asked, known[pid].last_contact_at
            )
            for pid, c in ledger.items()
            if pid in known and c.i_asked >= 1 and c.i_gave == 0 and c.they_gave == 0
        ),
        key=lambda tie: (-tie.i_asked, tie.display_name.casefold(), tie.id),
    )
    return Balance(
        i_gave=total.i_gave,
        they_gave=total.they_gave,
        i_asked=total.i_asked,
        they_asked=total.they_asked,
        gives_per_ask=round(total.i_gave / total.i_asked, 2) if total.i_asked else None,
        only_asked_total=len(only),
        only_asked=only[:TOP_ONLY_ASKED],
    )


# --- rhythm -----------------------------------------------------------------------------------


def rhythm(monthly: dict[str, int], now: datetime) -> Rhythm:
    """Activity per month over ACTIVITY_MONTHS, and the burst rule.

    Counting from the first month with activity (the span), the rhythm is bursty when
    the busiest months that together hold BUSY_SHARE of the interactions are at most
    BUSY_FRACTION of the span, and somewhere in the span QUIET_STRETCH or more months in
    a row each had less than QUIET_LEVEL of the average month. A span shorter than
    MIN_SPAN_MONTHS, or fewer than MIN_INTERACTIONS interactions, is too little to judge.
    """
    labels = [label for label, _ in activity_months(now)[:-1]]
    counts = [monthly.get(label, 0) for label in labels]
    first = next((i for i, count in enumerate(counts) if count), len(counts))
    span = counts[first:]
    total = sum(span)
    busy = busiest(span, BUSY_SHARE)
    quiet = longest_quiet(span)
    enough = len(span) >= MIN_SPAN_MONTHS and total >= MIN_INTERACTIONS
    bursty = enough and len(busy) <= BUSY_FRACTION * len(span) and quiet >= QUIET_STRETCH
    bursts = {first + i for i in busy} if bursty else set()
    return Rhythm(
        months=[
            MonthActivity(label, count, i in bursts)
            for i, (label, count) in enumerate(zip(labels, counts, strict=True))
        ],
        total=total,
        span_months=len(span),
        active_months=sum(1 for count in span if count),
        busy_months=len(busy),
        busy_share=_share(sum(span[i] for i in busy), total),
        longest_quiet=quiet,
        enough_history=enough,
        bursty=bursty,
    )


def busiest(counts: Sequence[int], share: float) -> list[int]:
    """Indexes of the fewest months that together hold at least `share` of the total,
    busiest first (earlier first among equals)."""
    total = sum(counts)
    needed = ceil(share * total - 1e-9)  # 2/3 of 9 is 6, not 6.000000000000001
    chosen: list[int] = []
    held = 0
    for index in sorted(range(len(counts)), key=lambda i: (-counts[i], i)):
        if held >= needed:
            break
        chosen.append(index)
        held += counts[index]
    return chosen


def longest_quiet(counts: Sequence[int]) -> int:
    """The longest run of months below QUIET_LEVEL of the average month."""
    if not counts:
        return 0
    level = QUIET_LEVEL * sum(counts) / len(counts)
    return _longest_run(count < level for count in counts)


def _longest_run(flags: Iterable[bool]) -> int:
    longest = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        longest = max(longest, run)
    return longest


# --- dormant ties -----------------------------------------------------------------------------


def dormant_ties(people: Sequence[PersonFacts], now: datetime) -> list[DormantTie]:
    """Ties with at least DORMANT_MIN_INTERACTIONS interactions and none for DORMANT_AFTER:
    the richest history first (interactions, then strength at the last contact)."""
    found = [
        DormantTie(
            id=p.id,
            display_name=p.display_name,
            circle=p.circle,
            interaction_count=p.interaction_count,
            first_contact_at=p.first_contact_at,
            last_contact_at=p.last_contact_at,
            days_quiet=_days_since(p.last_contact_at, now),
            strength_then=round(strength_from_key(p.strength_key, p.last_contact_at), 1),
            strength_now=round(strength_from_key(p.strength_key, now), 1),
        )
        for p in people
        if p.last_contact_at is not None
        and now - p.last_contact_at > DORMANT_AFTER
        and p.interaction_count >= DORMANT_MIN_INTERACTIONS
    ]
    found.sort(key=lambda t: (-t.interaction_count, -t.strength_then, t.display_name, t.id))
    return found


# --- helpers ----------------------------------------------------------------------------------


def _start_of(day: date, now: datetime) -> datetime:
    """Midnight at the start of `day` in `now`'s time zone."""
    return datetime.combine(day, time(), now.tzinfo)


def _days_since(moment: datetime, now: datetime) -> int:
    """Whole calendar days from `moment` to `now`, both read in `now`'s time zone."""
    return (now.date() - moment.astimezone(now.tzinfo).date()).days


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
