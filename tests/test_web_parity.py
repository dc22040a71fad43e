"""The README says the web serves everything the command line does: every command (and
subcommand) has a page route and an API call, or says why it is the command line's alone.
A new command without either fails here."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from kith import settings
from kith.cli.root import cli
from kith.web import WebConfig, create_app
from kith.web.pages import PAGES

# command -> (page route, API call), each "METHOD /path" as the routers declare it
WEB = {
    "add": ("POST /people", "POST /api/v1/people"),
    "edit": ("POST /people/{person_id}/edit", "PATCH /api/v1/people/{ref}"),
    "show": ("GET /people/{person_id}", "GET /api/v1/people/{ref}"),
    "list": ("GET /people", "GET /api/v1/people"),
    "find": ("GET /find", "GET /api/v1/search"),
    "log": ("POST /log", "POST /api/v1/interactions"),
    "give": ("POST /people/{person_id}/ledger", "POST /api/v1/ledger"),
    "received": ("POST /people/{person_id}/ledger", "POST /api/v1/ledger"),
    "asked-by": ("POST /people/{person_id}/ledger", "POST /api/v1/ledger"),
    "ask": ("GET /people/{person_id}/ask-check", "GET /api/v1/people/{ref}/ask-check"),
    "follow-up": ("POST /people/{person_id}/followups", "POST /api/v1/followups"),
    "done": ("POST /today/done", "POST /api/v1/agenda/{ref}/done"),
    "archive": ("POST /people/{person_id}/archive", "POST /api/v1/people/{ref}/archive"),
    "unarchive": ("POST /people/{person_id}/archive", "POST /api/v1/people/{ref}/unarchive"),
    "delete": ("POST /people/{person_id}/delete", "DELETE /api/v1/people/{ref}"),
    "me": ("POST /settings/me", "PATCH /api/v1/me"),
    "demo": ("POST /settings/demo", None),
    "rebuild": ("POST /settings/rebuild", "POST /api/v1/rebuild"),
    "health": ("GET /health", "GET /api/v1/health"),
    "today": ("GET /", "GET /api/v1/agenda"),
    "snooze": ("POST /today/snooze", "POST /api/v1/agenda/{ref}/snooze"),
    "skip": ("POST /today/skip", "POST /api/v1/agenda/{ref}/skip"),
    "circles": ("GET /settings", "GET /api/v1/circles"),
    "circle": ("POST /people/{person_id}/circle", "PUT /api/v1/people/{ref}/circle"),
    "cadence": ("POST /people/{person_id}/cadence", "PUT /api/v1/people/{ref}/cadence"),
    "search start": ("POST /search/mode", "POST /api/v1/job-search/start"),
    "search stop": ("POST /search/mode", "POST /api/v1/job-search/stop"),
    "target add": ("POST /search/targets", "POST /api/v1/targets"),
    "target remove": ("POST /search/targets/remove", "DELETE /api/v1/targets/{company}"),
    "targets": ("GET /search", "GET /api/v1/targets"),
    "paths": ("GET /search", "GET /api/v1/paths/{company}"),
    "knows": ("POST /people/{person_id}/knows", "POST /api/v1/knows"),
    "meet": ("POST /search/meetings", "POST /api/v1/meetings"),
    "meetings": ("GET /search", "GET /api/v1/meetings"),
    "opp add": ("POST /search/opportunities", "POST /api/v1/opportunities"),
    "opp move": ("POST /search/opportunities/{opp_id}", "POST /api/v1/opportunities/{opp_id}/move"),
    "opps": ("GET /search", "GET /api/v1/opportunities"),
    "week": ("GET /", "GET /api/v1/week"),
    "ledger": ("GET /giving", "GET /api/v1/ledger"),
    "suggest gives": ("GET /giving", "GET /api/v1/suggestions/gives"),
    "suggest intros": ("GET /giving", "GET /api/v1/suggestions/intros"),
    "share": ("POST /giving/share", "POST /api/v1/share"),
    "intro open": ("POST /giving/intros", "POST /api/v1/intros"),
    "intro advance": ("POST /giving/intros/{intro_id}", "POST /api/v1/intros/{intro_id}/advance"),
    "intros": ("GET /giving", "GET /api/v1/intros"),
    "import": ("POST /import", "POST /api/v1/import"),
    "review": ("POST /review/{item_id}", "POST /api/v1/review/{item_id}"),
    "duplicates": ("GET /review", "GET /api/v1/duplicates"),
    "merge": ("POST /people/{person_id}/merge", "POST /api/v1/merge"),
    "unmerge": ("POST /people/{person_id}/unmerge", "POST /api/v1/people/{person_id}/unmerge"),
    "export": ("GET /export/{fmt}", "GET /api/v1/export/{fmt}"),
}
# The command line's alone, and why.
CLI_ONLY = {
    "serve": "starts the web app itself",
    "passwd": "sets the web app's password, before it is served on a network",
    "digest": "writes the letter the worker mails; the Today page is its web form",
    "mail test": "checks this machine's SMTP settings",
    "mail log": "the letters this machine's worker sent",
    "worker": "runs the job queue beside the web app",
    "feed": "prints or writes the feed the web serves at /feed/TOKEN.ics",
    "where": "names this machine's folders (the Settings page shows the database in use)",
    "server": "starts the multi-user server itself",
    "user add": "the server's users are made by whoever runs it (an admin page resets, disables)",
    "user list": "the server's admin; an admin's Counsel page lists them too",
    "user passwd": "the server's admin; an admin's Counsel page resets a password too",
    "user disable": "the server's admin; an admin's Counsel page disables a user too",
}
API_LESS = {"demo": "a synthetic network for trying Kith, loaded from the Settings page"}


def commands() -> set[str]:
    ctx = click.Context(cli)
    found: set[str] = set()
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        if isinstance(command, click.Group):
            found |= {f"{name} {sub}" for sub in command.list_commands(ctx)}
        else:
            found.add(name)
    return found


def page_routes() -> set[str]:
    return {
        f"{method} {route.path}"
        for name in PAGES
        for route in importlib.import_module(f"kith.web.pages.{name}").router.routes
        for method in getattr(route, "methods", ())
    }


def api_calls(tmp_path: Path) -> set[str]:
    loaded = settings.Settings(tmp_path, tmp_path / "config.toml", f"sqlite:///{tmp_path / 'k.db'}")
    schema = create_app(loaded, config=WebConfig(port=8765)).openapi()
    return {f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops}


def test_every_command_is_served_by_a_page_and_the_api(tmp_path: Path) -> None:
    assert commands() == set(WEB) | set(CLI_ONLY), "a command is missing from WEB or CLI_ONLY"
    pages, api = page_routes(), api_calls(tmp_path)
    missing_pages = {c: page for c, (page, _) in WEB.items() if page not in pages}
    missing_api = {c: call for c, (_, call) in WEB.items() if call is None and c not in API_LESS}
    missing_api |= {c: call for c, (_, call) in WEB.items() if call and call not in api}
    assert missing_pages == {} and missing_api == {}
