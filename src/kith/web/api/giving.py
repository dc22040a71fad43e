"""Giving: the ledger read both ways, the ask check, suggestions, introductions, sharing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from kith.web.api.models import Id, IntroAdvance, NewIntro, ShareItem
from kith.web.api.people import Ref, ok
from kith.web.deps import kith_of

router = APIRouter(tags=["giving"])
Limit = Annotated[int, Query(ge=1, le=100)]


@router.get("/ledger", summary="The ledger over everyone (kith ledger)")
def ledger_overview(request: Request) -> Response:
    return ok(kith_of(request).ledger_overview())


@router.get("/people/{ref}/ledger", summary="The ledger with one person (kith ledger NAME)")
def ledger_of(request: Request, ref: Ref) -> Response:
    return ok(kith_of(request).ledger_of(ref))


@router.get("/people/{ref}/ask-check", summary="Can the tie carry an ask (the ask check)")
def ask_check(request: Request, ref: Ref) -> Response:
    return ok(kith_of(request).ask_check(ref))


@router.get("/suggestions/intros", summary="Pairs worth introducing (kith suggest intros)")
def suggest_intros(request: Request, limit: Limit = 10) -> Response:
    return ok(kith_of(request).suggest_intros(limit))


@router.get("/suggestions/gives", summary="People my offers fit (kith suggest gives)")
def suggest_gives(request: Request, limit: Limit = 10) -> Response:
    return ok(kith_of(request).suggest_gives(limit))


@router.get("/intros", summary="Introductions and what each waits on (kith intros)")
def intros(request: Request, all: bool = False) -> Response:
    return ok(kith_of(request).intros(all))


@router.post("/intros", status_code=201, summary="Open an introduction (kith intro A B)")
def open_intro(request: Request, body: NewIntro) -> Response:
    return ok(kith_of(request).open_intro(body.a, body.b, body.why), 201)


@router.post("/intros/{intro_id}/advance", summary="Move an introduction on (kith intro advance)")
def advance_intro(request: Request, intro_id: Id, body: IntroAdvance) -> Response:
    return ok(kith_of(request).advance_intro(intro_id, body.step, body.note))


@router.post("/share", summary="Who an item fits; with `to`, share it (kith share)")
def share(request: Request, body: ShareItem) -> Response:
    return ok(kith_of(request).share(body.item, body.about, body.to))
