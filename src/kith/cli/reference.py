"""The CLI reference (docs/cli.md), generated from the commands' own help and settings.

Run `python -m kith.cli.reference > docs/cli.md`; a test fails when the file is stale.
"""

from __future__ import annotations

import click

from kith.cli.root import COMMANDS, cli
from kith.settings import SETTINGS

HEADER = """# Kith command reference

Generated from `kith --help` by `python -m kith.cli.reference > docs/cli.md`;
do not edit by hand. Every listing and `show` take `--json` (fields: docs/json.md).

## Settings

Read in this order, later winning: defaults, the config file (`config.toml` in
the platform config folder, or in `KITH_HOME`), `KITH_*` environment variables,
command-line flags. `KITH_HOME` moves the data folder (and the config file).

| setting | environment | meaning |
|---|---|---|
"""


def render() -> str:
    """The whole reference as Markdown."""
    parts = [HEADER]
    parts.extend(f"| `{s.name}` | `{s.env}` | {s.help} |\n" for s in SETTINGS)
    parts.append("\n## kith\n\n" + _help(cli, "kith"))
    for name in sorted(COMMANDS):
        command = cli.get_command(click.Context(cli), name)
        assert command is not None
        parts.append(f"\n## kith {name}\n\n" + _help(command, f"kith {name}"))
        if isinstance(command, click.Group):
            for sub in sorted(command.commands):
                path = f"kith {name} {sub}"
                parts.append(f"\n### {path}\n\n" + _help(command.commands[sub], path))
    return "".join(parts)


def _help(command: click.Command, path: str) -> str:
    parent = click.Context(cli, info_name="kith") if path != "kith" else None
    if path.count(" ") == 2:  # a group's subcommand: kith GROUP SUB
        group = cli.get_command(click.Context(cli), path.split()[1])
        assert group is not None
        parent = click.Context(group, info_name=path.split()[1], parent=parent)
    context = click.Context(
        command,
        info_name=path.split()[-1],
        parent=parent,
        terminal_width=100,
        help_option_names=["-h", "--help"],
    )
    return "```\n" + command.get_help(context) + "\n```\n"


if __name__ == "__main__":
    print(render(), end="")
