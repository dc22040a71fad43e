"""Who is who: people an import kept apart from someone they may be (the review queue,
grouped by that person, each with the name a merge keeps), likely duplicates, and merging
in bulk; merging someone into a person and undoing the latest merge are on the person's
page forms, posted here."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from kith.web.api.models import Id
from kith.web.deps import kith_of, views_of
from kith.web.forms import Fields
from kith.web.uploads import shown_origin

router = APIRouter()
NAV = [("Who is who", "/review")]


@router.get("/review", include_in_schema=False)
def review_page(request: Request, all: bool = False) -> Response:
    app = kith_of(request)
    items = app.review_queue(include_decided=all)
    return views_of(request).page(
        request, "review.html", items=items, duplicates=app.duplicates(), showing_all=all,
        origin=shown_origin,
    )  # fmt: skip


@router.post("/review/accept", include_in_schema=False)
def accept(request: Request, form: Fields) -> Response:
    merged = kith_of(request).accept_reviews(_score(form))
    return views_of(request).redirect("/review", f"Merged {len(merged)}.")


@router.post("/review/{item_id}", include_in_schema=False)
def decide(request: Request, item_id: Id, form: Fields) -> Response:
    item = kith_of(request).decide_review(item_id, form.get("decision", ""))
    said = "merged into" if item.decision == "merge" else "kept apart from"
    return views_of(request).redirect("/review#review-h", f"{item.name}: {said} {item.candidate}.")


@router.post("/duplicates/merge", include_in_schema=False)
def merge_duplicates(request: Request, form: Fields) -> Response:
    merged = kith_of(request).merge_duplicates(_score(form))
    return views_of(request).redirect("/review#duplicates-h", f"Merged {len(merged)}.")


@router.post("/people/{person_id}/merge", include_in_schema=False)
def merge(request: Request, person_id: Id, form: Fields) -> Response:
    other = form.get("other", "").strip()
    done = kith_of(request).merge(f"#{person_id}", other)
    return views_of(request).redirect(
        f"/people/{done.kept_id}", f"Merged {done.merged} into {done.kept}."
    )


@router.post("/people/{person_id}/unmerge", include_in_schema=False)
def unmerge(request: Request, person_id: Id) -> Response:
    done = kith_of(request).unmerge(f"#{person_id}")
    return views_of(request).redirect(
        f"/people/{done.kept_id}", f"{done.merged} is apart from {done.kept} again."
    )


def _score(form: dict[str, str]) -> float:
    """The least score to merge, 0-100 (empty: all)."""
    from kith.errors import InvalidInput

    text = form.get("min_score", "").strip() or "0"
    try:
        score = float(text)
    except ValueError:
        raise InvalidInput(f"'{text}' is not a score.", "Give a number from 0 to 100.") from None
    if not 0 <= score <= 100:
        raise InvalidInput(f"{text} is not a score from 0 to 100.", "Give a number from 0 to 100.")
    return score
