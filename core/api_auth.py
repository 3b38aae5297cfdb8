from ninja.security import HttpBearer, django_auth

from accounts.models import ApiToken


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer ahk_...` with a personal token created on the account page."""

    def authenticate(self, request, token):
        user = ApiToken.authenticate(token)
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
