"""The pipeline's resolve and store stages: records matched to people (core/identity.py),
applied by the provenance rules (core/provenance.py) and stored, one batch at a time.

A `Reconciler` keeps the network's exact keys and name index in memory for one import,
so each record costs a few dictionary look-ups, not a scan of the network.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from typing import Any

from kith.core.circles import Circle, CircleRule
from kith.core.contact import normalize_email, normalize_link, normalize_tag
from kith.core.edits import PersonEdit, new_person
from kith.core.followups import FollowUp
from kith.core.identity import (
    Decision,
    Known,
    NameIndex,
    Verdict,
    decide,
    email_key,
    keys_of,
    phone_key,
)
from kith.core.interactions import Initiator, Interaction, Kind
from kith.core.ledger import Direction, GiveKind, LedgerEntry, Status
from kith.core.naming import name_key
from kith.core.people import Person
from kith.core.provenance import FieldSource, apply_import, birthday, current_org, met_value
from kith.core.standing import Standing, settle, touched_all
from kith.core.strength import StrengthInputs, interaction_inputs, ledger_inputs
from kith.errors import KithError
from kith.importers.detect import Source
from kith.importers.pipeline import ImportSummary
from kith.importers.records import (
    ActivityRecord,
    ContactRecord,
    LedgerRecord,
    Origin,
    Participant,
    Problem,
    Record,
    Skipped,
)
from kith.store import tables as t
from kith.store.imports import Pending
from kith.store.repository import Repository

CONGRATULATE = "Congratulate them on the new job"
_INITIATORS = {"me": Initiator.ME, "them": Initiator.THEM}


@dataclass
class Touches:
    """Standing changes a batch owes: touches per person, ledger inputs, new people."""

    moments: dict[int, list[tuple[datetime, StrengthInputs]]] = field(default_factory=dict)
    extra: dict[int, StrengthInputs] = field(default_factory=dict)
    people: set[int] = field(default_factory=set)


def contact_values(record: ContactRecord, region: str | None) -> dict[str, Any]:
    """A contact record as provenance fields (core/provenance.py FIELDS), cleaned."""
    return {
        "display_name": " ".join(record.name.split()),
        "org": [record.organization.strip(), record.title.strip()]
        if record.organization.strip()
        else None,
        "emails": _valid(normalize_email, record.emails),
        "phones": list(
            dict.fromkeys(phone_key(p, region) or p.strip() for p in record.phones if p.strip())
        ),
        "links": _valid(normalize_link, record.links),
        "tags": _valid(normalize_tag, record.tags),
        "birthday": _birthday(record.birthday),
        "notes": record.notes.strip(),
        "met": met_value(record.met_on, record.met_how.strip()),
    }


def _valid(check: Any, values: tuple[str, ...]) -> list[str]:
    kept = []
    for value in values:
        try:
            kept.append(check(value.strip()))
        except KithError:
            continue
    return list(dict.fromkeys(kept))


def _birthday(text: str) -> str:
    try:
        return birthday(text).iso() if text else ""
    except ValueError:
        return ""


def digest(values: dict[str, Any]) -> str:
    """A record's fingerprint: an unchanged record is skipped on re-import."""
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:32]


def record_json(record: ContactRecord) -> dict[str, Any]:
    """A contact record as JSON (kept in the review queue until decided)."""
    data = asdict(record)
    data["met_on"] = record.met_on.isoformat() if record.met_on else None
    data["extra"] = dict(record.extra)
    return data


def record_from_json(data: dict[str, Any]) -> ContactRecord:
    values = dict(data)
    values["origin"] = Origin(**values["origin"])
    for name in ("emails", "phones", "links", "tags"):
        values[name] = tuple(values[name])
    values["met_on"] = date.fromisoformat(values["met_on"]) if values["met_on"] else None
    return ContactRecord(**values)


