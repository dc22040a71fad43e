"""Email import speed: Kith's header scanner beside the standard library, notmuch and cat.

    PYTHONPATH=src python bench/mail_import.py [--messages 50000] [--seed 7] [--no-e2e]

Writes (once, cached under bench/.data/email-<messages>-<seed>-v1/) a synthetic Maildir
and the same messages as one mbox: realistic headers (Received, DKIM, multi-recipient
To/Cc, encoded-word names, References threads), 1–20 KB bodies, 5 % with a base64
attachment, 10 % mailing-list mail. Then measures in one run, each in its own process
(so peak memory is the run's own `ru_maxrss`): Kith's parser (`kith.importers.mail.parse`)
over the mbox and the Maildir; Python's standard library reading only the headers
(`mailbox.mbox` / `mailbox.Maildir` with `email.parser.BytesHeaderParser`); Kith's whole
import into a fresh SQLite database (`Kith.import_paths`, the mbox); `notmuch new` on the
Maildir (temporary config and database); and `cat` of the files to /dev/null. Everything
reads from a warm page cache (the files are read once before timing).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ME = "me@example.com"
NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)
NAMES = ["Zoë", "Åsa", "Łukasz", "Jürgen", "Søren", "Chloé", "Ítalo", "Małgorzata", "Renée"]
WORDS = [
    "the",
    "project",
    "meeting",
    "tomorrow",
    "draft",
    "review",
    "budget",
    "numbers",
    "slides",
    "deadline",
    "team",
    "thanks",
    "great",
    "idea",
    "call",
    "later",
    "notes",
    "agenda",
    "lunch",
    "coffee",
    "plan",
    "update",
    "question",
    "answer",
]


def person(rng: random.Random, n: int) -> tuple[str, str]:
    """A fictional correspondent: about one in six has a name that needs encoded words."""
    last = "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3))
    first = rng.choice(NAMES) if n % 6 == 0 else rng.choice(["Ana", "Tom", "Li", "Sam", "Kim"])
    return f"{first} {last.title()}", f"{last}.{n}@example.org"


def text_blob(rng: random.Random) -> str:
    lines = []
    while sum(len(line) + 1 for line in lines) < 40_000:
        lines.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))))
    return "\n".join(lines) + "\n"


def messages(count: int, seed: int) -> Iterator[bytes]:
    """The synthetic messages, deterministic from `seed` (RFC 5322, LF line ends)."""
    rng = random.Random(seed)
    people = [person(rng, n) for n in range(3000)]
    blob = text_blob(rng)
    attachment = base64.encodebytes(rng.randbytes(200_000)).decode()
    threads: list[tuple[str, str, str]] = []  # root id, last id, subject
    moment = datetime(2021, 1, 1, tzinfo=UTC)
    found = []
    for n in range(count):
        moment += timedelta(seconds=rng.randint(60, 5400))
        found.append(one_message(rng, n, moment, people, threads, blob, attachment).encode("utf-8"))
    return found


def one_message(
    rng: random.Random,
    n: int,
    moment: datetime,
    people: list[tuple[str, str]],
    threads: list[tuple[str, str, str]],
    blob: str,
    attachment: str,
) -> str:
    from email.utils import format_datetime, formataddr

    mid = f"<{n}.{rng.randrange(1 << 30):x}@mail.example.org>"
    if threads and rng.random() < 0.45:
        root, parent, subject = threads[rng.randrange(max(0, len(threads) - 200), len(threads))]
        refs = f"In-Reply-To: {parent}\nReferences: {root}\n {parent}\n"
        subject = "Re: " + subject
        threads.append((root, mid, subject.removeprefix("Re: ")))
    else:
        subject = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))).capitalize()
        refs = ""
        threads.append((mid, mid, subject))
    bulk = rng.random() < 0.10
    crowd = 18 if rng.random() < 0.02 else rng.randint(1, 3)
    others = [people[rng.randrange(len(people))] for _ in range(crowd + rng.randint(0, 4))]
    if bulk:
        sender, to, cc = ("Weekly News", "news@lists.example.net"), [("", ME)], []
    elif rng.random() < 0.3:
        sender, to, cc = ("Me Myself", ME), others[:crowd], others[crowd:]
    else:
        sender, to, cc = others[0], [("Me Myself", ME), *others[1:crowd]], others[crowd:]
    head = [
        f"Return-Path: <{sender[1]}>",
        f"Received: from mx{n % 7}.example.net (mx{n % 7}.example.net [192.0.2.{n % 250}])\n"
        f"\tby mail.example.com (Postfix) with ESMTPS id {n:08X}\n\tfor <{ME}>; "
        + format_datetime(moment),
        "Received: from localhost (localhost [127.0.0.1])\n\tby mx.example.net with ESMTP",
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=k1;\n"
        f"\th=from:to:subject:date; bh={base64.b64encode(mid.encode()).decode()};\n"
        f"\tb={base64.b64encode(rng.randbytes(96)).decode()}",
        f"From: {formataddr(sender)}",
        "To: " + ",\n ".join(formataddr(p) for p in to),
    ]
    if cc:
        head.append("Cc: " + ",\n ".join(formataddr(p) for p in cc))
    head += [f"Subject: {subject}", f"Date: {format_datetime(moment)}", f"Message-ID: {mid}"]
    if bulk:
        head += ["List-Id: <weekly.lists.example.net>", "List-Unsubscribe: <mailto:u@x.net>"]
    head += ["MIME-Version: 1.0", "X-Mailer: Bench Mail 1.0"]
    text = blob[(start := rng.randrange(20_000)) : start + rng.randint(1000, 20_000)]
    if rng.random() < 0.05:
        size = rng.randint(20, 150) * 1000
        head.append('Content-Type: multipart/mixed; boundary="b"')
        body = (
            f"--b\nContent-Type: text/plain\n\n{text}\n--b\nContent-Type: application/pdf\n"
            f"Content-Transfer-Encoding: base64\n\n{attachment[:size]}\n--b--\n"
        )
    else:
        head.append("Content-Type: text/plain; charset=utf-8")
        body = text
    return refs + "\n".join(head) + "\n\n" + body


def corpus(count: int, seed: int) -> tuple[Path, Path]:
    """The cached Maildir and mbox, written on first use."""
    folder = ROOT / "bench" / ".data" / f"email-{count}-{seed}-v1"
    maildir, mbox = folder / "maildir", folder / "all.mbox"
    if (folder / "done").exists():
        return maildir, mbox
    shutil.rmtree(folder, ignore_errors=True)
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    with mbox.open("wb") as out:
        for n, data in enumerate(messages(count, seed)):
            (maildir / "cur" / f"{1600000000 + n}.M{n}P1.bench:2,S").write_bytes(data)
            out.write(b"From bench@example.org Mon Jan  4 10:00:00 2021\n" + data + b"\n")
    (folder / "done").write_text("")
    return maildir, mbox


# --- the measured runs, each in its own process ------------------------------------------


def child(kind: str, path: str) -> dict[str, float]:
    """Run one measurement in this process and report seconds and peak memory."""
    import mailbox  # noqa: F401  (imports outside the timed part)
    from email.parser import BytesHeaderParser  # noqa: F401

    import kith.app
    import kith.importers.mail  # noqa: F401

    start = time.perf_counter()
    count = RUNS[kind](path)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": peak_mb(), "count": count}


def peak_mb() -> float:
    """This process's peak resident memory. `ru_maxrss` survives exec on Linux, so a child
    would inherit its parent's peak; VmHWM belongs to the new program alone."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def kith_parse(path: str) -> int:
    from kith.importers.mail import parse
    from kith.importers.records import ParseContext

    return sum(1 for _ in parse(path, ParseContext(NOW, frozenset({ME}))))


