"""The multi-user server's use cases: users and sessions, consent, the counselor's view.

`Counseling` is the facade for what lies between users; each user's own network is a
`Kith` over their account, handed out by `kith_for` (one shared engine for them all).
Every method takes the acting user and checks what that user may do: a counselor reads
a client only through a live grant, and only the granted scopes; anything else answers
as if it did not exist. Every read of a client's data and every grant change is written
to the append-only audit log in the same transaction.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Connection

from kith.app import Clock, Kith, local_now
from kith.core.coaching import (
    Contacts,
    GoalLine,
    GoalState,
    GrantState,
    Role,
    Share,
    expiry,
    grant_live,
    hanging_interviews,
    stage_counts,
    stalled,
    text_checked,
)
from kith.errors import Conflict, InvalidInput, NotAllowed, NotFound
from kith.settings import Settings
from kith.store import database
from kith.store import users as rows
from kith.store.scope import from_db, to_db
from kith.store.store import Store

MIN_PASSWORD = 8
SESSION_DAYS = 14
MAX_NAME = 100


@dataclass(frozen=True)
class User:
    """Someone who signs in to the server."""

    id: int
    name: str
    email: str
    role: Role
    account: str  # the account holding their own network
    disabled: bool = False


@dataclass(frozen=True)
class Grant:
    """What a client lets one counselor see, and until when."""

    id: int
    client: str
    counselor: str
    state: GrantState
    shares: frozenset[Share]
    contacts: Contacts
    expires_at: datetime | None
    live: bool


@dataclass(frozen=True)
class Comment:
    """A counselor's comment, or a weekly goal they proposed, with the client's answer."""

    id: int
    counselor: str
    text: str
    state: GoalState
    created_at: datetime


@dataclass(frozen=True)
class AuditLine:
    """One line of the audit log: who did what, about whom, when."""

    at: datetime
    actor: str
    action: str
    detail: str


@dataclass(frozen=True)
class ClientRow:
    """One client on the counselor's dashboard (only what the grant shares is filled)."""

    client_id: int
    name: str
    shares: frozenset[Share]
    expires_at: datetime | None
    goals: list[GoalLine] | None = None
    streak: int | None = None
    stalled: bool | None = None
    last_logged: date | None = None
    hanging_interviews: int | None = None
    stages: dict[str, int] | None = None
    gives_per_ask: float | None = None
    i_gave: int | None = None
    i_asked: int | None = None


@dataclass(frozen=True)
class Dashboard:
    """All of a counselor's clients at a glance, and the requests still unanswered."""

    clients: list[ClientRow]
    waiting: list[str]


@dataclass(frozen=True)
class ContactLine:
    """A contact as a counselor may see one: a name and an organization, nothing more."""

    name: str
    organization: str


@dataclass(frozen=True)
class ClientView:
    """One client's page for a counselor: exactly the granted scopes."""

    row: ClientRow
    contacts: Contacts
    people: int | None = None
    contact_lines: list[ContactLine] | None = None
    targets: list[tuple[str, int, float]] | None = None  # company, warm paths, best warmth
    met_once_share: float | None = None
    circles: list[tuple[str, int, int]] | None = None  # circle, size, capacity
    active_months: int | None = None
    bursty: bool | None = None
    comments: list[Comment] = field(default_factory=list)


@dataclass(frozen=True)
class Coaching:
    """What a user sees of their counselors: grants, comments and goals, who read what."""

    grants: list[Grant]
    comments: list[Comment]
    accepted_goals: list[Comment]
    audit: list[AuditLine]


@dataclass(frozen=True)
class SignedIn:
    """A new session: the token for the cookie (kept on the server only as a hash)."""

    user: User
    token: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _hash(password: str) -> str:
    from argon2 import PasswordHasher  # argon2id, as web/passwords.py uses for kith passwd

    if len(password) < MIN_PASSWORD:
        raise InvalidInput(
            f"A password needs at least {MIN_PASSWORD} characters.", "Choose a longer one."
        )
    return PasswordHasher().hash(password)


def _verify(password_hash: str, password: str) -> bool:
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return PasswordHasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


_decoy: list[str] = []


def _decoy_hash() -> str:
    """A hash to check a sign-in for a name nobody has: it takes as long as a real one."""
    if not _decoy:
        _decoy.append(_hash(secrets.token_urlsafe(16)))
    return _decoy[0]


def _user(row: dict[str, Any], account: str) -> User:
    return User(row["id"], row["name"], row["email"], Role(row["role"]), account,
                row["disabled_at"] is not None)  # fmt: skip


