"""The pages, one module per group: each has a `router` and, to be in the nav, `NAV`
(label, path) pairs. Adding a page = a module here + its template + its name below."""

from __future__ import annotations

PAGES = [
    "today",
    "people",
    "person",
    "log",
    "giving",
    "search",
    "importing",
    "identity",
    "health",
    "settings",
    "auth",
    "feed",
]
