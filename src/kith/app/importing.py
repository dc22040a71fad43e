"""Use cases about bringing a network in and taking it out: importing files (the pipeline
in importers/pipeline.py, resolved and stored by importers/reconcile/), the review queue,
merging and unmerging people, likely duplicates, and exports."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from kith.app.base import Base
from kith.app.import_results import DuplicatePair, MergeResult, ReviewItem
from kith.core.domains import OrgDomains
from kith.core.identity import (
    Known,
    holds_as_theirs,
    keys_of,
    likely_duplicates,
    seen_as_record,
)
from kith.core.merging import combined
from kith.core.naming import Relation, name_keys, relate
from kith.core.people import Me
from kith.core.provenance import FieldSource, better_name
from kith.errors import Conflict, Do, Hint, InvalidInput, NotFound, OwnAddressNeeded
from kith.importers import pipeline
from kith.importers.detect import Source
from kith.importers.pipeline import ImportSummary, ProblemNote, Progress
from kith.importers.reconcile import Reconciler
from kith.importers.reconcile.state import COMMON_KEY, known_of_facts
from kith.importers.reconcile.values import (
    contact_values,
    digest,
    person_from_json,
    record_from_json,
)
from kith.importers.records import ParseContext, Record
from kith.store.imports import PersonFacts
from kith.store.repository import Repository
from kith.store.scope import to_db

DECISIONS = ("merge", "apart")


class _DryRun(Exception):
    """Raised inside the one transaction of a dry run, so that it is rolled back."""


class ImportingCases(Base):
    """Imports, the review queue, merges, duplicates and exports."""

    def import_paths(
        self,
        paths: Sequence[str],
        fmt: str | None = None,
        dry_run: bool = False,
        progress: Callable[[Progress], None] = lambda p: None,
    ) -> ImportSummary:
        """Import files and folders (format detected unless `fmt`), one transaction per
        batch; with `dry_run`, everything runs in one transaction that is rolled back, so
        the summary is the real run's."""
        left_out: list[ProblemNote] = []
        sources = pipeline.read(paths, fmt, left_out)
        summary = ImportSummary(
            sources=[f"{s.path} ({s.format})" for s in sources],
            not_imported=left_out,
            dry_run=dry_run,
        )
        restores = [s for s in sources if s.format == "kith-json"]
        if restores:
            return self._restore(restores, sources, summary, dry_run)
        if dry_run:
            try:
                with self.store.unit(write=True) as repo:
                    self._run(sources, summary, progress, lambda: _same(repo))
                    raise _DryRun
            except _DryRun:
                pass
            return summary
        self._run(sources, summary, progress, lambda: self.store.unit(write=True))
        return summary

    def _run(
        self,
        sources: Sequence[Source],
        summary: ImportSummary,
        progress: Callable[[Progress], None],
        unit: Callable[[], Any],
    ) -> None:
        now = self.clock()
        with unit() as repo:
            me = self._own_address(repo, sources, summary)
            reconciler = Reconciler(now, self._region(repo), self.settings.circles, summary)
            reconciler.load(repo)
            for source in sources:
                reconciler.import_ids[source.path] = repo.start_import(
                    source.format, source.path, now
                )
        context = ParseContext(now, frozenset(e.casefold() for e in me.emails))

        def store(source: Source, batch: list[Record]) -> None:
            with unit() as repo:
                reconciler.store(repo, source, batch)

        pipeline.run(sources, context, store, progress)
        reconciler.finish(unit, pipeline.ACTIVITY_BATCH)
        with unit() as repo:
            from kith.serialize import jsonable

            for source in sources:
                repo.finish_import(reconciler.import_ids[source.path], jsonable(summary), now)

    def _own_address(
        self, repo: Repository, sources: Sequence[Source], summary: ImportSummary
    ) -> Me:
        """My profile, with my address read off the mail or calendar to import when it has
        none (so I never become a contact of my own); refused when nothing tells it."""
        me = repo.get_me()
        told = [s for s in sources if s.format in OWNED]
        if me.emails or not told:
            return me
        found = next((a for s in told if (a := _owner(s))), None)
        if found is None:
            raise OwnAddressNeeded(
                "Kith cannot tell which address is yours in this mail or calendar.",
                "Add your own email address to your profile, then import again.",
            )
        me.emails.append(found)
        repo.save_me(me)
        summary.owner = found
        return me

    def _restore(
        self, restores: list[Source], sources: list[Source], summary: ImportSummary, dry_run: bool
    ) -> ImportSummary:
        from kith.importers.kith_json import read
        from kith.store.dump import account_tables

        if len(sources) > 1:
            raise InvalidInput("A JSON export is restored on its own.", "Import it by itself.")
        tables = read(restores[0].path)
        try:
            with self.store.unit(write=True) as repo:
                if not repo.is_empty():
                    raise Conflict(
                        "A JSON export restores a whole network into an empty one.",
                        Hint(Do.RESTORE_INTO_NEW),
                    )
                for table in account_tables():
                    rows = tables.get(table.name, [])
                    repo.restore_rows(table, rows)
                    if table.name == "people":
                        summary.added = len(rows)
                    if table.name == "interactions":
                        summary.interactions = len(rows)
                    if table.name == "ledger_entries":
                        summary.ledger = len(rows)
                    if table.name == "followups":
                        summary.followups = len(rows)
                repo.reset_sequences()
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        return summary

    # --- the review queue --------------------------------------------------

    def review_queue(self, include_decided: bool = False) -> list[ReviewItem]:
        """People an import kept apart from someone they may be, waiting for the user (and,
        with `include_decided`, the decisions made), grouped by the person they may be."""
        with self.store.unit() as repo:
            rows = repo.review_rows(open_only=not include_decided)
            ids = {r.candidate_id for r in rows} | {r.subject_id for r in rows if r.subject_id}
            people = repo.get_people(sorted(ids))
            items = [
                _review_item(r, people.get(r.candidate_id), people.get(r.subject_id or 0))
                for r in rows
            ]
            return sorted(items, key=lambda i: (i.candidate.casefold(), i.candidate_id, i.id))

    def decide_review(self, item_id: int, decision: str) -> ReviewItem:
        """Merge the person an import kept apart into the one they may be, or keep them
        apart; the decision is remembered, so re-imports and `duplicates` do not ask again."""
        if decision not in DECISIONS:
            raise InvalidInput(f"'{decision}' is not a decision.", "Use merge or apart.")
        with self.store.unit(write=True) as repo:
            return self._decide(repo, item_id, decision)

    def accept_reviews(self, min_score: float = 0.0) -> list[ReviewItem]:
        """Merge every waiting item scoring at least `min_score`, in one transaction."""
        with self.store.unit(write=True) as repo:
            rows = [r for r in repo.review_rows(open_only=True) if r.score >= min_score]
            return [self._decide(repo, row.id, "merge") for row in rows]

    def _decide(self, repo: Repository, item_id: int, decision: str) -> ReviewItem:
        now = self.clock()
        rows = repo.review_rows(row_id=item_id)
        if not rows:
            raise NotFound(f"There is no review item {item_id}.", Hint(Do.REVIEW_QUEUE))
        row = rows[0]
        if row.decision is not None:
            raise Conflict(
                f"Review item {item_id} was decided already ({row.decision}).",
                Hint(Do.MERGE_OR_UNMERGE),
            )
        if row.subject_id is None:
            person_id = self._decide_waiting(repo, row, decision)
        elif decision == "merge" and repo.person_exists(row.candidate_id):
            self._merge_ids(repo, row.candidate_id, row.subject_id)
            person_id = row.candidate_id
        else:
            person_id = row.subject_id
        repo.decide(item_id, decision, person_id, now)
        decided = repo.review_rows(row_id=item_id)[0]
        people = repo.get_people([row.candidate_id, person_id])
        return _review_item(decided, people.get(row.candidate_id), people.get(person_id))

    def _decide_waiting(self, repo: Repository, row: Any, decision: str) -> int:
        """A record queued by Kith before 0006, waiting unapplied: apply it or make it a person."""
        now = self.clock()
        record = record_from_json(row.record)
        reconciler = Reconciler(now, self._region(repo), self.settings.circles, ImportSummary())
        batch = reconciler.batch(row.source)
        values = contact_values(record, reconciler.network.region)
        if decision == "merge" and repo.person_exists(row.candidate_id):
            reconciler.contacts.apply(repo, batch, record, values, row.candidate_id)
            person_id = int(row.candidate_id)
        else:
            person_id = reconciler.contacts.create(repo, batch, record, values)
        reconciler.contacts.flush(repo)
        repo.save_key(row.source, row.key, None, person_id=person_id, digest=digest(values))
        reconciler.settle(repo, batch.touches)
        return person_id

    # --- merging -----------------------------------------------------------

    def merge(self, keep: str, other: str) -> MergeResult:
        """Merge `other` into `keep`: one person with both profiles and the whole history."""
        with self.store.unit(write=True) as repo:
            kept, merged = self._person(repo, keep), self._person(repo, other)
            assert kept.id is not None and merged.id is not None
            if kept.id == merged.id:
                raise InvalidInput("That is one person already.", "Name two different people.")
            moved = self._merge_ids(repo, kept.id, merged.id)
            return MergeResult(kept.id, kept.display_name, merged.id, merged.display_name, moved)

    def _merge_ids(self, repo: Repository, kept_id: int, other_id: int) -> int:
        """Make `other_id` part of `kept_id` (undoable); the fresher or richer of the two
        names is kept, the other stays as an alias. Returns the interactions moved."""
        now = self.clock()
        people = repo.get_people([kept_id, other_id])
        kept, other = people[kept_id], people[other_id]
        names = repo.field_sources_of([kept_id, other_id])
        theirs = names[other_id].get("display_name", FieldSource())
        mine = names[kept_id].get("display_name", FieldSource())
        related = relate(name_keys(other.display_name), name_keys(kept.display_name))
        prefer = related is not Relation.DIFFERENT and better_name(
            other.display_name, kept.display_name, mine, theirs.as_of
        )
        snapshot = repo.merge_people(kept_id, other_id, now)
        repo.update_person(combined(kept, other, other_name=prefer), now)
        if prefer and theirs.value is not None:
            origin = {"import_id": None, "source": theirs.source, "path": "", "record": "",
                      "as_of": to_db(theirs.as_of) if theirs.as_of else None}  # fmt: skip
            repo.save_sources(kept_id, {"display_name": other.display_name}, origin, now)
        repo.rebuild_standings(now, self.settings.circles, [kept_id])
        return len(snapshot["links"])

    def unmerge(self, ref: str) -> MergeResult:
        """Undo the latest merge into `ref` (or of someone called `ref`): both people back,
        each with their own history, exactly as before; a record an import merged into
        someone becomes a person of its own again."""
        now = self.clock()
        with self.store.unit(write=True) as repo:
            try:
                person_id: int | None = self._resolve_id(repo, ref)
            except NotFound:
                person_id = None
            merge = repo.find_merge(person_id, ref)
            if merge is None:
                raise NotFound(f"No merge of '{ref}' to undo.", Hint(Do.MERGE), value=ref)
            if merge["kind"] == "record":
                merge["merged_id"] = self._unmerge_record(repo, merge)
            else:
                repo.unmerge_people(merge, now)
            ids = [merge["kept_id"], merge["merged_id"]]
            repo.rebuild_standings(now, self.settings.circles, ids)
            names = repo.names(ids)
            return MergeResult(
                ids[0],
                names[ids[0]],
                ids[1],
                names[ids[1]],
                len(merge["snapshot"].get("links", [])),
                undone=True,
            )

    def _unmerge_record(self, repo: Repository, merge: dict[str, Any]) -> int:
        """The person as they were before the record was merged into them, and the record
        as a person of its own (its key now names them, so re-imports keep them apart)."""
        now = self.clock()
        snapshot = merge["snapshot"]
        person, sources = person_from_json(snapshot["person"])
        person.id = merge["kept_id"]
        repo.update_person(person, now)
        repo.replace_sources(merge["kept_id"], sources, now)
        record = record_from_json(snapshot["record"])
        reconciler = Reconciler(now, self._region(repo), self.settings.circles, ImportSummary())
        batch = reconciler.batch(snapshot["source"])
        values = contact_values(record, reconciler.network.region)
        apart = reconciler.contacts.create(repo, batch, record, values)
        reconciler.contacts.flush(repo)
        repo.save_key(
            snapshot["source"], snapshot["key"], None, person_id=apart, digest=digest(values)
        )
        repo.merge_undone(merge["id"], now)
        return apart

    def duplicates(self) -> list[DuplicatePair]:
        """People who may be one person: the same LinkedIn profile, or names alike with
        nothing telling them apart (a shared address or phone alone is not a reason: a
        household's is held by each of its people); pairs the user kept apart are left out."""
        with self.store.unit() as repo:
            return self._duplicates(repo)

    def _duplicates(self, repo: Repository) -> list[DuplicatePair]:
        facts = repo.identity_facts()
        orgs = OrgDomains()
        for person in facts:
            orgs.learn(person.orgs, person.emails)
        known = {f.id: known_of_facts(f) for f in facts}
        pairs = _key_pairs(facts, known, self._region(repo))
        for a, b, score, reason in likely_duplicates(list(known.values()), orgs):
            pairs.setdefault((a.id, b.id), DuplicatePair(a.id, "", b.id, "", score, reason))
        apart = repo.kept_apart()
        found = [p for ids, p in pairs.items() if frozenset(ids) not in apart]
        shown = repo.names([i for p in found for i in (p.a_id, p.b_id)])
        for pair in found:
            pair.a, pair.b = shown.get(pair.a_id, ""), shown.get(pair.b_id, "")
        return sorted(found, key=lambda p: (-p.score, p.a_id, p.b_id))

    def merge_duplicates(self, min_score: float = 0.0) -> list[MergeResult]:
        """Merge every likely duplicate scoring at least `min_score`, in one transaction
        (each merge undoable on its own with `unmerge`)."""
        with self.store.unit(write=True) as repo:
            into: dict[int, int] = {}  # merged away -> where they went
            done: list[MergeResult] = []
            for pair in self._duplicates(repo):
                if pair.score < min_score:
                    continue
                kept, other = _root(into, pair.a_id), _root(into, pair.b_id)
                if kept == other:
                    continue
                moved = self._merge_ids(repo, kept, other)
                into[other] = kept
                done.append(MergeResult(kept, pair.a, other, pair.b, moved))
            return done

    # --- export ------------------------------------------------------------

    def export(self, fmt: str, out: TextIO, vcard3: bool = False) -> int:
        """Write the network to `out`: "json" (everything, restorable by kith import),
        "vcard" (4.0, or 3.0 with `vcard3`) or "csv"; returns how many it wrote."""
        if fmt == "json":
            return self._export_json(out)
        if fmt not in ("vcard", "csv"):
            raise InvalidInput(f"Kith cannot export '{fmt}'.", "Use vcard, csv or json.")
        writer = _writer(fmt)
        with self.store.unit() as repo:
            people = repo.get_people([f.id for f in repo.identity_facts()])
            options: dict[str, Any] = (
                {"version": "3.0" if vcard3 else "4.0"} if fmt == "vcard" else {}
            )
            writer(list(people.values()), out, **options)
            return len(people)

    def _export_json(self, out: TextIO) -> int:
        from kith.export.json import write
        from kith.store.dump import account_tables
        from kith.store.schema import head_revision

        with self.store.unit() as repo:
            tables = ((table.name, repo.dump_rows(table)) for table in account_tables())
            return write(head_revision(), tables, out)