class _AccountKith(Kith):
    """A user's Kith on the server's shared engine (the schema is already current)."""

    def __init__(self, settings: Settings, clock: Clock, store: Store) -> None:
        self.settings = settings
        self.clock = clock
        self.store = store


class Counseling:
    """The server's use cases between users, over one database."""

    def __init__(self, settings: Settings, clock: Clock = local_now) -> None:
        self.settings = settings
        self.clock = clock
        # opening a Kith migrates the database and creates its tables
        Kith(replace(settings, account="default"), clock).close()
        self.engine = database.create_engine(settings.db)
        self._kiths: dict[str, Kith] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _unit(self, write: bool = False) -> Iterator[Connection]:
        with database.transaction(self.engine, write) as connection:
            yield connection

    def kith_for(self, user: User) -> Kith:
        """The user's own network (one facade per account, kept for the server's life)."""
        with self._lock:
            found = self._kiths.get(user.account)
            if found is None:
                store = Store(self.settings.db, user.account, engine=self.engine)
                store.open(self.clock())
                settings = replace(self.settings, account=user.account)
                found = self._kiths[user.account] = _AccountKith(settings, self.clock, store)
            return found

    # --- users ------------------------------------------------------------------

    def add_user(self, name: str, email: str, role: Role, password: str) -> User:
        """A new user with their own empty network."""
        name = name.strip()
        if not name or len(name) > MAX_NAME or not name.isprintable() or ":" in name:
            raise InvalidInput(
                f"'{name}' cannot be a user name.",
                f"Use up to {MAX_NAME} printable characters, without ':'.",
            )
        password_hash = _hash(password)
        with self._unit(write=True) as conn:
            if rows.user_by_name(conn, name) is not None:
                raise Conflict(f"There is already a user called '{name}'.", "Choose another name.")
            user_id = rows.add_user(conn, name, email.strip(), role.value, password_hash,
                                    self.clock())  # fmt: skip
            rows.audit(conn, self.clock(), "user.add", None, user_id, f"{name} ({role.value})")
            return self._loaded(conn, user_id)

    def users(self) -> list[User]:
        """Every user, by name."""
        with self._unit() as conn:
            return [
                _user(r, rows.account_name(conn, r["account_id"])) for r in rows.all_users(conn)
            ]

    def set_password(self, name: str, password: str, by: User | None = None) -> User:
        """A new password (an admin's reset, or the command line); every session ends."""
        if by is not None and by.role is not Role.ADMIN and by.name != name:
            raise NotAllowed("Only an admin resets another user's password.", "Ask an admin.")
        password_hash = _hash(password)
        with self._unit(write=True) as conn:
            user = self._named(conn, name)
            rows.update_user(conn, user.id, password_hash=password_hash)
            rows.end_sessions(conn, user.id)
            rows.audit(conn, self.clock(), "user.password", by.id if by else None, user.id)
            return user

    def disable_user(self, name: str, by: User | None = None) -> User:
        """A user who can no longer sign in; their sessions end at once."""
        if by is not None and by.role is not Role.ADMIN:
            raise NotAllowed("Only an admin disables a user.", "Ask an admin.")
        with self._unit(write=True) as conn:
            user = self._named(conn, name)
            rows.update_user(conn, user.id, disabled_at=to_db(self.clock()))
            rows.end_sessions(conn, user.id)
            rows.audit(conn, self.clock(), "user.disable", by.id if by else None, user.id)
            return replace(user, disabled=True)

    def _named(self, conn: Connection, name: str) -> User:
        found = rows.user_by_name(conn, name.strip())
        if found is None:
            raise NotFound(f"There is no user called '{name}'.", "See the list of users.")
        return _user(found, rows.account_name(conn, found["account_id"]))

    def _loaded(self, conn: Connection, user_id: int) -> User:
        found = rows.user_by_id(conn, user_id)
        if found is None:
            raise NotFound(f"There is no user {user_id}.", "See the list of users.")
        return _user(found, rows.account_name(conn, found["account_id"]))

    # --- sessions -----------------------------------------------------------------

    def sign_in(self, name: str, password: str, address: str = "") -> SignedIn | None:
        """A new session for the right password (None otherwise); logged either way."""
        with self._unit() as conn:
            found = rows.user_by_name(conn, name.strip())
        right = _verify(found["password_hash"] if found else _decoy_hash(), password)
        now = self.clock()
        with self._unit(write=True) as conn:
            if found is None or not right or found["disabled_at"] is not None:
                why = "unknown name" if found is None else "disabled" if right else "wrong password"
                rows.audit(conn, now, "login.failed", found["id"] if found else None,
                           None, f"{name[:MAX_NAME]} from {address}: {why}")  # fmt: skip
                return None
            token = secrets.token_urlsafe(32)
            rows.add_session(conn, found["id"], _digest(token), now,
                             now + timedelta(days=SESSION_DAYS))  # fmt: skip
            rows.audit(conn, now, "login", found["id"], None, f"from {address}")
            return SignedIn(self._loaded(conn, found["id"]), token)

    def session_user(self, token: str) -> User | None:
        """Who a session token belongs to (None: unknown, expired, or the user disabled)."""
        if not token:
            return None
        with self._unit() as conn:
            found = rows.session_user(conn, _digest(token), self.clock())
            return _user(found, rows.account_name(conn, found["account_id"])) if found else None

    def sign_out(self, token: str) -> None:
        """End one session."""
        with self._unit(write=True) as conn:
            rows.end_session(conn, _digest(token))

    def sign_out_everywhere(self, user: User) -> int:
        """End every session of the user; how many ended."""
        with self._unit(write=True) as conn:
            ended = rows.end_sessions(conn, user.id)
            rows.audit(conn, self.clock(), "logout.everywhere", user.id, None, f"{ended} sessions")
            return ended

    def sign_ins(self, by: User) -> list[AuditLine]:
        """Sign-ins and failures, newest first (for an admin)."""
        if by.role is not Role.ADMIN:
            raise NotAllowed("Only an admin sees the sign-ins.", "Ask an admin.")
        with self._unit() as conn:
            found = rows.audit_rows(conn, actions=("login", "login.failed", "logout.everywhere"))
        return [_line(r) for r in found]

    # --- consent ------------------------------------------------------------------

    def grant(self, client: User, counselor_name: str, shares: frozenset[Share],
              contacts: Contacts = Contacts.OFF) -> Grant:  # fmt: skip
        """The client lets a counselor see `shares` (and contacts at a level) for 90 days;
        answers a counselor's request, renews, or changes what is shared."""
        now = self.clock()
        with self._unit(write=True) as conn:
            counselor = self._counselor(conn, counselor_name)
            if counselor.id == client.id:
                raise InvalidInput("A grant is to someone else.", "Name your counselor.")
            grant_id = rows.save_grant(conn, {
                "client_id": client.id, "counselor_id": counselor.id,
                "state": GrantState.ACTIVE.value, "scopes": sorted(s.value for s in shares),
                "contacts": contacts.value, "created_at": to_db(now),
                "expires_at": to_db(expiry(now)),
            })  # fmt: skip
            detail = f"to {counselor.name}: {', '.join(sorted(shares)) or 'nothing'}; " + (
                f"contacts {contacts.value}"
            )
            rows.audit(conn, now, "grant.give", client.id, client.id, detail)
            return self._grant(conn, grant_id, now)

    def request(self, counselor: User, client_name: str) -> Grant:
        """A counselor asks a client for a grant; nothing is shared until the client answers."""
        if counselor.role is not Role.COUNSELOR:
            raise NotAllowed("Only a counselor asks a client to share.", "")
        now = self.clock()
        with self._unit(write=True) as conn:
            client = self._named_quietly(conn, client_name)
            if client.id == counselor.id:
                raise InvalidInput("A request is to someone else.", "Name your client.")
            found = rows.grant_between(conn, client.id, counselor.id)
            if found is not None and found["state"] == GrantState.ACTIVE:
                return self._grant(conn, found["id"], now)
            grant_id = rows.save_grant(conn, {
                "client_id": client.id, "counselor_id": counselor.id,
                "state": GrantState.REQUESTED.value, "scopes": [], "contacts": Contacts.OFF.value,
                "created_at": to_db(now), "expires_at": None,
            })  # fmt: skip
            rows.audit(conn, now, "grant.request", counselor.id, client.id, f"by {counselor.name}")
            return self._grant(conn, grant_id, now)

    def revoke(self, client: User, grant_id: int) -> Grant:
        """The client ends a grant: the counselor's comments and goals go with it at once."""
        now = self.clock()
        with self._unit(write=True) as conn:
            found = rows.grant_by_id(conn, grant_id)
            if found is None or found["client_id"] != client.id:
                raise NotFound(f"You have no grant {grant_id}.", "See your counselors.")
            rows.save_grant(conn, {**found, "state": GrantState.REVOKED.value, "scopes": [],
                                   "contacts": Contacts.OFF.value, "expires_at": None})  # fmt: skip
            rows.delete_counselor_content(conn, client.id, found["counselor_id"])
            counselor = self._loaded(conn, found["counselor_id"])
            rows.audit(conn, now, "grant.revoke", client.id, client.id, f"from {counselor.name}")
            return self._grant(conn, grant_id, now)

    def _counselor(self, conn: Connection, name: str) -> User:
        found = self._named_quietly(conn, name)
        if found.role is not Role.COUNSELOR:
            raise NotFound(f"There is no counselor called '{name}'.", "Check the name.")
        return found

    def _named_quietly(self, conn: Connection, name: str) -> User:
        """A user by name for another user: disabled ones are nobody."""
        found = rows.user_by_name(conn, name.strip())
        if found is None or found["disabled_at"] is not None:
            raise NotFound(f"There is nobody called '{name}' on this server.", "Check the name.")
        return _user(found, rows.account_name(conn, found["account_id"]))

    def _grant(self, conn: Connection, grant_id: int, now: datetime) -> Grant:
        found = rows.grant_by_id(conn, grant_id)
        assert found is not None
        client = self._loaded(conn, found["client_id"])
        counselor = self._loaded(conn, found["counselor_id"])
        return _as_grant(found, client.name, counselor.name, now)

    # --- the client's side -------------------------------------------------------------

    def coaching(self, client: User) -> Coaching:
        """The client's grants, comments, accepted goals and who read what."""
        now = self.clock()
        with self._unit() as conn:
            grants = [_as_grant(r, r["client_name"], r["counselor_name"], now)
                      for r in rows.grants_where(conn, "client_id", client.id)]  # fmt: skip
            comments = [_comment(r) for r in rows.comments_for(conn, client.id)]
            audit = [_line(r) for r in rows.audit_rows(conn, subject_id=client.id)]
        accepted = [c for c in comments if c.state is GoalState.ACCEPTED]
        return Coaching(grants, comments, accepted, audit)

    def decide_goal(self, client: User, comment_id: int, accept: bool) -> Comment:
        """The client accepts or declines a goal a counselor proposed."""
        with self._unit(write=True) as conn:
            found = rows.comment_by_id(conn, comment_id)
            if found is None or found["client_id"] != client.id or not found["goal"]:
                raise NotFound(f"You have no proposed goal {comment_id}.", "See your counselors.")
            if found["state"] != GoalState.PROPOSED:
                raise Conflict(f"Goal {comment_id} is already {found['state']}.", "Nothing to do.")
            state = GoalState.ACCEPTED if accept else GoalState.DECLINED
            rows.set_comment_state(conn, comment_id, state.value)
            rows.audit(conn, self.clock(), f"goal.{state.value}", client.id, client.id,
                       found["text"][:80])  # fmt: skip
            return _comment({**found, "state": state.value, "counselor_name": ""})

    # --- the counselor's side ---------------------------------------------------------

    def dashboard(self, counselor: User) -> Dashboard:
        """Every client with a live grant, at a glance (one read logged per client)."""
        self._counseling(counselor)
        now = self.clock()
        with self._unit() as conn:
            found = rows.grants_where(conn, "counselor_id", counselor.id)
        clients = []
        for grant in found:
            if grant_live(grant["state"], from_db(grant["expires_at"]), now):
                clients.append(self._row(grant, now))
        waiting = [g["client_name"] for g in found if g["state"] == GrantState.REQUESTED]
        if clients:
            with self._unit(write=True) as conn:
                for row in clients:
                    rows.audit(conn, now, "read.dashboard", counselor.id, row.client_id,
                               f"{counselor.name}: {', '.join(sorted(row.shares))}")  # fmt: skip
        return Dashboard(clients, waiting)

    def client_view(self, counselor: User, client_id: int) -> ClientView:
        """One client's page: the granted scopes and nothing else (the read is logged)."""
        self._counseling(counselor)
        now = self.clock()
        with self._unit() as conn:
            grant = next((g for g in rows.grants_where(conn, "counselor_id", counselor.id)
                          if g["client_id"] == client_id), None)  # fmt: skip
        if grant is None or not grant_live(grant["state"], from_db(grant["expires_at"]), now):
            raise NotFound(f"You have no client {client_id}.", "See your clients.")
        row = self._row(grant, now)
        contacts = Contacts(grant["contacts"])
        extra = self._detail(grant, row.shares, contacts)
        with self._unit(write=True) as conn:
            comments = [_comment(r) for r in rows.comments_for(conn, client_id, counselor.id)]
            rows.audit(conn, now, "read.client", counselor.id, client_id,
                       f"{counselor.name}: {', '.join(sorted(row.shares))}; contacts "
                       f"{contacts.value}")  # fmt: skip
        return ClientView(row, contacts, comments=comments, **extra)

    def comment(self, counselor: User, client_id: int, text: str, goal: bool = False) -> Comment:
        """A comment (or a proposed weekly goal) to a client with a live grant."""
        self._counseling(counselor)
        text = text_checked(text, "goal" if goal else "comment")
        now = self.clock()
        with self._unit(write=True) as conn:
            grant = rows.grant_between(conn, client_id, counselor.id)
            if grant is None or not grant_live(grant["state"], from_db(grant["expires_at"]), now):
                raise NotFound(f"You have no client {client_id}.", "See your clients.")
            comment_id = rows.add_comment(conn, client_id, counselor.id, text, goal, now)
            rows.audit(conn, now, "goal.propose" if goal else "comment", counselor.id,
                       client_id, counselor.name)  # fmt: skip
            found = rows.comment_by_id(conn, comment_id)
            assert found is not None
            return _comment({**found, "counselor_name": counselor.name})

    def _counseling(self, user: User) -> None:
        if user.role is not Role.COUNSELOR:
            raise NotAllowed("Only a counselor has clients.", "")

    def _client_kith(self, grant: dict[str, Any]) -> Kith:
        with self._unit() as conn:
            account = rows.account_name(conn, grant["account_id"])
        return self.kith_for(User(grant["client_id"], grant["client_name"], "", Role.CLIENT,
                                  account))  # fmt: skip

    def _row(self, grant: dict[str, Any], now: datetime) -> ClientRow:
        shares = frozenset(Share(s) for s in grant["scopes"])
        values: dict[str, Any] = {}
        kith = self._client_kith(grant)
        if Share.WEEK in shares:
            week = kith.week()
            with self._unit() as conn:
                last = rows.last_logged(conn, grant["account_id"])
            values |= {
                "goals": [GoalLine(g.name, g.done, g.goal) for g in week.goals],
                "streak": week.streak, "stalled": stalled(last, now.date()), "last_logged": last,
                "hanging_interviews": hanging_interviews(kith.meetings()),
            }  # fmt: skip
        if Share.OPPORTUNITIES in shares:
            values["stages"] = stage_counts(kith.opps())
        if Share.HEALTH in shares:
            balance = kith.health().balance
            values |= {"gives_per_ask": balance.gives_per_ask, "i_gave": balance.i_gave,
                       "i_asked": balance.i_asked}  # fmt: skip
        return ClientRow(grant["client_id"], grant["client_name"], shares,
                         from_db(grant["expires_at"]), **values)  # fmt: skip

    def _detail(self, grant: dict[str, Any], shares: frozenset[Share],
                contacts: Contacts) -> dict[str, Any]:  # fmt: skip
        kith = self._client_kith(grant)
        values: dict[str, Any] = {}
        if Share.TARGETS in shares:
            values["targets"] = [(t.target.company, t.ways_in, round(t.warmth, 1))
                                 for t in kith.targets()]  # fmt: skip
        if Share.HEALTH in shares:
            report = kith.health()
            values |= {
                "met_once_share": report.breadth.share,
                "circles": [(c.circle.value, c.size, c.capacity) for c in report.circles],
                "active_months": report.rhythm.active_months, "bursty": report.rhythm.bursty,
            }  # fmt: skip
        if contacts is not Contacts.OFF:
            listed = kith.list_people(limit=None)
            values["people"] = len(listed)
            if contacts is Contacts.NAMES:
                values["contact_lines"] = [ContactLine(p.display_name, p.headline)
                                           for p in listed]  # fmt: skip
        return values


def _as_grant(row: dict[str, Any], client: str, counselor: str, now: datetime) -> Grant:
    expires = from_db(row["expires_at"])
    return Grant(row["id"], client, counselor, GrantState(row["state"]),
                 frozenset(Share(s) for s in row["scopes"]), Contacts(row["contacts"]), expires,
                 grant_live(row["state"], expires, now))  # fmt: skip


def _comment(row: dict[str, Any]) -> Comment:
    created = from_db(row["created_at"])
    assert created is not None
    return Comment(row["id"], row["counselor_name"], row["text"], GoalState(row["state"]), created)


def _line(row: dict[str, Any]) -> AuditLine:
    return AuditLine(row["at"], row["actor_name"] or "", row["action"], row["detail"])


__all__ = ["Contacts", "Counseling", "Role", "Share", "User"]
