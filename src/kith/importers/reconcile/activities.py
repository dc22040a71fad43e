"""Activity and ledger records become interactions and ledger entries of the people they
name; someone not known yet becomes a person through the same identity resolution as a
contact (so a correspondent already known from LinkedIn is them, or asks the user).

Mail from strangers is not a relationship until it went both ways: one-way mail with
unknown correspondents waits for the end of the import, when every source's directions
are known (`finish`)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime

from kith.core.identity import email_key
from kith.core.interactions import Initiator, Interaction, Kind
from kith.core.ledger import Direction, GiveKind, LedgerEntry, Status
from kith.core.strength import StrengthInputs, interaction_inputs, ledger_inputs
from kith.importers.pipeline import ImportSummary
from kith.importers.reconcile.contacts import PARTICIPANT, Contacts
from kith.importers.reconcile.state import Batch, Touches
from kith.importers.records import ActivityRecord, ContactRecord, LedgerRecord, Origin, Participant
from kith.store import tables as t
from kith.store.repository import Repository

_INITIATORS = {"me": Initiator.ME, "them": Initiator.THEM}

Unit = Callable[[], AbstractContextManager[Repository]]
Settle = Callable[[Repository, Touches], None]


@dataclass
class Activities:
    """The activities half of the reconcile stage, for one import."""

    contacts: Contacts
    summary: ImportSummary
    directions: dict[str, set[str]] = field(default_factory=dict)  # stranger -> who wrote
    deferred: list[tuple[str, ActivityRecord]] = field(default_factory=list)
    late: bool = False

    @property
    def now(self) -> datetime:
        return self.contacts.now

    def activity(self, repo: Repository, batch: Batch, record: ActivityRecord) -> None:
        if record.occurred_at > self.now:
            self.summary.skip("in the future")
            return
        try:
            kind = Kind(record.kind)
        except ValueError:
            self.summary.problem(record.origin, f"'{record.kind}' is not a kind of interaction")
            return
        strangers = [] if self.late else self._strangers(record)
        if strangers:
            for address in strangers:
                self.directions.setdefault(address, set()).add(record.initiated_by)
            self.deferred.append((batch.format, record))
            return
        ids = self._participants(repo, batch, record)
        if not ids:
            one_way = record.kind == Kind.EMAIL.value and not record.both_ways
            self.summary.skip(
                "one-way mail from someone unknown" if one_way else "nobody known took part"
            )
            return
        item = Interaction(
            record.occurred_at,
            kind,
            ids,
            initiated_by=_INITIATORS.get(record.initiated_by),
            summary=record.summary[:2000],
            source=batch.format,
            source_id=record.key[:500],
        )
        self._store(repo, batch, record, item)

    def _store(
        self, repo: Repository, batch: Batch, record: ActivityRecord, item: Interaction
    ) -> None:
        pending = self.contacts.pending
        ids = item.person_ids
        waiting = pending.interactions.get((batch.format, record.key))
        existing = next(
            (found for k in (record.key, *record.former_keys) if (found := batch.existing.get(k))),
            None,
        )
        if waiting is not None or existing is not None:
            linked = waiting[1] if waiting is not None else existing[1]  # type: ignore[index]
            missing = [p for p in ids if p not in linked]
            if missing and waiting is None and existing is not None:
                self.contacts.flush(repo)
                repo.link_people(existing[0], missing)
            linked.update(missing)
            self._touch(batch.touches, missing, item)
            self.summary.updated += bool(missing)
            self.summary.unchanged += not missing
            return
        item.id = repo.take_id(pending, t.interactions)
        pending.interactions[(batch.format, record.key)] = (item, set(ids))
        self._touch(batch.touches, ids, item)
        self.summary.interactions += 1

    def _touch(self, touches: Touches, ids: list[int], item: Interaction) -> None:
        if not ids:
            return
        moment, inputs = item.occurred_at, interaction_inputs(item, self.now)
        for person_id in ids:
            touches.moments.setdefault(person_id, []).append((moment, inputs))

    def _participants(self, repo: Repository, batch: Batch, record: ActivityRecord) -> list[int]:
        ids: list[int] = []
        for participant in record.participants:
            found = self.contacts.network.who(participant)
            if not found and self._may_add(record, participant):
                added = self.add(repo, batch, participant, record.origin, record.occurred_at)
                found = [added] if added is not None else []
            ids.extend(i for i in found if i not in ids)
        return ids

    def add(
        self,
        repo: Repository,
        batch: Batch,
        participant: Participant,
        origin: Origin,
        when: datetime,
    ) -> int | None:
        """Someone an activity names and the network does not hold: resolved as a contact
        record of their name and address (a display name from a file is never a reference)."""
        name = participant.name.strip() or participant.email.split("@")[0] or participant.url
        record = ContactRecord(
            key=f"{PARTICIPANT}{participant.email or participant.url}",
            origin=origin,
            name=name,
            emails=(participant.email,) if participant.email else (),
            links=(participant.url,) if participant.url else (),
            as_of=when,
        )
        return self.contacts.contact(repo, batch, record)

    def _may_add(self, record: ActivityRecord, participant: Participant) -> bool:
        if not (participant.email or participant.url):
            return False
        # Mail from strangers is not a relationship until they were answered (or answered).
        if record.kind != Kind.EMAIL.value or record.both_ways:
            return True
        return self.directions.get(email_key(participant.email), set()) >= {"me", "them"}

    def _strangers(self, record: ActivityRecord) -> list[str]:
        """Unknown correspondents of one-way mail (as far as this source could tell)."""
        if record.kind != Kind.EMAIL.value or record.both_ways:
            return []
        return [
            email_key(p.email)
            for p in record.participants
            if p.email and not self.contacts.network.who(p)
        ]

    def finish(
        self, unit: Unit, size: int, batch_of: Callable[[str], Batch], settle: Settle
    ) -> None:
        """Store the mail that waited for the whole import, now that its directions are known."""
        self.late = True
        by_format: dict[str, list[ActivityRecord]] = {}
        for fmt, record in self.deferred:
            by_format.setdefault(fmt, []).append(record)
        self.deferred.clear()
        for fmt, records in by_format.items():
            for start in range(0, len(records), size):
                chunk = records[start : start + size]
                with unit() as repo:
                    batch = batch_of(fmt)
                    keys = [k for r in chunk for k in (r.key, *r.former_keys)]
                    batch.existing = repo.interactions_by_source(fmt, keys)
                    for record in chunk:
                        self.activity(repo, batch, record)
                    self.contacts.flush(repo)
                    settle(repo, batch.touches)

    def ledger(self, repo: Repository, batch: Batch, record: LedgerRecord) -> None:
        if record.key in batch.stored:
            self.summary.unchanged += 1
            return
        on = record.occurred_on or self.now.date()
        if on > self.now.date():
            self.summary.skip("in the future")
            return
        found = self.contacts.network.who(record.person)
        person_id = found[0] if len(found) == 1 else None
        if person_id is None and not found and (record.person.url or record.person.email):
            when = datetime.combine(on, datetime.min.time(), self.now.tzinfo)
            person_id = self.add(repo, batch, record.person, record.origin, when)
        if person_id is None:
            self.summary.skip("nobody known took part")
            return
        try:
            direction, kind = Direction(record.direction), GiveKind(record.kind)
        except ValueError:
            self.summary.problem(record.origin, "not a known direction or kind of give")
            return
        entry = LedgerEntry(
            person_id, direction, record.summary.strip()[:2000] or kind.value, on, kind, Status.DONE
        )
        self.contacts.flush(repo)
        entry_id = repo.insert_ledger_entry(entry, self.now)
        repo.save_key(
            batch.format, record.key, batch.import_id, person_id=person_id, ledger_id=entry_id
        )
        extra = batch.touches.extra.get(person_id, StrengthInputs())
        batch.touches.extra[person_id] = extra + ledger_inputs(entry, self.now)
        self.summary.ledger += 1
