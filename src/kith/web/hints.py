"""A facade hint as the web words it: a sentence and, where a page does it, a link."""

from __future__ import annotations

from urllib.parse import quote

from kith.errors import Do, Hint

_PAGES: dict[Do, tuple[str, str]] = {
    Do.LIST_PEOPLE: ("See the people you have.", "/people"),
    Do.SHOW_PERSON: ("See their page: the timeline holds the #ids.", "/find?q={name}"),
    Do.ADD_PERSON: ("Give a name, e.g. Ana Ruiz.", ""),
    Do.FIND: ("Type some text, e.g. Lisbon.", ""),
    Do.LOG_WITH: ('Write "coffee with Ana Ruiz", or choose who it was with.', ""),
    Do.PLAN_FOLLOW_UP: ("For a plan, add a follow-up with a due date.", "/find?q={name}"),
    Do.NAME_FOLLOW_UP: ("Choose one of them on the person's page.", "/find?q={name}"),
    Do.SET_CADENCE: ("Give a duration such as 6w.", ""),
    Do.SET_OWN_EMAIL: ("Add your own email address in the settings.", "/settings"),
    Do.SET_OWN_OFFER: ("Add what you can give in the settings.", "/settings"),
    Do.ADD_ORGS: ("Add where people work on their edit pages.", "/people"),
    Do.LIST_TARGETS: ("See your targets.", "/search"),
    Do.ADD_TARGET: ("Give a company's name, e.g. Acme.", ""),
    Do.SAY_HOW_THEY_KNOW: ("Choose someone else, and say how they know each other.", ""),
    Do.PLAN_MEETING: ("Plan an informational interview, saying what it is about.", "/search"),
    Do.MARK_MEETING_HELD: ("Mark the meeting held first.", "/search"),
    Do.LIST_OPPORTUNITIES: ("See your opportunities.", "/search"),
    Do.START_SEARCH: ("Start a search with its goal.", "/search"),
    Do.STOP_SEARCH: ("Stop the current search first.", "/search"),
    Do.LIST_INTROS: ("See your introductions.", "/giving"),
    Do.OPEN_INTRO: ("Open a new introduction.", "/giving"),
    Do.ADVANCE_INTRO: ("Take it on from the Giving page.", "/giving#intro-{id}"),
    Do.SHARE: ("Say what you are sharing and what it is about.", ""),
    Do.REVIEW_QUEUE: ("See what is waiting for review.", "/review"),
    Do.MERGE_OR_UNMERGE: ("Merge or unmerge the people instead.", "/review"),
    Do.MERGE: ("Merge two people first.", "/review"),
    Do.EXPORT_JSON: ("Export as JSON.", "/import"),
    Do.RESTORE_INTO_NEW: ("Restore it into a new, empty database.", ""),
    Do.DEMO_ELSEWHERE: ("Load the demo into another, empty database.", ""),
    Do.GIVE_LIMIT: ("Give a limit of at least 1, or none for all.", ""),
}


def hint_text(hint: str | Hint) -> str:
    """The hint as a sentence for a page or an API client."""
    return hint if isinstance(hint, str) else _PAGES[hint.do][0]


def hint_href(hint: str | Hint) -> str:
    """The page that does the next step ("" when there is none)."""
    if isinstance(hint, str):
        return ""
    href = _PAGES[hint.do][1]
    if "{name}" in href and not hint.person:
        return href.split("?")[0] if not href.startswith("/find") else ""
    return href.format(name=quote(hint.person, safe=""), id=hint.id or "")


def hint_fields(hint: str | Hint) -> dict[str, object] | None:
    """The next step as the API's fields (None for advice in words)."""
    if isinstance(hint, str):
        return None
    return {"do": hint.do.value, "person": hint.person or None, "id": hint.id,
            "value": hint.value or None, "href": hint_href(hint) or None}  # fmt: skip
