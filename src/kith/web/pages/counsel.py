"""The multi-user server's own pages (kith server): sign-in by user, the client's
sharing page, the counselor's dashboard and client pages, the admin's users and sign-ins.

Only mounted when the app runs multi-user; its /login and /logout come before the
one-password ones of auth.py. `/counsel` shows each role its own page.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from kith.core.coaching import Contacts, Role, Share
from kith.errors import InvalidInput, NotAllowed
from kith.web.deps import counseling_of, user_of, views_of
from kith.web.forms import Fields
from kith.web.security import SESSION_COOKIE, TooManyTries, client_address, cookies
from kith.web.throttle import LoginThrottle

router = APIRouter()
NAV = [("Counsel", "/counsel")]
SESSION_SECONDS = 14 * 86400


def _session_cookie(request: Request, token: str, max_age: int) -> str:
    """The session cookie: HttpOnly, SameSite=Lax, Secure over https or behind a TLS proxy."""
    secure = request.url.scheme == "https" or request.app.state.config.secure_cookies
    parts = [f"{SESSION_COOKIE}={token}", "Path=/", "HttpOnly", "SameSite=Lax",
             f"Max-Age={max_age}"] + (["Secure"] if secure else [])  # fmt: skip
    return "; ".join(parts)


@router.get("/login", include_in_schema=False)
def login_form(request: Request) -> Response:
    return views_of(request).page(request, "server_login.html", failed=False, name="")


@router.post("/login", include_in_schema=False)
def login(request: Request, form: Fields) -> Response:
    counseling, views = counseling_of(request), views_of(request)
    name = form.get("name", "").strip()
    old = cookies(request.scope).get(SESSION_COOKIE)
    throttle: LoginThrottle = request.app.state.throttle
    account, address = name.casefold(), client_address(request.scope)
    if (wait := throttle.retry_after(account, address)) is not None:
        raise TooManyTries(wait)
    throttle.failed(account, address)  # counted before the check, so parallel guesses count
    signed = counseling.sign_in(name, form.get("password", ""), address)
    if signed is None:
        return views.page(request, "server_login.html", status=401, failed=True, name=name)
    throttle.succeeded(account, address)
    if old:  # a new token on every sign-in: a session planted before it is worth nothing
        counseling.sign_out(old)
    response = views.redirect("/", f"Signed in as {signed.user.name}.")
    response.headers.append("set-cookie", _session_cookie(request, signed.token, SESSION_SECONDS))
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request) -> Response:
    token = cookies(request.scope).get(SESSION_COOKIE)
    if token:
        counseling_of(request).sign_out(token)
    response = views_of(request).redirect("/login")
    response.headers.append("set-cookie", _session_cookie(request, "", 0))
    return response


@router.post("/logout/everywhere", include_in_schema=False)
def logout_everywhere(request: Request) -> Response:
    ended = counseling_of(request).sign_out_everywhere(user_of(request))
    response = views_of(request).redirect("/login", f"Signed out of {ended} sessions.")
    response.headers.append("set-cookie", _session_cookie(request, "", 0))
    return response


@router.get("/counsel", include_in_schema=False)
def counsel_page(request: Request) -> Response:
    """Each role's own page: the counselor's clients, the admin's users, else sharing."""
    counseling, user, views = counseling_of(request), user_of(request), views_of(request)
    if user.role is Role.COUNSELOR:
        board = counseling.dashboard(user)
        return views.page(request, "counsel_dashboard.html", user=user, board=board,
                          coaching=counseling.coaching(user), shares=list(Share),
                          levels=list(Contacts))  # fmt: skip
    if user.role is Role.ADMIN:
        return views.page(request, "counsel_admin.html", user=user, users=counseling.users(),
                          sign_ins=counseling.sign_ins(user))  # fmt: skip
    return views.page(request, "counsel_sharing.html", user=user,
                      coaching=counseling.coaching(user), shares=list(Share),
                      levels=list(Contacts))  # fmt: skip


@router.get("/counsel/clients/{client_id}", include_in_schema=False)
def client_page(request: Request, client_id: int) -> Response:
    view = counseling_of(request).client_view(user_of(request), client_id)
    return views_of(request).page(request, "counsel_client.html", view=view)


@router.post("/counsel/clients/{client_id}/comments", include_in_schema=False)
def comment(request: Request, client_id: int, form: Fields) -> Response:
    goal = form.get("kind") == "goal"
    counseling_of(request).comment(user_of(request), client_id, form.get("text", ""), goal)
    message = "Goal proposed." if goal else "Comment sent."
    return views_of(request).redirect(f"/counsel/clients/{client_id}", message)


@router.post("/counsel/requests", include_in_schema=False)
def ask_client(request: Request, form: Fields) -> Response:
    grant = counseling_of(request).request(user_of(request), form.get("client", ""))
    return views_of(request).redirect("/counsel", f"Asked {grant.client} to share.")


@router.post("/counsel/grants", include_in_schema=False)
def give_grant(request: Request, form: Fields) -> Response:
    shares = frozenset(s for s in Share if form.get(f"share_{s.value}"))
    try:
        contacts = Contacts(form.get("contacts", Contacts.OFF.value))
    except ValueError:
        raise InvalidInput("That contacts level is not one Kith knows.", "Choose one.") from None
    grant = counseling_of(request).grant(user_of(request), form.get("counselor", ""), shares,
                                         contacts)  # fmt: skip
    return views_of(request).redirect("/counsel", f"{grant.counselor} now sees what you chose.")


@router.post("/counsel/grants/{grant_id}/revoke", include_in_schema=False)
def revoke(request: Request, grant_id: int) -> Response:
    grant = counseling_of(request).revoke(user_of(request), grant_id)
    return views_of(request).redirect("/counsel", f"{grant.counselor} sees nothing any more.")


@router.post("/counsel/goals/{goal_id}/{answer}", include_in_schema=False)
def decide(request: Request, goal_id: int, answer: str) -> Response:
    if answer not in ("accept", "decline"):
        raise InvalidInput(f"'{answer}' is not an answer to a goal.", "Accept or decline it.")
    counseling_of(request).decide_goal(user_of(request), goal_id, answer == "accept")
    return views_of(request).redirect("/counsel", f"Goal {answer}ed.")


@router.post("/counsel/users/{name}/{action}", include_in_schema=False)
def admin_action(request: Request, name: str, action: str, form: Fields) -> Response:
    counseling, admin = counseling_of(request), user_of(request)
    if admin.role is not Role.ADMIN:
        raise NotAllowed("Only an admin manages users.", "Ask an admin.")
    if action == "disable":
        counseling.disable_user(name, by=admin)
        return views_of(request).redirect("/counsel", f"{name} is disabled.")
    if action == "password":
        counseling.set_password(name, form.get("password", ""), by=admin)
        return views_of(request).redirect("/counsel", f"{name} has a new password.")
    raise InvalidInput(f"'{action}' is not something to do to a user.", "Disable or reset.")
