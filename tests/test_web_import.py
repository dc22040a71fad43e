"""The Import page and its API: uploads are read as data (a private temporary copy, never
a client path), the summary, the review queue, exports; hostile names stay text."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

import pytest

from kith.core.contact import ListField as F
from kith.importers.detect import FORMATS
from kith.web.api.importing import Format
from test_web_pages import app_of, follow, post, token

DATA = Path(__file__).resolve().parent / "data"
XSS = "<img src=x onerror=alert(1)>"


def card(name: str, email: str, org: str = "") -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", f"EMAIL:{email}"]
    return "\r\n".join([*lines, *([f"ORG:{org}"] if org else []), "END:VCARD", ""])


def upload(web: Any, name: str, body: bytes, **form: str) -> Any:
    files = {"file": (name, body, "application/octet-stream")}
    return web.post("/import", data={"csrf_token": token(web), **form}, files=files)


def test_an_uploaded_vcard_is_imported_and_summarised(web: Any) -> None:
    app = app_of(web)
    body = (card("Rita Moreno", "rita@example.org") + card(XSS, "x@example.org")).encode()
    dry = upload(web, "contacts.vcf", body, dry_run="1")
    assert dry.status_code == 200 and "Dry run of" in dry.text and app.list_people() == []
    done = upload(web, "contacts.vcf", body)
    assert done.status_code == 200 and "Imported" in done.text
    assert "contacts.vcf (vcard)" in done.text and "kith-upload" not in done.text
    assert '<th scope="row">Added</th><td>2 new people</td>' in done.text
    assert {p.display_name for p in app.list_people()} == {"Rita Moreno", XSS}
    people = web.get("/people").text
    assert XSS not in people and "&lt;img src=x onerror=alert(1)&gt;" in people
    again = upload(web, "contacts.vcf", body)
    assert "2 already imported" in again.text and len(app.list_people()) == 2


def test_problems_are_shown_with_the_file_and_line(web: Any) -> None:
    done = upload(web, "broken.vcf", (DATA / "vcard" / "broken.vcf").read_bytes())
    problems = done.text.split("<h2>Problems</h2>", 1)[1]
    assert "broken.vcf, card 1, line 1" in problems and "kith-upload" not in problems
    assert "/tmp" not in done.text


def test_the_client_file_name_is_never_a_path(web: Any, tmp_path: Path) -> None:
    outside = tmp_path / "secret.vcf"
    outside.write_text(card("Secret Person", "secret@example.org"))
    done = upload(web, str(outside), card("Rita Moreno", "rita@example.org").encode())
    assert done.status_code == 200 and "secret.vcf" in done.text
    names = {p.display_name for p in app_of(web).list_people()}
    assert names == {"Rita Moreno"}  # the upload's content, never the file the name points at
    sneaky = upload(web, "../../etc/passwd", b"root:x:0:0:root:/root:/bin/bash\n")
    assert sneaky.status_code in (200, 400) and "root:x" not in sneaky.text
    assert upload(web, "a.vcf", b"x", format="nonsense").status_code == 400
    missing = web.post("/import", data={"csrf_token": token(web)})
    assert missing.status_code == 400


def test_an_upload_over_the_limit_is_refused(web: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from kith.web import uploads

    monkeypatch.setattr(uploads, "MAX_UPLOAD", 100)
    refused = upload(web, "big.vcf", card("A" * 200, "a@example.org").encode())
    assert refused.status_code == 400 and "over" in refused.text
    assert app_of(web).list_people() == []


def test_the_review_queue_merges_or_keeps_apart(web: Any) -> None:
    app = app_of(web)
    ana = app.add_person("Ana Ruiz", {F.ORG: ["Acme"]})
    app.add_person("Tom Lee", {F.ORG: ["Initech"]})
    body = card("Ana Ruiz", "ana@globex.example") + card("Tom Lee", "tom@x.example")
    summary = upload(web, "phone.vcf", body.encode())
    assert "review them" in summary.text
    assert "2 people wait" in web.get("/import").text
    page = web.get("/review")
    items = app.review_queue()
    assert len(items) == 2 and "Same person: merge" in page.text and "phone.vcf" in page.text
    assert "kith-upload" not in page.text
    by_name = {i.name: i for i in items}
    merged = follow(web, post(web, f"/review/{by_name['Ana Ruiz'].id}", decision="merge"))
    assert "Ana Ruiz: merged into Ana Ruiz." in merged.text
    assert "ana@globex.example" in app.resolve(str(ana.id)).emails
    apart = follow(web, post(web, f"/review/{by_name['Tom Lee'].id}", decision="apart"))
    assert "kept apart from Tom Lee" in apart.text and len(app.list_people()) == 3
    assert "Nothing to review." in web.get("/review").text
    assert "Decided: merged" in web.get("/review?all=1").text
    assert post(web, f"/review/{by_name['Tom Lee'].id}", decision="merge").status_code == 409


def test_review_and_import_pages_escape_hostile_names(web: Any) -> None:
    app = app_of(web)
    app.add_person(XSS, {F.ORG: ["Acme"]})
    done = upload(web, f"{XSS}.vcf", card(XSS, "evil@example.org").encode())
    assert done.status_code == 200 and XSS not in done.text and "&lt;img" in done.text
    page = web.get("/review")
    assert app.review_queue() and XSS not in page.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.text


def test_exports_download(web: Any) -> None:
    app_of(web).add_person("Ana Ruiz", {F.EMAIL: ["ana@example.org"]})
    vcard = web.get("/export/vcard")
    assert vcard.headers["content-type"].startswith("text/vcard")
    assert "attachment" in vcard.headers["content-disposition"] and "FN:Ana Ruiz" in vcard.text
    assert "Ana Ruiz" in web.get("/export/csv").text
    assert web.get("/export/json").status_code == 200
    assert web.get("/export/exe").status_code == 400


def test_import_api(web: Any) -> None:
    assert set(get_args(Format)) == set(FORMATS)
    web.get("/login")
    web.headers["X-CSRF-Token"] = web.cookies["kith_csrf"]
    app = app_of(web)
    app.add_person("Ana Ruiz", {F.ORG: ["Acme"]})
    files = {"file": ("c.vcf", card("Ana Ruiz", "ana@g.example").encode(), "text/vcard")}
    done = web.post("/api/v1/import", files=files, data={"dry_run": "false"})
    assert done.status_code == 200 and done.json()["queued"] == 1
    [item] = web.get("/api/v1/review").json()
    decided = web.post(f"/api/v1/review/{item['id']}", json={"decision": "apart"})
    assert decided.json()["decision"] == "apart"
    assert web.get("/api/v1/review").json() == []
    assert "Ana Ruiz" in web.get("/api/v1/export/csv").text
