from django.urls import path

from opportunities import views

app_name = "opportunities"
urlpatterns = [
    path("opportunities/", views.opportunity_list, name="opportunities"),
    path("opportunities/quarantine/", views.quarantine_list, name="quarantine"),
    path("opportunities/<str:ocid>/", views.opportunity_detail, name="opportunity"),
]
