"""How the API knows its caller: a personal token (`Authorization: Bearer ahk_...`) or a signed-in
browser session. Tokens are accounts' records, and accounts is above core (docs/ARCHITECTURE.md),
so accounts hands its check in at start-up (`accept_tokens` in AccountsConfig.ready()); until then
no token is accepted."""

from collections.abc import Callable

from ninja.security import HttpBearer, django_auth

_token_checks: list[Callable] = []


def accept_tokens(check: Callable) -> None:
    """`check(secret)` gives the token's user, or None for an unknown, revoked or expired one."""
    if check not in _token_checks:
        _token_checks.append(check)


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer ahk_...` with a personal token created on the account page."""

    def authenticate(self, request, token):
        user = next((found for check in _token_checks if (found := check(token))), None)
        if user is not None:
            request.user = user
        return user


# A personal token, or a signed-in browser session (with CSRF on changes).
SIGNED_IN_API = [ApiTokenAuth(), django_auth]


class InvalidInput(Exception):
    """A request whose fields fail validation: answered 422 with one message per field."""

    def __init__(self, errors: list[dict]):
        super().__init__("The request is not valid")
        self.errors = errors
