import sys

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, TooManyFieldsSent
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader

from core import panels
from core.context_processors import NAVIGATION
from core.faults import RETRY_AFTER_SECONDS, unreachable_database_error
from core.permissions import ANYONE, SIGNED_IN, allow, role_of


@allow(ANYONE)
def home(request):
    """What the person signed in should do next, from every app's "home" panels (the apps
    provide them, core/panels.py); the coordinator's home is the network's dashboard."""
    found = panels.collect("home", request.user)
    figures = panels.collect("home_figures", request.user)
    return render(
        request,
        "core/home.html",
        {
            "panels": sorted(found, key=lambda panel: panel.order),
            "figures": sorted(figures, key=lambda figure: figure.order),
        },
    )


@allow(ANYONE)
def section(request, slug):
    """A section's landing page: its pages for the role, each with what it is for."""
    found = next((s for s in NAVIGATION[role_of(request.user)] if s.slug == slug), None)
    if found is None:
        raise Http404("No such section")
    return render(request, "core/section.html", {"section": found})


@allow(SIGNED_IN)
def my_activity(request):
    """Everything the person has done, across the apps: saved searches, interest registered,
    questions, proposals, imports, cases (each app's "my_activity" sections)."""
    found = panels.collect("my_activity", request.user)
    return render(
        request,
        "core/my_activity.html",
        {"panels": sorted(found, key=lambda panel: panel.order)},
    )


@allow(ANYONE)
def accessibility(request):
    return render(request, "core/accessibility.html")


@allow(ANYONE)
def privacy(request):
    return render(request, "core/privacy.html")


@allow(ANYONE)
def cookies(request):
    return render(request, "core/cookies.html")


def bad_request(request, exception=None):
    # A BadRequest raised by a view says which parameter is wrong and what it may be.
    reason = str(exception) if type(exception) is BadRequest else ""
    if isinstance(exception, TooManyFieldsSent):
        reason = (
            f"The form sent more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,} fields, more "
            "than any AnchorHub form has. Go back and send fewer rows."
        )
    elif isinstance(exception, RequestDataTooBig):
        reason = (
            f"The form sent more than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)} MB "
            "of data, more than any AnchorHub form takes. Go back and send less."
        )
    return render(request, "400.html", {"reason": reason}, status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Every uncaught error of every layer ends here, middleware included (Django turns each
    layer's exception into a response on the spot), so this is the one place that can tell a
    database out of reach (503) from a fault in the code (500)."""
    if unreachable_database_error(sys.exc_info()[1]) is not None:
        return database_unavailable(request)
    # No context processors here: the error may have come from them.
    return HttpResponseServerError(loader.get_template("500.html").render({}))


def database_unavailable(request):
    """503 with Retry-After; touches neither the session nor the user (both live in the database)."""
    if getattr(request, "path", "").startswith("/api/"):
        response = JsonResponse(
            {"detail": "AnchorHub cannot reach its database just now. Try again in a minute."},
            status=503,
        )
    else:
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
