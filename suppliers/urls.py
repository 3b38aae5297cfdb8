from django.urls import path

from suppliers import views

app_name = "suppliers"
urlpatterns = [
    path("suppliers/review/", views.review_list, name="review"),
    path("suppliers/review/<int:pk>/", views.review_decide, name="review_decide"),
]
