"""Contact records become people: someone known (merged into them, undoably), someone
maybe known (kept apart, and the user asked), or someone new; and a known person's fields
follow the provenance rules (core/provenance.py)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from kith.core.edits import imported_person
from kith.core.followups import FollowUp
from kith.core.identity import Decision, Verdict
from kith.core.naming import name_key
from kith.core.people import Person
from kith.core.provenance import FieldSource, alias, apply_import, current_org
from kith.importers.pipeline import ImportSummary
from kith.importers.reconcile.state import Batch, Network
from kith.importers.reconcile.values import (
    contact_values,
    digest,
    person_json,
    record_json,
)
from kith.importers.records import ContactRecord
from kith.store import tables as t
from kith.store.imports import Pending
from kith.store.repository import Repository
from kith.store.scope import from_db, to_db

CONGRATULATE = "Congratulate them on the new job"
PARTICIPANT = "participant:"  # the key prefix of records made of an activity's participant


@dataclass
class Contacts:
    """The contacts half of the reconcile stage, for one import."""

    now: datetime
    network: Network
    pending: Pending
    summary: ImportSummary
    # Known people read or changed in this batch, as they now are (until the next flush).
    state: dict[int, tuple[Person, dict[str, FieldSource]]] = field(default_factory=dict)

    def contact(self, repo: Repository, batch: Batch, record: ContactRecord) -> int | None:
        """Resolve and store one contact record; returns the person it is (None when it is
        not stored: a problem, or a person the user deleted)."""
        values = batch.values.pop(id(record), None) or contact_values(record, self.network.region)
        if not values["display_name"] or not name_key(values["display_name"]):
            self.summary.problem(record.origin, "the contact has no usable name")
            return None
        fingerprint = digest(values)
        stored = self.pending.key(batch.format, record.key) or batch.stored.get(record.key)
        if stored is not None and stored.person_id is None:
            self.summary.skip("deleted by you")
            return None
        if stored is not None and stored.person_id is not None:
            if stored.digest == fingerprint:
                self.summary.unchanged += 1
                return stored.person_id
            changed = self.apply(repo, batch, record, values, stored.person_id)
            self.summary.updated += changed
            self.summary.unchanged += not changed
            person_id: int | None = stored.person_id
        else:
            person_id = self._resolve(repo, batch, record, values)
        if person_id is None:
            return None
        self.remember(repo, batch, record.key, person_id, fingerprint, stored is not None)
        return person_id

    def remember(
        self,
        repo: Repository,
        batch: Batch,
        key: str,
        person_id: int,
        fingerprint: str,
        known: bool,
    ) -> None:
        """The record key now names this person, as this version of the record."""
        row = {"person_id": person_id, "digest": fingerprint, "import_id": batch.import_id}
        if known and (batch.format, key) not in self.pending.keys:
            self.pending.key_updates[(batch.format, key)] = row
        else:
            self.pending.keys[(batch.format, key)] = row

    def _resolve(
        self, repo: Repository, batch: Batch, record: ContactRecord, values: dict[str, Any]
    ) -> int | None:
        waiting = batch.waiting.get(record.key)
        if waiting is not None and waiting.subject_id is None:
            return self._queued_before(repo, batch, record, values, waiting)
        decision = self.network.decide(values, batch.format)
        if decision.verdict is Verdict.SAME:
            assert decision.person_id is not None
            self.merge(repo, batch, record, values, decision.person_id)
            self.summary.merged += 1
            return decision.person_id
        person_id = self.create(repo, batch, record, values)
        if decision.verdict is Verdict.REVIEW:
            self._ask(repo, batch, record, decision, person_id)
        return person_id

    def _queued_before(
        self,
        repo: Repository,
        batch: Batch,
        record: ContactRecord,
        values: dict[str, Any],
        row: Any,
    ) -> int | None:
        """A record Kith queued before 0006 (unapplied, waiting): decided, or still waiting."""
        if row.decision is None:
            self.flush(repo)
            repo.queue_review(
                batch.format,
                record.key,
                record_json(record),
                row.candidate_id,
                row.score,
                row.reason,
                batch.import_id,
                self.now,
            )
            self.summary.queued += 1
            return None
        target = row.person_id or row.candidate_id
        if row.decision == "merge" and repo.person_exists(target):
            self.apply(repo, batch, record, values, target)
            self.summary.merged += 1
            return int(target)
        return self.create(repo, batch, record, values)

    def _ask(
        self,
        repo: Repository,
        batch: Batch,
        record: ContactRecord,
        decision: Decision,
        subject: int,
    ) -> None:
        """Keep the new person apart and ask the user whether they are the candidate."""
        assert decision.person_id is not None
        self.flush(repo)
        repo.queue_review(
            batch.format,
            record.key,
            record_json(record),
            decision.person_id,
            decision.score,
            decision.reason,
            batch.import_id,
            self.now,
            subject,
        )
        self.summary.queued += 1

    # --- writing people ----------------------------------------------------

    def create(
        self, repo: Repository, batch: Batch, record: ContactRecord, values: dict[str, Any]
    ) -> int:
        """A new person from a contact record."""
        as_of = self.as_of(batch, record)
        applied = apply_import(
            imported_person(values["display_name"]), values, {}, self.today(), as_of
        )
        person = applied.person
        person.id = repo.take_id(self.pending, t.people)
        self.pending.people[person.id] = person
        origin = _origin(batch, record, as_of)
        self.pending.sources[person.id] = {
            name: {**origin, "value": values[name]} for name in applied.taken
        }
        self.network.learn(person, batch.format)
        batch.touches.people.add(person.id)
        self.summary.added += 1
        return person.id

    def merge(
        self,
        repo: Repository,
        batch: Batch,
        record: ContactRecord,
        values: dict[str, Any],
        person_id: int,
    ) -> None:
        """Apply a record to someone known, keeping what `kith unmerge` needs to undo it."""
        found = self._current(repo, batch, person_id)
        if found is None:
            return
        person, sources = found
        snapshot = {
            "record": record_json(record),
            "source": batch.format,
            "key": record.key,
            "person": person_json(person, sources),
        }
        self.pending.merges.append(
            {
                "kept_id": person_id,
                "kind": "record",
                "merged_id": None,
                "merged_name": values["display_name"][:300],
                "snapshot": snapshot,
            }
        )
        self._apply_to(repo, batch, record, values, person, sources)

    def apply(
        self,
        repo: Repository,
        batch: Batch,
        record: ContactRecord,
        values: dict[str, Any],
        person_id: int,
    ) -> bool:
        """Apply a record to a known person by the provenance rules; True if it changed them."""
        found = self._current(repo, batch, person_id)
        if found is None:
            return False
        return self._apply_to(repo, batch, record, values, *found)

    def _current(
        self, repo: Repository, batch: Batch, person_id: int
    ) -> tuple[Person, dict[str, FieldSource]] | None:
        """A person as they are now (in this batch or stored) and their fields' provenance."""
        if person_id in self.pending.people:
            rows = self.pending.sources[person_id]
            sources = {
                n: FieldSource(r["value"], False, r["source"], from_db(r.get("as_of")))
                for n, r in rows.items()
            }
            return self.pending.people[person_id], sources
        if person_id in self.state:
            return self.state[person_id]
        person = batch.people.pop(person_id, None) or repo.get_person(person_id)
        if person is None:
            return None
        kept = batch.sources.pop(person_id, None)
        found = person, kept if kept is not None else repo.field_sources(person_id)
        self.state[person_id] = found
        return found

    def _apply_to(
        self,
        repo: Repository,
        batch: Batch,
        record: ContactRecord,
        values: dict[str, Any],
        person: Person,
        sources: dict[str, FieldSource],
    ) -> bool:
        person_id = person.id
        assert person_id is not None
        as_of = self.as_of(batch, record)
        before = current_org(person)
        if record.key.startswith(PARTICIPANT):  # a header's name never renames someone known
            person = replace(person, aliases=list(person.aliases))
            alias(person, values["display_name"])
            values = {**values, "display_name": person.display_name}
        applied = apply_import(person, values, sources, self.today(), as_of)
        origin = _origin(batch, record, as_of)
        taken = {name: values[name] for name in applied.taken}
        if person_id in self.pending.people:
            self.pending.people[person_id] = applied.person
            self.pending.sources[person_id].update(
                {n: {**origin, "value": v} for n, v in taken.items()}
            )
        else:
            if applied.changed or applied.person.aliases != person.aliases:
                self.pending.updates[person_id] = applied.person
            rows = self.pending.updated_sources.setdefault(person_id, {})
            fresh = dict(sources)
            for name, value in taken.items():
                edited = sources.get(name, FieldSource()).user_edited
                rows[name] = {**origin, "value": value, "user_edited": edited}
                fresh[name] = FieldSource(value, edited, batch.format, as_of)
            self.state[person_id] = (applied.person, fresh)
        org_source = (
            batch.format if "org" in applied.taken else (sources.get("org") or FieldSource()).source
        )
        self.network.learn(applied.person, org_source)
        if applied.job_change and before:
            self._congratulate(repo, person_id, applied.job_change, before)
        return bool(applied.changed)

    def _congratulate(
        self, repo: Repository, person_id: int, change: str, before: list[str]
    ) -> None:
        """A job change puts them on the agenda, once, whichever source reported it."""
        was = ", ".join(filter(None, reversed(before)))
        what = f"{CONGRATULATE} ({change}; was {was})"
        self.flush(repo)
        if any(
            f.what.startswith(f"{CONGRATULATE} ({change};") for f in repo.followups_for(person_id)
        ):
            return
        repo.insert_followup(FollowUp(person_id, what, self.today()), self.now)
        self.summary.followups += 1

    # --- helpers -----------------------------------------------------------

    def flush(self, repo: Repository) -> None:
        """Write the batch's pending people, keys, interactions and merges."""
        if self.pending:
            repo.write_pending(self.pending, self.now)
        self.state.clear()

    def today(self) -> date:
        return self.now.date()

    @staticmethod
    def as_of(batch: Batch, record: ContactRecord) -> datetime | None:
        return record.as_of or batch.as_of


def _origin(batch: Batch, record: ContactRecord, as_of: datetime | None) -> dict[str, Any]:
    """Where a field's value came from, as a field_sources row (pending people) holds it."""
    return {
        "import_id": batch.import_id,
        "source": batch.format,
        "path": record.origin.path[:2000],
        "record": record.key[:500],
        "as_of": to_db(as_of) if as_of else None,
    }
