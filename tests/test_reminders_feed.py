"""The calendar feed: `kith feed` prints its secret address, `--out` writes it, `--revoke`
replaces it; the web serves it with the token alone (no session), never changing state,
and every entry parses with `icalendar` and carries an alarm."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from icalendar import Calendar

from conftest import Run


def _network(run: Callable[..., Run]) -> None:
    assert run("add", "Ana Souza", "--date", "birthday=1990-12-01").exit_code == 0
    assert run("add", "Tom <b>Lee</b>").exit_code == 0
    assert run("follow-up", "Ana Souza", "Send the deck", "--due", "2026-11-28").exit_code == 0
    assert run("meet", "Tom <b>Lee</b>", "--about", "Acme", "--on", "2026-11-20").exit_code == 0
    assert run("meet", "Tom <b>Lee</b>", "--held", "--on", "2026-11-24").exit_code == 0


def _events(body: bytes) -> list[Any]:
    calendar = Calendar.from_ical(body)
    return list(calendar.walk("VEVENT"))


def test_feed_out_writes_a_valid_calendar_with_alarms(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    _network(run)
    out = tmp_path / "kith.ics"
    result = run("feed", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    events = _events(out.read_bytes())
    kinds = sorted(str(e["categories"].cats[0]) for e in events)
    assert kinds.count("followup") == 1 and kinds.count("date") == 1
    assert kinds.count("meeting") == 4  # thanks, nudge, nudge again, report back
    assert result.stdout == f"Wrote {len(events)} entries to {out}.\n"
    for event in events:
        [alarm] = event.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY" and alarm["trigger"].dt.total_seconds() == 9 * 3600
        assert str(event["uid"]).endswith("@kith.local")
    summaries = [str(e["summary"]) for e in events]
    assert "Follow up with Ana Souza: Send the deck" in summaries
    assert "Ana Souza: birthday" in summaries
    uids = [str(e["uid"]) for e in events]
    again = tmp_path / "again.ics"
    assert run("feed", "--out", str(again)).exit_code == 0
    assert [str(e["uid"]) for e in _events(again.read_bytes())] == uids  # stable UIDs


def test_the_web_serves_the_feed_by_token_only_and_revoke_closes_it(
    run: Callable[..., Run], web: Any
) -> None:
    _network(run)
    url = run("feed").stdout.strip()
    assert url.startswith("http://127.0.0.1:8765/feed/") and url.endswith(".ics")
    path = url.removeprefix("http://127.0.0.1:8765")
    assert len(path.removeprefix("/feed/").removesuffix(".ics")) >= 40  # 256 random bits
    assert run("feed").stdout.strip() == url  # the same address until revoked
    served = web.get(path)  # no session cookie: a phone's calendar has none
    assert served.status_code == 200
    assert served.headers["content-type"].startswith("text/calendar")
    assert "no-store" in served.headers["cache-control"]
    assert len(_events(served.content)) == 6
    assert web.get(path[:-8] + "AAAA.ics").status_code == 404
    assert web.get("/feed/.ics").status_code == 404
    assert run("feed").stdout.strip() == url  # reading it changed nothing
    assert web.post(path).status_code in (403, 405)  # GET only
    revoked = run("feed", "--revoke", "--json")
    assert revoked.exit_code == 0
    new = revoked.stdout
    assert web.get(path).status_code == 404  # the old address is closed at once
    import json

    fresh = json.loads(new)
    assert fresh["revoked"] is True and fresh["path"] != path
    assert web.get(fresh["path"]).status_code == 200
    assert set(fresh) == {"url", "path", "revoked"}


KHAL_CONFIG = """[calendars]
[[kith]]
path = {path}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
"""


def test_the_feed_imports_into_a_real_calendar_client(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    """khal (pimutils/khal), a calendar client, imports the file and lists its alarms."""
    _network(run)
    out = tmp_path / "kith.ics"
    assert run("feed", "--out", str(out)).exit_code == 0
    (tmp_path / "cal").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(KHAL_CONFIG.format(path=tmp_path / "cal"))
    khal = [str(Path(sys.executable).parent / "khal"), "-c", str(config)]
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "TZ": "UTC"}
    imported = subprocess.run(
        [*khal, "import", "--batch", "-a", "kith", str(out)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert len(list((tmp_path / "cal").glob("*.ics"))) == 6
    listed = subprocess.run(
        [*khal, "list", "2026-11-25", "400d"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert "Follow up with Ana Souza: Send the deck ⏰" in listed.stdout
    assert "Ana Souza: birthday ⏰" in listed.stdout
