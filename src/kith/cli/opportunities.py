"""`kith meet`, `meetings`, `opp`, `opps` and `week`: informational interviews, the
opportunity pipeline and the weekly rhythm of a search (see docs/search.md).

Example: kith meet "Ana Ruiz" --about Acme --on friday
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from kith.cli.context import kith
from kith.cli.options import json_option
from kith.cli.render import echo_json, echo_result

if TYPE_CHECKING:
    from kith.app.search_results import MeetingResult
    from kith.core.meetings import Meeting
    from kith.core.opportunities import Board


@click.command()
@click.argument("name")
@click.option("--about", metavar="COMPANY", help="Plan one: the company it is about.")
@click.option("--on", "on", metavar="DATE", help="When it is planned (or was held).")
@click.option("--questions", default="", help="Questions to prepare (kept in its notes).")
@click.option("--held", "step", flag_value="held", help="It took place: start the follow-through.")
@click.option("--replied", "step", flag_value="replied", help="They replied: stop the nudges.")
@click.option(
    "--reported", "step", flag_value="reported", help="You reported back on their advice."
)
@json_option
def meet(
    name: str, about: str | None, on: str | None, questions: str, step: str | None, as_json: bool
) -> None:
    """Plan an informational interview (--about), then mark it --held, --replied, --reported.

    Held logs the meeting and opens its follow-through as follow-ups: a thank-you the next
    day, a nudge 3 business days later, another 7 business days after, and a report back
    a month on.

    Example: kith meet "Ana Ruiz" --about Acme --questions "How do teams hire?"
    """
    app = kith()
    if step is None:
        if not about:
            raise click.UsageError("Give --about COMPANY to plan, or --held/--replied/--reported.")
        result = app.meet(name, about, on, questions)
    else:
        result = app.meet_step(name, step, on)
    echo_result(result, as_json, _meeting_line(result))


def _meeting_line(result: MeetingResult) -> str:
    meeting = result.meeting
    lines = [f"Informational interview #{meeting.id} with {meeting.person} about "
             f"{meeting.about}: {meeting.state.value}."]  # fmt: skip
    lines += [f"  follow-up due {due.isoformat()}: {what}" for what, due in result.opened]
    if result.closed:
        lines.append(f"  closed {result.closed} follow-up(s) no longer needed.")
    return "\n".join(lines)


@click.command()
@json_option
def meetings(as_json: bool) -> None:
    """Informational interviews, newest first, with their next steps.

    Example: kith meetings
    """
    found = kith().meetings()
    if as_json:
        echo_json(found)
        return
    if not found:
        click.echo('None yet: kith meet NAME --about "Acme"')
    for meeting in found:
        click.echo(_meeting_text(meeting))


def _meeting_text(meeting: Meeting) -> str:
    when = meeting.held_on or meeting.planned_on
    day = f" on {when.isoformat()}" if when else ""
    lines = [f"#{meeting.id} {meeting.person} about {meeting.about}{day}: {meeting.state.value}"]
    lines += [f"    next: {what} (due {due.isoformat()})" for _, what, due in meeting.next_steps]
    return "\n".join(lines)


@click.group()
def opp() -> None:
    """Opportunities: add one with the people behind it, or move it to a stage.

    Example: kith opp add "Acme — Staff Engineer" --via "Ana Ruiz"
    """


@opp.command("add")
@click.argument("title")
@click.option("--via", multiple=True, metavar="NAME", help="Who helped (repeatable).")
@click.option("--company", default="", help="The company (default: from the title).")
@click.option("--stage", default="lead", show_default=True, help="The stage it starts at.")
@click.option("--notes", default="", help="Notes.")
@json_option
def opp_add(
    title: str, via: tuple[str, ...], company: str, stage: str, notes: str, as_json: bool
) -> None:
    """Add an opportunity, with the people behind it.

    Example: kith opp add "Acme — Staff Engineer" --via "Ana Ruiz" --via Tom
    """
    item = kith().opp_add(title, via, company, stage, notes)
    helpers = ", ".join(h.name for h in item.people) or "nobody yet"
    echo_result(
        item, as_json, f"Opportunity #{item.id}: {item.title} ({item.stage.value}), via {helpers}."
    )


@opp.command("move")
@click.argument("opp_id", metavar="ID", type=int)
@click.argument("stage")
@click.option("--on", "on", metavar="DATE", help="When it moved (default: today).")
@json_option
def opp_move(opp_id: int, stage: str, on: str | None, as_json: bool) -> None:
    """Move an opportunity to a stage: lead, conversation, referral, applied,
    interviewing, offer, accepted, or closed.

    Example: kith opp move 3 interviewing
    """
    moved = kith().opp_move(opp_id, stage, on)
    echo_result(
        moved, as_json, f"#{moved.id} {moved.title}: {moved.was.value} → {moved.now.value}."
    )


@click.command()
@json_option
def opps(as_json: bool) -> None:
    """The opportunity board by stage, and which relationships produced which.

    Example: kith opps --json
    """
    board = kith().opps()
    if as_json:
        echo_json(board)
    else:
        _board_text(board)


def _board_text(board: Board) -> None:
    for column in board.columns:
        if not column.opportunities:
            continue
        click.echo(f"{column.stage.value}")
        for item in column.opportunities:
            via = ", ".join(h.name for h in item.people)
            click.echo(f"  #{item.id} {item.title}" + (f"  via {via}" if via else ""))
    if board.producers:
        click.echo("\nWho produced what")
        for producer in board.producers:
            titles = "; ".join(o.title for o in producer.opportunities)
            click.echo(f"  {producer.name} (furthest: {producer.furthest.value}): {titles}")
    if not any(c.opportunities for c in board.columns):
        click.echo('No opportunities yet: kith opp add "Acme — Staff Engineer" --via NAME')


@click.command()
@json_option
def week(as_json: bool) -> None:
    """This week's goals: real conversations, gives, reconnections; and the streak.

    Example: kith week
    """
    found = kith().week()
    if as_json:
        echo_json(found)
        return
    click.echo(f"Week of {found.start.isoformat()} to {found.end.isoformat()}")
    for goal in found.goals:
        mark = "✓" if goal.met else " "
        click.echo(f"  {mark} {goal.name:<15} {goal.done} of {goal.goal}")
    weeks = "week" if found.streak == 1 else "weeks"
    click.echo(f"Streak: {found.streak} {weeks} with every goal met.")
