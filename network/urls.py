from django.urls import path

from network import views

app_name = "network"
urlpatterns = [
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<slug:slug>/sites/new/", views.site_add, name="site_add"),
    path("organisations/<slug:slug>/sites/<int:pk>/delete/", views.site_delete, name="site_delete"),
    path("organisations/<slug:slug>/champions/new/", views.champion_create, name="champion_create"),
    path("champions/", views.champion_list, name="champions"),
    path("champions/<int:pk>/edit/", views.champion_edit, name="champion_edit"),
    path("champions/<int:pk>/delete/", views.champion_delete, name="champion_delete"),
]
