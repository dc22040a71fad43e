"""A ground-truth network for identity resolution: one set of real people, written as the
five sources a job seeker imports (LinkedIn export, Google Contacts CSV, a phone's vCards,
a calendar, a Gmail mailbox), with the noise real exports have. `generate` writes the
files and returns the truth; `measure` compares what Kith made of them with it.

The noise, each with its share set below:
- LinkedIn names decorated (emoji, pronouns, credentials, ALL CAPS); profile URLs with
  and without a trailing slash; few emails (members hide them).
- address books: nicknames (Bob for Robert), dropped accents and transliterations
  (Juergen Mueller), "Last, First" display names, stale employers and maiden names (an
  address book is older than LinkedIn), national and international phone forms, a
  household's shared address and phone, a team's shared address;
- two different people with one common name at different companies;
- mail: RFC 2047 names, "Last, First" display names, Gmail thread ids, people whose
  work address is the only link between their mail and their LinkedIn connection;
- people only ever met in mail or in meetings.
Deterministic for a seed; nobody in it is a real person.
"""

from __future__ import annotations

import csv
import io
import os
import random
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.header import Header
from email.utils import format_datetime, formataddr
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ME_NAME = "Sam Rivera"
ME_EMAIL = "sam.rivera@gmail.com"
ME_PHONE = "+1 415 555 0100"
LINKEDIN_DATE = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # the export's own time
GOOGLE_DATE = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)  # an old Google Contacts export
PHONE_DATE = datetime(2026, 10, 15, 12, 0, tzinfo=UTC)  # the phone's export (cards carry REV)
MAIL_DATE = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)

# (given, nickname) — the nicknames people really go by in address books
GIVEN_NICK = [
    ("Robert", "Bob"),
    ("Katherine", "Kate"),
    ("Elizabeth", "Liz"),
    ("William", "Bill"),
    ("James", "Jim"),
    ("Michael", "Mike"),
    ("Jennifer", "Jen"),
    ("Christopher", "Chris"),
    ("Thomas", "Tom"),
    ("Daniel", "Dan"),
    ("Alexander", "Alex"),
    ("Nicholas", "Nick"),
    ("Patricia", "Pat"),
    ("Jonathan", "Jon"),
    ("Samantha", "Sam"),
    ("Benjamin", "Ben"),
    ("Rebecca", "Becky"),
    ("Andrew", "Andy"),
    ("Steven", "Steve"),
    ("Joseph", "Joe"),
    ("Matthew", "Matt"),
    ("Anthony", "Tony"),
    ("Susan", "Sue"),
    ("Margaret", "Maggie"),
]
GIVEN_PLAIN = [
    "Linh",
    "Wei",
    "Olivia",
    "Rachel",
    "Anna",
    "Elena",
    "Marcus",
    "Lena",
    "Priya",
    "Aisha",
    "Kenji",
    "Fatima",
    "Omar",
    "Sofia",
    "Mateo",
    "Ingrid",
    "Lars",
    "Yuki",
    "Hana",
    "Noah",
    "Emma",
    "Liam",
    "Chloe",
    "Ethan",
    "Maya",
    "Arjun",
    "Zara",
    "Leo",
    "Nina",
    "Ravi",
    "Isla",
    "Felix",
    "Ada",
    "Hugo",
    "Mei",
    "Tariq",
    "Grace",
    "Oscar",
    "Ruth",
    "Ivan",
]
FAMILY = [
    "Smith",
    "Brown",
    "Johnson",
    "Garcia",
    "Patel",
    "Goldberg",
    "Kowalski",
    "Petrova",
    "Fischer",
    "Green",
    "Taylor",
    "Nguyen",
    "Kim",
    "Chen",
    "Li",
    "Okafor",
    "Haddad",
    "Larsen",
    "Moreau",
    "Rossi",
    "Silva",
    "Tanaka",
    "Cohen",
    "Walker",
    "Reyes",
    "Shah",
    "Novak",
    "Schmidt",
    "Murphy",
    "Kaplan",
    "Ito",
    "Mendes",
    "Bauer",
    "Hughes",
    "Ward",
    "Foster",
    "Price",
    "Bennett",
    "Lindqvist",
    "Adeyemi",
]
# Written with accents or letters beyond ASCII; address books often flatten them.
ACCENTED = [
    ("José", "Álvarez", "Jose", "Alvarez"),
    ("Jürgen", "Müller", "Juergen", "Mueller"),
    ("Søren", "Østergaard", "Soren", "Ostergaard"),
    ("Łukasz", "Wójcik", "Lukasz", "Wojcik"),
    ("François", "Dupont", "Francois", "Dupont"),
    ("Renée", "Côté", "Renee", "Cote"),
    ("Björn", "Åström", "Bjorn", "Astrom"),
    ("Zoë", "Lefèvre", "Zoe", "Lefevre"),
    ("Małgorzata", "Nowak", "Malgorzata", "Nowak"),
    ("Jörg", "Weiß", "Joerg", "Weiss"),
    ("Inés", "Muñoz", "Ines", "Munoz"),
    ("Håkon", "Bø", "Hakon", "Bo"),
    ("Ümit", "Yılmaz", "Umit", "Yilmaz"),
    ("Chloé", "Gérard", "Chloe", "Gerard"),
]
# Families whose capitalisation a naive Title Case gets wrong.
TRICKY_FAMILY = ["McDonald", "O'Neil", "van der Berg", "MacLeod", "de la Cruz", "DiMaggio"]
COMPANIES = [
    ("Stripe", "stripe.com"),
    ("Plaid", "plaid.com"),
    ("Arcadia", "arcadia.com"),
    ("Datadog", "datadoghq.com"),
    ("Watershed", "watershed.com"),
    ("Acme Corp", "acme.com"),
    ("Initech", "initech.com"),
    ("Globex Corporation", "globex.com"),
    ("Umbrella Labs", "umbrella.io"),
    ("Hooli", "hooli.xyz"),
    ("Pied Piper", "piedpiper.com"),
    ("Goldman Sachs", "gs.com"),
    ("Lumen Robotics", "lumenrobotics.com"),
    ("Northwind Traders", "northwind.com"),
    ("Contoso", "contoso.com"),
    ("Wayne Enterprises", "wayne.com"),
    ("Soylent", "soylent.co"),
    ("Vandelay Industries", "vandelay.com"),
]
FREE_MAIL = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "hotmail.com"]
TITLES = [
    "Software Engineer",
    "Staff Engineer",
    "Product Manager",
    "Designer",
    "Data Scientist",
    "Engineering Manager",
    "Recruiter",
    "VP Engineering",
    "CTO",
    "Analyst",
    "Founder",
]
EMOJI = ["🌱", "🚀", "✨", "🌍", "☕"]
PRONOUNS = ["(she/her)", "(he/him)", "(they/them)"]
CREDENTIALS = [", PhD", ", MBA", ", CFA", ", PMP"]
AREAS = ["415", "212", "646", "617", "312", "206"]


