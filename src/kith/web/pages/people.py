"""People: search as you type, filters, sort and pages; adding someone; finding text."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from starlette.responses import HTMLResponse, Response

from kith.app import SORTS
from kith.core.circles import Circle
from kith.core.contact import ListField
from kith.web.deps import kith_of, views_of
from kith.web.forms import Fields, new_values, scalar_fields

router = APIRouter()
NAV = [("People", "/people")]
PAGE_SIZE = 50


@router.get("/people", include_in_schema=False)
def people(
    request: Request,
    q: str = "",
    circle: str = "",
    tag: str = "",
    org: str = "",
    quiet: str = "",
    overdue: bool = False,
    archived: bool = False,
    sort: str = "name",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    partial: bool = False,
) -> Response:
    page = max(page, 1)
    found = kith_of(request).list_people(
        tag or None, org or None, quiet or None, sort, PAGE_SIZE + 1, archived,
        circle or None, q or None, (page - 1) * PAGE_SIZE, overdue,
    )  # fmt: skip
    filters = {"q": q, "circle": circle, "tag": tag, "org": org, "quiet": quiet, "sort": sort}
    if overdue:
        filters["overdue"] = "1"
    if archived:
        filters["archived"] = "1"
    context: dict[str, Any] = {
        "people": found[:PAGE_SIZE], "more": len(found) > PAGE_SIZE, "page": page,
        "filters": filters, "query": urlencode({k: v for k, v in filters.items() if v}),
        "circles": [c.value for c in Circle], "sorts": SORTS,
    }  # fmt: skip
    views = views_of(request)
    if partial:  # search as you type asks for the results only
        return HTMLResponse(views.fragment("_people_results.html", **context))
    return views.page(request, "people.html", **context)


@router.get("/people/new", include_in_schema=False)
def new_person(request: Request) -> Response:
    return views_of(request).page(request, "person_new.html", fields=list(ListField))


@router.post("/people", include_in_schema=False)
def add_person(request: Request, form: Fields) -> Response:
    person = kith_of(request).add_person(
        form.get("name", ""), new_values(form), **scalar_fields(form, keep_empty=False)
    )
    return views_of(request).redirect(
        f"/people/{person.id}", f"Added {person.display_name} (#{person.id})."
    )


@router.get("/find", include_in_schema=False)
def find(request: Request, q: str = "") -> Response:
    result = kith_of(request).find(q) if q.strip() else None
    return views_of(request).page(request, "find.html", q=q, result=result)
