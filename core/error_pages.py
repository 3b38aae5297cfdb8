"""The service's own error pages while DEBUG is on, for the demo (`make demo` sets
DEBUG_ERROR_PAGES=0): a newcomer who mistypes an address sees "Page not found", not Django's
technical page listing every URL pattern, which reads as a crash. Developers keep the technical
pages by default; an error's traceback is logged to the console either way.

Django picks its technical pages by DEBUG alone, when it turns an exception into a response, so
this middleware answers first, as Django does with DEBUG off: an address no URL pattern matches
and a view's Http404 get the 404 page, a bad request the 400 page, any other error the 500 page
(core/views.py). Forbidden is the service's 403 page already. An error raised in another
middleware still shows the technical page."""

from django.conf import settings
from django.core import signals
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.urls import Resolver404, get_resolver
from django.utils.log import log_response

from core.views import bad_request, page_not_found, server_error


def _active() -> bool:
    return settings.DEBUG and not settings.DEBUG_ERROR_PAGES


class ServiceErrorPagesInDebug:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _active():
            try:
                get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
            except Resolver404 as missing:
                return _not_found(request, missing)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not _active() or isinstance(exception, PermissionDenied | MultiPartParserError):
            return None
        if isinstance(exception, Http404):
            return _not_found(request, exception)
        if isinstance(exception, BadRequest | SuspiciousOperation):
            response = bad_request(request, exception)
            message = str(exception)
        else:
            signals.got_request_exception.send(sender=None, request=request)
            response = server_error(request)
            message = "Internal Server Error"
        log_response(
            "%s: %s",
            message,
            request.path,
            response=response,
            request=request,
            exception=exception,
        )
        return response


def _not_found(request, exception):
    response = page_not_found(request, exception)
    log_response("Not Found: %s", request.path, response=response, request=request)
    return response