@dataclass
class TruePerson:
    """One real person and everything the sources may say of them."""

    id: int
    given: str
    family: str  # current (after a marriage)
    nick: str = ""  # what address books call them
    flat: tuple[str, str] | None = None  # (given, family) as address books flatten them
    old_family: str = ""  # the family name before a marriage (older sources)
    renamed_on: datetime | None = None
    org: str = ""
    domain: str = ""
    title: str = ""
    old_org: str = ""
    old_domain: str = ""
    old_title: str = ""
    moved_on: datetime | None = None  # the job change
    personal: str = ""  # personal address (or the household's)
    phone_digits: str = ""  # national significant number, US unless +44/+49 given
    country: str = "1"
    slug: str = ""  # LinkedIn profile slug
    on_linkedin: bool = False
    linkedin_email: bool = False
    pronouns: str = ""
    team: str = ""  # a team's shared address
    booked: bool = False  # an address book holds their personal address
    spelled: list[tuple[datetime, str, str]] = field(default_factory=list)  # contact sources
    mailed: list[tuple[datetime, str, str]] = field(default_factory=list)  # mail, meetings

    @property
    def knowable(self) -> str:
        """The canonical name as far as the sources can tell it (names in mail headers never
        rename someone known): the family name of the freshest source, the first name in
        full when some source writes it so (else their nickname), and accents where any
        source keeps them."""
        from kith.core.naming import name_key

        written = self.spelled or self.mailed
        family = max(written)[2]
        family = max((f for _, _, f in written if name_key(f) == name_key(family)), key=_accents)
        givens = [g for _, g, _ in written]
        full = [g for g in givens if name_key(g) == name_key(self.given) or g == self.given]
        given = max(full, key=_accents) if full else max(givens, key=_accents)
        return f"{given} {family}"

    @property
    def name(self) -> str:
        """The canonical name: accents kept, no decoration, the current family name."""
        return f"{self.given} {self.family}"

    def name_on(self, moment: datetime) -> tuple[str, str]:
        if self.old_family and self.renamed_on and moment < self.renamed_on:
            return self.given, self.old_family
        return self.given, self.family

    def job_on(self, moment: datetime) -> tuple[str, str, str]:
        """(organization, title, its domain) as of `moment`."""
        if self.old_org and self.moved_on and moment < self.moved_on:
            return self.old_org, self.old_title, self.old_domain
        return self.org, self.title, self.domain

    def work_email(self, moment: datetime) -> str:
        _, _, domain = self.job_on(moment)
        given, family = self.flat or (self.given, self.family)
        local = f"{given}.{family}".lower().replace(" ", "").replace("'", "")
        return f"{local}@{domain}" if domain else ""

    def phone(self, international: bool) -> str:
        digits = self.phone_digits
        if not digits:
            return ""
        if self.country != "1":
            return f"+{self.country} {digits[:2]} {digits[2:6]} {digits[6:]}"
        if international:
            return f"+1 {digits[:3]} {digits[3:6]} {digits[6:]}"
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


