"""People: list, search, get, create, edit, archive, delete; circles and cadences."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import JSONResponse, Response

from kith.serialize import jsonable
from kith.web.api.models import CadenceChoice, CircleChoice, NewPerson, PersonChange
from kith.web.deps import kith_of

router = APIRouter(tags=["people"])
Ref = Annotated[str, "a name or an id"]


def ok(value: Any, status: int = 200) -> Response:
    """`value` in its docs/json.md shape."""
    return JSONResponse(jsonable(value), status_code=status)


@router.get("/people", summary="List people (kith list)")
def list_people(
    request: Request,
    q: Annotated[str | None, Query(max_length=200, description="part of the name")] = None,
    tag: Annotated[str | None, Query(max_length=200)] = None,
    org: Annotated[str | None, Query(max_length=200)] = None,
    circle: Annotated[str | None, Query(max_length=20)] = None,
    quiet_since: Annotated[str | None, Query(max_length=50)] = None,
    overdue: bool = False,
    sort: Annotated[str, Query(max_length=20)] = "name",
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    archived: bool = False,
) -> Response:
    return ok(
        kith_of(request).list_people(
            tag, org, quiet_since, sort, limit, archived, circle, q, offset, overdue
        )
    )


@router.get("/search", summary="Find people and interactions mentioning text (kith find)")
def find(
    request: Request,
    text: Annotated[str, Query(max_length=200)],
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> Response:
    return ok(kith_of(request).find(text, limit))


@router.post("/people", status_code=201, summary="Add a person (kith add)")
def add_person(request: Request, body: NewPerson) -> Response:
    person = kith_of(request).add_person(body.display_name, body.add.values(), **body.scalars())
    return ok(person, 201)


@router.get("/people/{ref}", summary="A person's whole record (kith show)")
def show_person(
    request: Request,
    ref: Ref,
    why: bool = False,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 20,
) -> Response:
    return ok(kith_of(request).show_person(ref, limit, why))


@router.patch("/people/{ref}", summary="Change a person (kith edit)")
def edit_person(request: Request, ref: Ref, body: PersonChange) -> Response:
    fields = body.scalars()
    if body.display_name is not None:
        fields["display_name"] = body.display_name
    return ok(kith_of(request).edit_person(ref, body.add.values(), body.remove.values(), **fields))


@router.post("/people/{ref}/archive", summary="Archive a person (kith archive)")
def archive(request: Request, ref: Ref) -> Response:
    return ok(kith_of(request).archive(ref))


@router.post("/people/{ref}/unarchive", summary="Unarchive a person (kith unarchive)")
def unarchive(request: Request, ref: Ref) -> Response:
    return ok(kith_of(request).archive(ref, archived=False))


@router.delete("/people/{ref}", summary="Delete a person (kith delete)")
def delete(request: Request, ref: Ref) -> Response:
    return ok(kith_of(request).delete_person(ref))


@router.put("/people/{ref}/circle", summary="Pin a circle, or auto (kith circle)")
def circle(request: Request, ref: Ref, body: CircleChoice) -> Response:
    return ok(kith_of(request).set_circle(ref, body.circle))


@router.put("/people/{ref}/cadence", summary="Own cadence, or null (kith cadence)")
def cadence(request: Request, ref: Ref, body: CadenceChoice) -> Response:
    return ok(kith_of(request).set_cadence(ref, body.cadence))
