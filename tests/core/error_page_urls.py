"""The service's URLs and one whose view fails, for tests/core/test_error_pages.py."""

from django.urls import path

from core.permissions import ANYONE, allow
from core.urls import urlpatterns as service


@allow(ANYONE)
def fails(request):
    raise RuntimeError("a fault in the code")


urlpatterns = [path("fails/", fails), *service]
