"""Reading Kith's own JSON export (export/json.py) back: a restore, not a merge.

The pipeline hands the parsed file to the facade's restore; `sniff` knows the file by
its first bytes. `parse` yields nothing but problems: a JSON export is restored whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kith.errors import InvalidInput
from kith.export.json import MARKER, VERSION
from kith.importers.records import ParseContext, Record


def sniff(head: bytes, name: str) -> bool:
    """A Kith export starts with its marker."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(f'{{"{MARKER}"'.encode())


def parse(path: str, context: ParseContext) -> Iterator[Record]:
    """Exports are restored by `Kith.import_paths`, never parsed into records."""
    return iter(())


def read(path: str) -> dict[str, list[dict[str, Any]]]:
    """The export's tables, checked to be a Kith export this Kith can restore."""
    try:
        with Path(path).open(encoding="utf-8") as file:
            data = json.load(file)
    except (OSError, ValueError) as error:
        raise InvalidInput(
            f"{path} is not a readable Kith export: {error}.", "Export it again."
        ) from None
    if not isinstance(data, dict) or data.get(MARKER) != VERSION:
        raise InvalidInput(f"{path} is not a Kith JSON export.", "Use kith export --format json.")
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise InvalidInput(f"{path} has no tables.", "Export it again.")
    return tables
