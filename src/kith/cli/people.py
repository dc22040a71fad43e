"""`kith add`, `kith edit`, `kith archive`, `kith unarchive`, `kith delete`: keeping people.

Example: kith add "Ana Ruiz" --email ana@globex.com --org Globex:CTO --met "PyCon 2019"
"""

from __future__ import annotations

from typing import Any

import click

from kith.cli.context import kith
from kith.cli.options import json_option, person_options, split_person_options
from kith.cli.render import echo_result


@click.command()
@click.argument("name")
@person_options(removable=False)
@json_option
def add(name: str, as_json: bool, **options: Any) -> None:
    """Add a person to your network.

    Example: kith add "Ana Ruiz" --email ana@globex.com --org "Globex:CTO" --tag mentor
    """
    values, _, fields = split_person_options(options)
    person = kith().add_person(name, values, **fields)
    echo_result(person, as_json, f"Added {person.display_name} (#{person.id}).")


@click.command()
@click.argument("name")
@click.option("--name", "display_name", metavar="NEW", help="Rename them.")
@person_options(removable=True)
@json_option
def edit(name: str, as_json: bool, **options: Any) -> None:
    """Change a person: options add to lists, --remove-X takes away, others replace.

    Example: kith edit "Ana Ruiz" --org "Initech:VP Eng:2026" --remove-tag recruiter
    """
    add_values, remove_values, fields = split_person_options(options)
    if not (add_values or remove_values or fields):
        raise click.UsageError("Nothing to change: give at least one option (see kith edit -h).")
    person = kith().edit_person(name, add_values, remove_values, **fields)
    echo_result(person, as_json, f"Updated {person.display_name} (#{person.id}).")


@click.command()
@click.argument("name")
def archive(name: str) -> None:
    """Hide a person from listings; their history stays.

    Example: kith archive "Old Contact"
    """
    person = kith().archive(name)
    click.echo(f"Archived {person.display_name} (#{person.id}); kith unarchive brings them back.")


@click.command()
@click.argument("name")
def unarchive(name: str) -> None:
    """Bring an archived person back into listings.

    Example: kith unarchive "Old Contact"
    """
    person = kith().archive(name, archived=False)
    click.echo(f"Unarchived {person.display_name} (#{person.id}).")


@click.command()
@click.argument("name")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def delete(name: str, yes: bool) -> None:
    """Delete a person, their ledger and follow-ups, and interactions with only them.

    Example: kith delete "Spam Contact" --yes
    """
    app = kith()
    person = app.resolve(name)
    question = f"Delete {person.display_name} (#{person.id}) and their history?"
    if not yes and not click.confirm(question):
        click.echo("Nothing was deleted.", err=True)
        raise SystemExit(1)
    app.delete_person(f"#{person.id}")
    click.echo(f"Deleted {person.display_name}.")
