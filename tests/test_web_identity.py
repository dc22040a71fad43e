"""Who is who on the web: the review queue grouped with a preview, merging in bulk, the
likely duplicates, merging and unmerging from a person's page, and the same through the API."""

from __future__ import annotations

from typing import Any

from kith.core.contact import ListField as F
from test_web_pages import app_of, follow, post


def test_review_page_groups_previews_and_accepts_in_bulk(web: Any, tmp_path: Any) -> None:
    app = app_of(web)
    ana = app.add_person("Ana Ruiz", {F.ORG: ["Acme"]})
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nEMAIL:ana@home.example\r\nEND:VCARD\r\n"
    source = tmp_path / "phone.vcf"
    source.write_text(card)
    app.import_paths([str(source)])
    page = web.get("/review")
    assert page.status_code == 200 and "merged, named <strong>Ana Ruiz</strong>" in page.text
    assert f'<a href="/people/{ana.id}">Ana Ruiz</a>' in page.text
    done = follow(web, post(web, "/review/accept", min_score="80"))
    assert "Merged 1." in done.text and app.review_queue() == []
    assert "ana@home.example" in app.show_person(f"#{ana.id}").person.emails
    undone = follow(web, post(web, f"/people/{ana.id}/unmerge"))
    assert "is apart from Ana Ruiz again" in undone.text and len(app.list_people()) == 2


def test_duplicates_merge_from_the_page_and_the_api(web: Any) -> None:
    app = app_of(web)
    a = app.add_person("Tom Lee", {F.PHONE: ["+1 415 555 0132"]})
    b = app.add_person("Thomas Lee", {F.PHONE: ["+14155550132"]})
    page = web.get("/review")
    assert "same phone +14155550132" in page.text
    merged = follow(web, post(web, f"/people/{a.id}/merge", other=f"#{b.id}"))
    assert "Merged Thomas Lee into Tom Lee." in merged.text
    assert [p.display_name for p in app.list_people()] == ["Thomas Lee"]  # the formal name
    web.get("/")
    web.headers["X-CSRF-Token"] = web.cookies["kith_csrf"]
    api = web.post(f"/api/v1/people/{a.id}/unmerge")
    assert api.status_code == 200 and api.json()["undone"] is True
    pairs = web.get("/api/v1/duplicates").json()
    assert [(p["a_id"], p["b_id"]) for p in pairs] == [(a.id, b.id)]
    assert (
        web.post("/api/v1/duplicates/merge", json={"min_score": 100}).json()[0]["kept_id"] == a.id
    )
    assert web.post("/api/v1/merge", json={"keep_id": a.id, "other_id": a.id}).status_code == 400


def test_knows_from_the_person_page(web: Any) -> None:
    app = app_of(web)
    ana = app.add_person("Ana Ruiz")
    app.add_person("Tom Lee")
    saved = follow(web, post(web, f"/people/{ana.id}/knows", other="Tom", how="Globex"))
    assert "Ana Ruiz knows Tom Lee." in saved.text
