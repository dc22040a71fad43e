"""Identity keys and matching decisions, and the provenance rules (pure: no database)."""

from __future__ import annotations

from datetime import date

from kith.core.identity import (
    Known,
    NameIndex,
    Seen,
    Verdict,
    decide,
    email_key,
    keys_of,
    likely_duplicates,
    linkedin_key,
    phone_key,
)
from kith.core.naming import Relation, name_keys, relate
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


def known(pid: int, name: str, *orgs: str, source: str = "", emails: tuple[str, ...] = ()) -> Known:
    from kith.core.domains import work_domains

    return Known(pid, name_keys(name), orgs, work_domains(emails), source)


def seen(name: str, org: str = "", source: str = "vcard", emails: tuple[str, ...] = ()) -> Seen:
    from kith.core.domains import work_domains

    return Seen(name_keys(name), org, work_domains(emails), source)


def test_a_linkedin_profile_names_one_person_whatever_the_name() -> None:
    decision = decide(seen("ANA RUIZ 🌱"), known(7, "Ana Ruiz"), [], [])
    assert decision.verdict is Verdict.SAME and decision.person_id == 7


def test_an_address_names_someone_only_when_the_names_agree() -> None:
    holder = known(3, "Linh Nguyen", "Arcadia")
    same = decide(seen("Linh Nguyen"), None, [holder], [])
    assert same.verdict is Verdict.SAME and same.person_id == 3
    nickname = decide(seen("Bob Smith"), None, [known(4, "Robert Smith")], [])
    assert nickname.verdict is Verdict.SAME
    household = decide(seen("Tom Nguyen", "Plaid"), None, [holder], [holder])
    assert household.verdict is Verdict.NEW and household.shared == {3}


def test_an_address_held_by_two_people_of_that_name_is_asked() -> None:
    holders = [known(3, "Ana Ruiz"), known(9, "Ana Ruiz")]
    assert decide(seen("Ana Ruiz"), None, holders, []).verdict is Verdict.REVIEW


def test_the_same_name_needs_corroboration_to_merge() -> None:
    ana = known(1, "Ana Ruiz", "Acme", source="linkedin")
    assert decide(seen("Ana Ruíz", "ACME"), None, [], [ana]).verdict is Verdict.SAME
    work = seen("Ana Ruiz", emails=("ana.ruiz@acme.com",))
    assert decide(work, None, [], [ana]).verdict is Verdict.SAME
    alone = decide(seen("Ana Ruiz"), None, [], [ana])
    assert alone.verdict is Verdict.REVIEW and alone.person_id == 1
    assert decide(seen("Bea Santos"), None, [], [ana]).verdict is Verdict.NEW


def test_one_name_at_two_organizations_is_two_people() -> None:
    ana = known(1, "Ana Ruiz", "Acme", source="linkedin")
    same_source = decide(seen("Ana Ruiz", "Globex", source="linkedin"), None, [], [ana])
    assert same_source.verdict is Verdict.NEW
    older = decide(seen("Ana Ruiz", "Globex", source="vcard"), None, [], [ana])
    assert older.verdict is Verdict.NEW  # someone else, but `duplicates` shows the pair
    pairs = likely_duplicates([ana, known(2, "Ana Ruiz", "Globex", source="vcard")])
    assert [(a.id, b.id) for a, b, _, _ in pairs] == [(1, 2)]
    assert "job change" in pairs[0][3]


def test_two_linkedin_profiles_are_two_people() -> None:
    a = Known(1, name_keys("Steven Silva"), ("Datadog",), profiles=frozenset({"linkedin.com/in/a"}))
    record = Seen(
        name_keys("Steven Green-Silva"), "Datadog", profiles=frozenset({"linkedin.com/in/b"})
    )
    assert decide(record, None, [], [a]).verdict is Verdict.NEW


def test_names_relate_through_nicknames_accents_and_transliteration() -> None:
    def relation(a: str, b: str) -> Relation:
        return relate(name_keys(a), name_keys(b))

    assert relation("Jürgen Müller", "Juergen Mueller") is Relation.SAME
    assert relation("José Álvarez", "Jose Alvarez") is Relation.SAME
    assert relation("Goldberg Rachel", "Rachel Goldberg") is Relation.SAME
    assert relation("Bob Smith", "Robert Smith") is Relation.NICKNAME
    assert relation("Liz Taylor", "Elizabeth Taylor") is Relation.NICKNAME
    assert relation("Sarah Kim", "Sarah Kim-Lee") is Relation.PART
    assert relation("Tom Nguyen", "Linh Nguyen") is Relation.DIFFERENT
    assert relation("Lena Schmidt", "Katherine Schmidt") is Relation.DIFFERENT  # too loose


def test_name_index_compares_only_people_who_could_be_one() -> None:
    index = NameIndex()
    index.add(known(1, "Ana Ruiz"))
    index.add(known(2, "Tom Lee"))
    index.add(known(3, "Robert Smith"))
    assert [k.id for k in index.near(name_keys("Ana Ruis"))] == [1]
    assert [k.id for k in index.near(name_keys("Bob Smith"))] == [3]
    index.remove(1)
    assert index.near(name_keys("Ana Ruiz")) == []


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
