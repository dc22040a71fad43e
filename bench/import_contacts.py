"""Parse-only speed of the contact importers: vCard against vobject, and LinkedIn connections.

    PYTHONPATH=src python bench/import_contacts.py [--cards 20000] [--connections 30000]

Writes synthetic files to a temporary folder (fictional people), then times, in one run:
Kith's vCard parser and `vobject.readComponents` over the same file (the baseline), at
half and full size to check that time grows linearly; and the LinkedIn parser over
`Connections.csv` at half and full size. Each figure is the best of `--repeat` runs
(vobject runs once at each size: it is the slow side). Storing into the database is the
import pipeline's benchmark, not this one.
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

from kith.importers import linkedin, vcard
from kith.importers.records import ContactRecord, ParseContext

CONTEXT = ParseContext(now=datetime(2026, 11, 25, tzinfo=UTC))
FIRST = ["Ana", "Tom", "Priya", "Jonas", "Aiko", "Noor", "Elena", "Chidi", "Maya", "Lars", "Zoë"]
LAST = ["Lima", "Becker", "Raman", "Weber", "Tanaka", "Haddad", "Petrova", "Okafor", "Nilsen"]
ORGS = ["Orbit Analytics", "Lumen Robotics", "Fjord Shipping", "Weber & Söhne", "Sever Labs"]


def synthetic_vcards(path: Path, count: int, seed: int = 1) -> None:
    """`count` realistic vCard 3.0 cards: names, two emails and phones, org, notes, a photo URI."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        for n in range(count):
            first, last, org = rng.choice(FIRST), rng.choice(LAST), rng.choice(ORGS)
            born = f"19{rng.randint(50, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
            note = "Met at the spring meetup; talked about hiring, robotics and climbing. " * 2
            out.write(
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"UID:bench-{n}\r\nFN:{first} {last} {n}\r\nN:{last};{first};;;\r\n"
                f"EMAIL;TYPE=INTERNET;TYPE=WORK:{first.lower()}.{n}@example.com\r\n"
                f"EMAIL;TYPE=INTERNET;TYPE=HOME:{last.lower()}{n}@mail.example\r\n"
                f"TEL;TYPE=CELL:+44 20 7946 {n % 10000:04d}\r\nTEL;TYPE=WORK:+1 415 555 0100\r\n"
                f"ORG:{org};Research\r\nTITLE:Engineer\r\nBDAY:{born}\r\n"
                f"item1.URL:https://example.com/{n}\r\nitem1.X-ABLabel:_$!<HomePage>!$_\r\n"
                f"NOTE:{note[:70]}\r\n {note[70:140]}\r\nCATEGORIES:friends,work\r\n"
                "PHOTO;VALUE=uri:https://example.com/photo.jpg\r\nEND:VCARD\r\n"
            )


def synthetic_connections(path: Path, count: int, seed: int = 2) -> None:
    """A LinkedIn `Connections.csv` with its preamble and `count` rows (some hidden members)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(
            'Notes:\r\n"When exporting your connection data, you may notice that some ..."\r\n\r\n'
        )
        out.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n")
        for n in range(count):
            if n % 50 == 0:
                out.write(",,,,,,03 Mar 2021\r\n")
                continue
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{first.lower()}{n}@example.com" if n % 10 == 0 else ""
            met = f"{rng.randint(1, 28):02d} Feb 20{rng.randint(10, 26)}"
            out.write(
                f"{first},{last},https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{n},"
                f'{email},"{rng.choice(ORGS)}",Engineer,{met}\r\n'
            )


def best(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    """The fastest of `repeat` runs (seconds) and what the run counted."""
    times, counted = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        counted = run()
        times.append(time.perf_counter() - start)
    return min(times), counted


def kith_vcards(path: Path) -> int:
    return sum(isinstance(r, ContactRecord) for r in vcard.parse(str(path), CONTEXT))


def vobject_vcards(path: Path) -> int:
    with path.open(encoding="utf-8") as stream:
        return sum(1 for card in vobject.readComponents(stream) if card.fn.value)


def kith_connections(path: Path) -> int:
    return sum(isinstance(r, ContactRecord) for r in linkedin.parse(str(path), CONTEXT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=20_000)
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        _vcards(Path(folder), args.cards, args.repeat)
        _connections(Path(folder), args.connections, args.repeat)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _vcards(folder: Path, cards: int, repeat: int) -> None:
    print("| cards | Kith s | Kith cards/s | vobject s | vobject cards/s | Kith ÷ vobject time |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in (cards // 2, cards):
        path = folder / f"cards-{size}.vcf"
        synthetic_vcards(path, size)
        ours, counted = best(lambda p=path: kith_vcards(p), repeat)
        theirs, their_count = best(lambda p=path: vobject_vcards(p), 1)
        assert counted == their_count == size, (counted, their_count)
        print(
            f"| {size:,} | {ours:.2f} | {size / ours:,.0f} | {theirs:.2f} | {size / theirs:,.0f} "
            f"| {ours / theirs:.2f} |"
        )


def _connections(folder: Path, connections: int, repeat: int) -> None:
    print("| connections | Kith s | rows/s |")
    print("|---:|---:|---:|")
    for size in (connections // 2, connections):
        path = folder / f"Connections-{size}.csv"
        synthetic_connections(path, size)
        seconds, counted = best(lambda p=path: kith_connections(p), repeat)
        assert counted == size - (size + 49) // 50, counted
        print(f"| {size:,} | {seconds:.2f} | {size / seconds:,.0f} |")


if __name__ == "__main__":
    main()
