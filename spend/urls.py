from django.urls import path

from spend import views, views_imports, views_rings

app_name = "spend"
urlpatterns = [
    path("spend/", views.ledger_home, name="ledger_home"),
    path("spend/imports/", views_imports.imports, name="imports"),
    path("spend/upload/", views_imports.upload, name="upload"),
    path("spend/upload/<str:token>/", views_imports.confirm, name="confirm"),
    path("spend/upload/<str:token>/discard/", views_imports.discard, name="discard"),
    path("spend/imports/<int:pk>/", views_imports.import_detail, name="import"),
    path("spend/imports/<int:pk>/rejected.csv", views_imports.rejected_csv, name="rejected_csv"),
    path("spend/imports/<int:pk>/withdraw/", views_imports.withdraw_import, name="withdraw"),
    path(
        "spend/imports/<int:pk>/followup.json",
        views_imports.followup_status,
        name="followup_status",
    ),
    path("spend/ledger/<slug:slug>/", views.ledger_view, name="ledger"),
    path("spend/ledger/<slug:slug>/print/", views.ledger_print, name="ledger_print"),
    path("spend/ledger/<slug:slug>/lm3/", views.lm3, name="lm3"),
    path("spend/ledger/<slug:slug>/publish/", views.publish, name="publish"),
    path("spend/ledger/<slug:slug>/rings/", views_rings.rings, name="rings"),
    path(
        "spend/ledger/<slug:slug>/<slug:table>.<str:fmt>",
        views.ledger_download,
        name="ledger_download",
    ),
    path("spend/network/", views.network_view, name="network"),
    path("spend/network.<str:fmt>", views.network_download, name="network_download"),
    path("spend/published/", views.published_list, name="published"),
    path(
        "spend/published/<slug:slug>/<int:year>/", views.published_detail, name="published_detail"
    ),
    path(
        "spend/published/<slug:slug>/<int:year>/<slug:table>.<str:fmt>",
        views.published_download,
        name="published_download",
    ),
]