class Reconciler:
    """Resolves and stores records for one import run."""

    def __init__(
        self,
        now: datetime,
        region: str | None,
        rules: dict[Circle, CircleRule],
        summary: ImportSummary,
    ) -> None:
        self.now, self.region, self.rules, self.summary = now, region, rules, summary
        self.index = NameIndex()
        self.owners: dict[tuple[str, str], int] = {}  # (kind, key) -> person id
        self.import_ids: dict[str, int] = {}
        self.pending = Pending()
        self.people: dict[int, Person] = {}  # prefetched for this batch, used once each
        self.sources: dict[int, dict[str, FieldSource]] = {}
        self.values: dict[int, dict[str, Any]] = {}  # a batch's contact records, cleaned
        # Mail with correspondents not known yet waits for the end of the import: they
        # become people only if the exchange went both ways across all its sources.
        self.directions: dict[str, set[str]] = {}
        self.deferred: list[tuple[str, ActivityRecord]] = []
        self.late = False
        self.waiting: dict[str, Any] = {}  # record key -> its review row, for this batch
        self.existing: dict[str, tuple[int, set[int]]] = {}  # stored interactions of the batch
        self.participant_keys: dict[tuple[str, str], list[tuple[str, str]]] = {}

    def load(self, repo: Repository) -> Reconciler:
        """Read the network's keys and names once."""
        for known in repo.known_people():
            self.index.add(known)
        for person_id, kind, value in repo.contact_values():
            self._own(person_id, kind, value)
        return self

    def know_emails(self, repo: Repository, emails: list[str]) -> None:
        """Learn who owns these addresses, when the network was not loaded (one decision)."""
        for email in emails:
            owner = repo.person_with_email(email)
            if owner is not None:
                self.owners.setdefault(("email", email_key(email)), owner)

    def _own(self, person_id: int, kind: str, value: str) -> None:
        keys = keys_of(
            [value] if kind == "email" else [],
            [value] if kind == "phone" else [],
            [value] if kind == "link" else [],
            self.region,
        )
        for pair in keys.all():
            self.owners.setdefault(pair, person_id)

    def _learn(self, person: Person) -> None:
        assert person.id is not None
        orgs = tuple(name_key(o.name) for o in person.current_orgs())
        self.index.add(Known(person.id, name_key(person.display_name), orgs))
        for pair in keys_of(person.emails, person.phones, person.links, self.region).all():
            self.owners.setdefault(pair, person.id)

    # --- a batch -----------------------------------------------------------

    def store(self, repo: Repository, source: Source, batch: list[Record]) -> None:
        """Resolve and store one batch (the caller's transaction)."""
        import_id = self.import_ids[source.path]
        touches = Touches()
        keyed = [r.key for r in batch if isinstance(r, ContactRecord | LedgerRecord)]
        stored = repo.stored_keys(source.format, keyed)
        contacts = [r.key for r in batch if isinstance(r, ContactRecord)]
        self._prefetch(repo, stored, batch)
        self.waiting = {row.key: row for row in repo.review_rows_for(source.format, contacts)}
        activities = [r.key for r in batch if isinstance(r, ActivityRecord)]
        self.existing = repo.interactions_by_source(source.format, activities)
        for record in batch:
            if isinstance(record, Problem):
                self.summary.problem(record.origin, record.reason)
            elif isinstance(record, Skipped):
                self.summary.skip(record.reason)
            else:
                try:
                    self._one(repo, source.format, record, stored, import_id, touches)
                except KithError as error:
                    self.summary.problem(record.origin, error.message)
        self.flush(repo)
        self._settle(repo, touches)

    def _prefetch(self, repo: Repository, stored: dict[str, Any], batch: list[Record]) -> None:
        """Read at once the people whose records changed since the last import (each is
        used once: a second record for the same person reads them again, fresh)."""
        self.values = {}
        changed: set[int] = set()
        for record in batch:
            if isinstance(record, ContactRecord) and record.key in stored:
                values = self.values[id(record)] = contact_values(record, self.region)
                known = stored[record.key]
                if known.person_id is not None and known.digest != digest(values):
                    changed.add(known.person_id)
        self.people = repo.get_people(sorted(changed)) if changed else {}
        self.sources = repo.field_sources_of(sorted(changed)) if changed else {}

    def flush(self, repo: Repository) -> None:
        """Write the batch's pending people, keys and interactions."""
        if self.pending:
            repo.write_pending(self.pending, self.now)

    def _one(
        self,
        repo: Repository,
        fmt: str,
        record: Record,
        stored: dict[str, Any],
        import_id: int,
        touches: Touches,
    ) -> None:
        if isinstance(record, ContactRecord):
            known = self.pending.key(fmt, record.key)
            self.contact(repo, fmt, record, known or stored.get(record.key), import_id, touches)
        elif isinstance(record, ActivityRecord):
            self.activity(repo, fmt, record, touches)
        elif isinstance(record, LedgerRecord):
            self.ledger(repo, fmt, record, stored.get(record.key), import_id, touches)

    # --- contacts ----------------------------------------------------------

    def contact(
        self,
        repo: Repository,
        fmt: str,
        record: ContactRecord,
        stored: Any,
        import_id: int,
        touches: Touches,
    ) -> None:
        values = self.values.pop(id(record), None) or contact_values(record, self.region)
        if not values["display_name"] or not name_key(values["display_name"]):
            self.summary.problem(record.origin, "the contact has no usable name")
            return
        fingerprint = digest(values)
        if stored is not None and stored.person_id is None:
            self.summary.skip("deleted by you")
            return
        if stored is not None and stored.person_id is not None:
            if stored.digest == fingerprint:
                self.summary.unchanged += 1
                return
            changed = self.apply(repo, fmt, record, values, stored.person_id, import_id, touches)
            self.summary.updated += changed
            self.summary.unchanged += not changed
            person_id: int | None = stored.person_id
        else:
            person_id = self._resolve(repo, fmt, record, values, import_id, touches)
        if person_id is None:
            return
        if stored is not None and (fmt, record.key) not in self.pending.keys:
            repo.save_key(fmt, record.key, import_id, person_id=person_id, digest=fingerprint)
        else:
            row = {"person_id": person_id, "digest": fingerprint, "import_id": import_id}
            self.pending.keys[(fmt, record.key)] = row

    def _resolve(
        self,
        repo: Repository,
        fmt: str,
        record: ContactRecord,
        values: dict[str, Any],
        import_id: int,
        touches: Touches,
    ) -> int | None:
        waiting = self.waiting.get(record.key)
        if waiting is not None:
            return self._reviewed(repo, fmt, record, values, waiting, import_id, touches)
        keys = keys_of(values["emails"], values["phones"], values["links"], self.region)
        exact = {self.owners[k] for k in keys.all() if k in self.owners}
        decision = decide(
            exact,
            values["display_name"],
            record.organization,
            self.index.near(values["display_name"]),
        )
        if decision.verdict is Verdict.SAME:
            assert decision.person_id is not None
            self.apply(repo, fmt, record, values, decision.person_id, import_id, touches)
            self.summary.merged += 1
            return decision.person_id
        if decision.verdict is Verdict.REVIEW:
            self._queue(repo, fmt, record, decision, import_id)
            return None
        return self.create(repo, fmt, record, values, import_id, touches)

    def _reviewed(
        self,
        repo: Repository,
        fmt: str,
        record: ContactRecord,
        values: dict[str, Any],
        row: Any,
        import_id: int,
        touches: Touches,
    ) -> int | None:
        if row.decision is None:
            self.flush(repo)
            repo.queue_review(
                fmt,
                record.key,
                record_json(record),
                row.candidate_id,
                row.score,
                row.reason,
                import_id,
                self.now,
            )
            self.summary.queued += 1
            return None
        target = row.person_id or row.candidate_id
        if row.decision == "merge" and repo.person_exists(target):
            self.apply(repo, fmt, record, values, target, import_id, touches)
            self.summary.merged += 1
            return int(target)
        return self.create(repo, fmt, record, values, import_id, touches)

    def _queue(
        self, repo: Repository, fmt: str, record: ContactRecord, decision: Decision, import_id: int
    ) -> None:
        assert decision.person_id is not None
        self.flush(repo)
        repo.queue_review(
            fmt,
            record.key,
            record_json(record),
            decision.person_id,
            decision.score,
            decision.reason,
            import_id,
            self.now,
        )
        self.summary.queued += 1

    def create(
        self,
        repo: Repository,
        fmt: str,
        record: ContactRecord,
        values: dict[str, Any],
        import_id: int | None,
        touches: Touches,
    ) -> int:
        """A new person from a contact record."""
        person = new_person(values["display_name"], PersonEdit())
        applied = apply_import(person, values, {}, self.now.date())
        person = applied.person
        person.id = repo.take_id(self.pending, t.people)
        # An address names one person (and is unique in the store): someone else's stays
        # theirs, e.g. a record kept apart from the person it shared an address with.
        person.emails = [
            e
            for e in person.emails
            if self.owners.get(("email", email_key(e)), person.id) == person.id
        ]
        self.pending.people[person.id] = person
        origin = _origin(fmt, record, import_id)
        self.pending.sources[person.id] = {
            name: {**origin, "value": value} for name, value in _present(values).items()
        }
        self._learn(person)
        touches.people.add(person.id)
        self.summary.added += 1
        return person.id

    def apply(
        self,
        repo: Repository,
        fmt: str,
        record: ContactRecord,
        values: dict[str, Any],
        person_id: int,
        import_id: int | None,
        touches: Touches,
    ) -> bool:
        """Apply a record to a known person by the provenance rules; True if it changed them."""
        if person_id in self.pending.people:
            return self._apply_pending(fmt, record, values, person_id, import_id)
        person = self.people.pop(person_id, None) or repo.get_person(person_id)
        if person is None:
            return False
        sources = self.sources.pop(person_id, None)
        if sources is None:
            sources = repo.field_sources(person_id)
        before_org = current_org(person)
        applied = apply_import(person, values, sources, self.now.date())
        self._keep_others_emails(repo, applied.person, person_id)
        if applied.changed:
            repo.update_person(applied.person, self.now)
            self._learn(applied.person)
        repo.save_sources(
            person_id, _present(values), _origin(fmt, record, import_id), self.now, sources
        )
        org_source = sources.get("org")
        if applied.job_change and fmt == "linkedin" and org_source and org_source.source == fmt:
            was = ", ".join(filter(None, reversed(before_org or [])))
            what = f"{CONGRATULATE} ({applied.job_change}; was {was})"
            self.flush(repo)
            repo.insert_followup(FollowUp(person_id, what, self.today()), self.now)
            self.summary.followups += 1
        return bool(applied.changed)

    def _apply_pending(
        self,
        fmt: str,
        record: ContactRecord,
        values: dict[str, Any],
        person_id: int,
        import_id: int | None,
    ) -> bool:
        """Apply a record to someone this batch created (still in memory)."""
        person = self.pending.people[person_id]
        kept = self.pending.sources[person_id]
        sources = {n: FieldSource(r["value"], False, r["source"]) for n, r in kept.items()}
        applied = apply_import(person, values, sources, self.today())
        applied.person.emails = [
            e
            for e in applied.person.emails
            if self.owners.get(("email", email_key(e)), person_id) == person_id
        ]
        self.pending.people[person_id] = applied.person
        self._learn(applied.person)
        origin = _origin(fmt, record, import_id)
        kept.update({n: {**origin, "value": v} for n, v in _present(values).items()})
        return bool(applied.changed)

    def _keep_others_emails(self, repo: Repository, person: Person, person_id: int) -> None:
        """Another person's address stays theirs (it names them exactly)."""
        for email in list(person.emails):
            owner = self.owners.get(("email", email_key(email))) or repo.person_with_email(email)
            if owner is not None and owner != person_id:
                person.emails.remove(email)

    def today(self) -> date:
        return self.now.date()

    # --- interactions and the ledger --------------------------------------

    def activity(
        self, repo: Repository, fmt: str, record: ActivityRecord, touches: Touches
    ) -> None:
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
            self.deferred.append((fmt, record))
            return
        ids = self._participants(repo, fmt, record, touches)
        if not ids:
            one_way = record.kind == Kind.EMAIL.value and not record.both_ways
            self.summary.skip(
                "one-way mail from someone unknown" if one_way else "nobody known took part"
            )
            return
        initiated = _INITIATORS.get(record.initiated_by)
        item = Interaction(
            record.occurred_at,
            kind,
            ids,
            initiated_by=initiated,
            summary=record.summary[:2000],
            source=fmt,
            source_id=record.key[:500],
        )
        waiting = self.pending.interactions.get((fmt, record.key))
        if waiting is not None:
            missing = [p for p in ids if p not in waiting[1]]
            waiting[1].update(missing)
            self._touch(touches, missing, item)
            self.summary.updated += bool(missing)
            self.summary.unchanged += not missing
            return
        existing = self.existing.get(record.key)
        if existing is not None:
            interaction_id, linked = existing
            missing = [p for p in ids if p not in linked]
            if missing:
                self.flush(repo)
                repo.link_people(interaction_id, missing)
                linked.update(missing)
            self._touch(touches, missing, item)
            if missing:
                self.summary.updated += 1
            else:
                self.summary.unchanged += 1
            return
        item.id = repo.take_id(self.pending, t.interactions)
        self.pending.interactions[(fmt, record.key)] = (item, set(ids))
        self._touch(touches, ids, item)
        self.summary.interactions += 1

    def _touch(self, touches: Touches, ids: list[int], item: Interaction) -> None:
        if not ids:
            return
        moment, inputs = item.occurred_at, interaction_inputs(item, self.now)
        for person_id in ids:
            touches.moments.setdefault(person_id, []).append((moment, inputs))

    def _participants(
        self, repo: Repository, fmt: str, record: ActivityRecord, touches: Touches
    ) -> list[int]:
        ids: list[int] = []
        for participant in record.participants:
            found = self._known(participant)
            if found is None and self._may_add(record, participant):
                found = self._add_participant(repo, fmt, participant, record.origin, touches)
            if found is not None and found not in ids:
                ids.append(found)
        return ids

    def _known(self, participant: Participant) -> int | None:
        for pair in self._keys(participant.email, participant.url):
            if pair in self.owners:
                return self.owners[pair]
        if participant.name and not participant.email and not participant.url:
            key = name_key(participant.name)
            same = [k.id for k in self.index.near(participant.name) if k.name == key]
            return same[0] if len(same) == 1 else None
        return None

    def _keys(self, email: str, url: str) -> list[tuple[str, str]]:
        """A participant's exact keys, normalised once per import (correspondents recur)."""
        found = self.participant_keys.get((email, url))
        if found is None:
            keys = keys_of([email] if email else [], [], [url] if url else [], self.region)
            found = self.participant_keys[(email, url)] = keys.all()
        return found

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
            email_key(p.email) for p in record.participants if p.email and self._known(p) is None
        ]

    def finish(self, unit: Callable[[], AbstractContextManager[Repository]], size: int) -> None:
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
                    touches = Touches()
                    self.existing = repo.interactions_by_source(fmt, [r.key for r in chunk])
                    for record in chunk:
                        self.activity(repo, fmt, record, touches)
                    self.flush(repo)
                    self._settle(repo, touches)

    def _add_participant(
        self, repo: Repository, fmt: str, participant: Participant, origin: Origin, touches: Touches
    ) -> int | None:
        name = participant.name.strip() or participant.email.split("@")[0] or participant.url
        record = ContactRecord(
            key=f"participant:{participant.email or participant.url}",
            origin=origin,
            name=name,
            emails=(participant.email,) if participant.email else (),
            links=(participant.url,) if participant.url else (),
        )
        values = contact_values(record, self.region)
        if not name_key(values["display_name"]):
            return None
        return self.create(repo, fmt, record, values, self.import_ids.get(origin.path), touches)

    def ledger(
        self,
        repo: Repository,
        fmt: str,
        record: LedgerRecord,
        stored: Any,
        import_id: int,
        touches: Touches,
    ) -> None:
        if stored is not None:
            self.summary.unchanged += 1
            return
        on = record.occurred_on or self.today()
        if on > self.today():
            self.summary.skip("in the future")
            return
        person_id = self._known(record.person)
        if person_id is None and (record.person.url or record.person.email):
            person_id = self._add_participant(repo, fmt, record.person, record.origin, touches)
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
        self.flush(repo)
        entry_id = repo.insert_ledger_entry(entry, self.now)
        repo.save_key(fmt, record.key, import_id, person_id=person_id, ledger_id=entry_id)
        extra = touches.extra.get(person_id, StrengthInputs())
        touches.extra[person_id] = extra + ledger_inputs(entry, self.now)
        self.summary.ledger += 1

    # --- standing ----------------------------------------------------------

    def _settle(self, repo: Repository, touches: Touches) -> None:
        """Bring the standing of everyone the batch touched up to date, as logging would."""
        ids = sorted(set(touches.moments) | set(touches.extra) | touches.people)
        settled: dict[int, Standing] = {}
        for person_id, standing in repo.standings(ids).items():
            standing = touched_all(standing, touches.moments.get(person_id, []))
            if person_id in touches.extra:
                standing = replace(standing, inputs=standing.inputs + touches.extra[person_id])
            settled[person_id] = settle(standing, self.now, self.rules)
        repo.save_standings(settled)


def _origin(fmt: str, record: ContactRecord, import_id: int | None) -> dict[str, Any]:
    return {
        "import_id": import_id,
        "source": fmt,
        "path": record.origin.path[:2000],
        "record": record.key[:500],
    }


def _present(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "", [])}
