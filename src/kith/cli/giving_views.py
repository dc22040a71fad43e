"""Rich renderings of giving's results: ledgers, the ask check, suggestions, intros, shares.

Built from Text, so names and notes are never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kith.core.askcheck import AskCheck
from kith.core.giving import (
    GiveSuggestion,
    IntroSuggestion,
    LedgerOverview,
    PersonLedger,
    ShareResult,
)
from kith.core.intros import Introduction, Stage
from kith.core.ledger import Direction, LedgerEntry

if TYPE_CHECKING:
    from rich.text import Text

    from kith.app.giving import IntroStep

_WAYS = (
    ("What you gave them", "i_gave"),
    ("What they gave you", "they_gave"),
    ("What you asked of them", "i_asked"),
    ("What they asked of you", "they_asked"),
)


def _text() -> Text:
    from rich.text import Text

    return Text()


def person_ledger_text(view: PersonLedger) -> Text:
    """`kith ledger NAME`: four sections, then what is open."""
    out = _text()
    out.append(f"Ledger with {view.person}", "bold")
    out.append(f"  #{view.person_id}\n", "dim")
    for title, attribute in _WAYS:
        entries: list[LedgerEntry] = getattr(view, attribute)
        out.append(f"\n{title} ({len(entries)})\n", "bold")
        if not entries:
            out.append("  nothing yet\n", "dim")
        for entry in entries:
            _entry_line(out, entry, with_person=False)
    out.append("\nOpen\n", "bold")
    if not view.open and not view.introductions:
        out.append("  nothing open\n", "dim")
    for entry in view.open:
        _entry_line(out, entry, with_person=False)
    for intro in view.introductions:
        out.append(f"  intro #{intro.id} {intro.a.name} → {intro.b.name}: waiting on "
                   f"{waiting(intro)}\n")  # fmt: skip
    return out


def _entry_line(out: Text, entry: LedgerEntry, with_person: bool = True) -> None:
    out.append(f"  {entry.occurred_on.isoformat()}  ", "dim")
    if with_person:
        out.append(f"{entry.person}  ", "bold")
    out.append(f"{entry.kind.value.replace('_', ' ')}: {entry.what}")
    out.append(f"  [{entry.status.value}]\n", "dim")


def overview_text(view: LedgerOverview) -> Text:
    """`kith ledger`: the whole ledger at a glance, your own giving first."""
    out = _text()
    t = view.totals
    out.append("Your ledger\n", "bold")
    out.append(f"  You gave {t[Direction.I_GAVE]} and asked {t[Direction.I_ASKED]}; "
               f"others gave you {t[Direction.THEY_GAVE]} and asked "
               f"{t[Direction.THEY_ASKED]}.\n")  # fmt: skip
    _section(out, "People you have only asked of", view.only_asked_total)
    for only in view.only_asked:
        out.append(f"  {only.person}", "bold")
        out.append(f"  #{only.person_id}", "dim")
        out.append(f"  {only.asks} ask{'s' * (only.asks != 1)}, last "
                   f"{only.last_ask.isoformat()}: give something first\n")  # fmt: skip
    _section(out, "Help you received and never thanked", view.unthanked_total)
    for entry in view.unthanked:
        _entry_line(out, entry)
    _section(out, f"Open for over {view.overdue_after_days} days", view.overdue_total)
    for item in view.overdue:
        out.append(f"  {item.days_open:>4} days  ", "red" if item.waiting_on == "me" else "dim")
        out.append(f"{item.entry.person}  ", "bold")
        out.append(f"{item.entry.direction.phrase}: {item.entry.what}")
        out.append("  (your move)\n" if item.waiting_on == "me" else "  (waiting on them)\n",
                   "dim")  # fmt: skip
    out.append("\nYour gives per month\n", "bold")
    most = max((m.gives for m in view.gives_per_month), default=0)
    for month in view.gives_per_month:
        bar = "█" * round(20 * month.gives / most) if most else ""
        out.append(f"  {month.month}  {month.gives:>3}  ")
        out.append(bar + "\n", "green")
    return out


def _section(out: Text, title: str, total: int) -> None:
    out.append(f"\n{title} ({total})\n", "bold")
    if not total:
        out.append("  none\n", "dim")


def ask_check_text(check: AskCheck) -> Text:
    """The ask check, plainly: what makes the ask cold, the history, gives that fit."""
    out = _text()
    if check.warm:
        out.append(f"The tie to {check.person} can carry this ask.\n", "green")
        return out
    out.append(f"Before you ask {check.person}:\n", "bold yellow")
    for reason in check.reasons:
        out.append(f"  • {reason}\n")
    out.append("\nHistory\n", "bold")
    for line in check.history:
        out.append(f"  {line}\n")
    if check.gives:
        out.append("\nGive first, for example\n", "bold")
        for idea in check.gives:
            out.append(f"  → {idea.what}", "green")
            out.append(f"  (their “{idea.for_their}”)\n" if idea.for_their else "\n", "dim")
    return out


def intro_suggestions_text(found: Sequence[IntroSuggestion]) -> Text:
    out = _text()
    if not found:
        out.append("No needs and offers fit among your closer ties yet: add some with "
                   "kith edit NAME --need … --offer ….\n")  # fmt: skip
        return out
    for n, s in enumerate(found, 1):
        out.append(f"{n}. {s.a} ↔ {s.b}", "bold")
        out.append(f"  score {s.score:.2f}\n", "dim")
        out.append(f"   {s.reason}\n")
    out.append(f'\nkith intro "{found[0].a}" "{found[0].b}" --why "…"\n', "dim")
    return out


def give_suggestions_text(found: Sequence[GiveSuggestion]) -> Text:
    out = _text()
    if not found:
        out.append("None of your offers fits anyone's needs among your closer ties yet.\n")
        return out
    for n, g in enumerate(found, 1):
        out.append(f"{n}. {g.person}", "bold")
        out.append(f"  #{g.person_id}  fit {g.fit:.2f}\n", "dim")
        out.append(f"   {g.reason[:1].upper()}{g.reason[1:]}.\n")
    return out


def share_text(result: ShareResult) -> Text:
    out = _text()
    if result.shared:
        names = ", ".join(e.person for e in result.shared)
        out.append(f"Shared with {names} (logged as a give each).\n", "green")
    elif result.candidates:
        out.append(f"Who “{result.about}” fits:\n", "bold")
        for n, c in enumerate(result.candidates, 1):
            out.append(f"  {n}. {c.person}", "bold")
            out.append(f"  #{c.person_id}  fit {c.fit:.2f}", "dim")
            out.append(f"  their “{c.fits}”\n")
    else:
        out.append(f"Nobody's interests or needs fit “{result.about}”.\n")
    for skip in result.skipped:
        out.append(f"  skipped {skip.person}: {skip.reason}\n", "dim")
    return out


def intro_step_text(step: IntroStep) -> Text:
    intro = step.intro
    out = _text()
    out.append(f"Introduction #{intro.id}: {intro.a.name} → {intro.b.name}", "bold")
    out.append(f"  [{intro.stage.value}]\n", "dim")
    if step.gives:
        out.append("Logged as a give (introduction) to both.\n", "green")
    if intro.outcome:
        out.append(f"Outcome: {intro.outcome}\n")
    out.append(f"Waiting on: {step.waiting_on}\n")
    if step.draft:
        out.append(f"\nDraft to {step.draft_to}:\n\n", "bold")
        out.append(step.draft + "\n")
    return out


_NEXT_STEP = {Stage.A_AGREED: "asked", Stage.B_AGREED: "introduced",
              Stage.INTRODUCED: 'outcome "what happened"'}  # fmt: skip


def waiting(intro: Introduction) -> str:
    """What an introduction waits on, with the command that takes it on when it is the
    user's move: "you to ask Tom Lee (kith intro advance 3 asked)"."""
    step = _NEXT_STEP.get(intro.stage)
    return f"{intro.waiting} (kith intro advance {intro.id} {step})" if step else intro.waiting


def intros_text(found: Sequence[Introduction]) -> Text:
    out = _text()
    if not found:
        out.append('No open introductions. kith suggest intros, then kith intro A B --why "…".\n')
        return out
    for intro in found:
        out.append(f"#{intro.id:<4} {intro.a.name} → {intro.b.name}", "bold")
        out.append(f"  [{intro.stage.value}] since {intro.opened_on.isoformat()}\n", "dim")
        out.append(f"      waiting on {waiting(intro)}\n")
    return out
