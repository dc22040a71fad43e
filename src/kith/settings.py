"""Settings, declared once: defaults < config file < KITH_* environment < command-line flags.

Files live in the platform's standard folders (XDG on Linux) unless KITH_HOME
puts everything, data and config, in one folder.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from kith.core.circles import DEFAULT_RULES, Circle, CircleRule, describe
from kith.core.dates import parse_duration
from kith.core.week import WeekGoals
from kith.errors import InvalidInput


@dataclass(frozen=True)
class Setting:
    """One setting: its name in config.toml, its environment variable and what it does."""

    name: str
    env: str
    help: str


SETTINGS = (
    Setting("db", "KITH_DB", "Database URL (default: sqlite in the data folder)."),
    Setting("account", "KITH_ACCOUNT", "Account whose network to use (default: default)."),
    Setting("region", "KITH_REGION", "Country code to read phone numbers without +, e.g. PT."),
    *(
        Setting(f"cadence_{c.value}", f"KITH_CADENCE_{c.name}",
                f"Keep-in-touch cadence of the {c.value} circle "
                f"(default: {describe(DEFAULT_RULES[c].cadence)}).")
        for c in Circle if DEFAULT_RULES[c].cadence is not None
    ),
    *(
        Setting(f"capacity_{c.value}", f"KITH_CAPACITY_{c.name}",
                f"How many people the {c.value} circle holds before Kith warns "
                f"(default: {DEFAULT_RULES[c].capacity}).")
        for c in Circle
    ),
    # Job search (#7): weekly goals while a search is on.
    *(
        Setting(f"week_{goal}", f"KITH_WEEK_{goal.upper()}",
                f"Weekly goal for {goal.replace('_', ' ')} (default: {default}).")
        for goal, default in vars(WeekGoals()).items()
    ),
)  # fmt: skip


@dataclass(frozen=True)
class Settings:
    """The settings in force for one run."""

    home: Path
    config_file: Path
    db: str
    account: str = "default"
    region: str | None = None
    circles: dict[Circle, CircleRule] = field(default_factory=lambda: dict(DEFAULT_RULES))
    week: WeekGoals = field(default_factory=WeekGoals)


def data_dir(env: Mapping[str, str]) -> Path:
    if env.get("KITH_HOME"):
        return Path(env["KITH_HOME"]).expanduser()
    from platformdirs import user_data_path

    return user_data_path("kith", appauthor=False)


def config_path(env: Mapping[str, str]) -> Path:
    if env.get("KITH_HOME"):
        return Path(env["KITH_HOME"]).expanduser() / "config.toml"
    from platformdirs import user_config_path

    return user_config_path("kith", appauthor=False) / "config.toml"


def load(
    flags: Mapping[str, str | None] | None = None, env: Mapping[str, str] | None = None
) -> Settings:
    """Settings from every layer, later layers winning."""
    env = os.environ if env is None else env
    home, config_file = data_dir(env), config_path(env)
    values: dict[str, str | None] = {s.name: None for s in SETTINGS}
    values.update(_read_config(config_file))
    values.update({s.name: env[s.env] for s in SETTINGS if env.get(s.env)})
    values.update({k: v for k, v in (flags or {}).items() if v is not None})
    db = values["db"] or default_db_url(home)
    account = values["account"] or "default"
    return Settings(
        home, config_file, db, account, values["region"], _circle_rules(values), _week(values)
    )


def _week(values: Mapping[str, str | None]) -> WeekGoals:
    """The weekly goals, each a whole number of at least zero."""
    goals: dict[str, int] = {}
    for goal in vars(WeekGoals()):
        raw = values.get(f"week_{goal}")
        if raw is None:
            continue
        if not raw.isdigit():
            raise InvalidInput(f"week_{goal} = {raw!r} is not a number.", "Use e.g. 3.")
        goals[goal] = int(raw)
    return WeekGoals(**goals)


def _circle_rules(values: Mapping[str, str | None]) -> dict[Circle, CircleRule]:
    rules = dict(DEFAULT_RULES)
    for circle, rule in DEFAULT_RULES.items():
        cadence, capacity = (
            values.get(f"cadence_{circle.value}"),
            values.get(f"capacity_{circle.value}"),
        )
        if cadence:
            rule = replace(rule, cadence=parse_duration(cadence))
        if capacity:
            if not capacity.isdigit():
                raise InvalidInput(
                    f"capacity_{circle.value} = {capacity!r} is not a number.", "Use e.g. 15."
                )
            rule = replace(rule, capacity=int(capacity))
        rules[circle] = rule
    return rules


def default_db_url(home: Path) -> str:
    return f"sqlite:///{home / 'kith.db'}"


def redacted(url: str) -> str:
    """A database URL fit to print: any password replaced by ***."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def _read_config(path: Path) -> dict[str, str]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, OSError) as error:
        raise InvalidInput(
            f"Cannot read the config file {path}: {error}.", "Fix or remove it."
        ) from None
    known = {s.name for s in SETTINGS}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InvalidInput(
            f"Unknown setting '{unknown[0]}' in {path}.",
            f"Known settings: {', '.join(sorted(known))}.",
        )
    return {k: str(v) for k, v in data.items()}


assert {f.name for f in fields(Settings)} >= {s.name for s in SETTINGS if "_" not in s.name}
