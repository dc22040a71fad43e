"""The job search: search mode, targets, warm paths, knows, informational interviews,
opportunities and the weekly goals."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from kith.web.api.models import (
    Id,
    MeetingStep,
    NewKnows,
    NewMeeting,
    NewOpportunity,
    NewTarget,
    OpportunityMove,
    SearchGoal,
)
from kith.web.api.people import Ref, ok
from kith.web.deps import kith_of

router = APIRouter(tags=["job search"])


@router.get("/job-search", summary="The current or last search (kith search)")
def status(request: Request) -> Response:
    return ok(kith_of(request).search_status())


@router.post("/job-search/start", summary="Turn search mode on (kith search start)")
def start(request: Request, body: SearchGoal | None = None) -> Response:
    return ok(kith_of(request).search_start((body or SearchGoal()).goal))


@router.post("/job-search/stop", summary="Turn search mode off (kith search stop)")
def stop(request: Request) -> Response:
    return ok(kith_of(request).search_stop())


@router.get("/targets", summary="Target companies, ranked (kith targets)")
def targets(request: Request) -> Response:
    return ok(kith_of(request).targets())


@router.post("/targets", status_code=201, summary="Add or update a target (kith target add)")
def target_add(request: Request, body: NewTarget) -> Response:
    made = kith_of(request).target_add(body.company, body.role, body.priority, body.notes)
    return ok(made, 201)


@router.delete("/targets/{company}", summary="Remove a target (kith target remove)")
def target_remove(request: Request, company: str) -> Response:
    return ok(kith_of(request).target_remove(company))


@router.get("/paths/{company}", summary="Warm paths into a company (kith paths)")
def paths(
    request: Request, company: str, limit: Annotated[int, Query(ge=1, le=100)] = 10
) -> Response:
    return ok(kith_of(request).paths(company, limit))


@router.post("/knows", status_code=201, summary="Two people know each other (kith knows)")
def knows(request: Request, body: NewKnows) -> Response:
    return ok(kith_of(request).knows(body.a, body.b, body.how), 201)


@router.get("/meetings", summary="Informational interviews (kith meetings)")
def meetings(request: Request) -> Response:
    return ok(kith_of(request).meetings())


@router.post("/meetings", status_code=201, summary="Plan an informational interview (kith meet)")
def meet(request: Request, body: NewMeeting) -> Response:
    return ok(kith_of(request).meet(body.person, body.about, body.on, body.questions), 201)


@router.post("/meetings/{ref}/step", summary="held, replied or reported (kith meet --held …)")
def meet_step(request: Request, ref: Ref, body: MeetingStep) -> Response:
    return ok(kith_of(request).meet_step(ref, body.step, body.on))


@router.get("/opportunities", summary="The board and who produced what (kith opps)")
def opportunities(request: Request) -> Response:
    return ok(kith_of(request).opps())


@router.post("/opportunities", status_code=201, summary="Add an opportunity (kith opp add)")
def opp_add(request: Request, body: NewOpportunity) -> Response:
    app = kith_of(request)
    return ok(app.opp_add(body.title, body.via, body.company, body.stage, body.notes), 201)


@router.post("/opportunities/{opp_id}/move", summary="Move to a stage (kith opp move)")
def opp_move(request: Request, opp_id: Id, body: OpportunityMove) -> Response:
    return ok(kith_of(request).opp_move(opp_id, body.stage, body.on))


@router.get("/week", summary="This week's goals, progress and streak (kith week)")
def week(request: Request) -> Response:
    return ok(kith_of(request).week())
