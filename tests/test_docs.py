"""Docs that tests keep honest: the CLI reference is current and every JSON field is documented."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import typing
from pathlib import Path

import pytest

import kith
import kith.app
import kith.core
from kith.app import Kith
from kith.app.import_results import MergeResult
from kith.app.results import (
    PersonView,
)
from kith.cli import reference
from kith.core.people import Organization
from kith.core.strength import Explanation
from kith.importers.pipeline import ImportSummary
from kith.store.people import PersonSummary

DOCS = Path(__file__).resolve().parents[1] / "docs"
README = Path(__file__).resolve().parents[1] / "README.md"


def test_cli_reference_is_current() -> None:
    assert (DOCS / "cli.md").read_text() == reference.render(), (
        "docs/cli.md is stale: run python -m kith.cli.reference > docs/cli.md"
    )


def _namespace() -> dict[str, object]:
    """Every name the facade's modules and the core define, so annotations imported only
    for type checking resolve too."""
    names: dict[str, object] = {}
    for package in (kith.core, kith.app):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            names.update(vars(importlib.import_module(module.name)))
    return names


def result_shapes() -> list[type]:
    """Every dataclass a public facade method returns, and the dataclasses inside them."""
    namespace = _namespace()
    todo: list[object] = []
    for name, method in inspect.getmembers(Kith, inspect.isfunction):
        if not name.startswith("_"):
            todo.append(typing.get_type_hints(method, namespace)["return"])
    seen: list[type] = []
    while todo:
        kind = todo.pop()
        if isinstance(kind, type) and dataclasses.is_dataclass(kind) and kind not in seen:
            seen.append(kind)
            todo.extend(typing.get_type_hints(kind, namespace).values())
        todo.extend(typing.get_args(kind))
    return sorted(seen, key=lambda kind: (kind.__module__, kind.__name__))


def test_the_field_check_sees_every_result_shape() -> None:
    found = result_shapes()
    for shape in (PersonView, ImportSummary, MergeResult, Organization, Explanation):
        assert shape in found
    assert len(found) > 50  # the giving, job search and health shapes too


@pytest.mark.parametrize("shape", [*result_shapes(), PersonSummary], ids=lambda s: s.__name__)
def test_every_json_field_is_documented(shape: type) -> None:
    text = (DOCS / "json.md").read_text()
    missing = [f.name for f in dataclasses.fields(shape) if f"`{f.name}`" not in text]
    assert missing == [], f"{shape.__name__} fields missing from docs/json.md"


def test_readme_quick_start_has_the_two_commands() -> None:
    text = README.read_text()
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in quick.splitlines() if line.startswith(("python3 ", "sudo "))]
    assert len(commands) == 2
    ci = (README.parent / ".ci" / "run").read_text()
    assert commands[1] in ci, ".ci/run must run the README's test command as written"


def _named(module: str, doc: str) -> bool:
    """Whether docs/architecture.md names `module` (a path under src/kith): by its path, or
    as a member of its package's row (`app/` … `people`), or as the package itself."""
    if f"`{module}`" in doc:
        return True
    package, _, file = module.rpartition("/")
    stem = file.removesuffix(".py")
    if not package:
        return False  # a top-level module is named by its own path
    if file == "__init__.py":
        return f"`{package}/" in doc
    return any(
        f"`{package}/" in line and (f"`{stem}`" in line or f"`{file}`" in line)
        for line in doc.splitlines()
    )


def test_architecture_names_every_module() -> None:
    doc = (DOCS / "architecture.md").read_text()
    src = Path(kith.__file__).parent
    modules = [
        path.relative_to(src).as_posix()
        for path in sorted(src.rglob("*.py"))
        if "migrations/versions" not in path.as_posix()
    ]
    assert [m for m in modules if not _named(m, doc)] == [], "add them to docs/architecture.md"
    assert not _named("core/nothing_here.py", doc)
