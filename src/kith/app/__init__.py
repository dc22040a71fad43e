"""The Kith facade: one method per use case, each one transaction.

The CLI, the web app and the tests all build a `Kith` and call its methods; they never
touch the store. A method opens a unit of work, asks the core to decide, and persists
through the repository. The use cases are grouped by concept in this package.
"""

from __future__ import annotations

from kith.app.activity import ActivityCases
from kith.app.base import CIRCLE_NAMES, SORTS, Clock, local_now
from kith.app.demo import DemoCases
from kith.app.giving import GivingCases
from kith.app.importing import ImportingCases
from kith.app.keeping import KeepingCases
from kith.app.people import PeopleCases
from kith.app.reminders import ReminderCases
from kith.app.search import SearchCases
from kith.settings import Settings

__all__ = ["CIRCLE_NAMES", "SORTS", "Clock", "Kith", "local_now"]


class Kith(
    ReminderCases,
    PeopleCases,
    ActivityCases,
    KeepingCases,
    DemoCases,
    GivingCases,
    ImportingCases,
    SearchCases,
):
    """Kith's use cases over one account's network."""

    def __init__(self, settings: Settings, clock: Clock = local_now) -> None:
        super().__init__(settings, clock)
        if self.store.migrated is not None:
            self.rebuild()  # a new schema may derive more: recompute it from the facts
