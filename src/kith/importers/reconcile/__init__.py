"""The pipeline's resolve and store stage: records matched to people (core/identity.py),
applied by the provenance rules (core/provenance.py) and stored, one batch per
transaction. Every importer (and sync) goes through it, so each format is only a parser.

`Reconciler` holds what lasts the whole import (the network as matching sees it, the
pending writes, the mail waiting for its directions); `Batch` what one transaction shares;
`Contacts` and `Activities` do the two kinds of records.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from kith.core.circles import Circle, CircleRule
from kith.core.domains import work_domains
from kith.core.provenance import INFERRED, apply_import
from kith.core.standing import Standing, settle, touched_all
from kith.errors import KithError
from kith.importers.detect import Source
from kith.importers.pipeline import ImportSummary
from kith.importers.reconcile.activities import Activities
from kith.importers.reconcile.contacts import CONGRATULATE, Contacts
from kith.importers.reconcile.state import Batch, Network, Touches, known_of_facts
from kith.importers.reconcile.values import contact_values, digest
from kith.importers.records import (
    ActivityRecord,
    ContactRecord,
    LedgerRecord,
    Problem,
    Record,
    Skipped,
)
from kith.store.imports import Pending
from kith.store.repository import Repository
from kith.store.scope import to_db

Unit = Callable[[], AbstractContextManager[Repository]]


class Reconciler:
    """Resolves and stores records for one import run."""

    def __init__(
        self,
        now: datetime,
        region: str | None,
        rules: dict[Circle, CircleRule],
        summary: ImportSummary,
    ) -> None:
        self.now, self.rules, self.summary = now, rules, summary
        self.network = Network(region)
        self.pending = Pending()
        self.contacts = Contacts(now, self.network, self.pending, summary)
        self.activities = Activities(self.contacts, summary)
        self.import_ids: dict[str, int] = {}
        self.times: dict[str, datetime | None] = {}  # source path -> the file's time
        self.seen: set[int] = set()  # people the import's contact records became

    def load(self, repo: Repository) -> Reconciler:
        """Read the network's names, organizations and keys once."""
        self.network.load(repo.identity_facts())
        return self

    # --- a batch -----------------------------------------------------------

    def store(self, repo: Repository, source: Source, records: list[Record]) -> None:
        """Resolve and store one batch (the caller's transaction)."""
        batch = self.batch(source.format, source.path)
        keyed = [r.key for r in records if isinstance(r, ContactRecord | LedgerRecord)]
        batch.stored = repo.stored_keys(source.format, keyed)
        contacts = [r.key for r in records if isinstance(r, ContactRecord)]
        self._prefetch(repo, batch, records)
        batch.waiting = {row.key: row for row in repo.review_rows_for(source.format, contacts)}
        activities = [
            k for r in records if isinstance(r, ActivityRecord) for k in (r.key, *r.former_keys)
        ]
        batch.existing = repo.interactions_by_source(source.format, activities)
        for record in records:
            if isinstance(record, Problem):
                self.summary.problem(record.origin, record.reason)
            elif isinstance(record, Skipped):
                self.summary.skip(record.reason)
            else:
                try:
                    self._one(repo, batch, record)
                except KithError as error:
                    self.summary.problem(record.origin, error.message)
        self.contacts.flush(repo)
        self.settle(repo, batch.touches)

    def batch(self, fmt: str, path: str | None = None) -> Batch:
        """A new batch of records of `fmt` from `path`."""
        import_id = self.import_ids.get(path or "")
        return Batch(fmt, import_id, self._time(path) if path else None)

    def _one(self, repo: Repository, batch: Batch, record: Record) -> None:
        if isinstance(record, ContactRecord):
            person_id = self.contacts.contact(repo, batch, record)
            if person_id is not None:
                self.seen.add(person_id)
        elif isinstance(record, ActivityRecord):
            self.activities.activity(repo, batch, record)
        elif isinstance(record, LedgerRecord):
            self.activities.ledger(repo, batch, record)

    def _prefetch(self, repo: Repository, batch: Batch, records: list[Record]) -> None:
        """Read at once the people the batch's records will change: those whose records
        changed since the last import, and those new records are (as far as the network
        can tell before the batch: anyone else is read when needed)."""
        changed: set[int] = set()
        for record in records:
            if not isinstance(record, ContactRecord):
                continue
            values = batch.values[id(record)] = contact_values(record, self.network.region)
            known = batch.stored.get(record.key)
            if known is None:
                changed |= self.network.key_holders(values)
            elif known.person_id is not None and known.digest != digest(values):
                changed.add(known.person_id)
        if changed:
            batch.people = repo.get_people(sorted(changed))
            batch.sources = repo.field_sources_of(sorted(changed))

    def _time(self, path: str) -> datetime | None:
        """A source file's time: the freshness of what it says when it gives no date."""
        if path not in self.times:
            try:
                self.times[path] = datetime.fromtimestamp(Path(path).stat().st_mtime, UTC)
            except OSError:
                self.times[path] = None
        return self.times[path]

    # --- the end of an import ---------------------------------------------

    def finish(self, unit: Unit, size: int) -> None:
        """Store the mail that waited for the whole import, then give people known only by a
        work address the organization of its domain."""
        self.activities.finish(unit, size, self.batch, self.settle)
        unplaced = [i for i in sorted(self.seen) if not self._placed(i)]
        if unplaced:
            with unit() as repo:
                self.infer_orgs(repo, unplaced)

    def _placed(self, person_id: int) -> bool:
        """Whether the network already knows where someone works, or nothing could tell."""
        known = self.network.known(person_id)
        return known is None or bool(known.orgs) or not known.domains

    def infer_orgs(self, repo: Repository, ids: list[int]) -> None:
        """People with no organization but a work address at a known organization's domain
        are linked to it (the weakest evidence: any source naming one wins)."""
        for facts in repo.identity_facts(ids):
            if facts.orgs:
                continue
            found = {o for d in work_domains(facts.emails) if (o := self.network.orgs.org_of(d))}
            if len(found) != 1:
                continue
            person = repo.get_person(facts.id)
            assert person is not None
            applied = apply_import(person, {"org": [found.pop(), ""]}, {}, self.now.date())
            repo.update_person(applied.person, self.now)
            origin = {"import_id": None, "source": INFERRED, "path": "", "record": ""}
            repo.save_sources(
                facts.id, {"org": [applied.person.orgs[0].name, ""]}, origin, self.now
            )
            self.network.index.add(
                known_of_facts(replace(facts, orgs=[applied.person.orgs[0].name]))
            )

    # --- standing ----------------------------------------------------------

    def settle(self, repo: Repository, touches: Touches) -> None:
        """Bring the standing of everyone the batch touched up to date, as logging would."""
        ids = sorted(set(touches.moments) | set(touches.extra) | touches.people)
        settled: dict[int, Standing] = {}
        for person_id, standing in repo.standings(ids).items():
            standing = touched_all(standing, touches.moments.get(person_id, []))
            if person_id in touches.extra:
                standing = replace(standing, inputs=standing.inputs + touches.extra[person_id])
            settled[person_id] = settle(standing, self.now, self.rules)
        repo.save_standings(settled)


__all__ = ["CONGRATULATE", "Reconciler", "Touches", "to_db"]
