"""Person: the whole record, and every change to it (log, give/ask, follow-ups, edit,
circle, cadence, archive, delete)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from kith.core.circles import Circle
from kith.core.contact import ListField
from kith.core.interactions import Initiator, Kind
from kith.core.ledger import Direction, GiveKind, Status
from kith.errors import InvalidInput
from kith.web.deps import cache_of, kith_of, views_of
from kith.web.forms import Fields, list_changes, list_texts, local_path, scalar_fields
from kith.web.render import logged_message

router = APIRouter()
AskArgs = tuple[str, str, GiveKind, Status | None, str | None, int | None]


def _ref(person_id: int) -> str:
    return str(person_id)  # an id as the facade's people references take it


@router.get("/people/{person_id}", include_in_schema=False)
def person(request: Request, person_id: int, all: bool = False) -> Response:
    app, limit = kith_of(request), None if all else 20
    view = cache_of(request).get(
        ("person", app.today(), person_id, limit),
        lambda: app.show_person(_ref(person_id), limit, why=True),
    )
    return views_of(request).page(
        request, "person.html", view=view, p=view.person, kinds=list(Kind),
        give_kinds=list(GiveKind), directions=list(Direction), statuses=list(Status),
        circles=[c.value for c in Circle], showing_all=all,
    )  # fmt: skip


@router.get("/people/{person_id}/edit", include_in_schema=False)
def edit_form(request: Request, person_id: int) -> Response:
    found = kith_of(request).resolve(_ref(person_id))
    texts = {f.value: "\n".join(v) for f, v in list_texts(found).items()}
    return views_of(request).page(
        request, "person_edit.html", p=found, texts=texts, fields=list(ListField)
    )


@router.post("/people/{person_id}/edit", include_in_schema=False)
def edit(request: Request, person_id: int, form: Fields) -> Response:
    app = kith_of(request)
    before = list_texts(app.resolve(_ref(person_id)))
    add, remove = list_changes(before, form)
    fields = scalar_fields(form, keep_empty=True)
    if form.get("name", "").strip():
        fields["display_name"] = form["name"]
    changed = app.edit_person(_ref(person_id), add, remove, **fields)
    return views_of(request).redirect(f"/people/{person_id}", f"Saved {changed.display_name}.")


@router.post("/people/{person_id}/log", include_in_schema=False)
def log(request: Request, person_id: int, form: Fields) -> Response:
    kind = Kind(form["kind"]) if form.get("kind") in set(Kind) else None
    by = form.get("initiated_by")
    others = [n.strip() for n in form.get("with", "").split(",") if n.strip()]
    text = form.get("summary", "").strip() or (kind.value if kind else "touch")
    interaction = kith_of(request).log(
        text, kind, [_ref(person_id), *others], form.get("when") or None,
        Initiator(by) if by in set(Initiator) else None, form.get("notes", ""),
    )  # fmt: skip
    return views_of(request).redirect(f"/people/{person_id}", logged_message(interaction))


@router.post("/people/{person_id}/ledger", include_in_schema=False)
def ledger(request: Request, person_id: int, form: Fields) -> Response:
    direction = _choice(Direction, form.get("direction"), "direction")
    kind = GiveKind(form["kind"]) if form.get("kind") in set(GiveKind) else GiveKind.OTHER
    status = Status(form["status"]) if form.get("status") in set(Status) else None
    raw_id = form.get("interaction", "").strip()
    if raw_id and not raw_id.isdigit():
        raise InvalidInput("Choose the interaction from the list.", "Or leave it empty.")
    args = (_ref(person_id), form.get("what", ""), kind, status, form.get("when") or None,
            int(raw_id) if raw_id else None)  # fmt: skip
    if direction is Direction.I_ASKED:
        return _ask(request, person_id, form, args)
    entry = kith_of(request).record(direction, *args)
    return views_of(request).redirect(
        local_path(form.get("next"), f"/people/{person_id}"),
        f"Ledger: {entry.direction.phrase} — {entry.what} ({entry.person}).",
    )


def _ask(request: Request, person_id: int, form: dict[str, str], args: AskArgs) -> Response:
    """An ask goes through the ask check, as `kith ask` does: a warm one is recorded at
    once; a cold one shows the check and is recorded only when the form comes back with
    `confirm=yes` (the check page's button)."""
    outcome = kith_of(request).ask(*args, confirmed=form.get("confirm") == "yes")
    if outcome.entry is None:
        keep = {k: v for k, v in form.items() if k not in ("csrf_token", "confirm")}
        return views_of(request).page(
            request, "ask_check.html", check=outcome.check, person_id=person_id, form=keep
        )
    entry = outcome.entry
    return views_of(request).redirect(
        f"/people/{person_id}", f"Ledger: {entry.direction.phrase} — {entry.what}."
    )


@router.get("/people/{person_id}/ask-check", include_in_schema=False)
def ask_check(request: Request, person_id: int) -> Response:
    check = kith_of(request).ask_check(_ref(person_id))
    return views_of(request).page(
        request, "ask_check.html", check=check, person_id=person_id, form=None
    )


@router.post("/people/{person_id}/followups", include_in_schema=False)
def follow_up(request: Request, person_id: int, form: Fields) -> Response:
    made = kith_of(request).follow_up(
        _ref(person_id), form.get("what", ""), form.get("due") or None
    )
    return views_of(request).redirect(
        f"/people/{person_id}", f"Follow-up due {made.due.isoformat()}: {made.what}."
    )


@router.post("/followups/{followup_id}/done", include_in_schema=False)
def followup_done(request: Request, followup_id: int) -> Response:
    done = kith_of(request).complete_followup(f"#{followup_id}")
    return views_of(request).redirect(f"/people/{done.person_id}", f"Done: {done.what}.")


@router.post("/people/{person_id}/circle", include_in_schema=False)
def circle(request: Request, person_id: int, form: Fields) -> Response:
    tie = kith_of(request).set_circle(_ref(person_id), form.get("circle", ""))
    return views_of(request).redirect(f"/people/{person_id}", f"Circle: {tie.circle.value}.")


@router.post("/people/{person_id}/cadence", include_in_schema=False)
def cadence(request: Request, person_id: int, form: Fields) -> Response:
    tie = kith_of(request).set_cadence(_ref(person_id), form.get("cadence", "").strip() or None)
    return views_of(request).redirect(f"/people/{person_id}", f"Cadence: {tie.cadence}.")


@router.post("/people/{person_id}/knows", include_in_schema=False)
def knows(request: Request, person_id: int, form: Fields) -> Response:
    known = kith_of(request).knows(_ref(person_id), form.get("other", ""), form.get("how", ""))
    return views_of(request).redirect(f"/people/{person_id}", f"{known.a} knows {known.b}.")


@router.post("/people/{person_id}/archive", include_in_schema=False)
def archive(request: Request, person_id: int, form: Fields) -> Response:
    keep = form.get("archived", "1") == "1"
    changed = kith_of(request).archive(_ref(person_id), keep)
    word = "Archived" if keep else "Unarchived"
    return views_of(request).redirect(f"/people/{person_id}", f"{word} {changed.display_name}.")


@router.post("/people/{person_id}/delete", include_in_schema=False)
def delete(request: Request, person_id: int, form: Fields) -> Response:
    if form.get("confirm") != "yes":
        raise InvalidInput("Tick the box to confirm the deletion.", "Nothing was deleted.")
    gone = kith_of(request).delete_person(_ref(person_id))
    return views_of(request).redirect("/people", f"Deleted {gone.display_name}.")


def _choice(kind: type[Direction], value: str | None, name: str) -> Direction:
    if value not in set(kind):
        raise InvalidInput(f"Choose a {name}.", ", ".join(k.value for k in kind))
    return kind(value)
