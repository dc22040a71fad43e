"""The web app's guards: escaping, links, CSRF, the Host check, headers, sign-in, errors."""

from __future__ import annotations

import base64
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from conftest import NOW, Run
from kith import settings
from kith.core.contact import ListField
from kith.web import WebConfig, create_app
from kith.web.passwords import password_file, set_password, stored_hash
from kith.web.render import safe_href

XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_NOTES = "<script>alert('notes')</script>"


def token(web: Any) -> str:
    web.get("/login")
    return str(web.cookies["kith_csrf"])


def test_hostile_names_and_notes_render_as_text(web: Any) -> None:
    app = web.app.state.kith
    person = app.add_person(XSS_NAME, {ListField.TAG: ["<b>t</b>"]}, notes=XSS_NOTES)
    app.set_circle(str(person.id), "close")
    app.log(f"coffee with #{person.id}", with_people=[str(person.id)], when="2026-09-01",
            notes=XSS_NOTES)  # fmt: skip
    pages = [f"/people/{person.id}", "/people", "/", "/find?q=script", f"/people/{person.id}/edit"]
    for path in pages:
        text = web.get(path).text
        assert XSS_NAME not in text and "<script>alert" not in text and "<b>t</b>" not in text, path
    assert "&lt;img src=x onerror=alert(1)&gt;" in web.get(f"/people/{person.id}").text
    assert "&lt;script&gt;" in web.get(f"/people/{person.id}").text
    partial = web.get("/people?q=img&partial=1").text
    assert "&lt;img" in partial and "<img" not in partial


@pytest.mark.parametrize(
    ("value", "linked"),
    [
        ("https://example.com/a?b=1", True),
        ("http://example.com", True),
        ("mailto:ana@example.com", True),
        ("tel:+351912345678", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//evil.example", False),
        ("", False),
    ],
)
def test_only_http_https_mailto_tel_become_links(value: str, linked: bool) -> None:
    assert (safe_href(value) is not None) is linked


def test_a_javascript_link_is_refused_and_never_linked(web: Any) -> None:
    refused = web.post("/api/v1/people", json={
        "display_name": "Eve", "add": {"links": ["javascript:alert(1)"]}})  # fmt: skip
    assert refused.status_code == 400 and refused.json()["error"] == "InvalidInput"
    person = web.app.state.kith.add_person("Eve", notes="javascript:alert(1)")
    assert 'href="javascript:' not in web.get(f"/people/{person.id}").text


def test_a_form_post_without_the_csrf_token_is_refused(web: Any) -> None:
    web.get("/")
    refused = web.post("/people", data={"name": "Mallory"})
    assert refused.status_code == 403 and "CSRF" in refused.text
    wrong = web.post("/people", data={"name": "Mallory", "csrf_token": "forged.token"})
    assert wrong.status_code == 403
    assert web.app.state.kith.list_people() == []
    allowed = web.post("/people", data={"name": "Mallory", "csrf_token": token(web)})
    assert allowed.status_code == 303


def test_a_cross_site_api_call_needs_the_token(web: Any) -> None:
    body = {"display_name": "Mallory"}
    forged = web.post("/api/v1/people", json=body, headers={"Origin": "https://evil.example"})
    assert forged.status_code == 403 and forged.json()["error"] == "Forbidden"
    with_token = web.post("/api/v1/people", json=body, headers={"X-CSRF-Token": token(web)})
    assert with_token.status_code == 201


def test_a_script_without_browser_headers_needs_no_token(web: Any) -> None:
    made = web.post("/api/v1/people", json={"display_name": "Scripted"})
    assert made.status_code == 201 and made.json()["display_name"] == "Scripted"


def test_a_token_from_another_server_is_refused(web: Any, db_url: str) -> None:
    other = create_app(settings.Settings(Path(), Path("c.toml"), db_url), lambda: NOW,
                       WebConfig(port=8765))  # fmt: skip
    with TestClient(other, base_url="http://127.0.0.1:8765") as client:
        client.get("/")
        foreign = client.cookies["kith_csrf"]
    web.cookies.set("kith_csrf", foreign)
    refused = web.post("/people", data={"name": "Mallory", "csrf_token": foreign})
    assert refused.status_code == 403


def test_a_non_ascii_token_is_refused_not_a_crash(web: Any) -> None:
    web.get("/")
    header = web.post("/people", data={"name": "Mallory"}, headers={"X-CSRF-Token": b"\xe9"})
    assert header.status_code == 403 and "CSRF" in header.text
    field = web.post("/people", data={"name": "Mallory", "csrf_token": "é.token"})
    assert field.status_code == 403
    assert web.app.state.kith.list_people() == []


def test_a_flash_cookie_is_not_a_csrf_token(web: Any) -> None:
    made = web.post("/people", data={"name": "Ana", "csrf_token": token(web)})
    flash = made.cookies["kith_flash"]  # signed by this server, so it must not pass as a token
    web.cookies.clear()
    web.cookies.set("kith_csrf", flash)
    refused = web.post("/people", data={"name": "Mallory", "csrf_token": flash})
    assert refused.status_code == 403
    assert [p.display_name for p in web.app.state.kith.list_people()] == ["Ana"]


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1:8765", 200),
        ("localhost:8765", 200),
        ("[::1]:8765", 200),
        ("evil.example:8765", 403),
        ("evil.example", 403),
        ("127.0.0.1:9999", 403),
        ("127.0.0.1.evil.example:8765", 403),
        ("", 403),
    ],
)
def test_only_loopback_hosts_are_answered(web: Any, host: str, status: int) -> None:
    response = web.get("/api/v1/me", headers={"Host": host})
    assert response.status_code == status
    if status == 403:
        assert "answers only on 127.0.0.1" in response.json()["message"]
        assert "Ana" not in response.text