@dataclass
class SourceFile:
    """A written source and, in record order, whose each contact record is."""

    path: Path
    fmt: str
    contact_owners: list[int] = field(default_factory=list)
    as_of: dict[int, datetime] = field(default_factory=dict)  # person -> when it spoke of them
    orgs: dict[int, str] = field(default_factory=dict)  # person -> the organization it gives


@dataclass
class Truth:
    """The real people, the sources written, and who holds which address."""

    people: dict[int, TruePerson]
    sources: list[SourceFile]
    folder: Path
    address_owners: dict[str, set[int]] = field(default_factory=dict)
    mail_names: dict[tuple[str, str], int] = field(default_factory=dict)  # (address, name)

    def expected_org(self, person_id: int) -> str | None:
        """The organization the freshest source that names one gives, if any does."""
        said = [
            (s.as_of[person_id], s.orgs[person_id]) for s in self.sources if s.orgs.get(person_id)
        ]
        return max(said)[1] if said else None

    def paths(self) -> list[Path]:
        return [s.path for s in self.sources]


# --- generating -----------------------------------------------------------------------


def generate(folder: Path, seed: int = 11, size: int = 320) -> Truth:
    """Write the five sources into `folder` and return the truth behind them."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    people = _people(rng, size)
    truth = Truth(people, [], folder)
    truth.sources = [
        _linkedin(rng, truth, folder / "Basic_LinkedInDataExport_11-20-2026.zip"),
        _google(rng, truth, folder / "contacts.csv"),
        _vcards(rng, truth, folder / "phone.vcf"),
        _calendar(rng, truth, folder / "calendar.ics"),
        _mailbox(rng, truth, folder / "Takeout.mbox"),
    ]
    return truth


def _people(rng: random.Random, size: int) -> dict[int, TruePerson]:
    people: dict[int, TruePerson] = {}
    used: set[tuple[str, str]] = set()
    numbers = iter(rng.sample(range(10000), size + 20))
    for pid in range(1, size + 1):
        person = _person(rng, pid, used)
        area = rng.choice(AREAS)
        person.phone_digits = f"{area}555{next(numbers):04d}" if rng.random() < 0.8 else ""
        if rng.random() < 0.06 and person.phone_digits:
            person.country = rng.choice(["44", "49"])
            person.phone_digits = f"20{rng.randrange(10**6, 10**7)}"
        people[pid] = person
    _common_names(rng, people)
    _households(rng, people)
    _teams(rng, people)
    return people


def _person(rng: random.Random, pid: int, used: set[tuple[str, str]]) -> TruePerson:
    while True:
        roll = rng.random()
        flat = None
        nick = ""
        if roll < 0.12:
            given, family, flat_given, flat_family = rng.choice(ACCENTED)
            flat = (flat_given, flat_family)
            family = family if rng.random() < 0.7 else rng.choice(FAMILY)
            flat = (flat_given, flat_family if family != flat_family else family)
            if family not in [a[1] for a in ACCENTED]:
                flat = (flat_given, family)
        elif roll < 0.42:
            given, nick = rng.choice(GIVEN_NICK)
            family = rng.choice(FAMILY + TRICKY_FAMILY)
        else:
            given = rng.choice(GIVEN_PLAIN)
            family = rng.choice(FAMILY + TRICKY_FAMILY)
        if (given, family) not in used:
            used.add((given, family))
            break
    org, domain = rng.choice(COMPANIES)
    person = TruePerson(pid, given, family, nick=nick, flat=flat)
    person.org, person.domain, person.title = org, domain, rng.choice(TITLES)
    if rng.random() < 0.22:  # changed jobs in the last year and a half
        old, old_domain = rng.choice([c for c in COMPANIES if c[0] != org])
        person.old_org, person.old_domain, person.old_title = old, old_domain, rng.choice(TITLES)
        person.moved_on = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(600))
    if rng.random() < 0.04 and not flat:  # married and took a double-barrelled name
        person.old_family = family
        person.family = f"{family}-{rng.choice(FAMILY)}"
        person.renamed_on = datetime(2025, 9, 1, tzinfo=UTC) + timedelta(days=rng.randrange(300))
    handle = f"{_ascii(given)}.{_ascii(person.family)}{rng.randrange(100)}".lower()
    person.personal = f"{handle}@{rng.choice(FREE_MAIL)}"
    person.on_linkedin = rng.random() < 0.75
    person.linkedin_email = rng.random() < 0.25
    person.slug = f"{_ascii(given)}-{_ascii(person.family)}-{rng.randrange(16**6):06x}".lower()
    person.pronouns = rng.choice(PRONOUNS) if rng.random() < 0.06 else ""
    return person


def _accents(name: str) -> int:
    return sum(1 for c in name if not c.isascii())


def _ascii(text: str) -> str:
    import unicodedata

    flat = unicodedata.normalize("NFKD", text)
    flat = "".join(c for c in flat if not unicodedata.combining(c))
    return "".join(
        c
        for c in flat.replace("ø", "o").replace("ł", "l").replace("ß", "ss").replace("ı", "i")
        if c.isalnum() or c == "-"
    )


def _common_names(rng: random.Random, people: dict[int, TruePerson]) -> None:
    """Two different people with one common name at different companies, three times."""
    ids = rng.sample(sorted(people), 6)
    for first, second in zip(ids[::2], ids[1::2], strict=True):
        a, b = people[first], people[second]
        b.given, b.family, b.nick, b.flat = a.given, a.family, a.nick, a.flat
        b.old_family, b.renamed_on = "", None
        if b.org == a.org:
            b.org, b.domain = next(c for c in COMPANIES if c[0] != a.org)
        b.old_org = b.old_domain = ""
        b.moved_on = None
        a.old_org = a.old_domain = ""
        a.moved_on = None
        b.slug = b.slug + "b"


def _households(rng: random.Random, people: dict[int, TruePerson]) -> None:
    """Couples sharing a home address and phone; they share the family name too."""
    ids = rng.sample(sorted(people), 16)
    for first, second in zip(ids[::2], ids[1::2], strict=True):
        a, b = people[first], people[second]
        if b.given == a.given:
            continue
        b.family, b.old_family, b.renamed_on, b.flat = a.family, "", None, None
        shared = f"{_ascii(a.family).lower()}.family@{rng.choice(FREE_MAIL)}"
        a.personal = b.personal = shared
        b.phone_digits, b.country = a.phone_digits, a.country


def _teams(rng: random.Random, people: dict[int, TruePerson]) -> None:
    """Co-founders whose address books list the team's shared address."""
    ids = rng.sample(sorted(people), 6)
    for n, group in enumerate((ids[:2], ids[2:4], ids[4:])):
        for pid in group:
            people[pid].team = f"founders@team{n}.io"