def _writer(fmt: str) -> Callable[..., Any]:
    import importlib

    try:
        module = importlib.import_module(f"kith.export.{'vcard' if fmt == 'vcard' else 'csv'}")
    except ModuleNotFoundError:
        raise InvalidInput(
            f"Kith cannot export {fmt} yet.", Hint(Do.EXPORT_JSON), field="format", value=fmt
        ) from None
    found: Callable[..., Any] = module.write
    return found


@contextmanager
def _same(repo: Repository) -> Iterator[Repository]:
    yield repo


def _review_item(row: Any, candidate: Any, subject: Any) -> ReviewItem:
    record = row.record
    return ReviewItem(
        row.id,
        record.get("name", ""),
        list(record.get("emails", [])),
        record.get("organization", ""),
        f"{record['origin']['path']}, {record['origin']['place']}",
        row.candidate_id,
        candidate.display_name if candidate else "",
        candidate.headline() if candidate else "",
        row.score,
        row.reason,
        row.decision,
        row.person_id,
        row.subject_id,
        combined(candidate, subject).display_name if candidate and subject else "",
    )


def _key_pairs(
    facts: list[PersonFacts], known: dict[int, Known], region: str | None
) -> dict[tuple[int, int], DuplicatePair]:
    """People holding one key: a LinkedIn profile names one person; an address or a phone
    only when their names agree (a household's is held by each of its people)."""
    holders: dict[tuple[str, str], list[int]] = {}
    for person in facts:
        for pair in keys_of(person.emails, person.phones, person.links, region).all():
            holders.setdefault(pair, []).append(person.id)
    found: dict[tuple[int, int], DuplicatePair] = {}
    for (kind, key), ids in holders.items():
        if len(ids) > COMMON_KEY:
            continue  # a switchboard or a shared inbox: no one's in particular
        for i, first in enumerate(ids):
            for second in ids[i + 1 :]:
                if kind == "linkedin":
                    reason = "same LinkedIn profile"
                elif holds_as_theirs(seen_as_record(known[second]), known[first]):
                    reason = f"same {kind} {key}"
                else:
                    continue
                found.setdefault(
                    (first, second), DuplicatePair(first, "", second, "", 100.0, reason)
                )
    return found


OWNED = ("mail", "ics")  # formats whose direction needs the user's own address


def _owner(source: Source) -> str | None:
    """Whose mailbox or calendar a source is, as its format can tell."""
    from kith.importers import ics, mail

    return (mail.owner if source.format == "mail" else ics.owner)(source.path)


def _root(into: dict[int, int], person_id: int) -> int:
    """Where a person merged away (maybe several times over) went."""
    while person_id in into:
        person_id = into[person_id]
    return person_id


__all__ = ["ImportingCases"]
