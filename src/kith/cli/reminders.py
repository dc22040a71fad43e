"""`kith digest`, `kith mail`, `kith worker` and `kith feed`: reminders that arrive.

The digest is a letter of today's agenda, follow-ups due, dates coming, the week's goals
and one give idea; the worker sends it once per period at your hour; the feed puts
follow-ups and dates in your phone's calendar (see docs/reminders.md).

Example: kith digest --dry-run
"""

from __future__ import annotations

from pathlib import Path

import click

from kith.cli.context import kith
from kith.cli.options import json_option
from kith.cli.render import echo_json
from kith.core.reminders import Period
from kith.errors import KithError


@click.command()
@click.option("--daily", "period", flag_value="daily", default=True, help="Today's letter.")
@click.option("--weekly", "period", flag_value="weekly", help="This week's letter.")
@click.option("--dry-run", is_flag=True, help="Print the letter; send nothing (the default).")
@click.option("--send", is_flag=True, help="Send it by mail now (once per day or week).")
@click.option("--html", "as_html", is_flag=True, help="Print the HTML part instead of the text.")
@json_option
def digest(period: str, dry_run: bool, send: bool, as_html: bool, as_json: bool) -> None:
    """Write your digest: today's agenda, follow-ups, dates, the week, one thing to give.

    Example: kith digest --weekly --send
    """
    from kith.mail import digest as letters

    app = kith()
    if send and not dry_run:
        _send(Period(period))
        return
    content = app.digest(Period(period))
    if as_json:
        echo_json(content)
        return
    letter = letters.letter(content, app.settings.mail.server_url)
    if as_html:
        click.echo(letter.html, nl=False)
        return
    click.echo(f"Subject: {letter.subject}\n")
    click.echo(letter.text, nl=False)


def _send(period: Period) -> None:
    from kith.mail.deliver import send_now

    outcome = send_now(kith(), period)
    if outcome.status == "taken":
        click.echo(f"The {period.value} digest for {outcome.period} was already sent; not again.")
    elif outcome.status == "failed":
        raise KithError(outcome.error, outcome.hint)
    else:
        click.echo(f"Sent the {period.value} digest for {outcome.period}.")


@click.group()
def mail() -> None:
    """Mail: a test message, and the letters sent.

    Example: kith mail test
    """


@mail.command("test")
def mail_test() -> None:
    """Send a short test message with your SMTP settings.

    Example: kith mail test
    """
    from kith.mail.deliver import send_letter
    from kith.mail.message import Letter

    text = "This is a test from Kith: your mail settings work.\n"
    html = "<p>This is a test from Kith: your mail settings work.</p>\n"
    to = send_letter(kith(), Letter("Kith test message", text, html))
    click.echo(f"Sent a test message to {to}.")


@mail.command("log")
@click.option("--limit", default=20, show_default=True, help="How many letters.")
@json_option
def mail_log(limit: int, as_json: bool) -> None:
    """The letters recorded, newest first: sent, or failed and why.

    Example: kith mail log
    """
    rows = kith().deliveries(limit)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No letters yet.")
    for row in rows:
        what = row.error if row.status == "failed" else row.recipient
        click.echo(f"{row.period}  {row.kind}  {row.status} (tries: {row.attempts})  {what}")


@click.command()
@click.option("--once", is_flag=True, help="Check once, send what is owed, and exit.")
@click.option("--workers", default=1, show_default=True, help="Worker threads.")
def worker(once: bool, workers: int) -> None:
    """Run the job queue: the digest at your hour, once per period, retried on failure.

    Example: kith worker
    """
    from kith.worker import make_huey, tick

    app = kith()
    if once:
        outcome = tick(app)
        if outcome.status in ("failed", "not_set_up"):
            raise KithError(outcome.error, outcome.hint)
        click.echo({"sent": f"Sent {outcome.kind} {outcome.period}.",
                    "nothing_due": "Nothing owed now.",
                    "taken": "Another worker is sending it."}[outcome.status])  # fmt: skip
        return
    from huey.consumer import Consumer

    huey = make_huey(app.settings.home)
    click.echo(f"Kith worker: queue in {app.settings.home}; Ctrl-C stops it.", err=True)
    Consumer(huey, workers=workers, periodic=True, check_worker_health=True).run()


@click.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the feed to FILE instead of printing its address.")  # fmt: skip
@click.option("--revoke", is_flag=True, help="Make a new address; the old one stops working.")
@json_option
def feed(out: Path | None, revoke: bool, as_json: bool) -> None:
    """Your calendar feed of follow-ups, interview follow-through and dates, with alarms.

    Example: kith feed --out kith.ics
    """
    app = kith()
    if out is not None:
        from kith.export.calendar import feed as ics

        items = app.feed_items()
        out.write_bytes(ics(items, app.clock(), app.settings.mail.server_url))
        click.echo(f"Wrote {len(items)} entries to {out}.")
        return
    token = app.revoke_feed() if revoke else app.feed_token()
    assert token is not None
    path = f"/feed/{token}.ics"
    url = (app.settings.mail.server_url or "http://127.0.0.1:8765") + path
    if as_json:
        echo_json({"url": url, "path": path, "revoked": revoke})
        return
    if revoke:
        click.echo("The old address no longer opens your feed. The new one:")
    click.echo(url)
