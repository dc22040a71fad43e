"""A counselor and a client in two Chromium contexts against `kith server` (a subprocess
on SQLite): sign in, share, read, propose a goal, accept it, revoke."""

from __future__ import annotations

import os
import re
import subprocess
import time
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from test_web_browser import KITH, ROOT, browser, free_port, shot

__all__ = ["browser"]  # the Chromium fixture, shared with test_web_browser.py
PASSWORD = "a long password"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`kith user add` for a counselor and a client, then `kith server`; yields its URL."""
    home = tmp_path_factory.mktemp("counsel-home")
    env = {**os.environ, "KITH_HOME": str(home), "PYTHONPATH": str(ROOT / "src"),
           "KITH_MATCHER": "lexical"}  # fmt: skip
    env.pop("KITH_DB", None)
    for name, role in (("sam", "counselor"), ("ana", "client")):
        typed = f"{PASSWORD}\n{PASSWORD}\n"
        command = [*KITH, "user", "add", name, "--role", role]
        subprocess.run(command, env=env, check=True, input=typed, text=True, capture_output=True)
    process = subprocess.Popen(
        [*KITH, "server", "--port", str(free_port())], env=env, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    match = re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline())
    assert match
    url = match[0]
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "static/kith.css", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


def signed_in(browser: Browser, url: str, name: str) -> Page:
    page = browser.new_context().new_page()
    page.goto(url)
    expect(page).to_have_url(url + "login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("button.primary")
    expect(page.locator(".flash")).to_contain_text(f"Signed in as {name}.")
    return page


def test_a_counselor_and_a_client_share_comment_and_revoke(browser: Browser, server: str) -> None:
    ana = signed_in(browser, server, "ana")
    sam = signed_in(browser, server, "sam")
    ana.goto(server + "people/new")
    ana.fill("#name", "Lena Park")
    ana.click("button.primary")
    sam.goto(server + "counsel")
    expect(sam.locator("main")).to_contain_text("No client shares anything with you yet.")

    ana.goto(server + "counsel")
    ana.fill("#counselor", "sam")
    ana.check("#share-week")
    ana.select_option("#contacts", "names")
    ana.get_by_role("button", name="Share", exact=True).click()
    expect(ana.locator(".flash")).to_contain_text("sam now sees what you chose.")

    sam.goto(server + "counsel")
    sam.get_by_role("link", name="ana", exact=True).click()
    expect(sam.locator("h1")).to_have_text("ana")
    expect(sam.locator("main")).to_contain_text("Lena Park")
    sam.fill("#text", "Two coffees this week")
    sam.select_option("#kind", "goal")
    sam.get_by_role("button", name="Send", exact=True).click()
    expect(sam.locator(".flash")).to_contain_text("Goal proposed.")
    shot(sam, "counsel-client-page")

    ana.goto(server + "counsel")
    ana.get_by_role("button", name="Accept", exact=True).click()
    ana.goto(server)
    expect(ana.locator("#counsel-h")).to_be_visible()
    expect(ana.locator("main")).to_contain_text("Two coffees this week")
    ana.goto(server + "counsel")
    expect(ana.locator("main")).to_contain_text("read.client")
    shot(ana, "counsel-sharing")
    ana.get_by_role("button", name="Revoke", exact=True).click()
    expect(ana.locator(".flash")).to_contain_text("sam sees nothing any more.")

    client_page = sam.url
    response = sam.goto(client_page)
    assert response is not None and response.status == 404
