from django.urls import path

from jobs import views

app_name = "jobs"
urlpatterns = [
    path("jobs/", views.job_list, name="list"),
    path("jobs/<int:pk>/", views.detail, name="detail"),
    path("jobs/<int:pk>/status.json", views.status_json, name="status"),
]
