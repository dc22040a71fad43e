"""Use cases of a job search on relationships: search mode, targets, warm paths with
referral readiness, explicit "knows", informational interviews, the opportunity pipeline
and the weekly rhythm (see docs/search.md)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from kith.app.base import Base
from kith.app.giving import tie_facts
from kith.app.results import Unavailable
from kith.app.search_results import (
    KnowsResult,
    MeetingResult,
    MoveResult,
    PathsResult,
    SearchScreen,
    SearchStatus,
    Way,
)
from kith.core import dates
from kith.core import opportunities as pipeline
from kith.core import search as mode
from kith.core.agenda import Brief, suggest_give
from kith.core.followups import FollowUp
from kith.core.interactions import Initiator, Interaction, Kind
from kith.core.meetings import WAITING, Meeting, Step, follow_through
from kith.core.opportunities import Board, Helper, Opportunity, Stage, StageChange
from kith.core.paths import DEFAULT_LIMIT, WarmPath, warm_paths
from kith.core.readiness import readiness
from kith.core.search import WarmBefore
from kith.core.targets import RankedTarget, Target, check_priority, rank_targets
from kith.core.week import STREAK_WEEKS, WeekProgress, progress, week_start
from kith.errors import Conflict, Do, Hint, InvalidInput, NotFound
from kith.store.repository import Repository

MEETING_STEPS = ("held", "replied", "reported")


class SearchCases(Base):
    """The job search: a different focus on the same people."""

    # --- search mode ---------------------------------------------------------

    def search_start(self, goal: str = "") -> SearchStatus:
        """Turn search mode on from today."""
        with self.store.unit(write=True) as repo:
            search = mode.start(repo.latest_search(), goal, self.today())
            search.id = repo.save_search(search)
            return self._status(repo)

    def search_stop(self) -> SearchStatus:
        """Turn search mode off: back to keeping in touch."""
        with self.store.unit(write=True) as repo:
            repo.save_search(mode.stop(repo.latest_search(), self.today()))
            return self._status(repo)

    def search_status(self) -> SearchStatus:
        """The current or last search and what it holds."""
        with self.store.unit() as repo:
            return self._status(repo)

    def _status(self, repo: Repository) -> SearchStatus:
        search = repo.latest_search()
        opps = repo.opportunities()
        meetings = repo.meetings()
        open_stages: dict[str, int] = {}
        for opp in opps:
            if opp.stage not in pipeline.FINAL:
                open_stages[opp.stage.value] = open_stages.get(opp.stage.value, 0) + 1
        return SearchStatus(
            search, bool(search and search.active),
            mode.days_on(search, self.today()) if search else 0, len(repo.targets()),
            open_stages, sum(1 for m in meetings if m.held_on),
            sum(1 for m in meetings if not m.held_on),
        )  # fmt: skip

    def warm_before(self) -> WarmBefore | None:
        """How warm the network was kept in the six months before the current search."""
        with self.store.unit() as repo:
            return self._warm_before(repo)

    def _warm_before(self, repo: Repository) -> WarmBefore | None:
        return warm_before_search(repo, self.clock())

    # --- targets -------------------------------------------------------------

    def target_add(
        self, company: str, role: str = "", priority: int = 2, notes: str = ""
    ) -> Target:
        """Add a target company (or update its role, priority and notes)."""
        name = company.strip()
        if not name:
            raise InvalidInput("Name the company.", Hint(Do.ADD_TARGET), field="company")
        target = Target(name, role.strip(), check_priority(priority), notes.strip())
        with self.store.unit(write=True) as repo:
            found = repo.target_with_key(name)
            if found is not None:
                target.id, target.company = found.id, found.company
                repo.update_target(target)
                return target
            target.id = repo.insert_target(target, self.clock())
            return target

    def target_remove(self, company: str) -> Target:
        """Remove a target company."""
        with self.store.unit(write=True) as repo:
            found = repo.target_with_key(company)
            if found is None or found.id is None:
                raise NotFound(
                    f"'{company}' is not one of your targets.", Hint(Do.LIST_TARGETS), value=company
                )
            repo.delete_target(found.id)
            return found

    def search_screen(self, company: str = "") -> SearchScreen:
        """Everything the job-search screen shows, in one transaction; the warm paths into
        `company` when one is named (nobody there is a finding, not an error)."""
        with self.store.unit():
            paths, unavailable = None, None
            if company.strip():
                try:
                    paths = self.paths(company.strip())
                except NotFound as error:
                    unavailable = Unavailable(error.message, error.hint)
            return SearchScreen(
                self.search_status(), self.warm_before(), self.targets(), company.strip(),
                paths, unavailable, self.meetings(), self.opps(), self.week(),
            )  # fmt: skip

    def targets(self) -> list[RankedTarget]:
        """Targets ranked by motivation and the warmth of the ways in."""
        now = self.clock()
        with self.store.unit() as repo:
            found = []
            for target in repo.targets():
                paths = warm_paths(repo.path_facts(target.company, now), now.date(), limit=3)
                found.append((target, paths))
            return rank_targets(found)

    # --- warm paths ----------------------------------------------------------

    def paths(self, company: str, limit: int = DEFAULT_LIMIT) -> PathsResult:
        """The best ways into `company`, each explained, with referral readiness."""
        if limit < 1:
            raise InvalidInput(
                "The limit must be at least 1.",
                Hint(Do.GIVE_LIMIT),
                field="limit",
                value=str(limit),
            )
        now = self.clock()
        with self.store.unit() as repo:
            facts = repo.path_facts(company, now)
            if not facts.insiders:
                raise NotFound(
                    f"Nobody in your network is or was at '{company}'.",
                    Hint(Do.ADD_ORGS),
                )
            found = warm_paths(facts, now.date(), limit)
            ways = self._with_readiness(repo, found)
            current = len({i.person_id for i in facts.insiders if i.current})
            people = len({i.person_id for i in facts.insiders})
            return PathsResult(facts.company, people, current, ways)

    def _with_readiness(self, repo: Repository, paths: Sequence[WarmPath]) -> list[Way]:
        """Each path with the readiness of the person to ask first: the ask check of
        `kith ask` (same facts, same settings), plus what to give first."""
        now = self.clock()
        ask_ids = list(dict.fromkeys(p.ask.id for p in paths))
        ties = tie_facts(repo, ask_ids, now)
        people = repo.get_people(ask_ids)
        offers = tuple(repo.get_me().offers)
        verdicts = {}
        for person_id, person in people.items():
            brief = Brief(person_id, person.display_name, tuple(person.needs),
                          tuple(person.interests))  # fmt: skip
            verdicts[person_id] = readiness(
                ties[person_id], self.settings.asks, now, suggest_give(brief, offers)
            )
        return [Way(path, verdicts[path.ask.id]) for path in paths]

    def knows(self, a: str, b: str, how: str = "") -> KnowsResult:
        """Record that two people know each other (for warm paths)."""
        with self.store.unit(write=True) as repo:
            first, second = self._person(repo, a), self._person(repo, b)
            assert first.id is not None and second.id is not None
            if first.id == second.id:
                raise InvalidInput("Name two different people.", Hint(Do.SAY_HOW_THEY_KNOW))
            new = repo.insert_knows(first.id, second.id, how.strip(), self.clock())
            return KnowsResult(first.display_name, second.display_name, how.strip(), new)

    # --- informational interviews ---------------------------------------------

    def meet(
        self, ref: str, about: str, on: str | None = None, questions: str = ""
    ) -> MeetingResult:
        """Plan an informational interview with someone about a company."""
        if not about.strip():
            raise InvalidInput("Say what it is about.", Hint(Do.PLAN_MEETING), field="about")
        day = dates.parse_date(on, self.today(), prefer="future") if on else None
        with self.store.unit(write=True) as repo:
            person = self._person(repo, ref)
            assert person.id is not None
            meeting = Meeting(person.id, about.strip(), person.display_name, day,
                              questions=questions.strip())  # fmt: skip
            meeting.id = repo.insert_meeting(meeting, self.clock())
            return MeetingResult(meeting)

    def meet_step(self, ref: str, step: str, on: str | None = None) -> MeetingResult:
        """Move a person's latest informational interview on: held (logs it and starts the
        follow-through), replied (closes the nudges) or reported (closes the report back)."""
        if step not in MEETING_STEPS:
            raise InvalidInput(
                f"'{step}' is not a step.", f"Use one of {', '.join(MEETING_STEPS)}."
            )
        day = self._past_moment(on).date() if on else self.today()
        with self.store.unit(write=True) as repo:
            person = self._person(repo, ref)
            assert person.id is not None
            meeting = self._latest_meeting(repo, person.id, person.display_name)
            if step == "held":
                return self._held(repo, meeting, day, on)
            now = self.clock()
            if meeting.held_on is None:
                raise Conflict(f"The meeting with {meeting.person} is not held yet.",
                               Hint(Do.MARK_MEETING_HELD, meeting.person),
                               person=meeting.person)  # fmt: skip
            if step == "replied":
                meeting.replied_on = day
                closed = repo.close_steps(meeting.id or 0, WAITING, now)
            else:
                meeting.reported_on = day
                closed = repo.close_steps(meeting.id or 0, (*WAITING, Step.REPORT), now)
            repo.update_meeting(meeting)
            return MeetingResult(repo.meetings(person.id)[0], closed=closed)

    def _latest_meeting(self, repo: Repository, person_id: int, name: str) -> Meeting:
        found = repo.meetings(person_id)
        if not found:
            raise NotFound(f"No informational interview with {name} is planned.",
                           Hint(Do.PLAN_MEETING, name), person=name)  # fmt: skip
        return found[0]

    def _held(self, repo: Repository, meeting: Meeting, day: date, on: str | None) -> MeetingResult:
        if meeting.held_on is not None:
            raise Conflict(
                f"The meeting with {meeting.person} was held on {meeting.held_on.isoformat()}.",
                Hint(Do.PLAN_MEETING, meeting.person),
            )
        assert meeting.id is not None
        meeting.held_on = day
        touch = Interaction(
            self._past_moment(on), Kind.MEETING, [meeting.person_id], initiated_by=Initiator.ME,
            summary=f"Informational interview about {meeting.about}",
            notes=meeting.questions, people=[meeting.person],
        )  # fmt: skip
        touch.id = repo.insert_interaction(touch, self.clock())
        self._touch(repo, touch)
        opened = []
        for planned in follow_through(meeting.person, meeting.about, day):
            followup = FollowUp(meeting.person_id, planned.what, planned.due)
            repo.link_step(meeting.id, repo.insert_followup(followup, self.clock()), planned.step)
            opened.append((planned.what, planned.due))
        repo.update_meeting(meeting, touch.id)
        return MeetingResult(repo.meetings(meeting.person_id)[0], opened)

    def meetings(self) -> list[Meeting]:
        """Every informational interview, newest first, with its open follow-through."""
        with self.store.unit() as repo:
            return repo.meetings()

    # --- opportunities ---------------------------------------------------------

    def opp_add(
        self, title: str, via: Sequence[str] = (), company: str = "", stage: str = "lead",
        notes: str = "",
    ) -> Opportunity:  # fmt: skip
        """Add an opportunity, with the people behind it."""
        if not title.strip():
            raise InvalidInput("Give the opportunity a title.", 'e.g. "Acme — Staff Engineer"')
        first = pipeline.parse_stage(stage)
        if first in pipeline.FINAL:
            raise InvalidInput("A new opportunity starts open.", "Start at lead or later.")
        with self.store.unit(write=True) as repo:
            people = [self._person(repo, ref) for ref in via]
            helpers = list({p.id: Helper(p.id, p.display_name) for p in people if p.id}.values())
            opp = Opportunity(title.strip(), company.strip() or pipeline.company_of(title),
                              first, self.today(), notes.strip(), people=helpers,
                              history=[StageChange(first, self.today())])  # fmt: skip
            opp.id = repo.insert_opportunity(opp, self.clock())
            return opp

    def opp_move(self, opp_id: int, stage: str, on: str | None = None) -> MoveResult:
        """Move an opportunity to another stage (forward, or closed)."""
        to = pipeline.parse_stage(stage)
        day = self._past_moment(on).date() if on else self.today()
        with self.store.unit(write=True) as repo:
            found = repo.opportunities(opp_id)
            if not found:
                raise NotFound(f"There is no opportunity #{opp_id}.", Hint(Do.LIST_OPPORTUNITIES))
            opp = found[0]
            was = opp.stage
            change = pipeline.move(opp, to, day)
            repo.insert_stage_change(opp_id, change)
            return MoveResult(opp_id, opp.title, was, to, day)

    def opps(self) -> Board:
        """The board by stage, and which relationships produced which opportunities."""
        with self.store.unit() as repo:
            return pipeline.build_board(repo.opportunities())

    # --- the weekly rhythm ----------------------------------------------------

    def week(self) -> WeekProgress:
        """This week's goals (conversations, gives, reconnections), progress and streak."""
        now = self.clock()
        since = week_start(now.date()) - timedelta(weeks=STREAK_WEEKS)
        with self.store.unit() as repo:
            counts = repo.week_counts(since, now)
        return progress(counts, now.date(), self.settings.week)


def warm_before_search(repo: Repository, now: datetime) -> WarmBefore | None:
    """How warm the network was kept in the six months before the current search (the
    health report shows it while a search is on)."""
    search = repo.latest_search()
    if search is None or not search.active:
        return None
    since = search.started_on - mode.WARM_BEFORE
    count, gives, met = repo.activity_between(since, search.started_on, now)
    network = repo.count_people()
    share = round(met / network, 3) if network else 0.0
    return WarmBefore(search.started_on, since, count, gives, met, network, share)


__all__ = ["SearchCases", "Stage", "warm_before_search"]
