"""Whole rows as JSON-ready values and back, by column type: what the JSON export and
the merge snapshots (to undo a merge exactly) keep."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa


def row_to_json(table: sa.Table, row: Any) -> dict[str, Any]:
    """Every column of `row`; dates and moments (naive UTC) as ISO text."""
    data = dict(row._mapping) if hasattr(row, "_mapping") else dict(row)
    out: dict[str, Any] = {}
    for column in table.columns:
        value = data.get(column.name)
        if isinstance(value, datetime | date):
            value = value.isoformat()
        out[column.name] = value
    return out


def row_from_json(table: sa.Table, data: dict[str, Any]) -> dict[str, Any]:
    """A row to insert, from `row_to_json`'s form; unknown keys are ignored."""
    out: dict[str, Any] = {}
    for column in table.columns:
        if column.name not in data:
            continue
        value = data[column.name]
        if value is not None and isinstance(column.type, sa.DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column.type, sa.Date):
            value = datetime.fromisoformat(value).date()
        out[column.name] = value
    return out
