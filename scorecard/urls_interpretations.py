"""URLs of the scorecard app's interpretations pages."""

from django.urls import path

from scorecard.views import interpretations as views

urlpatterns: list = [
    path("interpretations/", views.interpretation_list, name="interpretations"),
    path("interpretations/new/", views.interpretation_create, name="interpretation_create"),
    path("interpretations/<slug:slug>/", views.interpretation_detail, name="interpretation"),
    path(
        "interpretations/<slug:slug>/edit/", views.interpretation_edit, name="interpretation_edit"
    ),
    path(
        "interpretations/<slug:slug>/status/",
        views.interpretation_status,
        name="interpretation_status",
    ),
    path(
        "interpretations/<slug:slug>/adoptions/new/",
        views.interpretation_adopt,
        name="interpretation_adopt",
    ),
    path(
        "interpretations/<slug:slug>/adoptions/<slug:organisation>/withdraw/",
        views.interpretation_withdraw,
        name="interpretation_withdraw",
    ),
]
