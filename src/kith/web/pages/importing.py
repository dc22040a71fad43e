"""Import: upload a file and see what the import did (the import runs while the request
waits, then the summary page shows), how many wait for review (pages/identity.py), and
export the network as vCard, CSV or JSON. Uploads are handled in web/uploads.py."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from kith.importers.detect import FORMATS
from kith.web.deps import kith_of, views_of
from kith.web.uploads import (
    CHUNK,
    EXPORTS,
    MAX_UPLOAD,
    export_response,
    import_upload,
    upload_form,
)

router = APIRouter()
NAV = [("Import", "/import")]


@router.get("/import", include_in_schema=False)
def import_page(request: Request) -> Response:
    waiting = len(kith_of(request).review_queue())
    return views_of(request).page(
        request, "import.html", waiting=waiting, formats=list(FORMATS),
        limit_mb=MAX_UPLOAD // CHUNK, exports=list(EXPORTS),
    )  # fmt: skip


@router.post("/import", include_in_schema=False)
def upload(request: Request, form: Annotated[FormData, Depends(upload_form)]) -> Response:
    fmt = str(form.get("format") or "") or None
    dry_run = str(form.get("dry_run") or "") in ("1", "on", "true", "yes")
    summary, name = import_upload(kith_of(request), form.get("file"), fmt, dry_run)
    return views_of(request).page(request, "import_done.html", summary=summary, name=name)


@router.get("/export/{fmt}", include_in_schema=False)
def export(request: Request, fmt: str) -> Response:
    return export_response(kith_of(request), fmt)
