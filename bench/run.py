"""Benchmark Kith as whole processes and write docs/benchmarks.md.

Usage: .venv/bin/python bench/run.py [--sizes 1000,10000,100000] [--repeat 7] [--calls 7]
       [--seed 7] [--rebuild] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import machine
import networks
import report
from timing import CommandFailed, Timing, clean_env, time_command, time_in_process

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / ".data"
KITH = Path(sys.executable).parent / "kith"
IN_PROCESS = Path(__file__).resolve().parent / "inprocess.py"
MIN_CALLS = 7


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=(1000, 10_000, 100_000),
        help="network sizes in people, comma-separated (default: 1000,10000,100000)",
    )
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per command (default: 7)")
    parser.add_argument(
        "--calls",
        type=int,
        help=f"timed in-process agenda calls (default: --repeat, at least {MIN_CALLS})",
    )
    parser.add_argument("--seed", type=int, default=7, help="demo network seed (default: 7)")
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "docs" / "benchmarks.md",
        help="the Markdown file to write (default: docs/benchmarks.md)",
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="build the networks again even if cached"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.calls is None:
        args.calls = max(args.repeat, MIN_CALLS)
    elif args.calls < 1:
        parser.error("--calls must be at least 1")
    return args


def parse_sizes(text: str) -> tuple[int, ...]:
    """'1000,10000' -> (1000, 10000), sorted and without duplicates."""
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a list of sizes: {text!r}") from error
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return tuple(sizes)


def kith_version(env: dict[str, str]) -> str:
    """The installed Kith's version, as `kith --version` prints it ('kith, version 0.1.0')."""
    result = subprocess.run(
        [str(KITH), "--version"], capture_output=True, text=True, env=env, check=True
    )
    return result.stdout.split()[-1]


def has_command(name: str, env: dict[str, str]) -> bool:
    """Whether the installed Kith has a working `kith NAME` (its --help exits 0)."""
    result = subprocess.run(
        [str(KITH), name, "--help"], capture_output=True, text=True, env=env, check=False
    )
    return result.returncode == 0


def say(message: str) -> None:
    """Progress on stderr, so it never mixes with anything a caller captures."""
    print(message, file=sys.stderr, flush=True)


# Who `kith show` is timed on: (role, how `kith list` sorts to find them first).
LISTED_FIRST = (("most recent contact", "last"), ("longest silence", "quiet"))
BUSIEST = "most interactions"


def pick_people(
    network: networks.Network, env: dict[str, str]
) -> list[tuple[str, networks.Person]]:
    """The people to time `kith show` on, each with why they were picked."""
    picked = [
        (role, networks.listed_first(KITH, network, sort, env)) for role, sort in LISTED_FIRST
    ]
    picked.append((BUSIEST, networks.busiest(network)))
    return picked


def measure_size(
    network: networks.Network, env: dict[str, str], repeat: int, calls: int, health: bool
) -> report.SizeResult:
    """Time every command on one network: `kith show` on a few people, `kith list
    --quiet-since 6mo`, `kith today` (and `kith health`), then the agenda in process."""
    db = ["--db", network.url]
    shows = tuple(
        report.Shown(
            role,
            person,
            time_command(
                f"kith show #{person.id} ({role})",
                [str(KITH), *db, "show", f"#{person.id}"],
                env,
                repeat,
            ),
        )
        for role, person in pick_people(network, env)
    )
    quiet_argv = [str(KITH), *db, "list", "--quiet-since", "6mo"]
    quiet = time_command("kith list --quiet-since 6mo", quiet_argv, env, repeat)
    listed = subprocess.run(
        [*quiet_argv, "--json"], capture_output=True, text=True, env=env, check=True
    )
    today = time_command("kith today", [str(KITH), *db, "today"], env, repeat)
    health_timing = (
        time_command("kith health", [str(KITH), *db, "health"], env, repeat) if health else None
    )
    agenda = time_in_process(
        "Kith.agenda() in process",
        [sys.executable, str(IN_PROCESS), "--db", network.url, "--calls", str(calls)],
        env,
    )
    return report.SizeResult(
        network=network,
        shows=shows,
        quiet=quiet,
        quiet_people=len(json.loads(listed.stdout)),
        today=today,
        agenda=agenda,
        health=health_timing,
    )


def summary_line(timing: Timing) -> str:
    """One progress line for a timed command."""
    return f"  {timing.label}: median {report.ms(timing.median)}, fastest {report.ms(timing.best)}"


def run(args: argparse.Namespace) -> report.RunResult:
    """Build or reuse the networks, then time every command."""
    env = clean_env(str(DATA / "home"), str(DATA / "pycache"))
    version = kith_version(env)
    key = networks.cache_key(Path(sys.executable), args.seed, version, env)
    facts = machine.describe(version, key.schema)
    say(f"kith {version}, schema {key.schema} (migrations {key.migrations})")
    say(f"Python {facts.python}, SQLite {facts.sqlite}, {facts.cpu}")
    for stale in networks.stale(DATA, key):
        say(f"removing {stale.name}: another Kith version or schema built it")
        networks.remove(stale)
    health = has_command("health", env)
    if not health:
        say("`kith health --help` fails: not timing `kith health`")
    baseline = time_command("python -c pass", [sys.executable, "-c", "pass"], env, args.repeat)
    say(summary_line(baseline))
    version_timing = time_command("kith --version", [str(KITH), "--version"], env, args.repeat)
    say(summary_line(version_timing))
    sizes: list[report.SizeResult] = []
    for size in args.sizes:
        if args.rebuild:
            networks.remove(networks.cache_path(DATA, size, key))
        say(f"{size:,} people: building or reusing the network…")
        network = networks.build(KITH, DATA, size, key, env)
        state = "reused" if network.reused else "built"
        say(f"  {state} {network.path.name} ({network.build_seconds:,.1f} s to build)")
        result = measure_size(network, env, args.repeat, args.calls, health)
        timings = (
            *(shown.timing for shown in result.shows),
            result.quiet,
            result.today,
            *([result.health] if result.health is not None else []),
            result.agenda.timing,
        )
        for timing in timings:
            say(summary_line(timing))
        sizes.append(result)
    return report.RunResult(
        machine=facts,
        repeat=args.repeat,
        calls=args.calls,
        baseline=baseline,
        version=version_timing,
        sizes=tuple(sizes),
        load_after=machine.load_average(),
    )


def save_raw(result: report.RunResult, path: Path) -> None:
    """Keep every run's raw times as JSON beside the cached networks, for closer looks."""

    def plain(value: Any) -> Any:
        return str(value) if isinstance(value, Path) else value

    data = json.loads(json.dumps(asdict(result), default=plain))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, write the Markdown, print where it went."""
    args = parse_args(argv)
    try:
        result = run(args)
    except CommandFailed as error:
        say(f"bench: {error}")
        return 1
    save_raw(result, DATA / "last-run.json")
    report.write(result, args.out)
    for aim in report.aims(result):
        say(f"{aim.description}: {aim.measured}: {aim.verdict.strip('*')}")
    say(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
