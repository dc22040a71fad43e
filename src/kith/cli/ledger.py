"""`kith give`, `kith received`, `kith asked-by`: the give/ask ledger, both ways
(`kith ask` checks the tie first: cli/giving.py).

Example: kith give "Ana Ruiz" "intro to Maria at Globex" --kind introduction
"""

from __future__ import annotations

import click

from kith.cli.context import kith
from kith.cli.options import json_option
from kith.cli.render import echo_result
from kith.core.ledger import Direction, GiveKind, Status


def _ledger_command(name: str, direction: Direction, summary: str, example: str) -> click.Command:
    @click.command(name, help=f"{summary}\n\nExample: {example}")
    @click.argument("person")
    @click.argument("what")
    @click.option(
        "--kind",
        type=click.Choice([k.value for k in GiveKind]),
        default="other",
        show_default=True,
        help="What kind of help.",
    )
    @click.option(
        "--status",
        type=click.Choice([s.value for s in Status]),
        help="Where it stands (default: done for gives, open for asks).",
    )
    @click.option("--date", "when", metavar="WHEN", help="When (default: today).")
    @click.option(
        "--interaction",
        "interaction_id",
        type=int,
        metavar="ID",
        help="The interaction it came up in (its #id in kith show).",
    )
    @json_option
    def command(
        person: str,
        what: str,
        kind: str,
        status: str | None,
        when: str | None,
        interaction_id: int | None,
        as_json: bool,
    ) -> None:
        state = Status(status) if status else None
        entry = kith().record(direction, person, what, GiveKind(kind), state, when, interaction_id)
        echo_result(
            entry,
            as_json,
            f"Ledger: {entry.direction.phrase} — {entry.what} ({entry.person}, "
            f"{entry.status.value}).",
        )

    return command


give = _ledger_command(
    "give",
    Direction.I_GAVE,
    "Record something you gave someone.",
    'kith give ana "intro to Maria at Globex" --kind introduction',
)
received = _ledger_command(
    "received",
    Direction.THEY_GAVE,
    "Record something someone gave you.",
    'kith received ana "sent me the Lisbon salary survey" --kind article',
)
asked_by = _ledger_command(
    "asked-by",
    Direction.THEY_ASKED,
    "Record something someone asked of you.",
    'kith asked-by tom "feedback on his pitch deck" --kind advice',
)
