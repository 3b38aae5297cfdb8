"""Who may open which view. Every view declares a rule with `@allow(...)`; a view without one is
refused by PermissionRuleMiddleware. Roles themselves are defined in core/roles.py."""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from core.roles import (  # noqa: F401 (re-exported for views)
    ANCHOR_ADMINS,
    ANYONE,
    BUYERS,
    COORDINATORS,
    MEMBERS,
    SIGNED_IN,
    Role,
    can_manage_organisation,
    role_of,
)


def allow(roles: Iterable[Role]) -> Callable:
    """Declare which roles may open a view. Anonymous visitors who are refused go to sign in."""
    allowed = frozenset(roles)

    def decorate(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            role = role_of(request.user)
            if role not in allowed:
                if role is Role.ANONYMOUS:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied("Your account does not give access to this page.")
            return view(request, *args, **kwargs)

        guarded.allowed_roles = allowed
        return guarded

    return decorate


# URL namespaces that enforce their own rules: the admin (coordinators only, accounts/admin.py)
# and the JSON API (per-operation auth, core/api.py).
SELF_GUARDED_NAMESPACES = {"admin", "api"}


class PermissionRuleMiddleware:
    """Fail closed: refuse to run any view that has no declared rule."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and set(match.namespaces) & SELF_GUARDED_NAMESPACES:
            return
        if not hasattr(view_func, "allowed_roles"):
            raise ImproperlyConfigured(
                f"The view {match.view_name if match else view_func!r} has no permission rule; "
                "decorate it with core.permissions.allow(...)."
            )
        return
