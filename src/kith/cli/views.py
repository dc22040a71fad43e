"""Rich renderings of the facade's results, built from Text so user data is never markup."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from kith.app.results import PersonView
from kith.cli.render import age
from kith.core.agenda import AgendaEntry
from kith.core.people import Organization, Person

if TYPE_CHECKING:
    from rich.text import Text

LABEL_WIDTH = 11


def person_view_text(view: PersonView, today: date) -> Text:
    """The whole `kith show` page."""
    from rich.text import Text

    person = view.person
    out = Text()
    out.append(person.display_name, "bold")
    out.append(f"  #{person.id}", "dim")
    if person.archived:
        out.append("  (archived)", "yellow")
    out.append("\n")
    if person.headline():
        out.append(person.headline() + "\n")
    out.append("\n")
    for label, value in _profile_lines(view):
        out.append(f"{label:<{LABEL_WIDTH}}", "cyan")
        out.append(value + "\n")
    _tie(out, view, today)
    _timeline(out, view, today)
    _ledger(out, view)
    _open(out, view)
    _followups(out, view, today)
    return out


def _shared(value: str, view: PersonView) -> str:
    """An address or phone, with whom it is shared when others hold it too."""
    others = view.shared.get(value)
    return f"{value} (shared with {', '.join(others)})" if others else value


def _profile_lines(view: PersonView) -> Iterable[tuple[str, str]]:
    person = view.person
    for label, value in (
        ("Email", " · ".join(_shared(v, view) for v in person.emails)),
        ("Phone", " · ".join(_shared(v, view) for v in person.phones)),
        ("Links", " · ".join(person.links)),
        ("Location", person.location),
        ("Tags", ", ".join(person.tags)),
    ):
        if value:
            yield label, value
    for i, org in enumerate(person.orgs):
        yield ("Work" if i == 0 else ""), _org_line(org)
    if met := _met_line(person, view.introduced_by):
        yield "Met", met
    for label, values in (
        ("Interests", person.interests),
        ("Needs", person.needs),
        ("Offers", person.offers),
    ):
        if values:
            yield label, "; ".join(values)
    if person.dates:
        yield "Dates", ", ".join(f"{d.label} {d.iso()}" for d in person.dates)
    for label, value in (
        ("Pronouns", person.pronouns),
        ("Credentials", person.credentials),
        ("Also known", "; ".join(person.aliases)),
    ):
        if value:
            yield label, value
    if person.notes:
        yield "Notes", person.notes


def _org_line(org: Organization) -> str:
    span = ""
    if org.start or org.end:
        start = str(org.start.year) if org.start else "?"
        span = f" ({start}–{org.end.year if org.end else 'now'})"
    return org.label() + span


def _met_line(person: Person, introduced_by: str | None) -> str:
    met = person.met
    parts = [
        met.when.isoformat() if met.when else "",
        f"at {met.where}" if met.where else "",
        met.context,
        f"introduced by {introduced_by}" if introduced_by else "",
    ]
    return " · ".join(p for p in parts if p)


def _tie(out: Text, view: PersonView, today: date) -> None:
    tie = view.tie
    out.append(f"{'Tie':<{LABEL_WIDTH}}", "cyan")
    out.append(f"strength {tie.strength:.0f}/100 · {tie.circle.value} circle")
    out.append(" (pinned)" if tie.circle_pinned else "", "dim")
    out.append(f" · cadence {tie.cadence}" + (" (own)" if tie.cadence_is_own else ""))
    if tie.due_on:
        late = tie.due_on < today
        out.append(f" · {'overdue since' if late else 'next due'} {tie.due_on.isoformat()}",
                   "red" if late else "")  # fmt: skip
    if tie.suggested_circle is not tie.circle:
        out.append(f"  (strength suggests {tie.suggested_circle.value})", "dim")
    out.append("\n")
    if view.why is not None:
        out.append(f"{'':<{LABEL_WIDTH}}why: strength = 100 × (1 − e^(−raw/10)); "
                   f"weights halve every {view.why.half_life_days:.0f} days\n", "dim")  # fmt: skip
        for label, points in view.why.parts:
            out.append(f"{'':<{LABEL_WIDTH}}{points:5.1f}  {label}\n")


def agenda_text(entries: list[AgendaEntry], today: date) -> Text:
    """The `kith today` list: who, why, and what to do."""
    from rich.text import Text

    out = Text()
    if not entries:
        out.append("Nobody needs you today: a good day to give something first.\n")
        return out
    out.append(f"Today, {today.isoformat()}\n\n", "bold")
    for number, entry in enumerate(entries, 1):
        out.append(f"{number}. ", "bold")
        out.append(entry.person, "bold")
        out.append(f"  #{entry.person_id}  [{entry.reason.value.replace('_', ' ')}]\n", "dim")
        for why in entry.why:
            out.append(f"   {why}\n")
        out.append("   → ", "green")
        out.append(entry.action + "\n", "green")
    out.append("\nkith done NAME · kith snooze NAME 2w · kith skip NAME\n", "dim")
    return out


def _timeline(out: Text, view: PersonView, today: date) -> None:
    shown = len(view.timeline)
    plural = "" if view.interaction_count == 1 else "s"
    out.append(f"\nTimeline ({view.interaction_count} interaction{plural}", "bold")
    if view.person.last_contact_at:
        out.append(f", last {age(view.person.last_contact_at, today)}", "bold")
    out.append(")\n", "bold")
    for item in view.timeline:
        others = [n for n in item.people if n != view.person.display_name]
        out.append(f"  {item.occurred_at.astimezone().date().isoformat()}  ", "dim")
        out.append(f"{item.kind.value:<8}", "magenta")
        if item.initiated_by:
            out.append(f"{'→' if item.initiated_by == 'me' else '←'} ", "dim")
        out.append(item.summary or "(no summary)")
        if others:
            out.append(f"  (with {', '.join(others)})", "dim")
        out.append(f"  #{item.id}\n", "dim")
        if item.notes:
            out.append(f"              {item.notes}\n", "italic")
    if shown < view.interaction_count:
        out.append(f"  … {view.interaction_count - shown} earlier (--all shows them)\n", "dim")


def _ledger(out: Text, view: PersonView) -> None:
    if not view.ledger:
        return
    out.append("\nLedger\n", "bold")
    for entry in view.ledger:
        out.append(f"  {entry.occurred_on.isoformat()}  ", "dim")
        out.append(f"{entry.direction.phrase:<11}", "green" if entry.direction.is_give else "blue")
        out.append(f"{entry.kind.value.replace('_', ' ')}: {entry.what}")
        during = f" during #{entry.interaction_id}" if entry.interaction_id else ""
        out.append(f"  [{entry.status.value}]{during}\n", "dim")


def _open(out: Text, view: PersonView) -> None:
    """Open asks and gives, and open introductions: what is still in motion with them."""
    pending = [e for e in view.ledger if e.status.value == "open"]
    if not pending and not view.introductions:
        return
    out.append("\nOpen\n", "bold")
    for entry in pending:
        out.append(f"  {entry.occurred_on.isoformat()}  {entry.direction.phrase}: {entry.what}\n")
    for intro in view.introductions:
        out.append(f"  intro #{intro.id} {intro.a.name} → {intro.b.name}  [{intro.stage.value}]"
                   f"  waiting on {intro.waiting}\n")  # fmt: skip


def _followups(out: Text, view: PersonView, today: date) -> None:
    if not view.followups:
        return
    out.append("\nFollow-ups\n", "bold")
    for item in view.followups:
        style = "red" if item.is_overdue(today) else ("dim" if not item.is_open else "")
        state = "done" if not item.is_open else ("overdue" if item.is_overdue(today) else "open")
        out.append(f"  #{item.id:<5} due {item.due.isoformat()}  {item.what}  [{state}]\n", style)
