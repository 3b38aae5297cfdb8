from django.urls import path

from opportunities.views import capabilities, opportunity, quarantine, saved_searches, searching

app_name = "opportunities"
urlpatterns = [
    path("opportunities/", searching.opportunity_list, name="opportunities"),
    path("opportunities/pipeline/", searching.pipeline, name="pipeline"),
    path("opportunities/recommended/", capabilities.recommended_list, name="recommended"),
    path("opportunities/capabilities/", capabilities.capabilities, name="capabilities"),
    path(
        "opportunities/capabilities/set-up/",
        capabilities.capabilities_setup,
        name="capabilities_setup",
    ),
    path(
        "opportunities/capabilities/set-up/<slug:step>/",
        capabilities.capabilities_setup_step,
        name="capabilities_setup_step",
    ),
    path("opportunities/saved/", saved_searches.saved_searches, name="saved_searches"),
    path(
        "opportunities/saved/<int:pk>/delete/",
        saved_searches.saved_search_delete,
        name="saved_search_delete",
    ),
    path("opportunities/quarantine/", quarantine.quarantine_list, name="quarantine"),
    path("opportunities/<str:ocid>/interest/", opportunity.register_interest, name="interest"),
    path("opportunities/<str:ocid>/", opportunity.opportunity_detail, name="opportunity"),
    path("alerts/unsubscribe/<str:token>/", saved_searches.unsubscribe, name="unsubscribe"),
]
