from django.contrib import admin
from django.urls import include, path

from core import views
from core.api import api

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("", include("accounts.urls")),
    path("", include("network.urls")),
    path("", include("opportunities.urls")),
    path("", include("spend.urls")),
    path("", include("suppliers.urls")),
    path("", include("challenges.urls")),
    path("", include("cases.urls")),
    path("", include("jobs.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
