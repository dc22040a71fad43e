"""JSON export: the whole of an account's data, every table's rows, restorable exactly by
`kith import` (importers/kith_json.py reads it back).

The file is one JSON object written as it is read from the database, table by table, so
a large network is never held whole in memory:
`{"kith_export": 1, "schema": "0004", "tables": {"people": [{...}, ...], ...}}`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

MARKER = "kith_export"
VERSION = 1


def write(schema: str, tables: Iterable[tuple[str, Iterator[dict[str, Any]]]], out: TextIO) -> int:
    """Write the export to `out`; returns how many rows it holds."""
    rows = 0
    out.write(f'{{"{MARKER}": {VERSION}, "schema": {json.dumps(schema)}, "tables": {{')
    for number, (name, table_rows) in enumerate(tables):
        out.write(("," if number else "") + f"\n{json.dumps(name)}: [")
        for index, row in enumerate(table_rows):
            out.write(("," if index else "") + "\n" + json.dumps(row, ensure_ascii=False))
            rows += 1
        out.write("]")
    out.write("\n}}\n")
    return rows
