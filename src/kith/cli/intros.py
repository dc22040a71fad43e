"""`kith intro` and `kith intros`: double-opt-in introductions, walked step by step.

Example: kith intro "Ana Ruiz" "Tom Lee" --why "Ana is hiring and Tom knows Postgres"
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from kith.cli.context import kith
from kith.cli.options import json_option
from kith.cli.render import console, echo_json
from kith.core.intros import Step

if TYPE_CHECKING:
    from kith.app.giving import IntroStep


class _IntroGroup(click.Group):
    """`kith intro A B` opens one; `kith intro advance ID STEP` moves one on."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["open", *args]
        return super().resolve_command(ctx, args)


@click.group(cls=_IntroGroup)
def intro() -> None:
    """Double-opt-in introductions: A is asked first, then B, and only when both said yes
    are they introduced. Stages: asked_a → a_agreed → asked_b → b_agreed → introduced →
    outcome, or declined before the introduction. Kith drafts each message for you to
    send; each step is logged as an interaction, the introduction as a give to both.

    \b
    Examples:
      kith intro "Ana Ruiz" "Tom Lee" --why "Ana is hiring; Tom knows Postgres"
      kith intro advance 3 agreed          # Ana said yes: prints the message to Tom
      kith intro advance 3 asked           # you sent it
      kith intro advance 3 agreed          # Tom said yes: prints the introduction
      kith intro advance 3 introduced      # you sent it: a give to both
      kith intro advance 3 outcome "Tom joined Ana's team"
      kith intro advance 3 declined "busy until spring"
    """


@intro.command("open")
@click.argument("a")
@click.argument("b")
@click.option("--why", default="", metavar="TEXT", help="Why they should meet.")
@json_option
def open_intro(a: str, b: str, why: str, as_json: bool) -> None:
    """Open an introduction of A to B and print the opt-in question to A.

    Example: kith intro open ana tom --why "Ana is moving to Lisbon; Tom knows everyone there"
    """
    _show(kith().open_intro(a, b, why), as_json)


@intro.command()
@click.argument("intro_id", metavar="ID", type=int)
@click.argument("step", type=click.Choice([s.value for s in Step]))
@click.argument("note", required=False, default="")
@json_option
def advance(intro_id: int, step: str, note: str, as_json: bool) -> None:
    """Move introduction ID on by one STEP: agreed (the person asked said yes), asked
    (you asked B), introduced (you sent the introduction), outcome NOTE (what came of
    it), declined [NOTE] (the person asked said no). Prints the next message to send.

    Example: kith intro advance 3 outcome "Tom joined Ana's team"
    """
    _show(kith().advance_intro(intro_id, Step(step), note), as_json)


def _show(result: IntroStep, as_json: bool) -> None:
    from kith.cli.giving_views import intro_step_text

    if as_json:
        echo_json(result)
    else:
        console().print(intro_step_text(result))


@click.command("intros")
@click.option("--all", "show_all", is_flag=True, help="Closed ones too (outcome, declined).")
@json_option
def intros(show_all: bool, as_json: bool) -> None:
    """Open introductions, with what each is waiting on and on whom.

    Example: kith intros --all
    """
    from kith.cli.giving_views import intros_text

    found = kith().intros(show_all)
    if as_json:
        echo_json(found)
    else:
        console().print(intros_text(found))
