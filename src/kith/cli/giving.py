"""`kith ledger`, `kith ask`, `kith suggest intros|gives`, `kith share`: giving first.

Example: kith ask "Tom Lee" "referral for the Staff role at Initech" --kind referral
"""

from __future__ import annotations

import sys

import click

from kith.cli.context import kith
from kith.cli.options import json_option
from kith.cli.render import console, echo_json
from kith.core.ledger import GiveKind, Status


def interactive() -> bool:
    """Whether a person is at a terminal to answer a question."""
    return sys.stdin.isatty() and sys.stdout.isatty()


@click.command()
@click.argument("name", required=False)
@json_option
def ledger(name: str | None, as_json: bool) -> None:
    """The give/ask ledger, read both ways: with NAME, what flowed between you and them
    and what is open; without, the people you only asked of, help never thanked, open
    gives and asks overdue (open over 30 days) and your gives per month.

    Example: kith ledger "Ana Ruiz"
    """
    from kith.cli.giving_views import overview_text, person_ledger_text
    from kith.core.giving import LedgerOverview, PersonLedger

    app = kith()
    view: PersonLedger | LedgerOverview = app.ledger_of(name) if name else app.ledger_overview()
    if as_json:
        echo_json(view)
    elif isinstance(view, PersonLedger):
        console().print(person_ledger_text(view))
    else:
        console().print(overview_text(view))


@click.command()
@click.argument("person")
@click.argument("what")
@click.option("--kind", type=click.Choice([k.value for k in GiveKind]), default="other",
              show_default=True, help="What kind of help.")  # fmt: skip
@click.option("--status", type=click.Choice([s.value for s in Status]),
              help="Where it stands (default: open).")  # fmt: skip
@click.option("--date", "when", metavar="WHEN", help="When (default: today).")
@click.option("--interaction", "interaction_id", type=int, metavar="ID",
              help="The interaction it came up in (its #id in kith show).")  # fmt: skip
@click.option("--anyway", is_flag=True, help="Record a cold ask without asking to confirm.")
@json_option
def ask(
    person: str, what: str, kind: str, status: str | None, when: str | None,
    interaction_id: int | None, anyway: bool, as_json: bool,
) -> None:  # fmt: skip
    """Record something you asked of someone, after the ask check.

    A warm ask is recorded at once. A cold one (weak or dormant tie, nothing given in
    the last 12 months, or many asks and few gives: see docs/giving.md) shows the check
    and gives that would fit them, then asks you to confirm; without confirmation
    (no terminal, or no) nothing is recorded and kith exits with status 1.

    Example: kith ask tom "referral for the Staff role at Initech" --kind referral
    """
    from kith.cli.giving_views import ask_check_text

    app = kith()
    args = (person, what, GiveKind(kind), Status(status) if status else None, when,
            interaction_id)  # fmt: skip
    outcome = app.ask(*args, confirmed=anyway)
    if outcome.entry is None:
        if not as_json:
            console().print(ask_check_text(outcome.check))
        if as_json or not interactive() or not click.confirm("Record the ask anyway?"):
            if as_json:
                echo_json(outcome)
            click.echo("Not recorded: confirm on a terminal, or add --anyway.", err=True)
            sys.exit(1)
        outcome = app.ask(*args, confirmed=True)
    if as_json:
        echo_json(outcome)
        return
    entry = outcome.entry
    assert entry is not None
    click.echo(f"Ledger: {entry.direction.phrase} — {entry.what} ({entry.person}, "
               f"{entry.status.value}).")  # fmt: skip


@click.group()
def suggest() -> None:
    """Suggestions from matching needs to offers: intros to make, gives to offer.

    Example: kith suggest intros --limit 5
    """


@suggest.command()
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1),
              help="How many pairs.")  # fmt: skip
@json_option
def intros(limit: int, as_json: bool) -> None:
    """Pairs worth introducing: one's need fits the other's offer, ranked by the fit and
    by the weaker of your two ties. Looks among your 300 strongest ties outside the
    dormant circle.

    Example: kith suggest intros --json
    """
    from kith.cli.giving_views import intro_suggestions_text

    found = kith().suggest_intros(limit)
    if as_json:
        echo_json(found)
    else:
        console().print(intro_suggestions_text(found))


@suggest.command()
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1),
              help="How many people.")  # fmt: skip
@json_option
def gives(limit: int, as_json: bool) -> None:
    """People whose needs fit your offers (kith me --offer), best fit first. Looks among
    your 300 strongest ties outside the dormant circle.

    Example: kith suggest gives
    """
    from kith.cli.giving_views import give_suggestions_text

    found = kith().suggest_gives(limit)
    if as_json:
        echo_json(found)
    else:
        console().print(give_suggestions_text(found))


@click.command()
@click.argument("item")
@click.option("--about", default="", metavar="KEYWORDS",
              help="What it is about (default: the item itself).")  # fmt: skip
@click.option("--to", "to", multiple=True, metavar="NAME",
              help="Share with this person (repeatable); skips the picking.")  # fmt: skip
@json_option
def share(item: str, about: str, to: tuple[str, ...], as_json: bool) -> None:
    """Share a link or a topic with the people it fits, logged as a give (article) each.

    Lists the people whose interests or needs fit and lets you pick by number on a
    terminal, or name them with --to. With --json, or without a terminal and --to, it
    only lists the candidates and records nothing. An item goes to a few people at most
    (setting share_max_people, default 3), and nobody gets two shares within 7 days.

    Example: kith share "https://example.com/pg-tuning" --about "postgres performance"
    """
    from kith.cli.giving_views import share_text

    app = kith()
    if as_json or to or not interactive():
        result = app.share(item, about, to)
        if as_json:
            echo_json(result)
        else:
            console().print(share_text(result))
        return
    result = app.share(item, about)
    console().print(share_text(result))
    if not result.candidates:
        return
    picked = _pick(len(result.candidates), result.max_people)
    if picked:
        chosen = [f"#{result.candidates[i - 1].person_id}" for i in picked]
        console().print(share_text(app.share(item, about, chosen)))


def _pick(count: int, most: int) -> list[int]:
    """Numbers typed at the prompt (1..count, at most `most`); empty: share with nobody."""
    while True:
        answer = click.prompt(f"Share with (numbers, up to {most}; empty for nobody)",
                              default="", show_default=False)  # fmt: skip
        numbers = answer.replace(",", " ").split()
        if all(n.isdigit() and 1 <= int(n) <= count for n in numbers) and len(numbers) <= most:
            return list(dict.fromkeys(int(n) for n in numbers))
        click.echo(f"Type up to {most} numbers from 1 to {count}.", err=True)
