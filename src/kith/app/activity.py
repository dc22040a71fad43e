"""Use cases about what happens between the user and people: interactions, the give/ask
ledger and follow-ups."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from kith.app.base import Base
from kith.core import dates
from kith.core.followups import FollowUp
from kith.core.interactions import Initiator, Interaction, Kind
from kith.core.ledger import Direction, GiveKind, LedgerEntry, Status, default_status
from kith.core.logtext import read_log_text
from kith.core.strength import ledger_inputs
from kith.errors import Do, Hint, InvalidInput, NotFound


class ActivityCases(Base):
    """Logging interactions, gives and asks, and promises."""

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
                Hint(Do.LOG_WITH),
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
            day = occurred.replace(hour=0, minute=0, second=0, microsecond=0)
            interaction.repeat_of = repo.same_touch(interaction, day, day + timedelta(days=1))
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
                    Hint(Do.SHOW_PERSON, person.display_name),
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
            raise InvalidInput("Say what you will do.", Hint(Do.PLAN_FOLLOW_UP), field="what")
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
