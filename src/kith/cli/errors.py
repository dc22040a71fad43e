"""The one error boundary: every failure becomes one line on stderr and an exit code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from kith.cli.context import Context
from kith.errors import Ambiguous, Do, Hint, KithError

_COMMANDS: dict[Do, str] = {
    Do.LIST_PEOPLE: "See kith list.",
    Do.SHOW_PERSON: "See kith show {name}.",
    Do.ADD_PERSON: 'Give one, e.g. kith add "Ana Ruiz".',
    Do.FIND: 'Give some text, e.g. kith find "Lisbon".',
    Do.LOG_WITH: 'Write "coffee with Ana Ruiz" or add --with NAME.',
    Do.PLAN_FOLLOW_UP: 'For a plan: kith follow-up {name} "what" --due DATE.',
    Do.NAME_FOLLOW_UP: "Name one: kith done '#ID'.",
    Do.SET_CADENCE: "e.g. kith cadence NAME 6w.",
    Do.SET_OWN_EMAIL: "Say which is yours: kith me --email ADDRESS",
    Do.SET_OWN_OFFER: 'kith me --offer "what you can give"',
    Do.ADD_ORGS: "Add where people work: kith edit NAME --org ORG:TITLE:START.",
    Do.LIST_TARGETS: "See kith targets.",
    Do.ADD_TARGET: 'e.g. kith target add "Acme"',
    Do.SAY_HOW_THEY_KNOW: "kith knows ANA LI --how …",
    Do.PLAN_MEETING: "kith meet {name} --about COMPANY",
    Do.MARK_MEETING_HELD: "kith meet {name} --held",
    Do.LIST_OPPORTUNITIES: "See kith opps.",
    Do.START_SEARCH: 'Start one: kith search start --goal "…"',
    Do.STOP_SEARCH: "kith search stop first, or kith search to see it.",
    Do.LIST_INTROS: "See kith intros.",
    Do.OPEN_INTRO: "Open one with kith intro.",
    Do.ADVANCE_INTRO: "kith intro advance {id} {step}",
    Do.SHARE: 'kith share "https://…" --about "…"',
    Do.REVIEW_QUEUE: "See kith review --json.",
    Do.MERGE_OR_UNMERGE: "Use kith merge or kith unmerge to change it.",
    Do.MERGE: "kith merge A B makes one.",
    Do.EXPORT_JSON: "Use --format json.",
    Do.RESTORE_INTO_NEW: "Restore it into a new database: kith --db URL import FILE.",
    Do.DEMO_ELSEWHERE: "Use another --db (or KITH_HOME), or --force to add the demo anyway.",
    Do.GIVE_LIMIT: "e.g. --limit 10, or leave it out for all.",
}


def as_command(hint: str | Hint) -> str:
    """A hint as the command line says it: advice as it is, a next step as a command."""
    if isinstance(hint, str):
        return hint
    step = 'outcome "what happened"' if hint.value == "outcome" else hint.value or "STEP"
    name = repr(hint.person) if hint.person else "NAME"
    return _COMMANDS[hint.do].format(name=name, id=hint.id or "ID", step=step)


class CommandFailed(click.ClickException):
    """A KithError (or a bug) as click shows it: the sentence, then the hint."""

    def __init__(self, message: str, hint: str = "", details: list[str] | None = None) -> None:
        super().__init__(message)
        self.hint = hint
        self.details = details or []

    def show(self, file: object = None) -> None:
        click.echo(f"kith: {self.message}", err=True)
        for line in self.details:
            click.echo(f"  {line}", err=True)
        if self.hint:
            click.echo(f"  hint: {self.hint}", err=True)


class InternalError(CommandFailed):
    """A bug: something that is not a KithError escaped."""

    exit_code = 70  # EX_SOFTWARE


@contextmanager
def boundary(ctx: click.Context) -> Iterator[None]:
    """Map Kith's errors to one line (a traceback only with --debug)."""
    try:
        yield
    except KithError as error:
        if _debug(ctx):
            raise
        details = error.candidates if isinstance(error, Ambiguous) else None
        raise CommandFailed(error.message, as_command(error.hint), details) from None
    except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
        raise
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as error:
        if _debug(ctx):
            raise
        raise InternalError(
            f"unexpected error: {type(error).__name__}: {error}",
            "Run again with --debug for the traceback, and please report it.",
        ) from None


def _debug(ctx: click.Context) -> bool:
    return isinstance(ctx.obj, Context) and ctx.obj.debug
