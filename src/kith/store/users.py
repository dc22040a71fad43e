"""The multi-user server's own rows: users, sessions, grants, comments and the audit log.

These queries are not scoped to one account (a grant joins two users' accounts); the
facade (app/counseling.py) decides who may see what and calls these only with ids it
has checked. A user's network stays in its account, read through the account's Store.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kith.store.profile import account_id
from kith.store.scope import as_date, from_db, new_id, to_db
from kith.store.tables import (
    audit_log,
    counsel_comments,
    grants,
    interactions,
    ledger_entries,
    user_sessions,
    users,
)

Row = dict[str, Any]


def _rows(result: Any) -> list[Row]:
    return [dict(row._mapping) for row in result]


def add_user(
    conn: Connection, name: str, email: str, role: str, password_hash: str, now: datetime
) -> int:
    """A new user with an account of their own (named `user:NAME`)."""
    account = account_id(conn, f"user:{name}", now)
    values = {"name": name, "email": email, "role": role, "password_hash": password_hash,
              "account_id": account, "created_at": to_db(now)}  # fmt: skip
    return new_id(conn.execute(sa.insert(users).values(**values)))


def user_by_name(conn: Connection, name: str) -> Row | None:
    found = conn.execute(sa.select(users).where(users.c.name == name)).first()
    return dict(found._mapping) if found else None


def user_by_id(conn: Connection, user_id: int) -> Row | None:
    found = conn.execute(sa.select(users).where(users.c.id == user_id)).first()
    return dict(found._mapping) if found else None


def all_users(conn: Connection) -> list[Row]:
    return _rows(conn.execute(sa.select(users).order_by(users.c.name)))


def account_name(conn: Connection, account: int) -> str:
    from kith.store.tables import accounts

    return str(conn.execute(sa.select(accounts.c.name).where(accounts.c.id == account)).scalar())


def update_user(conn: Connection, user_id: int, **values: Any) -> None:
    conn.execute(sa.update(users).where(users.c.id == user_id).values(**values))


def add_session(
    conn: Connection, user_id: int, token_hash: str, now: datetime, expires: datetime
) -> None:
    conn.execute(sa.insert(user_sessions).values(
        user_id=user_id, token_hash=token_hash, created_at=to_db(now), expires_at=to_db(expires)
    ))  # fmt: skip


def session_user(conn: Connection, token_hash: str, now: datetime) -> Row | None:
    """The enabled user a live session belongs to."""
    query = (
        sa.select(users)
        .join(user_sessions, user_sessions.c.user_id == users.c.id)
        .where(user_sessions.c.token_hash == token_hash)
        .where(user_sessions.c.expires_at > to_db(now))
        .where(users.c.disabled_at.is_(None))
    )
    found = conn.execute(query).first()
    return dict(found._mapping) if found else None


def end_session(conn: Connection, token_hash: str) -> None:
    conn.execute(sa.delete(user_sessions).where(user_sessions.c.token_hash == token_hash))


def end_sessions(conn: Connection, user_id: int) -> int:
    """Every session of a user ended; how many there were."""
    done = conn.execute(sa.delete(user_sessions).where(user_sessions.c.user_id == user_id))
    return int(done.rowcount)


def grant_between(conn: Connection, client_id: int, counselor_id: int) -> Row | None:
    query = sa.select(grants).where(
        grants.c.client_id == client_id, grants.c.counselor_id == counselor_id
    )
    found = conn.execute(query).first()
    return dict(found._mapping) if found else None


def grant_by_id(conn: Connection, grant_id: int) -> Row | None:
    found = conn.execute(sa.select(grants).where(grants.c.id == grant_id)).first()
    return dict(found._mapping) if found else None


def save_grant(conn: Connection, values: Row) -> int:
    """Insert or update (by client and counselor) a grant; its id."""
    found = grant_between(conn, values["client_id"], values["counselor_id"])
    if found is None:
        return new_id(conn.execute(sa.insert(grants).values(**values)))
    conn.execute(sa.update(grants).where(grants.c.id == found["id"]).values(**values))
    return int(found["id"])


def grants_where(conn: Connection, column: str, user_id: int) -> list[Row]:
    """Grants of a client (`client_id`) or of a counselor (`counselor_id`), with both names."""
    client, counselor = users.alias("client"), users.alias("counselor")
    query = (
        sa.select(grants, client.c.name.label("client_name"),
                  counselor.c.name.label("counselor_name"), client.c.account_id)
        .join(client, client.c.id == grants.c.client_id)
        .join(counselor, counselor.c.id == grants.c.counselor_id)
        .where(grants.c[column] == user_id)
        .order_by(grants.c.id)
    )  # fmt: skip
    return _rows(conn.execute(query))


def delete_counselor_content(conn: Connection, client_id: int, counselor_id: int) -> None:
    """What the server holds between a client and a counselor: their comments and goals."""
    conn.execute(sa.delete(counsel_comments).where(
        counsel_comments.c.client_id == client_id, counsel_comments.c.counselor_id == counselor_id
    ))  # fmt: skip


def add_comment(
    conn: Connection, client_id: int, counselor_id: int, text: str, goal: bool, now: datetime
) -> int:
    values = {"client_id": client_id, "counselor_id": counselor_id, "text": text, "goal": goal,
              "state": "proposed" if goal else "note", "created_at": to_db(now)}  # fmt: skip
    return new_id(conn.execute(sa.insert(counsel_comments).values(**values)))


def comment_by_id(conn: Connection, comment_id: int) -> Row | None:
    query = sa.select(counsel_comments).where(counsel_comments.c.id == comment_id)
    found = conn.execute(query).first()
    return dict(found._mapping) if found else None


def set_comment_state(conn: Connection, comment_id: int, state: str) -> None:
    query = sa.update(counsel_comments).where(counsel_comments.c.id == comment_id)
    conn.execute(query.values(state=state))


def comments_for(conn: Connection, client_id: int, counselor_id: int | None = None) -> list[Row]:
    """A client's comments and goals (from one counselor, or all), newest first."""
    query = (
        sa.select(counsel_comments, users.c.name.label("counselor_name"))
        .join(users, users.c.id == counsel_comments.c.counselor_id)
        .where(counsel_comments.c.client_id == client_id)
        .order_by(counsel_comments.c.created_at.desc(), counsel_comments.c.id.desc())
    )
    if counselor_id is not None:
        query = query.where(counsel_comments.c.counselor_id == counselor_id)
    return _rows(conn.execute(query))


