"""`kith serve` and `kith passwd`: the web app on this machine, and its password.

Example: kith serve --port 8765 --open
"""

from __future__ import annotations

import errno
import socket
from typing import TYPE_CHECKING

import click

from kith.cli.context import Context

if TYPE_CHECKING:
    from kith.settings import Settings
    from kith.web import WebConfig

DEFAULT_PORT = 8765
PORTS_TRIED = 50
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def free_port(host: str, start: int) -> int:
    """`start`, or the next port up that nobody is listening on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    for port in range(start, start + PORTS_TRIED):
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host.strip("[]"), port))
            except OSError as error:
                if error.errno in (errno.EADDRINUSE, errno.EACCES):
                    continue
                raise click.UsageError(f"Cannot listen on {host}: {error.strerror}.") from None
            return port
    raise click.UsageError(f"Ports {start}-{start + PORTS_TRIED - 1} are all taken; try --port.")


def url_for(host: str, port: int) -> str:
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    return f"http://{shown}:{port}/"


@click.command()
@click.option(
    "--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True,
    help="Port to listen on (the next free one if taken).",
)  # fmt: skip
@click.option(
    "--host", default="127.0.0.1", show_default=True,
    help="Address to listen on; anything but loopback needs a password (kith passwd).",
)  # fmt: skip
@click.option(
    "--cache", "cache_seconds", type=click.FloatRange(0, 3600), default=5.0, show_default=True,
    metavar="SECONDS",
    help="Reuse Today and person pages this long (0: never); changes made in the app "
    "clear them at once, changes from the command line show within this time.",
)  # fmt: skip
@click.option("--open", "open_browser", is_flag=True, help="Open the app in your browser.")
@click.pass_obj
def serve(context: Context, port: int, host: str, cache_seconds: float, open_browser: bool) -> None:
    """Serve the web app and the JSON API (at /api/v1) on this machine.

    Example: kith serve --open
    """
    from kith import settings
    from kith.web import WebConfig
    from kith.web.passwords import stored_hash

    loaded = settings.load({"db": context.db, "account": context.account})
    password_hash = stored_hash(loaded)
    local = host in LOOPBACK
    if not local and password_hash is None:
        raise click.UsageError(
            f"Serving on {host} would let anyone on the network in: set a password first "
            "(kith passwd), or leave out --host."
        )
    chosen = free_port(host, port)
    config = WebConfig(chosen, local, password_hash, cache_seconds)
    _run(loaded, host, config, open_browser)


def _run(loaded: Settings, host: str, config: WebConfig, open_browser: bool) -> None:
    import gc
    import threading
    import webbrowser

    import uvicorn

    from kith.settings import default_db_url
    from kith.web import create_app

    if loaded.db == default_db_url(loaded.home):
        loaded.home.mkdir(parents=True, exist_ok=True)
    app = create_app(loaded, config=config)
    gc.freeze()  # cli/main.py turned collection off for short commands; a server needs it
    gc.enable()
    assert config.port is not None
    address = url_for(host, config.port)
    click.echo(f"Kith is at {address}  (Ctrl-C stops it)")
    if open_browser:
        threading.Timer(1.0, webbrowser.open, (address,)).start()
    uvicorn.run(
        app, host=host.strip("[]"), port=config.port, log_level="warning", server_header=False,
        proxy_headers=False,
    )  # fmt: skip


@click.command()
@click.option(
    "--clear", is_flag=True, help="Remove the password (the app then serves loopback only)."
)
def passwd(clear: bool) -> None:
    """Set the web app's password (kept only as an argon2 hash), needed for --host.

    Example: kith passwd
    """
    from kith import settings
    from kith.web.passwords import clear_password, set_password

    loaded = settings.load()
    if clear:
        removed = clear_password(loaded)
        click.echo("Password removed." if removed else "There was no password.")
        return
    password = click.prompt("New password", hide_input=True, confirmation_prompt=True)
    path = set_password(loaded, password)
    click.echo(f"Password set (argon2 hash in {path}).")