def kith_import(path: str) -> int:
    """The whole import into a fresh SQLite database through the facade."""
    from kith.app import Kith
    from kith.settings import Settings

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        url = f"sqlite:///{folder / 'kith.db'}"
        with Kith(Settings(folder, folder / "config.toml", url, "default")) as kith:
            kith.update_me(name="Me Myself", add={"emails": [ME]})
            summary = kith.import_paths([path], fmt="mail")
            return summary.added + summary.merged


def stdlib_headers(path: str) -> int:
    import mailbox
    from email.parser import BytesHeaderParser

    parser = BytesHeaderParser()
    box: mailbox.Mailbox[mailbox.Message]
    box = mailbox.Maildir(path, factory=None) if Path(path).is_dir() else mailbox.mbox(path)
    count = 0
    for key in box.iterkeys():
        with box.get_file(key) as f:
            parser.parse(f)  # type: ignore[arg-type]
        count += 1
    return count


RUNS = {"kith": kith_parse, "kith-import": kith_import, "stdlib": stdlib_headers}


def measure(kind: str, path: Path) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(out.splitlines()[-1]))


def shell(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def cat(path: Path) -> float:
    if path.is_file():
        return shell(["sh", "-c", f"cat '{path}' > /dev/null"])
    return shell(["sh", "-c", f"find '{path}' -type f -exec cat {{}} + > /dev/null"])


def notmuch_new(maildir: Path) -> float:
    with tempfile.TemporaryDirectory() as temporary:
        config = Path(temporary) / "config"
        (Path(temporary) / "db").mkdir()
        config.write_text(
            f"[database]\nmail_root={maildir}\npath={temporary}/db\n"
            f"[user]\nname=Me Myself\nprimary_email={ME}\n[new]\ntags=inbox;\n"
            "[maildir]\nsynchronize_flags=false\n"
        )
        env = dict(os.environ, NOTMUCH_CONFIG=str(config))
        return shell(["notmuch", "new", "--quiet"], env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-e2e", action="store_true", help="skip the import into a database")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    maildir, mbox = corpus(args.messages, args.seed)
    cat(maildir), cat(mbox)  # warm the page cache
    rows = run_all(maildir, mbox, args.messages, not args.no_e2e)
    report(rows, args.messages, mbox, load)


def run_all(maildir: Path, mbox: Path, count: int, e2e: bool) -> list[tuple[str, dict[str, float]]]:
    rows = [
        ("`cat` the mbox", {"seconds": cat(mbox)}),
        ("`cat` the Maildir", {"seconds": cat(maildir)}),
        ("Kith parse, mbox", measure("kith", mbox)),
        ("Kith parse, Maildir", measure("kith", maildir)),
        ("stdlib headers, mbox", measure("stdlib", mbox)),
        ("stdlib headers, Maildir", measure("stdlib", maildir)),
    ]
    if e2e:
        rows.append(("Kith import into SQLite, mbox", measure("kith-import", mbox)))
    rows.append(("`notmuch new`, Maildir", {"seconds": notmuch_new(maildir)}))
    return rows


def report(rows: list[tuple[str, dict[str, float]]], count: int, mbox: Path, load: str) -> None:
    seconds = {name: row["seconds"] for name, row in rows}
    print(f"{count:,} messages, mbox {mbox.stat().st_size / 1e6:,.0f} MB; load before: {load}; "
          f"after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
    print("\n| run | s | messages/s | × stdlib (same layout) | × cat (same layout) | peak MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, row in rows:
        layout = "mbox" if "mbox" in name else "Maildir"
        base = seconds[f"stdlib headers, {layout}"]
        raw = seconds[f"`cat` the {layout}"]
        peak = f"{row['peak_mb']:.0f}" if "peak_mb" in row else ""
        print(
            f"| {name} | {row['seconds']:.2f} | {count / row['seconds']:,.0f} | "
            f"{base / row['seconds']:.1f} | {row['seconds'] / raw:.1f} | {peak} |"
        )


if __name__ == "__main__":
    main()
