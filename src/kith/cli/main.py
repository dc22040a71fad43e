"""The console entry point: exit codes, Ctrl-C and broken pipes, around the root command.

`kith --version` is answered before Click is imported: it needs nothing else.
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    """Run `kith`: exit codes 0 ok, 1 error, 2 usage, 70 bug, 130 interrupted."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from kith import __version__

        print(f"kith, version {__version__}")
        return
    # A command is short-lived and its imports (SQLAlchemy above all) create many objects
    # that live to the end: scanning them for cycles while importing and again at exit
    # costs ~40 ms. Collection resumes once Kith is open (cli/context.py).
    gc.disable()
    try:
        _run()
    finally:
        gc.freeze()


def _run() -> None:
    import click

    from kith.cli.root import cli

    try:
        cli.main(prog_name="kith", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("kith: interrupted; nothing was saved by the unfinished command.", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (kith list | head): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)
