"""Import: upload a file and see what the import did (the import runs while the request
waits, then the summary page shows), decide the review queue (merge / keep apart), and
export the network as vCard, CSV or JSON. Uploads are handled in web/uploads.py."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from kith.importers.detect import FORMATS
from kith.web.api.models import Id
from kith.web.deps import kith_of, views_of
from kith.web.forms import Fields
from kith.web.uploads import (
    CHUNK,
    EXPORTS,
    MAX_UPLOAD,
    export_response,
    import_upload,
    shown_origin,
    upload_form,
)

router = APIRouter()
NAV = [("Import", "/import")]


@router.get("/import", include_in_schema=False)
def import_page(request: Request, all: bool = False) -> Response:
    items = kith_of(request).review_queue(include_decided=all)
    return views_of(request).page(
        request, "import.html", items=items, formats=list(FORMATS), showing_all=all,
        limit_mb=MAX_UPLOAD // CHUNK, origin=shown_origin, exports=list(EXPORTS),
    )  # fmt: skip


@router.post("/import", include_in_schema=False)
def upload(request: Request, form: Annotated[FormData, Depends(upload_form)]) -> Response:
    fmt = str(form.get("format") or "") or None
    dry_run = str(form.get("dry_run") or "") in ("1", "on", "true", "yes")
    summary, name = import_upload(kith_of(request), form.get("file"), fmt, dry_run)
    return views_of(request).page(request, "import_done.html", summary=summary, name=name)


@router.post("/import/review/{item_id}", include_in_schema=False)
def decide(request: Request, item_id: Id, form: Fields) -> Response:
    item = kith_of(request).decide_review(item_id, form.get("decision", ""))
    said = "merged into" if item.decision == "merge" else "kept apart from"
    return views_of(request).redirect("/import#review-h", f"{item.name}: {said} {item.candidate}.")


@router.get("/export/{fmt}", include_in_schema=False)
def export(request: Request, fmt: str) -> Response:
    return export_response(kith_of(request), fmt)
