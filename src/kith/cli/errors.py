"""The one error boundary: every failure becomes one line on stderr and an exit code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from kith.cli.context import Context
from kith.errors import Ambiguous, KithError


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
        raise CommandFailed(error.message, error.hint, details) from None
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
