"""Use cases about giving: the ledger read both ways, the ask check, suggested intros and
gives, double-opt-in introductions and sharing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from kith.app.base import Base
from kith.app.results import Unavailable
from kith.core import dates
from kith.core.agenda import AgendaEntry, AgendaFacts, Reason
from kith.core.askcheck import AskCheck, GiveIdea, TieFacts, check_ask
from kith.core.interactions import Initiator, Interaction, Kind
from kith.core.intros import (
    Introduction,
    Party,
    Stage,
    Step,
    advance,
    awaited,
    described,
    draft_for,
    next_steps,
    your_move,
)
from kith.core.ledger import Direction, GiveKind, LedgerEntry, Status
from kith.core.strength import ledger_inputs, strength_from_key
from kith.errors import Conflict, Do, Hint, InvalidInput, KithError, NotFound
from kith.store.repository import Repository

if TYPE_CHECKING:
    from kith.core.giving import (
        Candidate,
        GiveSuggestion,
        IntroSuggestion,
        LedgerOverview,
        PersonLedger,
        ShareCandidate,
        ShareResult,
    )
    from kith.core.matching import Matcher

_T = TypeVar("_T")
LISTED = 20  # people or entries listed per section of the overview
MOST_FITS = 5000  # matcher pairs read before ranking: far more than any list shows


@dataclass
class AskOutcome:
    """What `ask` did: the check, and the entry when the ask was recorded (None: a cold
    ask not confirmed, so nothing was written)."""

    check: AskCheck
    entry: LedgerEntry | None = None


@dataclass
class IntroStep:
    """An introduction after a step: where it stands, what it waits on, and the message to
    send next (`draft`, to `draft_to`; "" when none); `logged` is the interaction recorded
    for the step, `gives` the gives recorded when the introduction was made."""

    intro: Introduction
    waiting_on: str
    draft: str = ""
    draft_to: str = ""
    logged: Interaction | None = None
    gives: list[LedgerEntry] = field(default_factory=list)


@dataclass
class OpenIntro:
    """An open introduction on the Giving screen: the message to send at its stage ("" when
    none) and the steps that can follow."""

    intro: Introduction
    draft: str
    next_steps: list[Step]


@dataclass
class GivingScreen:
    """The Giving screen in one read: the ledger overview, open introductions, suggested
    gives and intros (or why there are none), and who an item fits when one is given."""

    overview: LedgerOverview
    intros: list[OpenIntro]
    gives: list[GiveSuggestion]
    gives_unavailable: Unavailable | None
    intro_ideas: list[IntroSuggestion]
    intro_ideas_unavailable: Unavailable | None
    share: ShareResult | None


class GivingCases(Base):
    """Giving first: the ledger, the ask check, intros, gives and shares."""

    _matcher: Matcher | None = None

    @property
    def matcher(self) -> Matcher:
        """The needs↔offers matcher, loaded on first use (semantic when installed)."""
        if self._matcher is None:
            from kith.core.matching.semantic import default_matcher

            self._matcher = default_matcher(self.settings.matcher)
        return self._matcher

    @matcher.setter
    def matcher(self, value: Matcher) -> None:
        self._matcher = value

    # --- the ledger ----------------------------------------------------------

    def ledger_of(self, ref: str) -> PersonLedger:
        """Everything between the user and one person, each way, and what is open."""
        from kith.core import giving as g

        with self.store.unit() as repo:
            person = self._person(repo, ref)
            assert person.id is not None
            entries = [replace(e, person=person.display_name) for e in repo.ledger_for(person.id)]
            intros = [described(i) for i in repo.intros(True, person.id)]
            return g.person_ledger(person.id, person.display_name, entries, intros)

    def ledger_overview(self) -> LedgerOverview:
        """The ledger over everyone: totals, people only asked of, help never thanked,
        overdue open gives and asks, and my gives per month."""
        from kith.core import giving as g

        today = self.today()
        with self.store.unit() as repo:
            only, only_total = repo.only_asked(LISTED)
            unthanked, unthanked_total = repo.unthanked(LISTED)
            overdue, overdue_total = repo.open_before(g.overdue_cutoff(today), LISTED)
            days = repo.my_give_days(g.months_back(today))
            return g.LedgerOverview(
                repo.ledger_totals(), [g.OnlyAsked(*row) for row in only], only_total,
                unthanked, unthanked_total, [g.open_item(e, today) for e in overdue],
                overdue_total, g.gives_per_month(days, today),
            )  # fmt: skip

    # --- the ask check -------------------------------------------------------

    def ask_check(self, ref: str) -> AskCheck:
        """Whether the tie to `ref` can carry an ask; a cold one comes with gives that fit."""
        with self.store.unit() as repo:
            return self._ask_check(repo, self._resolve_id(repo, ref))

    def ask(
        self,
        ref: str,
        what: str,
        kind: GiveKind = GiveKind.OTHER,
        status: Status | None = None,
        when: str | None = None,
        interaction_id: int | None = None,
        confirmed: bool = False,
    ) -> AskOutcome:
        """Check, then record an ask: a warm one at once, a cold one only when `confirmed`
        (one transaction: the check and the write see the same ledger)."""

        if not what.strip():
            raise InvalidInput("Say what you are asking.", 'e.g. "referral for the Staff role".')
        on = dates.parse_date(when, self.today()) if when else self.today()
        with self.store.unit(write=True) as repo:
            check = self._ask_check(repo, self._resolve_id(repo, ref), with_gives=not confirmed)
            if not check.warm and not confirmed:
                return AskOutcome(check)
            if interaction_id is not None and not repo.took_part(check.person_id, interaction_id):
                raise NotFound(
                    f"{check.person} was not in interaction #{interaction_id}.",
                    Hint(Do.SHOW_PERSON, check.person),
                )
            entry = LedgerEntry(
                check.person_id, Direction.I_ASKED, what.strip(), on, kind,
                status or Status.OPEN, interaction_id, person=check.person,
            )  # fmt: skip
            entry.id = repo.insert_ledger_entry(entry, self.clock())
            self._resettle(repo, [check.person_id], ledger_inputs(entry, self.clock()))
            return AskOutcome(check, entry)

    def _ask_check(self, repo: Repository, person_id: int, with_gives: bool = True) -> AskCheck:
        now = self.clock()
        check = check_ask(tie_facts(repo, [person_id], now)[person_id], self.settings.asks, now)
        if check.warm or not with_gives:
            return check
        return replace(check, gives=tuple(self._gives_for(repo, person_id)))

    def _gives_for(self, repo: Repository, person_id: int, most: int = 3) -> list[GiveIdea]:
        """Up to `most` gives that fit someone: my offers against their needs and interests,
        then plain gestures drawn from them when nothing fits."""
        from kith.core.matching import best_fits

        facets = repo.facets([person_id], ("need", "interest")).get(person_id, {})
        needs, interests = facets.get("need", []), facets.get("interest", [])
        offers = repo.get_me().offers
        ideas = [
            GiveIdea(f"Offer: {fit.offer}", fit.need, round(fit.score, 3))
            for fit in best_fits(self.matcher, needs + interests, offers, limit=most)
        ]
        gestures = [
            *(GiveIdea(f"Ask how “{n}” is going, and think who you could introduce", n)
              for n in needs),
            *(GiveIdea(f"Send them something on {i}", i) for i in interests),
            GiveIdea("Check in: ask what they are working on these days"),
        ]  # fmt: skip
        covered = {idea.for_their for idea in ideas}
        ideas += [idea for idea in gestures if idea.for_their not in covered or not idea.for_their]
        return ideas[: max(most, 2)]

    # --- who could use what --------------------------------------------------

    def suggest_intros(self, limit: int = 10) -> list[IntroSuggestion]:
        """Pairs worth introducing among the strongest ties (core.giving.POOL), ranked by fit
        and by the weaker of the user's two ties."""
        from kith.core import giving as g
        from kith.core.matching import best_fits

        if limit < 1:
            raise InvalidInput(
                "The limit must be at least 1.",
                Hint(Do.GIVE_LIMIT),
                field="limit",
                value=str(limit),
            )
        with self.store.unit() as repo:
            pool = self._pool(repo, g.POOL, ("need", "offer"))
            already = repo.introduced_pairs([c.id for c in pool])
        needs = [n for c in pool for n in c.needs]
        offers = [o for c in pool for o in c.offers]
        fits = best_fits(self.matcher, needs, offers, limit=MOST_FITS)
        return g.rank_intros(pool, fits, already, limit)

    def suggest_gives(self, limit: int = 10) -> list[GiveSuggestion]:
        """People (among the strongest ties, core.giving.POOL) whose needs fit my offers."""
        from kith.core import giving as g
        from kith.core.matching import best_fits

        if limit < 1:
            raise InvalidInput(
                "The limit must be at least 1.",
                Hint(Do.GIVE_LIMIT),
                field="limit",
                value=str(limit),
            )
        with self.store.unit() as repo:
            offers = repo.get_me().offers
            if not offers:
                raise NotFound("Your profile lists no offers.", Hint(Do.SET_OWN_OFFER))
            pool = self._pool(repo, g.POOL, ("need",))
        fits = best_fits(self.matcher, [n for c in pool for n in c.needs], offers, MOST_FITS)
        return g.rank_gives(pool, fits, limit)

    def _pool(self, repo: Repository, size: int, kinds: Sequence[str]) -> list[Candidate]:
        from kith.core import giving as g

        now = self.clock()
        ties = repo.pool(size)
        facets = repo.facets([pid for pid, _, _ in ties], kinds)
        return [
            g.Candidate(
                pid,
                name,
                strength_from_key(key, now),
                tuple(facets.get(pid, {}).get("need", ())),
                tuple(facets.get(pid, {}).get("offer", ())),
                tuple(facets.get(pid, {}).get("interest", ())),
            )
            for pid, name, key in ties
        ]

    # --- introductions -------------------------------------------------------

    def open_intro(self, a_ref: str, b_ref: str, why: str) -> IntroStep:
        """Open a double-opt-in introduction of A to B; A is asked first."""
        with self.store.unit(write=True) as repo:
            a_id, b_id = self._resolve_id(repo, a_ref), self._resolve_id(repo, b_ref)
            if a_id == b_id:
                raise InvalidInput("An introduction needs two different people.", "")
            if (open_one := repo.intro_between(a_id, b_id)) is not None:
                raise Conflict(
                    f"Introduction #{open_one.id} between them is already open.",
                    Hint(Do.ADVANCE_INTRO, id=open_one.id),
                )
            parties = repo.parties([a_id, b_id])
            intro = Introduction(parties[a_id], parties[b_id], why.strip(), Stage.ASKED_A,
                                 self.today())  # fmt: skip
            intro.id = repo.insert_intro(intro, self.clock())
            draft = draft_for(intro, repo.get_me().name)
            logged = self._log_step(
                repo, [a_id], f"Asked {intro.a.name} about an introduction to {intro.b.name}",
                intro, Initiator.ME,
            )  # fmt: skip
            return IntroStep(described(intro), intro.waiting, draft, intro.a.name, logged)

    def advance_intro(self, intro_id: int, step: Step, note: str = "") -> IntroStep:
        """Take an introduction one step on; returns the next message to send, if any."""
        with self.store.unit(write=True) as repo:
            intro = repo.get_intro(intro_id)
            if intro is None:
                raise NotFound(f"There is no introduction #{intro_id}.", Hint(Do.LIST_INTROS))
            if step is Step.OUTCOME and not note.strip():
                raise InvalidInput(
                    "Say what came of it.",
                    Hint(Do.ADVANCE_INTRO, id=intro_id, value=step.value),
                    field="note",
                )
            before = intro.stage
            concerned = awaited(intro) or (intro.a if before is Stage.A_AGREED else intro.b)
            intro.stage = advance(intro, step)
            if step is Step.DECLINED:
                intro.declined_by = "a" if concerned is intro.a else "b"
            if step is Step.OUTCOME:
                intro.outcome = note.strip()
            repo.update_intro(intro, self.clock())
            result = IntroStep(described(intro), intro.waiting)
            result.logged = self._log_transition(repo, intro, step, concerned, note)
            if intro.stage is Stage.INTRODUCED:
                result.gives = self._intro_gives(repo, intro)
            result.draft = draft_for(intro, repo.get_me().name)
            result.draft_to = _draft_to(intro)
            return result

    def giving_screen(self, suggested: int = 5, item: str = "", about: str = "") -> GivingScreen:
        """Everything the Giving screen shows, in one transaction: `suggested` gives and
        intros each, and who `item` fits when one is given (nothing is shared)."""
        with self.store.unit() as repo:
            me = repo.get_me().name
            intros = [OpenIntro(i, draft_for(i, me), next_steps(i.stage)) for i in self.intros()]
            gives, gives_unavailable = _or_why(lambda: self.suggest_gives(suggested))
            ideas, ideas_unavailable = _or_why(lambda: self.suggest_intros(suggested))
            share = self.share(item, about) if item.strip() else None
            return GivingScreen(
                self.ledger_overview(), intros, gives, gives_unavailable, ideas,
                ideas_unavailable, share,
            )  # fmt: skip

    def intros(self, include_closed: bool = False) -> list[Introduction]:
        """Introductions (open ones unless `include_closed`), each with what it waits on."""
        with self.store.unit() as repo:
            return [described(i) for i in repo.intros(not include_closed)]

    def _log_transition(
        self, repo: Repository, intro: Introduction, step: Step, concerned: Party, note: str
    ) -> Interaction | None:
        a, b = intro.a.name, intro.b.name
        if step is Step.OUTCOME:
            return None  # what came of it is a note on the introduction, not a contact
        if step is Step.INTRODUCED:
            return self._log_step(repo, [intro.a.id, intro.b.id], f"Introduced {a} and {b}",
                                  intro, Initiator.ME, Kind.EMAIL)  # fmt: skip
        if step is Step.ASKED:
            return self._log_step(repo, [intro.b.id], f"Asked {b} about an introduction to {a}",
                                  intro, Initiator.ME)  # fmt: skip
        other = b if concerned is intro.a else a
        said = "agreed to" if step is Step.AGREED else "declined"
        text = f"{concerned.name} {said} an introduction to {other}"
        return self._log_step(repo, [concerned.id], text + (f": {note}" if note else ""),
                              intro, Initiator.THEM)  # fmt: skip

    def _log_step(
        self, repo: Repository, ids: list[int], summary: str, intro: Introduction,
        initiated_by: Initiator, kind: Kind = Kind.MESSAGE,
    ) -> Interaction:  # fmt: skip
        names = repo.names(ids)
        touch = Interaction(
            self.clock(), kind, ids, initiated_by=initiated_by,
            summary=f"{summary} (introduction #{intro.id})", people=[names[i] for i in ids],
        )  # fmt: skip
        touch.id = repo.insert_interaction(touch, self.clock())
        self._touch(repo, touch)
        return touch

    def _intro_gives(self, repo: Repository, intro: Introduction) -> list[LedgerEntry]:
        """The introduction, recorded as a give to each of them."""
        gives = []
        for to, other in ((intro.a, intro.b), (intro.b, intro.a)):
            entry = LedgerEntry(
                to.id, Direction.I_GAVE, f"Introduced to {other.name}"
                + (f": {intro.why}" if intro.why else ""), self.today(), GiveKind.INTRODUCTION,
                Status.DONE, person=to.name,
            )  # fmt: skip
            entry.id = repo.insert_ledger_entry(entry, self.clock())
            self._resettle(repo, [to.id], ledger_inputs(entry, self.clock()))
            gives.append(entry)
        return gives

    # --- sharing -------------------------------------------------------------

    def share(self, item: str, about: str = "", to: Sequence[str] = ()) -> ShareResult:
        """Who an item (a link or a topic) fits; with `to`, share it with them: one give of
        kind article each, never more than the share_max_people setting, never anyone sent
        something in the last week (they are listed as skipped)."""
        from kith.core import giving as g

        if not item.strip():
            raise InvalidInput("Say what you are sharing.", Hint(Do.SHARE), field="what")
        topic = about.strip() or item.strip()
        most = self.settings.share_max_people
        if len(to) > most:
            raise InvalidInput(
                f"That is {len(to)} people; an item goes to {most} at most.",
                "Pick fewer, or raise the share_max_people setting.",
            )
        with self.store.unit(write=bool(to)) as repo:
            result = g.ShareResult(item.strip(), topic, self._share_candidates(repo, topic),
                                 max_people=most)  # fmt: skip
            chosen = [self._resolve_id(repo, ref) for ref in to]
            recent = repo.shared_since(
                [c.person_id for c in result.candidates] + chosen,
                self.today() - timedelta(days=g.SHARE_GAP_DAYS - 1),
            )
            names = repo.names(recent)
            result.skipped = [g.recently_shared(pid, names[pid], on, self.today())
                              for pid, on in recent.items()]  # fmt: skip
            result.candidates = [c for c in result.candidates if c.person_id not in recent]
            for pid in dict.fromkeys(p for p in chosen if p not in recent):
                result.shared.append(self._share_one(repo, pid, result))
            return result

    def _share_candidates(self, repo: Repository, topic: str) -> list[ShareCandidate]:
        from kith.core import giving as g
        from kith.core.matching import best_fits

        pool = self._pool(repo, g.SHARE_POOL, ("interest", "need"))
        texts = [t for c in pool for t in (*c.interests, *c.needs)]
        fits = best_fits(self.matcher, texts, [topic], limit=MOST_FITS)
        return g.share_candidates(pool, fits, limit=10)

    def _share_one(self, repo: Repository, person_id: int, result: ShareResult) -> LedgerEntry:
        what = result.item if result.item == result.about else f"{result.item} ({result.about})"
        entry = LedgerEntry(person_id, Direction.I_GAVE, f"Shared {what}", self.today(),
                            GiveKind.ARTICLE, Status.DONE,
                            person=repo.names([person_id])[person_id])  # fmt: skip
        entry.id = repo.insert_ledger_entry(entry, self.clock())
        self._resettle(repo, [person_id], ledger_inputs(entry, self.clock()))
        return entry


