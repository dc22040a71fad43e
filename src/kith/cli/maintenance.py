"""`kith rebuild` and `kith where`: derived state and where things are kept.

Example: kith rebuild
"""

from __future__ import annotations

import click

from kith.cli.context import kith
from kith.cli.options import json_option
from kith.cli.render import echo_json
from kith.settings import redacted


@click.command()
def rebuild() -> None:
    """Recompute derived state (each person's last contact) from the recorded facts.

    Example: kith rebuild
    """
    changed = kith().rebuild()
    click.echo(
        f"Rebuilt; {changed} people corrected." if changed else "Rebuilt; nothing was stale."
    )


@click.command()
@json_option
def where(as_json: bool) -> None:
    """Show the database, config file and data folder in use.

    Example: kith where
    """
    settings = kith().settings
    info = {
        "db": redacted(settings.db),
        "config_file": str(settings.config_file),
        "data_dir": str(settings.home),
        "account": settings.account,
    }
    if as_json:
        echo_json(info)
    else:
        for key, value in info.items():
            click.echo(f"{key:<12}{value}")
