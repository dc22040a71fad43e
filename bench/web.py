"""Load-test the web app on a synthetic network with wrk; write the figures into
docs/benchmarks.md (its "Web app under load" section, the rest kept as it is).

Usage: .venv/bin/python bench/web.py [--size 100000] [--seed 7] [--duration 20]
       [--connections 16] [--threads 2] [--out docs/benchmarks.md]

The network is built once by `kith demo` and cached under bench/.data/ (bench/networks.py);
the server is `kith serve` in its own process, wrk runs beside it on the same machine.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import machine
import networks
from timing import clean_env

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / ".data"
KITH = Path(sys.executable).parent / "kith"
START = "<!-- web-bench:start -->"
END = "<!-- web-bench:end -->"


@dataclass(frozen=True)
class Load:
    """What wrk measured on one URL."""

    label: str
    path: str
    cache: float
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="people (default: 100000)")
    parser.add_argument("--seed", type=int, default=7, help="demo seed (default: 7)")
    parser.add_argument("--duration", type=int, default=20, help="seconds per URL (default: 20)")
    parser.add_argument("--connections", type=int, default=16, help="wrk -c (default: 16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk -t (default: 2)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    return parser.parse_args(argv)


def free_port() -> int:
    """A port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(url: str, cache: float, env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    """Start `kith serve` on the network; returns the process and its base URL once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [str(KITH), "--db", url, "serve", "--port", str(port), "--cache", str(cache)],
        env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    base = re.search(r"http://\S+/", process.stdout.readline())
    if base is None:
        process.kill()
        raise RuntimeError("kith serve did not print its URL")
    for _ in range(300):
        try:
            urllib.request.urlopen(base[0] + "static/kith.css", timeout=2)
            return process, base[0]
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("kith serve did not answer")


def wrk(base: str, label: str, path: str, cache: float, args: argparse.Namespace) -> Load:
    """Run wrk on one URL (after a warm-up request) and read its latency distribution."""
    urllib.request.urlopen(base + path.lstrip("/"), timeout=60).read()
    argv = [
        "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s",
        "--latency", "--timeout", "10s", base + path.lstrip("/"),
    ]  # fmt: skip
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    failed = int(errors[1]) if errors else 0
    if socket_errors:
        failed += sum(int(n) for n in socket_errors.groups())
    return Load(
        label,
        path,
        cache,
        float(_find(r"Requests/sec:\s+([\d.]+)", out)),
        _millis(_find(r"\s50%\s+(\S+)", out)),
        _millis(_find(r"\s99%\s+(\S+)", out)),
        int(_find(r"(\d+) requests in", out)),
        failed,
    )


def _find(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    if match is None:
        raise RuntimeError(f"wrk printed no {pattern!r}:\n{text}")
    return match[1]


def _millis(text: str) -> float:
    """wrk's '12.34ms', '1.20s' or '850.00us' in milliseconds."""
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def section(loads: list[Load], network: networks.Network, args: argparse.Namespace) -> str:
    """The Markdown section with the figures and how to reproduce them."""
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    rows = "\n".join(
        f"| {load.label} | `{load.path}` | {load.cache:g} | {load.requests_per_second:.0f} | "
        f"{load.p50_ms:.1f} | "
        f"{load.p99_ms:.1f} | {load.requests} | {load.errors} |"
        for load in loads
    )
    aimed = [load for load in loads if load.label.startswith(("Person", "Today"))]
    met = [f"{load.label} (cache {load.cache:g} s)" for load in aimed if load.p99_ms < 100]
    cores, load = machine.usable_cores(), os.getloadavg()[0]
    return f"""{START}
## Web app under load

`kith serve` (one uvicorn process, one shared `Kith`, SQLite in WAL mode) on the
{network.people:,}-person network ({network.interactions:,} interactions), `wrk` with
{args.connections} connections and {args.threads} threads for {args.duration} s per URL,
on the same machine ({machine.cpu_model()}), {when}.
Reproduce: `.venv/bin/python bench/web.py` (`--size 1000 --duration 3` for a quick look).

Taken under load: the machine has {cores} cores shared with other work (load average
{load:.1f} at the end of the run) and wrk competes with the server for them; compare the
rows with each other rather than with other machines.

`cache` is `kith serve --cache`: how many seconds Today and person pages are reused
(5 by default; 0 computes every request). wrk asks for one URL again and again, so with
the cache nearly every request is a hit: those rows measure rendering a page, the rows
with cache 0 computing it as well (the agenda or the whole record with its strength
reasons). People pages and the API are never cached.

| page | URL | cache s | requests/s | p50 ms | p99 ms | requests | errors |
|---|---|---:|---:|---:|---:|---:|---:|
{rows}

Aim: p99 under 100 ms for Person and Today; met in this run for: {", ".join(met) or "none"}.
{END}
"""


def write(out: Path, text: str) -> None:
    """Put `text` in place of the previous web section of `out`, or append it."""
    current = out.read_text() if out.exists() else "# Benchmarks\n"
    if START in current and END in current:
        before, rest = current.split(START, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        current = before + text + ("\n" + after if after else "")
    else:
        current = current.rstrip("\n") + "\n\n" + text
    out.write_text(current)


def main(argv: list[str] | None = None) -> None:
    """Build or reuse the network, serve it, load each page, write the figures."""
    args = parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="kith-web-bench-"))
    env = clean_env(str(scratch / "home"), str(scratch / "pycache"))
    env["PYTHONPATH"] = str(ROOT / "src")
    key = networks.cache_key(Path(sys.executable), args.seed, _version(env), env)
    network = networks.build(KITH, DATA, args.size, key, env)
    person = networks.busiest(network)
    typical = networks.listed_first(KITH, network, "last", env)
    cached = [
        ("Today", "/"),
        (f"Person, typical ({typical.interactions} interactions)", f"/people/{typical.id}"),
        (f"Person, busiest ({person.interactions} interactions)", f"/people/{person.id}"),
    ]
    plain = [
        ("People, first page", "/people"),
        ("People, search as you type", "/people?q=ana&partial=1"),
        ("API people search", "/api/v1/people?q=ana"),
    ]
    loads: list[Load] = []
    try:
        for cache, targets in ((5.0, cached + plain), (0.0, cached)):
            process, base = serve(network.url, cache, env)
            try:
                for label, path in targets:
                    loads.append(wrk(base, label, path, cache, args))
                    print(loads[-1], flush=True)
            finally:
                process.terminate()
                process.wait(timeout=20)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    write(args.out, section(loads, network, args))
    print(f"wrote {args.out}")


def _version(env: dict[str, str]) -> str:
    out = subprocess.run(
        [str(KITH), "--version"], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.split()[-1]


if __name__ == "__main__":
    main()
