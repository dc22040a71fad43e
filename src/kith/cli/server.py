"""`kith server` and `kith user`: the multi-user server for counselors and their clients.

Example: kith user add sam --email sam@example.com --role counselor && kith server
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from kith.cli.context import Context
from kith.cli.options import json_option
from kith.cli.render import columns, echo_json

if TYPE_CHECKING:
    from kith.app.counseling import Counseling

ROLES = ("counselor", "client", "admin")


def _counseling(context: Context) -> Counseling:
    from kith import settings
    from kith.app.counseling import Counseling

    return Counseling(settings.load({"db": context.db, "account": context.account}))


@click.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True,
              help="Port to listen on (the next free one if taken).")  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; off loopback, put a TLS proxy in front.")  # fmt: skip
@click.option("--behind-https", is_flag=True,
              help="A TLS proxy serves this: session cookies go over https only.")  # fmt: skip
@click.pass_obj
def server(context: Context, port: int, host: str, behind_https: bool) -> None:
    """Serve the web app and API to many users, each signed in to their own network.

    Every page needs a signed-in user (kith user add). Use PostgreSQL (--db) for a real
    server; SQLite is fine to try it.

    Example: kith --db postgresql://kith@localhost/kith server --behind-https
    """
    from kith import settings
    from kith.cli.serve import LOOPBACK, _run, free_port
    from kith.web import WebConfig

    loaded = settings.load({"db": context.db, "account": context.account})
    chosen = free_port(host, port)
    config = WebConfig(chosen, host in LOOPBACK, cache_seconds=0, multi_user=True,
                       secure_cookies=behind_https)  # fmt: skip
    _run(loaded, host, config, False)


@click.group()
def user() -> None:
    """Users of the multi-user server (kith server): add, list, reset, disable.

    Example: kith user add ana --email ana@example.com --role client
    """


def _password() -> str:
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


@user.command("add")
@click.argument("name")
@click.option("--email", default="", help="The user's email address.")
@click.option("--role", type=click.Choice(ROLES), required=True,
              help="counselor (sees clients' shared progress), client, or admin.")  # fmt: skip
@json_option
@click.pass_obj
def add(context: Context, name: str, email: str, role: str, as_json: bool) -> None:
    """Add a user (the password is asked for twice); each user has their own network.

    Example: kith user add ana --email ana@example.com --role client
    """
    from kith.core.coaching import Role

    password = _password()
    with_counseling = _counseling(context)
    try:
        made = with_counseling.add_user(name, email, Role(role), password)
    finally:
        with_counseling.close()
    if as_json:
        echo_json(made)
    else:
        click.echo(f"Added {made.name} ({made.role.value}).")


@user.command("passwd")
@click.argument("name")
@click.pass_obj
def passwd(context: Context, name: str) -> None:
    """Set a user's password (an admin's reset); their sessions end.

    Example: kith user passwd ana
    """
    password = _password()
    with_counseling = _counseling(context)
    try:
        done = with_counseling.set_password(name, password)
    finally:
        with_counseling.close()
    click.echo(f"{done.name} has a new password; their sessions have ended.")


@user.command("disable")
@click.argument("name")
@click.pass_obj
def disable(context: Context, name: str) -> None:
    """Stop a user signing in; their sessions end at once.

    Example: kith user disable ana
    """
    with_counseling = _counseling(context)
    try:
        done = with_counseling.disable_user(name)
    finally:
        with_counseling.close()
    click.echo(f"{done.name} is disabled; their sessions have ended.")


@user.command("list")
@json_option
@click.pass_obj
def list_users(context: Context, as_json: bool) -> None:
    """Every user: name, role, email, and whether disabled.

    Example: kith user list --json
    """
    with_counseling = _counseling(context)
    try:
        found = with_counseling.users()
    finally:
        with_counseling.close()
    if as_json:
        echo_json(found)
        return
    rows = [(u.name, u.role.value, u.email, "disabled" if u.disabled else "") for u in found]
    columns(rows, ("NAME", "ROLE", "EMAIL", ""))
