"""Sign-in throttling on django-axes (decision 0013): what is counted, when attempts are refused,
and the page that says when to try again. The rules themselves are `accounts/throttling.py`.

Axes records each failure against the normalised email address and the client's address (the
same normalisation the sign-in backend looks accounts up with) and refuses an attempt before any
password is checked. This handler replaces axes' fixed lock with growing delays, so that an
attacker's failures slow down only their own address, never the account's owner elsewhere.
"""

import logging
import math
from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

from accounts.emails import normalise_email
from accounts.throttling import Schedule, client_address

log = logging.getLogger(__name__)

# AccessAttempt.username holds at most this many characters (no account's address is longer).
_USERNAME_LENGTH = 255


def username(request, credentials) -> str | None:
    """AXES_USERNAME_CALLABLE: the email address as the sign-in backend will look it up."""
    field = settings.AXES_USERNAME_FORM_FIELD
    value = credentials.get(field) if credentials else None
    if value is None and request is not None:
        value = request.POST.get(field)
    if not isinstance(value, str):
        return None
    return normalise_email(value)[:_USERNAME_LENGTH]


_warned_about_proxy = False


def client_ip(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the client's address, trusting X-Forwarded-For only as far as
    TRUSTED_PROXY_COUNT says (accounts/throttling.py)."""
    global _warned_about_proxy  # noqa: PLW0603 (warn once per process)
    forwarded_for = request.META.get("HTTP_X_FORWARDED_FOR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    if forwarded_for and not trusted and not _warned_about_proxy:
        _warned_about_proxy = True
        log.warning(
            "Sign-in requests carry X-Forwarded-For but TRUSTED_PROXY_COUNT is 0, so the header "
            "is ignored. If AnchorHub runs behind a proxy, set TRUSTED_PROXY_COUNT to the number "
            "of proxies: otherwise everyone behind it is counted as one client."
        )
    return client_address(request.META.get("REMOTE_ADDR", ""), forwarded_for, trusted)


def _schedule(limit: int) -> Schedule:
    return Schedule(
        limit,
        timedelta(minutes=settings.SIGN_IN_FIRST_DELAY_MINUTES),
        timedelta(minutes=settings.SIGN_IN_LONGEST_DELAY_MINUTES),
    )


def per_account() -> Schedule:
    """For one account from one client address."""
    return _schedule(settings.AXES_FAILURE_LIMIT)


def per_address() -> Schedule:
    """For one client address across every account it tries (credential stuffing)."""
    return _schedule(settings.SIGN_IN_ADDRESS_FAILURE_LIMIT)


def refused_until(request, credentials=None) -> datetime | None:
    """Until when this request's attempt is refused, or None if it may go ahead."""
    now = request.axes_attempt_time
    remembered = AccessAttempt.objects.filter(attempt_time__gte=now - get_cool_off(request))
    ip_address = request.axes_ip_address
    totals = {"failures": Sum("failures_since_start"), "last": Max("attempt_time")}
    account = remembered.filter(
        username=get_client_username(request, credentials), ip_address=ip_address
    ).aggregate(**totals)
    address = remembered.filter(ip_address=ip_address).aggregate(**totals)
    ends = [
        per_account().refused_until(account["failures"] or 0, account["last"]),
        per_address().refused_until(address["failures"] or 0, address["last"]),
    ]
    return max((end for end in ends if end is not None and end > now), default=None)


class SignInThrottle(AxesDatabaseHandler):
    """AXES_HANDLER: axes' database records, with `refused_until` deciding who is refused."""

    def is_locked(self, request, credentials=None) -> bool:
        return refused_until(request, credentials) is not None

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        # Axes itself refuses at AXES_FAILURE_LIMIT for the account and address; this adds the
        # limit for the address across accounts.
        if (
            request is not None
            and not request.axes_locked_out
            and self.is_locked(request, credentials)
        ):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the page saying when this person can try again (429, Retry-After)."""
    until = refused_until(request, credentials)
    seconds = 60
    if until is not None:
        seconds = max(1, math.ceil((until - request.axes_attempt_time).total_seconds()))
    response = render(
        request,
        "accounts/locked_out.html",
        {
            "until": timezone.localtime(until) if until else None,
            "minutes": math.ceil(seconds / 60),
            "longest_minutes": settings.SIGN_IN_LONGEST_DELAY_MINUTES,
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
