"""Schema versions: the migrations match the tables, older databases migrate after a
backup, newer ones are refused, and bad URLs get one clear sentence."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from conftest import NOW
from kith.errors import DatabaseUnavailable, InvalidInput, SchemaTooNew
from kith.store import schema
from kith.store.store import Store
from kith.store.tables import metadata


def test_revision_files_form_one_alembic_history() -> None:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    assert script.get_current_head() == schema.head_revision()
    assert sorted(r.revision for r in script.walk_revisions()) == schema.known_revisions()


def test_migrated_database_matches_the_tables(db_url: str) -> None:
    store = Store(db_url).open(NOW)
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    store.close()
    assert differences == []


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kith.db'}"
    Store(url).open(NOW).close()
    with sqlite3.connect(tmp_path / "kith.db") as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(SchemaTooNew, match="schema version 9999, newer than this Kith"):
        Store(url).open(NOW)


def test_older_schema_is_migrated_after_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'kith.db'}"
    Store(url).open(NOW).close()  # at today's head
    future = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, future)
    head = schema.head_revision()
    (future / "versions" / "9000_add_nickname.py").write_text(
        f'revision = "9000"\ndown_revision = "{head}"\n'
        "import sqlalchemy as sa\nfrom alembic import op\n"
        "def upgrade():\n    op.add_column('people', sa.Column('nickname', sa.String(50)))\n"
        "def downgrade():\n    op.drop_column('people', 'nickname')\n"
    )
    monkeypatch.setattr(schema, "MIGRATIONS", future)
    store = Store(url).open(NOW)
    assert store.migrated is not None and store.migrated.from_revision == head
    backup = store.migrated.backup
    assert backup is not None and backup.exists()
    with store.engine.connect() as connection:
        assert schema.current_revision(connection) == "9000"
        assert "nickname" in {c["name"] for c in sa.inspect(connection).get_columns("people")}
    store.close()
    with sqlite3.connect(backup) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)


@pytest.mark.parametrize(
    ("url", "error", "words"),
    [
        ("nonsense", InvalidInput, "is not a database URL"),
        ("oracle+nothing://x/y", InvalidInput, "cannot use"),
        ("sqlite:////no/such/folder/kith.db", DatabaseUnavailable, "does not exist"),
        ("postgresql://nobody@127.0.0.1:1/kith", DatabaseUnavailable, "Cannot open the database"),
    ],
)
def test_bad_database_urls(url: str, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words):
        Store(url).open(NOW)
