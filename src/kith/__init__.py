"""Kith: keep a professional network alive.

The public API is the `Kith` facade and the core types; the `kith` command
line and the web app are skins over it.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Kith", "__version__"]


def __getattr__(name: str) -> object:
    # Imported lazily so that `kith --version` does not pay for SQLAlchemy.
    if name == "Kith":
        from kith.app import Kith

        return Kith
    raise AttributeError(name)
