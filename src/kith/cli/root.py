"""The `kith` root command: global options, lazy subcommands and the one error boundary.

Subcommands are imported only when run, so a command pays only for what it uses.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from kith import __version__
from kith.cli.context import Context

# command name -> "module:function" under kith.cli
COMMANDS = {
    "add": "people:add",
    "edit": "people:edit",
    "show": "show:show",
    "list": "listing:list_people",
    "find": "listing:find",
    "log": "log:log",
    "give": "ledger:give",
    "ask": "giving:ask",
    "received": "ledger:received",
    "asked-by": "ledger:asked_by",
    "follow-up": "followup:follow_up",
    "done": "followup:done",
    "archive": "people:archive",
    "unarchive": "people:unarchive",
    "delete": "people:delete",
    "me": "me:me",
    "demo": "demo:demo",
    "rebuild": "maintenance:rebuild",
    "health": "health:health",
    "today": "today:today",
    "snooze": "today:snooze",
    "skip": "today:skip",
    "circles": "circles:circles",
    "circle": "circles:circle",
    "cadence": "circles:cadence",
    "where": "maintenance:where",
    # Job search (#7)
    "search": "search:search",
    "target": "search:target",
    "targets": "search:targets",
    "paths": "search:paths",
    "knows": "search:knows",
    "meet": "opportunities:meet",
    "meetings": "opportunities:meetings",
    "opp": "opportunities:opp",
    "opps": "opportunities:opps",
    "week": "opportunities:week",
    # Giving (#4)
    "ledger": "giving:ledger",
    "suggest": "giving:suggest",
    "share": "giving:share",
    "intro": "intros:intro",
    "intros": "intros:intros",
    # Web app (#6)
    "serve": "serve:serve",
    "passwd": "serve:passwd",
    # Counselors (#13)
    "server": "server:server",
    "user": "server:user",
    # Imports (#5)
    "import": "importing:import_",
    "review": "importing:review",
    "merge": "importing:merge",
    "unmerge": "importing:unmerge",
    "duplicates": "importing:duplicates",
    "export": "importing:export",
    # Reminders (#14)
    "digest": "reminders:digest",
    "mail": "reminders:mail",
    "worker": "reminders:worker",
    "feed": "reminders:feed",
}


class KithGroup(click.Group):
    """Loads subcommands on demand and turns every error into one line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name].split(":")
        command = getattr(importlib.import_module(f"kith.cli.{module}"), attribute)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        from kith.cli.errors import boundary
        from kith.cli.terminal import safe_output

        with safe_output(), boundary(ctx):
            return super().invoke(ctx)


@click.group(cls=KithGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="kith")
@click.option(
    "--db", metavar="URL", help="Database URL (also KITH_DB); default: SQLite in KITH_HOME."
)
@click.option("--account", metavar="NAME", help="Account whose network to use (also KITH_ACCOUNT).")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
@click.pass_context
def cli(ctx: click.Context, db: str | None, account: str | None, debug: bool) -> None:
    """Kith keeps your professional network alive: who you know, how you met,
    every interaction, what you gave and asked, and what you promised.

    Run `kith demo` to try it on a synthetic network, then `kith list` and
    `kith show NAME`. Shell completion: eval "$(_KITH_COMPLETE=bash_source kith)".
    """
    ctx.obj = Context(db=db, account=account, debug=debug)
    ctx.call_on_close(ctx.obj.close)