# --- the five sources -------------------------------------------------------------------


def _decorated(rng: random.Random, person: TruePerson) -> tuple[str, str]:
    """First and last name as members type them on LinkedIn."""
    first, last = person.given, person.family
    roll = rng.random()
    if person.pronouns:
        last = f"{last} {person.pronouns}"
    elif roll < 0.05:
        last = f"{last} {rng.choice(EMOJI)}"
    elif roll < 0.09:
        last = f"{last}{rng.choice(CREDENTIALS)}"
    elif roll < 0.13:
        first, last = first.upper(), last.upper()
    return first, last


def _linkedin(rng: random.Random, truth: Truth, path: Path) -> SourceFile:
    source = SourceFile(path, "linkedin")
    rows = [
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    ]
    linked = [p for p in truth.people.values() if p.on_linkedin]
    for person in linked:
        first, last = _decorated(rng, person)
        person.spelled.append((LINKEDIN_DATE, person.given, person.family))
        connected = date(2015, 1, 1) + timedelta(days=rng.randrange(3900))
        email = (
            (person.work_email(LINKEDIN_DATE) or person.personal) if person.linkedin_email else ""
        )
        rows.append(
            [
                first,
                last,
                f"https://www.linkedin.com/in/{person.slug}",
                email,
                person.org,
                person.title,
                connected.strftime("%d %b %Y"),
            ]
        )
        source.contact_owners.append(person.id)
        source.as_of[person.id] = LINKEDIN_DATE
        source.orgs[person.id] = person.org
        if email:
            _owns(truth, email, person.id)
    connections = (
        'Notes:\n"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."\n\n' + _csv(rows)
    )
    messages = [
        [
            "CONVERSATION ID",
            "CONVERSATION TITLE",
            "FROM",
            "SENDER PROFILE URL",
            "TO",
            "RECIPIENT PROFILE URLS",
            "DATE",
            "SUBJECT",
            "CONTENT",
            "FOLDER",
        ]
    ]
    me_url = "https://www.linkedin.com/in/sam-rivera-000001"
    for person in rng.sample(linked, len(linked) // 6):
        url = f"https://www.linkedin.com/in/{person.slug}/"  # messages add a trailing slash
        conversation = f"2-{rng.randrange(16**12):012x}"
        at = LINKEDIN_DATE - timedelta(days=rng.randrange(20, 700))
        for n, mine in enumerate((True, False)):
            when = (at + timedelta(hours=n * 5)).strftime("%Y-%m-%d %H:%M:%S UTC")
            sender, sender_url = (ME_NAME, me_url) if mine else (person.name, url)
            to, to_url = (person.name, url) if mine else (ME_NAME, me_url)
            messages.append(
                [conversation, "", sender, sender_url, to, to_url, when, "", "Hello!", "INBOX"]
            )
    profile = _csv([["First Name", "Last Name", "Headline"], ["Sam", "Rivera", "Engineer"]])
    stamp = LINKEDIN_DATE.timetuple()[:6]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            ("Connections.csv", connections),
            ("messages.csv", _csv(messages)),
            ("Profile.csv", profile),
        ):
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), text)
    _touch(path, LINKEDIN_DATE)
    return source