def tie_facts(repo: Repository, person_ids: Sequence[int], now: datetime) -> dict[int, TieFacts]:
    """What the ask check reads about each person: the tie now and the ledger between
    you (the job search's referral readiness reads the same, so both judge a tie alike)."""
    standings, names = repo.standings(person_ids), repo.names(person_ids)
    return {
        pid: TieFacts(pid, names[pid], s.strength(now), s.circle, s.last_contact,
                      s.interaction_count, tuple(repo.ledger_for(pid)))
        for pid, s in standings.items()
    }  # fmt: skip


def _or_why(find: Callable[[], list[_T]]) -> tuple[list[_T], Unavailable | None]:
    """What `find` finds, or why there is nothing (no offers yet is a finding)."""
    try:
        return find(), None
    except KithError as error:  # raised before any query: the transaction is still sound
        return [], Unavailable(error.message, error.hint)


def _draft_to(intro: Introduction) -> str:
    if intro.stage is Stage.A_AGREED:
        return intro.b.name
    if intro.stage is Stage.B_AGREED:
        return f"{intro.a.name} and {intro.b.name}"
    return ""


def agenda_with_giving(
    repo: Repository, entries: list[AgendaEntry], facts: AgendaFacts
) -> list[AgendaEntry]:
    """The agenda with giving's word: an introduction waiting on the user is said in
    `why`, and a keeping-in-touch entry gets one of my offers that meets their need or
    interest as its action. Word overlap through the matcher's normalisation, not the
    matcher itself: loading either matcher would slow `kith today` (docs/giving.md). The
    needs and interests are the ones the agenda's facts already hold (no second query)."""
    ids = [e.person_id for e in entries]
    waiting = {p.id: your_move(i) for i in repo.intros_waiting_on_me(ids) for p in (i.a, i.b)}
    briefs = {t.person.id: t.person for t in facts.due}
    briefs.update((t.person.id, t.person) for t in facts.dormant)
    for entry in entries:
        if entry.person_id in waiting:
            entry.why.append(waiting[entry.person_id])
        brief = briefs.get(entry.person_id)
        if brief is None or not {Reason.DUE, Reason.DORMANT} & set(entry.reasons):
            continue
        offer = _offer_for({"need": brief.needs, "interest": brief.interests}, facts.my_offers)
        if offer and not entry.action.startswith(("Reconnect:", "Offer ")):
            entry.action = offer
    return entries


def _offer_for(facets: dict[str, tuple[str, ...]], my_offers: Sequence[str]) -> str:
    from kith.core.matching import shared_words

    for kind in ("need", "interest"):
        for text in facets.get(kind, ()):
            for offer in my_offers:
                if shared_words(text, offer):
                    return f"Offer what you can give: “{offer}” (their {kind}: “{text}”)."
    return ""
