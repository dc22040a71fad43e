"""Use cases about bringing a network in and taking it out: importing files (the pipeline
in importers/pipeline.py, resolved and stored by app/reconcile.py), the review queue,
merging and unmerging people, likely duplicates, and exports."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from kith.app.base import Base
from kith.app.reconcile import Reconciler, Touches, contact_values, digest, record_from_json
from kith.core.identity import keys_of, likely_duplicates
from kith.core.merging import combined
from kith.errors import Conflict, InvalidInput, NotFound
from kith.import_results import DuplicatePair, MergeResult, ReviewItem
from kith.importers import pipeline
from kith.importers.detect import Source
from kith.importers.pipeline import ImportSummary, Progress
from kith.importers.records import ParseContext, Record
from kith.store.repository import Repository

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
        sources = pipeline.read(paths, fmt)
        summary = ImportSummary(
            sources=[f"{s.path} ({s.format})" for s in sources], dry_run=dry_run
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
            me = repo.get_me()
            reconciler = Reconciler(now, self.settings.region, self.settings.circles, summary)
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
                        "Restore it into a new database: kith --db URL import FILE.",
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
        """Imported records waiting for the user: the same person as someone known, or not?"""
        with self.store.unit() as repo:
            rows = repo.review_rows(open_only=not include_decided)
            people = repo.get_people(list({r.candidate_id for r in rows}))
            return [_review_item(row, people.get(row.candidate_id)) for row in rows]

    def decide_review(self, item_id: int, decision: str) -> ReviewItem:
        """Merge the record into the candidate, or keep it apart (a new person); the decision
        is remembered, so re-imports do not ask again."""
        if decision not in DECISIONS:
            raise InvalidInput(f"'{decision}' is not a decision.", "Use merge or apart.")
        now = self.clock()
        with self.store.unit(write=True) as repo:
            rows = repo.review_rows(row_id=item_id)
            if not rows:
                raise NotFound(f"There is no review item {item_id}.", "See kith review --json.")
            row = rows[0]
            if row.decision is not None:
                raise Conflict(
                    f"Review item {item_id} was decided already ({row.decision}).",
                    "Use kith merge or kith unmerge to change it.",
                )
            record = record_from_json(row.record)
            summary = ImportSummary()
            reconciler = Reconciler(now, self.settings.region, self.settings.circles, summary)
            touches = Touches()
            values = contact_values(record, self.settings.region)
            reconciler.know_emails(repo, values["emails"])
            if decision == "merge":
                reconciler.apply(repo, row.source, record, values, row.candidate_id, None, touches)
                person_id = row.candidate_id
            else:
                person_id = reconciler.create(repo, row.source, record, values, None, touches)
            reconciler.flush(repo)
            repo.save_key(row.source, row.key, None, person_id=person_id, digest=digest(values))
            repo.decide(item_id, decision, person_id, now)
            reconciler._settle(repo, touches)
            decided = repo.review_rows(row_id=item_id)[0]
            return _review_item(decided, repo.get_person(row.candidate_id))

    # --- merging -----------------------------------------------------------

    def merge(self, keep: str, other: str) -> MergeResult:
        """Merge `other` into `keep`: one person with both profiles and the whole history."""
        now = self.clock()
        with self.store.unit(write=True) as repo:
            kept, merged = self._person(repo, keep), self._person(repo, other)
            assert kept.id is not None and merged.id is not None
            if kept.id == merged.id:
                raise InvalidInput("That is one person already.", "Name two different people.")
            snapshot = repo.merge_people(kept.id, merged.id, now)
            repo.update_person(combined(kept, merged), now)
            repo.rebuild_standings(now, self.settings.circles, [kept.id])
            return MergeResult(
                kept.id, kept.display_name, merged.id, merged.display_name, len(snapshot["links"])
            )

    def unmerge(self, ref: str) -> MergeResult:
        """Undo the latest merge into `ref` (or of someone called `ref`): both people back,
        each with their own history, exactly as before."""
        now = self.clock()
        with self.store.unit(write=True) as repo:
            try:
                person_id: int | None = self._resolve_id(repo, ref)
            except NotFound:
                person_id = None
            merge = repo.find_merge(person_id, ref)
            if merge is None:
                raise NotFound(f"No merge of '{ref}' to undo.", "kith merge A B makes one.")
            repo.unmerge_people(merge, now)
            ids = [merge["kept_id"], merge["merged_id"]]
            repo.rebuild_standings(now, self.settings.circles, ids)
            names = repo.names(ids)
            return MergeResult(
                ids[0],
                names[ids[0]],
                ids[1],
                names[ids[1]],
                len(merge["snapshot"]["links"]),
                undone=True,
            )

    def duplicates(self) -> list[DuplicatePair]:
        """People who may be one person: a shared phone or profile, or similar names whose
        organizations do not conflict."""
        with self.store.unit() as repo:
            known = list(repo.known_people())
            owners: dict[tuple[str, str], int] = {}
            pairs: list[DuplicatePair] = []
            for person_id, kind, value in repo.contact_values():
                for key in keys_of(
                    [],
                    [value] if kind == "phone" else [],
                    [value] if kind == "link" else [],
                    self.settings.region,
                ).all():
                    first = owners.setdefault(key, person_id)
                    if first != person_id:
                        pairs.append(
                            DuplicatePair(
                                first, "", person_id, "", 100.0, f"same {key[0]} {key[1]}"
                            )
                        )
            seen = {(p.a_id, p.b_id) for p in pairs}
            for a, b, score in likely_duplicates(known):
                if (a.id, b.id) not in seen:
                    pairs.append(DuplicatePair(a.id, "", b.id, "", score, "similar name"))
            shown = repo.names([i for p in pairs for i in (p.a_id, p.b_id)])
            for pair in pairs:
                pair.a, pair.b = shown.get(pair.a_id, ""), shown.get(pair.b_id, "")
            return pairs

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
            people = repo.get_people([k.id for k in repo.known_people()])
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
        raise InvalidInput(f"Kith cannot export {fmt} yet.", "Use --format json.") from None
    found: Callable[..., Any] = module.write
    return found


@contextmanager
def _same(repo: Repository) -> Iterator[Repository]:
    yield repo


def _review_item(row: Any, candidate: Any) -> ReviewItem:
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
    )


__all__ = ["ImportingCases"]
