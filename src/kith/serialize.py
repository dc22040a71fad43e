"""Plain data to JSON-ready values: the one shape `--json` and the API share.

Field names are the dataclasses' own (documented in docs/json.md); dates are
ISO 8601, datetimes carry the local UTC offset, enums are their values.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from enum import Enum
from typing import Any


def jsonable(value: Any) -> Any:
    """`value` as dicts, lists, strings, numbers, booleans and None."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        data.update(_extras(value))
        return data
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.astimezone().isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, set | frozenset):  # sets of enums or strings: sorted, so stable
        return sorted(jsonable(v) for v in value)
    return value


def _extras(value: Any) -> dict[str, Any]:
    # Derived fields a reader of the JSON would otherwise recompute.
    extras: dict[str, Any] = {}
    for name in ("current", "is_open", "state"):
        if hasattr(type(value), name):
            extras[name] = getattr(value, name)
    if hasattr(type(value), "iso") and callable(value.iso):
        extras["iso"] = value.iso()
    return extras


def dumps(value: Any) -> str:
    """Pretty, UTF-8 JSON (names stay readable, not \\u-escaped)."""
    return json.dumps(jsonable(value), ensure_ascii=False, indent=2)
