"""The results of a benchmark run, the aims they are judged by, and docs/benchmarks.md."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from math import log10
from pathlib import Path

from machine import Machine
from networks import Network, Person
from timing import InProcess, Timing

NOTES_HEADING = "## Notes"
DEFAULT_NOTES = f"""{NOTES_HEADING}

<!-- bench/run.py keeps this section (from the heading above to the end of the file) as it is
when it regenerates the file: add analysis here by hand. -->

No notes yet.
"""

VERSION_AIM = 3.0  # `kith --version` within this many times `python -c pass`
SHOW_AIM_SECONDS = 0.300  # `kith show` under this at SHOW_AIM_SIZE people
SHOW_AIM_SIZE = 100_000
AGENDA_AIM_SECONDS = 0.050  # `Kith.agenda()` in process under this at AGENDA_AIM_SIZE people
AGENDA_AIM_SIZE = 100_000
TODAY_GROWTH_AIM = 1.5  # `kith today` whole process grows less than this per 10× people


@dataclass(frozen=True)
class Shown:
    """`kith show` timed on one person, and why that person was picked."""

    role: str
    person: Person
    timing: Timing


@dataclass(frozen=True)
class SizeResult:
    """Everything measured on one network."""

    network: Network
    shows: tuple[Shown, ...]
    quiet: Timing
    quiet_people: int
    today: Timing
    agenda: InProcess
    health: Timing | None  # None where this Kith has no `kith health`


@dataclass(frozen=True)
class RunResult:
    """One whole benchmark run."""

    machine: Machine
    repeat: int
    calls: int  # timed in-process agenda calls per network
    baseline: Timing
    version: Timing
    sizes: tuple[SizeResult, ...]
    load_after: str


@dataclass(frozen=True)
class Aim:
    """A target and how this run did against it; `met` is None when it was not measured."""

    description: str
    measured: str
    met: bool | None

    @property
    def verdict(self) -> str:
        """met, not met, or not measured."""
        if self.met is None:
            return "not measured"
        return "**met**" if self.met else "**not met**"


def ms(seconds: float) -> str:
    """Seconds as milliseconds, to a precision that suits the size."""
    value = seconds * 1000
    return f"{value:.1f} ms" if value < 10 else f"{value:,.0f} ms"


def people_label(size: int) -> str:
    """A network size the way a reader says it: 1k, 10k, 100k, 1M."""
    if size >= 1_000_000 and size % 1_000_000 == 0:
        return f"{size // 1_000_000}M"
    if size >= 1000 and size % 1000 == 0:
        return f"{size // 1000}k"
    return f"{size:,}"


def ratio(numerator: float, denominator: float) -> str:
    """A ratio as 2.4×."""
    return f"{numerator / denominator:.1f}×"


def step_label(smaller: SizeResult, larger: SizeResult) -> str:
    """'1k → 10k'."""
    return f"{people_label(smaller.network.size)} → {people_label(larger.network.size)}"


def growth_steps(sizes: Sequence[SizeResult]) -> list[tuple[SizeResult, SizeResult]]:
    """The pairs the tables give growth for: each size to the next, then first to last."""
    steps = list(pairwise(sizes))
    if len(sizes) > 2:
        steps.append((sizes[0], sizes[-1]))
    return steps


def per_tenfold(
    smaller: SizeResult, larger: SizeResult, pick: Callable[[SizeResult], Timing]
) -> float:
    """How much a median grows for each 10× more people between two sizes (geometric):
    the plain ratio when the sizes are 10× apart."""
    decades = log10(larger.network.size / smaller.network.size)
    return float((pick(larger).median / pick(smaller).median) ** (1 / decades))


def aims(run: RunResult) -> list[Aim]:
    """Judge the run against the project's speed aims (on medians)."""
    version_ratio = run.version.median / run.baseline.median
    found: list[Aim] = [
        Aim(
            f"`kith --version` within {VERSION_AIM:g}× `python -c pass`",
            f"{version_ratio:.1f}× ({ms(run.version.median)} vs {ms(run.baseline.median)})",
            version_ratio <= VERSION_AIM,
        )
    ]
    at_size = [result for result in run.sizes if result.network.size == SHOW_AIM_SIZE]
    limit = f"under {ms(SHOW_AIM_SECONDS)} at {people_label(SHOW_AIM_SIZE)} people"
    if not at_size:
        found.append(Aim(f"`kith show` {limit}", "—", None))
    for shown in at_size[0].shows if at_size else ():
        median = shown.timing.median
        found.append(
            Aim(f"`kith show` ({shown.role}) {limit}", ms(median), median < SHOW_AIM_SECONDS)
        )
    found.append(_agenda_aim(run))
    found.append(_today_growth_aim(run))
    return found


