"""`kith me`: your own profile (emails, phones, offers, needs, goals), used by matching and
imports.

Example: kith me --email sam@example.com --offer "intros to Lisbon founders"
"""

from __future__ import annotations

import click

from kith.cli.context import kith
from kith.cli.options import json_option
from kith.cli.render import console, echo_json

FIELDS = (
    ("email", "emails"),
    ("phone", "phones"),
    ("offer", "offers"),
    ("need", "needs"),
    ("goal", "goals"),
)


@click.command()
@click.option("--name", help="Your name.")
@click.option("--email", multiple=True, help="Your email address (repeatable).")
@click.option(
    "--phone",
    multiple=True,
    help="Your phone, with its country code: national numbers in imports are read in its region.",
)
@click.option("--offer", multiple=True, help="What you can help others with (repeatable).")
@click.option("--need", multiple=True, help="What you are looking for (repeatable).")
@click.option("--goal", multiple=True, help="A goal for your network (repeatable).")
@click.option("--remove-email", multiple=True, help="Remove an email.")
@click.option("--remove-phone", multiple=True, help="Remove a phone.")
@click.option("--remove-offer", multiple=True, help="Remove an offer.")
@click.option("--remove-need", multiple=True, help="Remove a need.")
@click.option("--remove-goal", multiple=True, help="Remove a goal.")
@json_option
def me(name: str | None, as_json: bool, **options: tuple[str, ...]) -> None:
    """Show or change your own profile.

    Example: kith me --name "Sam Rivera" --need "a staff engineering role in Lisbon"
    """
    add = {attr: list(options[opt]) for opt, attr in FIELDS if options[opt]}
    remove = {
        attr: list(options[f"remove_{opt}"]) for opt, attr in FIELDS if options[f"remove_{opt}"]
    }
    app = kith()
    profile = app.update_me(name, add, remove) if (name or add or remove) else app.me()
    if as_json:
        echo_json(profile)
        return
    from rich.text import Text

    out = Text()
    out.append((profile.name or "(no name yet: kith me --name ...)") + "\n", "bold")
    for _, attribute in FIELDS:
        values = getattr(profile, attribute)
        out.append(f"{attribute.capitalize():<8}", "cyan")
        out.append(("; ".join(values) if values else "—") + "\n")
    console().print(out)
