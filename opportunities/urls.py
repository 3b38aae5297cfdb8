from django.urls import path

from opportunities import views

app_name = "opportunities"
urlpatterns = [
    path("opportunities/", views.opportunity_list, name="opportunities"),
    path("opportunities/pipeline/", views.pipeline, name="pipeline"),
    path("opportunities/recommended/", views.recommended_list, name="recommended"),
    path("opportunities/capabilities/", views.capabilities, name="capabilities"),
    path("opportunities/saved/", views.saved_searches, name="saved_searches"),
    path(
        "opportunities/saved/<int:pk>/delete/",
        views.saved_search_delete,
        name="saved_search_delete",
    ),
    path("opportunities/quarantine/", views.quarantine_list, name="quarantine"),
    path("opportunities/<str:ocid>/interest/", views.register_interest, name="interest"),
    path("opportunities/<str:ocid>/", views.opportunity_detail, name="opportunity"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
