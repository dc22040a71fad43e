"""Turning the facade's results into terminal output: Rich text, plain columns or JSON.

User data (names, notes, summaries) is never parsed as Rich markup: it comes
from imports and may contain anything.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console


def console() -> Console:
    """A Rich console on stdout; Rich itself honours NO_COLOR and non-terminals."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def echo_json(value: Any) -> None:
    from kith.serialize import dumps

    click.echo(dumps(value))


def echo_result(value: Any, as_json: bool, message: str) -> None:
    """What a write command prints: the record as JSON, or one line saying what was done."""
    if as_json:
        echo_json(value)
    else:
        click.echo(message)


def local_day(moment: datetime | None) -> str:
    return moment.astimezone().date().isoformat() if moment else "never"


def age(moment: datetime | date | None, today: date) -> str:
    """'2026-11-20 (5 days ago)' in the local time zone."""
    from kith.core.dates import humanize_age

    if moment is None:
        return "never"
    day = moment.astimezone().date() if isinstance(moment, datetime) else moment
    return f"{day.isoformat()} ({humanize_age(day, today)})"


def columns(rows: Sequence[Sequence[str]], header: Sequence[str]) -> None:
    """Plain aligned columns: fast for 100,000 rows, friendly to grep and cut."""
    if not rows:
        return
    widths = [max(len(header[i]), max(len(r[i]) for r in rows)) for i in range(len(header) - 1)]
    out = sys.stdout

    def line(cells: Sequence[str]) -> str:
        padded = [cell.ljust(width) for cell, width in zip(cells, widths, strict=False)]
        return "  ".join([*padded, cells[-1]]).rstrip() + "\n"

    heading = line(header)
    out.write(click.style(heading, bold=True) if _color() else heading)
    out.writelines(line(row) for row in rows)


def _color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
