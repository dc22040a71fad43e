"""The Kith facade on both databases: people, interactions, ledger, follow-ups, finding."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from kith.app import Kith
from kith.core.contact import ListField as F
from kith.core.interactions import Initiator, Kind
from kith.core.ledger import Direction, GiveKind, Status
from kith.errors import Ambiguous, Conflict, InvalidInput, NotFound


def test_add_and_show_keeps_every_field(kith: Kith) -> None:
    tom = kith.add_person("Tom Lee")
    ana = kith.add_person(
        "Ana Ruiz",
        {
            F.EMAIL: ["ana@globex.com"],
            F.PHONE: ["+351 912 345 678"],
            F.ORG: ["Globex:CTO:2021"],
            F.TAG: ["Mentor"],
            F.NEED: ["hiring Python engineers"],
            F.OFFER: ["intros in Lisbon"],
            F.INTEREST: ["climbing"],
            F.DATE: ["birthday=03-01"],
            F.LINK: ["linkedin.com/in/anaruiz"],
        },
        location="Lisbon",
        met_context="PyCon hallway",
        met_where="PyCon 2019",
        met_on="2019-05-02",
        introduced_by="Tom Lee",
        notes="Two kids.",
    )
    view = kith.show_person("ana ruiz")
    person = view.person
    assert person.id == ana.id
    assert person.emails == ["ana@globex.com"]
    assert person.phones == ["+351912345678"]
    assert person.orgs[0].name == "Globex" and person.orgs[0].start == date(2021, 1, 1)
    assert person.tags == ["mentor"]
    assert person.needs == ["hiring Python engineers"]
    assert person.offers == ["intros in Lisbon"]
    assert person.interests == ["climbing"]
    assert person.dates[0].iso() == "--03-01"
    assert person.linkedin() == "https://linkedin.com/in/anaruiz"
    assert person.met.when == date(2019, 5, 2) and person.met.where == "PyCon 2019"
    assert view.introduced_by == "Tom Lee" and person.met.introduced_by_id == tom.id
    assert (person.location, person.notes, person.given_name) == ("Lisbon", "Two kids.", "Ana")


def test_edit_adds_removes_and_replaces(kith: Kith) -> None:
    kith.add_person("Ana Ruiz", {F.TAG: ["recruiter"], F.ORG: ["Globex:CTO"]})
    person = kith.edit_person(
        "Ana Ruiz",
        add={F.ORG: ["Initech:VP Engineering:2026"], F.TAG: ["mentor"]},
        remove={F.TAG: ["recruiter"], F.ORG: ["globex"]},
        location="Porto",
        display_name="Ana María Ruiz",
    )
    again = kith.show_person("ana maria ruiz").person
    assert again == person
    assert [o.name for o in again.orgs] == ["Initech"]
    assert again.tags == ["mentor"] and again.location == "Porto"
    assert (again.given_name, again.family_name) == ("Ana María", "Ruiz")
    with pytest.raises(InvalidInput, match="no tag 'nope'"):
        kith.edit_person("Ana", remove={F.TAG: ["nope"]})


def test_log_reads_kind_and_people_and_moves_last_contact(kith: Kith) -> None:
    kith.add_person("Ana Ruiz")
    kith.add_person("Tom Lee")
    logged = kith.log(
        "Coffee with Ana Ruiz and tom lee about Lisbon",
        when="last friday",
        initiated_by=Initiator.THEM,
    )
    assert logged.kind is Kind.COFFEE
    assert logged.people == ["Ana Ruiz", "Tom Lee"]
    assert logged.occurred_at.date() == date(2026, 11, 20)
    view = kith.show_person("Tom Lee")
    assert view.interaction_count == 1
    assert view.timeline[0].people == ["Ana Ruiz", "Tom Lee"]
    assert view.timeline[0].initiated_by is Initiator.THEM
    assert view.person.last_contact_at == logged.occurred_at
    older = kith.log("call", with_people=["Ana Ruiz"], when="2026-01-02", kind=Kind.CALL)
    assert kith.show_person("Ana Ruiz").person.last_contact_at == logged.occurred_at
    assert kith.show_person("Ana Ruiz").timeline[-1].id == older.id


def test_log_refuses_nobody_and_the_future(kith: Kith) -> None:
    kith.add_person("Ana Ruiz")
    with pytest.raises(InvalidInput, match="names nobody"):
        kith.log("had a nice coffee")
    with pytest.raises(InvalidInput, match="future"):
        kith.log("coffee with Ana", when="tomorrow")
    with pytest.raises(NotFound):
        kith.log("coffee with Ana and Nobody Known")
    assert kith.show_person("Ana").interaction_count == 0  # nothing half-written


def test_ledger_in_all_four_directions(kith: Kith) -> None:
    kith.add_person("Ana Ruiz")
    for direction in Direction:
        kith.record(direction, "Ana", f"{direction.value} thing", GiveKind.ADVICE)
    entries = {e.direction: e for e in kith.show_person("Ana").ledger}
    assert set(entries) == set(Direction)
    assert entries[Direction.I_GAVE].status is Status.DONE
    assert entries[Direction.I_ASKED].status is Status.OPEN
    assert entries[Direction.THEY_GAVE].kind is GiveKind.ADVICE
    with pytest.raises(InvalidInput):
        kith.record(Direction.I_GAVE, "Ana", "  ")


def test_follow_up_and_done(kith: Kith) -> None:
    kith.add_person("Ana Ruiz")
    first = kith.follow_up("Ana", "send the deck", "friday")
    assert first.due == date(2026, 11, 27)
    assert kith.follow_up("Ana", "intro to Li").due == date(2026, 12, 2)
    with pytest.raises(Ambiguous) as several:
        kith.complete_followup("Ana")
    assert len(several.value.candidates) == 2
    done = kith.complete_followup("Ana", what="deck")
    assert done.id == first.id and not done.is_open
    assert kith.complete_followup("Ana").what == "intro to Li"
    with pytest.raises(NotFound):
        kith.complete_followup("Ana")
    with pytest.raises(Conflict):
        kith.complete_followup(f"#{first.id}")


def test_names_resolve_tolerantly_but_never_guess(kith: Kith) -> None:
    ana = kith.add_person("Ana Ruiz")
    kith.add_person("Anabel Ruiz")
    jose = kith.add_person("José Álvarez")
    assert kith.resolve("ANA").id == ana.id  # a whole word beats a prefix
    assert kith.resolve("jose alvarez").id == jose.id
    assert kith.resolve("Jose Alvares").id == jose.id  # a typo
    assert kith.resolve(f"#{jose.id}").id == jose.id
    with pytest.raises(Ambiguous):
        kith.resolve("Ruiz")
    with pytest.raises(NotFound, match="Nobody"):
        kith.resolve("Zed Zulu")
    kith.add_person("Ana Ruiz")
    with pytest.raises(Ambiguous):
        kith.resolve("Ana Ruiz")  # two people with one name: list them, never pick


def test_an_address_can_be_shared_and_shows_as_shared(kith: Kith) -> None:
    kith.add_person("Linh Nguyen", {F.EMAIL: ["nguyen.family@gmail.com"]})
    kith.add_person("Tom Nguyen", {F.EMAIL: ["Nguyen.Family@gmail.com"]})  # a household's
    assert kith.show_person("Tom Nguyen").shared == {"Nguyen.Family@gmail.com": ["Linh Nguyen"]}
    assert kith.show_person("Linh Nguyen").shared == {"nguyen.family@gmail.com": ["Tom Nguyen"]}
    with pytest.raises(InvalidInput):
        kith.add_person("Bad", {F.EMAIL: ["alice@x(<bob@y>"]})
    same = kith.edit_person("Linh", add={F.EMAIL: ["NGUYEN.family@gmail.com"], F.TAG: ["Mentor"]})
    assert same.emails == ["nguyen.family@gmail.com"]
    assert len(kith.list_people()) == 2


def test_list_filters_and_sorts(kith: Kith) -> None:
    kith.add_person("Ana Ruiz", {F.TAG: ["mentor"], F.ORG: ["Globex:CTO"]})
    kith.add_person("Bo Chen", {F.ORG: ["Initech:Engineer:2015:2019", "Globex:PM"]})
    kith.add_person("Cy Dee")
    kith.log("coffee with Ana", when="2026-11-01")
    kith.log("call with Bo Chen", when="2025-01-01")
    assert [p.display_name for p in kith.list_people(tag="mentor")] == ["Ana Ruiz"]
    assert [p.display_name for p in kith.list_people(org="initech")] == ["Bo Chen"]
    assert [p.display_name for p in kith.list_people(org="globex")] == ["Ana Ruiz", "Bo Chen"]
    quiet = kith.list_people(quiet_since="6mo", sort="quiet")
    assert [p.display_name for p in quiet] == ["Cy Dee", "Bo Chen"]
    assert [p.display_name for p in kith.list_people(sort="last")] == [
        "Ana Ruiz",
        "Bo Chen",
        "Cy Dee",
    ]
    assert len(kith.list_people(limit=2)) == 2
    assert kith.list_people(org="globex")[1].headline == "PM, Globex"


def test_find_searches_people_and_interactions(kith: Kith) -> None:
    kith.add_person("Ana Ruiz", {F.OFFER: ["knows Lisbon's startup scene"]})
    kith.add_person("Bo Chen", {F.ORG: ["Lisbon Labs"]}, notes="Moving to lisbon in May")
    kith.add_person("Cy Dee")
    kith.log("lunch with Cy about LISBON rents")
    found = kith.find("lisbon")
    assert {m.display_name for m in found.people} == {"Ana Ruiz", "Bo Chen"}
    assert [i.people for i in found.interactions] == [["Cy Dee"]]
    assert kith.find("100%_").people == []  # LIKE wildcards are literal


def test_archive_and_delete(kith: Kith) -> None:
    kith.add_person("Ana Ruiz")
    kith.add_person("Bo Chen")
    kith.log("dinner with Ana and Bo")
    kith.log("call with Bo")
    kith.archive("Bo")
    assert [p.display_name for p in kith.list_people()] == ["Ana Ruiz"]
    assert len(kith.list_people(include_archived=True)) == 2
    kith.delete_person("Bo Chen")
    view = kith.show_person("Ana")
    assert view.interaction_count == 1 and view.timeline[0].people == ["Ana Ruiz"]
    assert kith.find("call with Bo").interactions == []


def test_accounts_never_see_each_other(make_kith: Callable[..., Kith]) -> None:
    mine, theirs = make_kith("sam"), make_kith("counselor-client")
    mine.add_person("Ana Ruiz", {F.EMAIL: ["ana@globex.com"]})
    theirs.add_person("Ana Ruiz", {F.EMAIL: ["ana@globex.com"]})  # no conflict across accounts
    theirs.log("coffee with Ana")
    assert mine.show_person("Ana Ruiz").interaction_count == 0
    assert len(theirs.list_people()) == 1
    with pytest.raises(NotFound):
        mine.resolve(f"#{theirs.resolve('Ana Ruiz').id}")  # another account's id is not found


def test_me_profile(kith: Kith) -> None:
    me = kith.update_me(
        "Sam Rivera", add={"emails": ["sam@example.com"], "offers": ["code review"]}
    )
    assert kith.me() == me
    kith.update_me(remove={"offers": ["Code Review"]}, add={"needs": ["a staff role"]})
    assert kith.me().offers == [] and kith.me().needs == ["a staff role"]
    with pytest.raises(InvalidInput):
        kith.update_me(add={"emails": ["not-an-email"]})


def test_rebuild_changes_nothing_after_normal_writes(kith: Kith) -> None:
    kith.add_person("Ana Ruiz")
    kith.log("coffee with Ana", when="3 weeks ago")
    kith.log("call with Ana", when="yesterday")
    kith.log("lunch with Ana", when="2 years ago")
    week = kith.week()
    assert kith.rebuild() == 0
    assert kith.week() == week  # the links' moments (the week's reconnections) stay put
