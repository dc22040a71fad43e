"""Use cases for keeping ties warm: the agenda and acting on it, circles and cadences,
network health, and rebuilding derived state."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from kith.app.base import CIRCLE_NAMES, Base
from kith.app.giving import agenda_with_giving
from kith.app.results import (
    Circles,
    DoneResult,
    Tie,
)
from kith.core import dates
from kith.core.agenda import (
    DATE_WINDOW_DAYS,
    DEFAULT_LIMIT,
    AgendaEntry,
    Brief,
    Reason,
    SearchAction,
    build_agenda,
)
from kith.core.circles import (
    Circle,
    CircleSize,
    cadence_for,
    describe,
    missed_cadences,
    move_down,
)
from kith.core.interactions import Initiator, Interaction, Kind
from kith.core.standing import settle
from kith.errors import Do, Hint, InvalidInput
from kith.store.repository import Repository
from kith.store.standing import Lagging

if TYPE_CHECKING:
    from kith.core.health import HealthReport


class KeepingCases(Base):
    """The daily agenda, circles, cadences, health and rebuild."""

    def agenda(self, limit: int | None = DEFAULT_LIMIT) -> list[AgendaEntry]:
        """Today's agenda: who to get back in touch with, why, and what to do."""
        now = self.clock()
        with self.store.unit() as repo:
            return self._agenda(repo, now, limit)

    def _agenda(self, repo: Repository, now: datetime, limit: int | None) -> list[AgendaEntry]:
        facts = repo.agenda_facts(now, self.settings.circles, DATE_WINDOW_DAYS)
        facts.my_offers = tuple(repo.get_me().offers)
        facts.search = self._search_actions(repo, now.date())
        return agenda_with_giving(repo, build_agenda(facts, now.date(), limit), facts)

    def _search_actions(self, repo: Repository, today: date) -> list[SearchAction]:
        """Search mode only: informational interviews in the next two days."""
        search = repo.latest_search()
        if search is None or not search.active:
            return []
        return [
            SearchAction(Brief(m.person_id, m.person), m.about, m.planned_on, m.questions)
            for m in repo.upcoming_meetings(today, days=2)
            if m.planned_on is not None
        ]

    def done(
        self, target: str, what: str | None = None, kind: Kind | None = None, notes: str = ""
    ) -> DoneResult:
        """Act on `target`'s agenda entry (its due follow-ups done, thanks recorded, a touch
        logged), or complete a follow-up: "#12", or a person's one open follow-up."""
        ref = target.strip()
        if ref.startswith("#") and ref[1:].isdigit() and not what:
            with self.store.unit(write=True) as repo:
                followup = self._complete(repo, self._followup(repo, ref, None))
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
            raise InvalidInput(
                "A cadence must be at least a day.", Hint(Do.SET_CADENCE), field="cadence"
            )
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

    def health(self) -> HealthReport:
        """The network health report: depth vs breadth, circles, give/ask balance, rhythm."""
        from kith.core.health import build_report

        now = self.clock()
        from kith.app.search import warm_before_search

        with self.store.unit() as repo:
            report = build_report(repo.health_facts(now), now, self.settings.circles)
            report.before_search = warm_before_search(repo, now)
            return report

    def rebuild(self) -> int:
        """Recompute derived state (contact counts, strength, circles, due dates, the time
        each interaction link keeps) from the facts; returns how many stale rows it corrected
        (after normal writes, none)."""
        with self.store.unit(write=True) as repo:
            return repo.rebuild_standings(self.clock(), self.settings.circles)