def _agenda_aim(run: RunResult) -> Aim:
    """The in-process agenda under AGENDA_AIM_SECONDS at AGENDA_AIM_SIZE people."""
    description = (
        f"`Kith.agenda()` in process under {ms(AGENDA_AIM_SECONDS)}"
        f" at {people_label(AGENDA_AIM_SIZE)} people"
    )
    at_size = [r for r in run.sizes if r.network.size == AGENDA_AIM_SIZE]
    if not at_size:
        return Aim(description, "—", None)
    median = at_size[0].agenda.timing.median
    return Aim(description, ms(median), median < AGENDA_AIM_SECONDS)


def _today_growth_aim(run: RunResult) -> Aim:
    """`kith today` as a whole process growing less than TODAY_GROWTH_AIM per 10× people,
    judged on every step between measured sizes."""
    description = f"`kith today` grows less than {TODAY_GROWTH_AIM:g}× per 10× more people"
    steps = list(pairwise(run.sizes))
    if not steps:
        return Aim(description, "—", None)
    growths = [(a, b, per_tenfold(a, b, _today)) for a, b in steps]
    tenfold = all(b.network.size == 10 * a.network.size for a, b, _ in growths)
    unit = "" if tenfold else " per 10×"
    measured = ", ".join(f"{g:.2f}×{unit} ({step_label(a, b)})" for a, b, g in growths)
    return Aim(description, measured, all(g < TODAY_GROWTH_AIM for _, _, g in growths))


def _today(result: SizeResult) -> Timing:
    return result.today


def _shown(result: SizeResult, role: str) -> Shown:
    """The show timed on `result`'s network for `role`."""
    return next(shown for shown in result.shows if shown.role == role)


def render(run: RunResult, notes: str) -> str:
    """The whole of docs/benchmarks.md: intro, machine, results, aims, then the kept notes."""
    parts = [
        _intro(run),
        _machine(run.machine, run.load_after),
        _startup(run),
        _networks(run.sizes),
        _commands(run.sizes, run.calls),
        _aims(aims(run)),
        notes.rstrip() + "\n",
    ]
    return "\n".join(parts)


def kept_notes(existing: str | None) -> str:
    """The Notes section of an existing file (heading to end), or a fresh one."""
    if existing is None:
        return DEFAULT_NOTES
    lines = existing.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.rstrip() == NOTES_HEADING:
            return "".join(lines[index:])
    return DEFAULT_NOTES


def write(run: RunResult, out: Path) -> None:
    """Regenerate `out`, keeping its Notes section if it has one."""
    existing = out.read_text() if out.exists() else None
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(run, kept_notes(existing)))


def _intro(run: RunResult) -> str:
    sizes = ", ".join(people_label(result.network.size) for result in run.sizes)
    return f"""# Benchmarks

<!-- Generated by bench/run.py: edit only the Notes section at the end by hand. -->

How long Kith takes as a whole process, the way a person at a terminal meets it: Python
starting, imports, opening the database, the query and printing. Each command runs once to
warm the file and bytecode caches, then {run.repeat} times; the tables give the median and
the fastest of those runs (wall clock, `time.perf_counter` around `subprocess.run`, stdout
to `/dev/null`). The baseline is `python -c pass` on the same interpreter in the same run:
no Python command can start faster, so ratios against it carry across machines better than
milliseconds do. The aims are judged on medians.

The networks ({sizes} people) are SQLite databases that `kith demo` builds (same seed, same
network; about 20 interactions per person; dates relative to the day they were built),
cached under `bench/.data/` by size, seed, Kith version, schema head revision and a digest
of the migration files (the schema can change without a version bump, and an unreleased
migration can change in place; pass `--rebuild` after changing the generator). Cached
networks that another version or schema built are deleted at the start of a run.
`kith show` is timed on three people in each network: the first that `kith list --sort
last --limit 1` names (most recent contact), the first that `--sort quiet` names (longest
silence), and the one with the most interactions. `kith today` (the daily agenda) and,
where this Kith has it, `kith health` are timed as whole processes too; the agenda is also
timed in process, without Python's start-up (see the commands table). Timed runs
get an isolated `KITH_HOME` and keep bytecode under `bench/.data/pycache`, as an installed
Kith would.

Reproduce with `make bench` or `.venv/bin/python bench/run.py` (options: `--sizes
1000,10000,100000`, `--repeat 7`, `--calls N` for the in-process agenda (default: the
repeat count, at least 7), `--seed 7`, `--rebuild` to build the networks again, `--out
docs/benchmarks.md`). Everything above the Notes section is regenerated.
"""


