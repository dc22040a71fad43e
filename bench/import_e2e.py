"""End-to-end import speed: files into the database through the facade (`Kith.import_paths`),
beside parsing the same files only (Kith's own parser, and vobject for vCards).

    PYTHONPATH=src python bench/import_e2e.py [--cards 20000] [--connections 30000]

For each size (half and full, to see that time grows linearly) it writes a synthetic file
(fictional people with distinct names), then times in one run: parsing only, and a whole
import into a fresh SQLite database (resolve, provenance, store, standings), and then
importing the same file again (every record recognised as unchanged). The database work
is the difference between the two. One run each: the imports write a database.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import vobject

from kith.app import Kith
from kith.importers import linkedin, vcard
from kith.importers.records import ContactRecord, ParseContext
from kith.settings import Settings

CONTEXT = ParseContext(now=datetime(2026, 11, 25, tzinfo=UTC))
ORGS = ["Orbit Analytics", "Lumen Robotics", "Fjord Shipping", "Weber & Söhne", "Sever Labs"]


def name(rng: random.Random, syllables: int) -> str:
    """A pronounceable made-up name: distinct people get names unlike each other."""
    return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(syllables))


def cards(path: Path, count: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        for n in range(count):
            first, last = name(rng, 2).title(), name(rng, 3).title()
            out.write(
                f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:bench-{n}\r\nFN:{first} {last}\r\n"
                f"N:{last};{first};;;\r\nEMAIL;TYPE=WORK:{first.lower()}.{n}@example.com\r\n"
                f"TEL;TYPE=CELL:+44 20 {70_000_000 + n}\r\nORG:{rng.choice(ORGS)}\r\n"
                f"TITLE:Engineer\r\nBDAY:19{rng.randint(50, 99)}-0{rng.randint(1, 9)}-12\r\n"
                "NOTE:Met at the spring meetup; talked about hiring and climbing.\r\n"
                "CATEGORIES:work\r\nEND:VCARD\r\n"
            )


def connections(path: Path, count: int, seed: int = 2) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write('Notes:\r\n"When exporting your connection data, ..."\r\n\r\n')
        out.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n")
        for n in range(count):
            first, last = name(rng, 2).title(), name(rng, 3).title()
            email = f"{first.lower()}{n}@example.com" if n % 10 == 0 else ""
            out.write(
                f"{first},{last},https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{n},"
                f'{email},"{rng.choice(ORGS)}",Engineer,{rng.randint(1, 28):02d} Feb 2024\r\n'
            )


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def parse_only(parse: Callable[..., object], path: Path) -> int:
    return sum(isinstance(r, ContactRecord) for r in parse(str(path), CONTEXT))  # type: ignore[operator]


def vobject_only(path: Path) -> int:
    with path.open(encoding="utf-8") as stream:
        return sum(1 for card in vobject.readComponents(stream) if card.fn.value)


def import_twice(folder: Path, path: Path) -> tuple[float, float, int]:
    """Seconds to import, seconds to import again, and records resolved (added, merged or
    queued for review: distinct made-up names still meet now and then)."""
    url = f"sqlite:///{folder / (path.stem + '.db')}"
    with Kith(Settings(folder, folder / "config.toml", url, "default")) as kith:
        start = time.perf_counter()
        summary = kith.import_paths([str(path)])
        first = time.perf_counter() - start
        again = timed(lambda: kith.import_paths([str(path)]))
    return first, again, summary.added + summary.merged + summary.queued


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=20_000)
    parser.add_argument("--connections", type=int, default=30_000)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| input | records | parse only s | vobject s | import s | records/s | again s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for size in (args.cards // 2, args.cards):
            path = folder / f"cards-{size}.vcf"
            cards(path, size)
            parsed = timed(lambda p=path: parse_only(vcard.parse, p))
            theirs = timed(lambda p=path: vobject_only(p))
            first, again, added = import_twice(folder, path)
            assert size - 5 <= added <= size, added  # made-up names collide now and then
            print(f"| vCard 3.0 | {size:,} | {parsed:.2f} | {theirs:.2f} | {first:.2f} "
                  f"| {size / first:,.0f} | {again:.2f} |")  # fmt: skip
        for size in (args.connections // 2, args.connections):
            path = folder / f"Connections-{size}.csv"
            connections(path, size)
            parsed = timed(lambda p=path: parse_only(linkedin.parse, p))
            first, again, added = import_twice(folder, path)
            assert added == size, added
            print(f"| LinkedIn connections | {size:,} | {parsed:.2f} | | {first:.2f} "
                  f"| {size / first:,.0f} | {again:.2f} |")  # fmt: skip
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
