"""URLs of the scorecard app's charter pages."""

from django.urls import path

from scorecard.views import charter

urlpatterns = [
    path("charter/", charter.charter_list, name="charter"),
    path("charter/new/", charter.commitment_create, name="charter_add"),
    path("charter/adoption/", charter.adoption_picture, name="charter_adoption"),
    path("charter/adoption.<str:fmt>", charter.adoption_download, name="charter_adoption_download"),
    path("charter/<slug:slug>/", charter.commitment_detail, name="charter_commitment"),
    path("charter/<slug:slug>/progress/", charter.commitment_progress, name="charter_progress"),
    path("charter/<slug:slug>/edit/", charter.commitment_edit, name="charter_edit"),
    path("charter/<slug:slug>/status/", charter.commitment_status, name="charter_status"),
    path("charter/<slug:slug>/adopt/", charter.adoption_record, name="charter_adopt"),
    path(
        "charter/<slug:slug>/adoptions/<int:pk>/withdraw/",
        charter.adoption_withdraw,
        name="charter_withdraw",
    ),
]
