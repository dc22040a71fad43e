"""Import (a file upload), the review queue, and export."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.responses import Response

from kith.web.api.models import Id, MergeBody, MinScore, ReviewDecision
from kith.web.api.people import ok
from kith.web.deps import kith_of
from kith.web.uploads import check_length, export_response, import_upload

router = APIRouter(tags=["import"])
Format = Literal["kith-json", "linkedin", "vcard", "ics", "mail", "csv", "archive"]


@router.post("/import", summary="Import an uploaded file (kith import)")
def import_file(
    request: Request,
    file: Annotated[UploadFile, File(description="up to 50 MB")],
    format: Annotated[Format | None, Form()] = None,
    dry_run: Annotated[bool, Form()] = False,
) -> Response:
    check_length(request)
    summary, _ = import_upload(kith_of(request), file, format, dry_run)
    return ok(summary)


@router.get("/review", summary="Imported records waiting for a decision (kith review)")
def review(request: Request, all: bool = False) -> Response:
    return ok(kith_of(request).review_queue(include_decided=all))


@router.post("/review/{item_id}", summary="Merge or keep apart (kith review ID merge|apart)")
def decide(request: Request, item_id: Id, body: ReviewDecision) -> Response:
    return ok(kith_of(request).decide_review(item_id, body.decision))


@router.post("/review/accept", summary="Merge every waiting item (kith review --accept-all)")
def accept(request: Request, body: MinScore) -> Response:
    return ok(kith_of(request).accept_reviews(body.min_score))


@router.get("/duplicates", summary="People who may be one person (kith duplicates)")
def duplicates(request: Request) -> Response:
    return ok(kith_of(request).duplicates())


@router.post("/duplicates/merge", summary="Merge every likely duplicate (kith duplicates --merge)")
def merge_duplicates(request: Request, body: MinScore) -> Response:
    return ok(kith_of(request).merge_duplicates(body.min_score))


@router.post("/merge", summary="Merge one person into another (kith merge)")
def merge(request: Request, body: MergeBody) -> Response:
    return ok(kith_of(request).merge(f"#{body.keep_id}", f"#{body.other_id}"))


@router.post(
    "/people/{person_id}/unmerge", summary="Undo the latest merge into a person (kith unmerge)"
)
def unmerge(request: Request, person_id: Id) -> Response:
    return ok(kith_of(request).unmerge(f"#{person_id}"))


@router.get("/export/{fmt}", summary="The network as vCard, CSV or JSON (kith export)")
def export(request: Request, fmt: Literal["vcard", "csv", "json"]) -> Response:
    return export_response(kith_of(request), fmt)