def test_every_response_carries_the_security_headers(web: Any) -> None:
    for path in ("/", "/static/kith.css", "/api/v1/me", "/nowhere", "/api/v1/nowhere"):
        headers = web.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_script_style_or_external_urls(web: Any) -> None:
    person = web.app.state.kith.add_person("Ana Ruiz")
    pages = ("/", "/people", f"/people/{person.id}", "/log", "/health", "/settings", "/giving",
             "/search", f"/people/{person.id}/ask-check", "/giving?item=x", "/import")  # fmt: skip
    for path in pages:
        text = web.get(path).text
        assert "<script>" not in text and "<style" not in text and "style=" not in text, path
        assert 'src="http' not in text and 'href="http' not in text, path


def test_csrf_cookie_is_http_only_and_same_site_strict(web: Any) -> None:
    cookie = web.get("/").headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_errors_are_json_for_the_api_and_html_for_pages(web: Any) -> None:
    api = web.get("/api/v1/people/nobody-at-all")
    assert api.status_code == 404 and api.headers["content-type"] == "application/json"
    assert api.json()["error"] == "NotFound" and "hint" in api.json()
    page = web.get("/people/424242")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "There is no person with id 424242." in page.text
    invalid = web.get("/api/v1/people?limit=0")
    assert invalid.status_code == 422 and invalid.json()["error"] == "InvalidInput"


