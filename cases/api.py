"""The case library in the JSON API, within the sharing rules: anonymous callers get public cases;
a personal token or a session adds what that user may see."""

from __future__ import annotations

from django.http import Http404
from ninja import Router
from ninja.errors import AuthenticationError

from cases import exports, search, services
from cases.sharing import Status
from core.api_auth import ApiTokenAuth
from core.api_errors import responses

router = Router(tags=["Cases"])


def _user(request):
    """The caller: a bearer token's user if one is sent, else the session's (or anonymous)."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        user = ApiTokenAuth().authenticate(request, header.removeprefix("Bearer ").strip())
        if user is None:
            raise AuthenticationError
        return user
    return request.user


@router.get(
    "/cases", response=responses(dict, 401, 422), summary="Published cases the caller may see"
)
def list_cases(request, q: str = "", sector: str = "", route: str = "", barrier: str = ""):
    user = _user(request)
    cases = [c for c in services.visible(user) if c.status == Status.PUBLISHED]
    if q:
        cases = search.rank(cases, q)
    filters = {"sector": sector, "route": route, "barrier": barrier}
    return {
        "count": len(found := [c for c in cases if search.matches(c, filters)]),
        "cases": [exports.as_dict(c, request.build_absolute_uri) for c in found],
    }


@router.get(
    "/cases/{slug}",
    response=responses(dict, 401, 404),
    summary="One case, if the caller may see it",
)
def get_case(request, slug: str):
    user = _user(request)
    case = services.visible(user).filter(slug=slug, status=Status.PUBLISHED).first()
    if case is None:
        raise Http404("No such case")
    return exports.as_dict(case, request.build_absolute_uri)
