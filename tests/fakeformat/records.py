"""A test-only format: one JSON record per line, so the pipeline can be tested with exactly
the records a test needs (before and beside the real parsers)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kith.importers.records import (
    ActivityRecord,
    ContactRecord,
    LedgerRecord,
    Origin,
    ParseContext,
    Participant,
    Problem,
    Record,
)

MARK = "#kith-test-records"


def sniff(head: bytes, name: str) -> bool:
    return head.startswith(MARK.encode())


def parse(path: str, context: ParseContext) -> Iterator[Record]:
    with Path(path).open(encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            if number == 1 or not line.strip():
                continue
            origin = Origin(path, f"line {number}")
            data = json.loads(line)
            if data.get("sleep"):
                time.sleep(data["sleep"])
                continue
            yield build(data, origin)


def build(data: dict[str, Any], origin: Origin) -> Record:
    kind = data.pop("type", "contact")
    if kind == "problem":
        return Problem(origin, data["reason"])
    if kind == "activity":
        people = tuple(Participant(**p) for p in data.pop("with"))
        at = datetime.fromisoformat(data.pop("at"))
        return ActivityRecord(origin=origin, participants=people, occurred_at=at, **data)
    if kind == "ledger":
        person = Participant(**data.pop("person"))
        on = date.fromisoformat(data.pop("on"))
        return LedgerRecord(origin=origin, person=person, occurred_on=on, **data)
    for name in ("emails", "phones", "links", "tags"):
        data[name] = tuple(data.get(name, ()))
    if data.get("met_on"):
        data["met_on"] = date.fromisoformat(data["met_on"])
    return ContactRecord(origin=origin, **data)


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join([MARK, *(json.dumps(r) for r in records)]) + "\n")
    return path
