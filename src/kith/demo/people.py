"""The demo people: names, careers, contact details, how the user met them, dates, tags."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from random import Random

from kith.core.people import HowWeMet, ImportantDate, Organization, Person
from kith.demo.common import as_utc, pick
from kith.demo.plans import CLOSE_TIERS, Plan, Span, plan_for
from kith.demo.vocabulary import (
    CONFERENCES,
    COUNTRY,
    GENERAL_NEEDS,
    GENERAL_OFFERS,
    HUB_CITIES,
    INTERESTS,
    MEETUPS,
    NEEDS,
    NEUTRAL,
    NOTES,
    OFFERS,
    ORG_CUM,
    ORGS,
    PROJECTS,
    REGION_CUM,
    REGIONS,
    SUBJECTS,
    TITLES,
    TRACK_CUM,
    TRACKS,
    UNIVERSITIES,
    US_AREA,
    VC_ORGS,
    Region,
)


def generate_people(count: int, seed: int, now: datetime) -> list[Person]:
    """`count` fictional people with ids 1..count, careers, how-we-met and personal details."""
    now = as_utc(now)
    rng = Random(f"{seed}:people")
    state = _PeopleState(now.date())
    return [_person(rng, state, pid, plan_for(seed, pid), now) for pid in range(1, count + 1)]


class _PeopleState:
    """What generating a person needs to know about earlier ones: names, emails, introducers."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.names: set[str] = set()
        self.emails: set[str] = set()
        self.introducers: list[tuple[int, int]] = []  # (id, met_day) of people in closer tiers

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)


def _person(rng: Random, state: _PeopleState, pid: int, plan: Plan, now: datetime) -> Person:
    region = REGIONS[rng.choices(range(len(REGIONS)), cum_weights=REGION_CUM)[0]]
    given, family = _unique_name(rng, state, region)
    track = rng.choices(TRACKS, cum_weights=TRACK_CUM)[0]
    orgs = _orgs(rng, state, plan.spans, track)
    city = _city(rng, region)
    person = Person(
        display_name=f"{given} {family}",
        id=pid,
        given_name=given,
        family_name=family,
        emails=_emails(rng, state, given, family, orgs),
        phones=_phones(rng, city, plan.tier),
        links=_links(rng, given, family),
        orgs=orgs,
        location=_location(city),
        met=_how_we_met(rng, state, plan, orgs, city),
        interests=rng.sample(INTERESTS, rng.randint(2, 4)),
        needs=_facets(rng, GENERAL_NEEDS, NEEDS[track], (40, 80, 100)),
        offers=_facets(rng, GENERAL_OFFERS, OFFERS[track], (35, 80, 100)),
        dates=_important_dates(rng, plan, state.today.year),
        notes=pick(rng, NOTES) if rng.random() < _NOTE_CHANCE[plan.tier] else "",
        created_at=now,
    )
    person.tags = _tags(rng, plan, track, person)
    if plan.tier != "tail":
        state.introducers.append((pid, plan.met_day))
    return person


_NOTE_CHANCE = {"inner": 0.8, "close": 0.6, "active": 0.35, "wider": 0.2, "dormant": 0.4}
_NOTE_CHANCE["tail"] = 0.08


def _unique_name(rng: Random, state: _PeopleState, region: Region) -> tuple[str, str]:
    """A name from one region (sometimes mixed); retries keep duplicates rare at small counts."""
    # Past a few thousand people the name combinations run out; duplicates are fine then.
    for _ in range(12 if len(state.names) < 3000 else 1):
        pool = region.female if rng.random() < 0.48 else region.male
        given = pick(rng, NEUTRAL if rng.random() < 0.04 else pool)
        family_region = pick(rng, REGIONS) if rng.random() < 0.08 else region
        family = pick(rng, family_region.family)
        if f"{given} {family}" not in state.names:
            break
    state.names.add(f"{given} {family}")
    return given, family


