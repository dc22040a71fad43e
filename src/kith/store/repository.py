"""The repository: every query Kith makes, scoped to one account inside one transaction."""

from __future__ import annotations

from kith.store.activity import ActivityQueries
from kith.store.agenda import AgendaQueries
from kith.store.bulk import BulkLoad
from kith.store.giving import GivingQueries
from kith.store.health import HealthQueries
from kith.store.paths import PathQueries
from kith.store.people import PeopleQueries, PersonFilter, PersonSummary
from kith.store.profile import ProfileQueries
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
):
    """All of the store's queries for one account; built by `Store.unit`."""