def audit(
    conn: Connection, now: datetime, action: str, actor_id: int | None,
    subject_id: int | None = None, detail: str = "",
) -> None:  # fmt: skip
    """One line more in the append-only audit log (nothing ever updates or deletes it)."""
    conn.execute(sa.insert(audit_log).values(
        at=to_db(now), actor_id=actor_id, subject_id=subject_id, action=action, detail=detail
    ))  # fmt: skip


def audit_rows(conn: Connection, subject_id: int | None = None,
               actions: tuple[str, ...] = (), limit: int = 200) -> list[Row]:  # fmt: skip
    """The newest audit lines about a subject, or of some actions, with the actor's name."""
    query = (
        sa.select(audit_log, users.c.name.label("actor_name"))
        .outerjoin(users, users.c.id == audit_log.c.actor_id)
        .order_by(audit_log.c.id.desc())
        .limit(limit)
    )
    if subject_id is not None:
        query = query.where(audit_log.c.subject_id == subject_id)
    if actions:
        query = query.where(audit_log.c.action.in_(actions))
    rows = _rows(conn.execute(query))
    for row in rows:
        row["at"] = from_db(row["at"])
    return rows


def last_logged(conn: Connection, account: int) -> date | None:
    """The day (UTC) the account last logged anything: an interaction, a give or an ask."""
    moment = conn.execute(sa.select(sa.func.max(interactions.c.occurred_at))
                          .where(interactions.c.account_id == account)).scalar()  # fmt: skip
    day = conn.execute(sa.select(sa.func.max(ledger_entries.c.occurred_on))
                       .where(ledger_entries.c.account_id == account)).scalar()  # fmt: skip
    days = [d for d in (as_date(moment), as_date(day)) if d is not None]
    return max(days) if days else None
