"""End to end in a real headless Chromium (Debian's), driven by Playwright: the server is
`kith serve` started by the test on a free port, over a demo network.

Screenshots land in tests/artifacts/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
KITH = [sys.executable, "-c", "from kith.cli.main import main; main()"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`kith demo` then `kith serve` in a subprocess; yields the URL it printed."""
    home = tmp_path_factory.mktemp("browser-home")
    env = {**os.environ, "KITH_HOME": str(home), "PYTHONPATH": str(ROOT / "src"),
           "KITH_MATCHER": "lexical"}  # fmt: skip  # the semantic model would add seconds
    env.pop("KITH_DB", None)
    subprocess.run([*KITH, "demo", "-q"], env=env, check=True, capture_output=True)
    process = subprocess.Popen(
        [*KITH, "serve", "--port", str(free_port())], env=env, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    printed = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+/", printed)
    assert match, printed
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


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def overdue_names(page: Page, url: str) -> list[str]:
    page.goto(url + "people?overdue=1&sort=quiet")
    return page.locator(".people .name").all_inner_texts()


@pytest.mark.parametrize("width", [1280, 375])
def test_add_a_person_log_a_coffee_and_find_them(server: str, browser: Browser, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    name = f"Rita Moreno {width}"

    page.goto(server)
    expect(page.get_by_role("heading", name=re.compile("^Today"))).to_be_visible()
    expect(page.locator(".entry").first).to_be_visible()
    shot(page, f"{width}-today")

    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Orgs").fill("Globex:CTO:2021")
    page.get_by_label("Context").fill("PyCon 2019")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    expect(page.locator(".flash")).to_contain_text(f"Added {name}")

    # Pinned to the close circle (monthly) and last seen three months ago: overdue.
    page.get_by_label("Circle", exact=True).select_option("close")
    page.locator("form[action$='/circle'] button").click()
    page.get_by_label("Kind").first.select_option("call")
    page.get_by_label("Date").first.fill("3 months ago")
    page.get_by_role("button", name="Log", exact=True).click()
    expect(page.locator(".flash")).to_contain_text(f"Logged call with {name}")
    assert name in overdue_names(page, server)
    shot(page, f"{width}-overdue")

    page.get_by_role("link", name=name).click()
    page.get_by_label("Kind").first.select_option("coffee")
    page.get_by_label("Summary").fill("coffee about the Lisbon move")
    page.get_by_role("button", name="Log", exact=True).click()
    expect(page.locator(".flash")).to_contain_text(f"Logged coffee with {name}")
    expect(page.locator(".timeline")).to_contain_text("coffee about the Lisbon move")
    shot(page, f"{width}-person")
    assert name not in overdue_names(page, server)

    page.goto(server + "people")
    page.get_by_label("Name").press_sequentially("rita mor", delay=30)
    expect(page.locator("#people-results")).to_contain_text(name)
    assert "q=rita" in page.url  # search as you type kept the address in step
    shot(page, f"{width}-people-search")

    page.goto(server + "health")
    expect(page.locator("svg").first).to_be_visible()
    shot(page, f"{width}-health")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1  # no sideways scroll
    assert errors == []  # no CSP violations or script errors
    context.close()


def no_sideways_scroll(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


@pytest.mark.parametrize("width", [1280, 375])
def test_open_a_suggested_introduction_and_advance_it(
    server: str, browser: Browser, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server)
    page.get_by_role("link", name="Giving", exact=True).click()
    expect(page.get_by_role("heading", name="Giving", exact=True)).to_be_visible()
    shot(page, f"{width}-giving")
    page.get_by_role("button", name="Open the introduction").first.click()
    expect(page.locator(".flash")).to_contain_text("Opened introduction #")
    intro_id = re.search(r"#intro-(\d+)", page.url)
    assert intro_id, page.url
    intro = page.locator(f"#intro-{intro_id[1]}")
    expect(intro.locator("textarea.draft")).to_have_value(re.compile("^Hi "))
    intro.get_by_role("button", name=re.compile("said yes$")).click()
    expect(page.locator(".flash")).to_contain_text(f"Introduction #{intro_id[1]}: ")
    expect(page.locator(".flash")).to_contain_text("said yes")
    intro = page.locator(f"#intro-{intro_id[1]}")
    expect(intro.locator("label[for^=draft]")).to_contain_text("Message to")
    expect(intro.get_by_role("button", name=re.compile("^I asked "))).to_be_visible()
    intro.scroll_into_view_if_needed()
    shot(page, f"{width}-giving-intro")
    no_sideways_scroll(page, width)
    assert errors == []
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_add_a_target_and_see_the_warm_paths(server: str, browser: Browser, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "search")
    expect(page.get_by_role("heading", name="Job search")).to_be_visible()
    page.get_by_label("Goal").fill("a staff engineering role")
    page.get_by_role("button", name="Start a search").click()
    expect(page.locator(".flash")).to_contain_text("Search mode on")
    if not page.get_by_label("Company").first.is_visible():  # open when there is no target
        page.locator("summary", has_text="Add a target").click()
    page.get_by_label("Company").first.fill("Initech")
    page.get_by_label("Priority").select_option("1")
    page.get_by_role("button", name="Add target").click()
    expect(page.locator(".flash")).to_contain_text("Target: Initech.")
    page.locator(".targets li", has_text="Initech").get_by_role("link", name="Warm paths").click()
    expect(page.get_by_role("heading", name=re.compile("^Warm paths into Initech"))).to_be_visible()
    expect(page.locator(".paths li").first).to_contain_text("ready to ask", ignore_case=True)
    shot(page, f"{width}-search")
    no_sideways_scroll(page, width)
    page.get_by_role("button", name="Stop the search").click()
    expect(page.locator(".flash")).to_contain_text("Search mode off")
    assert errors == []
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_upload_a_vcard_and_see_the_summary(
    server: str, browser: Browser, width: int, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    # a different payload per width: similar names would wait for review instead
    hostile = {1280: "<img src=x onerror=alert(1)>", 375: "<script>alert(2)</script>"}[width]
    card = tmp_path / "phone.vcf"
    card.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{hostile} {width}\r\nEND:VCARD\r\n")
    page.on("dialog", lambda d: errors.append(f"dialog: {d.message}"))
    page.goto(server + "import")
    expect(page.get_by_role("heading", name="Import", exact=True)).to_be_visible()
    page.get_by_label("File").set_input_files(str(card))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("^Imported"))).to_contain_text("phone.vcf")
    expect(page.locator("table.summary")).to_contain_text("1 new person")
    shot(page, f"{width}-import")
    page.goto(server + "people?q=" + str(width))
    expect(page.locator(".people")).to_contain_text(hostile)  # shown as text, never run
    no_sideways_scroll(page, width)
    assert errors == []
    context.close()
