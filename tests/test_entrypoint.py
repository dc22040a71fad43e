"""The real `kith` executable: version, exit codes, Ctrl-C, --debug and concurrent writers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

KITH = str(Path(sys.executable).parent / "kith")


def kith(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [KITH, *args], capture_output=True, text=True, timeout=120, env=env or dict(os.environ)
    )


def test_version_and_python_m() -> None:
    from kith import __version__

    assert kith("--version").stdout.strip() == f"kith, version {__version__}"
    module = subprocess.run(
        [sys.executable, "-m", "kith", "--version"], capture_output=True, text=True, check=True
    )
    assert __version__ in module.stdout


def test_exit_codes(db_url: str) -> None:
    env = {**os.environ, "KITH_DB": db_url}
    assert kith("list", env=env).returncode == 0
    usage = kith("list", "--nope", env=env)
    assert usage.returncode == 2 and "No such option '--nope'" in usage.stderr
    missing = kith("show", "Nobody", env=env)
    assert missing.returncode == 1
    assert missing.stderr.splitlines()[0] == "kith: Nobody called 'Nobody' is in your network."


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "KITH_DB": f"sqlite:///{tmp_path}/kith.db"}
    assert "Traceback" not in kith("show", "x", env=env).stderr
    debug = kith("--debug", "show", "x", env=env)
    assert debug.returncode == 1 and "Traceback" in debug.stderr and "NotFound" in debug.stderr


def test_ctrl_c_leaves_nothing_half_written(tmp_path: Path) -> None:
    env = {**os.environ, "KITH_DB": f"sqlite:///{tmp_path}/kith.db"}
    demo = subprocess.Popen(
        [KITH, "demo", "--people", "50000", "--quiet"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.5)
    assert demo.poll() is None, "the demo finished before it could be interrupted"
    demo.send_signal(signal.SIGINT)
    _, stderr = demo.communicate(timeout=60)
    assert demo.returncode == 130
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert json.loads(kith("list", "--json", env=env).stdout) == []


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    env = {**os.environ, "KITH_DB": f"sqlite:///{tmp_path}/kith.db"}
    assert kith("demo", "--people", "3000", "--quiet", env=env).returncode == 0
    piped = subprocess.run(
        f"'{KITH}' list | head -n 1", shell=True, capture_output=True, text=True, env=env
    )
    assert piped.stdout.startswith("ID") and piped.stderr == ""


@pytest.mark.parametrize("writers", [3])
def test_concurrent_writers_all_succeed(db_url: str, writers: int) -> None:
    env = {**os.environ, "KITH_DB": db_url}
    assert kith("add", "Ana Ruiz", env=env).returncode == 0
    script = (
        "import sys\n"
        "from kith import settings\nfrom kith.app import Kith\n"
        "app = Kith(settings.load())\n"
        "for i in range(15):\n"
        "    app.log(f'call {sys.argv[1]}-{i} with Ana Ruiz')\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(n)], env=env, stderr=subprocess.PIPE, text=True
        )
        for n in range(writers)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * writers, errors
    shown = json.loads(kith("show", "Ana Ruiz", "--json", env=env).stdout)
    assert shown["interaction_count"] == 15 * writers
