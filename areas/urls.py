"""The areas app's URLs: the network's areas, each area's page and its suppliers."""

from django.urls import path

from areas import views

app_name = "areas"

urlpatterns = [
    path("areas/", views.area_list, name="list"),
    path("areas/new/", views.area_new, name="new"),
    path("areas/<slug:slug>/", views.area_detail, name="detail"),
    path("areas/<slug:slug>/edit/", views.area_edit, name="edit"),
    path("areas/<slug:slug>/suppliers/", views.area_suppliers, name="suppliers"),
    path(
        "areas/<slug:slug>/suppliers.csv",
        views.area_suppliers_download,
        name="suppliers_download",
    ),
]
