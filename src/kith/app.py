"""The Kith facade: one method per use case, each one transaction.

The CLI, the web app and the tests all build a `Kith` and call these methods;
they never touch the store. A method opens a unit of work, asks the core to
decide, and persists through the repository.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any, NoReturn

from kith.core import dates
from kith.core.agenda import DATE_WINDOW_DAYS, DEFAULT_LIMIT, AgendaEntry, Reason, build_agenda
from kith.core.circles import (
    Circle,
    CircleSize,
    cadence_for,
    describe,
    missed_cadences,
    move_down,
    suggest_circle,
)
from kith.core.contact import ListField, parse_value
from kith.core.edits import PersonEdit, apply_edit, new_person
from kith.core.followups import FollowUp
from kith.core.health import HealthReport
from kith.core.interactions import Initiator, Interaction, Kind
from kith.core.ledger import Direction, GiveKind, LedgerEntry, Status, default_status
from kith.core.logtext import read_log_text
from kith.core.naming import name_key, resolve, suggestions
from kith.core.people import Me, Person
from kith.core.standing import Standing, settle, touched
from kith.core.strength import StrengthInputs, explain, interaction_inputs, ledger_inputs
from kith.errors import Ambiguous, Conflict, InvalidInput, NotFound
from kith.results import (
    Circles,
    DemoSummary,
    DoneResult,
    FindResult,
    PersonMatch,
    PersonView,
    Tie,
)
from kith.settings import Settings
from kith.store.repository import PersonFilter, PersonSummary, Repository
from kith.store.standing import Lagging
from kith.store.store import Store

Clock = Callable[[], datetime]
SORTS = ("name", "last", "quiet", "strength")
CIRCLE_NAMES = ", ".join(c.value for c in Circle)
RawValues = dict[ListField, list[str]]


def local_now() -> datetime:
    """Now, timezone-aware, in the machine's local time zone."""
    return datetime.now().astimezone()