def _google(rng: random.Random, truth: Truth, path: Path) -> SourceFile:
    """Google Contacts' legacy CSV, exported long before the LinkedIn export."""
    source = SourceFile(path, "csv")
    header = [
        "Name",
        "Given Name",
        "Family Name",
        "Nickname",
        "Organization 1 - Name",
        "Organization 1 - Title",
        "E-mail 1 - Type",
        "E-mail 1 - Value",
        "E-mail 2 - Type",
        "E-mail 2 - Value",
        "Phone 1 - Type",
        "Phone 1 - Value",
        "Group Membership",
    ]
    rows = [header]
    for person in truth.people.values():
        if rng.random() >= 0.45:
            continue
        given, family = person.name_on(GOOGLE_DATE)
        if person.flat and rng.random() < 0.5:
            given, family = person.flat
        if person.nick and rng.random() < 0.3:
            given = person.nick
        display = f"{family}, {given}" if rng.random() < 0.1 else f"{given} {family}"
        person.spelled.append((GOOGLE_DATE, given, family))
        org, title, _ = person.job_on(GOOGLE_DATE)
        work = person.work_email(GOOGLE_DATE) if rng.random() < 0.5 else ""
        home = person.team or person.personal if rng.random() < 0.8 else ""
        phone = person.phone(international=rng.random() < 0.4)
        rows.append(
            [
                display,
                given,
                family,
                "",
                org,
                title,
                "* Home" if home else "",
                home,
                "Work" if work else "",
                work,
                "Mobile" if phone else "",
                phone,
                "* myContacts",
            ]
        )
        source.contact_owners.append(person.id)
        source.as_of[person.id] = GOOGLE_DATE
        source.orgs[person.id] = org
        for address in (work, home):
            if address:
                _owns(truth, address, person.id)
        person.booked |= home == person.personal
    path.write_text(_csv(rows), encoding="utf-8")
    _touch(path, GOOGLE_DATE)
    return source


def _vcards(rng: random.Random, truth: Truth, path: Path) -> SourceFile:
    """A phone's export: Apple 3.0 cards with REV, and older 2.1 cards without."""
    source = SourceFile(path, "vcard")
    cards: list[str] = []
    for person in truth.people.values():
        if rng.random() >= 0.45:
            continue
        apple = rng.random() < 0.7
        rev = datetime(2023, 6, 1, tzinfo=UTC) + timedelta(days=rng.randrange(1230))
        as_of = rev if apple else PHONE_DATE
        given, family = person.name_on(as_of)
        if person.flat and rng.random() < 0.4:
            given, family = person.flat
        if person.nick and rng.random() < 0.35:
            given = person.nick
        person.spelled.append((as_of, given, family))
        org, title, _ = person.job_on(as_of)
        work = person.work_email(as_of) if rng.random() < 0.4 else ""
        home = person.team or person.personal if rng.random() < 0.8 else ""
        phone = person.phone(international=True)
        uid = f"{rng.randrange(16**16):016X}"
        cards.append(
            _apple_card(given, family, org, title, home, work, phone, rev, uid)
            if apple
            else _card_21(given, family, org, title, home, work, phone)
        )
        source.contact_owners.append(person.id)
        source.as_of[person.id] = as_of
        source.orgs[person.id] = org
        for address in (work, home):
            if address:
                _owns(truth, address, person.id)
        person.booked |= home == person.personal
    path.write_text("".join(cards), encoding="utf-8", newline="")
    _touch(path, PHONE_DATE)
    return source


def _apple_card(
    given: str,
    family: str,
    org: str,
    title: str,
    home: str,
    work: str,
    phone: str,
    rev: datetime,
    uid: str,
) -> str:
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//iPhone OS 18.1//EN",
        f"N:{family};{given};;;",
        f"FN:{given} {family}",
        f"ORG:{org};",
        f"TITLE:{title}",
    ]
    if home:
        lines += [f"item1.EMAIL;type=INTERNET;type=pref:{home}", "item1.X-ABLabel:_$!<Home>!$_"]
    if work:
        lines.append(f"EMAIL;type=INTERNET;type=WORK:{work}")
    if phone:
        lines.append(f"TEL;type=CELL;type=VOICE;type=pref:{phone}")
    lines += [f"REV:{rev.strftime('%Y-%m-%dT%H:%M:%SZ')}", f"UID:{uid}", "END:VCARD"]
    return "\r\n".join(lines) + "\r\n"


