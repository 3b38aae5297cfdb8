from django.core.exceptions import BadRequest
from django.shortcuts import render

from core.permissions import ANYONE, allow


@allow(ANYONE)
def home(request):
    return render(request, "core/home.html")


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
    # A BadRequest raised by a view says which parameter is wrong; other refusals (a bad Host
    # header, a broken upload) keep the general wording.
    reason = str(exception) if type(exception) is BadRequest else ""
    return render(request, "400.html", {"reason": reason}, status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors here: the error may have come from them.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render({}))
