"""`kith worker`'s job queue: Huey with its SQLite storage beside the database, a periodic
check each minute that sends the digest owed (once per period, see kith.mail.deliver).

Retries live in Kith's own `deliveries` table rather than in Huey's queue: a failed letter
is tried again by the next check once its backoff has passed, so a restart, a machine that
slept or a worker that died mid-send loses nothing and sends nothing twice."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from huey import SqliteHuey, crontab

from kith import settings as kith_settings
from kith.mail.deliver import Outcome, send_due
from kith.mail.smtp import MailNotSetUp

if TYPE_CHECKING:
    from kith.app import Kith

log = logging.getLogger("kith.worker")
QUEUE_FILE = "worker.db"


def queue_path(home: Path) -> Path:
    """Huey's SQLite storage: the schedule and the task queue, beside Kith's data."""
    return home / QUEUE_FILE


def tick(kith: Kith) -> Outcome:
    """One check: send the digest owed now, if any, and say what happened."""
    try:
        outcome = send_due(kith)
    except MailNotSetUp as error:  # said each check until set up; nothing is claimed
        log.warning("%s %s", error.message, error.hint)
        return Outcome("not_set_up", error=error.message)
    if outcome.status == "sent":
        log.info("sent %s %s", outcome.kind, outcome.period)
    elif outcome.status == "failed":
        log.warning("%s %s failed (try %d): %s", outcome.kind, outcome.period,
                    outcome.attempts, outcome.error)  # fmt: skip
    return outcome


def make_huey(home: Path, immediate: bool = False) -> SqliteHuey:
    """The queue with its one periodic task (a fresh Kith per run: settings re-read)."""
    home.mkdir(parents=True, exist_ok=True)
    huey = SqliteHuey("kith", filename=str(queue_path(home)), immediate=immediate)

    @huey.periodic_task(crontab(minute="*"), name="kith.digest")  # type: ignore[untyped-decorator]
    def check_digest() -> str:
        from kith.app import Kith

        kith = Kith(kith_settings.load())
        try:
            return tick(kith).status
        finally:
            kith.close()

    huey.kith_check = check_digest  # the tests run it through the queue
    return huey