class Kith:
    """Kith's use cases over one account's network."""

    def __init__(self, settings: Settings, clock: Clock = local_now) -> None:
        self.settings = settings
        self.clock = clock
        self.store = Store(settings.db, settings.account).open(clock())
        if self.store.migrated is not None:
            self.rebuild()  # a new schema may derive more: recompute it from the facts

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Kith:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- people --------------------------------------------------------------

    def add_person(self, name: str, values: RawValues | None = None, **fields: Any) -> Person:
        """Add someone; `values` are typed list values, `fields` scalar ones (see PersonEdit)."""
        with self.store.unit(write=True) as repo:
            edit = self._edit(repo, values or {}, {}, fields)
            person = new_person(name, edit)
            self._check_emails_free(repo, person)
            person.id = repo.insert_person(person, self.clock())
            self._resettle(repo, [person.id])
            return person

    def edit_person(
        self,
        ref: str,
        add: RawValues | None = None,
        remove: RawValues | None = None,
        **fields: Any,
    ) -> Person:
        """Change someone: scalar `fields` replace, `add`/`remove` change lists."""
        with self.store.unit(write=True) as repo:
            person = self._person(repo, ref)
            changed = apply_edit(person, self._edit(repo, add or {}, remove or {}, fields))
            self._check_emails_free(repo, changed)
            repo.update_person(changed, self.clock())
            return changed

    def show_person(self, ref: str, limit: int | None = 20, why: bool = False) -> PersonView:
        """A person's whole record: profile, where the tie stands, timeline (newest first),
        ledger and follow-ups; with `why`, the strength broken into its contributions."""
        with self.store.unit() as repo:
            person = self._person(repo, ref)
            assert person.id is not None
            timeline, count = repo.timeline(person.id, None if why else limit)
            ledger = repo.ledger_for(person.id)
            introducer = person.met.introduced_by_id
            introduced_by = repo.names([introducer]).get(introducer) if introducer else None
            view = PersonView(
                person, introduced_by, timeline[:limit] if limit is not None else timeline,
                count, ledger, repo.followups_for(person.id),
                self._tie(repo.standings([person.id])[person.id]),
            )  # fmt: skip
            if why:
                view.why = explain(timeline, ledger, self.clock())
            return view

    def list_people(
        self,
        tag: str | None = None,
        org: str | None = None,
        quiet_since: str | None = None,
        sort: str = "name",
        limit: int | None = None,
        include_archived: bool = False,
        circle: str | None = None,
    ) -> list[PersonSummary]:
        """Everyone matching the filters; `quiet_since` is a duration such as "6mo"."""
        if sort not in SORTS:
            raise InvalidInput(f"Cannot sort by '{sort}'.", f"Use one of {', '.join(SORTS)}.")
        if circle is not None and circle not in {c.value for c in Circle}:
            raise InvalidInput(f"There is no circle '{circle}'.", f"Use one of {CIRCLE_NAMES}.")
        if limit is not None and limit < 1:
            raise InvalidInput("--limit must be at least 1.", "Leave it out to list everyone.")
        quiet_before = None
        if quiet_since:
            quiet_before = self.clock() - timedelta(dates.parse_duration(quiet_since).approx_days())
        where = PersonFilter(tag, org, quiet_before, include_archived, circle)
        with self.store.unit() as repo:
            return repo.list_people(where, sort, self.clock(), limit)

    def find(self, text: str, limit: int = 50) -> FindResult:
        """People whose name, organization, title, notes, needs or offers mention `text`,
        and interactions whose summary or notes do."""
        if not text.strip():
            raise InvalidInput("Nothing to find.", 'Give some text, e.g. kith find "Lisbon".')
        with self.store.unit() as repo:
            hits = repo.search_people(text, limit)
            names = repo.names(pid for pid, _, _ in hits)
            matches: dict[int, PersonMatch] = {}
            for pid, label, found in hits:
                match = matches.setdefault(pid, PersonMatch(pid, names.get(pid, "?")))
                match.matches.append((label, found))
            people = sorted(matches.values(), key=lambda m: name_key(m.display_name))[:limit]
            return FindResult(people, repo.interactions_matching(text, limit))

    def archive(self, ref: str, archived: bool = True) -> Person:
        """Hide someone from listings (and bring them back with archived=False)."""
        with self.store.unit(write=True) as repo:
            person = self._person(repo, ref)
            assert person.id is not None
            repo.set_archived(person.id, archived, self.clock())
            return replace(person, archived=archived)

    def delete_person(self, ref: str) -> Person:
        """Remove someone and what is theirs alone; shared interactions stay with the others."""
        with self.store.unit(write=True) as repo:
            person = self._person(repo, ref)
            assert person.id is not None
            repo.delete_person(person.id)
            return person

    def resolve(self, ref: str) -> Person:
        """The one person `ref` (a name or an id) means, or NotFound / Ambiguous."""
        with self.store.unit() as repo:
            return self._person(repo, ref)

    # --- interactions, ledger, follow-ups -------------------------------------

    def log(
        self,
        text: str,
        kind: Kind | None = None,
        with_people: Sequence[str] = (),
        when: str | None = None,
        initiated_by: Initiator | None = None,
        notes: str = "",
    ) -> Interaction:
        """Log an interaction: "coffee with Ana Ruiz and Tom Lee", or any text with --with."""
        parsed = read_log_text(text)
        refs = list(with_people) or list(parsed.names)
        if not refs:
            raise InvalidInput(
                f"Who was it with? '{text}' names nobody.",
                'Write "coffee with Ana Ruiz" or add --with NAME.',
            )
        occurred = self._past_moment(when)
        with self.store.unit(write=True) as repo:
            people = [self._person(repo, ref) for ref in refs]
            ids = [p.id for p in people if p.id is not None]
            interaction = Interaction(
                occurred,
                kind or parsed.kind or Kind.OTHER,
                ids,
                initiated_by=initiated_by,
                summary=text.strip(),
                notes=notes.strip(),
                people=[p.display_name for p in people],
            )
            interaction.id = repo.insert_interaction(interaction, self.clock())
            self._touch(repo, interaction)
            return interaction

    def record(
        self,
        direction: Direction,
        ref: str,
        what: str,
        kind: GiveKind = GiveKind.OTHER,
        status: Status | None = None,
        when: str | None = None,
        interaction_id: int | None = None,
    ) -> LedgerEntry:
        """Add a give or an ask, in any of the four directions, to the ledger; it may name
        the interaction it came up in (one that included the person)."""
        if not what.strip():
            raise InvalidInput("Say what was given or asked.", 'e.g. "intro to Maria at Globex".')
        on = dates.parse_date(when, self.today()) if when else self.today()
        with self.store.unit(write=True) as repo:
            person = self._person(repo, ref)
            assert person.id is not None
            if interaction_id is not None and not repo.took_part(person.id, interaction_id):
                raise NotFound(
                    f"{person.display_name} was not in interaction #{interaction_id}.",
                    f"The #ids are in their timeline: kith show {person.display_name!r}.",
                )
            entry = LedgerEntry(
                person.id,
                direction,
                what.strip(),
                on,
                kind,
                status or default_status(direction),
                interaction_id,
                person=person.display_name,
            )
            entry.id = repo.insert_ledger_entry(entry, self.clock())
            self._resettle(repo, [person.id], ledger_inputs(entry, self.clock()))
            return entry

    def follow_up(self, ref: str, what: str, due: str | None = None) -> FollowUp:
        """Promise to do something for someone by a date (default: in a week)."""
        if not what.strip():
            raise InvalidInput("Say what you will do.", 'e.g. kith follow-up Ana "send the deck".')
        due_on = (
            dates.parse_date(due, self.today(), "future") if due else self.today() + timedelta(7)
        )
        with self.store.unit(write=True) as repo:
            person = self._person(repo, ref)
            assert person.id is not None
            followup = FollowUp(person.id, what.strip(), due_on, person=person.display_name)
            followup.id = repo.insert_followup(followup, self.clock())
            return followup

    def complete_followup(self, target: str, what: str | None = None) -> FollowUp:
        """Mark a follow-up done: "#12" by id, or a person's one open follow-up."""
        with self.store.unit(write=True) as repo:
            return self._complete(repo, self._followup(repo, target, what))

    def _complete(self, repo: Repository, followup: FollowUp) -> FollowUp:
        assert followup.id is not None
        if not followup.is_open:
            raise Conflict(f"Follow-up #{followup.id} is already done.", "Nothing to do.")
        followup.done_at = self.clock()
        repo.complete_followup(followup.id, followup.done_at)
        return followup

    # --- me, demo, maintenance ------------------------------------------------

    def me(self) -> Me:
        """The user's own profile."""
        with self.store.unit() as repo:
            return repo.get_me()

    def update_me(
        self,
        name: str | None = None,
        add: dict[str, list[str]] | None = None,
        remove: dict[str, list[str]] | None = None,
    ) -> Me:
        """Change my profile: `add`/`remove` map emails, offers, needs, goals to values."""
        with self.store.unit(write=True) as repo:
            me = repo.get_me()
            if name is not None:
                me.name = " ".join(name.split())
            for attribute, values in (add or {}).items():
                current = getattr(me, attribute)
                for value in values:
                    value = parse_value(ListField.EMAIL, value) if attribute == "emails" else value
                    if value.strip() and value not in current:
                        current.append(value.strip())
            for attribute, values in (remove or {}).items():
                folded = {v.strip().casefold() for v in values}
                setattr(
                    me, attribute, [v for v in getattr(me, attribute) if v.casefold() not in folded]
                )
            repo.save_me(me)
            return me

    def load_demo(
        self,
        people: int = 150,
        seed: int = 7,
        force: bool = False,
        progress: Callable[[str, int, int], None] = lambda stage, done, total: None,
    ) -> DemoSummary:
        """Fill an empty database with a deterministic synthetic network.

        A database that already holds this demo is shown again rather than refused,
        so the README's run command can be run twice.
        """
        from kith import demo

        if people < 1:
            raise InvalidInput("--people must be at least 1.", "e.g. kith demo --people 200.")
        with self.store.unit(write=True) as repo:
            holds_people = repo.count_people() > 0
            already = holds_people and repo.get_me() == demo.generate_me(seed)
            if holds_people and not (force or already):
                raise Conflict(
                    "This database already holds people; the demo never mixes into a real network.",
                    "Use another --db (or KITH_HOME), or --force to add the demo anyway.",
                )
            if not already or force:
                self._load_generated(repo, people, seed, progress)
            return self._demo_summary(repo, fresh=not already or force)

    def _load_generated(
        self, repo: Repository, people: int, seed: int, progress: Callable[[str, int, int], None]
    ) -> None:
        from kith import demo

        now = self.clock()
        generated = demo.generate_people(people, seed, now)
        ids = repo.load_people(generated, now)
        progress("people", people, people)
        interactions = demo.iter_interactions(generated, seed, now)
        repo.load_interactions(
            interactions, ids, now, lambda n: progress("interactions", n, 20 * people)
        )
        repo.finish_explicit_ids()
        repo.load_ledger(demo.generate_ledger(generated, seed, now), ids, now)
        repo.load_followups(demo.generate_followups(generated, seed, now), ids, now)
        if not repo.get_me().name:
            repo.save_me(demo.generate_me(seed))
        repo.rebuild_standings(now, self.settings.circles)

    def _demo_summary(self, repo: Repository, fresh: bool) -> DemoSummary:
        recent = repo.list_people(PersonFilter(), "last", self.clock(), 1)
        return DemoSummary(fresh=fresh, sample_person_id=recent[0].id, **repo.totals())

    # --- keeping in touch --------------------------------------------------------

    def agenda(self, limit: int | None = DEFAULT_LIMIT) -> list[AgendaEntry]:
        """Today's agenda: who to get back in touch with, why, and what to do."""
        now = self.clock()
        with self.store.unit() as repo:
            return self._agenda(repo, now, limit)

    def _agenda(self, repo: Repository, now: datetime, limit: int | None) -> list[AgendaEntry]:
        facts = repo.agenda_facts(now, self.settings.circles, DATE_WINDOW_DAYS)
        facts.my_offers = tuple(repo.get_me().offers)
        return build_agenda(facts, now.date(), limit)

    def done(
        self, target: str, what: str | None = None, kind: Kind | None = None, notes: str = ""
    ) -> DoneResult:
        """Act on `target`'s agenda entry (its due follow-ups done, thanks recorded, a touch
        logged), or complete a follow-up: "#12", or a person's one open follow-up."""
        ref = target.strip()
        if ref.startswith("#") and ref[1:].isdigit() and not what:
            followup = self.complete_followup(ref)
            return DoneResult(followup.person, [followup])
        now = self.clock()
        with self.store.unit(write=True) as repo:
            person = self._person(repo, ref)
            assert person.id is not None
            entry = next(
                (e for e in self._agenda(repo, now, None) if e.person_id == person.id), None
            )
            if entry is None:
                followup = self._complete(repo, self._followup(repo, ref, what))
                return DoneResult(person.display_name, [followup])
            return self._act_on(repo, entry, what, kind, notes)

    def _act_on(
        self, repo: Repository, entry: AgendaEntry, what: str | None, kind: Kind | None, notes: str
    ) -> DoneResult:
        result = DoneResult(entry.person)
        if Reason.FOLLOW_UP in entry.reasons:
            due = [
                f
                for f in repo.followups_for(entry.person_id, open_only=True)
                if f.due <= self.today() and (not what or what.casefold() in f.what.casefold())
            ]
            result.followups = [self._complete(repo, f) for f in due]  # fmt: skip
        if Reason.THANKS in entry.reasons:
            result.thanked = repo.thank(entry.person_id, self.today())
        if {Reason.DUE, Reason.DORMANT, Reason.DATE} & set(entry.reasons):
            touch = Interaction(
                self.clock(), kind or Kind.MESSAGE, [entry.person_id], initiated_by=Initiator.ME,
                summary=f"Got back in touch (from the agenda: {entry.why[0]})",
                notes=notes.strip(), people=[entry.person],
            )  # fmt: skip
            touch.id = repo.insert_interaction(touch, self.clock())
            self._touch(repo, touch)
            result.interaction = touch
        return result

    def snooze(self, ref: str, duration: str) -> date:
        """Keep someone off the agenda until a date; returns it."""
        until = dates.parse_duration(duration).after(self.today())
        with self.store.unit(write=True) as repo:
            person = self._person(repo, ref)
            assert person.id is not None
            repo.set_snooze(person.id, until)
            return until

    def skip(self, ref: str) -> date:
        """Skip this round: off the agenda for one cadence from today (a week when there is
        no cadence); repeated skips suggest a lower circle. Returns when they come back."""
        with self.store.unit(write=True) as repo:
            person = self._person(repo, ref)
            assert person.id is not None
            standing = repo.standings([person.id])[person.id]
            cadence = cadence_for(standing.circle, standing.cadence, self.settings.circles)
            until = (cadence or dates.Duration(days=7)).after(self.today())
            repo.record_skip(person.id, until)
            return until

    def set_cadence(self, ref: str, duration: str | None) -> Tie:
        """Give someone their own keep-in-touch cadence (None: back to their circle's)."""
        own = dates.parse_duration(duration) if duration else None
        if own is not None and own.approx_days() < 1:
            raise InvalidInput("A cadence must be at least a day.", "e.g. kith cadence NAME 6w.")
        return self._rechoose(ref, cadence=own)

    def set_circle(self, ref: str, circle: str) -> Tie:
        """Pin someone to a circle ("auto": let Kith suggest it from strength again)."""
        if circle == "auto":
            return self._rechoose(ref, circle_pinned=False)
        if circle not in {c.value for c in Circle}:
            raise InvalidInput(
                f"There is no circle '{circle}'.", f"Use one of {CIRCLE_NAMES}, auto."
            )
        return self._rechoose(ref, circle=Circle(circle), circle_pinned=True)

    def _rechoose(self, ref: str, **choices: Any) -> Tie:
        with self.store.unit(write=True) as repo:
            person = self._person(repo, ref)
            assert person.id is not None
            standing = replace(repo.standings([person.id])[person.id], **choices)
            settled = settle(standing, self.clock(), self.settings.circles)
            repo.save_standing(person.id, settled)
            return self._tie(settled)

    def circles(self) -> Circles:
        """Each circle's size against its capacity, and people Kith suggests moving."""
        rules, today = self.settings.circles, self.today()
        with self.store.unit() as repo:
            counts = repo.circle_counts(today)
            lagging = repo.lagging(today, rules, limit=10)
        sizes = []
        for circle, rule in rules.items():
            size, overdue = counts.get(circle, (0, 0))
            sizes.append(CircleSize(circle, size, rule.capacity, describe(rule.cadence), overdue))
        moves = [
            move
            for lag in lagging
            if (
                move := move_down(lag.id, lag.name, lag.circle, self._missed(lag, today), lag.skips)
            )
        ]
        return Circles(sizes, moves)

    def _missed(self, lag: Lagging, today: date) -> int:
        cadence = cadence_for(lag.circle, lag.cadence, self.settings.circles)
        return missed_cadences(lag.due, cadence, today)

    def _tie(self, standing: Standing) -> Tie:
        now = self.clock()
        rules = self.settings.circles
        cadence = cadence_for(standing.circle, standing.cadence, rules)
        strength = standing.strength(now)
        return Tie(
            round(strength, 1), standing.circle, standing.circle_pinned, describe(cadence),
            standing.cadence is not None, standing.due,
            missed_cadences(standing.due, cadence, now.date()),
            suggest_circle(strength, standing.last_contact, standing.added, now),
        )  # fmt: skip

    def health(self) -> HealthReport:
        """The network health report: depth vs breadth, circles, give/ask balance, rhythm."""
        from kith.core.health import build_report

        now = self.clock()
        with self.store.unit() as repo:
            return build_report(repo.health_facts(now), now, self.settings.circles)

    def rebuild(self) -> int:
        """Recompute derived state (contact counts, strength, circles, due dates) from the
        facts; returns how many people it corrected."""
        with self.store.unit(write=True) as repo:
            return repo.rebuild_standings(self.clock(), self.settings.circles)

    def today(self) -> date:
        return self.clock().date()

    # --- helpers ---------------------------------------------------------------

    def _person(self, repo: Repository, ref: str) -> Person:
        person_id = self._resolve_id(repo, ref)
        person = repo.get_person(person_id)
        assert person is not None
        return person

    def _resolve_id(self, repo: Repository, ref: str) -> int:
        text = ref.strip().lstrip("#") if ref.strip().startswith("#") else ref.strip()
        if text.isascii() and text.isdigit():
            if not repo.person_exists(int(text)):
                raise NotFound(f"There is no person with id {text}.", "See kith list.")
            return int(text)
        exact = repo.ids_with_key(name_key(text))
        if len(exact) == 1:
            return exact[0]
        if exact:
            self._ambiguous(repo, ref, exact)
        candidates = repo.name_candidates()
        ids = resolve(text, candidates).ids
        if len(ids) == 1:
            return ids[0]
        if ids:
            self._ambiguous(repo, ref, ids)
        near = repo.names(suggestions(text, candidates))
        hint = f"Did you mean {', '.join(near.values())}?" if near else "See kith list."
        raise NotFound(f"Nobody called '{ref}' is in your network.", hint)

    def _ambiguous(self, repo: Repository, ref: str, ids: Sequence[int]) -> NoReturn:
        people = repo.get_people(list(ids)[:10])
        listed = [
            f"#{p.id} {p.display_name}" + (f" ({p.headline()})" if p.headline() else "")
            for p in people.values()
        ]
        raise Ambiguous(
            f"'{ref}' fits {len(ids)} people.", listed, "Name one by its full name or its #id."
        )

    def _edit(
        self, repo: Repository, add: RawValues, remove: RawValues, fields: dict[str, Any]
    ) -> PersonEdit:
        parsed = {
            f: [parse_value(f, raw, self.settings.region) for raw in values]
            for f, values in add.items()
        }
        introduced_by = fields.pop("introduced_by", None)
        if introduced_by:
            fields["introduced_by_id"] = self._resolve_id(repo, introduced_by)
        met_on = fields.pop("met_on", None)
        if met_on:
            fields["met_on"] = dates.parse_date(met_on, self.today())
        return PersonEdit(**fields, add=parsed, remove=dict(remove))

    def _check_emails_free(self, repo: Repository, person: Person) -> None:
        for email in person.emails:
            owner = repo.person_with_email(email)
            if owner is not None and owner != person.id:
                name = repo.names([owner]).get(owner, f"#{owner}")
                raise Conflict(f"{email} already belongs to {name}.", f"kith show {name!r}")

    def _past_moment(self, when: str | None) -> datetime:
        now = self.clock()
        moment = dates.parse_datetime(when, now) if when else now
        if moment.date() > now.date():
            raise InvalidInput(
                f"'{when}' is in the future; log what happened.",
                'For a plan, use kith follow-up NAME "what" --due DATE.',
            )
        return moment

    def _touch(self, repo: Repository, interaction: Interaction) -> None:
        """Every person in an interaction: one more touch, circle and due date re-settled."""
        now = self.clock()
        inputs = interaction_inputs(interaction, now)
        for person_id, standing in repo.standings(interaction.person_ids).items():
            after = touched(standing, interaction.occurred_at, inputs)
            repo.save_standing(person_id, settle(after, now, self.settings.circles), skips=0)

    def _resettle(
        self, repo: Repository, ids: Sequence[int], inputs: StrengthInputs | None = None
    ) -> None:
        """Re-settle people's standing, adding `inputs` (a give or an ask) first."""
        now = self.clock()
        for person_id, standing in repo.standings(ids).items():
            if inputs is not None:
                standing = replace(standing, inputs=standing.inputs + inputs)
            repo.save_standing(person_id, settle(standing, now, self.settings.circles))

    def _followup(self, repo: Repository, target: str, what: str | None) -> FollowUp:
        if target.strip().startswith("#") and target.strip()[1:].isdigit():
            found = repo.get_followup(int(target.strip()[1:]))
            if found is None:
                raise NotFound(f"There is no follow-up {target}.", "See kith show NAME.")
            return found
        person = self._person(repo, target)
        assert person.id is not None
        open_ones = repo.followups_for(person.id, open_only=True)
        if what:
            open_ones = [f for f in open_ones if what.casefold() in f.what.casefold()]
        if len(open_ones) == 1:
            return open_ones[0]
        if not open_ones:
            raise NotFound(
                f"{person.display_name} has no open follow-up{' like that' if what else ''}.",
                f'kith follow-up {person.display_name!r} "what" --due DATE',
            )
        raise Ambiguous(
            f"{person.display_name} has {len(open_ones)} open follow-ups.",
            [f"#{f.id} {f.what} (due {f.due.isoformat()})" for f in open_ones],
            "Name one: kith done '#ID'.",
        )
