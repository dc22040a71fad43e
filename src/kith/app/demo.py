"""The demo use case: filling an empty database with a synthetic network."""

from __future__ import annotations

from collections.abc import Callable

from kith.app.base import Base
from kith.app.results import (
    DemoSummary,
)
from kith.errors import Conflict, Do, Hint, InvalidInput
from kith.store.repository import PersonFilter, Repository


class DemoCases(Base):
    """Loading the demo network."""

    def load_demo(
        self,
        people: int = 150,
        seed: int = 7,
        force: bool = False,
        progress: Callable[[str, int, int], None] = lambda stage, done, total: None,
    ) -> DemoSummary:
        """Fill an empty database with a deterministic synthetic network.

        A database that already holds this demo is shown again rather than refused,
        so the README's run command can be run twice.
        """
        from kith import demo

        if people < 1:
            raise InvalidInput(
                "The number of people must be at least 1.",
                "Give a number such as 200.",
                field="people",
                value=str(people),
            )
        with self.store.unit(write=True) as repo:
            holds_people = repo.count_people() > 0
            already = holds_people and repo.get_me() == demo.generate_me(seed)
            if holds_people and not (force or already):
                raise Conflict(
                    "This database already holds people; the demo never mixes into a real network.",
                    Hint(Do.DEMO_ELSEWHERE),
                )
            if not already or force:
                self._load_generated(repo, people, seed, progress)
            return self._demo_summary(repo, fresh=not already or force)

    def _load_generated(
        self, repo: Repository, people: int, seed: int, progress: Callable[[str, int, int], None]
    ) -> None:
        from kith import demo

        now = self.clock()
        generated = demo.generate_people(people, seed, now)
        ids = repo.load_people(generated, now)
        progress("people", people, people)
        interactions = demo.iter_interactions(generated, seed, now)
        repo.load_interactions(
            interactions, ids, now, lambda n: progress("interactions", n, 20 * people)
        )
        repo.finish_explicit_ids()
        repo.load_ledger(demo.generate_ledger(generated, seed, now), ids, now)
        repo.load_followups(demo.generate_followups(generated, seed, now), ids, now)
        if not repo.get_me().name:
            repo.save_me(demo.generate_me(seed))
        repo.rebuild_standings(now, self.settings.circles)
        repo.analyze()

    def _demo_summary(self, repo: Repository, fresh: bool) -> DemoSummary:
        recent = repo.list_people(PersonFilter(), "last", self.clock(), 1)
        return DemoSummary(fresh=fresh, sample_person_id=recent[0].id, **repo.totals())
