"""One facade call per screen, one transaction: the Giving and Job search pages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from kith.app import Kith
from kith.core.contact import ListField
from kith.errors import Do, Hint


@contextmanager
def transactions(kith: Kith) -> Iterator[list[int]]:
    """Count the transactions begun on the facade's engine while the block runs."""
    begun: list[int] = []

    def on_begin(connection: Any) -> None:
        begun.append(1)

    sa.event.listen(kith.store.engine, "begin", on_begin)
    try:
        yield begun
    finally:
        sa.event.remove(kith.store.engine, "begin", on_begin)


def test_the_giving_screen_is_one_transaction(kith: Kith) -> None:
    kith.add_person("Ana Ruiz", {ListField.NEED: ["hiring Python engineers"]})
    with transactions(kith) as begun:
        empty = kith.giving_screen(5, "https://example.com/python", "python")
    assert len(begun) == 1
    assert empty.gives == [] and empty.gives_unavailable is not None
    assert empty.gives_unavailable.hint == Hint(Do.SET_OWN_OFFER)
    kith.update_me(add={"offers": ["I know Python engineers"]})
    with transactions(kith) as begun:
        screen = kith.giving_screen(5)
    assert len(begun) == 1 and screen.gives_unavailable is None and screen.share is None
    assert screen.gives == kith.suggest_gives(5) and screen.intro_ideas == kith.suggest_intros(5)
    assert screen.overview.totals is not None


def test_the_search_screen_is_one_transaction(kith: Kith) -> None:
    kith.add_person("Ana Ruiz", {ListField.ORG: ["Acme:CTO"]})
    with transactions(kith) as begun:
        screen = kith.search_screen("Acme")
    assert len(begun) == 1
    assert screen.paths is not None and screen.paths_unavailable is None
    with transactions(kith) as begun:
        nobody = kith.search_screen("Initech")
    assert len(begun) == 1 and nobody.paths is None and nobody.paths_unavailable is not None
    assert nobody.paths_unavailable.hint == Hint(Do.ADD_ORGS)
    assert nobody.company == "Initech" and nobody.week is not None


def test_the_pages_call_their_screen(web: Any) -> None:
    app: Kith = web.app.state.kith
    with transactions(app) as begun:
        assert web.get("/giving").status_code == 200
    giving = len(begun)
    with transactions(app) as begun:
        assert web.get("/search?paths=Acme").status_code == 200
    assert (giving, len(begun)) == (1, 1)
