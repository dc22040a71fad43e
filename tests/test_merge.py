"""Merging people by hand and undoing it exactly; likely duplicates (both databases)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fakeformat.records import write
from kith.app import Kith
from kith.core.contact import ListField
from kith.errors import NotFound
from kith.importers import detect


def snapshot(kith: Kith) -> list[object]:
    people = kith.list_people(include_archived=True)
    views = [kith.show_person(f"#{p.id}", limit=None) for p in people]
    return sorted(
        (
            v.person.id,
            v.person.display_name,
            v.person.emails,
            v.person.orgs,
            v.person.notes,
            [(i.id, sorted(i.people)) for i in v.timeline],
            [e.id for e in v.ledger],
            [f.id for f in v.followups],
            v.tie.strength,
        )
        for v in views
    )


def test_merge_keeps_the_whole_history_and_unmerge_restores_exactly(kith: Kith) -> None:
    ana = kith.add_person("Ana Ruiz", {ListField.EMAIL: ["ana@x.org"]}, notes="From Porto")
    other = kith.add_person("Ana R.", {ListField.EMAIL: ["ana@y.org"], ListField.ORG: ["Acme"]})
    kith.add_person("Tom Lee")
    kith.log("coffee with Ana Ruiz", when="2026-10-01")
    kith.log("call with Ana R. and Tom Lee", when="2026-10-05")
    kith.log("lunch", with_people=["Ana Ruiz", "Ana R."], when="2026-10-08")
    kith.follow_up("Ana R.", "send the deck")
    before = snapshot(kith)
    result = kith.merge("Ana Ruiz", "Ana R.")
    assert result.interactions_moved == 2
    view = kith.show_person("Ana Ruiz", limit=None)
    assert view.person.emails == ["ana@x.org", "ana@y.org"]
    assert view.person.orgs[0].name == "Acme"
    assert view.interaction_count == 3 and len(view.followups) == 1
    assert kith.rebuild() == 0
    undone = kith.unmerge("Ana Ruiz")
    assert undone.undone and undone.merged_id == other.id and undone.kept_id == ana.id
    assert snapshot(kith) == before
    assert kith.rebuild() == 0
    with pytest.raises(NotFound):
        kith.unmerge("Ana Ruiz")


def test_duplicates_lists_similar_names_and_shared_phones(kith: Kith) -> None:
    kith.add_person("Ana Ruiz", {ListField.ORG: ["Acme"]})
    kith.add_person("Ana  Ruíz")
    kith.add_person("Ana Ruiz", {ListField.ORG: ["Globex"]})
    kith.add_person("Tom Lee", {ListField.PHONE: ["+1 415 555 0132"]})
    kith.add_person("Thomas", {ListField.PHONE: ["+14155550132"]})
    pairs = kith.duplicates()
    found = {(p.a, p.b): p.reason for p in pairs}
    assert found[("Tom Lee", "Thomas")] == "same phone +14155550132"
    assert found[("Ana Ruiz", "Ana Ruíz")] == "same name, nothing else in common"
    # Acme and Globex: two people, shown because a job change may be one
    assert [r for (a, b), r in found.items() if a == b == "Ana Ruiz"] == [
        "same name, another organization (a job change?)"
    ]


def test_a_merged_person_is_not_split_again_by_re_import(
    kith: Kith, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(detect.FORMATS, "records", "fakeformat.records")
    source = write(
        tmp_path / "a.txt",
        [
            {"key": "a", "name": "Ana Ruiz", "emails": ["a@x.org"]},
            {"key": "b", "name": "Ana Lopes", "emails": ["b@x.org"]},
        ],
    )
    kith.import_paths([str(source)])
    kith.merge("Ana Ruiz", "Ana Lopes")
    again = kith.import_paths([str(source)])
    assert (again.added, again.unchanged) == (0, 2)
    assert [p.display_name for p in kith.list_people()] == ["Ana Ruiz"]
    kith.unmerge("Ana Lopes")
    assert kith.import_paths([str(source)]).unchanged == 2
    assert len(kith.list_people()) == 2
