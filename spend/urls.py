from django.urls import path

from spend import views

app_name = "spend"
urlpatterns = [
    path("spend/", views.imports, name="imports"),
    path("spend/upload/", views.upload, name="upload"),
    path("spend/upload/<str:token>/", views.confirm, name="confirm"),
    path("spend/imports/<int:pk>/", views.import_detail, name="import"),
    path("spend/imports/<int:pk>/rejected.csv", views.rejected_csv, name="rejected_csv"),
]
