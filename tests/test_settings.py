"""Settings: defaults < config.toml < KITH_* environment < flags, and XDG folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from kith import settings
from kith.errors import InvalidInput


def test_layers_in_order(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('db = "sqlite:///from-config.db"\nregion = "PT"\n')
    env = {"KITH_HOME": str(home)}
    assert settings.load(env=env).db == "sqlite:///from-config.db"
    assert settings.load(env=env).region == "PT"
    env["KITH_DB"] = "sqlite:///from-env.db"
    assert settings.load(env=env).db == "sqlite:///from-env.db"
    assert settings.load({"db": "sqlite:///from-flag.db"}, env=env).db == "sqlite:///from-flag.db"
    assert settings.load({"db": None}, env=env).db == "sqlite:///from-env.db"


def test_default_is_sqlite_in_the_xdg_data_folder(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    loaded = settings.load(env=env)
    # platformdirs reads the real environment; the fixture points XDG_* at tmp_path too
    assert loaded.db == f"sqlite:///{loaded.home / 'kith.db'}"
    assert loaded.account == "default"
    assert loaded.config_file.name == "config.toml"


def test_kith_home_moves_data_and_config(tmp_path: Path) -> None:
    loaded = settings.load(env={"KITH_HOME": str(tmp_path)})
    assert loaded.home == tmp_path and loaded.config_file == tmp_path / "config.toml"


@pytest.mark.parametrize(
    ("content", "words"), [("db = ", "Cannot read the config file"), ("colour = 1", "Unknown")]
)
def test_bad_config_is_one_clear_error(tmp_path: Path, content: str, words: str) -> None:
    (tmp_path / "config.toml").write_text(content)
    with pytest.raises(InvalidInput, match=words):
        settings.load(env={"KITH_HOME": str(tmp_path)})


def test_passwords_are_not_printed() -> None:
    assert (
        settings.redacted("postgresql://sam:pw@db:5432/kith") == "postgresql://sam:***@db:5432/kith"
    )
    assert settings.redacted("sqlite:////tmp/kith.db") == "sqlite:////tmp/kith.db"


def test_matcher_is_chosen_once_and_checked(tmp_path: Path) -> None:
    env = {"KITH_HOME": str(tmp_path)}
    assert settings.load(env=env).matcher == "auto"
    assert settings.load(env={**env, "KITH_MATCHER": "lexical"}).matcher == "lexical"
    with pytest.raises(InvalidInput, match="not known"):
        settings.load(env={**env, "KITH_MATCHER": "bm99"})


def test_lexical_setting_reaches_the_facade(tmp_path: Path) -> None:
    from kith.app import Kith

    chosen = settings.load(env={"KITH_HOME": str(tmp_path), "KITH_MATCHER": "lexical"})
    with Kith(chosen) as app:
        assert app.matcher.name == "lexical"
