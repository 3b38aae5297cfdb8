"""The site's URLs: a composition root (docs/ARCHITECTURE.md), so it may import any app. Two
namespaces gather pages from an app above the one they are named for, so their names and paths stay
where links have always pointed: `network` also holds accounts' members page (join requests are
accounts' records) and `suppliers` also holds spend's payee pages (payees are spend's records)."""

from django.contrib import admin
from django.urls import include, path, re_path

from accounts import membership_urls
from core import views
from core.api import api
from core.context_processors import SECTION_SLUGS
from network import urls as network_urls
from spend import payee_urls
from suppliers import urls as supplier_urls

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("my-activity/", views.my_activity, name="my_activity"),
    re_path(rf"^(?P<slug>{'|'.join(SECTION_SLUGS)})/$", views.section, name="section"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("", include("accounts.urls")),
    path("", include((network_urls.urlpatterns + membership_urls.urlpatterns, "network"))),
    path("", include("opportunities.urls")),
    path("", include("spend.urls")),
    path("", include((supplier_urls.urlpatterns + payee_urls.urlpatterns, "suppliers"))),
    path("", include("challenges.urls")),
    path("", include("scorecard.urls")),
    path("", include("areas.urls")),
    path("", include("cases.urls")),
    path("", include("maturity.urls")),
    path("", include("programmes.urls")),
    path("", include("socialvalue.urls")),
    path("", include("jobs.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
