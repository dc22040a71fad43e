"""The JSON API at /api/v1: the CLI's use cases, one route per facade method.

Bodies are the shapes in docs/json.md (`kith.serialize`), errors are
`{"error", "message", "hint"}` with a 4xx (a 500 only for a bug).
"""

from __future__ import annotations

from fastapi import APIRouter

from kith.web.api import activity, giving, importing, keeping, people, search

router = APIRouter()
for module in (people, activity, keeping, giving, search, importing):
    router.include_router(module.router)
