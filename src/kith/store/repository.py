"""The repository: every query Kith makes, scoped to one account inside one transaction."""

from __future__ import annotations

from kith.store.activity import ActivityQueries
from kith.store.agenda import AgendaQueries
from kith.store.bulk import BulkLoad
from kith.store.dump import DumpQueries
from kith.store.giving import GivingQueries
from kith.store.health import HealthQueries
from kith.store.imports import ImportQueries, PendingWrites
from kith.store.merging import MergeQueries
from kith.store.paths import PathQueries
from kith.store.people import PeopleQueries, PersonFilter, PersonSummary
from kith.store.profile import ProfileQueries
from kith.store.reminders import ReminderQueries
from kith.store.search import SearchQueries
from kith.store.standing import StandingQueries

__all__ = ["PersonFilter", "PersonSummary", "Repository"]


class Repository(
    PeopleQueries,
    ActivityQueries,
    ProfileQueries,
    StandingQueries,
    AgendaQueries,
    HealthQueries,
    BulkLoad,
    GivingQueries,
    PathQueries,
    SearchQueries,
    ImportQueries,
    PendingWrites,
    MergeQueries,
    DumpQueries,
    ReminderQueries,
):
    """All of the store's queries for one account; built by `Store.unit`."""
