"""Uploads and downloads of the network: an uploaded file imported, the network exported.

An upload is data, never a path: the request body is copied, up to MAX_UPLOAD bytes, into
a private temporary folder this process makes (mkdtemp: only this user can read it), and
only that file's path reaches the facade; the folder is removed afterwards. The client's
file name is only used, reduced to letters, digits, dots, dashes and spaces, as the
temporary file's name (its extension tells the format) and, as text, in the summary.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from io import StringIO
from pathlib import Path

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response

from kith.app import Kith
from kith.errors import InvalidInput
from kith.importers.detect import FORMATS
from kith.importers.pipeline import ImportSummary

MAX_UPLOAD = 50 * 1024 * 1024  # bytes: a large contacts or LinkedIn export fits easily
CHUNK = 1024 * 1024
EXPORTS = {"vcard": ("text/vcard", "vcf"), "csv": ("text/csv", "csv"),
           "json": ("application/json", "json")}  # fmt: skip
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")
_TEMP_FOLDER = re.compile(r"\S*kith-upload-[^/\\]*[/\\]")


def check_length(request: Request) -> None:
    """Refuse an upload that does not say its size, or says it is too big."""
    raw = request.headers.get("content-length", "")
    if not raw.isdigit():
        raise InvalidInput("The upload did not say its size.", "Send it from the form.")
    if int(raw) > MAX_UPLOAD + CHUNK:  # the form's own fields add a little
        raise _too_big()


async def upload_form(request: Request) -> FormData:
    """The import form (one file, a few fields), read before the route runs so the import
    itself happens in the thread pool, not on the event loop."""
    check_length(request)
    return await request.form(max_files=1, max_fields=10)


def import_upload(
    app: Kith, upload: object, fmt: str | None, dry_run: bool
) -> tuple[ImportSummary, str]:
    """Import an uploaded file (through a private temporary copy); the summary reads with
    the user's file name, which is returned too."""
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InvalidInput("Choose a file to import.", "vCard, CSV, ICS, mbox, LinkedIn zip …")
    if fmt is not None and fmt not in FORMATS:
        raise InvalidInput(f"There is no format '{fmt}'.", f"Use one of {', '.join(FORMATS)}.")
    name = Path(upload.filename.replace("\\", "/")).name[-200:] or "upload"
    with _private_copy(upload, name) as path:
        summary = app.import_paths([str(path)], fmt, dry_run)
    return _as_named(summary, str(path), name), name


def _too_big() -> InvalidInput:
    return InvalidInput(
        f"That file is over {MAX_UPLOAD // CHUNK} MB.",
        "Import a big file from the command line: kith import FILE.",
    )


@contextmanager
def _private_copy(upload: UploadFile, name: str) -> Iterator[Path]:
    """The upload copied into a folder only this user can read, removed afterwards; the
    size is counted as it is copied."""
    folder = Path(tempfile.mkdtemp(prefix="kith-upload-"))
    path = folder / (_UNSAFE.sub("_", name).lstrip(".")[-100:] or "upload")
    try:
        copied = 0
        with path.open("xb") as out:
            while chunk := upload.file.read(CHUNK):
                copied += len(chunk)
                if copied > MAX_UPLOAD:
                    raise _too_big()
                out.write(chunk)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def shown_origin(origin: str) -> str:
    """Where a record came from, without the temporary folder an upload was read from."""
    return _TEMP_FOLDER.sub("", origin)


def _as_named(summary: ImportSummary, path: str, name: str) -> ImportSummary:
    """The summary with the temporary path replaced by the user's file name."""
    problems = [replace(p, where=p.where.replace(path, name)) for p in summary.problems]
    sources = [s.replace(path, name) for s in summary.sources]
    return replace(summary, problems=problems, sources=sources)


def export_response(app: Kith, fmt: str) -> Response:
    """The whole network as a download (vcard, csv or json)."""
    if fmt not in EXPORTS:
        raise InvalidInput(f"Kith cannot export '{fmt}'.", "Use vcard, csv or json.")
    out = StringIO()
    app.export(fmt, out)
    media, suffix = EXPORTS[fmt]
    headers = {"content-disposition": f'attachment; filename="kith-network.{suffix}"'}
    return Response(out.getvalue(), media_type=media, headers=headers)
