"""Request bodies of the API (what clients send); responses are `kith.serialize` shapes."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field

from kith.core.contact import ListField
from kith.core.interactions import Initiator, Kind
from kith.core.intros import Step as IntroStepName
from kith.core.ledger import Direction, GiveKind, Status
from kith.core.people import Organization

MeList = Literal["emails", "phones", "offers", "needs", "goals"]
Id = Annotated[int, Path(ge=1, le=2**62, description="an id, as listed")]  # fits the databases
Text = Field(default=None, max_length=10_000)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OrgHeld(Strict):
    """An organization held, by its fields (a name may hold colons)."""

    name: str = Field(min_length=1, max_length=500)
    title: str = Field(default="", max_length=500)
    start: date | None = None
    end: date | None = None

    def organization(self) -> Organization:
        return Organization(self.name, self.title, self.start, self.end)


class PersonLists(Strict):
    """List values as text; an organization as its fields (`OrgHeld`), or as the text
    ORG[:TITLE[:START[:END]]] still accepted."""

    emails: list[str] = []
    phones: list[str] = []
    links: list[str] = []
    orgs: list[OrgHeld | str] = []
    tags: list[str] = []
    interests: list[str] = []
    needs: list[str] = []
    offers: list[str] = []
    dates: list[str] = []

    def values(self) -> dict[ListField, list[str | Organization]]:
        return {
            f: [
                v.organization() if isinstance(v, OrgHeld) else v
                for v in getattr(self, f.attribute)
            ]
            for f in ListField
            if getattr(self, f.attribute)
        }


class PersonFields(Strict):
    given_name: str | None = Text
    family_name: str | None = Text
    location: str | None = Text
    notes: str | None = Text
    met_context: str | None = Text
    met_where: str | None = Text
    met_on: str | None = Text
    introduced_by: str | None = Text

    def scalars(self) -> dict[str, Any]:
        names = PersonFields.model_fields
        return {n: getattr(self, n) for n in names if getattr(self, n) is not None}


class NewPerson(PersonFields):
    display_name: str = Field(max_length=500)
    add: PersonLists = PersonLists()


class PersonChange(PersonFields):
    display_name: str | None = Field(default=None, max_length=500)
    add: PersonLists = PersonLists()
    remove: PersonLists = PersonLists()


class NewInteraction(Strict):
    text: str = Field(max_length=10_000)
    kind: Kind | None = None
    with_people: list[str] = Field(default=[], max_length=500)
    when: str | None = Text
    initiated_by: Initiator | None = None
    notes: str = Field(default="", max_length=100_000)


class NewLedgerEntry(Strict):
    person: str = Field(max_length=500)
    direction: Direction
    what: str = Field(max_length=10_000)
    kind: GiveKind = GiveKind.OTHER
    status: Status | None = None
    when: str | None = Text
    interaction_id: int | None = Field(default=None, ge=1, le=2**62)
    anyway: bool = Field(
        default=False, description="i_asked: record a cold ask without the check stopping it"
    )


class NewFollowUp(Strict):
    person: str = Field(max_length=500)
    what: str = Field(max_length=10_000)
    due: str | None = Text


class Done(Strict):
    what: str | None = Text
    kind: Kind | None = None
    notes: str = Field(default="", max_length=100_000)


class Snooze(Strict):
    duration: str = Field(default="1w", max_length=100)


class CircleChoice(Strict):
    circle: str = Field(max_length=20, description="inner, close, active, wider, dormant or auto")


class CadenceChoice(Strict):
    cadence: str | None = Field(
        default=None, max_length=100, description="e.g. 6w; null: the circle's"
    )


class MeChange(Strict):
    name: str | None = Field(default=None, max_length=500)
    add: dict[MeList, list[str]] = {}
    remove: dict[MeList, list[str]] = {}


class NewIntro(Strict):
    a: str = Field(max_length=500, description="asked first")
    b: str = Field(max_length=500)
    why: str = Field(default="", max_length=10_000)


class IntroAdvance(Strict):
    step: IntroStepName
    note: str = Field(default="", max_length=10_000)


class ShareItem(Strict):
    item: str = Field(max_length=10_000, description="a link or a topic")
    about: str = Field(default="", max_length=1_000)
    to: list[str] = Field(default=[], max_length=50, description="empty: list candidates only")


class SearchGoal(Strict):
    goal: str = Field(default="", max_length=1_000)


class NewTarget(Strict):
    company: str = Field(max_length=500)
    role: str = Field(default="", max_length=500)
    priority: int = Field(default=2, ge=1, le=3, description="1 most wanted")
    notes: str = Field(default="", max_length=10_000)


class NewKnows(Strict):
    a: str = Field(max_length=500)
    b: str = Field(max_length=500)
    how: str = Field(default="", max_length=1_000)


class NewMeeting(Strict):
    person: str = Field(max_length=500)
    about: str = Field(max_length=500, description="the company")
    on: str | None = Text
    questions: str = Field(default="", max_length=10_000)


class MeetingStep(Strict):
    step: Literal["held", "replied", "reported"]
    on: str | None = Text


OpportunityStage = Literal[
    "lead", "conversation", "referral", "applied", "interviewing", "offer", "accepted", "closed"
]


class NewOpportunity(Strict):
    title: str = Field(max_length=500)
    via: list[str] = Field(default=[], max_length=50)
    company: str = Field(default="", max_length=500)
    stage: OpportunityStage = "lead"
    notes: str = Field(default="", max_length=10_000)


class OpportunityMove(Strict):
    stage: OpportunityStage
    on: str | None = Text


class ReviewDecision(Strict):
    decision: Literal["merge", "apart"]


class MinScore(Strict):
    min_score: float = Field(0.0, ge=0, le=100, description="merge those scoring at least this")


class MergeBody(Strict):
    keep_id: int = Field(ge=1, le=2**62, description="the person kept")
    other_id: int = Field(ge=1, le=2**62, description="the person merged into them")
