from ninja import Router, Schema

from core.api_auth import SIGNED_IN_API
from core.api_errors import responses
from core.roles import role_of

router = Router(tags=["Account"])


class MeOut(Schema):
    email: str
    full_name: str
    role: str
    organisation: str | None
    organisation_slug: str | None
    is_organisation_admin: bool


@router.get(
    "/me",
    response=responses(MeOut, 401),
    auth=SIGNED_IN_API,
    summary="The account behind the token",
)
def me(request):
    user = request.auth
    return {
        "email": user.email,
        "full_name": user.full_name,
        "role": role_of(user).value,
        "organisation": user.organisation.name if user.organisation else None,
        "organisation_slug": user.organisation.slug if user.organisation else None,
        "is_organisation_admin": user.is_organisation_admin,
    }
