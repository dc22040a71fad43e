"""Typed inputs: an organization held is its fields (a name may hold a colon), through the
web edit form and the API; the text form round-trips."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kith.app import Kith
from kith.core.contact import ListField, org_text, parse_org
from kith.core.people import Organization
from kith.errors import InvalidInput

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nORG:Acme: Labs\r\nTITLE:Engineer\r\nEND:VCARD\r\n"
)


def imported(web: Any, tmp_path: Path) -> tuple[Kith, int]:
    app: Kith = web.app.state.kith
    card = tmp_path / "ana.vcf"
    card.write_text(CARD)
    app.import_paths([str(card)])
    ana = app.resolve("Ana Ruiz")
    assert ana.id is not None and [o.name for o in ana.orgs] == ["Acme: Labs"]
    return app, ana.id


def csrf(web: Any) -> str:
    if "kith_csrf" not in web.cookies:
        web.get("/login")
    return str(web.cookies["kith_csrf"])


def test_a_colon_in_an_org_survives_the_web_edit_form(web: Any, tmp_path: Path) -> None:
    app, pid = imported(web, tmp_path)
    form = web.get(f"/people/{pid}/edit")
    assert form.status_code == 200 and r"Acme\: Labs:Engineer" in form.text
    saved = web.post(f"/people/{pid}/edit", data={
        "csrf_token": csrf(web), "name": "Ana Ruiz", "org": r"Acme\: Labs:Staff Engineer",
    })  # fmt: skip
    assert saved.status_code == 303, saved.text
    orgs = app.resolve(str(pid)).orgs
    assert [(o.name, o.title) for o in orgs] == [("Acme: Labs", "Staff Engineer")]


def test_a_colon_in_an_org_survives_the_api(web: Any, tmp_path: Path) -> None:
    app, pid = imported(web, tmp_path)
    web.get("/login")
    web.headers["X-CSRF-Token"] = web.cookies["kith_csrf"]
    edited = web.patch(f"/api/v1/people/{pid}", json={
        "remove": {"orgs": [{"name": "Acme: Labs", "title": "Engineer"}]},
        "add": {"orgs": [{"name": "Acme: Labs", "title": "Staff Engineer", "start": "2024-03-01"}]},
    })  # fmt: skip
    assert edited.status_code == 200, edited.text
    assert [(o["name"], o["title"], o["start"]) for o in edited.json()["orgs"]] == [
        ("Acme: Labs", "Staff Engineer", "2024-03-01")
    ]
    assert [o.title for o in app.resolve(str(pid)).orgs] == ["Staff Engineer"]
    wrong = web.patch(f"/api/v1/people/{pid}", json={
        "add": {"orgs": [{"name": "Acme", "start": "2024-01-01", "end": "2020-01-01"}]},
    })  # fmt: skip
    assert wrong.status_code == 400 and "end comes before the start" in wrong.json()["message"]
    old_form = web.patch(f"/api/v1/people/{pid}", json={"add": {"orgs": ["Initech:VP:2021"]}})
    assert old_form.status_code == 200, old_form.text
    assert [o["name"] for o in old_form.json()["orgs"]] == ["Acme: Labs", "Initech"]


@pytest.mark.parametrize(
    "org",
    [
        Organization("Acme: Labs", "Staff Engineer"),
        Organization("A\\B", "x:y", None, None),
        Organization("Globex", "CTO", parse_org("x:y:2021").start, parse_org("x:y:2022").start),
        Organization("Initech"),
    ],
)
def test_the_text_form_round_trips(org: Organization) -> None:
    assert parse_org(org_text(org)) == org


def test_the_facade_takes_an_org_as_fields(kith: Kith) -> None:
    ana = kith.add_person("Ana Ruiz", {ListField.ORG: [Organization("Acme: Labs", "CTO")]})
    assert ana.orgs == [Organization("Acme: Labs", "CTO")]
    with pytest.raises(InvalidInput, match="needs a name"):
        kith.add_person("Tom Lee", {ListField.ORG: [Organization(" ")]})