def _orgs(
    rng: Random, state: _PeopleState, spans: tuple[Span, ...], track: str
) -> list[Organization]:
    """Positions newest first; titles rise with years of career, some promotions stay in-house."""
    pool = VC_ORGS if track == "venture" and rng.random() < 0.5 else ORGS
    career_start = spans[-1][0] if spans else 0
    bump = pick(rng, (0, 0, 1, 1, 2))
    orgs: list[Organization] = []
    org = pick_org(rng, pool)
    for start, end in spans:
        level = min(4, (career_start - start) * 2 // (7 * 365) + bump)
        title = pick(rng, TITLES[track][level])
        orgs.append(Organization(org, title, state.day(start), None if end < 0 else state.day(end)))
        if rng.random() < 0.8:
            org = pick_org(rng, pool, avoid=org)
    return orgs


def pick_org(rng: Random, pool: tuple[str, ...], avoid: str = "") -> str:
    name = avoid
    while name == avoid:
        name = rng.choices(pool, cum_weights=ORG_CUM[: len(pool)])[0]
    return name


def _city(rng: Random, region: Region) -> str:
    return pick(rng, region.cities) if rng.random() < 0.6 else pick(rng, HUB_CITIES)


def _location(city: str) -> str:
    country = COUNTRY.get(city, "")
    return f"{city}, {country}" if country else city


def _emails(
    rng: Random, state: _PeopleState, given: str, family: str, orgs: list[Organization]
) -> list[str]:
    """Work address at the current employer and/or a personal one; unique across people."""
    first, last = _ascii(given), _ascii(family)
    emails = []
    current = [o for o in orgs if o.current]
    if current and rng.random() < 0.7:
        local = pick(rng, (f"{first}.{last}", f"{first}.{last}", f"{first[0]}{last}", first))
        emails.append(_unique_email(state, local, _DOMAIN[current[0].name]))
    if not emails or rng.random() < 0.5:
        local = pick(
            rng, (f"{first}.{last}", f"{first}{last}", f"{first}.{last}{rng.randint(70, 99)}")
        )
        emails.append(_unique_email(state, local, pick(rng, _PERSONAL_DOMAINS)))
    return emails if rng.random() < 0.92 else []


# Reserved example domains: demo addresses must never reach a real mailbox.
_PERSONAL_DOMAINS = ("example.com", "example.org", "example.net")


def _unique_email(state: _PeopleState, local: str, domain: str) -> str:
    email, n = f"{local}@{domain}", 1
    while email in state.emails:
        n += 1
        email = f"{local}{n}@{domain}"
    state.emails.add(email)
    return email


def _ascii(text: str) -> str:
    """Lowercase ASCII letters and digits only: for email local parts and URL slugs."""
    text = text.translate(str.maketrans("øØłŁđĐıßæœ", "oOlLdDisae"))
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in bare.lower() if c.isalnum())


_DOMAIN = {o: _ascii(o.replace("&", "and")) + ".com" for o in ORGS + VC_ORGS}


_PHONE_CHANCE = {"inner": 0.95, "close": 0.85, "active": 0.55, "wider": 0.3, "dormant": 0.6}
_PHONE_CHANCE["tail"] = 0.12


def _phones(rng: Random, city: str, tier: str) -> list[str]:
    """E.164 numbers from ranges reserved for fiction, local to the city where one exists."""
    if rng.random() >= _PHONE_CHANCE[tier]:
        return []
    if city in US_AREA:
        return [f"+1{US_AREA[city]}55501{rng.randint(0, 99):02d}"]
    if city == "London":
        return [f"+442079460{rng.randint(0, 999):03d}"]
    if COUNTRY.get(city) == "Australia":
        return [f"+61491570{rng.randint(110, 159):03d}"]
    if rng.random() < 0.3:  # expats keep their old number
        return [f"+447700900{rng.randint(0, 999):03d}"]
    return []


def _links(rng: Random, given: str, family: str) -> list[str]:
    if rng.random() >= 0.65:
        return []
    slug = f"{_ascii(given)}-{_ascii(family)}"
    if rng.random() < 0.6:
        slug += f"-{rng.getrandbits(28):07x}"
    return [f"https://www.linkedin.com/in/{slug}"]


def _facets(
    rng: Random, general: tuple[str, ...], specific: tuple[str, ...], cum: tuple[int, ...]
) -> list[str]:
    """0-2 needs or offers, mostly from the person's own line of work."""
    count = rng.choices((0, 1, 2), cum_weights=cum)[0]
    picks = {pick(rng, specific if rng.random() < 0.65 else general) for _ in range(count)}
    return sorted(picks)


