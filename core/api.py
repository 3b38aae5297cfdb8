"""The JSON API (django-ninja) under /api/: OpenAPI at /api/openapi.json, interactive docs at /api/docs."""

from csp.decorators import csp_update
from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from accounts.api import router as accounts_router
from cases.api import router as cases_router
from challenges.api import router as challenges_router
from core.api_auth import InvalidInput
from core.api_errors import field_message, field_path
from network.api import router as network_router
from opportunities.api import router as opportunities_router
from scorecard.api import router as scorecard_router

api = NinjaAPI(
    title="AnchorHub API",
    version="1",
    description=(
        "Open data about the West Midlands anchor network: organisations and their innovation-"
        "procurement champions. Reading is open to everyone; changes need a personal API token "
        "(create one on your account page) sent as `Authorization: Bearer <token>`."
    ),
    urls_namespace="api",
    # Swagger UI sets inline styles; only the docs page relaxes the style policy.
    docs_decorator=csp_update({"style-src": ["'self'", "'unsafe-inline'"]}),
)


def _error(request, status, message, **extra):
    return api.create_response(request, {"detail": message, **extra}, status=status)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, str(exc) or "Not found")


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return _error(request, 403, str(exc) or "Your account cannot do this")


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    return _error(
        request,
        401,
        "Authentication required: send 'Authorization: Bearer <token>' with a valid, unrevoked "
        "API token, or sign in.",
    )


@api.exception_handler(ValidationError)
def invalid(request, exc):
    errors = [
        {"field": field_path(tuple(error.get("loc", ()))), "message": field_message(error)}
        for error in exc.errors
    ]
    return _error(request, 422, "The request is not valid; see 'errors'.", errors=errors)


@api.exception_handler(InvalidInput)
def invalid_input(request, exc):
    return _error(request, 422, "The request is not valid; see 'errors'.", errors=exc.errors)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return _error(request, exc.status_code, str(exc))


api.add_router("/", network_router)
api.add_router("/", accounts_router)
api.add_router("/", opportunities_router)
api.add_router("/", challenges_router)
api.add_router("/", cases_router)
api.add_router("/", scorecard_router)