def _card_21(
    given: str, family: str, org: str, title: str, home: str, work: str, phone: str
) -> str:
    def qp(text: str) -> str:
        return "".join(
            c if c.isascii() and c not in "=;" else "".join(f"={b:02X}" for b in c.encode())
            for c in text
        )

    name = f"{given} {family}"
    encoded = not name.isascii()
    params = ";CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE" if encoded else ""
    lines = [
        "BEGIN:VCARD",
        "VERSION:2.1",
        f"N{params}:{_maybe(qp, family, encoded)};{_maybe(qp, given, encoded)};;;",
        f"FN{params}:{_maybe(qp, name, encoded)}",
        f"ORG:{org}",
        f"TITLE:{title}",
    ]
    if home:
        lines.append(f"EMAIL;HOME:{home}")
    if work:
        lines.append(f"EMAIL;WORK:{work}")
    if phone:
        lines.append(f"TEL;CELL:{phone.replace(' ', '')}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def _maybe(encode: Any, text: str, encoded: bool) -> str:
    return str(encode(text)) if encoded else text


def _calendar(rng: random.Random, truth: Truth, path: Path) -> SourceFile:
    source = SourceFile(path, "ics")
    events = []
    people = [p for p in truth.people.values() if rng.random() < 0.3]
    for n, person in enumerate(people):
        for m in range(rng.randint(1, 3)):
            start = NOW - timedelta(days=rng.randrange(10, 500), hours=rng.randrange(8))
            address = person.work_email(start) or person.personal
            given, family = person.name_on(start)
            person.mailed.append((start, given, family))
            cn = f"{family}, {given}" if rng.random() < 0.15 else f"{given} {family}"
            _owns(truth, address, person.id)
            truth.mail_names[(address, cn)] = person.id
            stamp = start.strftime("%Y%m%dT%H%M%SZ")
            events.append(
                "\r\n".join(
                    [
                        "BEGIN:VEVENT",
                        f"UID:truth-{n}-{m}@example.com",
                        f"DTSTAMP:{stamp}",
                        f"DTSTART:{stamp}",
                        f"DTEND:{_ics_time(start + timedelta(minutes=45))}",
                        f"SUMMARY:Coffee with {given}",
                        f"ORGANIZER;CN={ME_NAME}:mailto:{ME_EMAIL}",
                        f"ATTENDEE;CN={ME_NAME};PARTSTAT=ACCEPTED:mailto:{ME_EMAIL}",
                        f'ATTENDEE;CN="{cn}";PARTSTAT=ACCEPTED:mailto:{address}',
                        "END:VEVENT",
                    ]
                )
            )
    body = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
            *events,
            "END:VCALENDAR",
        ]
    )
    path.write_text(body + "\r\n", encoding="utf-8", newline="")
    _touch(path, MAIL_DATE)
    return source