def _machine(machine: Machine, load_after: str) -> str:
    libraries = ", ".join(f"{name} {version}" for name, version in machine.libraries.items())
    cores = f"{machine.cores}"
    if machine.usable_cores != machine.cores:
        cores += f" ({machine.usable_cores} usable)"
    rows = [
        ("Date", machine.date),
        ("CPU", machine.cpu),
        ("Cores", cores),
        ("OS", machine.os),
        ("Python", machine.python),
        ("SQLite", machine.sqlite),
        ("Kith", f"{machine.kith} (schema {machine.schema})"),
        ("Libraries", libraries),
        ("Load average (1, 5, 15 min)", f"{machine.load} at the start; {load_after} at the end"),
    ]
    return "## Machine\n\n" + _table(("fact", "value"), rows)


def _startup(run: RunResult) -> str:
    rows = [
        (
            f"`{timing.label}`",
            ms(timing.median),
            ms(timing.best),
            ratio(timing.median, run.baseline.median),
        )
        for timing in (run.baseline, run.version)
    ]
    return "## Startup\n\n" + _table(("command", "median", "fastest", "× baseline"), rows)


def _networks(sizes: Sequence[SizeResult]) -> str:
    rows = [
        (
            f"{result.network.people:,}",
            f"{result.network.interactions:,}",
            f"{result.network.megabytes:,.1f} MB",
            f"{result.network.build_seconds:,.1f} s",
            result.network.built_at + (" (cached)" if result.network.reused else ""),
        )
        for result in sizes
    ]
    header = ("people", "interactions", "database", "`kith demo` took", "built")
    return "## Networks\n\n" + _table(header, rows)


def _commands(sizes: Sequence[SizeResult], calls: int) -> str:
    if not sizes:
        return "## Commands on each network\n\nNo networks measured.\n"
    first = sizes[0]
    steps = growth_steps(sizes)
    header = (
        "command",
        *(people_label(r.network.size) for r in sizes),
        *(f"growth {step_label(a, b)}" for a, b in steps),
    )
    measures: list[tuple[str, Callable[[SizeResult], Timing]]] = [
        (f"`kith show #ID` ({shown.role})", _timing_of(shown.role)) for shown in first.shows
    ]
    measures.append(("`kith list --quiet-since 6mo`", lambda r: r.quiet))
    measures.append(("`kith today`", _today))
    if all(r.health is not None for r in sizes):
        measures.append(("`kith health`", _health))
    measures.append(("`Kith.agenda()` in process", lambda r: r.agenda.timing))
    rows = [
        (
            label,
            *(f"{ms(pick(r).median)} ({ms(pick(r).best)})" for r in sizes),
            *(ratio(pick(b).median, pick(a).median) for a, b in steps),
        )
        for label, pick in measures
    ]
    who_header = (
        "people",
        *(shown.role for shown in first.shows),
        "quiet for 6mo",
        "agenda",
    )
    who = [
        (
            people_label(r.network.size),
            *(_person(shown.person) for shown in r.shows),
            f"{r.quiet_people:,} listed",
            f"{r.agenda.entries} entries",
        )
        for r in sizes
    ]
    health = (
        ""
        if all(r.health is not None for r in sizes)
        else " `kith health` is not timed: this Kith has no such command yet."
    )
    return (
        "## Commands on each network\n\n"
        "Median (fastest in brackets); growth is the ratio of the medians. Every row but the\n"
        "last is a whole process. `Kith.agenda()` in process is what `kith today` computes,\n"
        "timed inside one Python process (`bench/inprocess.py`) with the facade opened once\n"
        f"and one warm-up call, then {calls} timed calls: no start-up, imports, opening the\n"
        "database or printing."
        + health
        + "\n\n"
        + _table(header, rows)
        + "\nWho was shown, how many people the quiet listing printed, and how many entries\n"
        "`kith today` (the default `--limit 7`) shows:\n\n" + _table(who_header, who)
    )


def _health(result: SizeResult) -> Timing:
    assert result.health is not None
    return result.health


def _timing_of(role: str) -> Callable[[SizeResult], Timing]:
    """Picks the `kith show` timing for `role` out of a network's results."""
    return lambda result: _shown(result, role).timing


def _person(person: Person) -> str:
    count = person.interactions
    return f"#{person.id} {person.name}, {count:,} interaction{'' if count == 1 else 's'}"


def _aims(found: Sequence[Aim]) -> str:
    rows = [(aim.description, aim.measured, aim.verdict) for aim in found]
    return "## Aims\n\nJudged on medians.\n\n" + _table(("aim", "measured", "verdict"), rows)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
    return "\n".join(lines) + "\n"
