from django.urls import path

from spend import views

app_name = "spend"
urlpatterns = [
    path("spend/", views.ledger_home, name="ledger_home"),
    path("spend/imports/", views.imports, name="imports"),
    path("spend/upload/", views.upload, name="upload"),
    path("spend/upload/<str:token>/", views.confirm, name="confirm"),
    path("spend/imports/<int:pk>/", views.import_detail, name="import"),
    path("spend/imports/<int:pk>/rejected.csv", views.rejected_csv, name="rejected_csv"),
    path("spend/ledger/<slug:slug>/", views.ledger_view, name="ledger"),
    path("spend/ledger/<slug:slug>/print/", views.ledger_print, name="ledger_print"),
    path("spend/ledger/<slug:slug>/lm3/", views.lm3, name="lm3"),
    path("spend/ledger/<slug:slug>/publish/", views.publish, name="publish"),
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
