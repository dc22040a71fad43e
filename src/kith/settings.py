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

from kith.core.askcheck import AskRules
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
    # Giving (#4): the ask check's thresholds (docs/giving.md) and sharing.
    Setting("ask_min_strength", "KITH_ASK_MIN_STRENGTH",
            "Ask check: a tie weaker than this (0-100) makes an ask cold (default: 15)."),
    Setting("ask_quiet_after", "KITH_ASK_QUIET_AFTER",
            "Ask check: no contact for this long makes an ask cold (default: 1y)."),
    Setting("ask_give_within", "KITH_ASK_GIVE_WITHIN",
            "Ask check: nothing given to them within this long makes an ask cold (default: 12mo)."),
    Setting("ask_ratio", "KITH_ASK_RATIO",
            "Ask check: this many asks per give, from 2 asks up, make an ask cold (default: 2)."),
    Setting("share_max_people", "KITH_SHARE_MAX_PEOPLE",
            "kith share: the most people one item goes to (default: 3)."),
    # Job search (#7): weekly goals while a search is on.
    *(
        Setting(f"week_{goal}", f"KITH_WEEK_{goal.upper()}",
                f"Weekly goal for {goal.replace('_', ' ')} (default: {default}).")
        for goal, default in vars(WeekGoals()).items()
    ),
    Setting("smtp_host", "KITH_SMTP_HOST",
            "Mail server that sends your letters, e.g. smtp.example.org."),
    Setting("smtp_port", "KITH_SMTP_PORT",
            "Its port (default: 587 with starttls, 465 with tls, 25 without)."),
    Setting("smtp_security", "KITH_SMTP_SECURITY", "starttls, tls or none (default: starttls)."),
    Setting("smtp_user", "KITH_SMTP_USER",
            "User to sign in as; the password comes from KITH_SMTP_PASSWORD or the keyring."),
    Setting("mail_from", "KITH_MAIL_FROM", "Address letters are sent from."),
    Setting("mail_to", "KITH_MAIL_TO", "Address letters are sent to."),
    Setting("server_url", "KITH_SERVER_URL",
            "Address of your `kith serve`, for links in letters, e.g. http://127.0.0.1:8765."),
    Setting("digest_every", "KITH_DIGEST_EVERY",
            "Which digest the worker sends: daily, weekly or off (default: daily)."),
    Setting("digest_hour", "KITH_DIGEST_HOUR",
            "Hour of the day, 0-23, the digest is due (default: 7)."),
    Setting("time_zone", "KITH_TIME_ZONE",
            "Your time zone, e.g. Europe/Lisbon (default: this machine's)."),
    Setting("matcher", "KITH_MATCHER",
            "Needs-to-offers matcher: auto (semantic when kith[semantic] is installed), "
            "lexical or semantic (default: auto)."),
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
    asks: AskRules = field(default_factory=AskRules)
    share_max_people: int = 3
    matcher: str = "auto"
    mail: MailSettings = field(default_factory=lambda: MailSettings())


@dataclass(frozen=True)
class MailSettings:
    """How letters are sent and when digests are due; the password is never kept here."""

    host: str = ""
    port: int = 587
    security: str = "starttls"  # starttls, tls or none
    user: str = ""
    sender: str = ""
    to: str = ""
    server_url: str = ""
    digest: str = "daily"  # daily, weekly or off
    digest_hour: int = 7
    timezone: str = ""  # an IANA name; empty: this machine's zone


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
        home, config_file, db, account, values["region"], _circle_rules(values),
        week=_week(values), asks=_ask_rules(values),
        share_max_people=_count(values, "share_max_people", 3), matcher=_matcher(values),
        mail=_mail(values),
    )  # fmt: skip


SECURITY_PORTS = {"starttls": 587, "tls": 465, "none": 25}


def _mail(values: Mapping[str, str | None]) -> MailSettings:
    """The mail settings, checked: a known security mode, a digest kind, an hour, a zone."""
    security = (values.get("smtp_security") or "starttls").lower()
    if security not in SECURITY_PORTS:
        raise InvalidInput(
            f"smtp_security must be starttls, tls or none, not {security!r}.",
            "Set smtp_security in config.toml or KITH_SMTP_SECURITY.",
        )
    digest = (values.get("digest_every") or "daily").lower()
    if digest not in ("daily", "weekly", "off"):
        raise InvalidInput(
            f"digest_every must be daily, weekly or off, not {digest!r}.",
            "Set digest_every in config.toml or KITH_DIGEST_EVERY.",
        )
    hour_text = (values.get("digest_hour") or "7").strip()
    if not hour_text.isdigit() or int(hour_text) > 23:
        raise InvalidInput(
            f"digest_hour = {hour_text!r} is not an hour from 0 to 23.", "e.g. digest_hour = 7"
        )
    hour = int(hour_text)
    zone = values.get("time_zone") or ""
    if zone:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidInput(
                f"Unknown time zone {zone!r}.", "Use an IANA name such as Europe/Lisbon."
            ) from None
    return MailSettings(
        host=values.get("smtp_host") or "",
        port=_count(values, "smtp_port", SECURITY_PORTS[security]),
        security=security, user=values.get("smtp_user") or "",
        sender=values.get("mail_from") or "", to=values.get("mail_to") or "",
        server_url=(values.get("server_url") or "").rstrip("/"),
        digest=digest, digest_hour=hour, timezone=zone,
    )  # fmt: skip


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


def _matcher(values: Mapping[str, str | None]) -> str:
    """The needs-to-offers matcher's name, checked here so a typo fails at start."""
    choice = values.get("matcher") or "auto"
    if choice not in ("auto", "lexical", "semantic"):
        raise InvalidInput(f"matcher = {choice!r} is not known.", "Use auto, lexical or semantic.")
    return choice


def _ask_rules(values: Mapping[str, str | None]) -> AskRules:
    """The ask check's thresholds; durations such as "1y" or "9mo" become days."""
    default = AskRules()

    def days(name: str, fallback: int) -> int:
        text = values.get(name)
        return round(parse_duration(text).approx_days()) if text else fallback

    return AskRules(
        _number(values, "ask_min_strength", default.min_strength),
        days("ask_quiet_after", default.quiet_days),
        days("ask_give_within", default.give_within_days),
        _number(values, "ask_ratio", default.ask_ratio),
    )


def _number(values: Mapping[str, str | None], name: str, fallback: float) -> float:
    text = values.get(name)
    if not text:
        return fallback
    try:
        return float(text)
    except ValueError:
        raise InvalidInput(f"{name} = {text!r} is not a number.", "Use e.g. 15.") from None


def _count(values: Mapping[str, str | None], name: str, fallback: int) -> int:
    text = values.get(name)
    if not text:
        return fallback
    if not text.isdigit() or int(text) < 1:
        raise InvalidInput(f"{name} = {text!r} is not a whole number from 1.", "Use e.g. 3.")
    return int(text)


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