def test_a_bug_is_a_500_without_a_traceback(web: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(web.app.state.kith, "agenda", broken)
    page = web.get("/")
    assert page.status_code == 500 and "Something went wrong" in page.text
    api = web.get("/api/v1/agenda")
    assert api.status_code == 500 and api.json()["error"] == "InternalError"
    for text in (page.text, api.text):
        assert "Traceback" not in text and "secret internals" not in text
    assert "content-security-policy" in page.headers


@pytest.fixture
def locked(db_url: str, tmp_path: Path) -> TestClient:
    loaded = settings.Settings(tmp_path, tmp_path / "config.toml", db_url)
    set_password(loaded, "correct horse")
    config = WebConfig(port=8765, password_hash=stored_hash(loaded))
    return TestClient(create_app(loaded, lambda: NOW, config), base_url="http://127.0.0.1:8765",
                      follow_redirects=False)  # fmt: skip


def test_password_mode_needs_a_session(locked: TestClient) -> None:
    with locked:
        assert locked.get("/").status_code == 303
        assert locked.get("/").headers["location"] == "/login"
        assert locked.get("/api/v1/me").status_code == 401
        csrf = token(locked)
        wrong = locked.post("/login", data={"password": "wrong", "csrf_token": csrf})
        assert wrong.status_code == 401 and "not right" in wrong.text
        right = locked.post("/login", data={"password": "correct horse", "csrf_token": csrf})
        assert right.status_code == 303
        session = next(c for c in right.headers.get_list("set-cookie") if "kith_session" in c)
        assert "HttpOnly" in session and "SameSite=Strict" in session
        assert locked.get("/").status_code == 200
        locked.post("/logout", data={"csrf_token": csrf})
        locked.cookies.delete("kith_session")
        assert locked.get("/").status_code == 303


def test_password_mode_api_takes_basic_auth(locked: TestClient) -> None:
    with locked:
        good = base64.b64encode(b"me:correct horse").decode()
        bad = base64.b64encode(b"me:nope").decode()
        assert (
            locked.get("/api/v1/me", headers={"Authorization": f"Basic {good}"}).status_code == 200
        )
        assert (
            locked.get("/api/v1/me", headers={"Authorization": f"Basic {bad}"}).status_code == 401
        )


def test_basic_auth_is_verified_once_per_header(
    locked: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kith.web import passwords

    calls: list[str] = []
    real = passwords.verify
    monkeypatch.setattr(passwords, "verify", lambda h, p: calls.append(p) or real(h, p))
    good = {"Authorization": "Basic " + base64.b64encode(b"me:correct horse").decode()}
    bad = {"Authorization": "Basic " + base64.b64encode(b"me:nope").decode()}
    with locked:
        assert [locked.get("/api/v1/me", headers=good).status_code for _ in range(3)] == [200] * 3
        assert [locked.get("/api/v1/me", headers=bad).status_code for _ in range(2)] == [401] * 2
    assert calls == ["correct horse", "nope", "nope"]


def test_passwd_keeps_only_an_argon2_hash(run: Callable[..., Run], isolated_home: Path) -> None:
    result = run("passwd", input="s3cret-pass\ns3cret-pass\n")
    assert result.exit_code == 0, result.stderr
    loaded = settings.load()
    text = password_file(loaded).read_text()
    assert text.startswith("$argon2") and "s3cret-pass" not in text
    assert password_file(loaded).stat().st_mode & 0o077 == 0
    assert run("passwd", input="short\nshort\n").exit_code == 1
    assert run("passwd", "--clear").exit_code == 0 and stored_hash(loaded) is None


def test_serve_refuses_a_public_host_without_a_password(run: Callable[..., Run]) -> None:
    result = run("serve", "--host", "0.0.0.0")
    assert result.exit_code == 2
    assert "set a password first" in result.stderr


def test_serve_takes_the_next_free_port() -> None:
    from kith.cli.serve import free_port

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert free_port("127.0.0.1", port) > port


def test_a_body_over_the_limit_is_refused(web: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from kith.web import security

    monkeypatch.setattr(security, "MAX_BODY", 1000)
    declared = web.post("/api/v1/interactions", content=b"x" * 2000,
                        headers={"content-type": "application/json"})  # fmt: skip
    assert declared.status_code == 413 and declared.json()["error"] == "TooLarge"

    def chunks() -> Any:
        yield b'{"text": "' + b"x" * 1500
        yield b'"}'

    streamed = web.post("/api/v1/interactions", content=chunks(),
                        headers={"content-type": "application/json"})  # fmt: skip
    assert streamed.status_code == 413 and streamed.json()["error"] == "TooLarge"  # D18
    assert web.app.state.kith.find("xxxx").interactions == []

    def upload() -> Any:
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.vcf"\r\n\r\n'
        for _ in range(4):
            yield b"x" * 500
        yield b"\r\n--b--\r\n"

    chunked = web.post("/api/v1/import", content=upload(),
                       headers={"content-type": "multipart/form-data; boundary=b"})  # fmt: skip
    assert chunked.status_code == 413 and chunked.json()["error"] == "TooLarge"


def test_login_is_throttled_with_retry_after(locked: TestClient) -> None:
    with locked:
        csrf = token(locked)
        codes = [locked.post("/login", data={"password": f"guess{n}", "csrf_token": csrf})
                 .status_code for n in range(6)]  # fmt: skip
        assert codes == [401] * 5 + [429]
        right = locked.post("/login", data={"password": "correct horse", "csrf_token": csrf})
        assert right.status_code == 429 and int(right.headers["retry-after"]) == 30
        assert "Too many wrong passwords" in right.text
        basic = "Basic " + base64.b64encode(b"me:correct horse").decode()
        api = locked.get("/api/v1/me", headers={"Authorization": basic})
        assert api.status_code == 429 and api.headers["retry-after"] == "30"
        assert api.json()["error"] == "TooManyTries"


def test_basic_auth_is_throttled_and_checked_off_the_event_loop(
    locked: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from kith.web import passwords

    loops: list[bool] = []
    real = passwords.verify

    def verify(hashed: str, password: str) -> bool:
        try:
            asyncio.get_running_loop()
            loops.append(True)
        except RuntimeError:  # a worker thread: no event loop here
            loops.append(False)
        return real(hashed, password)

    monkeypatch.setattr(passwords, "verify", verify)
    with locked:
        codes = []
        for n in range(7):
            bad = "Basic " + base64.b64encode(f"me:guess{n}".encode()).decode()
            codes.append(locked.get("/api/v1/me", headers={"Authorization": bad}).status_code)
    assert codes == [401] * 5 + [429] * 2
    assert loops == [False] * 5