def _how_we_met(
    rng: Random,
    state: _PeopleState,
    plan: Plan,
    orgs: list[Organization],
    city: str,
) -> HowWeMet:
    """When, where and in what context; ~5% of people have nothing recorded."""
    if rng.random() < 0.05:
        return HowWeMet()
    when = state.day(plan.met_day)
    style = plan.style
    if style == "intro":
        introducer = _introducer(rng, state, plan.met_day)
        topic = pick(rng, INTERESTS)
        if introducer is not None:
            context = f"Introduced because we both care about {topic}"
            return HowWeMet(when, "Introduction", context, introducer)
        return HowWeMet(
            when, "Mutual friends", f"Kept bumping into each other; bonded over {topic}"
        )
    where, context = _met_where(rng, style, when, orgs, city)
    return HowWeMet(when, where, context)


def _met_where(
    rng: Random, style: str, when: date, orgs: list[Organization], city: str
) -> tuple[str, str]:
    topic = pick(rng, INTERESTS)
    if style == "colleague":
        org = next((o for o in orgs if o.start and o.start <= when), orgs[-1])
        return f"{org.name} (colleagues)", f"Worked together on {pick(rng, PROJECTS)}"
    if style == "university":
        context = pick(rng, ("Studied {} together", "Shared a flat; both studied {}"))
        return pick(rng, UNIVERSITIES), context.format(pick(rng, SUBJECTS))
    if style == "conference":
        where = f"{pick(rng, CONFERENCES)} {when.year}"
        return where, pick(
            rng, ("Chatted after a talk on {}", "Same table at lunch; talked {}")
        ).format(topic)
    if style == "meetup":
        return pick(rng, MEETUPS), f"Talked about {topic} after the lightning talks"
    if style == "linkedin":
        return "LinkedIn", f"Reached out after reading a post of mine on {topic}"
    if style == "neighbour":
        return f"Neighbours in {city}", "Dog walks turned into career chats"
    return "A friend's party", f"Friend of a friend; talked {topic} until late"


def _introducer(rng: Random, state: _PeopleState, met_day: int) -> int | None:
    """Someone earlier in a closer tier whom the user already knew at the time."""
    for _ in range(6):
        if not state.introducers:
            return None
        pid, their_met = pick(rng, state.introducers)
        if their_met > met_day + 30:
            return pid
    return None


_BIRTHDAY_CHANCE = {"inner": 0.9, "close": 0.75, "active": 0.5, "wider": 0.4, "dormant": 0.5}
_BIRTHDAY_CHANCE["tail"] = 0.33
_OTHER_DATES = ("wedding anniversary", "daughter's birthday", "son's birthday", "name day")


def _important_dates(rng: Random, plan: Plan, this_year: int) -> list[ImportantDate]:
    dates = []
    if rng.random() < _BIRTHDAY_CHANCE[plan.tier]:
        career_years = plan.spans[-1][0] // 365 if plan.spans else rng.randint(2, 20)
        born = this_year - career_years - rng.randint(21, 26)  # first job after studies
        year = None if rng.random() < 0.3 else born
        dates.append(_annual(rng, "birthday", year))
    if plan.tier in CLOSE_TIERS and rng.random() < 0.3:
        dates.append(_annual(rng, pick(rng, _OTHER_DATES), None))
    return dates


def _annual(rng: Random, label: str, year: int | None) -> ImportantDate:
    month = rng.randint(1, 12)
    last_day = 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
    return ImportantDate(label, month, rng.randint(1, last_day), year)


_TAGS_BY_STYLE = {
    "colleague": "former-colleague",
    "university": "university",
    "conference": "conference",
    "neighbour": "neighbour",
}


def _tags(rng: Random, plan: Plan, track: str, person: Person) -> list[str]:
    tags = set()
    if plan.style in _TAGS_BY_STYLE and person.met.where:
        tags.add(_TAGS_BY_STYLE[plan.style])
    if track in ("recruiting", "venture"):
        tags.add("recruiter" if track == "recruiting" else "investor")
    if plan.tier in ("inner", "close", "active") and rng.random() < 0.25:
        tags.add("mentor")
    if plan.tier == "inner" and rng.random() < 0.6:
        tags.add("friend")
    if any("ounder" in o.title for o in person.orgs):
        tags.add("founder")
    return sorted(tags)