def _ics_time(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _mailbox(rng: random.Random, truth: Truth, path: Path) -> SourceFile:
    """A Gmail Takeout mbox: threads both ways with some of the network, and a few
    people met only in mail."""
    source = SourceFile(path, "mail")
    correspondents = [p for p in truth.people.values() if rng.random() < 0.4]
    # LinkedIn connections never in an address book, writing from work: the work
    # address is the only link between the two.
    strangers = _mail_only(rng, truth, 12)
    messages: list[bytes] = []
    for person in [*correspondents, *strangers]:
        for _ in range(rng.randint(1, 3)):
            start = MAIL_DATE - timedelta(days=rng.randrange(5, 600))
            # Personal addresses are the ones address books hold (Gmail keeps everyone one
            # writes to in the contacts); professional contacts write from work.
            personal = person.booked and rng.random() < 0.4
            address = person.personal if personal else person.work_email(start) or person.personal
            given, family = person.name_on(start)
            person.mailed.append((start, given, family))
            display = f"{family}, {given}" if rng.random() < 0.1 else f"{given} {family}"
            _owns(truth, address, person.id)
            truth.mail_names[(address, display)] = person.id
            thread = str(rng.randrange(10**18, 10**19))
            subject = rng.choice(["coffee?", "intro", "following up", "the role", "thanks!"])
            root = f"<{rng.randrange(16**20):020x}@mail.example.com>"
            messages.append(
                _message(ME_NAME, ME_EMAIL, display, address, subject, start, thread, root, None)
            )
            reply = f"<{rng.randrange(16**20):020x}@mail.example.com>"
            messages.append(
                _message(
                    display,
                    address,
                    ME_NAME,
                    ME_EMAIL,
                    f"Re: {subject}",
                    start + timedelta(hours=3),
                    thread,
                    reply,
                    root,
                )
            )
    path.write_bytes(b"".join(messages))
    _touch(path, MAIL_DATE)
    return source


def _mail_only(rng: random.Random, truth: Truth, count: int) -> list[TruePerson]:
    base = max(truth.people) + 1
    found = []
    for pid in range(base, base + count):
        while True:
            person = _person(rng, pid, set())
            if all(p.name != person.name for p in truth.people.values()):
                break
        person.on_linkedin = False
        person.booked = True  # met only in mail: whichever address they write from
        truth.people[pid] = person
        found.append(person)
    return found


def _message(
    from_name: str,
    from_addr: str,
    to_name: str,
    to_addr: str,
    subject: str,
    at: datetime,
    thread: str,
    message_id: str,
    parent: str | None,
) -> bytes:
    def address(name: str, addr: str) -> str:
        if name.isascii():
            return formataddr((name, addr))
        return f"{Header(name, 'utf-8').encode()} <{addr}>"

    lines = [
        f"From {from_addr} {at.strftime('%a %b %d %H:%M:%S %Y')}",
        f"X-GM-THRID: {thread}",
        "X-Gmail-Labels: Inbox",
        f"Delivered-To: {ME_EMAIL}",
        f"From: {address(from_name, from_addr)}",
        f"To: {address(to_name, to_addr)}",
        f"Subject: {subject}",
        f"Date: {format_datetime(at)}",
        f"Message-ID: {message_id}",
    ]
    if parent:
        lines += [f"In-Reply-To: {parent}", f"References: {parent}"]
    lines += [
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "See you soon.",
        "",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def _owns(truth: Truth, address: str, person_id: int) -> None:
    truth.address_owners.setdefault(address.casefold(), set()).add(person_id)


def _csv(rows: Iterable[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _touch(path: Path, moment: datetime) -> None:
    stamp = moment.timestamp()
    os.utime(path, (stamp, stamp))


# --- measuring --------------------------------------------------------------------------


@dataclass
class Figures:
    """What Kith made of the network, against the truth."""

    people: int  # real people with a record or an interaction in some source
    records: int  # Kith's people
    wrong_merges: list[tuple[int, set[int]]]  # Kith person -> the real people in it
    silent_splits: list[int]  # real people split into records nothing links
    review_items: int
    employer_checked: int
    employer_wrong: list[tuple[int, str | None, str | None]]  # (real id, expected, Kith's)
    names_checked: int
    names_wrong: list[tuple[int, str, str]]
    unmapped: list[int] = field(default_factory=list)  # Kith people with no real person

    @property
    def split_share(self) -> float:
        return len(self.silent_splits) / self.people

    @property
    def review_share(self) -> float:
        return self.review_items / self.people

    @property
    def employer_accuracy(self) -> float:
        return 1 - len(self.employer_wrong) / self.employer_checked

    @property
    def name_accuracy(self) -> float:
        return 1 - len(self.names_wrong) / self.names_checked

    def report(self) -> str:
        return (
            f"{self.people} real people as {self.records} records: "
            f"{len(self.wrong_merges)} wrong merges, {len(self.silent_splits)} silent splits "
            f"({self.split_share:.1%}), {self.review_items} review items "
            f"({self.review_share:.1%}), "
            f"employer {self.employer_accuracy:.1%} of {self.employer_checked}, "
            f"name {self.name_accuracy:.1%} of {self.names_checked}"
        )


def record_owners(truth: Truth) -> dict[tuple[str, str], int]:
    """(format, record key) -> real person, by reading each source with Kith's own parser
    (records come in the order the generator wrote them)."""
    from kith.importers.detect import detect
    from kith.importers.records import ContactRecord, ParseContext

    owners: dict[tuple[str, str], int] = {}
    context = ParseContext(NOW, frozenset({ME_EMAIL}))
    for source in truth.sources:
        if not source.contact_owners:
            continue
        found = detect(str(source.path))
        records = [
            r for r in found.parser()(str(source.path), context) if isinstance(r, ContactRecord)
        ]
        assert len(records) == len(source.contact_owners), (source.path, len(records))
        for record, owner in zip(records, source.contact_owners, strict=True):
            owners[(found.format, record.key)] = owner
    return owners


def measure(
    db_url: str, truth: Truth, duplicates: Iterable[tuple[int, int]] = (), account: str = "default"
) -> Figures:
    """Compare the people Kith holds in `db_url` with the truth."""
    from kith.core.naming import name_key
    from kith.store import tables as t

    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            account_id = conn.execute(
                sa.select(t.accounts.c.id).where(t.accounts.c.name == account)
            ).scalar_one()
            kith = _kith_people(conn, account_id)
            keys = conn.execute(
                sa.select(
                    t.import_keys.c.source, t.import_keys.c.key, t.import_keys.c.person_id
                ).where(t.import_keys.c.account_id == account_id)
            ).all()
            review = conn.execute(
                sa.select(t.review_queue).where(
                    t.review_queue.c.account_id == account_id, t.review_queue.c.decision.is_(None)
                )
            ).all()
            aliases = _aliases(conn, account_id)
    finally:
        engine.dispose()
    owners = record_owners(truth)
    real_of: dict[int, set[int]] = {pid: set() for pid in kith}
    for source, key, person_id in keys:
        if person_id in real_of and (source, key) in owners:
            real_of[person_id].add(owners[(source, key)])
    for pid, info in kith.items():
        names = {name_key(info["name"]), *aliases.get(pid, set())}
        for address in info["emails"]:
            holders = truth.address_owners.get(address.casefold(), set())
            if len(holders) == 1:
                real_of[pid] |= holders
            elif holders and not real_of[pid]:
                named = {h for h in holders if _name_keys(truth.people[h]) & names}
                real_of[pid] |= named
    links = {frozenset(pair) for pair in duplicates} | {
        frozenset((row.candidate_id, row.person_id)) for row in review if row.person_id
    }
    records_of: dict[int, set[int]] = {}
    for pid, real in real_of.items():
        for r in real:
            records_of.setdefault(r, set()).add(pid)
    wrong = [(pid, real) for pid, real in real_of.items() if len(real) > 1]
    splits = [r for r, pids in records_of.items() if len(pids) > 1 and not _linked(pids, links)]
    employer_wrong, employer_checked = [], 0
    names_wrong, names_checked = [], 0
    for r, pids in records_of.items():
        if len(pids) != 1:
            continue
        info = kith[next(iter(pids))]
        expected = truth.expected_org(r)
        if expected is not None:
            employer_checked += 1
            if info["org"] != expected:
                employer_wrong.append((r, expected, info["org"]))
        names_checked += 1
        if info["name"] != truth.people[r].knowable:
            names_wrong.append((r, truth.people[r].knowable, info["name"]))
    return Figures(
        people=len(records_of),
        records=len(kith),
        wrong_merges=wrong,
        silent_splits=sorted(splits),
        review_items=len(review),
        employer_checked=employer_checked,
        employer_wrong=employer_wrong,
        names_checked=names_checked,
        names_wrong=names_wrong,
        unmapped=[pid for pid, real in real_of.items() if not real],
    )


def _kith_people(conn: sa.Connection, account_id: int) -> dict[int, dict[str, Any]]:
    from kith.store import tables as t

    people: dict[int, dict[str, Any]] = {}
    for row in conn.execute(
        sa.select(t.people.c.id, t.people.c.display_name).where(t.people.c.account_id == account_id)
    ):
        people[row.id] = {"name": row.display_name, "emails": [], "org": None}
    for row in conn.execute(
        sa.select(t.person_emails.c.person_id, t.person_emails.c.email).where(
            t.person_emails.c.account_id == account_id
        )
    ):
        people[row.person_id]["emails"].append(row.email)
    orgs = (
        sa.select(t.person_orgs.c.person_id, t.person_orgs.c.org)
        .where(t.person_orgs.c.account_id == account_id, t.person_orgs.c.end_on.is_(None))
        .order_by(t.person_orgs.c.position)
    )
    for row in conn.execute(orgs):
        if people[row.person_id]["org"] is None:
            people[row.person_id]["org"] = row.org
    return people


def _aliases(conn: sa.Connection, account_id: int) -> dict[int, set[str]]:
    from kith.store import tables as t

    table = getattr(t, "person_aliases", None)
    if table is None:
        return {}
    found: dict[int, set[str]] = {}
    for row in conn.execute(
        sa.select(table.c.person_id, table.c.name_key).where(table.c.account_id == account_id)
    ):
        found.setdefault(row.person_id, set()).add(row.name_key)
    return found


def _name_keys(person: TruePerson) -> set[str]:
    from kith.core.naming import name_key

    names = {person.name, f"{person.given} {person.old_family}"}
    if person.flat:
        names.add(" ".join(person.flat))
    if person.nick:
        names.add(f"{person.nick} {person.family}")
    return {name_key(n) for n in names} | {name_key(" ".join(reversed(n.split()))) for n in names}


def _linked(pids: set[int], links: set[frozenset[int]]) -> bool:
    """True when the records of one real person are connected by review or duplicates links."""
    ordered = sorted(pids)
    seen = {ordered[0]}
    grown = True
    while grown:
        grown = False
        for pair in links:
            if pair & seen and not pair <= seen and pair <= pids:
                seen |= pair
                grown = True
    return seen == pids
