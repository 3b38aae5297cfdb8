from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
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
    reason = ""
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
    # No context processors here: the error may have come from them.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render({}))
