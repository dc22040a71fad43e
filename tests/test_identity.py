"""Identity keys and matching decisions, and the provenance rules (pure: no database)."""

from __future__ import annotations

from datetime import date

from kith.core.identity import (
    Known,
    NameIndex,
    Verdict,
    decide,
    email_key,
    keys_of,
    likely_duplicates,
    linkedin_key,
    phone_key,
)
from kith.core.people import Organization, Person
from kith.core.provenance import FieldSource, apply_import, edited_fields


def test_email_keys_are_case_folded() -> None:
    assert email_key("  Ana.Ruiz@Example.COM ") == "ana.ruiz@example.com"


def test_phones_become_e164_or_nothing() -> None:
    assert phone_key("+351 912 345 678") == "+351912345678"
    assert phone_key("(415) 555-0132", "US") == "+14155550132"
    assert phone_key("12") is None
    assert phone_key("not a phone") is None


def test_linkedin_urls_have_one_canonical_form() -> None:
    forms = [
        "https://www.linkedin.com/in/Ana-Ruiz/",
        "http://uk.linkedin.com/in/ana-ruiz?trk=x",
        "linkedin.com/in/ana%2Druiz",
    ]
    assert {linkedin_key(f) for f in forms} == {"linkedin.com/in/ana-ruiz"}
    assert linkedin_key("https://example.com/in/ana") is None
    assert linkedin_key("https://www.linkedin.com/company/acme") is None


def test_one_exact_key_is_the_same_person() -> None:
    decision = decide({7}, "Anything", "", [])
    assert decision.verdict is Verdict.SAME and decision.person_id == 7


def test_keys_of_two_people_go_to_review() -> None:
    assert decide({3, 9}, "Ana", "", []).verdict is Verdict.REVIEW


def test_similar_name_same_or_missing_org_is_reviewed_never_guessed() -> None:
    known = [Known(1, "ana ruiz", ("acme",)), Known(2, "tom lee", ())]
    same_org = decide(set(), "Ana Ruíz", "ACME", known)
    assert same_org.verdict is Verdict.REVIEW and same_org.person_id == 1
    assert "same organization" in same_org.reason
    assert decide(set(), "Ana Ruiz", "", known).verdict is Verdict.REVIEW
    assert decide(set(), "Ana Ruiz", "Globex", known).verdict is Verdict.NEW
    assert decide(set(), "Bea Santos", "", known).verdict is Verdict.NEW


def test_name_index_compares_only_people_sharing_a_word() -> None:
    index = NameIndex()
    index.add(Known(1, "ana ruiz"))
    index.add(Known(2, "tom lee"))
    assert [k.id for k in index.near("Ana Ruiz Silva")] == [1]
    index.remove(1)
    assert index.near("Ana Ruiz") == []


def test_likely_duplicates_skip_conflicting_orgs() -> None:
    people = [
        Known(1, "ana ruiz", ("acme",)),
        Known(2, "ana ruiz", ()),
        Known(3, "ana ruiz", ("globex",)),
    ]
    pairs = {(a.id, b.id) for a, b, _ in likely_duplicates(people)}
    assert pairs == {(1, 2), (2, 3)}


def test_keys_of_normalises_everything() -> None:
    keys = keys_of(["A@X.org"], ["+1 415 555 0132"], ["https://linkedin.com/in/a/"])
    assert keys.all() == [
        ("email", "a@x.org"),
        ("phone", "+14155550132"),
        ("linkedin", "linkedin.com/in/a"),
    ]


TODAY = date(2026, 11, 25)


def test_imports_fill_empty_fields_and_add_list_values() -> None:
    person = Person("Ana Ruiz", emails=["ana@x.org"])
    values = {"emails": ["ANA@x.org", "ana@y.org"], "org": ["Acme", "CTO"], "notes": "Met in Porto"}
    applied = apply_import(person, values, {}, TODAY)
    assert applied.person.emails == ["ana@x.org", "ana@y.org"]
    assert applied.person.orgs == [Organization("Acme", "CTO")]
    assert applied.person.notes == "Met in Porto"
    assert applied.changed == {"emails", "org", "notes"}


def test_user_edited_fields_are_never_overwritten() -> None:
    person = Person("Ana R.", orgs=[Organization("Acme", "CTO")], notes="mine")
    sources = {
        "display_name": FieldSource("Ana Ruiz", user_edited=True),
        "org": FieldSource(["Acme", "CTO"], user_edited=True),
    }
    values = {"display_name": "Ana Ruiz", "org": ["Globex", "CEO"], "notes": "imported"}
    applied = apply_import(person, values, sources, TODAY)
    assert applied.person.display_name == "Ana R."
    assert applied.person.orgs == [Organization("Acme", "CTO")]
    assert applied.person.notes == "mine\n\nimported"  # appended, never replaced


def test_a_newer_import_changes_an_imported_org_as_a_job_change() -> None:
    person = Person("Ana", orgs=[Organization("Acme", "CTO")])
    sources = {"org": FieldSource(["Acme", "CTO"], source="linkedin")}
    applied = apply_import(person, {"org": ["Globex", "CEO"]}, sources, TODAY)
    assert applied.person.orgs == [
        Organization("Globex", "CEO"),
        Organization("Acme", "CTO", end=TODAY),
    ]
    assert applied.job_change == "now CEO, Globex"


def test_an_org_typed_by_the_user_is_kept() -> None:
    person = Person("Ana", orgs=[Organization("Acme", "CTO")])
    applied = apply_import(person, {"org": ["Globex", ""]}, {}, TODAY)
    assert applied.person.orgs == [Organization("Acme", "CTO")] and not applied.changed


def test_a_value_the_user_removed_is_not_brought_back() -> None:
    person = Person("Ana", emails=["ana@x.org"])
    sources = {"emails": FieldSource(["ana@x.org", "old@x.org"], user_edited=True)}
    applied = apply_import(
        person, {"emails": ["ana@x.org", "old@x.org", "new@x.org"]}, sources, TODAY
    )
    assert applied.person.emails == ["ana@x.org", "new@x.org"]


def test_edited_fields_names_what_a_hand_edit_changed() -> None:
    before = Person("Ana", emails=["a@x.org"])
    after = Person("Ana Ruiz", emails=["a@x.org"], notes="n")
    assert edited_fields(before, after) == {"display_name", "notes"}
