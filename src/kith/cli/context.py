"""What every command shares: the settings flags and a lazily opened Kith."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from kith.app import Kith


@dataclass
class Context:
    """Global options, and the Kith they open on first use."""

    db: str | None = None
    account: str | None = None
    debug: bool = False
    _kith: Kith | None = field(default=None, repr=False)

    def kith(self) -> Kith:
        if self._kith is None:
            from kith import settings
            from kith.app import Kith

            loaded = settings.load({"db": self.db, "account": self.account})
            if loaded.db == settings.default_db_url(loaded.home):
                loaded.home.mkdir(parents=True, exist_ok=True)
            self._kith = Kith(loaded)
            gc.freeze()  # what is loaded so far lives to the end; see cli/main.py
            gc.enable()
        return self._kith

    def close(self) -> None:
        if self._kith is not None:
            self._kith.close()


def kith() -> Kith:
    """The Kith of the command being run."""
    context = click.get_current_context().find_object(Context)
    assert context is not None
    return context.kith()
