"""The agenda and acting on it, circles, health, my profile, rebuild."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from kith.web.api.models import Done, MeChange, Snooze
from kith.web.api.people import Ref, ok
from kith.web.deps import kith_of

router = APIRouter(tags=["keeping"])


@router.get("/agenda", summary="Today's agenda (kith today)")
def agenda(
    request: Request, limit: Annotated[int, Query(ge=1, le=10_000)] = 7, all: bool = False
) -> Response:
    return ok(kith_of(request).agenda(None if all else limit))


@router.post("/agenda/{ref}/done", summary="Act on an agenda entry (kith done)")
def done(request: Request, ref: Ref, body: Done | None = None) -> Response:
    body = body or Done()
    return ok(kith_of(request).done(ref, body.what, body.kind, body.notes))


@router.post("/agenda/{ref}/snooze", summary="Keep off the agenda for a while (kith snooze)")
def snooze(request: Request, ref: Ref, body: Snooze | None = None) -> Response:
    until = kith_of(request).snooze(ref, (body or Snooze()).duration)
    return ok({"until": until})


@router.post("/agenda/{ref}/skip", summary="Skip this round (kith skip)")
def skip(request: Request, ref: Ref) -> Response:
    return ok({"until": kith_of(request).skip(ref)})


@router.get("/circles", summary="Circles against capacity (kith circles)")
def circles(request: Request) -> Response:
    return ok(kith_of(request).circles())


@router.get("/health", summary="The network health report (kith health)")
def health(request: Request) -> Response:
    return ok(kith_of(request).health())


@router.get("/me", summary="My profile (kith me)")
def me(request: Request) -> Response:
    return ok(kith_of(request).me())


@router.patch("/me", summary="Change my profile (kith me --…)")
def update_me(request: Request, body: MeChange) -> Response:
    add = {str(k): v for k, v in body.add.items()}
    remove = {str(k): v for k, v in body.remove.items()}
    return ok(kith_of(request).update_me(body.name, add, remove))


@router.post("/rebuild", summary="Recompute derived state (kith rebuild)")
def rebuild(request: Request) -> Response:
    return ok({"corrected": kith_of(request).rebuild()})
