"""The members page and join-request decisions, at the organisation's URLs and in the network's
URL namespace (core/urls.py mounts them there), where links to them have always pointed."""

from django.urls import path

from accounts import membership_views

urlpatterns = [
    path(
        "organisations/<slug:slug>/members/",
        membership_views.organisation_members,
        name="members",
    ),
    path(
        "organisations/<slug:slug>/join-requests/<int:pk>/",
        membership_views.join_request_decide,
        name="join_request_decide",
    ),
]
