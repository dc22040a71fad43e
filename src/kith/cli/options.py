"""Options shared by several commands: the person fields of `add` and `edit`, and --json."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from kith.core.contact import ListField

LIST_HELP = {
    ListField.EMAIL: "Email address.",
    ListField.PHONE: "Phone number (E.164 when it can be read).",
    ListField.LINK: "Web link, e.g. their LinkedIn profile URL.",
    ListField.ORG: (
        "Organization held: ORG[:TITLE[:START[:END]]], e.g. Acme:CTO:2021 (a colon in a name"
        " as \\:)."
    ),
    ListField.TAG: "Tag.",
    ListField.INTEREST: "Something they are interested in.",
    ListField.NEED: "Something they are looking for now.",
    ListField.OFFER: "Something they can help others with.",
    ListField.DATE: "Important date: LABEL=DATE, e.g. birthday=1985-03-01 or birthday=03-01.",
}
SCALARS = ("given_name", "family_name", "location", "notes", "met_where", "met_context")

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def person_options(removable: bool) -> Decorator:
    """The profile options; with `removable`, also --remove-X for every list."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        options = [
            click.option("--given", "given_name", help="Given (first) name(s)."),
            click.option("--family", "family_name", help="Family name."),
            click.option("--location", help="Where they live or work."),
            click.option("--notes", help="Free notes (replaces the current notes)."),
            click.option("--met", "met_context", metavar="TEXT", help="How you met: the context."),
            click.option("--met-at", "met_where", metavar="PLACE", help="Where you met."),
            click.option("--met-on", "met_on", metavar="DATE", help="When you met."),
            click.option("--introduced-by", metavar="NAME", help="Who introduced you."),
        ]
        for field in ListField:
            options.append(
                click.option(
                    f"--{field.value}",
                    f"add_{field.value}",
                    multiple=True,
                    metavar="VALUE",
                    help=LIST_HELP[field] + " Repeatable.",
                )
            )
            if removable:
                options.append(
                    click.option(
                        f"--remove-{field.value}",
                        f"remove_{field.value}",
                        multiple=True,
                        metavar="VALUE",
                        help=f"Remove a {field.value}.",
                    )
                )
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


def split_person_options(
    options: dict[str, Any],
) -> tuple[dict[ListField, list[str]], dict[ListField, list[str]], dict[str, Any]]:
    """(values to add, values to remove, scalar fields) from a command's keyword options."""
    add = {f: list(options.pop(f"add_{f.value}", ())) for f in ListField}
    remove = {f: list(options.pop(f"remove_{f.value}", ()) or ()) for f in ListField}
    fields = {k: v for k, v in options.items() if v is not None}
    return {f: v for f, v in add.items() if v}, {f: v for f, v in remove.items() if v}, fields


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
